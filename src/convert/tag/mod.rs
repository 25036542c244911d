//! Tagging: an article's title and body → the actors and countries it concerns (issue 5).
//!
//! [`Tagger::tag`] takes the headline and the body paragraphs (boilerplate is already out:
//! "Lire aussi" teasers, credits and menus never reach it) and returns canonical actor names and
//! English country names, in order of first mention. Three steps:
//! 1. [`matcher`]: one pass of every dictionary form (countries, actors, blockers, bare
//!    institutional nouns) over the folded text, leftmost-longest on word boundaries;
//! 2. [`phrases`]: what the words around a match say (« les autorités de transition burkinabè »,
//!    « Bamako a démenti », "Mali's defence ministry", a bare « la junte » in an article on Niger);
//! 3. [`people`]: persons no dictionary knows, introduced by a title or role.
//!
//! It never reads files: [`Tagger::bundled`] is built once from the embedded data,
//! [`Tagger::new`] from any [`Dictionary`] (the CLI loads a site's overrides).

pub mod matcher;
pub mod people;
pub mod phrases;
pub mod retag;
pub mod review;

use std::collections::HashMap;
use std::sync::LazyLock;

pub use crate::dictionary::{Dictionary, DictionaryError, Kind};
use matcher::{Folded, Form, Hit, Matcher};
use phrases::Generic;

/// What a dictionary form stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A country named, by name, demonym, capital or seat of power.
    Country { country: u16, form: CountryForm },
    /// A form of a country's government ("autorités maliennes", "CNSP"); true when the form
    /// itself names the country (a name, demonym or capital in it: "CNSP" names none).
    Government(u16, bool),
    /// A form of a country's armed forces ("armée burkinabè", "Barkhane"), same flag.
    Forces(u16, bool),
    /// A named actor of `actors.yaml`.
    Actor(u32),
    /// A bare institutional noun ("la junte", "the army"): its country comes from context.
    Generic(Generic),
    /// A phrase that names nothing ("fleuve Niger", "France 24").
    Blocker,
}

/// How a country was named: decides what the words around it may add.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountryForm {
    Name,
    Demonym,
    Capital,
    Seat,
}

impl Target {
    /// On a tie (two entries folding to one form), the first kept wins.
    fn rank(&self) -> u8 {
        match self {
            Target::Blocker => 0,
            Target::Government(..) | Target::Forces(..) => 1,
            Target::Actor(_) => 2,
            Target::Country {
                form: CountryForm::Seat,
                ..
            } => 3,
            Target::Country { .. } => 4,
            Target::Generic(_) => 5,
        }
    }
}

/// The tags of one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tags {
    /// Canonical actor names, in order of first mention.
    pub actors: Vec<String>,
    /// English short country names, in order of first mention.
    pub countries: Vec<String>,
}

/// A dictionary compiled for matching. Build once, tag many.
pub struct Tagger {
    dictionary: Dictionary,
    matcher: Matcher<Target>,
    /// Per country: under military rule (its government forms include a junta).
    military_rule: Vec<bool>,
}

static BUNDLED: LazyLock<Tagger> = LazyLock::new(|| Tagger::new(Dictionary::bundled()));

