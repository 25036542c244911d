#!/usr/bin/env bash
# Benchmark of veille's search index on generated archives (issue 7). Not a test: figures depend
# on the machine.
#
#   bash bench/search.sh [N...]            (default: 10000 100000)
#
# For each N: builds the same generated archive (bench/gen_archive.py) with `search = false`
# and `search = true` in veille.toml and reports both wall times and peak memories (max RSS) and
# their differences, which are the cost of the index; the index's size and file count; then
# serves the site (python3 -m http.server) and runs queries in headless Chromium over the
# DevTools protocol (bench/search_query.mjs): bytes fetched from search/ by a first query, and
# how long search.js took to rank once the shards had arrived.
set -euo pipefail
sizes=("${@:-10000 100000}")
# shellcheck disable=SC2206
sizes=(${sizes[*]})
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill "$server"; rm -rf "$work"' EXIT

cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
# A private copy: a shared CARGO_TARGET_DIR may be rebuilt from another branch meanwhile.
cp "${CARGO_TARGET_DIR:-$repo/target}/release/veille" "$work/veille"
veille="$work/veille"

measure() { # outfile, command... (each build starts from no public/: removing one costs too)
  local out=$1; shift
  rm -rf "$site/public"
  /usr/bin/time -f "%e %U+%S %M" -o "$out" "$@" > /dev/null 2> "$work/err" || { cat "$work/err"; exit 1; }
}

for n in "${sizes[@]}"; do
  site="$work/site-$n"
  python3 "$repo/bench/gen_archive.py" "$n" "$site/content"
  printf 'title = "bench"\nbase_url = "https://example.org/archive/"\nper_page = 20\nsearch = false\n' > "$site/veille.toml"
  measure "$work/without" "$veille" build --root "$site" -q
  sed -i 's/^search = false/search = true/' "$site/veille.toml"
  measure "$work/with" env VEILLE_TIMINGS=1 "$veille" build --root "$site" -q
  stage=$(grep -o 'search index [0-9.]* s' "$work/err")
  read -r s0 u0 k0 < "$work/without"
  read -r s1 u1 k1 < "$work/with"
  files=$(find "$site/public/search" -type f | wc -l)
  bytes=$(du -sb --apparent-size "$site/public/search" | cut -f1)
  echo "== $n articles"
  printf 'build without search: %.2f s wall, %s s CPU, %d MB peak\n' "$s0" "$u0" $((k0 / 1024))
  printf 'build with search:    %.2f s wall, %s s CPU, %d MB peak\n' "$s1" "$u1" $((k1 / 1024))
  python3 -c "print(f'difference: +{$s1-$s0:.2f} s wall, +{($u1)-($u0):.2f} s CPU, +{($k1-$k0)/1024:.0f} MB peak; stage timer: $stage')"
  printf 'index: %d files, %.1f MB (w: %d shards, p: %d chunks, d: %d chunks, f: %d lists)\n' \
    "$files" "$(echo "$bytes / 1048576" | bc -l)" \
    "$(ls "$site/public/search/w" | wc -l)" "$(ls "$site/public/search/p" | wc -l)" \
    "$(ls "$site/public/search/d" | wc -l)" "$(find "$site/public/search/f" -type f | wc -l)"
  port=$((8800 + RANDOM % 500))
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site/public" > /dev/null 2>&1 &
  server=$!
  sleep 1
  # Common words (in most articles), a prefix being typed, a rare word (one title), a filter.
  for q in "r%C3%A9fugi%C3%A9s" "arm%C3%A9e+fronti%C3%A8re" "fronti" "$((n / 3))" "r%C3%A9fugi%C3%A9s&country=Mali"; do
    node --experimental-websocket --no-warnings "$repo/bench/search_query.mjs" "http://127.0.0.1:$port/search.html?q=$q"
  done
  kill "$server"
  server=
  rm -rf "$site"
done
