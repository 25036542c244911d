#!/usr/bin/env python3
"""Writes a synthetic veille archive: N Markdown articles with veille's front matter.

Deterministic (seeded): the same N gives the same files. Text is random French-like filler over a
fixed vocabulary; actors, countries, sections and dates are drawn from small pools so term pages
have realistic sizes (a few terms with thousands of articles, a long tail).

    python3 bench/gen_archive.py 10000 /tmp/archive/content
"""
import os
import random
import sys

WORDS = ("le la les un une des du de et à au aux dans pour par sur avec sans selon contre entre "
         "armée autorités junte gouvernement attaque village région nord sud est ouest frontière "
         "soldats civils déplacés sécurité accord sommet élection transition ministre président "
         "groupe armé djihadiste communiqué enquête rapport mission humanitaire réfugiés camp "
         "marché prix carburant blocus convoi route ville capitale poste militaire drone frappe "
         "bilan morts blessés otages libération négociation dialogue sanctions économie mine or "
         "uranium pétrole coton école santé hôpital population résidents témoins sources").split()
ACTORS = ["JNIM", "Islamic State Sahel Province", "ISWAP", "Boko Haram", "Wagner Group", "Africa Corps",
          "FAMa", "Nigerien Armed Forces", "Burkina Faso Armed Forces", "Government of Mali",
          "Government of Niger", "Government of Burkina Faso", "ECOWAS", "AES", "African Union",
          "United Nations", "MINUSMA", "Human Rights Watch", "Amnesty International", "ACLED",
          "Assimi Goïta", "Ibrahim Traoré", "Abdourahamane Tiani", "FLA", "CSP", "Katiba Macina",
          "AQIM", "Al-Qaeda", "Islamic State", "French Armed Forces", "Russian Armed Forces",
          "European Union", "UNHCR", "ICRC", "Mahamat Idriss Déby", "Bola Tinubu"]
ACTORS += [f"Acteur local {i}" for i in range(400)]
COUNTRIES = ["Mali", "Niger", "Burkina Faso", "Chad", "Nigeria", "Senegal", "Guinea", "Benin", "Togo",
             "Ivory Coast", "Mauritania", "Algeria", "Libya", "Sudan", "Cameroon", "Ghana", "France",
             "Russia", "United States", "China", "Turkey", "Morocco"]
SECTIONS = ["Afrique", "Politique", "Sécurité", "Économie", "Société", "Security", "Politics", "Humanitarian"]


def zipf_pick(rng, pool, k):
    """k distinct items, the first ones of the pool much more often than the tail."""
    chosen = set()
    while len(chosen) < k:
        chosen.add(pool[min(int(rng.paretovariate(1.2)) - 1, len(pool) - 1)])
    return sorted(chosen)


def yaml_list(items):
    return "[" + ", ".join("'" + i.replace("'", "''") + "'" for i in items) + "]"


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    rng = random.Random(20251124)
    for i in range(n):
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 12))).capitalize() + f" ({i})"
        paragraphs = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 90))).capitalize() + "."
                      for _ in range(rng.randint(4, 8))]
        year, month, day = rng.randint(2021, 2025), rng.randint(1, 12), rng.randint(1, 28)
        front = [
            "---",
            f"title: '{title}'",
            f"date: {year:04d}-{month:02d}-{day:02d}",
            f"authors: ['Auteur {rng.randint(1, 200)}']",
            f"section: {rng.choice(SECTIONS)}",
            f"lang: {'fr' if rng.random() < 0.7 else 'en'}",
            f"summary: '{paragraphs[0][:200]}'",
            f"actors: {yaml_list(zipf_pick(rng, ACTORS, rng.randint(1, 5)))}",
            f"countries: {yaml_list(zipf_pick(rng, COUNTRIES, rng.randint(1, 3)))}",
            f"source_file: gen-{i:06d}.txt",
            "---",
            "",
        ]
        with open(os.path.join(out, f"article-{i:06d}.md"), "w", encoding="utf-8") as f:
            f.write("\n".join(front) + "\n\n".join(paragraphs) + "\n")


if __name__ == "__main__":
    main()
