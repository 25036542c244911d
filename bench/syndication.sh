#!/bin/sh
# Precision and recall of veille's syndication detector on labelled pairs (see
# bench/syndication.py): imports the shared corpora's pages into a scratch site, adds the
# copies and round-ups the script writes, builds, and scores the groups the build found.
#
#   sh bench/syndication.sh            # VEILLE, SHARED and BENCH_TMP override the defaults
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
veille=${VEILLE:-${CARGO_TARGET_DIR:-$here/target}/release/veille}
shared=${SHARED:-$here/../shared}
[ -x "$veille" ] || { echo "build first: cargo build --release (looked for $veille)" >&2; exit 2; }
work=$(mktemp -d "${BENCH_TMP:-/tmp}/veille-syndication.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$veille" import -q -o "$work/content" "$shared/corpus/tags/dev" "$shared/corpus/extract/dev" \
    "$shared/corpus/extract/dragnet" || true   # a page veille refuses is not a pair
python3 "$here/bench/syndication.py" make "$work/content" "$work/labels.tsv"
"$veille" build -q --root "$work" -o "$work/public"
python3 "$here/bench/syndication.py" score "$work/content" "$work/labels.tsv" "$work/public/data/dispatches.csv"
