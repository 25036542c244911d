#!/usr/bin/env bash
# Benchmark of `veille build` on a generated archive, side by side with Hugo on the same files.
#
#   bash bench/build.sh [N=10000]
#
# Prints wall time, peak memory (max RSS) and output files for each, and the ratios. Hugo comes
# from Debian (apt-get install hugo) and renders the same articles with minimal layouts and the
# same taxonomies (actors, countries, sections); it is skipped when not installed. Not a test:
# figures depend on the machine, compare the ratios.
set -euo pipefail
n=${1:-10000}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
veille="${CARGO_TARGET_DIR:-$repo/target}/release/veille"
python3 "$repo/bench/gen_archive.py" "$n" "$work/site/content"
printf 'title = "bench"\nbase_url = "https://example.org/archive/"\nper_page = 20\n' > "$work/site/veille.toml"

measure() { # name, command...
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" > /dev/null 2> "$work/err" || { cat "$work/err"; exit 1; }
  read -r secs kb < "$work/time"
  echo "$name $secs $kb"
}

echo "articles: $n"
measure veille "$veille" build --root "$work/site" -q | tee "$work/veille.txt"
v_files=$(find "$work/site/public" -type f | wc -l)
v_bytes=$(du -sb "$work/site/public" | cut -f1)
read -r _ v_secs v_kb < "$work/veille.txt"
printf 'veille: %.2f s, %d MB peak, %d files, %d MB\n' "$v_secs" $((v_kb / 1024)) "$v_files" $((v_bytes / 1048576))

if command -v hugo > /dev/null; then
  mkdir -p "$work/hugo/layouts/_default" "$work/hugo/content"
  cp "$work/site/content/"*.md "$work/hugo/content/"
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
  measure hugo hugo --source "$work/hugo" --quiet | tee "$work/hugo.txt"
  h_files=$(find "$work/hugo/public" -type f | wc -l)
  read -r _ h_secs h_kb < "$work/hugo.txt"
  printf 'hugo:   %.2f s, %d MB peak, %d files (%s)\n' "$h_secs" $((h_kb / 1024)) "$h_files" "$(hugo version | cut -d' ' -f2)"
  python3 -c "print(f'ratio hugo/veille: time {$h_secs/$v_secs:.2f}x, peak memory {$h_kb/$v_kb:.2f}x')"
fi
