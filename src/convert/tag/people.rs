//! Persons no dictionary knows, found by the title or role that introduces them (RULES.md §2.5):
//! « le colonel Assimi Goïta », « le ministre des Affaires étrangères Abdoulaye Diop », "HRW's
//! Sahel director Corinne Dufka", « Héni Nsaibia, chercheur à l'ACLED ». A name is two to four
//! capitalised words (particles such as « Ag », « ould », « el » allowed inside); a name that
//! overlaps a dictionary match is left to the dictionary. Also lists the capitalised names that
//! match nothing, for `veille tag --suggest`.

use std::sync::LazyLock;

use regex::{Regex, RegexBuilder};

use super::Target;
use super::matcher::Hit;

/// Compiles a name rule with room for its lazy DFA: these patterns mix Unicode classes and
/// case-insensitive titles, and with the default cache the DFA thrashes and falls back to the
/// slow engine (measured: 546 articles/s instead of thousands).
fn build(pattern: &str) -> Regex {
    RegexBuilder::new(pattern)
        .dfa_size_limit(64 << 20)
        .build()
        .expect("valid regex")
}

/// A person found by the title rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    /// Byte offset of the name in the article text.
    pub start: usize,
}

const TITLES: &str = r"(?:(?i:président|présidente|vice-président|colonel|colonel-major|général|générale|capitaine|lieutenant|lieutenant-colonel|commandant|ministre|première ministre|premier ministre|porte-parole|directeur|directrice|secrétaire général|secrétaire générale|ambassadeur|ambassadrice|chercheur|chercheuse|analyste|experte?|professeur|professeure|docteur|maire|gouverneur|députée?|sénateur|imam|émir|cheikh|chef|coordinateur|coordinatrice|représentante?|envoyée? spéciale?|médiateur|commissaire|procureur|sergent|adjudant|amiral|maréchal|PDG|fondateur|fondatrice|conseiller|conseillère|militante?|activiste|opposante?|homologue|rapporteur|rapporteuse|dirigeant|dirigeante|leader|spokesman|spokesperson|spokeswoman|director|researcher|analyst|ambassador|envoy|secretary|governor|senator|minister|president|vice president|prime minister|general|colonel|captain|major|commander|lieutenant|chief|chairman|chairperson|chairwoman|CEO|founder|adviser|advisor|activist|sheikh|emir|marshal|official|coordinator|representative|expert|professor|deputy|counterpart|head|mayor)|Dr\.?|Prof\.|Gen\.|Col\.|Capt\.|Lt\.|Maj\.|Mr\.?|Ms\.?|Mrs\.?|M\.|Mme)";

const TOKEN: &str = r"\p{Lu}[\p{Ll}\p{Lu}'’\-]*\p{Ll}[\p{Ll}\p{Lu}'’\-]*";
const PARTICLE: &str = r"(?:ag|Ag|ould|Ould|ben|Ben|bin|ibn|el|El|al|Al|dan|de|da|di|van|von|der|la|Le|wa)";

static TITLED: LazyLock<Regex> = LazyLock::new(|| {
    // Words between the title and the name: « malien des Affaires étrangères, », "of Defence".
    let qualifier = r"(?:(?:\p{Ll}[\p{Ll}'’\-]*|(?:de|du|des|d'|d’|of|for|la|l'|l’)\s*\p{Lu}[\p{L}'’\-]*|\p{Lu}{2,}'s)(?:\s+|\s*,\s*)){0,4}";
    let name = format!(r"(?P<name>{TOKEN}(?:\s+(?:{PARTICLE}\s+)?{TOKEN}){{1,3}})");
    build(&format!(
        // No `\b`: a Unicode word boundary keeps the regex off its fast DFA (1 ms per article).
        r"(?:^|[^\p{{L}}\p{{N}}]){TITLES}\s+{qualifier},?\s*(?:(?:le|la|the)\s+)?(?:{TITLES}\s+)?{name}"
    ))
});

static APPOSED: LazyLock<Regex> = LazyLock::new(|| {
    let name = format!(r"(?P<name>{TOKEN}(?:\s+(?:{PARTICLE}\s+)?{TOKEN}){{1,3}})");
    // « Héni Nsaibia , chercheur », "Corinne Dufka, Sahel director at HRW".
    build(&format!(
        r"{name}\s*,\s+(?:(?:un|une|le|la|l'|l’|the|a|an)\s+)?(?:\p{{Lu}}[\p{{L}}\-]+\s+)?{TITLES}(?:[^\p{{L}}\p{{N}}]|$)"
    ))
});

