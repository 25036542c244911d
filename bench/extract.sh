#!/bin/sh
# Single-threaded HTML import throughput (docs/s) over the dev corpus, veille beside
# dom_smoothie when bench/peers.sh has built its scratch harness. A benchmark, not a test.
#
#   sh bench/extract.sh [RUNS]        RUNS defaults to 5; prints the median of each
#
# veille is timed end to end (process start, read, decode, extract, tag, write) with
# RAYON_NUM_THREADS=1; the peer in process (read + parse) on one thread, so the ratio, if
# anything, favours the peer. Set VEILLE, CORPUS or PEER to override the defaults.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
corpus=${CORPUS:-$here/../shared/corpus/extract/dev}
target=${CARGO_TARGET_DIR:-$here/target}
veille=${VEILLE:-$target/release/veille}
peer=${PEER:-/tmp/bench-peers/target/release/bench-peers}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

[ -x "$veille" ] || { echo "build first: cargo build --release (looked for $veille)" >&2; exit 2; }
docs=$(find "$corpus" -maxdepth 1 \( -name '*.html' -o -name '*.htm' \) | wc -l)
echo "corpus: $corpus ($docs pages), $runs runs, one thread"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Runs alternate veille and the peer so that a busy machine slows both alike.
rates=""
peer_rates=""
i=0
while [ "$i" -lt "$runs" ]; do
    rm -rf "$out/x"
    start=$(date +%s.%N)
    RAYON_NUM_THREADS=1 "$veille" import "$corpus" --output "$out/x" -q 2>/dev/null || true
    end=$(date +%s.%N)
    rates="$rates $(echo "$docs $start $end" | awk '{printf "%.1f", $1 / ($3 - $2)}')"
    if [ -x "$peer" ]; then
        peer_rates="$peer_rates $("$peer" "$corpus" 1 2>/dev/null | awk '{print $2}')"
    fi
    i=$((i + 1))
done
veille_rate=$(echo "$rates" | tr ' ' '\n' | grep . | median)
echo "veille       $veille_rate docs/s   (runs:$rates)"
if [ -n "$peer_rates" ]; then
    peer_rate=$(echo "$peer_rates" | tr ' ' '\n' | grep . | median)
    echo "dom_smoothie $peer_rate docs/s   (runs:$peer_rates)"
    echo "$veille_rate $peer_rate" | awk '{printf "ratio veille/dom_smoothie: %.2f\n", $1 / $2}'
else
    echo "(no peer: run sh bench/peers.sh to time dom_smoothie beside veille)"
fi
