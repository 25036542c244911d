//! What the site shows about a term beyond its name: an actor's kind, label in the site's
//! language and one-line description; a country's French name. Taken from the dictionary the
//! tagger uses ([`crate::dictionary`]: the bundled data with a site's own `dictionary/` files
//! laid over it), so a term's page and its tags never disagree.

use std::collections::HashMap;
use std::path::Path;

use super::SiteError;
use crate::dictionary::{Dictionary, Kind};

/// The five kinds of actor, in the order the actor index shows them.
pub const KINDS: [&str; 5] = [
    Kind::ArmedGroup.as_str(),
    Kind::ArmedForce.as_str(),
    Kind::Government.as_str(),
    Kind::Organisation.as_str(),
    Kind::Person.as_str(),
];

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

impl From<&Dictionary> for Glossary {
    fn from(dictionary: &Dictionary) -> Glossary {
        let mut glossary = Glossary::default();
        for c in &dictionary.countries {
            // Governments and armed forces are actors derived from the country table.
            let derived = [(&c.government, Kind::Government), (&c.armed_forces, Kind::ArmedForce)];
            for (name, kind) in derived {
                if let Some(name) = name {
                    glossary.actors.insert(
                        name.clone(),
                        ActorInfo {
                            kind: kind.as_str().into(),
                            ..ActorInfo::default()
                        },
                    );
                }
            }
            glossary.countries.insert(
                c.name_en.clone(),
                CountryInfo {
                    code: c.code.clone(),
                    name_fr: c.name_fr.clone(),
                },
            );
        }
        // An actors entry of the same name (a government with a French label) wins.
        for a in &dictionary.actors {
            glossary.actors.insert(
                a.name.clone(),
                ActorInfo {
                    kind: a.kind.as_str().into(),
                    label_fr: a.label_fr.clone(),
                    description: a.description.clone(),
                },
            );
        }
        glossary
    }
}

impl Glossary {
    /// The bundled dictionaries with `root/dictionary/*.yaml` laid over them.
    pub fn load(root: &Path) -> Result<Glossary, SiteError> {
        Ok(Glossary::from(&Dictionary::load(root)?))
    }
    pub fn actor(&self, name: &str) -> Option<&ActorInfo> {
        self.actors.get(name)
    }

    /// A hash of everything the glossary says, in a fixed order: part of the key of the files
    /// that show it all (the exports), so a dictionary edit makes them anew.
    pub fn fingerprint(&self) -> u128 {
        let mut actors: Vec<_> = self.actors.iter().collect();
        actors.sort_by(|a, b| a.0.cmp(b.0));
        let mut countries: Vec<_> = self.countries.iter().collect();
        countries.sort_by(|a, b| a.0.cmp(b.0));
        xxhash_rust::xxh3::xxh3_128(format!("{actors:?}{countries:?}").as_bytes())
    }

    /// An actor's kind (`armed_group`…), `other` for a name the dictionaries do not know.
    pub fn actor_kind(&self, name: &str) -> &str {
        self.actor(name).map_or("other", |a| a.kind.as_str())
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
