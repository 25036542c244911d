//! The loaded articles, ordered and addressed, and the terms that group them: sections, actors
//! and countries. Built in one pass over the articles; every list is sorted, so two builds of the
//! same content are byte-identical.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::load::Loaded;
use super::syndication::{self, Dispatches, Signature};
use crate::article::{Article, slug::slugify};

/// One article with its address in the site.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The front matter (the body only for an article made in memory: see [`Entry::body`]).
    pub article: std::sync::Arc<Article>,
    /// Unique ASCII slug: the page lives at `articles/<slug>.html`.
    pub slug: String,
    /// Where the body is read from, and the hash of the file's bytes.
    source: Option<std::path::PathBuf>,
    pub fingerprint: u128,
    /// The body's MinHash signature (see `syndication`).
    pub signature: Option<std::sync::Arc<super::syndication::Signature>>,
}

impl Entry {
    /// The (year, month) of the article's date, if it has one: what timelines count.
    pub fn month(&self) -> Option<(i32, u32)> {
        use chrono::Datelike;
        let day = self.article.front.date?.day();
        Some((day.year(), day.month()))
    }

    /// The content file the article was loaded from (`None` for one made in memory).
    pub fn source(&self) -> Option<&std::path::Path> {
        self.source.as_deref()
    }

    /// The Markdown body, read again from its file when the archive was loaded from disk.
    pub fn body(&self) -> Result<String, super::SiteError> {
        match &self.source {
            None => Ok(self.article.body.clone()),
            Some(path) => super::load::read_body(path),
        }
    }
}

/// The three ways the archive groups articles (ordered as declared).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Taxonomy {
    Section,
    Actor,
    Country,
}

impl Taxonomy {
    /// URL folder of the taxonomy.
    pub fn folder(self) -> &'static str {
        match self {
            Taxonomy::Section => "sections",
            Taxonomy::Actor => "actors",
            Taxonomy::Country => "countries",
        }
    }

    fn values(self, article: &Article) -> Vec<&str> {
        let front = &article.front;
        match self {
            Taxonomy::Section => front.section.as_deref().into_iter().collect(),
            Taxonomy::Actor => front.actors.iter().map(String::as_str).collect(),
            Taxonomy::Country => front.countries.iter().map(String::as_str).collect(),
        }
    }
}

/// A section, actor or country and the articles that carry it.
#[derive(Debug, Clone)]
pub struct Term {
    pub name: String,
    /// Unique within its taxonomy, ASCII: two names that slug alike get `-2`.
    pub slug: String,
    /// Indices into [`Archive::articles`], newest first.
    pub articles: Vec<usize>,
}

#[derive(Debug, Default)]
pub struct Archive {
    /// Newest first; undated articles last, by title.
    pub articles: Vec<Entry>,
    pub sections: Vec<Term>,
    pub actors: Vec<Term>,
    pub countries: Vec<Term>,
    /// Articles that are one dispatch in several outlets: empty until [`Archive::find_dispatches`].
    pub dispatches: Dispatches,
}

impl Archive {
    pub fn new(mut loaded: Vec<Loaded>) -> Archive {
        loaded.sort_by(|a, b| {
            let key = |l: &Loaded| l.article.front.date.map(|d| d.sort_key());
            key(b)
                .cmp(&key(a))
                .then_with(|| a.article.front.title.cmp(&b.article.front.title))
                .then_with(|| a.path.cmp(&b.path))
        });
        let mut taken = HashSet::new();
        let articles: Vec<Entry> = loaded
            .into_iter()
            .map(|l| {
                // The file stem is already a slug when veille wrote it; a hand-named file is slugged.
                let stem = l
                    .path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                Entry {
                    article: l.article,
                    slug: unique(slugify(&stem, "article"), &mut taken),
                    source: l.source,
                    fingerprint: l.fingerprint,
                    signature: l.signature,
                }
            })
            .collect();
        Archive {
            sections: terms(&articles, Taxonomy::Section),
            actors: terms(&articles, Taxonomy::Actor),
            countries: terms(&articles, Taxonomy::Country),
            articles,
            dispatches: Dispatches::default(),
        }
    }

