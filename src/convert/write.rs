//! (I/O) Writes articles into the output folder: slug names, duplicates skipped, nothing a user
//! wrote overwritten silently, every write a temp file renamed into place.
//!
//! [`OutputIndex::scan`] reads what the folder already holds once; each write updates it, so a
//! batch that holds the same article twice imports it once.

use std::collections::{HashMap, HashSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use walkdir::WalkDir;

use super::ConvertError;
use crate::article::{Article, slug::slugify};

/// What happened to one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    Created(PathBuf),
    /// `--force`: the earlier import of the same article was replaced.
    Replaced(PathBuf),
    /// Same source URL, same input bytes or same body as an existing article: skipped.
    Duplicate {
        existing: PathBuf,
        by: &'static str,
    },
}

/// What the output folder holds: names taken and the identities of the articles in it.
#[derive(Debug, Default)]
pub struct OutputIndex {
    dir: PathBuf,
    names: HashSet<String>,
    by_url: HashMap<String, PathBuf>,
    by_input_hash: HashMap<String, PathBuf>,
    by_text_hash: HashMap<String, PathBuf>,
}

impl OutputIndex {
    /// Reads the `.md` files under `dir` (missing folder: empty index). A file that does not
    /// parse still keeps its name; it is returned as a warning.
    pub fn scan(dir: &Path) -> (OutputIndex, Vec<ConvertError>) {
        let mut index = OutputIndex {
            dir: dir.to_path_buf(),
            ..OutputIndex::default()
        };
        let mut problems = Vec::new();
        for entry in WalkDir::new(dir).sort_by_file_name().into_iter().filter_map(Result::ok) {
            let path = entry.path();
            // What a killed import left: hidden, so never read, but it should not pile up.
            if entry.file_type().is_file() && crate::tempfiles::remove_if_article_leftover(path) {
                continue;
            }
            if !entry.file_type().is_file() || path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            if let Some(name) = path.file_name().and_then(|n| n.to_str()) {
                index.names.insert(name.to_ascii_lowercase());
            }
            let parsed = std::fs::read_to_string(path)
                .map_err(|e| e.to_string())
                .and_then(|t| Article::from_markdown(&t).map_err(|e| e.to_string()));
            match parsed {
                Ok(article) => index.remember(&article, text_hash(&article), path.to_path_buf()),
                Err(message) => problems.push(ConvertError::Existing {
                    path: path.to_path_buf(),
                    message,
                }),
            }
        }
        (index, problems)
    }

    fn remember(&mut self, article: &Article, text_hash: String, path: PathBuf) {
        if let Some(url) = article.front.source_url.as_deref() {
            self.by_url.insert(normalise_url(url), path.clone());
        }
        if let Some(p) = &article.front.provenance {
            self.by_input_hash.insert(p.sha256.clone(), path.clone());
        }
        self.by_text_hash.insert(text_hash, path);
    }

    /// The existing article this one (whose [`text_hash`] is `text_hash`) duplicates, and by what.
    fn duplicate_of(&self, article: &Article, text_hash: &str) -> Option<(PathBuf, &'static str)> {
        let url = article
            .front
            .source_url
            .as_deref()
            .and_then(|u| self.by_url.get(&normalise_url(u)))
            .map(|p| (p.clone(), "source URL"));
        let input = article
            .front
            .provenance
            .as_ref()
            .and_then(|p| self.by_input_hash.get(&p.sha256))
            .map(|p| (p.clone(), "input bytes"));
        let body = self.by_text_hash.get(text_hash).map(|p| (p.clone(), "title and text"));
        url.or(input).or(body)
    }

    /// Writes `article`: skipped when it duplicates one already there (replaced with `force`),
    /// else under a fresh slug name.
    pub fn write(&mut self, article: &Article, force: bool) -> Result<Written, ConvertError> {
        let hash = text_hash(article);
        let duplicate = self.duplicate_of(article, &hash);
        let (path, outcome) = match duplicate {
            Some((existing, by)) if !force => return Ok(Written::Duplicate { existing, by }),
            Some((existing, _)) => (existing.clone(), Written::Replaced(existing)),
            None => {
                let path = self.dir.join(self.fresh_name(&article.front.title));
                (path.clone(), Written::Created(path))
            }
        };
        let error = |source| ConvertError::Write {
            path: path.clone(),
            source,
        };
        std::fs::create_dir_all(&self.dir).map_err(|source| ConvertError::Write {
            path: self.dir.clone(),
            source,
        })?;
        let mut temp = crate::tempfiles::article_temp_file(&self.dir).map_err(error)?;
        temp.write_all(article.to_markdown().as_bytes()).map_err(error)?;
        temp.as_file().sync_all().map_err(error)?;
        match outcome {
            // Replacing is what --force asked for; a new name must not clobber a file that
            // appeared since the scan.
            Written::Replaced(_) => temp.persist(&path).map(drop).map_err(|e| error(e.error))?,
            _ => temp.persist_noclobber(&path).map(drop).map_err(|e| error(e.error))?,
        }
        if let Some(name) = path.file_name().and_then(|n| n.to_str()) {
            self.names.insert(name.to_ascii_lowercase());
        }
        self.remember(article, hash, path);
        Ok(outcome)
    }

