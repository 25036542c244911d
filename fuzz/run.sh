#!/usr/bin/env bash
# Runs each fuzz target for SECONDS (default 600) one after the other, one core, logs in
# fuzz/logs/. Needs nightly and cargo-fuzz (cargo install cargo-fuzz). Seed first: bash fuzz/seed.sh
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-600}"
mkdir -p logs
for target in ${TARGETS:-import_html import_dump front_matter}; do
  cargo +nightly fuzz run -O "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -max_len=262144 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    > "logs/$target.log" 2>&1 || { echo "$target: crash, see fuzz/logs/$target.log and fuzz/artifacts/$target/"; exit 1; }
  tail -n 1 "logs/$target.log" | sed "s/^/$target: /"
  grep -E '^stat::number_of_executed_units|cov:' "logs/$target.log" | tail -n 2 | sed "s/^/$target: /"
done
