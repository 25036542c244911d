//! `veille import`: read → decode → extract → clean → enrich → write.
//!
//! The pure recipe, from an input's bytes to an [`Article`], has two halves: [`extract_bytes`]
//! (decode, extract: no dictionary needed) and [`finish`] (tag, enrich); [`read`] and [`write`]
//! are the I/O at its two ends. The CLI runs the pure part in parallel and the writes in input
//! order, so two imports of the same batch name files alike.

pub mod clean;
pub mod decode;
pub mod enrich;
pub mod extract;
pub mod read;
pub mod tag;
pub mod write;

use std::path::PathBuf;

use sha2::{Digest, Sha256};

use crate::article::{Article, Provenance};
use extract::Format;

/// Why one input produced no article. Each names the file; the batch goes on.
#[derive(Debug, thiserror::Error)]
pub enum ConvertError {
    #[error("{}: cannot read: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{}: empty file", path.display())]
    Empty { path: PathBuf },
    #[error("{}: binary content ({kind}), not a text page", path.display())]
    Binary { path: PathBuf, kind: &'static str },
    #[error("{}: no article found: {reason}", path.display())]
    NoArticle { path: PathBuf, reason: String },
    #[error("{}: folder holds no .txt or .html file to import", path.display())]
    NoArticleFiles { path: PathBuf },
    #[error("{}: cannot write: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
    #[error("{}: cannot read existing article: {message}", path.display())]
    Existing { path: PathBuf, message: String },
}

impl ConvertError {
    /// A write that failed because the disk (or the user's quota) is full: every later write
    /// would fail the same way.
    pub fn is_disk_full(&self) -> bool {
        matches!(self, ConvertError::Write { source, .. }
            if matches!(source.kind(), std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded))
    }

    /// A hint for the user, where one helps.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            ConvertError::NoArticle { .. } => {
                Some("listing, home page or consent wall? veille imports one article per file")
            }
            ConvertError::Binary { .. } => Some("veille reads saved HTML pages and plain-text dumps"),
            ConvertError::NoArticleFiles { .. } => Some("veille imports .txt, .html, .htm and .xhtml files"),
            _ if self.is_disk_full() => Some("free some space and import again: what was written stays"),
            _ => None,
        }
    }
}

/// One input turned into an article, ready to write.
#[derive(Debug, Clone)]
pub struct Converted {
    pub article: Article,
    /// Things the user should know that did not stop the import (encoding repairs…).
    pub warnings: Vec<String>,
}

/// The first stages of the recipe: bytes → decoded text → draft (what the page states, before
/// enriching and tagging). `path` only decides the format by its extension.
pub fn draft_of<'a>(bytes: &'a [u8], path: &std::path::Path) -> (extract::Draft, decode::Decoded<'a>) {
    let extension = path.extension().and_then(|e| e.to_str());
    let format = Format::sniff(extension, bytes);
    let decoded = decode::decode(bytes, format == Format::Html);
    (extract::extract(&decoded.text, format), decoded)
}

/// One input through the stages that need no dictionary, and what its bytes were.
#[derive(Debug)]
pub struct Extracted {
    draft: extract::Draft,
    encoding: &'static str,
    warnings: Vec<String>,
    sha256: String,
}

/// Bytes → [`Extracted`]: decode and extract. The caller may compile the tagger meanwhile.
pub fn extract_bytes(bytes: &[u8], path: &std::path::Path) -> Extracted {
    let (draft, decoded) = draft_of(bytes, path);
    Extracted {
        draft,
        encoding: decoded.encoding,
        warnings: decoded.warnings,
        sha256: hex::encode(Sha256::digest(bytes)),
    }
}

/// [`Extracted`] → article: the last stages, tag and enrich. `path` names the input in errors.
pub fn finish(
    extracted: Extracted,
    path: &std::path::Path,
    relative: &str,
    imported_at: &str,
    tagger: &tag::Tagger,
) -> Result<Converted, ConvertError> {
    let Extracted {
        draft,
        encoding,
        warnings,
        sha256,
    } = extracted;
    let provenance = Provenance {
        sha256,
        encoding: encoding.to_string(),
        imported_at: imported_at.to_string(),
    };
    // Title and body only: the draft's paragraphs have no boilerplate ("Lire aussi", credits).
    let tags = tagger.tag(draft.title.as_deref().unwrap_or_default(), &draft.paragraphs);
    let mut article = enrich::enrich(draft, relative, provenance).map_err(|reason| ConvertError::NoArticle {
        path: path.to_path_buf(),
        reason,
    })?;
    // What the tagger wrote, so `veille tag` can tell a user's edits from its own output.
    if let Ok(auto) = serde_yaml::to_value(tag::retag::AutoTags::from(&tags)) {
        article.front.extra.insert(tag::retag::AUTO_KEY.to_string(), auto);
    }
    article.front.actors = tags.actors;
    article.front.countries = tags.countries;
    Ok(Converted { article, warnings })
}
