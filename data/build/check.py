#!/usr/bin/env python3
"""Check the veille dictionary files (data/actors.yaml, countries.yaml, blockers.yaml).

Usage:
    python3 data/build/check.py [DATA_DIR]        (default: the data/ folder above this script)

Checks: every file parses; every actor has name, kind, description and aliases with kind in
the five RULES kinds; canonical names are unique; no alias is shorter than 2 characters or
repeated inside an entry; no surface form leads to two different targets (two actors, an actor
and a country, two countries, or a blocker equal to an alias); countries has 250 entries with
unique codes and unique government / armed-forces names. Prints counts and every problem;
exits 1 when a problem was found. Needs Python 3.8+ and PyYAML.
"""
import collections
import os
import sys
import unicodedata

import yaml

KINDS = ("armed_group", "armed_force", "government", "organisation", "person")
HERE = os.path.dirname(os.path.abspath(__file__))


def fold(text):
    """The matcher's key: all-caps acronyms kept as they are, everything else case- and
    accent-folded, apostrophes unified, hyphens and runs of spaces made one space."""
    text = unicodedata.normalize("NFKC", str(text))
    for ch in "\u2019\u2018`\u00b4\u02bc\u02bb\u2032":
        text = text.replace(ch, "'")
    letters = [c for c in text if c.isalpha()]
    acronym = letters and all(c.isupper() for c in letters) and len(letters) >= 2
    if not acronym:
        text = text.casefold()
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = text.replace("-", " ").replace("\u2013", " ").replace(".", "")
    return " ".join(text.split())


