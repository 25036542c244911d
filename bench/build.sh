#!/usr/bin/env bash
# Benchmark of `veille build` on generated archives, side by side with Hugo on the same files.
#
#   bash bench/build.sh [SIZES...]        (default: 1000 10000 100000)
#
# For each size: a full build into an empty public/, a no-op rebuild, one edited article (plain
# build), and the one-edit latency of `veille serve` (save -> new text served over HTTP,
# bench/serve_edit.py, median of 3); then Hugo on the same articles with minimal layouts and the
# same taxonomies (actors, countries), without search. Wall time, CPU (user+sys), peak RSS,
# files and bytes, ratios, and the growth from the smallest size. Hugo comes from Debian
# (apt-get install hugo); it is skipped when not installed or above HUGO_MAX articles (default
# 50000: Hugo needs ~10 GB at 100k). Not a test: figures depend on the machine; compare ratios.
set -euo pipefail
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
hugo_max=${HUGO_MAX:-50000}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
veille="${CARGO_TARGET_DIR:-$repo/target}/release/veille"

measure() { # command... -> "secs cpu kb"
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" > /dev/null 2> "$work/err" || { cat "$work/err"; exit 1; }
  read -r secs user sys kb < "$work/time"
  echo "$secs $(python3 -c "print(round($user + $sys, 2))") $kb"
}

printf '| articles | run | wall s | cpu s | peak MB | files | MB written |\n|---|---|---|---|---|---|---|\n' > "$work/table"
first_secs=""; first_n=""
for n in "${sizes[@]}"; do
  site="$work/site-$n"
  python3 "$repo/bench/gen_archive.py" "$n" "$site/content" > /dev/null
  printf 'title = "bench"\nbase_url = "https://example.org/archive/"\nper_page = 20\n' > "$site/veille.toml"
  row() { # run-name "secs cpu kb" [dir]
    read -r secs cpu kb <<< "$2"
    local files="-" bytes="-"
    if [ -n "${3:-}" ]; then
      files=$(find "$3" -type f | wc -l)
      bytes=$(( $(du -sb "$3" | cut -f1) / 1048576 ))
    fi
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$n" "$1" "$secs" "$cpu" $((kb / 1024)) "$files" "$bytes" >> "$work/table"
    tail -1 "$work/table"
  }
  full=$(measure "$veille" build --root "$site" -q); row "veille full" "$full" "$site/public"
  noop=$(measure "$veille" build --root "$site" -q); row "veille no-op" "$noop"
  echo "Une phrase de plus." >> "$(find "$site/content" -name '*.md' | sort | sed -n 2p)"
  edit=$(measure "$veille" build --root "$site" -q); row "veille one edit" "$edit"
  latency=$(python3 "$repo/bench/serve_edit.py" "$veille" "$site" 3 | sed -n 's/^median one-edit latency: \(.*\) s$/\1/p')
  printf '| %s | veille serve, one edit -> served | %s | | | | |\n' "$n" "$latency" >> "$work/table"
  tail -1 "$work/table"
  read -r v_secs _ v_kb <<< "$full"
  read -r noop_secs _ <<< "$noop"
  python3 -c "print(f'{$n} articles: no-op rebuild = {$noop_secs/$v_secs:.1%} of a full build')" >> "$work/ratios"
  if [ -z "$first_secs" ]; then first_secs=$v_secs; first_n=$n; else
    python3 -c "print(f'growth {$first_n} -> {$n} articles (x{$n/$first_n:g}): time x{$v_secs/$first_secs:.1f}')" >> "$work/ratios"
  fi
  if command -v hugo > /dev/null && [ "$n" -le "$hugo_max" ]; then
    rm -rf "$work/hugo"
    mkdir -p "$work/hugo/layouts/_default" "$work/hugo/content"
    find "$site/content" -name "*.md" -exec cp -t "$work/hugo/content/" {} +
    cat > "$work/hugo/config.toml" <<'TOML'
baseURL = "https://example.org/archive/"
title = "bench"
disableKinds = ["RSS"]
[pagination]
pagerSize = 20
[taxonomies]
actor = "actors"
country = "countries"
TOML
    printf '<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>' > "$work/hugo/layouts/_default/baseof.html"
    printf '{{ define "main" }}<h1>{{ .Title }}</h1><p>{{ .Date.Format "2006-01-02" }}</p>{{ .Content }}{{ range .Params.actors }}<a href="{{ (print "/actors/" (urlize .)) | relURL }}">{{ . }}</a>{{ end }}{{ end }}' > "$work/hugo/layouts/_default/single.html"
    printf '{{ define "main" }}<h1>{{ .Title }}</h1>{{ range .Paginator.Pages }}<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><p>{{ .Summary }}</p>{{ end }}{{ end }}' > "$work/hugo/layouts/_default/list.html"
    printf '{{ define "main" }}<h1>{{ .Title }}</h1>{{ range .Data.Terms.ByCount }}<a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}{{ end }}{{ end }}' > "$work/hugo/layouts/_default/terms.html"
    h=$(measure hugo --source "$work/hugo" --quiet); row "hugo $(hugo version | cut -d' ' -f2) (no search)" "$h" "$work/hugo/public"
    read -r h_secs _ h_kb <<< "$h"
    python3 -c "print(f'{$n} articles: veille/hugo wall time {$v_secs/$h_secs:.2f}x, peak memory {$v_kb/$h_kb:.2f}x')" >> "$work/ratios"
    rm -rf "$work/hugo"
  fi
  rm -rf "$site"
done
echo
cat "$work/table"
echo
cat "$work/ratios"
