//! Persons no dictionary knows, found by the title or role that introduces them (RULES.md §2.5):
//! « le colonel Assimi Goïta », « le ministre des Affaires étrangères Abdoulaye Diop », "HRW's
//! Sahel director Corinne Dufka", « Héni Nsaibia, chercheur à l'ACLED ». A name is two to four
//! capitalised words (particles such as « Ag », « ould », « el » allowed inside); a name that
//! overlaps a dictionary match is left to the dictionary. Also lists the capitalised names that
//! match nothing, for `veille tag --suggest`.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::{Regex, RegexBuilder};

use super::Target;
use super::matcher::Hit;
use crate::calendar;

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

/// Title and role words, matched in any case (« président », « Président », "PRESIDENT"). Order
/// does not matter: the words after the title decide which form matches.
const ROLES: &[&str] = &[
    "président",
    "présidente",
    "vice-président",
    "colonel",
    "colonel-major",
    "général",
    "générale",
    "capitaine",
    "lieutenant",
    "lieutenant-colonel",
    "commandant",
    "ministre",
    "première ministre",
    "premier ministre",
    "porte-parole",
    "directeur",
    "directrice",
    "secrétaire général",
    "secrétaire générale",
    "ambassadeur",
    "ambassadrice",
    "chercheur",
    "chercheuse",
    "analyste",
    "experte",
    "expert",
    "professeur",
    "professeure",
    "docteur",
    "maire",
    "gouverneur",
    "députée",
    "député",
    "sénateur",
    "imam",
    "émir",
    "cheikh",
    "chef",
    "coordinateur",
    "coordinatrice",
    "représentante",
    "représentant",
    "envoyée spéciale",
    "envoyée spécial",
    "envoyé spéciale",
    "envoyé spécial",
    "médiateur",
    "commissaire",
    "procureur",
    "sergent",
    "adjudant",
    "amiral",
    "maréchal",
    "PDG",
    "fondateur",
    "fondatrice",
    "conseiller",
    "conseillère",
    "militante",
    "militant",
    "activiste",
    "opposante",
    "opposant",
    "homologue",
    "rapporteur",
    "rapporteuse",
    "dirigeant",
    "dirigeante",
    "leader",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "director",
    "researcher",
    "analyst",
    "ambassador",
    "envoy",
    "secretary",
    "governor",
    "senator",
    "minister",
    "president",
    "vice president",
    "prime minister",
    "general",
    "captain",
    "major",
    "commander",
    "chief",
    "chairman",
    "chairperson",
    "chairwoman",
    "CEO",
    "founder",
    "adviser",
    "advisor",
    "activist",
    "sheikh",
    "emir",
    "marshal",
    "official",
    "coordinator",
    "representative",
    "professor",
    "deputy",
    "counterpart",
    "head",
    "mayor",
];

/// Abbreviated titles, matched as written: « M. » is a title, « m. » a unit.
const ABBREVIATIONS: &[&str] = &[
    "Dr.", "Dr", "Prof.", "Gen.", "Col.", "Capt.", "Lt.", "Maj.", "Mr.", "Mr", "Ms.", "Ms", "Mrs.", "Mrs", "M.", "Mme",
];

/// The titles as one regex alternation.
fn titles() -> String {
    let alternation = |words: &[&str]| words.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|");
    format!("(?:(?i:{})|{})", alternation(ROLES), alternation(ABBREVIATIONS))
}

const TOKEN: &str = r"\p{Lu}[\p{Ll}\p{Lu}'’\-]*\p{Ll}[\p{Ll}\p{Lu}'’\-]*";
const PARTICLE: &str = r"(?:ag|Ag|ould|Ould|ben|Ben|bin|ibn|el|El|al|Al|dan|de|da|di|van|von|der|la|Le|wa)";

fn name() -> String {
    format!(r"(?P<name>{TOKEN}(?:\s+(?:{PARTICLE}\s+)?{TOKEN}){{1,3}})")
}

/// Every place a title may start: the cheap first pass. Scanning whole articles with the two
/// name rules below made their lazy DFAs build thousands of states (13% of an import); the rules
/// now run only where this automaton found a title. It over-finds (ASCII case-insensitive, so
/// « m. » too); the rules decide.
static TITLE_FINDER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let mut forms: Vec<String> = ABBREVIATIONS.iter().map(|a| a.to_string()).collect();
    for role in ROLES {
        let capitalised: String = role
            .chars()
            .take(1)
            .flat_map(char::to_uppercase)
            .chain(role.chars().skip(1))
            .collect();
        forms.extend([role.to_string(), role.to_uppercase(), capitalised]);
    }
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(&forms)
        .expect("title automaton builds")
});

