//! External tools some tests need (Chromium, the Nu HTML checker, Node with playwright-core).
//! `.ci/run` installs them; under CI a missing tool fails the test, elsewhere the test says what
//! to install and is skipped.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Returns the tool, or `None` after explaining (panics under CI, where it must be there).
fn require(name: &str, found: Option<PathBuf>, install: &str) -> Option<PathBuf> {
    if found.is_some() {
        return found;
    }
    skip(&format!("{name} not found; {install} (bash .ci/run installs it)"))
}

/// Says why the test is skipped and returns `None`; under CI, where nothing may be missing, panics.
pub fn skip<T>(message: &str) -> Option<T> {
    if std::env::var_os("CI").is_some() {
        panic!("{message}");
    }
    eprintln!("skipped: {message}");
    None
}

pub fn chromium() -> Option<PathBuf> {
    let found = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file());
    require("chromium", found, "apt-get install chromium")
}

pub fn vnu_jar() -> Option<PathBuf> {
    let found = std::env::var_os("VNU_JAR")
        .map(PathBuf::from)
        .or_else(|| Some(crate::util::repo().join(".tools/node_modules/vnu-jar/build/dist/vnu.jar")))
        .filter(|p| p.is_file());
    require(
        "the Nu HTML checker (vnu.jar)",
        found,
        "npm install --prefix .tools vnu-jar",
    )
}

/// The package folder of playwright-core (`.tools/node_modules/`), with a Node.js it runs on
/// (20 or newer), for the scripts in `tests/browser/` (see [`browser_script`]).
pub fn playwright_core() -> Option<PathBuf> {
    let node = Command::new("node").arg("--version").output().ok();
    let major = node.filter(|o| o.status.success()).and_then(|o| {
        String::from_utf8_lossy(&o.stdout)
            .trim()
            .strip_prefix('v')?
            .split('.')
            .next()?
            .parse()
            .ok()
    });
    if major.is_none_or(|m: u32| m < 20) {
        return skip("node 20 or newer not found (playwright-core needs it); install Node.js 20+");
    }
    let package = crate::util::repo().join(".tools/node_modules/playwright-core");
    require(
        "playwright-core",
        Some(package).filter(|p| p.join("package.json").is_file()),
        "npm install --prefix .tools playwright-core",
    )
}

/// The flags this machine needs (no sandbox as root, no background network: the machine has
/// none), for [`headless`] and the Playwright scripts alike.
const CHROMIUM_FLAGS: &[&str] = &[
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1200,1600",
];

/// Headless Chromium with [`CHROMIUM_FLAGS`] and a fresh profile.
pub fn headless(chromium: &Path, profile: &Path) -> Command {
    let mut command = Command::new(chromium);
    command.arg("--headless").args(CHROMIUM_FLAGS);
    command.arg(format!("--user-data-dir={}", profile.display()));
    command
}

/// `node tests/browser/<script>`, told where playwright-core and Chromium are and which flags
/// Chromium needs (`PLAYWRIGHT_CORE`, `CHROMIUM`, `CHROMIUM_FLAGS`).
pub fn browser_script(script: &str, playwright_core: &Path, chromium: &Path) -> Command {
    let mut command = Command::new("node");
    command
        .arg(crate::util::repo().join("tests/browser").join(script))
        .env("PLAYWRIGHT_CORE", playwright_core)
        .env("CHROMIUM", chromium)
        .env("CHROMIUM_FLAGS", CHROMIUM_FLAGS.join(" "));
    command
}
