//! `veille serve`: bind (loopback by default), then hand over to the live preview, printing its
//! build reports and errors.

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::process::ExitCode;

use anyhow::{Context as _, bail};

use super::{Reporter, ServeArgs};
use veille::site::serve::{self, Event};

pub fn run(args: ServeArgs, reporter: &Reporter) -> anyhow::Result<ExitCode> {
    let mut config = super::site_config(&args.site)?;
    // The preview builds into a folder of its own: public/ is never touched by serve.
    let preview = tempfile::Builder::new()
        .prefix("veille-serve-")
        .tempdir()
        .context("cannot create the preview folder")?;
    config.output_dir = preview.path().join("site");
    if !args.bind.is_loopback() {
        reporter.warning(&format!(
            "binding to {}: the preview is reachable from other machines",
            args.bind
        ));
    }
    let listener = bind(args.bind, args.port)?;
    let address = listener.local_addr()?;
    let root = args.site.root.clone();
    let report = |event: Event| match event {
        Event::Built(built) => {
            for skipped in &built.skipped {
                reporter.error(&format!("{skipped} (skipped)"));
            }
            reporter.info(&format!("built {} articles", built.articles));
        }
        Event::Failed(error) => reporter.error(&format!("build failed, still serving the last good build: {error}")),
        Event::Watching(_) => reporter.info(&format!(
            "serving on http://{address}/ — watching for changes (Ctrl-C to stop)"
        )),
    };
    serve::serve(listener, &root, config, &report)?;
    Ok(ExitCode::SUCCESS)
}

fn bind(ip: IpAddr, port: Option<u16>) -> anyhow::Result<TcpListener> {
    let address = SocketAddr::new(ip, port.unwrap_or(0));
    match TcpListener::bind(address) {
        Ok(listener) => Ok(listener),
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
            bail!(
                "port {} is already in use on {ip}; choose another with --port",
                address.port()
            )
        }
        Err(e) => Err(e).with_context(|| format!("cannot listen on {address}")),
    }
}
