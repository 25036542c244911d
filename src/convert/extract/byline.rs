//! Bylines: « Par Jean Dupont et Awa Traoré », "By A, B and C", "Par Awa Traoré (AFP)",
//! "Avec AFP" → authors one per item, agency credits apart.

use std::sync::LazyLock;

use regex::Regex;

/// News agencies credited in bylines; kept in the `agency` key, never as authors.
const AGENCIES: &[&str] = &[
    "AFP",
    "APA",
    "AIB",
    "AP",
    "Reuters",
    "ANP",
    "MAP",
    "APS",
    "Xinhua",
    "ACP",
    "ATOP",
    "AMAP",
    "ANI",
    "Anadolu",
    "AA",
    "DPA",
    "EFE",
    "ANSA",
    "PANA",
    "Sputnik",
    "TASS",
    "RIA Novosti",
    "UPI",
    "Agence Ecofin",
    "Bloomberg",
    "Associated Press",
    "Agence France-Presse",
];

static LEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:par|by|de|from|auteur\s*:|author\s*:|written by|rédigé par|redige par)\s+")
        .expect("valid regex")
});
static SEPARATORS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\s*(?:,|;|&|\bet\b|\band\b|\bavec\b|\bwith\b|/|\|)\s*").expect("valid regex"));
/// A date or time glued to the byline ("Par X - 12 mars 2024", "By X | June 9").
static TRAILER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*(?:[-–—|•·]|\ble\b|\bon\b|\bpublié|\bpublished|\bmis à jour|\bupdated)\s*.*\d.*$")
        .expect("valid regex")
});

/// Words of a job title or an affiliation: the byline's names end where one appears.
static ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:senior|staff|editor|editorial|reporter|correspondent|writer|columnist|contributor|technologist|director|journalist|journaliste|correspondante?|envoyée?\s+spéciale?|rédacteur|rédactrice|chef|professor|professeur|analyst|producer|photographer|photographe|manager|project|university|université|institute)\b").expect("valid regex")
});

/// Words that make a credit a desk, not a person: "Telegraph View", "Africa Desk", "La
/// Rédaction Afrique", "Sahel Team".
static DESK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:view|views|desk|team|board|newsroom|r[ée]daction|editors|bureau|wires?|reporters|correspondents|opinion|[ée]dito)\b").expect("valid regex")
});

/// Parses a byline into (authors, agency). Returns no authors for text that is not a byline.
pub fn parse_byline(text: &str) -> (Vec<String>, Option<String>) {
    let text = text.trim();
    let text = LEADER.replace(text, "");
    let text = TRAILER.replace(&text, "");
    let mut authors = Vec::new();
    let mut agency = None;
    // "(AFP)" or "[AFP]" credits.
    let cleaned = text.replace(['(', ')', '[', ']'], ",");
    for part in SEPARATORS.split(&cleaned) {
        let part = part
            .trim()
            .trim_matches(|c: char| c == '.' || c == ':' || c == '-' || c.is_whitespace());
        if part.is_empty() {
            continue;
        }
        if ROLE.is_match(part) {
            break;
        }
        if let Some(known) = AGENCIES.iter().find(|a| a.eq_ignore_ascii_case(part)) {
            agency.get_or_insert_with(|| known.to_string());
        } else if looks_like_name(part) && !DESK.is_match(part) {
            authors.push(part.to_string());
        }
    }
    authors.dedup();
    (authors, agency)
}

/// A person's name: 1 to 5 words, each capitalised (particles allowed), no digits.
pub fn looks_like_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 || text.chars().any(|c| c.is_ascii_digit() || c == '@') {
        return false;
    }
    let particle = |w: &str| {
        matches!(
            w,
            "de" | "du" | "des" | "la" | "le" | "van" | "von" | "ben" | "ould" | "ag" | "al" | "el" | "d'" | "bin"
        )
    };
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    capitalised(words[0]) && words.iter().all(|w| capitalised(w) || particle(w)) && words.len() >= 2
        || (words.len() == 1
            && capitalised(words[0])
            && words[0].len() > 2
            && !words[0].chars().all(char::is_uppercase))
}

/// A line that is a byline and nothing else.
pub fn is_byline(line: &str) -> bool {
    line.chars().count() <= 120 && LEADER.is_match(line) && !parse_byline(line).0.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn table() {
        let cases: &[(&str, &[&str], Option<&str>)] = &[
            ("Par Jean Dupont et Awa Traoré", &["Jean Dupont", "Awa Traoré"], None),
            (
                "By Jane Doe, John Smith and Ali Ben Salah",
                &["Jane Doe", "John Smith", "Ali Ben Salah"],
                None,
            ),
            ("Par Moussa Diarra (AFP)", &["Moussa Diarra"], Some("AFP")),
            ("Par Awa Traoré - 12 mars 2024", &["Awa Traoré"], None),
            ("Avec AFP", &[], Some("AFP")),
            ("By Reuters", &[], Some("Reuters")),
            (
                "Par Ousmane Ag Mohamed | Publié le 9 juin 2025",
                &["Ousmane Ag Mohamed"],
                None,
            ),
            ("Par la rédaction", &[], None),
            ("By Telegraph View", &[], None),
            ("Par Awa Traoré et la Rédaction Afrique", &["Awa Traoré"], None),
            ("By Jane Doe, Africa Desk (Reuters)", &["Jane Doe"], Some("Reuters")),
            (
                "Daniel Kahn Gillmor, Senior Staff Technologist, ACLU Speech, Privacy, and Technology Project",
                &["Daniel Kahn Gillmor"],
                None,
            ),
        ];
        for (line, authors, agency) in cases {
            let (got_authors, got_agency) = parse_byline(line);
            assert_eq!(got_authors, names(authors), "{line}");
            assert_eq!(got_agency.as_deref(), *agency, "{line}");
        }
    }

    #[test]
    fn bylines_versus_prose() {
        assert!(is_byline("Par Jean Dupont"));
        assert!(!is_byline("Par ailleurs, le gouvernement a démenti les informations."));
        assert!(!is_byline("Le JNIM a revendiqué l’attaque"));
    }
}
