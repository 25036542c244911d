#!/bin/sh
# Tagging benchmark (issue 5): dictionary load time and one-thread tagging throughput over the
# tag corpus, plus the whole import of the same files for comparison. Not a test.
#
#   bench/tag.sh [CORPUS_DIR]      default: ../shared/corpus/tags/dev
#
# `veille tag --bench INPUT...` (hidden flag) reads and extracts the inputs first (not timed),
# then times Tagger::new over the embedded dictionaries (YAML parse + automaton build, best of
# 5) and tags every article's title + body paragraphs on one thread, repeated for >= 1 s.
set -eu
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus/tags/dev}
cargo build --release --quiet
target=${CARGO_TARGET_DIR:-target}
bin="$target/release/veille"
# Copy the binary: a shared target folder may be rebuilt by someone else while we run.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$bin" "$tmp/veille"
echo "== tagging alone ($corpus)"
"$tmp/veille" tag --bench "$corpus"
echo "== whole import, all cores, same files (read, decode, extract, clean, tag, write)"
start=$(date +%s.%N)
"$tmp/veille" import "$corpus" --output "$tmp/out" -q || true
end=$(date +%s.%N)
n=$(find "$tmp/out" -name '*.md' | wc -l)
echo "$n articles in $(echo "$end - $start" | bc) s (includes process start and dictionary load)"
