//! `veille tag`: re-tag an article already in `content/` after a dictionary change, touching only
//! `actors`, `countries` and the record of what the tagger wrote, and keeping manual edits.
//!
//! How manual edits are recorded: every tagged article carries `tags_auto`, the lists the tagger
//! itself produced last time. Whatever differs between `actors`/`countries` and `tags_auto` is the
//! user's edit: a name in `actors` but not in `tags_auto.actors` was added by hand and is kept; a
//! name in `tags_auto.actors` but not in `actors` was removed by hand and stays removed. New tagger
//! output is merged around those edits. `tags_locked: true` leaves the article untouched. An
//! article with no `tags_auto` (written by hand, or by an older veille) keeps every tag it has.
//!
//! The front matter is edited line by line: other keys, comments and the body stay byte for byte.

use serde::{Deserialize, Serialize};

use super::{Tagger, Tags};
use crate::article::{Article, ParseError};

/// Front-matter key holding the tagger's own last output.
pub const AUTO_KEY: &str = "tags_auto";
/// Front-matter key that freezes an article's tags.
pub const LOCK_KEY: &str = "tags_locked";

/// The tagger's output as recorded in `tags_auto`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AutoTags {
    #[serde(default)]
    pub actors: Vec<String>,
    #[serde(default)]
    pub countries: Vec<String>,
}

impl From<&Tags> for AutoTags {
    fn from(tags: &Tags) -> AutoTags {
        AutoTags {
            actors: tags.actors.clone(),
            countries: tags.countries.clone(),
        }
    }
}

/// What re-tagging one file gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Retagged {
    /// The new file text.
    Changed(String),
    Unchanged,
    /// `tags_locked: true`.
    Locked,
}

/// Title and plain paragraphs of an article's Markdown body, for tagging.
pub fn text_of(article: &Article) -> (String, Vec<String>) {
    let paragraphs = article
        .body
        .split("\n\n")
        .map(markdown_to_text)
        .filter(|p| !p.trim().is_empty())
        .collect();
    (article.front.title.clone(), paragraphs)
}