    /// Finds the copies of one dispatch among the articles (reading again the bodies of the
    /// few pairs whose signatures are close).
    pub fn find_dispatches(&mut self) -> Result<(), super::SiteError> {
        let signatures: Vec<Option<Signature>> =
            self.articles.iter().map(|e| e.signature.as_deref().cloned()).collect();
        let articles = &self.articles;
        let shingles_of =
            |i: usize| -> Result<Vec<u64>, super::SiteError> { Ok(syndication::shingles::of(&articles[i].body()?)) };
        let outlet = |i: usize| articles[i].article.front.site_name.as_deref();
        self.dispatches = syndication::detect(&signatures, outlet, shingles_of)?;
        Ok(())
    }

    pub fn terms(&self, taxonomy: Taxonomy) -> &[Term] {
        match taxonomy {
            Taxonomy::Section => &self.sections,
            Taxonomy::Actor => &self.actors,
            Taxonomy::Country => &self.countries,
        }
    }

    /// Slug of a term by name, for links from article pages.
    pub fn slug_index(&self, taxonomy: Taxonomy) -> HashMap<&str, &str> {
        self.terms(taxonomy)
            .iter()
            .map(|t| (t.name.as_str(), t.slug.as_str()))
            .collect()
    }
}

fn unique(base: String, taken: &mut HashSet<String>) -> String {
    let mut slug = base.clone();
    let mut n = 2;
    while !taken.insert(slug.clone()) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    slug
}

/// Groups articles by term; terms sorted by name, slugs assigned in that order.
fn terms(articles: &[Entry], taxonomy: Taxonomy) -> Vec<Term> {
    let mut by_name: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, entry) in articles.iter().enumerate() {
        let mut seen = HashSet::new();
        for value in taxonomy.values(&entry.article) {
            let value = value.trim();
            if !value.is_empty() && seen.insert(value) {
                by_name.entry(value).or_default().push(i);
            }
        }
    }
    let mut taken = HashSet::new();
    by_name
        .into_iter()
        .map(|(name, articles)| Term {
            name: name.to_string(),
            slug: unique(slugify(name, "term"), &mut taken),
            articles,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{FrontMatter, PubDate};

    fn loaded(path: &str, date: Option<&str>, actors: &[&str]) -> Loaded {
        let article = Article {
            front: FrontMatter {
                title: path.into(),
                date: date.and_then(PubDate::parse_iso),
                actors: actors.iter().map(|s| s.to_string()).collect(),
                ..FrontMatter::default()
            },
            body: String::new(),
        };
        Loaded::in_memory(article, path)
    }

    #[test]
    fn newest_first_undated_last_unique_slugs() {
        let archive = Archive::new(vec![
            loaded("a.md", Some("2024-01-01"), &[]),
            loaded("sub/b.md", None, &[]),
            loaded("b.md", Some("2025-06-09"), &[]),
            loaded("Été.md", Some("2024-06-01"), &[]),
        ]);
        let slugs: Vec<_> = archive.articles.iter().map(|e| e.slug.as_str()).collect();
        assert_eq!(slugs, ["b", "ete", "a", "b-2"]);
    }

    #[test]
    fn terms_group_articles_newest_first_with_unique_slugs() {
        let archive = Archive::new(vec![
            loaded("a.md", Some("2024-01-01"), &["JNIM", "Assimi Goïta"]),
            loaded("b.md", Some("2025-01-01"), &["JNIM", "JNIM"]),
            loaded("c.md", Some("2023-01-01"), &["Assimi Goita"]),
        ]);
        let actors: Vec<(&str, &str, usize)> = archive
            .actors
            .iter()
            .map(|t| (t.name.as_str(), t.slug.as_str(), t.articles.len()))
            .collect();
        assert_eq!(
            actors,
            [
                ("Assimi Goita", "assimi-goita", 1),
                ("Assimi Goïta", "assimi-goita-2", 1),
                ("JNIM", "jnim", 2)
            ]
        );
        let jnim = &archive.actors[2];
        assert_eq!(jnim.articles, [0, 1], "newest first, counted once per article");
    }
}
