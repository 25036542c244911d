#!/bin/sh
# Single-threaded HTML import throughput (docs/s) over the dev corpus, veille beside the peers
# (dom_smoothie, rs_trafilatura, trafilatura) when bench/peers.sh has built its scratch
# harness. A benchmark, not a test.
#
#   sh bench/extract.sh [RUNS]        RUNS defaults to 5; prints the median of each
#
# All are timed as whole processes on one thread: veille end to end (start, read, decode,
# extract, tag, write) with RAYON_NUM_THREADS=1, each peer reading and parsing every page, so
# the ratios, if anything, favour the peers (they write nothing). Set VEILLE, CORPUS or PEER
# (the harness binary) to override the defaults, PEERS (names, space-separated) to time only
# some of the peers the harness has.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
corpus=${CORPUS:-$here/../shared/corpus/extract/dev}
target=${CARGO_TARGET_DIR:-$here/target}
veille=${VEILLE:-$target/release/veille}
peer=${PEER:-/tmp/bench-peers/target/release/bench-peers}
# Output on a RAM disk when there is one: the peers write nothing, and fsync latency on a busy
# disk is not extraction. TMPDIR=/tmp times the disk too.
out=$(mktemp -d -p "${TMPDIR:-$( [ -d /dev/shm ] && echo /dev/shm || echo /tmp)}")
trap 'rm -rf "$out"' EXIT

[ -x "$veille" ] || { echo "build first: cargo build --release (looked for $veille)" >&2; exit 2; }
docs=$(find "$corpus" -maxdepth 1 \( -name '*.html' -o -name '*.htm' \) | wc -l)
peers=""
if [ -x "$peer" ]; then
    peers=${PEERS:-$("$peer" list 2>/dev/null)} ||
        { echo "$peer predates 'bench-peers list': run sh bench/peers.sh again" >&2; exit 2; }
    peers=$(echo $peers)
fi
echo "corpus: $corpus ($docs pages), $runs runs, one thread, output in $out"
echo "peers: ${peers:-none}"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Runs alternate veille and each peer so that a busy machine slows all alike. Each run is one
# whole process, timed in microseconds (a run lasts under a second: /usr/bin/time's 10 ms steps
# would be a few per cent): docs/s by wall clock and by CPU time (user + sys, every thread
# counted), the latter steadier when other jobs share the cores. `timed NAME CMD...` appends to
# $out/NAME.wall and $out/NAME.cpu, keeps the process's output in $out/NAME.log and notes a
# failed exit.
timed() {
    name=$1; shift
    python3 - "$out/time" "$@" >"$out/$name.log" 2>&1 <<'PY' || echo "$name" >>"$out/failed"
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[2:], stdout=sys.stdout, stderr=sys.stderr)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
open(sys.argv[1], "w").write(f"{wall} {usage.ru_utime} {usage.ru_stime}\n")
sys.exit(code)
PY
    tail -n 1 "$out/time" | awk -v n="$docs" -v w="$out/$name.wall" -v c="$out/$name.cpu" \
        '{ printf "%.1f\n", ($1 > 0 ? n / $1 : 0) >> w; cpu = $2 + $3; printf "%.1f\n", (cpu > 0 ? n / cpu : 0) >> c }'
}

i=0
while [ "$i" -lt "$runs" ]; do
    rm -rf "$out/x"
    timed veille env RAYON_NUM_THREADS=1 "$veille" import "$corpus" --output "$out/x" -q
    for p in $peers; do
        timed "$p" "$peer" "$p" "$corpus" 1
    done
    i=$((i + 1))
done

m() { median <"$out/$1"; }
printf '%-15s %8s %8s\n' "" "wall" "cpu"
for name in veille $peers; do
    # The peers report how many pages gave an article (last run).
    parsed=$(sed -n 's/.* pages (\([0-9]*\) parsed, \([0-9]*\) panicked).*/\1\/'"$docs"' parsed, \2 panicked/p' "$out/$name.log" | tail -n 1)
    printf '%-15s %8s %8s   docs/s  (wall runs: %s)%s\n' "$name" "$(m "$name.wall")" "$(m "$name.cpu")" \
        "$(tr '\n' ' ' <"$out/$name.wall" | sed 's/ $//')" "${parsed:+  $parsed}"
done
for p in $peers; do
    echo "$p $(m veille.wall) $(m "$p.wall") $(m veille.cpu) $(m "$p.cpu")" |
        awk '{printf "ratio veille/%s: %.2f by wall clock, %.2f by CPU time\n", $1, ($3 > 0 ? $2 / $3 : 0), ($5 > 0 ? $4 / $5 : 0)}'
done
[ -n "$peers" ] || echo "(no peer: run sh bench/peers.sh to time dom_smoothie, rs_trafilatura and trafilatura beside veille)"
if [ -s "$out/failed" ]; then
    echo "warning: non-zero exit in some runs of: $(sort "$out/failed" | uniq -c | awk '{printf "%s%s (%d)", (NR > 1 ? ", " : ""), $2, $1}')" >&2
fi