    /// `<slug>.md`, or `<slug>-2.md`… when the name is taken (compared case-insensitively, for
    /// case-insensitive filesystems).
    fn fresh_name(&self, title: &str) -> String {
        let slug = slugify(title, "article");
        let mut name = format!("{slug}.md");
        let mut n = 2;
        while self.names.contains(&name) {
            name = format!("{slug}-{n}.md");
            n += 1;
        }
        name
    }
}

/// Two addresses of one page compare equal: no fragment, no trailing slash, scheme and host
/// in lower case, `http` and `https` alike.
fn normalise_url(url: &str) -> String {
    let url = url.trim();
    let url = url.split('#').next().unwrap_or(url);
    let (scheme_host, rest) = match url.find("://") {
        Some(i) => {
            let after = &url[i + 3..];
            let host_end = after.find('/').unwrap_or(after.len());
            (after[..host_end].to_ascii_lowercase(), &after[host_end..])
        }
        None => (String::new(), url),
    };
    format!(
        "{}{}",
        scheme_host.trim_start_matches("www."),
        rest.trim_end_matches('/')
    )
}

/// Hash of title and body with white space folded, so a re-save of the same article is
/// recognised. The title is part of it: the same paragraphs under another headline (a wire
/// story reused by two outlets, a template's filler) are another article.
pub fn text_hash(article: &Article) -> String {
    // Word by word into the hasher: the same digest as hashing the words joined by one space,
    // without building that string.
    let mut hasher = Sha256::new();
    let words = article
        .front
        .title
        .split_whitespace()
        .chain(article.body.split_whitespace());
    for (i, word) in words.enumerate() {
        if i > 0 {
            hasher.update(b" ");
        }
        hasher.update(word.as_bytes());
    }
    hex::encode(hasher.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{FrontMatter, Provenance};

    fn article(title: &str, url: Option<&str>, body: &str) -> Article {
        Article {
            front: FrontMatter {
                title: title.into(),
                source_url: url.map(str::to_string),
                provenance: Some(Provenance {
                    sha256: hex::encode(Sha256::digest(format!("{title}{body}"))),
                    ..Provenance::default()
                }),
                ..FrontMatter::default()
            },
            body: body.into(),
        }
    }

    #[test]
    fn collisions_get_suffixes_and_duplicates_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let (mut index, problems) = OutputIndex::scan(dir.path());
        assert!(problems.is_empty());
        let a = article("Mali : Kidal", Some("https://x.example/a"), "Corps A");
        let b = article("Mali : Kidal", Some("https://x.example/b"), "Corps B");
        assert_eq!(
            index.write(&a, false).unwrap(),
            Written::Created(dir.path().join("mali-kidal.md"))
        );
        assert_eq!(
            index.write(&b, false).unwrap(),
            Written::Created(dir.path().join("mali-kidal-2.md"))
        );
        let again = article("Autre titre", Some("http://www.X.example/a/#top"), "Corps C");
        assert!(matches!(
            index.write(&again, false).unwrap(),
            Written::Duplicate { by: "source URL", .. }
        ));
        let same_text = article("Mali : Kidal", None, "Corps   B");
        assert!(matches!(
            index.write(&same_text, false).unwrap(),
            Written::Duplicate {
                by: "title and text",
                ..
            }
        ));
        let same_body_other_title = article("Autre", None, "Corps B");
        assert!(matches!(
            index.write(&same_body_other_title, false).unwrap(),
            Written::Created(_)
        ));
    }

    #[test]
    fn rescan_finds_what_was_written_and_force_replaces_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let a = article("Titre", Some("https://x.example/a"), "Corps");
        OutputIndex::scan(dir.path()).0.write(&a, false).unwrap();
        let (mut index, _) = OutputIndex::scan(dir.path());
        assert!(matches!(index.write(&a, false).unwrap(), Written::Duplicate { .. }));
        let mut changed = a.clone();
        changed.body = "Corps corrigé".into();
        assert_eq!(
            index.write(&changed, true).unwrap(),
            Written::Replaced(dir.path().join("titre.md"))
        );
        let text = std::fs::read_to_string(dir.path().join("titre.md")).unwrap();
        assert!(text.contains("Corps corrigé"));
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left behind"
        );
    }

    #[test]
    fn text_hash_ignores_spacing_and_hashes_the_words_joined() {
        let a = article("Gao :  le bilan", None, "Premier  paragraphe.\n\nSecond\tparagraphe.\n");
        let b = article("Gao : le bilan", None, "Premier paragraphe. Second paragraphe.");
        assert_eq!(text_hash(&a), text_hash(&b));
        let joined = "Gao : le bilan Premier paragraphe. Second paragraphe.";
        assert_eq!(text_hash(&a), hex::encode(Sha256::digest(joined)));
        let c = article("Gao : le bilan", None, "Premier paragraphe. Second paragraph.");
        assert_ne!(text_hash(&a), text_hash(&c));
    }

    #[test]
    fn a_hand_written_file_keeps_its_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("titre.md"), "not front matter").unwrap();
        let (mut index, problems) = OutputIndex::scan(dir.path());
        assert_eq!(problems.len(), 1);
        let written = index.write(&article("Titre", None, "x"), false).unwrap();
        assert_eq!(written, Written::Created(dir.path().join("titre-2.md")));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("titre.md")).unwrap(),
            "not front matter"
        );
    }
}
