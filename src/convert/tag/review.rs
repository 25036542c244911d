//! (pure) The review queue: names the dictionaries miss, as a YAML file the user marks, and the
//! dictionary changes the marks ask for. `veille tag --suggest` writes the file, `veille tag
//! --apply` reads it back; the CLI does the reading and writing.
//!
//! An entry is marked with `accept: actor` (added to `dictionary/actors.yaml` with its `kind`),
//! `accept: alias-of:NAME` (one more name of the actor NAME, in `dictionary/aliases.yaml`) or
//! `accept: ignore` (into `dictionary/ignore.yaml`: never proposed again).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::UnknownMention;
use crate::dictionary::{Dictionary, Kind, entry_line};

/// Contexts kept per name, each from another article.
const CONTEXTS: usize = 3;

/// One name in the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub name: String,
    /// Articles that mention it.
    #[serde(default)]
    pub articles: usize,
    /// The guessed kind, for `accept: actor`: `armed_group`, `armed_force`, `government`,
    /// `organisation` or `person`.
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub contexts: Vec<String>,
    /// The user's mark; empty while undecided.
    #[serde(default)]
    pub accept: Option<String>,
}

/// What a mark asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Actor(Kind),
    AliasOf(String),
    Ignore,
}

impl Entry {
    /// The entry's mark, `None` while undecided.
    pub fn decision(&self) -> Result<Option<Decision>, String> {
        let Some(mark) = self.accept.as_deref().map(str::trim).filter(|m| !m.is_empty()) else {
            return Ok(None);
        };
        if mark == "ignore" {
            return Ok(Some(Decision::Ignore));
        }
        if mark == "actor" {
            let kind = self.kind.as_deref().unwrap_or_default().trim();
            return parse_kind(kind)
                .map(|k| Some(Decision::Actor(k)))
                .ok_or_else(|| format!("`accept: actor` needs a `kind:`, one of {}, not {kind:?}", kind_names()));
        }
        if let Some(name) = mark.strip_prefix("alias-of:").map(str::trim) {
            if name.is_empty() {
                return Err("`alias-of:` needs the actor's name: `accept: alias-of:JNIM`".into());
            }
            return Ok(Some(Decision::AliasOf(name.to_string())));
        }
        Err(format!(
            "`accept: {mark}` is not one of `actor`, `alias-of:NAME`, `ignore`"
        ))
    }
}

fn parse_kind(name: &str) -> Option<Kind> {
    serde_yaml::from_str(name).ok()
}

fn kind_names() -> String {
    KINDS.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", ")
}

const KINDS: [Kind; 5] = [
    Kind::ArmedGroup,
    Kind::ArmedForce,
    Kind::Government,
    Kind::Organisation,
    Kind::Person,
];

/// The words that suggest a kind (`data/kind_hints.yaml`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Hint {
    #[serde(default)]
    inside: Vec<String>,
    #[serde(default)]
    before: Vec<String>,
}

static HINTS: LazyLock<Vec<(Kind, Hint)>> = LazyLock::new(|| {
    let text = include_str!("../../../data/kind_hints.yaml");
    let mut table: HashMap<String, Hint> =
        serde_yaml::from_str(text).expect("data/kind_hints.yaml parses (checked by the unit tests)");
    KINDS
        .iter()
        .map(|&k| (k, table.remove(k.as_str()).unwrap_or_default()))
        .collect()
});

/// The kind a mention's words suggest (see `data/kind_hints.yaml`).
pub fn guess_kind(mention: &UnknownMention) -> Kind {
    let lower = |s: &str| s.to_lowercase().replace('’', "'");
    let name = format!(" {} ", lower(&mention.mention));
    let inside = |word: &String| name.contains(&format!(" {word} "));
    if let Some((kind, _)) = HINTS.iter().find(|(_, hint)| hint.inside.iter().any(inside)) {
        return *kind;
    }
    let before = lower(&mention.before);
    let last_words: Vec<&str> = before.split_whitespace().rev().take(2).collect();
    if let Some((kind, _)) = HINTS
        .iter()
        .find(|(_, hint)| hint.before.iter().any(|w| last_words.contains(&w.as_str())))
    {
        return *kind;
    }
    let words: Vec<&str> = mention.name.split_whitespace().collect();
    let acronym = words.len() == 1 && words[0].chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    if !acronym && (2..=4).contains(&words.len()) {
        Kind::Person
    } else {
        Kind::Organisation
    }
}

/// Folded for comparing names: case and typographic apostrophes do not make another name.
fn key(name: &str) -> String {
    name.to_lowercase().replace('’', "'")
}

