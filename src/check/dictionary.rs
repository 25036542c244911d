//! Dictionary conflicts: one written form claimed by two owners (two actors, or an actor and a
//! country's name, demonym, capital, government or forces). The tagger then picks one owner by
//! rank and the other never gets the articles: almost always a copy-paste slip in a site's
//! `dictionary/` files. Pure: takes the merged dictionary and the site files' texts, returns the
//! conflicts that involve a site file, at the line where the form is written there.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::convert::tag::matcher::{fold_key, is_acronym};
use crate::dictionary::{ALIASES_FILE, Dictionary};

/// Who a form names.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Owner {
    Actor(String),
    /// A country, with the role the form plays ("name", "government"…).
    Country {
        code: String,
        role: &'static str,
    },
}

impl std::fmt::Display for Owner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Owner::Actor(name) => write!(f, "actor {name}"),
            Owner::Country { code, role } => write!(f, "the {role} of country {code}"),
        }
    }
}

/// One form with two or more owners.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The form as first written.
    pub form: String,
    pub owners: Vec<Owner>,
    /// Where a site file writes the form (path, 1-based line).
    pub at: (PathBuf, Option<usize>),
}

/// Every form of `dictionary` claimed by more than one owner, where at least one claim is
/// written in a site file of `dir` (`file(name)` gives that file's text, empty when absent).
/// Conflicts among the bundled entries alone are the project's to fix, not the user's.
pub fn conflicts(dictionary: &Dictionary, dir: &Path, file: &dyn Fn(&str) -> String) -> Vec<Conflict> {
    // Folded form and acronym-ness (an acronym only matches capitals) → first spelling, owners.
    let mut forms: BTreeMap<(String, bool), (String, Vec<Owner>)> = BTreeMap::new();
    let mut claim = |form: &str, owner: Owner| {
        let key = fold_key(form.trim());
        if key.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
            return;
        }
        let entry = forms
            .entry((key, is_acronym(form)))
            .or_insert_with(|| (form.trim().to_string(), Vec::new()));
        if !entry.1.contains(&owner) {
            entry.1.push(owner);
        }
    };
    for c in &dictionary.countries {
        let country = |role| Owner::Country {
            code: c.code.to_ascii_uppercase(),
            role,
        };
        // A country's own forms name one owner whatever the role: only other owners conflict.
        for name in [&c.name_en, &c.name_fr]
            .into_iter()
            .chain(&c.names)
            .chain(&c.demonyms)
            .chain(&c.capitals)
        {
            claim(name, country("name"));
        }
        for alias in &c.government_aliases {
            claim(alias, country("government"));
        }
        for alias in &c.forces_aliases {
            claim(alias, country("forces"));
        }
    }
    for actor in &dictionary.actors {
        for alias in &actor.aliases {
            claim(alias, Owner::Actor(actor.name.clone()));
        }
    }
    let texts: Vec<(PathBuf, String)> = ["actors.yaml", ALIASES_FILE, "countries.yaml"]
        .iter()
        .map(|name| (dir.join(name), file(name)))
        .collect();
    forms
        .into_iter()
        .filter(|(_, (_, owners))| distinct_owners(owners) > 1)
        .filter_map(|((key, _), (form, mut owners))| {
            let at = texts
                .iter()
                .find_map(|(path, text)| written_at(text, &key).map(|line| (path.clone(), Some(line))))?;
            owners.sort();
            Some(Conflict { form, owners, at })
        })
        .collect()
}

/// Owners counted once per country: "Mali" as name and as government is one owner.
fn distinct_owners(owners: &[Owner]) -> usize {
    let mut keys: Vec<&str> = owners
        .iter()
        .map(|o| match o {
            Owner::Actor(name) => name.as_str(),
            Owner::Country { code, .. } => code.as_str(),
        })
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys.len()
}

/// The first line of a YAML text that writes a form folding to `key` as a scalar (a list item,
/// a flow-list element or a key's value), 1-based.
fn written_at(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            let line = line.split(" #").next().unwrap_or(line);
            line.split([',', '[', ']', ':'])
                .map(|piece| piece.trim().trim_start_matches("- ").trim().trim_matches(['"', '\'']))
                .any(|piece| fold_key(piece) == key)
        })
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(actors: &str, aliases: &str) -> (Dictionary, impl Fn(&str) -> String) {
        let (actors, aliases) = (actors.to_string(), aliases.to_string());
        let dir = Path::new("site/dictionary");
        let (a, b) = (actors.clone(), aliases.clone());
        let dictionary = Dictionary::with_site_files(dir, move |name| {
            Ok(match name {
                "actors.yaml" => a.clone(),
                ALIASES_FILE => b.clone(),
                _ => String::new(),
            })
        })
        .unwrap();
        let file = move |name: &str| match name {
            "actors.yaml" => actors.clone(),
            ALIASES_FILE => aliases.clone(),
            _ => String::new(),
        };
        (dictionary, file)
    }

    #[test]
    fn an_alias_on_two_actors_is_named_at_its_line() {
        let (d, file) = site(
            "- name: Katiba Serma\n  kind: armed_group\n  aliases:\n    - Katiba Serma\n    - JNIM\n",
            "",
        );
        let found = conflicts(&d, Path::new("site/dictionary"), &file);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].form, "JNIM");
        assert_eq!(
            found[0].owners,
            [Owner::Actor("JNIM".into()), Owner::Actor("Katiba Serma".into())]
        );
        assert_eq!(found[0].at, (PathBuf::from("site/dictionary/actors.yaml"), Some(5)));
    }

    #[test]
    fn an_extra_alias_that_names_a_country_conflicts_and_accents_do_not_hide_it() {
        let (d, file) = site("", "- alias: Cote d'Ivoire\n  of: JNIM\n");
        let found = conflicts(&d, Path::new("site/dictionary"), &file);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].owners.contains(&Owner::Actor("JNIM".into())));
        assert!(
            found[0]
                .owners
                .iter()
                .any(|o| matches!(o, Owner::Country { code, .. } if code == "CI")),
            "{found:?}"
        );
        assert_eq!(found[0].at.1, Some(1));
    }

    #[test]
    fn the_bundled_dictionary_alone_reports_nothing_and_a_clean_site_file_neither() {
        let (d, file) = site(
            "- name: Katiba Serma\n  kind: armed_group\n  aliases: [Katiba Serma]\n",
            "- alias: Nusrat al-Islam\n  of: JNIM\n",
        );
        assert_eq!(conflicts(&d, Path::new("site/dictionary"), &file), []);
    }
}
