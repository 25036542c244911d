//! Decoded text → [`Draft`]: what the page states, before cleaning up and tagging.
//!
//! [`extract`] picks the reader by the input's shape: saved HTML pages go to [`html`], plain-text
//! dumps to [`dump`]. Both return the same [`Draft`], so everything downstream is format-blind.

pub mod byline;
pub mod date;
pub mod dump;
pub mod html;

use crate::article::PubDate;

/// What one input says about its article; every field is optional until `convert` checks it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Draft {
    pub title: Option<String>,
    pub date: Option<PubDate>,
    pub date_source: Option<String>,
    /// Other publication dates the input declares, most trusted first, with their sources:
    /// stand-ins for `date` should the import find it implausible.
    pub other_dates: Vec<(PubDate, String)>,
    pub updated: Option<PubDate>,
    pub authors: Vec<String>,
    pub agency: Option<String>,
    pub section: Option<String>,
    pub source_url: Option<String>,
    pub site_name: Option<String>,
    /// Language the page declares (`<html lang>`), to be checked against the text.
    pub declared_lang: Option<String>,
    /// The page's own description, a candidate summary.
    pub description: Option<String>,
    /// Plain text of the body blocks, in order (for summary, language and tagging).
    pub paragraphs: Vec<String>,
    /// The body as Markdown; empty means "join the paragraphs".
    pub markdown: String,
    /// Why the input is not one article (a listing, a home page), when the extractor can tell.
    pub rejection: Option<String>,
}

/// The two shapes of input veille reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Dump,
}

impl Format {
    /// HTML by extension, or by content for a `.txt` that is really a saved page.
    pub fn sniff(extension: Option<&str>, bytes: &[u8]) -> Format {
        let by_extension =
            extension.is_some_and(|e| ["html", "htm", "xhtml"].iter().any(|h| h.eq_ignore_ascii_case(e)));
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
        let head =
            head.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '\u{fffd}' || c == '\0');
        if by_extension || head.starts_with("<!doctype html") || head.starts_with("<html") {
            Format::Html
        } else {
            Format::Dump
        }
    }
}

/// Reads a draft out of decoded text.
pub fn extract(text: &str, format: Format) -> Draft {
    match format {
        Format::Html => html::extract(text),
        Format::Dump => dump::extract(text),
    }
}