/// Counts unknown names once per article (each item is one article's mentions), keeps a few
/// contexts and a kind guessed by majority, leaves out `ignored`, and returns the `top` most
/// frequent, most frequent first.
pub fn collect(articles: impl IntoIterator<Item = Vec<UnknownMention>>, ignored: &[String], top: usize) -> Vec<Entry> {
    struct Seen {
        entry: Entry,
        votes: [usize; 5],
    }
    let ignored: std::collections::HashSet<String> = ignored.iter().map(|n| key(n)).collect();
    let mut seen: HashMap<String, Seen> = HashMap::new();
    for mentions in articles {
        let mut in_article = std::collections::HashSet::new();
        for mention in mentions {
            let k = key(&mention.name);
            if ignored.contains(&k) {
                continue;
            }
            let first_here = in_article.insert(k.clone());
            let item = seen.entry(k).or_insert_with(|| Seen {
                entry: Entry {
                    name: mention.name.clone(),
                    articles: 0,
                    kind: None,
                    contexts: Vec::new(),
                    accept: None,
                },
                votes: [0; 5],
            });
            let kind = guess_kind(&mention);
            item.votes[KINDS.iter().position(|&k| k == kind).unwrap_or(0)] += 1;
            if first_here {
                item.entry.articles += 1;
                if item.entry.contexts.len() < CONTEXTS {
                    item.entry.contexts.push(context(&mention));
                }
            }
        }
    }
    let mut entries: Vec<Entry> = seen
        .into_values()
        .map(|mut s| {
            let best = (0..5).max_by_key(|&i| (s.votes[i], std::cmp::Reverse(i))).unwrap_or(0);
            s.entry.kind = Some(KINDS[best].as_str().to_string());
            s.entry
        })
        .collect();
    entries.sort_by(|a, b| b.articles.cmp(&a.articles).then_with(|| a.name.cmp(&b.name)));
    entries.truncate(top);
    entries
}

fn context(m: &UnknownMention) -> String {
    let mut out = String::new();
    if !m.before.is_empty() {
        out.push_str("… ");
        out.push_str(&m.before);
        out.push(' ');
    }
    out.push_str(&m.mention.split_whitespace().collect::<Vec<_>>().join(" "));
    if !m.after.is_empty() {
        if !m.after.starts_with([',', '.', ';', ':', ')', '»', '!', '?']) {
            out.push(' ');
        }
        out.push_str(&m.after);
        out.push_str(" …");
    }
    out
}

/// A fresh queue with the marks of the previous one: an entry the user marked keeps its mark and
/// kind, and a marked entry the fresh run no longer finds stays at the end. Unmarked entries of
/// the previous queue are only suggestions, and go.
pub fn merge(previous: Vec<Entry>, fresh: Vec<Entry>) -> Vec<Entry> {
    let mut marked: HashMap<String, Entry> = previous
        .into_iter()
        .filter(|e| e.accept.as_deref().is_some_and(|m| !m.trim().is_empty()))
        .map(|e| (key(&e.name), e))
        .collect();
    let mut order: Vec<String> = marked.keys().cloned().collect();
    order.sort();
    let mut out: Vec<Entry> = fresh
        .into_iter()
        .map(|mut e| {
            if let Some(old) = marked.remove(&key(&e.name)) {
                e.accept = old.accept;
                e.kind = old.kind.or(e.kind);
            }
            e
        })
        .collect();
    out.extend(order.into_iter().filter_map(|k| marked.remove(&k)));
    out
}

const HEADER: &str = "\
# veille review queue: names in content/ that no dictionary entry matches.
# Mark an entry, then run `veille tag --apply review.yaml`:
#   accept: actor            add it to dictionary/actors.yaml with its `kind` (guessed below:
#                            armed_group, armed_force, government, organisation or person)
#   accept: alias-of:NAME    make it one more name of the actor NAME (dictionary/aliases.yaml)
#   accept: ignore           never propose it again (dictionary/ignore.yaml)
# Unmarked entries stay in the queue; `veille tag --suggest` refreshes it and keeps the marks.
";

/// The queue as YAML, with the instructions on top.
pub fn render(entries: &[Entry]) -> String {
    let mut out = String::from(HEADER);
    if entries.is_empty() {
        out.push_str("[]\n");
        return out;
    }
    for e in entries {
        out.push('\n');
        out.push_str(&format!("- name: {}\n", scalar(&e.name)));
        out.push_str(&format!("  articles: {}\n", e.articles));
        if let Some(kind) = &e.kind {
            out.push_str(&format!("  kind: {}\n", scalar(kind)));
        }
        if !e.contexts.is_empty() {
            out.push_str("  contexts:\n");
            for c in &e.contexts {
                out.push_str(&format!("  - {}\n", scalar(c)));
            }
        }
        match e.accept.as_deref().filter(|m| !m.trim().is_empty()) {
            Some(mark) => out.push_str(&format!("  accept: {}\n", scalar(mark))),
            None => out.push_str("  accept:\n"),
        }
    }
    out
}

