#!/usr/bin/env python3
"""Build data/countries.yaml from the ODbL country table and the hand-written overlay.

Usage:
    python3 data/build/countries.py ../shared/score/countries.json > data/countries.yaml
    python3 data/build/countries.py COUNTRIES_JSON [--overlay FILE] [--output FILE]

COUNTRIES_JSON is the world-countries derived table shipped in shared/score (ODbL-1.0).
The overlay (default: countries-overlay.yaml next to this script) adds press short forms,
seats of power, named forces, juntas and institutions, and removes names and demonyms that
are shared by two countries or are everyday words. Every country gets a government actor
("Government of <name>") and, when independent, an armed-forces actor ("<demonym> Armed
Forces"), plus aliases generated from its French and English adjectives ("armée malienne",
"Malian army", "gouvernement malien", "Malian authorities"...).

Needs Python 3.8+ and PyYAML. Warnings (shared names, demonyms or aliases) go to stderr.
"""
import argparse
import json
import os
import re
import sys
import unicodedata

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))

# Generated alias patterns. {m} {f} {mpl} {fpl}: French adjective forms; {en}: English adjective.
FR_FORCES = ["armée {f}", "forces armées {fpl}", "forces {fpl}", "soldats {mpl}", "militaires {mpl}",
             "troupes {fpl}"]
EN_FORCES = ["{en} Armed Forces", "{en} army", "{en} military", "{en} forces", "{en} troops",
             "{en} soldiers"]
FR_GOVERNMENT = ["gouvernement {m}", "autorités {fpl}", "junte {f}", "junte militaire {f}", "régime {m}",
                 "régime militaire {m}", "autorités militaires {fpl}", "pouvoir {m}",
                 "État {m}", "présidence {f}", "diplomatie {f}", "parlement {m}", "ambassade {f}",
                 "ministère {m} des Affaires étrangères", "ministère {m} de la Défense"]
EN_GOVERNMENT = ["{en} government", "{en} authorities", "{en} junta", "{en} regime",
                 "{en} military junta", "{en} military government", "{en} military authorities",
                 "{en} military regime", "{en} military rulers", "{en} military leaders",
                 "{en} presidency", "{en} embassy", "{en} parliament", "{en} Foreign Ministry",
                 "{en} Ministry of Foreign Affairs", "{en} Defence Ministry", "{en} Defense Ministry",
                 "{en} Ministry of Defence", "{en} Ministry of Defense"]

# Countries under military rule since 2020 (or recently): only these get "junte malienne"-style aliases
JUNTA_COUNTRIES = {"ML", "BF", "NE", "GN", "TD", "GA", "SD", "MM", "GW", "TH"}

# English demonyms that take no plural "s"
NO_EN_PLURAL = re.compile(r"(ese|ish|sh|ch|ss|s|x|z|y|ic|a|u|o)$", re.IGNORECASE)

# Names/countries that read naturally with "the" in "Government of the ..."
THE_PREFIX = re.compile(r"^(United |Republic of |Democratic |Central African |Netherlands|Philippines|"
                        r"Bahamas|Comoros|Maldives|Gambia|Dominican |Marshall |Solomon |Cayman |"
                        r"Falkland |Faroe |Cook |Virgin |Turks |Northern Mariana|British |French |"
                        r"Holy See|Vatican City|Czech Republic)")


def fold(text):
    """Comparison key close to the matcher's: casefold, no accents, one apostrophe."""
    text = unicodedata.normalize("NFKC", text)
    for ch in "\u2019\u2018`\u00b4\u02bc\u02bb\u2032":
        text = text.replace(ch, "'")
    if not (text.isupper() and len(text) <= 8):   # acronyms stay case-sensitive
        text = text.casefold()
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(text.replace("-", " ").split())


def exact_key(text):
    """De-duplication key: case and apostrophe style ignored, accents and hyphens kept
    (burkinabè / burkinabé / burkinabe are all listed; the matcher folds them anyway)."""
    text = unicodedata.normalize("NFC", text)
    for ch in "\u2019\u2018`\u00b4\u02bc\u02bb\u2032":
        text = text.replace(ch, "'")
    return " ".join(text.casefold().split())


def uniq(items, drop=()):
    """Order-preserving de-duplication, dropping `drop` items (compared the same way)."""
    dropped = {exact_key(d) for d in drop}
    seen, out = set(), []
    for item in items:
        if item is None:
            continue
        item = " ".join(str(item).split())
        key = exact_key(item)
        if not item or key in seen or key in dropped:
            continue
        seen.add(key)
        out.append(item)
    return out


def usable_name(name):
    """Names worth matching: not a 2-letter code, not an inverted ISO form, not a typo'd spacing."""
    if len(name) <= 2 or "(" in name or ", " in name:
        return False
    if " -" in name or "' " in name:
        return False
    return True


