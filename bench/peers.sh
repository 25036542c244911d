#!/bin/sh
# Creates (or updates) a scratch cargo project OUTSIDE the repository that times dom_smoothie,
# a Readability port a user could pick instead of veille, on one thread over a folder of pages.
# Its code is never part of veille; bench/extract.sh runs it side by side with veille.
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

[dependencies]
dom_smoothie = "0.18"

[profile.release]
lto = "thin"
codegen-units = 4
TOML
cat > "$dir/src/main.rs" <<'RUST'
//! bench-peers FOLDER RUNS: reads every .html/.htm of FOLDER, runs dom_smoothie on each on
//! this one thread, RUNS times; prints "dom_smoothie <docs/s>" for the median run.
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let folder = args.next().expect("usage: bench-peers FOLDER RUNS");
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let mut paths: Vec<_> = std::fs::read_dir(&folder)
        .expect("folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "html" || e == "htm"))
        .collect();
    paths.sort();
    let mut rates = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let mut ok = 0;
        for path in &paths {
            // Reading is timed, as veille's import reads its files too.
            let bytes = std::fs::read(path).expect("readable page");
            let html = String::from_utf8_lossy(&bytes);
            if let Ok(mut r) = dom_smoothie::Readability::new(html.as_ref(), None, None) {
                if r.parse().is_ok() {
                    ok += 1;
                }
            }
        }
        let secs = start.elapsed().as_secs_f64();
        rates.push(paths.len() as f64 / secs);
        eprintln!("dom_smoothie run: {} pages ({ok} parsed) in {secs:.3}s", paths.len());
    }
    rates.sort_by(f64::total_cmp);
    println!("dom_smoothie {:.1}", rates[rates.len() / 2]);
}
RUST
cd "$dir" && cargo build --release -q
echo "$dir/target/release/bench-peers"