impl Tagger {
    /// The tagger over the embedded dictionaries, compiled on first use.
    pub fn bundled() -> &'static Tagger {
        &BUNDLED
    }

    /// Builds the bundled tagger and compiles the name rules (about 70 ms together), so that a
    /// caller can do it on another thread while the first inputs are read and extracted.
    pub fn prepare() {
        Tagger::bundled();
        people::prepare();
    }

    /// Compiles a dictionary.
    pub fn new(dictionary: Dictionary) -> Tagger {
        // Forms borrow the dictionary's strings: ~14,000 of them, folded once at every start.
        let fold = |form: &str| matcher::fold_key(form.trim());
        let mut forms: Vec<(&str, String, Target)> = Vec::new();
        for (i, c) in dictionary.countries.iter().enumerate() {
            let i = i as u16;
            let country = |form| Target::Country { country: i, form };
            let own = forms.len();
            for name in [&c.name_en, &c.name_fr].into_iter().chain(&c.names) {
                forms.push((name, fold(name), country(CountryForm::Name)));
            }
            forms.extend(
                c.demonyms
                    .iter()
                    .map(|d| (d.as_str(), fold(d), country(CountryForm::Demonym))),
            );
            forms.extend(
                c.capitals
                    .iter()
                    .map(|d| (d.as_str(), fold(d), country(CountryForm::Capital))),
            );
            // Names, demonyms and capitals: what makes an alias name the country itself.
            let own_forms: Vec<String> = forms[own..].iter().map(|(_, key, _)| format!(" {key} ")).collect();
            let names_country = |key: &str| {
                let spaced = format!(" {} ", key.replace('\'', "' "));
                own_forms.iter().any(|f| spaced.contains(f.as_str()))
            };
            forms.extend(
                c.seats
                    .iter()
                    .map(|d| (d.as_str(), fold(d), country(CountryForm::Seat))),
            );
            let aliases = [
                (
                    c.government.is_some(),
                    &c.government_aliases,
                    Target::Government as fn(u16, bool) -> Target,
                ),
                (c.armed_forces.is_some(), &c.forces_aliases, Target::Forces),
            ];
            for (present, list, target) in aliases {
                if present {
                    forms.extend(list.iter().map(|a| {
                        let key = fold(a);
                        let named = names_country(&key);
                        (a.as_str(), key, target(i, named))
                    }));
                }
            }
        }
        for (i, a) in dictionary.actors.iter().enumerate() {
            forms.extend(
                a.aliases
                    .iter()
                    .map(|alias| (alias.as_str(), fold(alias), Target::Actor(i as u32))),
            );
        }
        for group in &dictionary.blockers {
            forms.extend(group.phrases.iter().map(|p| (p.as_str(), fold(p), Target::Blocker)));
        }
        forms.extend(phrases::generic_forms().map(|(form, g)| (form, fold(form), Target::Generic(g))));
        let matcher = Matcher::from_folded(forms, |candidates: &[Form<Target>]| {
            let mut sorted = candidates.to_vec();
            // Acronym forms first (they only match capitals), then by rank.
            sorted.sort_by_key(|f| (!f.acronym, f.target.rank()));
            sorted
        });
        let military_rule = dictionary
            .countries
            .iter()
            .map(|c| {
                c.government_aliases.iter().any(|a| {
                    let f = matcher::fold_key(a);
                    f.contains("junte") || f.contains("junta")
                })
            })
            .collect();
        Tagger {
            dictionary,
            matcher,
            military_rule,
        }
    }

    pub fn dictionary(&self) -> &Dictionary {
        &self.dictionary
    }

    /// Number of distinct folded forms in the matcher.
    pub fn form_count(&self) -> usize {
        self.matcher.form_count()
    }

    /// Tags one article from its headline and body paragraphs.
    pub fn tag(&self, title: &str, paragraphs: &[String]) -> Tags {
        let text = article_text(title, paragraphs);
        let folded = matcher::fold(&text);
        let hits = self.matcher.find(&text, &folded);
        self.tags_from_hits(&text, &folded, &hits)
    }

    fn tags_from_hits(&self, text: &str, folded: &Folded, hits: &[Hit<Target>]) -> Tags {
        let mut found = Found::default();
        let title_end = text.find("\n\n").unwrap_or(text.len());
        // Countries named, weighted: the headline says what the article is about.
        for hit in hits {
            let weight = if hit.start < title_end { 3 } else { 1 };
            match hit.target {
                Target::Country {
                    form: CountryForm::Demonym,
                    ..
                } if phrases::is_language(folded, hit) => {}
                Target::Country { country, .. } | Target::Government(country, true) | Target::Forces(country, true) => {
                    found.country(country, hit.start, weight);
                }
                _ => {}
            }
        }
        let remap = phrases::misused_demonyms(&self.dictionary, hits);
        // An acronym the text defines for another name (« Reporters sans frontières (RSF) »)
        // means that name here, not the dictionary's holder of the acronym.
        let redefined = phrases::redefined_acronyms(text, hits);
        for (i, hit) in hits.iter().enumerate() {
            match hit.target {
                Target::Country { country, form } => match form {
                    CountryForm::Seat => found.government(country, hit.start),
                    CountryForm::Capital if phrases::capital_is_state(text, folded, hits, i) => {
                        found.government(country, hit.start)
                    }
                    _ => {}
                },
                Target::Government(c, _) => found.government(remap(c), hit.start),
                Target::Forces(c, _) => found.forces(remap(c), hit.start),
                Target::Actor(_) if redefined.contains(&&text[hit.start..hit.end]) => {}
                Target::Actor(a) => found.actor(a, hit.start),
                Target::Generic(generic) => {
                    if phrases::not_one_state(folded, hit) {
                        continue;
                    }
                    let bound = phrases::bound_countries(folded, hits, i, !generic.is_forces());
                    let countries: Vec<u16> = if !bound.is_empty() {
                        bound
                    } else if !generic.strong() {
                        Vec::new()
                    } else if generic == Generic::Juntas {
                        found
                            .countries
                            .keys()
                            .copied()
                            .filter(|&c| self.military_rule[c as usize])
                            .collect()
                    } else {
                        let eligible = |c: u16| !generic.junta() || self.military_rule[c as usize];
                        let main = found.main_country(&eligible);
                        // Forces: the paragraph's country when the article is also about it
                        // (« à Bamako… les forces loyalistes »); a government noun: the main one.
                        let local = local_country(text, hits, i, &eligible)
                            .filter(|_| generic.is_forces())
                            .filter(|&l| main.is_none_or(|m| 2 * found.weight(l) >= found.weight(m)));
                        local.or(main).into_iter().collect()
                    };
                    for c in countries {
                        let c = remap(c);
                        if generic.is_forces() {
                            found.forces(c, hit.start);
                        } else {
                            found.government(c, hit.start);
                        }
                    }
                }
                Target::Blocker => {}
            }
        }
        let mut actors: Vec<(usize, String)> = Vec::new();
        let mut push = |at: usize, name: &str| {
            if !actors.iter().any(|(_, n)| n == name) {
                actors.push((at, name.to_string()));
            }
        };
        for (&(kind, c), &at) in &found.state_actors {
            let country = &self.dictionary.countries[c as usize];
            let name = if kind == Kind::Government {
                country.government.as_deref()
            } else {
                country.armed_forces.as_deref()
            };
            if let Some(name) = name {
                push(at, name);
            }
        }
        for (&a, &at) in &found.actors {
            push(at, &self.dictionary.actors[a as usize].name);
        }
        for person in people::titled_persons(text, hits) {
            push(person.start, &person.name);
        }
        for organisation in people::named_organisations(text, hits) {
            push(organisation.start, &organisation.name);
        }
        actors.sort();
        let mut countries: Vec<(usize, u16)> = found.countries.iter().map(|(&c, &(_, at))| (at, remap(c))).collect();
        countries.sort();
        let mut names: Vec<String> = Vec::new();
        for (_, c) in countries {
            let name = &self.dictionary.countries[c as usize].name_en;
            if !names.contains(name) {
                names.push(name.clone());
            }
        }
        Tags {
            actors: actors.into_iter().map(|(_, n)| n).collect(),
            countries: names,
        }
    }

    /// Why an article gets its tags: every dictionary form found, with what it stands for, one
    /// line each (`veille tag --explain`).
    pub fn explain(&self, title: &str, paragraphs: &[String]) -> Vec<String> {
        let text = article_text(title, paragraphs);
        let folded = matcher::fold(&text);
        let hits = self.matcher.find(&text, &folded);
        let name = |c: u16| self.dictionary.countries[c as usize].code.clone();
        let mut lines: Vec<String> = hits
            .iter()
            .map(|h| {
                let what = match h.target {
                    Target::Country { country, form } => format!("country {} ({form:?})", name(country)),
                    Target::Government(c, _) => format!("government {}", name(c)),
                    Target::Forces(c, _) => format!("forces {}", name(c)),
                    Target::Actor(a) => format!("actor {}", self.dictionary.actors[a as usize].name),
                    Target::Generic(g) => format!(
                        "generic {g:?} → {:?}",
                        phrases::bound_countries(&folded, &hits, hits.iter().position(|x| x == h).unwrap_or(0), true)
                            .into_iter()
                            .map(name)
                            .collect::<Vec<_>>()
                    ),
                    Target::Blocker => "blocker".to_string(),
                };
                format!("{:>6}  {:?} → {what}", h.start, &text[h.start..h.end])
            })
            .collect();
        lines.extend(
            people::titled_persons(&text, &hits)
                .into_iter()
                .map(|p| format!("{:>6}  {:?} → person by title", p.start, p.name)),
        );
        lines
    }

    /// Capitalised names in the text that no dictionary entry, blocker or rule accounts for,
    /// for `veille tag --suggest`.
    pub fn unknown_names(&self, title: &str, paragraphs: &[String]) -> Vec<String> {
        self.unknown_mentions(title, paragraphs)
            .into_iter()
            .map(|m| m.name)
            .collect()
    }

    /// [`Tagger::unknown_names`] with the words around each mention, for the review queue.
    pub fn unknown_mentions(&self, title: &str, paragraphs: &[String]) -> Vec<UnknownMention> {
        let text = article_text(title, paragraphs);
        let folded = matcher::fold(&text);
        let hits = self.matcher.find(&text, &folded);
        people::unknown_names(&text, &hits)
            .into_iter()
            .map(|(name, range)| UnknownMention {
                name,
                before: words_before(&text, range.start, CONTEXT_WORDS),
                after: words_after(&text, range.end, CONTEXT_WORDS),
                mention: text[range].to_string(),
            })
            .collect()
    }
}

