//! Institutional and force phrases: what the words around a match add (RULES.md §2.2, §2.3).
//!
//! The country table already holds "adjective + noun" forms (« autorités maliennes », "Nigerian
//! troops"). This module covers what a list cannot: bare nouns (« la junte », "the army") bound to
//! the country that the next words name (« les autorités de transition burkinabè », « la junte au
//! pouvoir à Niamey », "armed forces of Nigeria", « les régimes militaires du Burkina Faso, du Mali
//! et du Niger ») or that precedes them ("Mali's defence ministry"), else to the article's main
//! country for the nouns that always mean a state (« le gouvernement », « la junte »); capitals
//! used for their state (« Bamako a démenti », « réclamé par Bamako », « entre Ouagadougou et
//! Paris »); demonyms the press misuses (« nigériane » in an article that only names Niger).
//! Everything here is generated from word lists and the country table: no rule names a country.

use super::matcher::{Folded, Hit};
use super::{CountryForm, Dictionary, Target};

/// A bare institutional noun: which actor it names, and whether it may stand alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generic {
    /// Always a state's government: bound to the country of the paragraph, else the main one,
    /// when no country follows.
    Government,
    /// A junta: like [`Generic::Government`], among the countries under military rule.
    Junta,
    /// Juntas: every country under military rule the article names, when none follows.
    Juntas,
    /// A government only when the next words name the country ("officials", "l'ambassade").
    GovernmentWhenNamed,
    /// Always a state's forces ("l'armée", "the army").
    Forces,
    /// Forces only when the country is named next ("soldiers", « militaires »).
    ForcesWhenNamed,
}

impl Generic {
    pub fn strong(self) -> bool {
        matches!(
            self,
            Generic::Government | Generic::Junta | Generic::Juntas | Generic::Forces
        )
    }

    /// A junta noun: only countries under military rule have one.
    pub fn junta(self) -> bool {
        matches!(self, Generic::Junta | Generic::Juntas)
    }

    pub fn is_forces(self) -> bool {
        matches!(self, Generic::Forces | Generic::ForcesWhenNamed)
    }
}

const GOVERNMENT: &[&str] = &[
    "gouvernement",
    "gouvernements",
    "autorités",
    "présidence",
    "parlement",
    "Assemblée nationale",
    "government",
    "governments",
    "authorities",
    "presidency",
    "parliament",
    "National Assembly",
    "Federal Government",
    "transitional government",
];

const JUNTA: &[&str] = &[
    "junte",
    "junte militaire",
    "régime militaire",
    "militaires au pouvoir",
    "colonels au pouvoir",
    "dirigeants militaires",
    "autorités militaires",
    "putschistes",
    "junta",
    "ruling junta",
    "military government",
    "the military government",
    "the military junta",
    "the military regime",
    "the military leaders",
    "the military rulers",
    "military regime",
    "military rulers",
    "military leaders",
    "colonels in power",
];

const JUNTAS: &[&str] = &[
    "juntes",
    "juntes militaires",
    "régimes militaires",
    "militaires qui dirigent",
    "juntas",
    "ruling juntas",
    "military governments",
    "the military governments",
    "military regimes",
];

const GOVERNMENT_WHEN_NAMED: &[&str] = &[
    "régime",
    "régimes",
    "ministère des Affaires étrangères",
    "ministère de la Défense",
    "ministère de l'Intérieur",
    "ambassade",
    "diplomatie",
    "dirigeants",
    "responsables",
    "officials",
    "leaders",
    "regime",
    "embassy",
    "ministry",
    "defence ministry",
    "defense ministry",
    "foreign ministry",
    "foreign affairs ministry",
    "ministry of defence",
    "ministry of defense",
    "ministry of foreign affairs",
    "state",
];

const FORCES: &[&str] = &[
    "armée",
    "forces armées",
    "armée nationale",
    "armée régulière",
    "forces de défense et de sécurité",
    "FDS",
    "état-major",
    "état-major général des armées",
    "forces loyalistes",
    "forces gouvernementales",
    "garde nationale",
    "garde présidentielle",
    "army",
    "armed forces",
    "national army",
    "the military",
    "government forces",
    "government troops",
    "loyalist forces",
];

