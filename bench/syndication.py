#!/usr/bin/env python3
"""Labelled pairs for veille's syndication detector, and its precision and recall on them.

    python3 bench/syndication.py make CONTENT LABELS    # writes rewrites into CONTENT, labels to LABELS
    python3 bench/syndication.py score CONTENT LABELS DISPATCHES_CSV

`make` reads the articles veille imported from the shared corpora (real pages of many sites, no
two of them copies of one another: the 60 pairs of highest containment were read one by one,
see the README), then writes, for a seeded sample of them, the copies an outlet makes of a
dispatch (labelled COPY with their source) and round-ups quoting one paragraph from each of
several articles (labelled APART from each source: they share text, but are not the dispatch).
Every other pair of articles is APART. Each source article falls in the tuning or the validation
part by a hash of its file name; pairs are scored per part.

`score` reads the groups `veille build` wrote (public/data/dispatches.csv) and prints precision
and recall per part and per kind of copy, then the same measured exactly in Python (no
MinHash) at other thresholds, so the chosen one can be judged.
"""
import csv
import hashlib
import os
import random
import re
import sys
from collections import defaultdict
from itertools import combinations

WIDTH = 5


def split_front(text):
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---\n", 4)
    if end < 0:
        return {}, text
    front = {}
    for line in text[4:end].splitlines():
        m = re.match(r"^([a-z_]+): ?(.*)$", line)
        if m:
            front[m.group(1)] = m.group(2).strip().strip("'\"")
    return front, text[end + 5:]


def part_of(stem):
    return "validation" if int(hashlib.sha1(stem.encode()).hexdigest(), 16) % 3 == 0 else "tuning"


def words(markdown):
    """As veille's shingles.rs: runs of letters and digits, lowercased, link targets skipped."""
    text = re.sub(r"\]\([^)]*\)", "] ", markdown)
    return [w.lower() for w in re.findall(r"[^\W_]+", text)]


def shingles(markdown):
    w = words(markdown)
    return {" ".join(w[i:i + WIDTH]) for i in range(len(w) - WIDTH + 1)}


def paragraphs(body):
    return [p.strip() for p in body.split("\n\n") if p.strip()]


def write(content, stem, title, site, body):
    front = ["---", "title: '" + title.replace("'", "''") + "'", "site_name: '" + site + "'",
             f"source_url: https://{site.lower().replace(' ', '-')}.example/{stem}", "---", ""]
    with open(os.path.join(content, stem + ".md"), "w", encoding="utf-8") as f:
        f.write("\n".join(front) + "\n" + body.strip() + "\n")


TYPO = str.maketrans({"'": "’", "’": "'", "\"": "«", "«": "\"", "»": "\""})


def copy_of(rng, paras, kind, others):
    """An outlet's copy of a dispatch, as `kind` says."""
    p = list(paras)
    if kind in ("trim", "combo"):
        keep = max(2, round(len(p) * rng.uniform(0.5, 0.8)))
        p = p[:keep]
    if kind == "brief":
        p = p[:2]
    if kind in ("lede", "combo"):
        p[0] = "(Agence) — " + " ".join(rng.sample(words(" ".join(others)), 12)).capitalize() + ". " + p[0]
        p.append("© Agence, tous droits réservés. Reproduction interdite.")
    if kind in ("edit", "combo"):
        vocabulary = words(" ".join(others)) or ["mot"]
        edited = []
        for para in p:
            tokens = para.translate(TYPO).split(" ")
            tokens = [rng.choice(vocabulary) if rng.random() < 0.03 else t for t in tokens]
            edited.append(" ".join(tokens))
        if len(edited) > 2:
            edited[1:3] = [edited[1] + " " + edited[2]]
        p = edited
    if kind in ("furniture", "combo"):
        p.insert(min(2, len(p)), "Lire aussi : " + rng.choice(others)[:90])
        p.append("Abonnez-vous à notre lettre d'information pour ne rien manquer de l'actualité.")
    return p


KINDS = ["trim", "brief", "lede", "edit", "furniture", "combo"]


