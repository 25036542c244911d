//! One helper to run the binary in a temp folder with a cleared environment, and readers for
//! what it writes.

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

pub fn bin() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_veille"));
    command
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default());
    command
}

/// Runs veille in `dir` with `args`.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    bin().current_dir(dir).args(args).output().expect("veille runs")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The repository root (fixtures, samples).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `.md` files of a folder, sorted.
pub fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "md"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Front matter of a written article, as YAML.
pub fn front(path: &Path) -> (serde_yaml::Value, String) {
    let text = std::fs::read_to_string(path).expect("readable article");
    let rest = text.strip_prefix("---\n").expect("front matter fence");
    let end = rest.find("\n---\n").expect("closing fence");
    let yaml = serde_yaml::from_str(&rest[..end]).expect("front matter parses");
    (yaml, rest[end + 5..].to_string())
}

pub fn str_field<'a>(yaml: &'a serde_yaml::Value, key: &str) -> Option<&'a str> {
    yaml.get(key).and_then(|v| v.as_str())
}

/// The bundled sample (`content/` and `veille.toml` of the repository) built into a temp folder.
pub fn bundled_sample() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = repo();
    let output = bin()
        .current_dir(dir.path())
        .args(["build", "--root", root.to_str().unwrap(), "--output"])
        .arg(dir.path().join("public"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let public = dir.path().join("public");
    assert!(public.join("index.html").is_file());
    (dir, public)
}

/// The text of every element matching `css`, white space collapsed: what a reader sees.
pub fn texts(html: &scraper::Html, css: &str) -> Vec<String> {
    let selector = scraper::Selector::parse(css).unwrap();
    html.select(&selector)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// Every file under `dir`, path → bytes.
pub fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let path = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            (path, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Writes `count` generated articles into `content` (`gen-0001.md`…): dates over three years,
/// a few actors and countries each, `words` words of body. `salt` goes into every title, so
/// a second call with another salt changes every article.
pub fn generated_archive(content: &Path, count: usize, words: usize, salt: &str) {
    const ACTORS: &[&str] = &["JNIM", "Wagner", "Africa Corps", "ECOWAS", "FAMa", "MINUSMA"];
    const COUNTRIES: &[&str] = &["Mali", "Burkina Faso", "Niger", "Senegal", "Chad"];
    const VOCABULARY: &[&str] = &[
        "convoi",
        "frontière",
        "embuscade",
        "marché",
        "élection",
        "ministre",
        "réfugiés",
        "récolte",
        "attaque",
        "patrouille",
        "négociations",
        "sécurité",
        "déplacés",
        "camp",
        "route",
        "village",
    ];
    std::fs::create_dir_all(content).unwrap();
    for i in 0..count {
        let body: Vec<&str> = (0..words)
            .map(|w| VOCABULARY[(i * 7 + w * 13 + w / 5) % VOCABULARY.len()])
            .collect();
        let paragraphs: Vec<String> = body.chunks(60).map(|c| c.join(" ") + ".").collect();
        let text = format!(
            "---\ntitle: 'Article {i} {salt}'\ndate: {}-{:02}-{:02}\nlang: fr\nsection: Sahel\n\
             actors: [{}, {}]\ncountries: [{}]\n---\n\n{}\n",
            2023 + i % 3,
            1 + i % 12,
            1 + i % 28,
            ACTORS[i % ACTORS.len()],
            ACTORS[(i / 3 + 1) % ACTORS.len()],
            COUNTRIES[i % COUNTRIES.len()],
            paragraphs.join("\n\n")
        );
        std::fs::write(content.join(format!("gen-{i:04}.md")), text).unwrap();
    }
}

/// One HTTP/1.0 GET: status and body (empty on a connection error, so a refused request fails
/// the caller's assertion, not this thread).
pub fn http_get(port: u16, path: &str) -> (u16, Vec<u8>) {
    let attempt = || -> std::io::Result<Vec<u8>> {
        let mut stream = TcpStream::connect(("127.0.0.1", port))?;
        stream.set_read_timeout(Some(Duration::from_secs(30)))?;
        write!(stream, "GET {path} HTTP/1.0\r\nHost: x\r\n\r\n")?;
        let mut response = Vec::new();
        stream.read_to_end(&mut response)?;
        Ok(response)
    };
    let response = attempt().unwrap_or_default();
    let text = String::from_utf8_lossy(&response);
    let status = text.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(response.len(), |i| i + 4);
    (status, response[body..].to_vec())
}