/// « le colonel Assimi Goïta », « le ministre malien des Affaires étrangères, Abdoulaye Diop »:
/// a title, up to four qualifying words, the name. Anchored: run where a title starts.
static TITLED: LazyLock<Regex> = LazyLock::new(|| {
    let titles = titles();
    // Words between the title and the name: « malien des Affaires étrangères, », "of Defence".
    let qualifier = r"(?:(?:\p{Ll}[\p{Ll}'’\-]*|(?:de|du|des|d'|d’|of|for|la|l'|l’)\s*\p{Lu}[\p{L}'’\-]*|\p{Lu}{2,}'s)(?:\s+|\s*,\s*)){0,4}";
    let name = name();
    build(&format!(
        r"^{titles}\s+{qualifier},?\s*(?:(?:le|la|the)\s+)?(?:{titles}\s+)?{name}"
    ))
});

/// « Héni Nsaibia, chercheur », "Corinne Dufka, Sahel director at HRW": the name, a comma, the
/// title. Anchored at the end: run on the text before a title's end.
static APPOSED: LazyLock<Regex> = LazyLock::new(|| {
    let (titles, name) = (titles(), name());
    build(&format!(
        r"{name}\s*,\s+(?:(?:un|une|le|la|l'|l’|the|a|an)\s+)?(?:\p{{Lu}}[\p{{L}}\-]+\s+)?{titles}$"
    ))
});

/// How far before its title's end an apposed name may start: four long words and their article.
const APPOSED_REACH: usize = 256;

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

/// Capitalised words that are not names: sentence starters, places' generic words (and the
/// months and days of [`calendar::is_date_word`]).
fn is_not_name(word: &str) -> bool {
    NOT_NAMES.contains(&word) || calendar::is_date_word(word)
}

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
    // Prepositions and connectives that open a sentence: « Pour Awa Sangaré, chercheuse… ».
    "Pour",
    "Par",
    "Avec",
    "Sans",
    "Contre",
    "Après",
    "Avant",
    "Depuis",
    "Pendant",
    "Sous",
    "Sur",
    "Chez",
    "Vers",
    "Dans",
    "Entre",
    "Malgré",
    "Comme",
    "Ainsi",
    "Alors",
    "Donc",
    "Puis",
    "Enfin",
    "Aussi",
    "For",
    "With",
    "By",
    "After",
    "Before",
    "Since",
    "From",
    "Under",
    "Against",
    "Despite",
    "Among",
    "However",
    "Yet",
    "Also",
    "Then",
];

fn overlaps_dictionary(hits: &[Hit<Target>], start: usize, end: usize) -> bool {
    hits.iter()
        .any(|h| h.start < end && start < h.end && !matches!(h.target, Target::Generic(_)))
}

fn is_name(name: &str) -> bool {
    let tokens: Vec<&str> = name.split_whitespace().collect();
    tokens.len() >= 2
        && !tokens.iter().any(|t| is_not_name(t))
        && !tokens.iter().all(|t| t.chars().all(|c| !c.is_lowercase()))
}

/// One space between words, straight apostrophes, no leading sentence word ("Selon Jean X").
fn tidy(name: &str) -> String {
    let name = name.replace('’', "'");
    let words: Vec<&str> = name.split_whitespace().skip_while(|w| is_not_name(w)).collect();
    // "International Captain Ibrahim Traoré": the name starts after the last title word.
    let after_title = words.iter().rposition(|w| TITLE_WORDS.contains(w)).map_or(0, |i| i + 1);
    words[after_title..].join(" ")
}

/// Heads of organisation names whose complement completes the name: « Association des
/// importateurs de pétrole du Mali », "University of El Geneina" (RULES 2.4: associations,
/// universities and institutes are organisations).
const HEADS: &[&str] = &[
    "Association",
    "Associations",
    "Université",
    "University",
    "Institut",
    "Institute",
    "Fondation",
    "Foundation",
    "Syndicat",
    "Collectif",
    "Observatoire",
    "Ligue",
    "League",
    "Coalition",
    "Confédération",
    "Fédération",
    "Federation",
];

/// Where a head word starts: the rule below runs only there, like the title rules.
static HEAD_FINDER: LazyLock<AhoCorasick> = LazyLock::new(|| AhoCorasick::new(HEADS).expect("head automaton builds"));

/// A head and its complement, anchored where a head starts.
static ORGANISATION: LazyLock<Regex> = LazyLock::new(|| {
    let head = HEADS.join("|");
    let particle =
        r"(?:de\s+la|de\s+l'|de\s+l’|des|du|de|d'|d’|of\s+the|of|for\s+the|for|pour\s+la|pour\s+le|pour\s+les|pour)";
    let word = r"[\p{L}][\p{L}'’\-]*";
    build(&format!(
        r"^(?:{head})(?:\s+{particle}\s*{word}(?:\s+\p{{Lu}}[\p{{L}}'’\-]*)*){{1,4}}"
    ))
});