static CAPITALISED: LazyLock<Regex> =
    LazyLock::new(|| build(&format!(r"{TOKEN}(?:\s+(?:{PARTICLE}\s+)?{TOKEN}){{0,3}}")));

/// Capitalised titles that may precede a name inside a run of capitalised words.
const TITLE_WORDS: &[&str] = &[
    "Captain",
    "Capitaine",
    "President",
    "Président",
    "Présidente",
    "General",
    "Général",
    "Colonel",
    "Lieutenant",
    "Major",
    "Minister",
    "Ministre",
    "Commander",
    "Commandant",
    "Sergeant",
    "Sergent",
    "Marshal",
    "Maréchal",
    "Dr",
    "Prof",
    "Professor",
    "Professeur",
    "Ambassador",
    "Ambassadeur",
    "Senator",
    "Governor",
    "Gouverneur",
    "Imam",
    "Sheikh",
    "Cheikh",
    "Emir",
    "Émir",
    "Mr",
    "Mrs",
    "Ms",
    "Mme",
    "Madame",
    "Monsieur",
];

/// Capitalised words that are not names: sentence starters, days, months, places' generic words.
const NOT_NAMES: &[&str] = &[
    "Le",
    "La",
    "Les",
    "Un",
    "Une",
    "Des",
    "Du",
    "De",
    "Ce",
    "Cette",
    "Ces",
    "Il",
    "Elle",
    "Ils",
    "Elles",
    "On",
    "Nous",
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "This",
    "That",
    "These",
    "He",
    "She",
    "They",
    "We",
    "It",
    "But",
    "And",
    "Et",
    "Mais",
    "Selon",
    "According",
    "Lundi",
    "Mardi",
    "Mercredi",
    "Jeudi",
    "Vendredi",
    "Samedi",
    "Dimanche",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Janvier",
    "Février",
    "Mars",
    "Avril",
    "Mai",
    "Juin",
    "Juillet",
    "Août",
    "Septembre",
    "Octobre",
    "Novembre",
    "Décembre",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Sahel",
    "Afrique",
    "Africa",
    "Etat",
    "État",
    "Etats",
    "États",
    "Ouest",
    "West",
    "Nord",
    "Sud",
    "Est",
    "North",
    "South",
    "East",
    "Islam",
    "Dieu",
    "God",
    "Conseil",
    "Council",
    "Ministère",
    "Ministry",
    "Forces",
    "Force",
    "Armée",
    "Army",
    "Affaires",
    "Défense",
    "Defence",
    "Defense",
    "Sécurité",
    "Security",
    "Transition",
    "République",
    "Republic",
    "Assemblée",
    "Union",
    "Nations",
    "Unies",
    "United",
    "Commission",
    "Général",
    "General",
    "Président",
    "President",
    "Premier",
    "Prime",
    "Minister",
    "Ministre",
    "Direction",
    "Gouvernement",
    "Government",
    "Parti",
    "Party",
    "Front",
    "Mouvement",
    "Movement",
    "Groupe",
    "Group",
    "Alliance",
    "Coalition",
    "Agence",
    "Agency",
    "Institut",
    "Institute",
    "Centre",
    "Center",
    "Université",
    "University",
    "Fondation",
    "Foundation",
    "Programme",
    "Office",
    "Bureau",
    "Département",
    "Department",
    "Garde",
    "Guard",
    "Région",
    "Region",
    "Province",
    "Cercle",
    "Commune",
    "Lire",
    "Read",
    "Photo",
    "Crédit",
    "Source",
    "Sources",
    "Twitter",
    "Facebook",
    "Telegram",
    "WhatsApp",
    "YouTube",
    "Google",
    "Instagram",
    "Radio",
    "Télévision",
    "Television",
    "Journal",
    "Presse",
    "Press",
    "Post",
    "News",
    "Operations",
    "Opérations",
    "Media",
    "Médias",
    "Headquarters",
    "Command",
    "Commandement",
    "Services",
    "Service",
    "Relations",
    "Communication",
    "Communications",
    "Information",
    "Informations",
    "Staff",
    "Affairs",
    "Division",
];

fn overlaps_dictionary(hits: &[Hit<Target>], start: usize, end: usize) -> bool {
    hits.iter()
        .any(|h| h.start < end && start < h.end && !matches!(h.target, Target::Generic(_)))
}

fn is_name(name: &str) -> bool {
    let tokens: Vec<&str> = name.split_whitespace().collect();
    tokens.len() >= 2
        && !tokens.iter().any(|t| NOT_NAMES.contains(t))
        && !tokens.iter().all(|t| t.chars().all(|c| !c.is_lowercase()))
}

