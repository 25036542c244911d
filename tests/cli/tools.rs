//! External tools some tests need (Chromium, the Nu HTML checker). `.ci/run` installs them; under
//! CI a missing tool fails the test, elsewhere the test says what to install and is skipped.

use std::path::PathBuf;

/// Returns the tool, or `None` after explaining (panics under CI, where it must be there).
fn require(name: &str, found: Option<PathBuf>, install: &str) -> Option<PathBuf> {
    if found.is_some() {
        return found;
    }
    let message = format!("{name} not found; {install} (bash .ci/run installs it)");
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

/// Headless Chromium with the flags this machine needs (no sandbox as root, no background
/// network: the machine has none) and a fresh profile.
pub fn headless(chromium: &std::path::Path, profile: &std::path::Path) -> std::process::Command {
    let mut command = std::process::Command::new(chromium);
    command.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1200,1600",
    ]);
    command.arg(format!("--user-data-dir={}", profile.display()));
    command
}