const FORCES_WHEN_NAMED: &[&str] = &[
    "armées",
    "soldats",
    "militaires",
    "troupes",
    "forces",
    "forces spéciales",
    "contingent",
    "personnel militaire",
    "responsables militaires",
    "gendarmerie",
    "soldiers",
    "troops",
    "forces",
    "special forces",
    "security forces",
    "military personnel",
    "contingent",
];

/// The bare nouns, as dictionary forms.
pub fn generic_forms() -> impl Iterator<Item = (&'static str, Generic)> {
    let tagged = |list: &'static [&'static str], g| list.iter().map(move |f| (*f, g));
    tagged(GOVERNMENT, Generic::Government)
        .chain(tagged(JUNTA, Generic::Junta))
        .chain(tagged(JUNTAS, Generic::Juntas))
        .chain(tagged(GOVERNMENT_WHEN_NAMED, Generic::GovernmentWhenNamed))
        .chain(tagged(FORCES, Generic::Forces))
        .chain(tagged(FORCES_WHEN_NAMED, Generic::ForcesWhenNamed))
}

/// Words that may stand between a noun and the country that qualifies it (folded).
const QUALIFIER_WORDS: &[&str] = &[
    "de",
    "du",
    "des",
    "d'",
    "la",
    "le",
    "l'",
    "les",
    "of",
    "the",
    "in",
    "a",
    "au",
    "aux",
    "en",
    "transition",
    "transitional",
    "militaire",
    "militaires",
    "military",
    "interimaire",
    "interimaires",
    "terre",
    "speciale",
    "speciales",
    "special",
    "nationale",
    "national",
    "pouvoir",
    "power",
    "ruling",
    "defense",
    "defence",
    "affaires",
    "etrangeres",
    "foreign",
    "affairs",
    "securite",
    "et",
    "interieur",
    "l'interieur",
    "air",
    "l'air",
    "current",
    "actuel",
    "actuelle",
    "actuelles",
    "actuels",
    "new",
    "nouvelle",
    "nouveau",
    "nouvelles",
    "nouveaux",
];

/// Qualifier words that place a noun rather than say whose it is: « soldats au Niger » are not
/// Niger's soldiers, but « la junte au pouvoir à Niamey » is Niger's junta.
const PLACE_WORDS: &[&str] = &["in", "a", "au", "aux", "en"];

/// Words after a noun that make it no single state's: « chefs d'état-major ouest-africains ».
const NOT_ONE_STATE: &[&str] = &[
    "ouest africain",
    "africain",
    "regional",
    "regionaux",
    "regionales",
    "etranger",
    "etrangere",
    "foreign",
    "international",
    "multinational",
    "west african",
    "african",
    "allie",
    "allied",
    "occidenta",
    "western",
    "des pays",
    "of the countries",
    "de la cedeao",
    "of ecowas",
    "de l'aes",
    "of the aes",
    "ennemi",
    "enemy",
    "partenaire",
    "partner",
];

/// Words that may join countries in a list (« du Burkina Faso, du Mali et du Niger »).
const LIST_WORDS: &[&str] = &[",", "et", "and", "de", "du", "des", "d'", "le", "la", "l'", "the"];

fn words(gap: &str) -> impl Iterator<Item = &str> {
    gap.split(' ')
        .flat_map(|w| {
            // "d'" and "l'" stick to the next word in folded text; split them off.
            let (head, tail) = match w.find('\'') {
                Some(i) if i + 1 < w.len() => (&w[..=i], &w[i + 1..]),
                _ => (w, ""),
            };
            [head, tail]
        })
        .filter(|w| !w.is_empty())
}

fn gap_is(gap: &str, allowed: &[&str], max_words: usize) -> bool {
    let spaced = gap.replace(',', " , ");
    let mut n = 0;
    for w in words(&spaced) {
        n += 1;
        if n > max_words || !allowed.contains(&w) {
            return false;
        }
    }
    true
}

