#!/bin/sh
# Extraction quality (main text, title, date, authors, lang) and pages/s of `veille import`
# beside trafilatura and htmldate, on the same pages, scored by ../shared/score/extract.py. A
# benchmark, not a test: CI never runs it, nor installs the peers.
#
#   sh bench/quality.sh [--part tuning|validation|both] [--json] [--worst N]
#
# Pages: ../shared/corpus/extract/dev (rd-*, sh-*) and ../shared/corpus/extract/dragnet
# (dn-*), split by site so that validation sites never appear in tuning. The site of a page
# is the host of its gold `url` without a leading "www.", else the host of the page's
# <link rel=canonical> or og:url, else the page id; a site is VALIDATION when
# int(sha1(site).hexdigest(), 16) % 3 == 0, else TUNING. Validation is scored, never studied
# page by page: it prints aggregates only, and --worst N lists tuning pages.
#
# The peers live in a virtualenv outside the repository (VENV, default
# /tmp/veille-bench-venv), made on the first run with the exact versions below and made anew
# when they change. PEERS=none scores veille alone (system python3 with PyYAML); PEERS=htmldate
# runs one peer. VEILLE and SHARED override the binary and the shared/ folder.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
veille=${VEILLE:-${CARGO_TARGET_DIR:-$here/target}/release/veille}
venv=${VENV:-/tmp/veille-bench-venv}
peers=${PEERS-trafilatura htmldate}
# Every package pinned, dependencies too: trafilatura's output moves with lxml, justext and
# dateparser. lxml_html_clean is named because justext imports lxml.html.clean, which lxml 6
# no longer ships.
pins="trafilatura==2.3.1 htmldate==1.11.0 PyYAML==6.0.4 babel==2.19.0 certifi==2026.10.19.post1
charset-normalizer==3.5.3 courlan==1.4.0 dateparser==1.5.0 jusText==3.0.2 lxml==6.2.1
lxml_html_clean==0.4.7 python-dateutil==4.0.0 pytz==2026.6 regex==2026.12.2 tld==0.13.2
tzdata==2026.6 tzlocal==5.4.5 urllib3==2.8.0"

[ -x "$veille" ] || { echo "build first: cargo build --release (looked for $veille)" >&2; exit 2; }
py=python3
if [ "$peers" != none ]; then
    if [ "$(cat "$venv/pins" 2>/dev/null)" != "$pins" ]; then
        echo "installing the peers in $venv" >&2
        python3 -m venv --clear "$venv"
        # shellcheck disable=SC2086 # one argument per pin
        "$venv/bin/pip" install --quiet --disable-pip-version-check $pins
        echo "$pins" >"$venv/pins"
    fi
    py=$venv/bin/python
fi
exec "$py" "$here/bench/quality.py" --veille "$veille" --shared "${SHARED:-$here/../shared}" \
    --peers "$peers" "$@"
