#!/usr/bin/env python3
"""Extraction quality of `veille import` beside trafilatura and htmldate, on a TUNING and a
VALIDATION part of the development corpora. Run it through bench/quality.sh, which installs
the pinned peers in a virtualenv outside the repository and passes --veille, --shared, --peers.

    quality.py --veille BIN --shared DIR --peers "trafilatura htmldate"
               [--part tuning|validation|both] [--json] [--worst N]

Corpora: SHARED/corpus/extract/dev (rd-*, sh-*) and SHARED/corpus/extract/dragnet (dn-*).

Split, by site so that no validation page shares a site with a tuning page: the site of a
page is the host of its gold `url` without a leading "www.", else (no url in the gold) the
host of the page's first <link rel=canonical> or, failing that, og:url, else the page id.
A site is VALIDATION when int(sha1(site).hexdigest(), 16) % 3 == 0, else TUNING.

Validation is scored, never studied page by page: only aggregates are printed for it, and
--worst lists tuning pages only.

Each part is one folder of symlinks to its pages and gold records, the scorer's gold dir.
veille imports the pages into a fresh folder on one thread (RAYON_NUM_THREADS=1), timed as a
whole process; each peer runs in this process, timed from reading the first page to writing
the last file (interpreter start and imports not counted, which favours the peers). Every
tool's output is scored by SHARED/score/extract.py, so all columns share one measure.
"""
import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import yaml

PARTS = ("tuning", "validation")
CORPORA = ("dev", "dragnet")
GROUPS = ("rd", "sh", "dn")
# What each tool writes: a measure is shown only for the tools that attempt it. trafilatura
# reports no language (it detects one only to filter, with an optional package); htmldate
# finds dates and nothing else.
FIELDS = {
    "veille": {"body", "title", "date", "authors", "lang"},
    "trafilatura": {"body", "title", "date", "authors"},
    "htmldate": {"date"},
}


# ------------------------------------------------------------------------------- split
# Tags and attributes by regex: enough to find a URL in <head>, in any attribute order.
_URL_TAG = re.compile(rb"<(?:link|meta)\b[^>]*>", re.I)
_ATTR = re.compile(rb"""([\w:.-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""")


def host(url):
    try:
        name = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return name.removeprefix("www.") if name else None


def page_url(html):
    """The canonical URL the page gives for itself, else its og:url, else None."""
    canonical = og = None
    for tag in _URL_TAG.finditer(html):
        attrs = {k.lower(): v.strip(b"\"'") for k, v in _ATTR.findall(tag.group())}
        if canonical is None and b"canonical" in attrs.get(b"rel", b"").lower().split():
            canonical = attrs.get(b"href")
        if og is None and attrs.get(b"property", b"").lower() == b"og:url":
            og = attrs.get(b"content")
    # A relative canonical has no host: og:url may still have one.
    for url in (canonical, og):
        if url and host(url.decode("latin-1")):
            return url.decode("latin-1")
    return None


def site_of(page_id, gold, html_path):
    url = gold.get("url") or page_url(html_path.read_bytes())
    return (url and host(url)) or page_id


def part_of(site):
    return "validation" if int(hashlib.sha1(site.encode()).hexdigest(), 16) % 3 == 0 else "tuning"


