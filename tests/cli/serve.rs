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
fn a_content_file_a_good_build_skips_is_named_to_pages_that_reload() {
    let dir = tempfile::tempdir().unwrap();
    crate::site::copy_dir(&repo().join("tests/fixtures/site/tagged"), dir.path());
    let (_server, port) = start(dir.path());
    let mut events = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(events, "GET /__veille/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    assert!(wait_for(&mut events, ": connected", Duration::from_secs(5)).contains("text/event-stream"));

    std::fs::write(
        dir.path().join("content/cassé.md"),
        "---\ntitle: Cassé\ndate: 9 juin\n---\n\nx\n",
    )
    .unwrap();
    let seen = wait_for(&mut events, "event: reload", Duration::from_secs(10));
    assert!(seen.contains("event: reload"), "the other pages are rebuilt: {seen}");
    // The reloaded page connects again and hears which file was left out, with its line.
    let mut again = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(again, "GET /__veille/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let seen = wait_for(&mut again, ": connected", Duration::from_secs(5));
    assert!(
        seen.contains("event: build-skipped\ndata: ") && seen.contains("cassé.md:3: "),
        "{seen}"
    );

    std::fs::remove_file(dir.path().join("content/cassé.md")).unwrap();
    assert!(wait_for(&mut events, "event: reload", Duration::from_secs(10)).contains("event: reload"));
    let mut clean = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(clean, "GET /__veille/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let seen = wait_for(&mut clean, ": connected", Duration::from_secs(5));
    assert!(!seen.contains("build-"), "a good build clears it: {seen}");
}

#[test]
fn a_broken_template_shows_in_the_open_page_with_its_file_and_line_and_clears_on_the_next_good_build() {
    let (Some(chromium), Some(playwright)) = (crate::tools::chromium(), crate::tools::playwright_core()) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    crate::site::copy_dir(&repo().join("tests/fixtures/site/tagged"), dir.path());
    let templates = dir.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    let template = templates.join("404.html");
    std::fs::write(
        &template,
        "{% extends \"base.html\" %}\n{% block main %}<h1>Introuvable</h1>{% endblock main %}\n",
    )
    .unwrap();
    let (_server, port) = start(dir.path());
    let shots = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let png = shots.join("serve-overlay.png");
    let broken = "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ site.title }</h1>\n{% endblock main %}\n";
    let output = crate::tools::browser_script("overlay.mjs", &playwright, &chromium)
        .arg(format!("http://127.0.0.1:{port}/"))
        .arg(&template)
        .arg(broken)
        .arg(&png)
        .output()
        .expect("node runs");
    assert!(output.status.success(), "overlay.mjs: {}", stderr(&output));
    let seen: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("overlay.mjs: {e}: {}", String::from_utf8_lossy(&output.stdout)));
    assert_eq!(seen["before"], serde_json::Value::Null, "{seen}");
    let shown = seen["shown"].as_str().unwrap_or_default();
    assert!(shown.starts_with("veille build failed"), "{seen}");
    assert!(
        shown.contains("themes/default/templates/404.html:3:"),
        "file and line: {seen}"
    );
    assert!(shown.contains("{{ site.title }</h1>"), "the line itself: {seen}");
    assert_eq!(
        seen["after"],
        serde_json::Value::Null,
        "cleared by the good build: {seen}"
    );
    let bytes = std::fs::read(&png).unwrap();
    assert!(
        bytes.starts_with(b"\x89PNG") && bytes.len() > 10_000,
        "a real screenshot"
    );
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

/// An open event stream, read on its own thread: the reload count it has seen so far.
fn listen(port: u16) -> (TcpStream, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(stream, "GET /__veille/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let seen = wait_for(&mut stream, ": connected", Duration::from_secs(30));
    assert!(seen.contains(": connected"), "event stream not opened: {seen:?}");
    let reloads = std::sync::Arc::new(AtomicUsize::new(0));
    let (mut reader, count) = (stream.try_clone().unwrap(), reloads.clone());
    std::thread::spawn(move || {
        reader.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        let mut buffer = [0u8; 1024];
        while let Ok(n @ 1..) = reader.read(&mut buffer) {
            let text = String::from_utf8_lossy(&buffer[..n]);
            count.fetch_add(text.matches("event: reload").count(), Ordering::SeqCst);
        }
    });
    (stream, reloads)
}

#[test]
fn a_crowd_of_readers_and_reload_clients_is_served_and_never_a_half_written_page() {
    use std::sync::atomic::Ordering;
    let dir = tempfile::tempdir().unwrap();
    generated_archive(&dir.path().join("content"), 200, 120, "serve");
    let (_server, port) = start(dir.path());
    let paths: Vec<String> = (0..20)
        .map(|i| format!("/articles/gen-{i:04}.html"))
        .chain([
            "/".into(),
            "/actors/".into(),
            "/search/meta.json".into(),
            "/missing.html".into(),
        ])
        .collect();
    assert_eq!(http_get(port, &paths[0]).0, 200, "{}", paths[0]);

    // 200 live-reload clients and 50 sockets that connect and say nothing (or half a line).
    let listeners: Vec<_> = (0..200).map(|_| listen(port)).collect();
    let idle: Vec<TcpStream> = (0..50)
        .map(|i| {
            let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
            if i % 2 == 0 {
                write!(stream, "GET /art").unwrap();
            }
            stream
        })
        .collect();

    // 500 requests at once, while an article is edited five times.
    let file = dir.path().join("content/gen-0003.md");
    let original = std::fs::read_to_string(&file).unwrap();
    let editor = std::thread::spawn(move || {
        for round in 0..5 {
            std::thread::sleep(Duration::from_millis(400));
            let edited = original.replace("title: 'Article 3 serve'", &format!("title: 'Article 3 edit {round}'"));
            std::fs::write(&file, edited).unwrap();
        }
    });
    let readers: Vec<_> = (0..500)
        .map(|i| {
            let path = paths[i % paths.len()].clone();
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis((i as u64 % 50) * 40));
                (path.clone(), http_get(port, &path))
            })
        })
        .collect();
    for reader in readers {
        let (path, (status, body)) = reader.join().unwrap();
        let expected = if path == "/missing.html" { 404 } else { 200 };
        assert_eq!(status, expected, "{path}");
        if path.ends_with(".html") || path.ends_with('/') {
            let text = String::from_utf8_lossy(&body);
            assert!(
                text.trim_end().ends_with("</html>"),
                "{path}: a cut page ({} bytes)",
                body.len()
            );
        }
    }
    editor.join().unwrap();
    // Every edit is a rebuild; every open page hears of it.
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(60)
        && listeners.iter().any(|(_, reloads)| reloads.load(Ordering::SeqCst) == 0)
    {
        std::thread::sleep(Duration::from_millis(100));
    }
    let deaf = listeners.iter().filter(|(_, r)| r.load(Ordering::SeqCst) == 0).count();
    assert_eq!(deaf, 0, "{deaf} of 200 event streams heard no reload");
    let last_edit_served =
        || String::from_utf8_lossy(&http_get(port, "/articles/gen-0003.html").1).contains("Article 3 edit 4");
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(30) && !last_edit_served() {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(last_edit_served(), "the last edit is served");
    drop(idle);
}

#[test]
fn requests_never_reach_a_file_outside_the_site() {
    let dir = tempfile::tempdir().unwrap();
    crate::site::copy_dir(&repo().join("tests/fixtures/site/tagged"), dir.path());
    std::fs::write(dir.path().join("secret.txt"), "SECRET-CANARY").unwrap();
    let (_server, port) = start(dir.path());
    let root = dir.path().display().to_string();
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%2fsecret.txt",
        "/articles/../../secret.txt",
        "/articles/%2e%2e/%2e%2e/secret.txt",
        "/%252e%252e/secret.txt",
        "//etc/passwd",
        "/%2Fetc%2Fpasswd",
        "/....//secret.txt",
        "/..\\secret.txt",
        "/%00/../secret.txt",
        &format!("/{root}/secret.txt"),
        &format!(
            "/%2F{}",
            root.trim_start_matches('/').replace('/', "%2F") + "%2Fsecret.txt"
        ),
        "/__veille/events/../../secret.txt",
        "/__veille/reload.js/../../../secret.txt",
        "/__veille/reload.js?file=../secret.txt",
        "/content/jnim-kayes.md",
        "/veille.toml",
    ] {
        let (status, body) = http_get(port, path);
        let text = String::from_utf8_lossy(&body);
        assert!(
            !text.contains("SECRET-CANARY") && !text.contains("root:x:0"),
            "{path} read a file: {status}"
        );
        assert!(!text.contains("title:"), "{path} served a content file");
        assert!(
            status == 404 || status == 400 || path.starts_with("/__veille/reload.js?"),
            "{path}: {status}"
        );
    }
}
