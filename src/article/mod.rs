//! The contract between the two halves: one article is YAML front matter plus a Markdown body.
//!
//! `convert` produces [`Article`]s and writes them with [`Article::to_markdown`]; `site` reads
//! them back with [`Article::from_markdown`]. The keys of [`FrontMatter`] are fixed by
//! `../shared/README.md` (the scorers read them): add keys, never rename them.

pub mod date;
pub mod slug;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use date::PubDate;

/// The metadata of one article, in the order it is written to the file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FrontMatter {
    pub title: String,
    /// Publication date as the page states it; absent when it states none (never invented).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PubDate>,
    /// Where the date came from (`json-ld`, `meta`, `time`, `text`…), so an analyst can judge it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_source: Option<String>,
    /// Date of the last update, when the page distinguishes it from the publication date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<PubDate>,
    /// Bylines, one person per item.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Agency credit (AFP, APA, Reuters…), kept apart from the authors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    /// ISO 639-1 code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Canonical actor names.
    #[serde(default)]
    pub actors: Vec<String>,
    /// Country names (English short names).
    #[serde(default)]
    pub countries: Vec<String>,
    /// The input's path relative to the import argument it was found under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_file: Option<String>,
    /// Where the text came from, byte for byte: lets an analyst prove a quote's origin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
    /// Keys this version does not know (added by a user or a later version) survive a round trip.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_yaml::Value>,
}

/// Proof of origin recorded at import time.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// SHA-256 of the raw input bytes, hex.
    pub sha256: String,
    /// Encoding the input was decoded from (WHATWG name).
    pub encoding: String,
    /// When the import ran (RFC 3339, UTC).
    pub imported_at: String,
}

/// One article: front matter and Markdown body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Article {
    pub front: FrontMatter,
    pub body: String,
}

/// A front-matter problem, with the 1-based line in the file where known.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    #[error("no front matter: the file must start with a line '---'")]
    NoFrontMatter,
    #[error("front matter is not closed by a line '---'")]
    Unclosed,
    #[error("{line}: front matter: {message}", line = line.map(|l| l.to_string()).unwrap_or_default())]
    Yaml { line: Option<usize>, message: String },
}

impl ParseError {
    /// The 1-based line of the file the error points at, if any.
    pub fn line(&self) -> Option<usize> {
        match self {
            ParseError::Yaml { line, .. } => *line,
            ParseError::NoFrontMatter => Some(1),
            ParseError::Unclosed => None,
        }
    }
}

impl Article {
    /// Serializes to `---\n<yaml>---\n\n<body>\n`.
    pub fn to_markdown(&self) -> String {
        // Serializing a plain struct of strings and lists cannot fail.
        let yaml = serde_yaml::to_string(&self.front).unwrap_or_default();
        let body = self.body.trim_end();
        format!("---\n{yaml}---\n\n{body}\n")
    }

    /// Parses a file written by [`Article::to_markdown`] or by hand.
    pub fn from_markdown(text: &str) -> Result<Article, ParseError> {
        let (yaml, body) = split_front_matter(text)?;
        let front: FrontMatter = serde_yaml::from_str(yaml).map_err(|e| {
            let message = strip_location(&e.to_string());
            // +1: the opening fence is line 1 of the file, the YAML starts on line 2.
            let line = quoted_value_line(yaml, &message)
                .or(e.location().map(|l| l.line()))
                .map(|l| l + 1);
            ParseError::Yaml { line, message }
        })?;
        Ok(Article {
            front,
            body: trim_body(body),
        })
    }

    /// Only the body of such a file, without reading the YAML: a build reads the front matter
    /// of every file first and a body when it renders that article.
    pub fn body_of(text: &str) -> Result<String, ParseError> {
        split_front_matter(text).map(|(_, body)| trim_body(body))
    }
}

/// (yaml, body) of a file that opens with a `---` line.
fn split_front_matter(text: &str) -> Result<(&str, &str), ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
        .ok_or(ParseError::NoFrontMatter)?;
    split_closing_fence(rest).ok_or(ParseError::Unclosed)
}