/// A name no dictionary entry accounts for, as the text has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownMention {
    /// The name, titles and stray words left out ("Katiba Serma").
    pub name: String,
    /// The words as written, and a few on either side within the paragraph.
    pub mention: String,
    pub before: String,
    pub after: String,
}

/// Words of context on each side of an unknown name.
const CONTEXT_WORDS: usize = 8;

/// Up to `n` words before byte `at`, not crossing a paragraph break.
fn words_before(text: &str, at: usize, n: usize) -> String {
    let head = &text[..at];
    let head = head.rfind("\n\n").map_or(head, |p| &head[p + 2..]);
    let words: Vec<&str> = head.split_whitespace().collect();
    words[words.len().saturating_sub(n)..].join(" ")
}

/// Up to `n` words after byte `at`, not crossing a paragraph break.
fn words_after(text: &str, at: usize, n: usize) -> String {
    let tail = &text[at..];
    let tail = tail.find("\n\n").map_or(tail, |p| &tail[..p]);
    tail.split_whitespace().take(n).collect::<Vec<_>>().join(" ")
}

/// Headline and paragraphs as one text; the headline ends at the first blank line.
fn article_text(title: &str, paragraphs: &[String]) -> String {
    let mut text = String::with_capacity(title.len() + paragraphs.iter().map(|p| p.len() + 2).sum::<usize>());
    text.push_str(title.trim());
    for p in paragraphs {
        text.push_str("\n\n");
        text.push_str(p);
    }
    text
}