def split_en_demonym(value):
    parts = re.split(r",\s*|\s+or\s+", value or "")
    return [p.strip() for p in parts if p.strip()]


def en_plural(word):
    if NO_EN_PLURAL.search(word) or word.lower().startswith(("i-", "ni-")):
        return None
    return word + "s"


def fr_lower(word):
    """French demonyms are written in lower case ("malien", "bissau-guinéen")."""
    return word.lower() if word else word


def yaml_scalar(value):
    if value is None:
        return "null"
    text = str(value)
    try:
        plain_ok = (text == text.strip() and text != ""
                    and yaml.safe_load("[" + text + "]") == [text]
                    and yaml.safe_load("k: " + text) == {"k": text})
    except yaml.YAMLError:
        plain_ok = False
    return text if plain_ok else json.dumps(text, ensure_ascii=False)


def yaml_list(values):
    return "[" + ", ".join(yaml_scalar(v) for v in values) + "]"


def build(table, overlay):
    out, warnings = [], []
    for row in table["countries"]:
        code = row["alpha2"].upper()
        ov = overlay.get(code) or {}
        name_en, name_fr = row["name_en"], row["name_fr"]
        indep = bool(row.get("independent", True))

        # names
        raw_names = [name_en, row.get("official_en", ""), name_fr, row.get("official_fr", "")]
        raw_names += row.get("alt_spellings", []) + row.get("extra_names", []) + list(ov.get("names", []))
        overlay_names = list(ov.get("names", []))
        names = uniq([n for n in raw_names if n and (usable_name(n) or n in overlay_names)
                      and n not in (name_en, name_fr)],
                     drop=list(ov.get("drop_names", [])) + [name_en, name_fr])

        # demonyms
        dem = row.get("demonyms", {})
        en_list = []
        for gender in ("m", "f"):
            en_list += split_en_demonym(dem.get("en", {}).get(gender, ""))
        en_list = uniq(en_list)
        en_all = []
        for word in en_list:
            en_all.append(word)
            if word not in (name_en, name_fr):
                plural = en_plural(word)
                if plural:
                    en_all.append(plural)
        fr = dem.get("fr", {})
        fr_forms = {k: [fr_lower(fr.get(src, "") or "")] for k, src in
                    (("m", "m"), ("f", "f"), ("mpl", "m_pl"), ("fpl", "f_pl"))}
        fr_all = [w for k in ("m", "f", "mpl", "fpl") for w in fr_forms[k]
                  if w and " et " not in w and "," not in w]
        demonyms = uniq(fr_all + en_all + [fr_lower(d) for d in row.get("extra_demonyms", [])]
                        + list(ov.get("demonyms", [])),
                        drop=list(ov.get("drop_demonyms", []))
                        + [p for p in (en_plural(d) for d in ov.get("drop_demonyms", [])) if p])
        demonym_keys = {exact_key(d) for d in demonyms}

        # capitals and seats
        capitals = uniq(list(row.get("capitals", [])) + list(ov.get("capitals", [])),
                        drop=ov.get("drop_capitals", []))
        seats = uniq(ov.get("seats", []))

        # canonical actors
        gov_name = name_en
        if THE_PREFIX.match(gov_name):
            gov_name = "the " + gov_name
        government = ov.get("government", "Government of " + gov_name)
        primary_en = en_list[0] if en_list and exact_key(en_list[0]) in demonym_keys else None
        if "armed_forces" in ov:
            armed_forces = ov["armed_forces"]
        elif indep and primary_en and primary_en not in (name_en,):
            armed_forces = primary_en + " Armed Forces"
        else:
            armed_forces = None

        # generated aliases from adjectives
        en_adj = ([primary_en] if primary_en else []) + list(ov.get("en_forms", []))
        extra_fr = ov.get("fr_forms", {}) or {}
        fr_adj = {k: [w for w in fr_forms[k] + list(extra_fr.get(k, []))
                      if w and " et " not in w and "," not in w
                      and exact_key(w) in demonym_keys | {exact_key(x) for x in extra_fr.get(k, [])}]
                  for k in ("m", "f", "mpl", "fpl")}

        def expand(fr_patterns, en_patterns):
            items = []
            for pat in fr_patterns:
                key = re.search(r"\{(\w+)\}", pat).group(1)
                for w in fr_adj[key]:
                    items.append(pat.format(**{key: w}))
            for pat in en_patterns:
                for w in en_adj:
                    items.append(pat.format(en=w))
            return items

        generate_forces = indep and armed_forces and not ov.get("no_generated_forces")
        forces_aliases = list(ov.get("forces_aliases", []))
        if generate_forces:
            forces_aliases += expand(FR_FORCES, EN_FORCES)
        if armed_forces:
            forces_aliases = [armed_forces] + forces_aliases
        forces_aliases = uniq(forces_aliases, drop=ov.get("drop_generated", [])) if armed_forces else []

        government_aliases = [government] + list(ov.get("government_aliases", []))
        military_rule = code in JUNTA_COUNTRIES
        gov_fr = [p for p in FR_GOVERNMENT if military_rule or not ("junte" in p or "militaire" in p)]
        gov_en = [p for p in EN_GOVERNMENT if military_rule or not ("junta" in p or "military" in p)]
        government_aliases += expand(gov_fr, gov_en)
        government_aliases = uniq(government_aliases, drop=ov.get("drop_generated", []))

        entry = {
            "code": code,
            "name_en": name_en,
            "name_fr": name_fr,
            "names": names,
            "demonyms": demonyms,
            "capitals": capitals,
            "seats": seats,
            "government": government,
            "armed_forces": armed_forces,
            "forces_aliases": forces_aliases,
            "government_aliases": government_aliases,
            "prefixes": uniq(ov.get("prefixes", [])),
            "independent": indep,
        }
        out.append(entry)

    # cross-country clashes: one surface form must lead to one country
    owner = {}
    for entry in out:
        fields = ("names", "demonyms", "capitals", "seats", "forces_aliases", "government_aliases")
        forms = [entry["name_en"], entry["name_fr"]] + [x for f in fields for x in entry[f]]
        for form in set(fold(x) for x in forms):
            if form in owner and owner[form] != entry["code"]:
                warnings.append(f"'{form}' is used by {owner[form]} and {entry['code']}")
            owner.setdefault(form, entry["code"])
    return out, warnings


