//! (I/O) `content/` → articles. Every `.md` file under the folder is one article; one that does
//! not parse is reported with its path and line, and the others load.
//!
//! Only the front matter stays in memory: a build holds every article's metadata (lists, terms,
//! feeds need it) but reads a body again when its page or the search index needs it
//! ([`read_body`]), so memory grows with the metadata, not with the archive's text.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;
use walkdir::WalkDir;

use super::SiteError;
use super::syndication::{self, Signature, store::Known};
use crate::article::Article;

/// One article and where it was read from.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The front matter; the body is empty unless the article was made in memory. Shared: a
    /// preview's cache hands the same article to each of its builds without copying it.
    pub article: Arc<Article>,
    /// Path relative to the content folder.
    pub path: PathBuf,
    /// Where to read the body again; `None` for an article made in memory (its body is kept).
    pub source: Option<PathBuf>,
    /// Hash of the file's bytes: what the build cache compares.
    pub fingerprint: u128,
    /// The body's MinHash signature, for finding copies of one dispatch; `None` when too short.
    pub signature: Option<Arc<Signature>>,
}

impl Loaded {
    /// An article made in memory (tests, tools): its body is kept and hashed.
    pub fn in_memory(article: Article, path: impl Into<PathBuf>) -> Loaded {
        let fingerprint = xxhash_rust::xxh3::xxh3_128(article.to_markdown().as_bytes());
        let signature = syndication::signature(&article.body).map(Arc::new);
        Loaded {
            signature,
            article: Arc::new(article),
            path: path.into(),
            source: None,
            fingerprint,
        }
    }
}

/// Articles read by earlier builds of this process (`veille serve`), by path: a file whose size
/// and modification time are what they were is not read and parsed again.
#[derive(Default)]
pub struct Cache(std::sync::Mutex<HashMap<PathBuf, (Stamp, Loaded)>>);

impl Cache {
    /// True before the first load.
    pub fn is_empty(&self) -> bool {
        self.0.lock().map_or(true, |map| map.is_empty())
    }

    fn get(&self, path: &Path, stamp: Stamp) -> Option<Loaded> {
        let map = self.0.lock().ok()?;
        let (known, loaded) = map.get(path)?;
        (*known == stamp).then(|| loaded.clone())
    }
}

/// Size and modification time of a file.
type Stamp = (u64, SystemTime);

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// Reads every article under `dir`, sorted by path; a missing folder is an empty archive.
pub fn load(dir: &Path) -> (Vec<Loaded>, Vec<SiteError>) {
    load_with_cache(dir, None, &Known::new())
}

/// [`load`], taking unchanged files from `cache` and leaving this load's articles in it, and
/// the signatures of bodies an earlier build signed from `signatures`.
pub fn load_with_cache(dir: &Path, cache: Option<&Cache>, signatures: &Known) -> (Vec<Loaded>, Vec<SiteError>) {
    let mut errors = Vec::new();
    let mut paths = Vec::new();
    let walker = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) if e.io_error().is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound) && e.depth() == 0 => {
                break;
            }
            Err(e) => {
                errors.push(content_error(e.path().unwrap_or(dir), None, e.to_string()));
                continue;
            }
        };
        let path = entry.path();
        if !entry.file_type().is_file() || path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        // A README.md in content/ documents the folder; it is not an article.
        if path.file_name().is_some_and(|n| n.eq_ignore_ascii_case("README.md")) {
            continue;
        }
        paths.push(entry.into_path());
    }
    let results: Vec<(Option<Stamp>, Result<Loaded, SiteError>)> = paths
        .par_iter()
        .map(|path| {
            let Some(cache) = cache else {
                return (None, load_one(dir, path, signatures));
            };
            let stamp = stamp(path);
            match stamp.and_then(|s| cache.get(path, s)) {
                Some(loaded) => (stamp, Ok(loaded)),
                None => (stamp, load_one(dir, path, signatures)),
            }
        })
        .collect();
    let mut fresh = HashMap::new();
    let mut articles = Vec::with_capacity(results.len());
    for (stamp, result) in results {
        match result {
            Ok(loaded) => {
                if let (Some(_), Some(stamp), Some(source)) = (cache, stamp, &loaded.source) {
                    fresh.insert(source.clone(), (stamp, loaded.clone()));
                }
                articles.push(loaded);
            }
            Err(error) => errors.push(error),
        }
    }
    // Only this load's files stay: a deleted article is forgotten.
    if let Some(mut map) = cache.and_then(|c| c.0.lock().ok()) {
        *map = fresh;
    }
    (articles, errors)
}

