//! (I/O) `content/` → articles. Every `.md` file under the folder is one article; one that does
//! not parse is reported with its path and line, and the others load.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::SiteError;
use crate::article::Article;

/// One article and where it was read from.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub article: Article,
    /// Path relative to the content folder.
    pub path: PathBuf,
}

/// Reads every article under `dir`, sorted by path; a missing folder is an empty archive.
pub fn load(dir: &Path) -> (Vec<Loaded>, Vec<SiteError>) {
    let mut articles = Vec::new();
    let mut errors = Vec::new();
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
                let path = e.path().unwrap_or(dir).to_path_buf();
                errors.push(SiteError::Content {
                    path,
                    line: None,
                    message: e.to_string(),
                });
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
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                errors.push(SiteError::Content {
                    path: path.to_path_buf(),
                    line: None,
                    message: e.to_string(),
                });
                continue;
            }
        };
        match Article::from_markdown(&text) {
            Ok(article) if article.front.title.trim().is_empty() => {
                errors.push(SiteError::Content {
                    path: path.to_path_buf(),
                    line: Some(2),
                    message: "front matter: title is empty".into(),
                });
            }
            Ok(article) => articles.push(Loaded {
                article,
                path: path.strip_prefix(dir).unwrap_or(path).to_path_buf(),
            }),
            Err(e) => errors.push(SiteError::Content {
                path: path.to_path_buf(),
                line: e.line(),
                message: strip_line_prefix(&e.to_string()),
            }),
        }
    }
    (articles, errors)
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
    fn missing_folder_is_empty() {
        let (articles, errors) = load(Path::new("/nonexistent/veille/content"));
        assert!(articles.is_empty() && errors.is_empty());
    }
}
