//! The tagging dictionaries: countries, actors and blocker phrases, as data.
//!
//! The bundled files (`data/*.yaml`) are embedded, converted to JSON by `build.rs` (the same
//! data, read in a tenth of the time); a site's own
//! `dictionary/{countries,actors,blockers}.yaml` is laid over them: an entry with the same key
//! (country `code`, actor `name`, blocker `group`) replaces the bundled one, a new key is added.
//! Two more site files come from the review queue (`veille tag --apply`): `aliases.yaml` gives
//! an existing actor more names without copying its entry, `ignore.yaml` lists names never
//! proposed again. This module only parses and merges; it never matches text. The format is
//! documented in `data/README.md`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

const BUNDLED_COUNTRIES: &str = include_str!(concat!(env!("OUT_DIR"), "/countries.json"));
const BUNDLED_ACTORS: &str = include_str!(concat!(env!("OUT_DIR"), "/actors.json"));
const BUNDLED_BLOCKERS: &str = include_str!(concat!(env!("OUT_DIR"), "/blockers.json"));

/// The five kinds of actor (RULES.md §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    ArmedGroup,
    ArmedForce,
    Government,
    Organisation,
    Person,
}

impl Kind {
    /// The name the data files use (`kind: armed_group`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::ArmedGroup => "armed_group",
            Kind::ArmedForce => "armed_force",
            Kind::Government => "government",
            Kind::Organisation => "organisation",
            Kind::Person => "person",
        }
    }
}

/// One ISO 3166-1 country with every surface form the matcher reads.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Country {
    pub code: String,
    pub name_en: String,
    pub name_fr: String,
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub demonyms: Vec<String>,
    #[serde(default)]
    pub capitals: Vec<String>,
    #[serde(default)]
    pub seats: Vec<String>,
    #[serde(default)]
    pub government: Option<String>,
    #[serde(default)]
    pub armed_forces: Option<String>,
    #[serde(default)]
    pub forces_aliases: Vec<String>,
    #[serde(default)]
    pub government_aliases: Vec<String>,
    #[serde(default)]
    pub prefixes: Vec<String>,
}

/// One named actor.
#[derive(Debug, Clone, Deserialize)]
pub struct Actor {
    pub name: String,
    pub kind: Kind,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub label_fr: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// Phrases that contain a country or actor name but tag nothing ("fleuve Niger").
#[derive(Debug, Clone, Deserialize)]
pub struct BlockerGroup {
    pub group: String,
    #[serde(default)]
    pub phrases: Vec<String>,
}

/// One more name for an actor (`dictionary/aliases.yaml`): `{alias: "Nusrat", of: JNIM}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtraAlias {
    pub alias: String,
    pub of: String,
}

/// The three tables, merged, and the names the review queue must not propose again.
#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    pub countries: Vec<Country>,
    pub actors: Vec<Actor>,
    pub blockers: Vec<BlockerGroup>,
    /// `dictionary/ignore.yaml`: names `veille tag --suggest` leaves out.
    pub ignored: Vec<String>,
}

/// A dictionary file that cannot be used, with its path and line.
#[derive(Debug, thiserror::Error)]
pub enum DictionaryError {
    #[error("{}: cannot read: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
    Parse {
        path: PathBuf,
        line: Option<usize>,
        message: String,
    },
}

impl Dictionary {
    /// The bundled data alone. build.rs parsed the YAML and the unit tests read it into the model,
    /// so a failure here is a build defect.
    pub fn bundled() -> Dictionary {
        fn json<T: serde::de::DeserializeOwned>(text: &str) -> Vec<T> {
            serde_json::from_str(text).expect("bundled dictionaries fit the model (checked by the unit tests)")
        }
        Dictionary {
            countries: json(BUNDLED_COUNTRIES),
            actors: json(BUNDLED_ACTORS),
            blockers: json(BUNDLED_BLOCKERS),
            ignored: Vec::new(),
        }
    }