fn load_one(dir: &Path, path: &Path, signatures: &Known) -> Result<Loaded, SiteError> {
    let text = std::fs::read_to_string(path).map_err(|e| content_error(path, None, e.to_string()))?;
    let mut article = Article::from_markdown(&text).map_err(|e| parse_error(path, &e))?;
    if article.front.title.trim().is_empty() {
        return Err(content_error(path, Some(2), "front matter: title is empty".into()));
    }
    let fingerprint = xxhash_rust::xxh3::xxh3_128(text.as_bytes());
    // The body is here now: its signature costs no second read (the body itself is dropped).
    let signature = match signatures.get(&fingerprint) {
        Some(known) => known.clone(),
        None => syndication::signature(&article.body),
    };
    article.body = String::new();
    Ok(Loaded {
        article: Arc::new(article),
        path: path.strip_prefix(dir).unwrap_or(path).to_path_buf(),
        source: Some(path.to_path_buf()),
        fingerprint,
        signature: signature.map(Arc::new),
    })
}

/// The body of a content file read again (the build reads front matters first, bodies later).
pub fn read_body(path: &Path) -> Result<String, SiteError> {
    let text = std::fs::read_to_string(path).map_err(|e| content_error(path, None, e.to_string()))?;
    Article::body_of(&text).map_err(|e| parse_error(path, &e))
}

fn content_error(path: &Path, line: Option<usize>, message: String) -> SiteError {
    SiteError::Content {
        path: path.to_path_buf(),
        line,
        message,
    }
}

fn parse_error(path: &Path, error: &crate::article::ParseError) -> SiteError {
    content_error(path, error.line(), strip_line_prefix(&error.to_string()))
}

/// `ParseError` displays "3: front matter: …"; the line goes into the path prefix instead.
fn strip_line_prefix(message: &str) -> String {
    match message.split_once(": ") {
        Some((line, rest)) if line.chars().all(|c| c.is_ascii_digit()) => rest.to_string(),
        _ => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_file_is_reported_with_line_and_others_load() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("good.md"), "---\ntitle: Bon\n---\n\nCorps\n").unwrap();
        std::fs::write(
            dir.path().join("bad.md"),
            "---\ntitle: Mauvais\ndate: 9 juin\n---\n\nCorps\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("README.md"), "# content").unwrap();
        let (articles, errors) = load(dir.path());
        assert_eq!(articles.len(), 1);
        assert_eq!(errors.len(), 1);
        let message = errors[0].to_string();
        assert!(message.contains("bad.md:3: "), "{message}");
        assert!(message.contains("date \"9 juin\" is not YYYY-MM-DD"), "{message}");
    }

    #[test]
    fn a_cached_load_rereads_only_changed_files() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.md"), dir.path().join("b.md"));
        std::fs::write(&a, "---\ntitle: A\n---\n\nx\n").unwrap();
        std::fs::write(&b, "---\ntitle: B\n---\n\nx\n").unwrap();
        let cache = Cache::default();
        let (first, _) = load_with_cache(dir.path(), Some(&cache), &Known::new());
        std::fs::write(&b, "---\ntitle: B changé, plus long\n---\n\nx\n").unwrap();
        std::fs::remove_file(&a).unwrap();
        std::fs::write(dir.path().join("c.md"), "---\ntitle: C\n---\n\nx\n").unwrap();
        let (second, errors) = load_with_cache(dir.path(), Some(&cache), &Known::new());
        assert!(errors.is_empty());
        let titles: Vec<&str> = second.iter().map(|l| l.article.front.title.as_str()).collect();
        assert_eq!(titles, ["B changé, plus long", "C"]);
        assert_ne!(second[0].fingerprint, first[1].fingerprint);
        assert_eq!(cache.0.lock().unwrap().len(), 2, "the deleted file is forgotten");
    }

    #[test]
    fn a_body_signed_by_an_earlier_build_is_not_signed_again() {
        let dir = tempfile::tempdir().unwrap();
        let body =
            "Les habitants de Ménaka décrivent l’arrivée des déplacés, venus à pied des villages voisins. ".repeat(4);
        let text = format!("---\ntitle: A\n---\n\n{body}\n");
        std::fs::write(dir.path().join("a.md"), &text).unwrap();
        let (fresh, _) = load(dir.path());
        let signed = fresh[0].signature.as_deref().cloned();
        assert!(signed.is_some(), "long enough to sign");
        // What an earlier build stored for these bytes is taken as it is.
        let stored = Signature {
            bins: [7; crate::site::syndication::sketch::BINS],
            shingles: 99,
        };
        let known = Known::from([(fresh[0].fingerprint, Some(stored.clone()))]);
        let (again, _) = load_with_cache(dir.path(), None, &known);
        assert_eq!(again[0].signature.as_deref(), Some(&stored));
        // Another file's signature is not: a changed body is signed anew.
        std::fs::write(dir.path().join("a.md"), text.replace("Ménaka", "Gao")).unwrap();
        let (changed, _) = load_with_cache(dir.path(), None, &known);
        assert!(changed[0].signature.is_some());
        assert_ne!(changed[0].signature.as_deref(), Some(&stored));
    }

    #[test]
    fn missing_folder_is_empty() {
        let (articles, errors) = load(Path::new("/nonexistent/veille/content"));
        assert!(articles.is_empty() && errors.is_empty());
    }
}