def main(argv):
    data = argv[1] if len(argv) > 1 else os.path.dirname(HERE)
    problems, warnings = [], []

    def load(name):
        path = os.path.join(data, name)
        try:
            with open(path, encoding="utf-8") as fh:
                return yaml.safe_load(fh)
        except (OSError, yaml.YAMLError) as exc:
            problems.append(f"{name}: does not parse: {exc}")
            return None

    actors = load("actors.yaml") or []
    countries = load("countries.yaml") or []
    blockers = load("blockers.yaml") or []

    owner = {}          # folded form -> target label

    dependent = {c.get("code") for c in countries if c.get("independent") is False}

    def claim(form, target, where):
        key = fold(form)
        if not key:
            return
        both_territories = (key in owner and owner[key] != target and owner[key].startswith("country ")
                            and target.startswith("country ") and {owner[key][8:], target[8:]} <= dependent)
        if both_territories:
            warnings.append(f"'{form}' names two territories: {owner[key]} and {target}")
        elif key in owner and owner[key] != target:
            problems.append(f"conflict: '{form}' ({where}) -> {target} but already -> {owner[key]}")
        else:
            owner.setdefault(key, target)

    # ---------------------------------------------------------------- countries
    codes = collections.Counter(c.get("code") for c in countries)
    if len(countries) != 250:
        problems.append(f"countries.yaml: {len(countries)} entries, expected 250")
    for code, n in codes.items():
        if n > 1 or not isinstance(code, str) or len(code) != 2:
            problems.append(f"countries.yaml: bad or repeated code {code!r}")
    canon = collections.Counter()
    for c in countries:
        code = c.get("code")
        for key in ("name_en", "name_fr", "names", "demonyms", "capitals", "seats", "government",
                    "armed_forces", "forces_aliases", "government_aliases"):
            if key not in c:
                problems.append(f"countries.yaml {code}: missing {key}")
        canon[c.get("government")] += 1
        if c.get("armed_forces"):
            canon[c.get("armed_forces")] += 1
        for form in [c.get("name_en"), c.get("name_fr")] + (c.get("names") or []) \
                + (c.get("demonyms") or []) + (c.get("capitals") or []) + (c.get("seats") or []):
            if form:
                claim(form, f"country {code}", "country form")
        for form in c.get("government_aliases") or []:
            claim(form, f"government {c.get('government')}", f"{code} government_aliases")
        for form in c.get("forces_aliases") or []:
            claim(form, f"forces {c.get('armed_forces')}", f"{code} forces_aliases")
        for form in (c.get("names") or []) + (c.get("forces_aliases") or []) + (c.get("government_aliases") or []):
            if len(str(form)) < 2:
                problems.append(f"countries.yaml {code}: form shorter than 2 characters: {form!r}")
    for name, n in canon.items():
        if n > 1:
            problems.append(f"countries.yaml: canonical actor name used {n} times: {name}")

    # ---------------------------------------------------------------- actors
    names = collections.Counter()
    kinds = collections.Counter()
    for i, a in enumerate(actors):
        label = a.get("name", f"#{i}")
        for key in ("name", "kind", "description", "aliases"):
            if not a.get(key):
                problems.append(f"actor {label}: missing {key}")
        if a.get("kind") not in KINDS:
            problems.append(f"actor {label}: bad kind {a.get('kind')!r}")
        if a.get("country") is not None and (not isinstance(a.get("country"), str) or a["country"] not in codes):
            problems.append(f"actor {label}: unknown country {a.get('country')!r}")
        extra = set(a) - {"name", "kind", "country", "label_fr", "description", "aliases"}
        if extra:
            problems.append(f"actor {label}: unknown keys {sorted(extra)}")
        desc = a.get("description") or ""
        if not str(desc).rstrip().endswith((".", ")")):
            problems.append(f"actor {label}: description looks truncated: {desc!r}")
        names[label] += 1
        kinds[a.get("kind")] += 1
        if label in canon:
            problems.append(f"actor {label}: name also used as a country actor")
        seen = set()
        for alias in a.get("aliases") or []:
            if not isinstance(alias, str):
                problems.append(f"actor {label}: non-string alias {alias!r}")
                continue
            if len(alias.strip()) < 2:
                problems.append(f"actor {label}: alias shorter than 2 characters: {alias!r}")
            if alias != alias.strip() or "  " in alias:
                problems.append(f"actor {label}: alias with stray spaces: {alias!r}")
            if alias[:1].islower() and alias.split()[0] in ("et", "la", "le", "les", "de", "du", "des", "and", "the", "of"):
                problems.append(f"actor {label}: alias looks like a split fragment: {alias!r}")
            # a case variant is a separate alias only when exactly one of the two is an acronym
            # (JNIM is matched case-sensitively, Jnim case-insensitively)
            letters = [c for c in alias if c.isalpha()]
            caps = bool(letters) and all(c.isupper() for c in letters)
            exact = (caps, " ".join(unicodedata.normalize("NFC", alias).replace("\u2019", "'").casefold().split()))
            if exact in seen:
                problems.append(f"actor {label}: alias repeated: {alias!r}")
            seen.add(exact)
            claim(alias, f"actor {label}", "actor alias")
    for name, n in names.items():
        if n > 1:
            problems.append(f"actors.yaml: canonical name repeated {n} times: {name}")

    # ---------------------------------------------------------------- blockers
    n_phrases = 0
    for g in blockers:
        if not g.get("group") or not isinstance(g.get("phrases"), list):
            problems.append(f"blockers.yaml: bad group {g!r}")
            continue
        for phrase in g["phrases"]:
            n_phrases += 1
            if not isinstance(phrase, str) or len(phrase) < 2:
                problems.append(f"blockers.yaml: bad phrase {phrase!r}")
                continue
            key = fold(phrase)
            if key in owner and owner[key].startswith("country "):
                # deliberate: on an exact tie the blocker wins (README), e.g. "réunion"
                warnings.append(f"blocker '{phrase}' overrides a form of {owner[key]}")
            elif key in owner and not owner[key].startswith("blocker"):
                problems.append(f"blockers.yaml: '{phrase}' is also {owner[key]}")
            owner.setdefault(key, "blocker")

    print(f"countries: {len(countries)} entries, {len(codes)} codes")
    print(f"actors: {len(actors)} entries, " + ", ".join(f"{k} {kinds[k]}" for k in KINDS))
    n_alias = sum(len(a.get('aliases') or []) for a in actors)
    print(f"actor aliases: {n_alias}; blockers: {len(blockers)} groups, {n_phrases} phrases; "
          f"distinct surface forms: {len(owner)}")
    for w in warnings:
        print("warning:", w)
    for p in problems:
        print("PROBLEM:", p)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