/// Drops the Markdown that would hide words from the matcher: escapes, emphasis, link targets.
fn markdown_to_text(block: &str) -> String {
    let mut out = String::with_capacity(block.len());
    let mut chars = block.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            }
            '*' | '_' | '#' | '>' | '`' | '[' => out.push(' '),
            ']' if chars.peek() == Some(&'(') => {
                // Skip the link target.
                for t in chars.by_ref() {
                    if t == ')' {
                        break;
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// Merges new tagger output with the user's edits (see the module comment). The current order
/// is kept; new names go at the end.
pub fn merge(current: &[String], auto: Option<&[String]>, fresh: &[String]) -> Vec<String> {
    // A name the user added (absent from the record) stays; a name the tagger wrote stays only
    // if it still finds it. Without a record, every current name may be the user's.
    let by_hand = |name: &String| auto.is_none_or(|auto| !auto.contains(name));
    let removed_by_hand = |name: &String| auto.is_some_and(|auto| auto.contains(name) && !current.contains(name));
    let mut merged: Vec<String> = current
        .iter()
        .filter(|c| by_hand(c) || fresh.contains(c))
        .cloned()
        .collect();
    for name in fresh {
        if !merged.contains(name) && !removed_by_hand(name) {
            merged.push(name.clone());
        }
    }
    merged
}

/// Re-tags one article file's text.
pub fn retag(text: &str, tagger: &Tagger) -> Result<Retagged, ParseError> {
    let article = Article::from_markdown(text)?;
    if article.front.extra.get(LOCK_KEY).and_then(serde_yaml::Value::as_bool) == Some(true) {
        return Ok(Retagged::Locked);
    }
    let auto: Option<AutoTags> = article
        .front
        .extra
        .get(AUTO_KEY)
        .and_then(|v| serde_yaml::from_value(v.clone()).ok());
    let (title, paragraphs) = text_of(&article);
    let fresh = tagger.tag(&title, &paragraphs);
    let actors = merge(
        &article.front.actors,
        auto.as_ref().map(|a| a.actors.as_slice()),
        &fresh.actors,
    );
    let countries = merge(
        &article.front.countries,
        auto.as_ref().map(|a| a.countries.as_slice()),
        &fresh.countries,
    );
    let fresh_auto = AutoTags::from(&fresh);
    if actors == article.front.actors && countries == article.front.countries && auto.as_ref() == Some(&fresh_auto) {
        return Ok(Retagged::Unchanged);
    }
    let mut edited = set_key(text, "actors", &serde_yaml::to_value(&actors).unwrap_or_default());
    edited = set_key(
        &edited,
        "countries",
        &serde_yaml::to_value(&countries).unwrap_or_default(),
    );
    edited = set_key(
        &edited,
        AUTO_KEY,
        &serde_yaml::to_value(&fresh_auto).unwrap_or_default(),
    );
    Ok(Retagged::Changed(edited))
}

/// Replaces (or adds before the closing fence) one top-level front-matter key, leaving every
/// other line as it is.
fn set_key(text: &str, key: &str, value: &serde_yaml::Value) -> String {
    let mut map = serde_yaml::Mapping::new();
    map.insert(serde_yaml::Value::from(key), value.clone());
    let block = serde_yaml::to_string(&map).unwrap_or_default();
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let Some(close) = lines.iter().skip(1).position(|l| l.trim_end() == "---").map(|p| p + 1) else {
        return text.to_string();
    };
    let prefix = format!("{key}:");
    let start = (1..close).find(|&i| lines[i].starts_with(&prefix));
    let (start, end) = match start {
        Some(s) => {
            // The key's value runs over the following indented or list lines.
            let mut e = s + 1;
            while e < close && (lines[e].starts_with([' ', '\t', '-']) || lines[e].trim().is_empty()) {
                e += 1;
            }
            (s, e)
        }
        None => (close, close),
    };
    let mut out = String::with_capacity(text.len() + block.len());
    lines[..start].iter().for_each(|l| out.push_str(l));
    out.push_str(&block);
    lines[end..].iter().for_each(|l| out.push_str(l));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn edits_survive_new_output() {
        // The user added "X" and removed "FAMa"; the tagger now also finds "JNIM".
        let merged = merge(
            &names(&["Government of Mali", "X"]),
            Some(&names(&["Government of Mali", "FAMa"])),
            &names(&["Government of Mali", "FAMa", "JNIM"]),
        );
        assert_eq!(merged, names(&["Government of Mali", "X", "JNIM"]));
    }

    #[test]
    fn without_a_record_nothing_is_lost() {
        let merged = merge(&names(&["Hand"]), None, &names(&["JNIM"]));
        assert_eq!(merged, names(&["Hand", "JNIM"]));
    }

    #[test]
    fn only_the_tag_keys_change() {
        let text = "---\ntitle: 'Mali : le JNIM attaque'\n# a comment\nactors: []\ncountries:\n- Chad\nnote: keep\n---\n\nLe JNIM a attaqué une position de l'armée malienne.\n";
        let Retagged::Changed(new) = retag(text, Tagger::bundled()).unwrap() else {
            panic!("should change")
        };
        assert!(new.contains("# a comment\n") && new.contains("note: keep\n"), "{new}");
        assert!(new.ends_with("---\n\nLe JNIM a attaqué une position de l'armée malienne.\n"));
        let article = Article::from_markdown(&new).unwrap();
        assert!(article.front.actors.contains(&"JNIM".to_string()));
        // "Chad" had no record: it may be the user's, so it stays.
        assert!(article.front.countries.contains(&"Chad".to_string()));
        assert!(article.front.countries.contains(&"Mali".to_string()));
        assert_eq!(retag(&new, Tagger::bundled()).unwrap(), Retagged::Unchanged);
    }

    #[test]
    fn a_locked_article_is_left_alone() {
        let text = "---\ntitle: T\ntags_locked: true\nactors: []\n---\n\nLe JNIM.\n";
        assert_eq!(retag(text, Tagger::bundled()).unwrap(), Retagged::Locked);
    }
}
