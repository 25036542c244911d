#!/bin/sh
# Single-threaded HTML import throughput (docs/s) over the dev corpus, veille beside
# dom_smoothie when bench/peers.sh has built its scratch harness. A benchmark, not a test.
#
#   sh bench/extract.sh [RUNS]        RUNS defaults to 5; prints the median of each
#
# Both are timed as whole processes on one thread: veille end to end (start, read, decode,
# extract, tag, write) with RAYON_NUM_THREADS=1, the peer reading and parsing every page, so
# the ratio, if anything, favours the peer (it writes nothing). Set VEILLE, CORPUS or PEER to override the defaults.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
corpus=${CORPUS:-$here/../shared/corpus/extract/dev}
target=${CARGO_TARGET_DIR:-$here/target}
veille=${VEILLE:-$target/release/veille}
peer=${PEER:-/tmp/bench-peers/target/release/bench-peers}
# Output on a RAM disk when there is one: the peer writes nothing, and fsync latency on a busy
# disk is not extraction. TMPDIR=/tmp times the disk too.
out=$(mktemp -d -p "${TMPDIR:-$( [ -d /dev/shm ] && echo /dev/shm || echo /tmp)}")
trap 'rm -rf "$out"' EXIT

[ -x "$veille" ] || { echo "build first: cargo build --release (looked for $veille)" >&2; exit 2; }
docs=$(find "$corpus" -maxdepth 1 \( -name '*.html' -o -name '*.htm' \) | wc -l)
echo "corpus: $corpus ($docs pages), $runs runs, one thread, output in $out"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Runs alternate veille and the peer so that a busy machine slows both alike. Each run is one
# whole process timed by /usr/bin/time: docs/s by wall clock and by CPU time (user + sys), the
# latter steadier when other jobs share the cores.
timed() { /usr/bin/time -f "%e %U %S" -o "$out/time" "$@" >/dev/null 2>&1 || true; awk -v n="$docs" '{printf "%.1f %.1f", n / $1, n / ($2 + $3)}' "$out/time"; }

wall="" cpu="" peer_wall="" peer_cpu=""
i=0
while [ "$i" -lt "$runs" ]; do
    rm -rf "$out/x"
    set -- $(timed env RAYON_NUM_THREADS=1 "$veille" import "$corpus" --output "$out/x" -q)
    wall="$wall $1" cpu="$cpu $2"
    if [ -x "$peer" ]; then
        set -- $(timed "$peer" "$corpus" 1)
        peer_wall="$peer_wall $1" peer_cpu="$peer_cpu $2"
    fi
    i=$((i + 1))
done
m() { echo "$1" | tr ' ' '\n' | grep . | median; }
printf '%-13s %8s %8s\n' "" "wall" "cpu"
printf '%-13s %8s %8s   docs/s  (wall runs:%s)\n' veille "$(m "$wall")" "$(m "$cpu")" "$wall"
if [ -n "$peer_wall" ]; then
    printf '%-13s %8s %8s   docs/s  (wall runs:%s)\n' dom_smoothie "$(m "$peer_wall")" "$(m "$peer_cpu")" "$peer_wall"
    echo "$(m "$wall") $(m "$peer_wall") $(m "$cpu") $(m "$peer_cpu")" |
        awk '{printf "ratio veille/dom_smoothie: %.2f by wall clock, %.2f by CPU time\n", $1 / $2, $3 / $4}'
else
    echo "(no peer: run sh bench/peers.sh to time dom_smoothie beside veille)"
fi
