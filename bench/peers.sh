#!/bin/sh
# Creates (or updates) a scratch cargo project OUTSIDE the repository that times extractors a
# user could pick instead of veille, each on one thread over a folder of pages:
#   dom_smoothie    a Readability (Mozilla) port
#   rs_trafilatura  crates.io `rs-trafilatura`, a Rust port of trafilatura (Python)
#   trafilatura     crates.io `trafilatura`, a Rust port of go-trafilatura
# Their code is never part of veille; bench/extract.sh runs them side by side with veille.
# Versions are pinned (exact) so that runs months apart time the same code.
#
#   sh bench/peers.sh [DIR]          DIR defaults to /tmp/bench-peers
set -eu
dir=${1:-/tmp/bench-peers}
mkdir -p "$dir/src"
cat > "$dir/Cargo.toml" <<'TOML'
[package]
name = "bench-peers"
version = "0.0.0"
edition = "2021"
publish = false

# No default features anywhere: none of these spawns threads (no rayon, no tokio); the
# `spider` feature of rs-trafilatura (crawling) and the `cli` feature of trafilatura (reqwest)
# stay off, so nothing touches the network.
[dependencies]
dom_smoothie = "=0.18.2"
rs-trafilatura = { version = "=0.2.2", default-features = false }
trafilatura = { version = "=0.6.0", default-features = false }

[profile.release]
lto = "thin"
codegen-units = 4
TOML
cat > "$dir/src/main.rs" <<'RUST'
//! bench-peers PEER FOLDER RUNS: reads every .html/.htm of FOLDER, runs PEER on each on this
//! one thread, RUNS times; prints "PEER <docs/s>" for the median run. `bench-peers list`
//! prints the peers built in, one per line.
use std::time::Instant;

const PEERS: &[&str] = &["dom_smoothie", "rs_trafilatura", "trafilatura"];

/// One page through one peer, default options; true when it returned an article.
fn extract(peer: &str, html: &str) -> bool {
    match peer {
        "dom_smoothie" => dom_smoothie::Readability::new(html, None, None)
            .is_ok_and(|mut r| r.parse().is_ok()),
        "rs_trafilatura" => rs_trafilatura::extract(html).is_ok(),
        "trafilatura" => trafilatura::extract(html, &trafilatura::Options::default()).is_ok(),
        _ => unreachable!(),
    }
}

fn main() {
    let usage = "usage: bench-peers PEER FOLDER RUNS (PEER: dom_smoothie | rs_trafilatura | trafilatura) or bench-peers list";
    let mut args = std::env::args().skip(1);
    let peer = args.next().expect(usage);
    if peer == "list" {
        PEERS.iter().for_each(|p| println!("{p}"));
        return;
    }
    assert!(PEERS.contains(&peer.as_str()), "unknown peer {peer}; {usage}");
    let folder = args.next().expect(usage);
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let mut paths: Vec<_> = std::fs::read_dir(&folder)
        .expect("folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "html" || e == "htm"))
        .collect();
    paths.sort();
    // A page that makes a peer panic counts as a failure, not the end of the run.
    std::panic::set_hook(Box::new(|_| {}));
    let mut rates = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let (mut ok, mut panics) = (0, 0);
        for path in &paths {
            // Reading is timed, as veille's import reads its files too.
            let bytes = std::fs::read(path).expect("readable page");
            let html = String::from_utf8_lossy(&bytes);
            match std::panic::catch_unwind(|| extract(&peer, &html)) {
                Ok(true) => ok += 1,
                Ok(false) => {}
                Err(_) => panics += 1,
            }
        }
        let secs = start.elapsed().as_secs_f64();
        rates.push(paths.len() as f64 / secs);
        eprintln!("{peer} run: {} pages ({ok} parsed, {panics} panicked) in {secs:.3}s", paths.len());
    }
    rates.sort_by(f64::total_cmp);
    println!("{peer} {:.1}", rates[rates.len() / 2]);
}
RUST
cd "$dir" && cargo build --release -q
echo "${CARGO_TARGET_DIR:-$dir/target}/release/bench-peers"