def split(shared):
    """{part: [(id, html path, json path, site)]}, pages in the scorer's sense (gold has body_text)."""
    parts = {p: [] for p in PARTS}
    for corpus in CORPORA:
        folder = shared / "corpus" / "extract" / corpus
        for gold_path in sorted(folder.glob("*.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            if not isinstance(gold.get("body_text"), str):
                continue
            page_id = gold_path.stem
            html_path = gold_path.with_suffix(".html")
            site = site_of(page_id, gold, html_path)
            parts[part_of(site)].append((page_id, html_path, gold_path, site))
    return parts


def split_counts(pages):
    """Pages and distinct sites per group and in all."""
    counts = {}
    for group in GROUPS + ("all",):
        mine = [p for p in pages if group == "all" or p[0].split("-", 1)[0] == group]
        counts[group] = {"pages": len(mine), "sites": len({p[3] for p in mine})}
    return counts


# ------------------------------------------------------------------------------- tools
def run_veille(veille, pages, out):
    # File arguments, not the folder: veille's folder walk passes over symlinks.
    args = [veille, "import", "-q", "-o", str(out)] + [str(p) for p in pages]
    env = dict(os.environ, RAYON_NUM_THREADS="1")
    start = time.perf_counter()
    done = subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    if done.returncode:
        # Refused pages exit non-zero; they count as missing outputs, not as a failed run.
        print("  veille exited %d" % done.returncode, file=sys.stderr)
    out.mkdir(exist_ok=True)  # the scorer wants the folder even when every page was refused
    return seconds


def write_markdown(out, page_id, meta, body):
    meta = {k: v for k, v in meta.items() if v}
    meta["source_file"] = page_id + ".html"
    text = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10**6)
    (out / (page_id + ".md")).write_text("---\n%s---\n\n%s\n" % (text, body), encoding="utf-8")


def run_trafilatura(pages, out):
    import trafilatura

    start = time.perf_counter()
    for page in pages:
        # Bytes: trafilatura decodes them itself. Default options; `text` is the main text
        # alone (the txt output format would append the comments it also extracts).
        doc = trafilatura.bare_extraction(page.read_bytes(), with_metadata=True)
        if doc is None:
            continue  # refused: no output, as for veille
        authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
        write_markdown(out, page.stem, {"title": doc.title, "date": doc.date, "authors": authors},
                       doc.text or "")
    return time.perf_counter() - start


def run_htmldate(pages, out):
    import htmldate

    start = time.perf_counter()
    for page in pages:
        date = htmldate.find_date(page.read_bytes(), original_date=True, extensive_search=True)
        write_markdown(out, page.stem, {"date": date}, "")
    return time.perf_counter() - start


PEERS = {"trafilatura": run_trafilatura, "htmldate": run_htmldate}


def versions(veille, peers):
    found = {"veille": subprocess.run([veille, "--version"], capture_output=True, text=True).stdout.strip()}
    for name in peers:
        found[name] = __import__(name).__version__
    return found


# ------------------------------------------------------------------------------- score
def score(scorer, gold, content, worst=0, per_doc=False):
    args = [sys.executable, str(scorer), "--gold", str(gold), "--content", str(content),
            "--json", "--worst", str(worst)] + (["--per-doc"] if per_doc else [])
    return json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)


def run_part(name, pages, args, tmp):
    """Links, imports, extracts and scores one part; returns its numbers."""
    gold = tmp / name / "gold"
    gold.mkdir(parents=True)
    for _, html_path, gold_path, _ in pages:
        (gold / html_path.name).symlink_to(html_path)
        (gold / gold_path.name).symlink_to(gold_path)
    inputs = sorted(gold.glob("*.html"))
    tools = {}
    timings = {}
    print("%s: veille on %d pages" % (name, len(inputs)), file=sys.stderr)
    timings["veille"] = run_veille(args.veille, inputs, tmp / name / "veille")
    for peer in args.peers:
        print("%s: %s" % (name, peer), file=sys.stderr)
        (tmp / name / peer).mkdir()
        timings[peer] = PEERS[peer](inputs, tmp / name / peer)
    worst = args.worst if name == "tuning" else 0
    for tool, seconds in timings.items():
        report = score(args.scorer, gold, tmp / name / tool, worst=worst if tool == "veille" else 0,
                       per_doc=bool(worst) and tool == "trafilatura")
        tools[tool] = {"fields": sorted(FIELDS[tool]), "seconds": seconds,
                       "pages_per_s": len(inputs) / seconds,
                       "missing": report["n_missing"], "overall": report["overall"],
                       "by_source": report["by_source"]}
        if worst and tool == "veille":
            tools[tool]["worst"] = report["worst"]
        if worst and tool == "trafilatura":
            tools[tool]["shingle_f1_by_id"] = {d["id"]: d["shingle_f1"] for d in report["docs"]}
    return {"pages": len(inputs), "split": split_counts(pages), "tools": tools}