fn country_of(target: Target) -> Option<(u16, Option<CountryForm>)> {
    match target {
        Target::Country { country, form } => Some((country, Some(form))),
        _ => None,
    }
}

/// The countries a bare noun at `hits[i]` is bound to by the words around it: those named just
/// after it (and the list that follows), or the one whose possessive precedes it.
pub fn bound_countries(folded: &Folded, hits: &[Hit<Target>], i: usize, allow_place: bool) -> Vec<u16> {
    let text = &folded.text;
    let hit = &hits[i];
    let mut countries = Vec::new();
    let qualifiers: Vec<&str> = QUALIFIER_WORDS
        .iter()
        .copied()
        .filter(|w| allow_place || !PLACE_WORDS.contains(w))
        .collect();
    let mut end = hit.folded_end;
    for next in &hits[i + 1..] {
        let Some((country, form)) = country_of(next.target) else {
            break;
        };
        if matches!(form, Some(CountryForm::Seat)) {
            break;
        }
        let gap = &text[end..next.folded_start];
        let allowed = if countries.is_empty() {
            gap_is(gap, &qualifiers, 5)
        } else {
            gap_is(gap, LIST_WORDS, 3)
        };
        if !allowed {
            break;
        }
        countries.push(country);
        end = next.folded_end;
    }
    if countries.is_empty()
        && let Some(prev) = i.checked_sub(1).map(|p| &hits[p])
        && let Some((country, Some(CountryForm::Name))) = country_of(prev.target)
    {
        // "Mali's defence ministry", "Mali's current government".
        let gap = &text[prev.folded_end..hit.folded_start];
        if let Some(rest) = gap.strip_prefix("'s") {
            let rest = rest.trim();
            if rest.is_empty() || (rest.split(' ').count() <= 2 && !rest.contains([',', '.', ';'])) {
                countries.push(country);
            }
        }
    }
    countries
}

/// True when a demonym names a language: "(its acronym in French)", « traduit en français ».
pub fn is_language(folded: &Folded, hit: &Hit<Target>) -> bool {
    let before = folded.text[..hit.folded_start].trim_end();
    let after = folded.text[hit.folded_end..].trim_start();
    let prev = before.rsplit(' ').next().unwrap_or("");
    matches!(
        prev,
        "in" | "en" | "speak" | "speaks" | "spoke" | "speaking" | "parle" | "parlent" | "parler"
    ) && (after.is_empty()
        || after.starts_with([',', '.', ')', ';', ':', '\n'])
        || after.starts_with("and ")
        || after.starts_with("et "))
}

/// True when the words right after a bare noun make it no single state's.
pub fn not_one_state(folded: &Folded, hit: &Hit<Target>) -> bool {
    let after = folded.text[hit.folded_end..].trim_start();
    NOT_ONE_STATE.iter().any(|w| after.starts_with(w))
}