    /// The bundled data with `site_root/dictionary/*.yaml` laid over it (missing files are fine).
    pub fn load(site_root: &Path) -> Result<Dictionary, DictionaryError> {
        let dir = site_root.join("dictionary");
        Dictionary::with_site_files(&dir, |name| read_site_file(&dir, name))
    }

    /// The bundled data with a site's dictionary files laid over it, each text given by `file`
    /// (its name in `dir` → its text, empty when absent): [`Dictionary::load`] reads them from
    /// disk, `veille tag --apply` checks the texts it is about to write.
    pub fn with_site_files(
        dir: &Path,
        file: impl Fn(&str) -> Result<String, DictionaryError>,
    ) -> Result<Dictionary, DictionaryError> {
        let mut dictionary = Dictionary::bundled();
        let (countries, actors, blockers) = (file("countries.yaml")?, file("actors.yaml")?, file("blockers.yaml")?);
        dictionary.overlay(&countries, &actors, &blockers, dir)?;
        dictionary.add_aliases(&file(ALIASES_FILE)?, &dir.join(ALIASES_FILE))?;
        dictionary.ignored = parse(&file(IGNORE_FILE)?, &dir.join(IGNORE_FILE))?;
        Ok(dictionary)
    }

    /// True when a site folder has dictionary files of its own.
    pub fn site_has_overrides(site_root: &Path) -> bool {
        ["countries.yaml", "actors.yaml", "blockers.yaml", ALIASES_FILE]
            .iter()
            .any(|f| site_root.join("dictionary").join(f).is_file())
    }

    /// Lays three YAML texts over this dictionary: same key replaces, new key adds.
    pub fn overlay(
        &mut self,
        countries: &str,
        actors: &str,
        blockers: &str,
        dir: &Path,
    ) -> Result<(), DictionaryError> {
        let countries: Vec<Country> = parse(countries, &dir.join("countries.yaml"))?;
        let actors: Vec<Actor> = parse(actors, &dir.join("actors.yaml"))?;
        let blockers: Vec<BlockerGroup> = parse(blockers, &dir.join("blockers.yaml"))?;
        merge(&mut self.countries, countries, |c| c.code.to_ascii_uppercase());
        merge(&mut self.actors, actors, |a| a.name.clone());
        merge(&mut self.blockers, blockers, |b| b.group.clone());
        Ok(())
    }

    /// Adds the aliases of an `aliases.yaml` text to the actors they name; an alias of an actor
    /// no table has is an error at its line.
    pub fn add_aliases(&mut self, text: &str, path: &Path) -> Result<(), DictionaryError> {
        let extra: Vec<ExtraAlias> = parse(text, path)?;
        for (n, entry) in extra.into_iter().enumerate() {
            let Some(actor) = self.actors.iter_mut().find(|a| a.name == entry.of) else {
                return Err(DictionaryError::Parse {
                    path: path.to_path_buf(),
                    line: entry_line(text, n),
                    message: format!("`of: {}` names no actor of the dictionaries", entry.of),
                });
            };
            if !actor.aliases.contains(&entry.alias) {
                actor.aliases.push(entry.alias);
            }
        }
        Ok(())
    }

    /// The actor with this canonical name.
    pub fn actor(&self, name: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.name == name)
    }

    /// The country with this ISO code.
    pub fn country(&self, code: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.code.eq_ignore_ascii_case(code))
    }
}

/// A site's file of extra actor names.
pub const ALIASES_FILE: &str = "aliases.yaml";
/// A site's file of names the review queue ignores.
pub const IGNORE_FILE: &str = "ignore.yaml";

/// The text of `dir/name`, empty when the file does not exist.
pub fn read_site_file(dir: &Path, name: &str) -> Result<String, DictionaryError> {
    let path = dir.join(name);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(source) => Err(DictionaryError::Read { path, source }),
    }
}

/// The line (1-based) where the `n`th top-level item (`- …`) of a YAML list starts.
pub fn entry_line(text: &str, n: usize) -> Option<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("- ") || *l == "-")
        .nth(n)
        .map(|(i, _)| i + 1)
}