/// One YAML scalar on one line, quoted when it must be.
fn scalar(text: &str) -> String {
    let one_line = text.replace(['\n', '\r'], " ");
    serde_yaml::to_string(&one_line)
        .map(|s| s.trim_end().to_string())
        .unwrap_or_else(|_| format!("{one_line:?}"))
}

/// A review file that cannot be read as a queue.
#[derive(Debug, thiserror::Error)]
#[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct ReviewError {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

pub fn parse(text: &str, path: &Path) -> Result<Vec<Entry>, ReviewError> {
    serde_yaml::from_str::<Option<Vec<Entry>>>(text)
        .map(Option::unwrap_or_default)
        .map_err(|e| ReviewError {
            path: path.to_path_buf(),
            line: e.location().map(|l| l.line()),
            message: e.to_string(),
        })
}

/// A new actor the queue accepts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewActor {
    pub name: String,
    pub kind: &'static str,
    pub aliases: Vec<String>,
}

/// What applying a queue changes, and what stays in it.
#[derive(Debug, Default)]
pub struct Plan {
    pub actors: Vec<NewActor>,
    /// `(alias, actor)`.
    pub aliases: Vec<(String, String)>,
    pub ignored: Vec<String>,
    /// Unmarked entries and entries whose mark cannot be applied.
    pub pending: Vec<Entry>,
    /// One line per mark that cannot be applied, with the file and line.
    pub problems: Vec<String>,
}

/// Turns the marks of `entries` (parsed from `text`, at `path`) into dictionary changes.
pub fn plan(entries: Vec<Entry>, text: &str, path: &Path, dictionary: &Dictionary) -> Plan {
    let mut plan = Plan::default();
    let accepted: std::collections::HashSet<String> = entries
        .iter()
        .filter(|e| matches!(e.decision(), Ok(Some(Decision::Actor(_)))))
        .map(|e| e.name.clone())
        .collect();
    let known = |name: &str| dictionary.actor(name).is_some() || accepted.contains(name);
    for (n, entry) in entries.into_iter().enumerate() {
        let at = || {
            format!(
                "{}{}",
                path.display(),
                entry_line(text, n).map(|l| format!(":{l}")).unwrap_or_default()
            )
        };
        match entry.decision() {
            Ok(None) => plan.pending.push(entry),
            Err(message) => {
                plan.problems.push(format!("{}: {}: {message}", at(), entry.name));
                plan.pending.push(entry);
            }
            Ok(Some(Decision::Ignore)) => plan.ignored.push(entry.name),
            Ok(Some(Decision::Actor(_))) if dictionary.actor(&entry.name).is_some() => {
                plan.problems.push(format!(
                    "{}: {} is already an actor; mark it `alias-of:{}` to match this spelling",
                    at(),
                    entry.name,
                    entry.name
                ));
                plan.pending.push(entry);
            }
            Ok(Some(Decision::Actor(kind))) => plan.actors.push(NewActor {
                aliases: vec![entry.name.clone()],
                name: entry.name,
                kind: kind.as_str(),
            }),
            Ok(Some(Decision::AliasOf(of))) if !known(&of) => {
                plan.problems.push(format!(
                    "{}: {}: `alias-of:{of}` names no actor of the dictionaries",
                    at(),
                    entry.name
                ));
                plan.pending.push(entry);
            }
            Ok(Some(Decision::AliasOf(of))) => plan.aliases.push((entry.name, of)),
        }
    }
    plan
}

