//! (I/O) `veille serve`: a live preview. The site is built into a folder of its own (never
//! `public/`), served on loopback, rebuilt when `content/`, the themes, the dictionaries or
//! `veille.toml` change, and open pages reload themselves: a small script, injected into HTML
//! responses only (never written to disk), listens to server-sent events. A failed rebuild keeps
//! the last good site online and shows the error in the terminal and in the page.

use std::io::Write;
use std::net::TcpListener;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher as _};

use super::{BuildReport, Cache, SiteError};
use crate::config::{CONFIG_FILE, Config};

/// Path of the event stream and of the reload script.
pub const EVENTS_PATH: &str = "/__veille/events";
pub const SCRIPT_PATH: &str = "/__veille/reload.js";
const RELOAD_SCRIPT: &str = include_str!("serve_reload.js");
/// How long file events settle before a rebuild.
const DEBOUNCE: Duration = Duration::from_millis(50);

/// What the preview reports to whoever runs it (the CLI prints these).
pub enum Event<'a> {
    Built(&'a BuildReport),
    Failed(&'a SiteError),
    Watching(&'a [PathBuf]),
}

/// Build generation and what the last build has to say, shared by the watcher and every event
/// stream.
#[derive(Default)]
struct State {
    generation: u64,
    /// The last build failed: pages stay as they were, the overlay says why.
    error: Option<String>,
    /// The last build succeeded without some content files: pages reload, then the overlay
    /// names the files skipped.
    skipped: Option<String>,
}

type Shared = Arc<(Mutex<State>, Condvar)>;

/// Serves the site at `root` on `listener` until the process ends. `config.output_dir` must be a
/// folder the preview owns.
pub fn serve(
    listener: TcpListener,
    root: &Path,
    config: Config,
    report: &(dyn Fn(Event) + Sync),
) -> Result<(), SiteError> {
    let shared: Shared = Arc::default();
    let cache = Cache::default();
    rebuild(root, &config, &shared, &cache, report);

    let watched = watched_paths(root, &config);
    let output = config.output_dir.clone();
    let (sender, receiver) = std::sync::mpsc::channel::<()>();
    let ours = output.clone();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // Reads (the build's own, an editor's) change nothing; the preview's output is ours.
        if let Ok(event) = event
            && !matches!(event.kind, EventKind::Access(_))
            && !event.paths.iter().all(|p| p.starts_with(&ours))
        {
            let _ = sender.send(());
        }
    })
    .map_err(|e| SiteError::Io {
        path: root.to_path_buf(),
        source: std::io::Error::other(e),
    })?;
    for path in &watched {
        let mode = if path.is_dir() {
            RecursiveMode::Recursive
        } else {
            RecursiveMode::NonRecursive
        };
        // A path that does not exist yet (no dictionary/ folder) is simply not watched.
        let _ = watcher.watch(path, mode);
    }
    report(Event::Watching(&watched));

    let server = tiny_http::Server::from_listener(listener, None).map_err(|e| SiteError::Io {
        path: root.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    })?;
    let (config, rebuilt, cache) = (&config, Arc::clone(&shared), &cache);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            // Debounce: an editor's save is several events; rebuild once they settle.
            while receiver.recv().is_ok() {
                while receiver.recv_timeout(DEBOUNCE).is_ok() {}
                rebuild(root, config, &rebuilt, cache, report);
            }
        });
        for request in server.incoming_requests() {
            let shared = Arc::clone(&shared);
            let output = output.clone();
            // Event streams live long; every request gets its own thread.
            std::thread::spawn(move || respond(request, &output, &shared));
        }
    });
    drop(watcher);
    Ok(())
}

fn watched_paths(root: &Path, config: &Config) -> Vec<PathBuf> {
    vec![
        config.content_dir.clone(),
        root.join("themes"),
        root.join("dictionary"),
        root.join(CONFIG_FILE),
    ]
}

fn rebuild(root: &Path, config: &Config, shared: &Shared, cache: &Cache, report: &(dyn Fn(Event) + Sync)) {
    // The configuration may have changed too; the output folder stays the preview's own.
    let config = match Config::load(root) {
        Ok(mut fresh) => {
            fresh.output_dir = config.output_dir.clone();
            fresh
        }
        Err(e) => {
            let error = SiteError::Config(e);
            report(Event::Failed(&error));
            publish(shared, Some(error.to_string()), None);
            return;
        }
    };
    match super::build_for_preview(root, &config, false, cache) {
        Ok(built) => {
            report(Event::Built(&built));
            let skipped = (!built.skipped.is_empty()).then(|| {
                let lines: Vec<String> = built.skipped.iter().map(ToString::to_string).collect();
                lines.join("\n")
            });
            publish(shared, None, skipped);
        }
        Err(error) => {
            report(Event::Failed(&error));
            publish(shared, Some(error.to_string()), None);
        }
    }
}

fn publish(shared: &Shared, error: Option<String>, skipped: Option<String>) {
    let (lock, changed) = &**shared;
    if let Ok(mut state) = lock.lock() {
        state.generation += 1;
        state.error = error;
        state.skipped = skipped;
    }
    changed.notify_all();
}

