//! The loaded articles, ordered and addressed: newest first, each with a unique URL slug.

use std::collections::HashSet;

use super::load::Loaded;
use crate::article::{Article, slug::slugify};

/// One article with its address in the site.
#[derive(Debug, Clone)]
pub struct Entry {
    pub article: Article,
    /// Unique ASCII slug: the page lives at `articles/<slug>/`.
    pub slug: String,
}

#[derive(Debug, Default)]
pub struct Archive {
    /// Newest first; undated articles last, by title.
    pub articles: Vec<Entry>,
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
        let articles = loaded
            .into_iter()
            .map(|l| {
                // The file stem is already a slug when veille wrote it; a hand-named file is slugged.
                let stem = l
                    .path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let base = slugify(&stem, "article");
                let mut slug = base.clone();
                let mut n = 2;
                while !taken.insert(slug.clone()) {
                    slug = format!("{base}-{n}");
                    n += 1;
                }
                Entry {
                    article: l.article,
                    slug,
                }
            })
            .collect();
        Archive { articles }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{FrontMatter, PubDate};

    fn loaded(path: &str, date: Option<&str>) -> Loaded {
        Loaded {
            article: Article {
                front: FrontMatter {
                    title: path.into(),
                    date: date.and_then(PubDate::parse_iso),
                    ..FrontMatter::default()
                },
                body: String::new(),
            },
            path: path.into(),
        }
    }

    #[test]
    fn newest_first_undated_last_unique_slugs() {
        let archive = Archive::new(vec![
            loaded("a.md", Some("2024-01-01")),
            loaded("sub/b.md", None),
            loaded("b.md", Some("2025-06-09")),
            loaded("Été.md", Some("2024-06-01")),
        ]);
        let slugs: Vec<_> = archive.articles.iter().map(|e| e.slug.as_str()).collect();
        assert_eq!(slugs, ["b", "ete", "a", "b-2"]);
    }
}