/// One space between words, straight apostrophes, no leading sentence word ("Selon Jean X").
fn tidy(name: &str) -> String {
    let name = name.replace('’', "'");
    let words: Vec<&str> = name.split_whitespace().skip_while(|w| NOT_NAMES.contains(w)).collect();
    // "International Captain Ibrahim Traoré": the name starts after the last title word.
    let after_title = words.iter().rposition(|w| TITLE_WORDS.contains(w)).map_or(0, |i| i + 1);
    words[after_title..].join(" ")
}

/// Heads of organisation names whose complement completes the name: « Association des
/// importateurs de pétrole du Mali », "University of El Geneina" (RULES 2.4: associations,
/// universities and institutes are organisations).
static ORGANISATION: LazyLock<Regex> = LazyLock::new(|| {
    let head = r"(?:Association|Associations|Université|University|Institut|Institute|Fondation|Foundation|Syndicat|Collectif|Observatoire|Ligue|League|Coalition|Confédération|Fédération|Federation)";
    let particle =
        r"(?:de\s+la|de\s+l'|de\s+l’|des|du|de|d'|d’|of\s+the|of|for\s+the|for|pour\s+la|pour\s+le|pour\s+les|pour)";
    let word = r"[\p{L}][\p{L}'’\-]*";
    build(&format!(
        r"(?:^|[^\p{{L}}\p{{N}}])(?P<name>{head}(?:\s+{particle}\s*{word}(?:\s+\p{{Lu}}[\p{{L}}'’\-]*)*){{1,4}})"
    ))
});

/// Organisations no dictionary knows, named by an association, university or institute head
/// with its complement (at least one capitalised word in it, so « l'Association des parents »
/// alone is not a name).
pub fn named_organisations(text: &str, hits: &[Hit<Target>]) -> Vec<Person> {
    let text = bounded(text, SCAN_LIMIT);
    let mut found: Vec<Person> = Vec::new();
    for caps in ORGANISATION.captures_iter(text) {
        let Some(m) = caps.name("name") else { continue };
        let name = m.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
        let capitalised = name
            .split(' ')
            .skip(1)
            .any(|w| w.chars().next().is_some_and(char::is_uppercase));
        let hospital = name.to_lowercase().contains("hospital");
        // A dictionary name starting here (« Université de Bamako » is fine, « Institut français »
        // known) wins; a country or blocker inside the complement is part of the name.
        let known = hits
            .iter()
            .any(|h| h.start == m.start() && !matches!(h.target, Target::Generic(_)));
        if capitalised && !hospital && !known && !found.iter().any(|p| p.name == name) {
            found.push(Person { name, start: m.start() });
        }
    }
    found
}

/// The title-and-role patterns are capture searches, slow on megabytes; an article's persons are
/// introduced well within its first 256 KiB.
const SCAN_LIMIT: usize = 256 * 1024;

/// At most `limit` bytes of `text`, cut on a character boundary.
fn bounded(text: &str, limit: usize) -> &str {
    let mut end = text.len().min(limit);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Persons introduced by a title or role, not already matched by the dictionary.
pub fn titled_persons(text: &str, hits: &[Hit<Target>]) -> Vec<Person> {
    let text = bounded(text, SCAN_LIMIT);
    let mut persons: Vec<Person> = Vec::new();
    for re in [&*TITLED, &*APPOSED] {
        for caps in re.captures_iter(text) {
            let Some(m) = caps.name("name") else { continue };
            let name = tidy(m.as_str());
            let start = m.end() - m.as_str().len() + m.as_str().find(name.split(' ').next().unwrap_or("")).unwrap_or(0);
            if !is_name(&name) || overlaps_dictionary(hits, start, m.end()) {
                continue;
            }
            if !persons.iter().any(|p| p.name == name) {
                persons.push(Person { name, start });
            }
        }
    }
    persons
}

/// Capitalised names (one word of 4+ letters not opening a sentence, or several words) that no
/// dictionary form covers.
pub fn unknown_names(text: &str, hits: &[Hit<Target>]) -> Vec<String> {
    let mut names = Vec::new();
    for m in CAPITALISED.find_iter(text) {
        let name = tidy(m.as_str());
        let tokens: Vec<&str> = name.split_whitespace().filter(|t| !NOT_NAMES.contains(t)).collect();
        if tokens.is_empty() || overlaps_dictionary(hits, m.start(), m.end()) {
            continue;
        }
        let before = text[..m.start()].trim_end();
        let opens_sentence = before.is_empty() || before.ends_with(['.', '!', '?', '\n', ':', '«', '"', '—']);
        if tokens.len() == 1 && (opens_sentence || tokens[0].chars().count() < 4) {
            continue;
        }
        names.push(tokens.join(" "));
    }
    names
}
