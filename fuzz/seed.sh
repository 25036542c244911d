#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from the shared samples and corpora (never committed: third-party
# pages stay out of the repository). Usage: bash fuzz/seed.sh [path to ../shared]
set -euo pipefail
cd "$(dirname "$0")"
shared="${1:-../../shared}"
mkdir -p corpus/import_dump corpus/import_html corpus/front_matter
hostile="$(mktemp -d)"
python3 "$shared/corpus/hostile/make.py" --out "$hostile" >/dev/null
# The 5 MB single line is left out: libFuzzer would then mutate megabyte inputs at 20 runs/s.
rm -f "$hostile/huge-single-line.txt"
cp "$shared"/samples/*.txt "$hostile"/*.txt corpus/import_dump/
cp "$hostile"/*.html corpus/import_html/
# A spread of real pages from the dev corpus: every 20th (the fuzzer mutates from there).
find "$shared/corpus/extract" -name '*.html' | sort | awk 'NR % 20 == 0' | head -60 | xargs -I{} cp {} corpus/import_html/
# Front matter: the bundled archive's articles (our own text).
cp ../content/*.md corpus/front_matter/
rm -rf "$hostile"
for target in import_dump import_html front_matter; do
  echo "$target: $(ls corpus/$target | wc -l) seeds"
done