# ------------------------------------------------------------------------------- print
def rows(result):
    """(label, pages, field, getter) per table row; getter(tool numbers) -> value or None."""
    veille = result["tools"]["veille"]
    out = []
    for measure, key in (("shingle F1", "shingle_f1"), ("token F1", "token_f1")):
        out.append((measure, veille["overall"]["docs"], "body", lambda t, k=key: t["overall"][k]))
        for group in GROUPS:
            if group in veille["by_source"]:
                out.append(("%s (%s)" % (measure, group), veille["by_source"][group]["docs"], "body",
                            lambda t, k=key, g=group: t["by_source"][g][k]))
    for measure, key, field in (("title exact", "title_exact", "title"), ("date", "date_match", "date"),
                                ("authors F1", "authors_f1", "authors"), ("lang", "lang_match", "lang")):
        n = veille["overall"][key + "_n"]
        if n:
            out.append((measure, n, field, lambda t, k=key: t["overall"][k]))
    out.append(("refused/missing", result["pages"], "body", lambda t: t["missing"]))
    out.append(("pages/s", result["pages"], None, lambda t: t["pages_per_s"]))
    return out


def cell(value, label):
    if value is None:
        return "-"
    if label == "refused/missing":
        return "%d" % value
    return "%.1f" % value if label == "pages/s" else "%.3f" % value


def print_part(name, result, tools):
    counts = result["split"]
    print("%s: %s" % (name, ", ".join("%s %d pages / %d sites" % (g, c["pages"], c["sites"])
                                      for g, c in counts.items() if c["pages"])))
    widths = [max(11, len(t)) for t in tools]
    print("%-11s %5s  %-20s %s" % ("part", "pages", "measure",
                                   "  ".join(t.rjust(w) for t, w in zip(tools, widths))))
    for label, n, field, get in rows(result):
        cells = [cell(get(result["tools"][t]) if field is None or field in FIELDS[t] else None, label)
                 for t in tools]
        print("%-11s %5d  %-20s %s" % (name, n, label, "  ".join(c.rjust(w) for c, w in zip(cells, widths))))
    worst = result["tools"]["veille"].get("worst")
    if worst:
        other = result["tools"].get("trafilatura", {}).get("shingle_f1_by_id", {})
        print("worst %d tuning pages for veille (by shingle F1)%s:"
              % (len(worst), ", trafilatura's shingle F1 beside" if other else ""))
        for d in worst:
            line = "  %-24s shF1 %.3f  tokF1 %.3f  words %6d/%-6d %-11s %s" % (
                d["id"], d["shingle_f1"], d["token_f1"], d["pred_words"], d["gold_words"],
                "" if d["output"] else "(no output)",
                "trafilatura %.3f" % other[d["id"]] if d["id"] in other else "")
            print(line.rstrip())
    print()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--veille", required=True, help="the veille binary")
    ap.add_argument("--shared", required=True, type=Path, help="the shared/ folder (corpora, scorer)")
    ap.add_argument("--peers", default="", help='peers to run, space-separated, or "none"')
    ap.add_argument("--part", choices=PARTS + ("both",), default="both")
    ap.add_argument("--json", action="store_true", help="print every number as one JSON object")
    ap.add_argument("--worst", type=int, default=0, metavar="N", help="list the N worst tuning pages")
    args = ap.parse_args()
    args.peers = [p for p in args.peers.split() if p != "none"]
    unknown = set(args.peers) - set(PEERS)
    if unknown:
        ap.error("unknown peer(s): %s (known: %s)" % (" ".join(sorted(unknown)), " ".join(PEERS)))
    if args.worst and args.part == "validation":
        ap.error("--worst lists tuning pages only: validation is scored, never studied page by page")
    args.scorer = args.shared / "score" / "extract.py"

    parts = split(args.shared)
    chosen = PARTS if args.part == "both" else (args.part,)
    tools = ["veille"] + args.peers
    # A RAM disk when there is one, as in extract.sh: fsync latency is not extraction.
    scratch = os.environ.get("TMPDIR") or ("/dev/shm" if os.path.isdir("/dev/shm") else None)
    with tempfile.TemporaryDirectory(dir=scratch) as tmp:
        results = {name: run_part(name, parts[name], args, Path(tmp)) for name in chosen}

    report = {"versions": versions(args.veille, args.peers),
              "split": "site = gold url host without www., else <link rel=canonical> or og:url "
                       "host, else page id; validation when int(sha1(site), 16) % 3 == 0",
              "parts": results}
    if args.json:
        json.dump(report, sys.stdout, indent=1)
        print()
        return
    print("versions: " + ", ".join("%s %s" % (k, v.removeprefix("veille ")) for k, v in report["versions"].items()))
    print("split: " + report["split"])
    print()
    for name, result in results.items():
        print_part(name, result, tools)


if __name__ == "__main__":
    main()