fn trim_body(body: &str) -> String {
    body.trim_start_matches(['\r', '\n']).trim_end().to_string()
}

/// Splits at the first line that is exactly `---`: (yaml, body after the fence).
fn split_closing_fence(rest: &str) -> Option<(&str, &str)> {
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end_matches(['\r', '\n']) == "---" {
            return Some((&rest[..offset], &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    None
}

/// serde_yaml points a value error at the start of the mapping; when the message quotes the
/// bad value, the line holding it is more useful.
fn quoted_value_line(yaml: &str, message: &str) -> Option<usize> {
    let start = message.find('"')? + 1;
    let value = &message[start..start + message[start..].find('"')?];
    if value.is_empty() {
        return None;
    }
    yaml.lines().position(|l| l.contains(value)).map(|i| i + 1)
}

/// serde_yaml appends " at line L column C"; we report the line ourselves.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Article {
        Article {
            front: FrontMatter {
                title: "Mali : l’armée « reprend » Kidal".into(),
                date: PubDate::parse_iso("2025-06-09"),
                authors: vec!["Awa Traoré".into(), "Jean Dupont".into()],
                section: Some("Afrique".into()),
                lang: Some("fr".into()),
                actors: vec!["FAMa".into()],
                countries: vec!["Mali".into()],
                ..FrontMatter::default()
            },
            body: "Premier paragraphe.\n\nSecond : « citation ».".into(),
        }
    }

    #[test]
    fn round_trip_keeps_every_field() {
        let article = sample();
        let text = article.to_markdown();
        assert!(text.starts_with("---\ntitle: "));
        assert_eq!(Article::from_markdown(&text).unwrap(), article);
        assert_eq!(Article::body_of(&text).unwrap(), article.body);
    }

    #[test]
    fn unknown_keys_survive_a_round_trip() {
        let text = "---\ntitle: T\nmy_note: keep me\n---\n\nBody\n";
        let article = Article::from_markdown(text).unwrap();
        assert_eq!(article.front.extra["my_note"], serde_yaml::Value::from("keep me"));
        assert!(article.to_markdown().contains("my_note: keep me"));
    }

    /// Found by `fuzz/` (front_matter): "-2024-10-4T" was read as year -2024, then written as
    /// "-2024-10-04", which no longer read. Every date the reader takes writes back readable.
    #[test]
    fn every_date_read_writes_back_readable() {
        let article = |date: &str| Article::from_markdown(&format!("---\ntitle: x\ndate: '{date}'\n---\n\nb\n"));
        for refused in ["-2024-10-4T", "+2024-10-04", "12024-10-04", "24-10-04", "2024/10/04"] {
            assert!(article(refused).is_err(), "{refused}");
        }
        for date in [
            "2024-10-04T",
            "2024-10-04",
            "2024-1-4",
            "2024-10-04T08:30",
            "2024-10-04T08:30:00+01:00",
        ] {
            let read = article(date).unwrap_or_else(|e| panic!("{date}: {e}"));
            let again = Article::from_markdown(&read.to_markdown()).unwrap_or_else(|e| panic!("{date}: {e}"));
            assert_eq!(again.front.date, read.front.date, "{date}");
        }
    }

    #[test]
    fn yaml_error_reports_file_line() {
        let text = "---\ntitle: T\ndate: [unclosed\n---\n\nBody\n";
        let err = Article::from_markdown(text).unwrap_err();
        assert!(matches!(err.line(), Some(3) | Some(4)), "{err:?}");
    }

    #[test]
    fn missing_fences_are_errors() {
        assert!(matches!(
            Article::from_markdown("title: T"),
            Err(ParseError::NoFrontMatter)
        ));
        assert!(matches!(
            Article::from_markdown("---\ntitle: T\n"),
            Err(ParseError::Unclosed)
        ));
    }

    #[test]
    fn hostile_title_still_gives_parseable_yaml() {
        let mut article = sample();
        article.front.title = "---\n: [x] # \"quote' &anchor *alias".into();
        let back = Article::from_markdown(&article.to_markdown()).unwrap();
        assert_eq!(back.front.title, article.front.title);
    }
}