/// Verbs (and auxiliaries) after a capital that make it the state speaking or acting.
const STATE_VERBS: &[&str] = &[
    // French
    "a",
    "avait",
    "aura",
    "aurait",
    "est",
    "s'est",
    "se",
    "s'etait",
    "n'a",
    "ne",
    "n'est",
    "dement",
    "nie",
    "accuse",
    "affirme",
    "assure",
    "annonce",
    "estime",
    "exige",
    "reclame",
    "refuse",
    "rejette",
    "condamne",
    "denonce",
    "souhaite",
    "veut",
    "voulait",
    "entend",
    "prevoit",
    "parle",
    "considere",
    "juge",
    "reproche",
    "menace",
    "envisage",
    "soutient",
    "maintient",
    "insiste",
    "reconnait",
    "promet",
    "mise",
    "tient",
    "doit",
    "peut",
    "continue",
    "cherche",
    "compte",
    "multiplie",
    "poursuit",
    "repond",
    "reagit",
    "dit",
    "declare",
    "confirme",
    "attend",
    "demande",
    "craint",
    "dispose",
    "negocie",
    "signe",
    "appelle",
    "ordonne",
    "achemine",
    "suspend",
    "expulse",
    "rompt",
    "retire",
    "renforce",
    "envoie",
    "livre",
    "fournit",
    "observe",
    "suit",
    "salue",
    "approuve",
    "dénonce",
    "l'a",
    "les",
    "leur",
    "lui",
    "y",
    // English
    "has",
    "had",
    "have",
    "is",
    "was",
    "were",
    "will",
    "would",
    "says",
    "said",
    "denies",
    "denied",
    "accuses",
    "accused",
    "insists",
    "insisted",
    "claims",
    "claimed",
    "wants",
    "wanted",
    "announced",
    "announces",
    "rejected",
    "rejects",
    "maintains",
    "argues",
    "argued",
    "sees",
    "saw",
    "views",
    "considers",
    "believes",
    "hopes",
    "plans",
    "planned",
    "refused",
    "refuses",
    "sent",
    "sends",
    "urged",
    "urges",
    "warned",
    "warns",
    "responded",
    "condemned",
    "condemns",
    "demanded",
    "demands",
    "expelled",
    "ordered",
    "signed",
    "decided",
    "agreed",
    "insisted",
    "does",
    "did",
    "cannot",
    "can",
    "could",
    "should",
    "may",
    "might",
    "must",
    "also",
    "recently",
    "still",
];

/// Nouns whose complement « de <capital> » is the state ("à la demande de Bamako").
const STATE_NOUNS_BEFORE_DE: &[&str] = &[
    "demande",
    "affirmations",
    "decision",
    "position",
    "exigence",
    "exigences",
    "accusations",
    "part",
    "cote",
    "reponse",
    "volonte",
    "relations",
    "pression",
    "pressions",
    "soutien",
    "refus",
    "choix",
    "diplomatie",
    "appui",
    "reaction",
    "annonce",
    "version",
    "autorisation",
    "accord",
    "requete",
];

/// True when the capital at `hits[i]` stands for its state, not for a place (RULES.md §2.3).
pub fn capital_is_state(original: &str, folded: &Folded, hits: &[Hit<Target>], i: usize) -> bool {
    let hit = &hits[i];
    let text = &folded.text;
    // A dateline or a place in parentheses is a place: « BAMAKO, 12 juin », "(Nairobi) –".
    let after_raw = &original[hit.end..];
    let next_word = after_raw
        .trim_start()
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | ')' | '»' | '"'))
        .next()
        .unwrap_or("");
    let next_folded = super::matcher::fold_key(next_word);
    let directly_followed = after_raw.starts_with(' ') && !after_raw.trim_start().starts_with(['(', ',']);
    let before: Vec<&str> = text[..hit.folded_start].split_whitespace().rev().take(3).collect();
    let prev = before.first().copied().unwrap_or("");
    // The original word before: « à » (place) and « a » (verb) fold alike.
    let prev_original = original[..hit.start].split_whitespace().next_back().unwrap_or("");
    if prev_original == "à"
        || matches!(
            prev,
            "in" | "at" | "to" | "from" | "near" | "vers" | "pres" | "depuis" | "en"
        )
    {
        return false;
    }
    // The capital as a subject, not a complement (« la base de Niamey est… » is a place).
    let complement = matches!(
        prev,
        "de" | "d'" | "du" | "des" | "la" | "le" | "les" | "l'" | "of" | "the"
    );
    if directly_followed && !complement && STATE_VERBS.contains(&next_folded.as_str()) {
        return true;
    }
    if matches!(prev, "par" | "by" | "entre" | "between") {
        return true;
    }
    if matches!(prev, "de" | "d'") && before.get(1).is_some_and(|w| STATE_NOUNS_BEFORE_DE.contains(w)) {
        return true;
    }
    // Coordinated with another state: « Ouagadougou et Paris », « Bamako et la Minusma ».
    let is_state_hit = |h: &Hit<Target>| match h.target {
        Target::Country { form, .. } => matches!(form, CountryForm::Capital | CountryForm::Seat),
        Target::Actor(_) | Target::Government(..) => true,
        _ => false,
    };
    let joined = |gap: &str| gap_is(gap, &["et", "and", "la", "le", "l'", "les", "the"], 2) && gap.contains(['e', 'a']);
    if let Some(next) = hits.get(i + 1)
        && is_state_hit(next)
        && joined(&text[hit.folded_end..next.folded_start])
    {
        return true;
    }
    if let Some(prev_hit) = i.checked_sub(1).map(|p| &hits[p])
        && matches!(
            prev_hit.target,
            Target::Country {
                form: CountryForm::Capital | CountryForm::Seat,
                ..
            }
        )
        && joined(&text[prev_hit.folded_end..hit.folded_start])
    {
        return true;
    }
    false
}

