//! (I/O) Finds the inputs under the import arguments and reads their bytes.
//!
//! A folder is searched recursively for `.txt`, `.html`, `.htm` and `.xhtml` files, in sorted
//! order so that two imports name files alike; other files (gold `.json`, images) are not
//! articles and are passed over. Empty and binary files are rejected here, before decoding.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::ConvertError;

/// Extensions veille imports.
pub const ARTICLE_EXTENSIONS: &[&str] = &["txt", "html", "htm", "xhtml"];

/// One file to import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    /// Path relative to the argument it was found under (for a file argument, its name).
    pub relative: String,
}

/// What the arguments expand to: files to import, and arguments that gave none.
#[derive(Debug, Default)]
pub struct Discovery {
    pub inputs: Vec<Input>,
    pub errors: Vec<ConvertError>,
}

/// Expands files and folders into inputs. A missing argument or a folder without any article
/// file is an error for that argument only.
pub fn discover(arguments: &[PathBuf]) -> Discovery {
    let mut found = Discovery::default();
    for argument in arguments {
        if argument.is_dir() {
            let before = found.inputs.len();
            walk_folder(argument, &mut found);
            if found.inputs.len() == before {
                found
                    .errors
                    .push(ConvertError::NoArticleFiles { path: argument.clone() });
            }
        } else if argument.exists() {
            let relative = argument
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            found.inputs.push(Input {
                path: argument.clone(),
                relative,
            });
        } else {
            found.errors.push(ConvertError::Read {
                path: argument.clone(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder"),
            });
        }
    }
    found
}

fn walk_folder(root: &Path, found: &mut Discovery) {
    // Links are followed: a folder of links to pages kept elsewhere is a normal way to pick a
    // batch. walkdir reports a link that loops back, or that points nowhere, as an error.
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() && has_article_extension(entry.path()) => {
                let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
                found.inputs.push(Input {
                    path: entry.path().to_path_buf(),
                    relative: relative.to_string_lossy().replace('\\', "/"),
                });
            }
            Ok(_) => {}
            Err(e) => {
                let path = e.path().unwrap_or(root).to_path_buf();
                let source = e
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("filesystem loop"));
                found.errors.push(ConvertError::Read { path, source });
            }
        }
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.starts_with('.') && n.len() > 1 && n != "..")
}

fn has_article_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.iter().any(|a| a.eq_ignore_ascii_case(e)))
}

/// Reads the bytes of an input, rejecting empty and binary files.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, ConvertError> {
    let bytes = std::fs::read(path).map_err(|source| ConvertError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    check_text(&bytes).map_err(|reason| match reason {
        NotText::Empty => ConvertError::Empty {
            path: path.to_path_buf(),
        },
        NotText::Binary(kind) => ConvertError::Binary {
            path: path.to_path_buf(),
            kind,
        },
    })?;
    Ok(bytes)
}

#[derive(Debug, PartialEq, Eq)]
pub enum NotText {
    Empty,
    Binary(&'static str),
}

/// Magic numbers of formats that are saved with a wrong extension often enough to name.
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"RIFF", "a RIFF file (WebP, WAV, AVI)"),
];

/// Empty, whitespace-only or binary bytes are not a page. UTF-16 text has NUL bytes, so a
/// UTF-16 BOM exempts the file from the NUL test.
pub fn check_text(bytes: &[u8]) -> Result<(), NotText> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(NotText::Empty);
    }
    if let Some((_, kind)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Err(NotText::Binary(kind));
    }
    let utf16 = bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff");
    let head = &bytes[..bytes.len().min(8192)];
    if !utf16 && head.contains(&0) {
        return Err(NotText::Binary("binary data (NUL bytes)"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_not_text() {
        assert_eq!(check_text(b""), Err(NotText::Empty));
        assert_eq!(check_text(b" \n\t"), Err(NotText::Empty));
        assert_eq!(
            check_text(b"\x89PNG\r\n\x1a\n\0\0"),
            Err(NotText::Binary("a PNG image"))
        );
        assert!(matches!(check_text(b"abc\0def"), Err(NotText::Binary(_))));
        assert_eq!(check_text(b"\xff\xfeM\0a\0"), Ok(()));
        assert_eq!(check_text("Ségou".as_bytes()), Ok(()));
    }

    #[test]
    fn discovers_sorted_article_files_and_skips_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("sub")).unwrap();
        for name in ["b.html", "a.txt", "gold.json", "sub/c.HTM", ".hidden.txt", "img.png"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        let found = discover(&[dir.path().to_path_buf()]);
        let names: Vec<_> = found.inputs.iter().map(|i| i.relative.as_str()).collect();
        assert_eq!(names, ["a.txt", "b.html", "sub/c.HTM"]);
        assert!(found.errors.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_and_loops_and_dangling_links_reported() {
        let dir = tempfile::tempdir().unwrap();
        let (pages, batch) = (dir.path().join("pages"), dir.path().join("batch"));
        std::fs::create_dir_all(pages.join("sub")).unwrap();
        std::fs::create_dir_all(&batch).unwrap();
        std::fs::write(pages.join("a.html"), "x").unwrap();
        std::fs::write(pages.join("sub/b.txt"), "x").unwrap();
        let link = |target: &Path, name: &str| std::os::unix::fs::symlink(target, batch.join(name)).unwrap();
        link(&pages.join("a.html"), "a.html");
        link(&pages.join("sub"), "sub");
        link(&batch, "loop");
        link(&pages.join("gone.html"), "gone.html");
        let found = discover(std::slice::from_ref(&batch));
        let names: Vec<_> = found.inputs.iter().map(|i| i.relative.as_str()).collect();
        assert_eq!(names, ["a.html", "sub/b.txt"]);
        let mut reported: Vec<_> = found.errors.iter().map(|e| e.to_string()).collect();
        reported.sort();
        assert_eq!(reported.len(), 2, "{reported:?}");
        assert!(
            reported[0].contains("gone.html") && reported[1].contains("loop"),
            "{reported:?}"
        );
    }

    #[test]
    fn folder_without_articles_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("gold.json"), "{}").unwrap();
        let found = discover(&[dir.path().to_path_buf(), dir.path().join("missing.txt")]);
        assert_eq!(found.errors.len(), 2);
        assert!(matches!(found.errors[0], ConvertError::NoArticleFiles { .. }));
    }
}