fn respond(request: tiny_http::Request, output: &Path, shared: &Shared) {
    let path = request.url().split(['?', '#']).next().unwrap_or("/").to_string();
    if path == EVENTS_PATH {
        stream_events(request, shared);
        return;
    }
    let (status, mime, body) = if path == SCRIPT_PATH {
        (200, "text/javascript; charset=utf-8", RELOAD_SCRIPT.as_bytes().to_vec())
    } else {
        match resolve(output, &path).and_then(|file| std::fs::read(&file).ok().map(|b| (file, b))) {
            Some((file, bytes)) => (200, mime_type(&file), bytes),
            None => (
                404,
                "text/html; charset=utf-8",
                std::fs::read(output.join("404.html")).unwrap_or_else(|_| b"404".to_vec()),
            ),
        }
    };
    let body = if mime.starts_with("text/html") {
        inject_script(body)
    } else {
        body
    };
    let mut response = tiny_http::Response::from_data(body).with_status_code(status);
    if let Ok(header) = tiny_http::Header::from_bytes("Content-Type", mime) {
        response = response.with_header(header);
    }
    if let Ok(header) = tiny_http::Header::from_bytes("Cache-Control", "no-store") {
        response = response.with_header(header);
    }
    let _ = request.respond(response);
}

/// Adds the reload script before `</body>` (or at the end) of a page being served.
pub fn inject_script(mut html: Vec<u8>) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}\"></script>");
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    html.splice(at..at, tag.into_bytes());
    html
}

/// Server-sent events: at once, the current build error or the files the last build skipped
/// (`build-error`, `build-skipped`) if any; then `reload` or `build-error` after each rebuild (a
/// reloaded page hears of skipped files as it reconnects); a comment every 15 s to keep the
/// connection open.
fn stream_events(request: tiny_http::Request, shared: &Shared) {
    let mut writer = request.into_writer();
    let head =
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
    let (lock, changed) = &**shared;
    let Ok(mut state) = lock.lock() else { return };
    let mut seen = state.generation;
    let mut first = head.to_string();
    if let Some(error) = &state.error {
        first.push_str(&sse("build-error", error));
    } else if let Some(skipped) = &state.skipped {
        first.push_str(&sse("build-skipped", skipped));
    }
    first.push_str(": connected\n\n");
    if writer
        .write_all(first.as_bytes())
        .and_then(|()| writer.flush())
        .is_err()
    {
        return;
    }
    loop {
        let Ok((next, _)) = changed.wait_timeout_while(state, Duration::from_secs(15), |s| s.generation == seen) else {
            return;
        };
        state = next;
        let message = if state.generation == seen {
            ": keep-alive\n\n".to_string()
        } else {
            seen = state.generation;
            match &state.error {
                Some(error) => sse("build-error", error),
                None => sse("reload", &seen.to_string()),
            }
        };
        // Writing while holding the lock is fine: writes are small and a dead client errors at once.
        if writer
            .write_all(message.as_bytes())
            .and_then(|()| writer.flush())
            .is_err()
        {
            return;
        }
    }
}

fn sse(event: &str, data: &str) -> String {
    let data: String = data.lines().map(|l| format!("data: {l}\n")).collect();
    format!("event: {event}\n{data}\n")
}

/// Maps a request path to a file under `root`; `..`, absolute and encoded-traversal paths are
/// refused.
pub fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    let relative = Path::new(decoded.trim_start_matches('/'));
    if !relative.components().all(|c| matches!(c, Component::Normal(_))) {
        return None;
    }
    let mut full = root.join(relative);
    if full.is_dir() {
        full.push("index.html");
    }
    full.is_file().then_some(full)
}

/// `%XX` escapes of a URL path decoded; `None` for a broken escape or bytes that are not UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(text.get(i + 1..i + 3)?, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn mime_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_cannot_leave_the_root() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), "x").unwrap();
        assert_eq!(resolve(dir.path(), "/"), Some(dir.path().join("index.html")));
        assert_eq!(resolve(dir.path(), "/../etc/passwd"), None);
        assert_eq!(resolve(dir.path(), "/%2e%2e/etc/passwd"), None);
        assert_eq!(resolve(dir.path(), "/missing.html"), None);
    }

    /// Pieces of request paths, weighted towards the ones that try to climb out.
    fn url_part() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let fixed = |s: &'static str| Just(s.to_string());
        prop_oneof![
            4 => fixed(".."), 2 => fixed("%2e%2e"), 1 => fixed("%2E."), 4 => fixed("/"), 2 => fixed("%2f"),
            1 => fixed("%5c"), 1 => fixed("."), 1 => fixed("%00"), 3 => fixed("secret.txt"), 1 => fixed("sub"),
            1 => fixed("public"), 1 => fixed("a.html"), 1 => "\\PC{0,4}",
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
        /// Whatever the request path, a file found is a file under the preview folder.
        #[test]
        fn any_request_path_stays_in_the_root(parts in proptest::collection::vec(url_part(), 0..9)) {
            let site = tempfile::tempdir().unwrap();
            let root = site.path().join("public");
            std::fs::create_dir_all(root.join("sub")).unwrap();
            std::fs::write(root.join("index.html"), "i").unwrap();
            std::fs::write(root.join("sub/a.html"), "a").unwrap();
            std::fs::write(site.path().join("secret.txt"), "s").unwrap();
            let url = format!("/{}", parts.concat());
            if let Some(file) = resolve(&root, &url) {
                let real = file.canonicalize().unwrap();
                proptest::prop_assert!(real.starts_with(root.canonicalize().unwrap()), "{url} -> {}", file.display());
            }
        }
    }

    #[test]
    fn script_goes_before_the_body_end() {
        let page = inject_script(b"<html><body><p>x</p></BODY></html>".to_vec());
        assert_eq!(
            String::from_utf8(page).unwrap(),
            format!("<html><body><p>x</p><script src=\"{SCRIPT_PATH}\"></script></BODY></html>")
        );
    }

    #[test]
    fn multi_line_errors_are_one_event() {
        assert_eq!(sse("build-error", "a\nb"), "event: build-error\ndata: a\ndata: b\n\n");
    }
}