/// Demonyms the press confuses, (written, meant): « nigériane » for Niger, « congolais » for
/// Congo-Brazzaville. Demonym-based mentions of the first go to the second when the text names
/// the second and never the first.
const CONFUSED: &[(&str, &str)] = &[("NG", "NE"), ("CD", "CG")];

/// A map from the country a form points at to the country the text means.
pub fn misused_demonyms(dictionary: &Dictionary, hits: &[Hit<Target>]) -> impl Fn(u16) -> u16 + use<> {
    let index = |code: &str| {
        dictionary
            .countries
            .iter()
            .position(|c| c.code == code)
            .map(|i| i as u16)
    };
    let named = |c: u16| {
        hits.iter().any(|h| {
            matches!(h.target, Target::Country { country, form: CountryForm::Name | CountryForm::Capital | CountryForm::Seat } if country == c)
        })
    };
    let mut swaps: Vec<(u16, u16)> = Vec::new();
    for (written, meant) in CONFUSED {
        if let (Some(w), Some(m)) = (index(written), index(meant))
            && !named(w)
            && named(m)
        {
            swaps.push((w, m));
        }
    }
    move |c| swaps.iter().find(|(w, _)| *w == c).map_or(c, |(_, m)| *m)
}

/// Acronyms the text defines in parentheses after a different name: « Reporters sans
/// frontières (RSF) » makes "RSF" that name in this article. A name the dictionary knows under
/// the same acronym (« Forces de soutien rapide (FSR) ») defines nothing new.
pub fn redefined_acronyms<'t>(text: &'t str, hits: &[Hit<Target>]) -> Vec<&'t str> {
    let mut redefined = Vec::new();
    for (i, hit) in hits.iter().enumerate() {
        let Target::Actor(actor) = hit.target else { continue };
        let span = &text[hit.start..hit.end];
        if !super::matcher::is_acronym(span) || !text[..hit.start].ends_with('(') {
            continue;
        }
        let before = text[..hit.start - 1].trim_end();
        let same_entity = i
            .checked_sub(1)
            .map(|p| &hits[p])
            .is_some_and(|prev| prev.end == before.len() && prev.target == Target::Actor(actor));
        // The words before the parenthesis, capitalised, make a name the acronym stands for.
        let defined_by_name = before
            .rsplit(' ')
            .next()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_alphabetic));
        let prev_is_other = i
            .checked_sub(1)
            .map(|p| &hits[p])
            .is_some_and(|prev| prev.end == before.len() && prev.target != Target::Actor(actor));
        if !same_entity && defined_by_name && (prev_is_other || acronym_spells(span, before)) {
            redefined.push(span);
        }
    }
    redefined
}

/// True when the capitalised words just before spell the acronym's letters
/// (« Reporters sans frontières » → RSF).
fn acronym_spells(acronym: &str, before: &str) -> bool {
    let letters: Vec<char> = acronym.chars().filter(|c| c.is_alphabetic()).collect();
    let words: Vec<&str> = before.split_whitespace().collect();
    let take = words.len().min(letters.len() + 3);
    let initials: String = words[words.len() - take..]
        .iter()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_uppercase)
        .collect();
    let wanted: String = letters.iter().flat_map(|c| c.to_uppercase()).collect();
    // The acronym's letters appear in order among the initials.
    let mut rest = initials.chars();
    wanted.chars().all(|l| rest.any(|c| c == l))
}
