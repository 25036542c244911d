#!/usr/bin/env bash
# Two veille binaries side by side on one generated archive: full builds into an empty folder,
# alternated (A B A B …) so the machine's drift hits both, then the medians and B/A ratios.
# For "does this change stay within N % of the build without it" (issue #16's target).
#
#   bash bench/ab.sh OLD_VEILLE NEW_VEILLE [ARTICLES=10000] [RUNS=5]
#
# Build the old binary from a worktree, e.g.
#   git worktree add /tmp/old HEAD~3 && CARGO_TARGET_DIR=/tmp/old-target cargo build --release --manifest-path /tmp/old/Cargo.toml
# BENCH_TMP=/dev/shm keeps the disk out of the figures (less noise, not what users see).
# Not a test: figures depend on the machine; read the ratios.
set -euo pipefail
[ $# -ge 2 ] || { sed -n 2,10p "$0"; exit 2; }
a=$1; b=$2; n=${3:-10000}; runs=${4:-5}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${BENCH_TMP:-/tmp}/ab.XXXXXX")
trap 'rm -rf "$work"' EXIT
python3 "$repo/bench/gen_archive.py" "$n" "$work/site/content" > /dev/null
printf 'title = "bench"\nbase_url = "https://example.org/archive/"\nper_page = 20\n' > "$work/site/veille.toml"
for i in $(seq "$runs"); do
  for which in A B; do
    bin=$a; [ "$which" = B ] && bin=$b
    rm -rf "$work/out"
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$bin" build -q --root "$work/site" -o "$work/out" > /dev/null
    echo "$which $(cat "$work/time") $(find "$work/out" -type f | wc -l)" >> "$work/runs"
    echo "run $i $which: $(tail -1 "$work/runs")"
  done
done
python3 - "$work/runs" "$n" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
def med(which, f):
    return statistics.median(f(r) for r in rows if r[0] == which)
print(f"{sys.argv[2]} articles, {len(rows)//2} runs each, medians:")
print("| | wall s | user s | user+sys s | peak MB | files |\n|---|---|---|---|---|---|")
for w in "AB":
    print(f"| {w} | {med(w, lambda r: float(r[1])):.2f} | {med(w, lambda r: float(r[2])):.2f} | "
          f"{med(w, lambda r: float(r[2]) + float(r[3])):.2f} | {med(w, lambda r: int(r[4])) / 1024:.0f} | {med(w, lambda r: int(r[5])):.0f} |")
for name, f in [("wall", lambda r: float(r[1])), ("user", lambda r: float(r[2])),
                ("user+sys", lambda r: float(r[2]) + float(r[3])), ("peak memory", lambda r: int(r[4]))]:
    print(f"B/A {name}: {med('B', f) / med('A', f):.2f}x")
PY