def make(content, labels_path):
    articles = {}
    for name in sorted(os.listdir(content)):
        if name.endswith(".md"):
            with open(os.path.join(content, name), encoding="utf-8") as f:
                front, body = split_front(f.read())
            paras = [p for p in paragraphs(body) if len(words(p)) >= 8]
            if len(paras) >= 3 and len(shingles(body)) >= 60:
                articles[name[:-3]] = (front.get("title", name), paras)
    rng = random.Random(20261207)
    stems = sorted(articles)
    sources = rng.sample(stems, min(240, len(stems)))
    labels = []
    for n, stem in enumerate(sources):
        title, paras = articles[stem]
        kind = KINDS[n % len(KINDS)]
        others = [" ".join(articles[o][1][:1]) for o in rng.sample(stems, 3) if o != stem]
        body = "\n\n".join(copy_of(rng, paras, kind, others))
        copy = f"zz-copy-{n:03d}"
        write(content, copy, "Reprise : " + title[:80], f"Outlet {n % 7}", body)
        labels.append((stem, copy, "COPY", kind, part_of(stem)))
    for n in range(80):
        chosen = rng.sample(stems, 4)
        body = "\n\n".join(rng.choice(articles[s][1]) for s in chosen)
        roundup = f"zz-roundup-{n:03d}"
        write(content, roundup, f"Revue de presse {n}", "Revue", body)
        for s in chosen:
            labels.append((s, roundup, "APART", "roundup", part_of(s)))
    with open(labels_path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, delimiter="\t")
        out.writerow(["a", "b", "label", "kind", "part"])
        out.writerows(labels)
    print(f"{len(articles)} articles long enough; wrote {len(sources)} copies and 80 round-ups", file=sys.stderr)


def score(content, labels_path, dispatches_csv):
    with open(labels_path, encoding="utf-8") as f:
        labels = list(csv.DictReader(f, delimiter="\t"))
    groups = defaultdict(list)
    with open(dispatches_csv, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            groups[row["dispatch"]].append(os.path.basename(row["article"])[:-5])
    found = {frozenset(p) for g in groups.values() for p in combinations(g, 2)}
    copies = {frozenset((l["a"], l["b"])): l for l in labels if l["label"] == "COPY"}
    stems = [n[:-3] for n in os.listdir(content) if n.endswith(".md")]

    def part(pair):
        for stem in pair:
            if not stem.startswith("zz-"):
                return part_of(stem)
        return "tuning"

    print("end to end (veille build, MinHash + LSH + exact containment):")
    print(f"{'part':<11} {'copies':>6} {'found':>6} {'false':>6} {'precision':>9} {'recall':>7}")
    for name in ("tuning", "validation", "all"):
        want = {p for p, l in copies.items() if name in ("all", l["part"])}
        got = {p for p in found if name in ("all", part(p))}
        tp = len(want & got)
        fp = len(got - set(copies))
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / len(want) if want else 1.0
        print(f"{name:<11} {len(want):>6} {len(got):>6} {fp:>6} {precision:>9.3f} {recall:>7.3f}")
    print("recall per kind of copy:", ", ".join(
        f"{k} {sum(1 for p, l in copies.items() if l['kind'] == k and p in found)}/"
        f"{sum(1 for l in copies.values() if l['kind'] == k)}" for k in KINDS))
    wrong = sorted(" ~ ".join(sorted(p)) for p in found - set(copies))
    print("false pairs:", "; ".join(wrong) if wrong else "none")

    # Exact measure of every pair that shares a shingle, in Python, for the threshold sweep.
    sets, outlet = {}, {}
    for stem in stems:
        with open(os.path.join(content, stem + ".md"), encoding="utf-8") as f:
            front, body = split_front(f.read())
        sets[stem] = shingles(body)
        outlet[stem] = front.get("site_name", "").strip().lower()
    index = defaultdict(list)
    for stem, s in sets.items():
        for sh in s:
            index[sh].append(stem)
    shared = defaultdict(int)
    for owners in index.values():
        if len(owners) < 50:
            for a, b in combinations(sorted(owners), 2):
                shared[(a, b)] += 1
    print("\nexact, every pair of two outlets (Python): precision / recall at containment ≥ C, ≥ S shared shingles")
    print(f"{'C':>5} {'S':>4} " + " ".join(f"{p:>21}" for p in ("tuning", "validation")))
    for c in (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8):
        for s_min in (10, 25, 50):
            cells = []
            for name in ("tuning", "validation"):
                got = set()
                for (a, b), n in shared.items():
                    small = max(1, min(len(sets[a]), len(sets[b])))
                    same_outlet = outlet[a] and outlet[a] == outlet[b]
                    if n >= s_min and n / small >= c and part((a, b)) == name and not same_outlet:
                        got.add(frozenset((a, b)))
                want = {p for p, l in copies.items() if l["part"] == name}
                tp = len(want & got)
                precision = tp / len(got) if got else 1.0
                cells.append(f"{precision:>10.3f} / {tp / len(want) if want else 1.0:.3f}")
            print(f"{c:>5} {s_min:>4} " + " ".join(f"{x:>21}" for x in cells))


if __name__ == "__main__":
    if sys.argv[1:2] == ["make"] and len(sys.argv) == 4:
        make(sys.argv[2], sys.argv[3])
    elif sys.argv[1:2] == ["score"] and len(sys.argv) == 5:
        score(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__)