/// Organisations no dictionary knows, named by an association, university or institute head
/// with its complement (at least one capitalised word in it, so « l'Association des parents »
/// alone is not a name).
pub fn named_organisations(text: &str, hits: &[Hit<Target>]) -> Vec<Person> {
    let text = bounded(text, SCAN_LIMIT);
    let mut found: Vec<Person> = Vec::new();
    // A head inside a name already found (« … de l'Université de Bamako ») starts no other.
    let mut free_from = 0;
    for head in HEAD_FINDER.find_iter(text) {
        let start = head.start();
        if start < free_from || text[..start].chars().next_back().is_some_and(char::is_alphanumeric) {
            continue;
        }
        let Some(m) = ORGANISATION.find(&text[start..]) else {
            continue;
        };
        free_from = start + m.end();
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
            .any(|h| h.start == start && !matches!(h.target, Target::Generic(_)));
        if capitalised && !hospital && !known && !found.iter().any(|p| p.name == name) {
            found.push(Person { name, start });
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

/// Compiles the rules now rather than for the first article (see [`super::Tagger::prepare`]).
pub fn prepare() {
    for rule in [&TITLED, &APPOSED, &ORGANISATION] {
        LazyLock::force(rule);
    }
    LazyLock::force(&TITLE_FINDER);
    LazyLock::force(&HEAD_FINDER);
}

/// Persons introduced by a title or role, not already matched by the dictionary.
pub fn titled_persons(text: &str, hits: &[Hit<Target>]) -> Vec<Person> {
    let text = bounded(text, SCAN_LIMIT);
    let mut titles: Vec<(usize, usize)> = TITLE_FINDER
        .find_overlapping_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect();
    titles.sort_unstable();
    let mut starts: Vec<usize> = titles.iter().map(|t| t.0).collect();
    let mut ends: Vec<usize> = titles.iter().map(|t| t.1).collect();
    starts.dedup();
    ends.sort_unstable();
    ends.dedup();
    let word_char = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    // Name spans in `text`: the titled rule's first, as the single regex over the text gave them.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    // As a scan would: a title inside a match already found (« le ministre, le colonel X »)
    // starts no other.
    let mut free_from = 0;
    for &start in starts.iter().filter(|&&s| !word_char(text[..s].chars().next_back())) {
        if start < free_from {
            continue;
        }
        if let Some(m) = TITLED.captures(&text[start..]).and_then(|c| c.name("name")) {
            spans.push((start + m.start(), start + m.end()));
            free_from = start + m.end();
        }
    }
    // The same for « name, title »: a match never starts inside the one before.
    free_from = 0;
    for &end in ends.iter().filter(|&&e| !word_char(text[e..].chars().next())) {
        let from = word_start(text, end.saturating_sub(APPOSED_REACH).max(free_from), end);
        if let Some(m) = APPOSED.captures(&text[from..end]).and_then(|c| c.name("name")) {
            spans.push((from + m.start(), from + m.end()));
            free_from = end;
        }
    }
    let mut persons: Vec<Person> = Vec::new();
    for (start, end) in spans {
        let raw = &text[start..end];
        let name = tidy(raw);
        let start = start + raw.find(name.split(' ').next().unwrap_or("")).unwrap_or(0);
        if is_name(&name) && !overlaps_dictionary(hits, start, end) && !persons.iter().any(|p| p.name == name) {
            persons.push(Person { name, start });
        }
    }
    persons
}

/// The first word start in `text[at..end]` (`at` itself when a word starts there, or when no
/// space follows): a window that never cuts a name in two.
fn word_start(text: &str, mut at: usize, end: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    if at == 0 || text[..at].ends_with(char::is_whitespace) {
        return at;
    }
    text[at..end]
        .char_indices()
        .find(|&(_, c)| c.is_whitespace())
        .map_or(at, |(i, c)| at + i + c.len_utf8())
}

/// Capitalised names (one word of 4+ letters not opening a sentence, or several words) that no
/// dictionary form covers.
pub fn unknown_names(text: &str, hits: &[Hit<Target>]) -> Vec<(String, std::ops::Range<usize>)> {
    let mut names = Vec::new();
    for m in CAPITALISED.find_iter(text) {
        let name = tidy(m.as_str());
        let tokens: Vec<&str> = name.split_whitespace().filter(|t| !is_not_name(t)).collect();
        if tokens.is_empty() || overlaps_dictionary(hits, m.start(), m.end()) {
            continue;
        }
        let before = text[..m.start()].trim_end();
        let opens_sentence = before.is_empty() || before.ends_with(['.', '!', '?', '\n', ':', '«', '"', '—']);
        if tokens.len() == 1 && (opens_sentence || tokens[0].chars().count() < 4) {
            continue;
        }
        names.push((tokens.join(" "), m.range()));
    }
    names
}