fn parse<T: serde::de::DeserializeOwned>(text: &str, path: &Path) -> Result<Vec<T>, DictionaryError> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    serde_yaml::from_str::<Option<Vec<T>>>(text)
        .map(Option::unwrap_or_default)
        .map_err(|e| DictionaryError::Parse {
            path: path.to_path_buf(),
            line: e.location().map(|l| l.line()),
            message: e.to_string(),
        })
}

/// Entries with a known key replace the old one in place; the others are appended.
fn merge<T>(base: &mut Vec<T>, overlay: Vec<T>, key: impl Fn(&T) -> String) {
    let mut position: HashMap<String, usize> = base.iter().enumerate().map(|(i, e)| (key(e), i)).collect();
    for entry in overlay {
        let k = key(&entry);
        match position.get(&k) {
            Some(&i) => base[i] = entry,
            None => {
                position.insert(k, base.len());
                base.push(entry);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_data_parses() {
        let d = Dictionary::bundled();
        assert!(d.countries.len() >= 249, "{}", d.countries.len());
        assert!(d.actors.len() >= 300, "{}", d.actors.len());
        assert!(!d.blockers.is_empty());
        assert_eq!(d.country("ml").map(|c| c.name_en.as_str()), Some("Mali"));
    }

    #[test]
    fn the_embedded_json_is_the_yaml_people_edit() {
        let yaml = |name: &str| std::fs::read_to_string(format!("{}/data/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let mut from_yaml = Dictionary::default();
        from_yaml
            .overlay(
                &yaml("countries.yaml"),
                &yaml("actors.yaml"),
                &yaml("blockers.yaml"),
                Path::new("data"),
            )
            .unwrap();
        let bundled = Dictionary::bundled();
        // Debug output covers every field of every entry.
        assert_eq!(format!("{:?}", bundled.countries), format!("{:?}", from_yaml.countries));
        assert_eq!(format!("{:?}", bundled.actors), format!("{:?}", from_yaml.actors));
        assert_eq!(format!("{:?}", bundled.blockers), format!("{:?}", from_yaml.blockers));
    }

    #[test]
    fn site_entries_replace_by_key_and_add_new_ones() {
        let mut d = Dictionary::bundled();
        let before = d.actors.len();
        d.overlay(
            "- code: ML\n  name_en: Mali\n  name_fr: Mali\n  names: [Malistan]\n",
            "- name: JNIM\n  kind: armed_group\n  aliases: [Nusrat]\n- name: Katiba X\n  kind: armed_group\n  aliases: [Katiba X]\n",
            "",
            Path::new("site/dictionary"),
        )
        .unwrap();
        assert_eq!(d.actors.len(), before + 1);
        let jnim = d.actors.iter().find(|a| a.name == "JNIM").unwrap();
        assert_eq!(jnim.aliases, vec!["Nusrat".to_string()]);
        assert_eq!(d.country("ML").unwrap().names, vec!["Malistan".to_string()]);
    }

    #[test]
    fn extra_aliases_join_their_actor_and_an_unknown_actor_is_named_at_its_line() {
        let mut d = Dictionary::bundled();
        d.add_aliases("- alias: Nusrat\n  of: JNIM\n", Path::new("a.yaml"))
            .unwrap();
        assert!(d.actor("JNIM").unwrap().aliases.contains(&"Nusrat".to_string()));
        let err = d
            .add_aliases(
                "# comment\n- alias: X\n  of: JNIM\n- alias: Y\n  of: Nobody\n",
                Path::new("a.yaml"),
            )
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("a.yaml:4: `of: Nobody`"), "{err}");
    }

    #[test]
    fn a_broken_site_file_is_named_with_its_line() {
        let mut d = Dictionary::default();
        let err = d
            .overlay("", "- name: X\n  kind: wizard\n", "", Path::new("site/dictionary"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("site/dictionary/actors.yaml:"), "{err}");
    }
}
