//! What the site shows about a term beyond its name: an actor's kind, label in the site's
//! language and one-line description; a country's French name. Read from the same dictionary
//! files the tagger uses (`data/*.yaml`, embedded), overridden by a site's own
//! `dictionary/actors.yaml` and `dictionary/countries.yaml`. Only the display fields are read.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use super::SiteError;

const BUNDLED_ACTORS: &str = include_str!("../../data/actors.yaml");
const BUNDLED_COUNTRIES: &str = include_str!("../../data/countries.yaml");

/// The five kinds of actor, in the order the actor index shows them.
pub const KINDS: [&str; 5] = ["armed_group", "armed_force", "government", "organisation", "person"];

#[derive(Debug, Clone, Default, Deserialize)]
struct ActorRecord {
    name: String,
    kind: String,
    #[serde(default)]
    label_fr: Option<String>,
    #[serde(default)]
    description: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
struct CountryRecord {
    code: String,
    name_en: String,
    name_fr: String,
    #[serde(default)]
    government: Option<String>,
    #[serde(default)]
    armed_forces: Option<String>,
}

/// Display facts about one actor.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActorInfo {
    pub kind: String,
    pub label_fr: Option<String>,
    pub description: Option<String>,
}

/// Display facts about one country.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CountryInfo {
    pub code: String,
    pub name_fr: String,
}

#[derive(Debug, Default)]
pub struct Glossary {
    actors: HashMap<String, ActorInfo>,
    countries: HashMap<String, CountryInfo>,
}

impl Glossary {
    /// The bundled dictionaries with `root/dictionary/{actors,countries}.yaml` laid over them.
    pub fn load(root: &Path) -> Result<Glossary, SiteError> {
        let mut glossary = Glossary::default();
        glossary.add(BUNDLED_ACTORS, BUNDLED_COUNTRIES, Path::new("data"))?;
        let dir = root.join("dictionary");
        let read = |name: &str| -> Result<String, SiteError> {
            let path = dir.join(name);
            match std::fs::read_to_string(&path) {
                Ok(text) => Ok(text),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
                Err(source) => Err(SiteError::Io { path, source }),
            }
        };
        glossary.add(&read("actors.yaml")?, &read("countries.yaml")?, &dir)?;
        Ok(glossary)
    }

    fn add(&mut self, actors: &str, countries: &str, dir: &Path) -> Result<(), SiteError> {
        let parse_error = |file: &str, e: serde_yaml::Error| SiteError::Content {
            path: dir.join(file),
            line: e.location().map(|l| l.line()),
            message: e.to_string(),
        };
        let countries: Vec<CountryRecord> = if countries.trim().is_empty() {
            Vec::new()
        } else {
            serde_yaml::from_str(countries).map_err(|e| parse_error("countries.yaml", e))?
        };
        for c in countries {
            // Governments and armed forces are actors derived from the country table.
            if let Some(government) = c.government {
                self.actors.entry(government).or_insert(ActorInfo {
                    kind: "government".into(),
                    ..ActorInfo::default()
                });
            }
            if let Some(forces) = c.armed_forces {
                self.actors.entry(forces).or_insert(ActorInfo {
                    kind: "armed_force".into(),
                    ..ActorInfo::default()
                });
            }
            self.countries.insert(
                c.name_en,
                CountryInfo {
                    code: c.code,
                    name_fr: c.name_fr,
                },
            );
        }
        let actors: Vec<ActorRecord> = if actors.trim().is_empty() {
            Vec::new()
        } else {
            serde_yaml::from_str(actors).map_err(|e| parse_error("actors.yaml", e))?
        };
        for a in actors {
            self.actors.insert(
                a.name,
                ActorInfo {
                    kind: a.kind,
                    label_fr: a.label_fr,
                    description: a.description,
                },
            );
        }
        Ok(())
    }

    pub fn actor(&self, name: &str) -> Option<&ActorInfo> {
        self.actors.get(name)
    }

    pub fn country(&self, name: &str) -> Option<&CountryInfo> {
        self.countries.get(name)
    }

    /// The label a site in `lang` shows for an actor or a country.
    pub fn label(&self, name: &str, lang: &str) -> String {
        let french = lang == "fr";
        let actor_label = self.actor(name).and_then(|a| a.label_fr.clone()).filter(|_| french);
        let country_label = self.country(name).map(|c| c.name_fr.clone()).filter(|_| french);
        actor_label.or(country_label).unwrap_or_else(|| name.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_data_parses_and_site_files_override() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("dictionary")).unwrap();
        std::fs::write(
            dir.path().join("dictionary/actors.yaml"),
            "- name: Groupe local\n  kind: armed_group\n  label_fr: Le groupe local\n  description: Une milice.\n  aliases: []\n",
        )
        .unwrap();
        let glossary = Glossary::load(dir.path()).unwrap();
        assert_eq!(
            glossary.actor("Groupe local").map(|a| a.kind.as_str()),
            Some("armed_group")
        );
        assert_eq!(glossary.label("Groupe local", "fr"), "Le groupe local");
        assert_eq!(glossary.label("Groupe local", "en"), "Groupe local");
        assert_eq!(glossary.country("Mali").map(|c| c.code.as_str()), Some("ML"));
        assert_eq!(
            glossary.label("Ivory Coast", "fr"),
            glossary
                .country("Ivory Coast")
                .map_or("Ivory Coast".into(), |c| c.name_fr.clone())
        );
        assert_eq!(
            glossary.actor("Government of Mali").map(|a| a.kind.as_str()),
            Some("government")
        );
    }

    #[test]
    fn broken_site_dictionary_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("dictionary")).unwrap();
        std::fs::write(dir.path().join("dictionary/actors.yaml"), "- name: [\n").unwrap();
        let err = Glossary::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("dictionary/actors.yaml"), "{err}");
    }
}