/// `existing` (a site dictionary file, maybe empty) with `items` appended as YAML list items,
/// under a comment line: what the user wrote stays byte for byte.
pub fn append<T: Serialize>(existing: &str, items: &[T]) -> String {
    let mut out = existing.to_string();
    if items.is_empty() {
        return out;
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str("# added by `veille tag --apply`\n");
    out.push_str(&serde_yaml::to_string(items).unwrap_or_default());
    out
}

/// `dictionary/aliases.yaml` items.
#[derive(Serialize)]
pub struct AliasItem<'a> {
    pub alias: &'a str,
    pub of: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(name: &str, before: &str) -> UnknownMention {
        UnknownMention {
            name: name.into(),
            mention: name.into(),
            before: before.into(),
            after: "a déclaré".into(),
        }
    }

    #[test]
    fn the_hints_file_parses_with_every_kind() {
        assert_eq!(HINTS.len(), 5);
        assert!(HINTS.iter().all(|(_, h)| !h.inside.is_empty() || !h.before.is_empty()));
    }

    #[test]
    fn kinds_are_guessed_from_the_name_and_the_words_before_it() {
        assert_eq!(
            guess_kind(&mention("Katiba Tessit", "une attaque de la")),
            Kind::ArmedGroup
        );
        assert_eq!(
            guess_kind(&mention("Union des patriotes", "selon l'")),
            Kind::Organisation
        );
        assert_eq!(guess_kind(&mention("Diarra", "le colonel")), Kind::Person);
        assert_eq!(guess_kind(&mention("Moussa Diarra", "selon")), Kind::Person);
        assert_eq!(guess_kind(&mention("CNDP", "selon le")), Kind::Organisation);
    }

    #[test]
    fn names_count_once_per_article_ignored_ones_never_come_back() {
        let articles = vec![
            vec![mention("Katiba Tessit", "la"), mention("Katiba Tessit", "la")],
            vec![mention("Katiba Tessit", "la"), mention("Moussa Diarra", "M.")],
            vec![mention("Nobody Here", "")],
        ];
        let entries = collect(articles, &["nobody here".to_string()], 10);
        let names: Vec<(&str, usize)> = entries.iter().map(|e| (e.name.as_str(), e.articles)).collect();
        assert_eq!(names, [("Katiba Tessit", 2), ("Moussa Diarra", 1)]);
        assert_eq!(entries[0].contexts.len(), 2, "one context per article");
        assert_eq!(entries[0].kind.as_deref(), Some("armed_group"));
    }

    #[test]
    fn a_rendered_queue_parses_back_and_a_refresh_keeps_the_marks() {
        let mut entries = collect(vec![vec![mention("Katiba Tessit", "la « Katiba: »")]], &[], 10);
        let text = render(&entries);
        assert_eq!(parse(&text, Path::new("r.yaml")).unwrap(), entries);
        entries[0].accept = Some("ignore".into());
        entries.push(Entry {
            name: "Old Mark".into(),
            articles: 1,
            kind: None,
            contexts: vec![],
            accept: Some("actor".into()),
        });
        let fresh = collect(
            vec![vec![mention("Katiba Tessit", "la"), mention("New Name", "")]],
            &[],
            10,
        );
        let merged = merge(entries, fresh);
        let marks: Vec<(&str, Option<&str>)> = merged.iter().map(|e| (e.name.as_str(), e.accept.as_deref())).collect();
        assert_eq!(
            marks,
            [
                ("Katiba Tessit", Some("ignore")),
                ("New Name", None),
                ("Old Mark", Some("actor"))
            ]
        );
        assert!(parse(&render(&[]), Path::new("r.yaml")).unwrap().is_empty());
    }

    #[test]
    fn marks_become_changes_and_a_bad_mark_is_named_at_its_line() {
        let text = "\
- name: Katiba Tessit
  kind: armed_group
  accept: actor
- name: Tessit
  accept: alias-of:Katiba Tessit
- name: Nusrat
  accept: alias-of:JNIM
- name: Bla
  accept: ignore
- name: Later
  accept:
- name: Wrong
  accept: alias-of:Nobody
- name: Odd
  accept: maybe
";
        let entries = parse(text, Path::new("r.yaml")).unwrap();
        let plan = plan(entries, text, Path::new("r.yaml"), &Dictionary::bundled());
        assert_eq!(plan.actors.len(), 1);
        assert_eq!(plan.actors[0].kind, "armed_group");
        assert_eq!(
            plan.aliases,
            [
                ("Tessit".to_string(), "Katiba Tessit".to_string()),
                ("Nusrat".to_string(), "JNIM".to_string())
            ]
        );
        assert_eq!(plan.ignored, ["Bla"]);
        let pending: Vec<&str> = plan.pending.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(pending, ["Later", "Wrong", "Odd"]);
        assert_eq!(plan.problems.len(), 2);
        assert!(plan.problems[0].starts_with("r.yaml:12: Wrong:"), "{:?}", plan.problems);
        assert!(plan.problems[1].starts_with("r.yaml:14: Odd:"), "{:?}", plan.problems);
    }

    #[test]
    fn appending_keeps_what_the_user_wrote() {
        let mine = "# my actors\n- name: X\n  kind: person\n  aliases: [X]";
        let out = append(
            mine,
            &[NewActor {
                name: "Katiba Tessit".into(),
                kind: "armed_group",
                aliases: vec!["Katiba Tessit".into()],
            }],
        );
        assert!(out.starts_with(mine));
        let mut d = Dictionary::default();
        d.overlay("", &out, "", Path::new("d")).unwrap();
        assert_eq!(d.actors.len(), 2);
        assert_eq!(append(mine, &[] as &[NewActor]), mine);
    }
}