HEADER = """\
# veille country dictionary: one entry per ISO 3166-1 country (250 entries).
#
# GENERATED by data/build/countries.py from shared/score/countries.json and
# data/build/countries-overlay.yaml. Do not edit by hand: edit the overlay and run
#     python3 data/build/countries.py ../shared/score/countries.json > data/countries.yaml
#
# Licence: this file is a derived database under the Open Database License (ODbL-1.0,
# https://opendatacommons.org/licenses/odbl/1.0/).
# Source: {source}
# Attribution: {attribution}
# Changes: {changes} veille then dropped 2-letter codes and inverted ISO forms, removed names
# and demonyms that are shared with another country or are everyday words, lower-cased French
# demonyms, added English plurals, French capital spellings, press short forms, seats of power,
# canonical government and armed-forces actors with their aliases (see the overlay).
#
# Fields: code (ISO alpha-2), name_en, name_fr, names (other names and spellings), demonyms
# (EN + FR, all forms), capitals, seats (seats of power used for the state), government and
# armed_forces (canonical actor names; armed_forces is null for territories), forces_aliases and
# government_aliases (surface forms of those two actors), prefixes (combining forms used before
# a hyphen: franco-malien), independent.
"""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("countries_json")
    parser.add_argument("--overlay", default=os.path.join(HERE, "countries-overlay.yaml"))
    parser.add_argument("--output", help="write here instead of stdout")
    args = parser.parse_args(argv)

    with open(args.countries_json, encoding="utf-8") as fh:
        table = json.load(fh)
    with open(args.overlay, encoding="utf-8") as fh:
        overlay = yaml.safe_load(fh) or {}
    bad = [k for k in overlay if not isinstance(k, str) or len(k) != 2]
    if bad:
        sys.exit(f"overlay keys must be quoted 2-letter codes, got {bad!r}")
    known = {row["alpha2"] for row in table["countries"]}
    unknown = sorted(set(overlay) - known)
    if unknown:
        sys.exit(f"overlay codes not in the table: {unknown}")

    entries, warnings = build(table, overlay)
    meta = table.get("_meta", {})
    lines = [HEADER.format(source=meta.get("source", "?"),
                           attribution=meta.get("attribution", "?"),
                           changes=meta.get("changes", "").strip())]
    for e in entries:
        lines.append(f"- code: {yaml_scalar(e['code'])}")
        for key in ("name_en", "name_fr"):
            lines.append(f"  {key}: {yaml_scalar(e[key])}")
        for key in ("names", "demonyms", "capitals", "seats"):
            lines.append(f"  {key}: {yaml_list(e[key])}")
        lines.append(f"  government: {yaml_scalar(e['government'])}")
        lines.append(f"  armed_forces: {yaml_scalar(e['armed_forces'])}")
        lines.append(f"  forces_aliases: {yaml_list(e['forces_aliases'])}")
        lines.append(f"  government_aliases: {yaml_list(e['government_aliases'])}")
        if e["prefixes"]:
            lines.append(f"  prefixes: {yaml_list(e['prefixes'])}")
        lines.append(f"  independent: {'true' if e['independent'] else 'false'}")
    text = "\n".join(lines) + "\n"

    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    for w in warnings:
        print("warning:", w, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