/// How far back, in bytes, a mention's country is looked for.
const LOCAL_WINDOW: usize = 3000;

/// The country named last before `hits[i]` in the same paragraph, if eligible: « à Bamako… au
/// nom des forces loyalistes » are Mali's.
fn local_country(text: &str, hits: &[Hit<Target>], i: usize, eligible: &dyn Fn(u16) -> bool) -> Option<u16> {
    // Look back at most LOCAL_WINDOW bytes: a paragraph-long scan per hit is quadratic on a page
    // with no paragraph breaks (a 5 MB single line).
    let mut window_start = hits[i].start.saturating_sub(LOCAL_WINDOW);
    while !text.is_char_boundary(window_start) {
        window_start -= 1;
    }
    let paragraph_start = text[window_start..hits[i].start]
        .rfind("\n\n")
        .map_or(window_start, |p| window_start + p + 2);
    hits[..i]
        .iter()
        .rev()
        .take_while(|h| h.start >= paragraph_start)
        .find_map(|h| match h.target {
            Target::Country { country, .. } | Target::Government(country, _) | Target::Forces(country, _) => {
                Some(country)
            }
            _ => None,
        })
        .filter(|&c| eligible(c))
}

/// What the text names, with the byte offset of its first mention.
#[derive(Default)]
struct Found {
    /// country → (weight, first offset)
    countries: HashMap<u16, (u32, usize)>,
    state_actors: HashMap<(Kind, u16), usize>,
    actors: HashMap<u32, usize>,
}

impl Found {
    fn country(&mut self, c: u16, at: usize, weight: u32) {
        let entry = self.countries.entry(c).or_insert((0, at));
        entry.0 += weight;
        entry.1 = entry.1.min(at);
    }

    fn government(&mut self, c: u16, at: usize) {
        let e = self.state_actors.entry((Kind::Government, c)).or_insert(at);
        *e = (*e).min(at);
    }

    fn forces(&mut self, c: u16, at: usize) {
        let e = self.state_actors.entry((Kind::ArmedForce, c)).or_insert(at);
        *e = (*e).min(at);
    }

    fn actor(&mut self, a: u32, at: usize) {
        let e = self.actors.entry(a).or_insert(at);
        *e = (*e).min(at);
    }

    fn weight(&self, c: u16) -> u32 {
        self.countries.get(&c).map_or(0, |(w, _)| *w)
    }

    /// The country the article is about: most weight, then first named.
    fn main_country(&self, eligible: &dyn Fn(u16) -> bool) -> Option<u16> {
        self.countries
            .iter()
            .filter(|(c, _)| eligible(**c))
            .max_by_key(|(_, (weight, at))| (*weight, std::cmp::Reverse(*at)))
            .map(|(&c, _)| c)
    }
}

#[cfg(test)]
mod tests;
