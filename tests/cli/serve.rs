//! `veille serve`: starts the real binary on a free port, fetches pages, edits content and
//! observes the rebuild and the reload event, then stops the server.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::util::*;

/// The server process, killed when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(dir: &std::path::Path) -> (Server, u16) {
    let mut child = bin()
        .current_dir(dir)
        .args(["serve"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    let port = loop {
        let line = lines.next().expect("serve printed its address").unwrap();
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    // Keep draining stderr so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    (Server(child), port)
}

fn get(port: u16, path: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

/// Reads the event stream until `needle` arrives or `timeout` passes.
fn wait_for(stream: &mut TcpStream, needle: &str, timeout: Duration) -> String {
    let started = Instant::now();
    let mut seen = String::new();
    let mut buffer = [0u8; 4096];
    stream.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
    while started.elapsed() < timeout && !seen.contains(needle) {
        if let Ok(n) = stream.read(&mut buffer) {
            seen.push_str(&String::from_utf8_lossy(&buffer[..n]));
        }
    }
    seen
}

#[test]
fn edits_rebuild_and_reload_open_pages() {
    let dir = tempfile::tempdir().unwrap();
    crate::site::copy_dir(&repo().join("tests/fixtures/site/tagged"), dir.path());
    let (_server, port) = start(dir.path());

    let home = get(port, "/");
    assert!(
        home.starts_with("HTTP/1.1 200") || home.starts_with("HTTP/1.0 200"),
        "{home}"
    );
    assert!(home.contains("Le JNIM attaque près de Kayes"));
    assert!(
        home.contains("<script src=\"/__veille/reload.js\"></script>"),
        "reload script injected"
    );
    assert!(get(port, "/actors/jnim/").contains("JNIM (GSIM)"));
    assert!(get(port, "/missing.html").contains("404"));

    let mut events = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(events, "GET /__veille/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    assert!(wait_for(&mut events, ": connected", Duration::from_secs(5)).contains("text/event-stream"));

    let file = dir.path().join("content/jnim-kayes.md");
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("Le JNIM attaque près de Kayes", "Titre modifié en direct");
    std::fs::write(&file, text).unwrap();
    let seen = wait_for(&mut events, "event: reload", Duration::from_secs(10));
    assert!(seen.contains("event: reload"), "no reload event: {seen}");
    assert!(get(port, "/").contains("Titre modifié en direct"));

    // A broken config is reported to open pages; the last good site stays online.
    std::fs::write(dir.path().join("veille.toml"), "titel = 1\n").unwrap();
    let seen = wait_for(&mut events, "event: build-error", Duration::from_secs(10));
    assert!(seen.contains("unknown field `titel`"), "{seen}");
    assert!(get(port, "/").contains("Titre modifié en direct"));

    assert!(!dir.path().join("public").exists(), "serve never writes public/");
}

#[test]
fn a_port_in_use_is_named() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let dir = tempfile::tempdir().unwrap();
    let output = run(dir.path(), &["serve", "--port", &port]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains(&format!("port {port} is already in use")),
        "{}",
        stderr(&output)
    );
}
