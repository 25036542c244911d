//! `veille serve`: build, then serve the output folder on loopback.

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, bail};

use super::{Reporter, ServeArgs};

pub fn run(args: ServeArgs, reporter: &Reporter) -> anyhow::Result<ExitCode> {
    let config = super::site_config(&args.site)?;
    super::build::build_and_report(&args.site, &config, reporter)?;
    if !args.bind.is_loopback() {
        reporter.warning(&format!(
            "binding to {}: the preview is reachable from other machines",
            args.bind
        ));
    }
    let listener = bind(args.bind, args.port)?;
    let address = listener.local_addr()?;
    let server = tiny_http::Server::from_listener(listener, None)
        .map_err(|e| anyhow::anyhow!("cannot start the server: {e}"))?;
    reporter.info(&format!(
        "serving {} on http://{address}/ (Ctrl-C to stop)",
        config.output_dir.display()
    ));
    for request in server.incoming_requests() {
        let response = respond(&config.output_dir, request.url());
        let _ = request.respond(response);
    }
    Ok(ExitCode::SUCCESS)
}

fn bind(ip: IpAddr, port: Option<u16>) -> anyhow::Result<TcpListener> {
    let address = SocketAddr::new(ip, port.unwrap_or(0));
    match TcpListener::bind(address) {
        Ok(listener) => Ok(listener),
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => bail!(
            "port {} is already in use on {ip}; choose another with --port",
            address.port()
        ),
        Err(e) => Err(e).with_context(|| format!("cannot listen on {address}")),
    }
}

fn respond(root: &Path, url: &str) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let found = resolve(root, url).and_then(|path| std::fs::read(&path).ok().map(|bytes| (path, bytes)));
    match found {
        Some((path, bytes)) => with_type(tiny_http::Response::from_data(bytes), &path),
        None => {
            let page = std::fs::read(root.join("404.html")).unwrap_or_else(|_| b"404".to_vec());
            with_type(
                tiny_http::Response::from_data(page).with_status_code(404),
                Path::new("404.html"),
            )
        }
    }
}

/// Maps a request path to a file under `root`; `..` and absolute components are refused.
fn resolve(root: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(path)?;
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

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn with_type<R: std::io::Read>(response: tiny_http::Response<R>, path: &Path) -> tiny_http::Response<R> {
    let mime = match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };
    match tiny_http::Header::from_bytes("Content-Type", mime) {
        Ok(header) => response.with_header(header),
        Err(()) => response,
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
}
