//! Plain-text dumps of scraped pages → [`Draft`].
//!
//! A dump is the text of a page, one block per line, boilerplate included. The seed
//! (`../shared/samples/seed-article.txt`) shows the usual shape:
//!
//! ```text
//! [URL: <address>]
//! Home AFRIQUE Mali : le JNIM considère le départ de Wagner comme une défaite de...   ← breadcrumb
//! Mali : le JNIM considère le départ de Wagner comme une défaite de la Russie…        ← title
//! 0                                                                                    ← comment counter
//! [Par X – 9 juin 2025]                                                                ← byline / date
//! paragraphs…
//! LEAVE A REPLY / Please enter your comment! / Captcha…                                ← comment form
//! ```
//!
//! Every part is optional: the header is read only where it looks like a header, and a dump that
//! starts straight with prose has no title line (the first sentence stands in for one).

use super::{Draft, byline, date};
use crate::convert::clean;

/// How many leading blocks may form the header (breadcrumb, title, counter, byline, date).
const HEADER_BLOCKS: usize = 8;
/// A title line is at most this long; longer is prose.
const MAX_TITLE_CHARS: usize = 250;

/// Words a breadcrumb starts with.
const HOME_WORDS: &[&str] = &[
    "home",
    "accueil",
    "1. home",
    "vous etes ici",
    "you are here",
    "homepage",
    "une",
];

/// Extracts a draft from dump text.
pub fn extract(text: &str) -> Draft {
    let mut draft = Draft::default();
    let mut blocks: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();

    if let Some(url) = blocks.first().and_then(|l| l.strip_prefix("URL:")) {
        draft.source_url = Some(url.trim().to_string());
        blocks.remove(0);
    }

    let header_end = read_header(&blocks, &mut draft);
    let body: Vec<&str> = body_blocks(&blocks[header_end..]);
    draft.paragraphs = body.iter().map(|s| s.to_string()).collect();
    draft
}

/// Reads breadcrumb, title, counter, byline and date lines; returns where the body starts.
fn read_header(blocks: &[&str], draft: &mut Draft) -> usize {
    let mut i = 0;
    if let Some(first) = blocks.first()
        && let Some((section, title_at)) = read_breadcrumb(first, &blocks[1..])
    {
        draft.section = section;
        i = 1;
        if let Some(offset) = title_at {
            draft.title = Some(blocks[1 + offset].to_string());
            i = 2 + offset;
        }
    }
    if draft.title.is_none()
        && let Some(candidate) = blocks.get(i)
        && is_title_like(candidate, blocks.get(i + 1).copied())
    {
        draft.title = Some(candidate.to_string());
        i += 1;
    }
    // Counters, bylines and date lines directly under the title.
    while let Some(line) = blocks.get(i) {
        if i >= HEADER_BLOCKS {
            break;
        }
        let mut consumed = false;
        if clean::is_counter(line) {
            consumed = true;
        }
        if byline::is_byline(line) {
            let (authors, agency) = byline::parse_byline(line);
            draft.authors.extend(authors);
            draft.agency = draft.agency.take().or(agency);
            consumed = true;
        }
        if let Some(found) = date::classify_line(line, true).filter(|_| is_header_line(line)) {
            match found {
                date::DateLine::Published(d) => {
                    draft.date.get_or_insert(d);
                }
                date::DateLine::Updated(d) => {
                    draft.updated.get_or_insert(d);
                }
            }
            draft.date_source.get_or_insert_with(|| "text".into());
            consumed = true;
        }
        if !consumed {
            break;
        }
        i += 1;
    }
    i
}

/// A line that is metadata rather than a sentence of the story: short, and either a byline, a
/// date cue, or mostly the date itself.
fn is_header_line(line: &str) -> bool {
    let folded = date::fold(line);
    let cue = [
        "publie",
        "posted",
        "published",
        "mis a jour",
        "updated",
        "par ",
        "by ",
        "le ",
    ]
    .iter()
    .any(|c| folded.starts_with(c) || folded.contains(&format!(" {c}")));
    let words = line.split_whitespace().count();
    line.chars().count() <= 120 && (cue || words <= 8)
}

/// If `line` is a breadcrumb, returns the section it names and, when it ends with the start of
/// the title, the offset of the title block among `next`.
fn read_breadcrumb(line: &str, next: &[&str]) -> Option<(Option<String>, Option<usize>)> {
    // A breadcrumb is a short line; the title search below is quadratic in its length.
    if line.chars().count() > MAX_TITLE_CHARS + 60 {
        return None;
    }
    let folded = date::fold(line);
    let home = HOME_WORDS
        .iter()
        .find(|w| folded.starts_with(*w) && folded[w.len()..].starts_with([' ', '>', '/', '|']));
    let separators = line.matches(['›', '»', '>', '/', '|']).count();
    let truncated = line.ends_with("...") || line.ends_with('…');
    if home.is_none() && separators < 2 && !truncated {
        return None;
    }
    // Where does the title begin inside the breadcrumb? Find the earliest word such that the
    // rest of the line (without "...") starts one of the next blocks.
    let stem = line.trim_end_matches(['.', '…', ' ']);
    let mut title_at = None;
    let mut crumbs_end = line.len();
    'words: for (start, _) in stem.match_indices(' ').map(|(i, s)| (i + s.len(), ())) {
        let tail = stem[start..].trim_start_matches(['›', '»', '>', '/', '|', ' ']);
        if tail.chars().count() < 12 {
            break;
        }
        for (offset, block) in next.iter().enumerate().take(3) {
            if block.starts_with(tail) {
                title_at = Some(offset);
                crumbs_end = start;
                break 'words;
            }
        }
    }
    if home.is_none() && title_at.is_none() && separators < 2 {
        return None;
    }
    let crumbs = &line[..crumbs_end];
    let skip = home.map_or(0, |w| crumb_prefix_len(crumbs, w));
    let section = crumbs[skip..]
        .split(['›', '»', '>', '/', '|'])
        .map(|c| c.trim())
        .filter(|c| !c.is_empty() && !c.ends_with("...") && !c.ends_with('…'))
        .filter(|c| !HOME_WORDS.contains(&date::fold(c).as_str()))
        .find(|c| c.chars().count() <= 40)
        .map(normalise_section);
    Some((section, title_at))
}

/// Byte length of the home word at the start of `crumbs` (the folded and original lengths differ
/// when the word has accents, so count characters).
fn crumb_prefix_len(crumbs: &str, home_word: &str) -> usize {
    crumbs
        .char_indices()
        .nth(home_word.chars().count())
        .map_or(crumbs.len(), |(i, _)| i)
}

/// "AFRIQUE" → "Afrique"; a section in mixed case is kept as written.
pub fn normalise_section(section: &str) -> String {
    let section = section.trim();
    if section.chars().any(char::is_lowercase) {
        return section.to_string();
    }
    let lower = section.to_lowercase();
    let mut chars = lower.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A headline: short, no final full stop, not metadata, followed by something.
fn is_title_like(line: &str, next: Option<&str>) -> bool {
    let chars = line.chars().count();
    (10..=MAX_TITLE_CHARS).contains(&chars)
        && !line.ends_with('.')
        && !line.ends_with(':')
        && next.is_some()
        && !clean::is_boilerplate(line)
        && !byline::is_byline(line)
        && date::classify_line(line, true).is_none_or(|_| chars > 60)
        && line.split_whitespace().count() >= 2
}

/// The body: blocks up to the first article-ending marker, without boilerplate lines.
fn body_blocks<'a>(blocks: &[&'a str]) -> Vec<&'a str> {
    let mut body = Vec::new();
    for block in blocks {
        if clean::ends_article(block) && !body.is_empty() {
            break;
        }
        if clean::is_boilerplate(block) || clean::is_counter(block) {
            continue;
        }
        body.push(*block);
    }
    // Trailing source credits ("Avec AFP", "(rfi.fr)") are attribution, not text.
    while body.last().is_some_and(|last| is_source_tag(last)) {
        body.pop();
    }
    body
}

fn is_source_tag(line: &str) -> bool {
    let line = line.trim();
    line.chars().count() <= 30
        && (line.starts_with('(') && line.ends_with(')')
            || line.starts_with('[') && line.ends_with(']')
            || date::fold(line).starts_with("avec ")
            || date::fold(line).starts_with("source"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED_LIKE: &str = "Home AFRIQUE Mali : le JNIM considère le départ de Wagner comme une défaite de...

Mali : le JNIM considère le départ de Wagner comme une défaite de la Russie dans la région

0

Le groupe de paramilitaires russe Wagner a quitté le Mali.

Dans une longue lettre diffusée le 9 juin, le JNIM a réagi.

LEAVE A REPLY

Please enter your comment!
Captcha verification failed!
";

    #[test]
    fn seed_shape() {
        let draft = extract(SEED_LIKE);
        assert_eq!(
            draft.title.as_deref(),
            Some("Mali : le JNIM considère le départ de Wagner comme une défaite de la Russie dans la région")
        );
        assert_eq!(draft.section.as_deref(), Some("Afrique"));
        assert_eq!(
            draft.paragraphs,
            [
                "Le groupe de paramilitaires russe Wagner a quitté le Mali.",
                "Dans une longue lettre diffusée le 9 juin, le JNIM a réagi."
            ]
        );
        assert_eq!(draft.date, None, "a date inside the story is not the publication date");
    }

    #[test]
    fn arrows_breadcrumb_byline_and_date() {
        let text = "URL: https://x.example/a\n\nAccueil › Politique › Niger : la junte…\n\nNiger : la junte suspend trois partis\n\nPar Awa Traoré et Jean Dupont\nPublié le lundi 9 juin 2025 à 10h30\n\nNiamey, le 8 juin. Les autorités ont annoncé la suspension.\n\nLire aussi : Mali : autre chose\n\nLa décision a surpris.\n\nPartager sur Facebook\n";
        let draft = extract(text);
        assert_eq!(draft.source_url.as_deref(), Some("https://x.example/a"));
        assert_eq!(draft.section.as_deref(), Some("Politique"));
        assert_eq!(draft.title.as_deref(), Some("Niger : la junte suspend trois partis"));
        assert_eq!(draft.authors, ["Awa Traoré", "Jean Dupont"]);
        assert_eq!(
            draft.date.map(|d| d.to_string()).as_deref(),
            Some("2025-06-09T10:30:00")
        );
        assert_eq!(
            draft.paragraphs,
            [
                "Niamey, le 8 juin. Les autorités ont annoncé la suspension.",
                "La décision a surpris."
            ]
        );
    }

    #[test]
    fn prose_only_dump_has_no_title_line() {
        let text = "URL: https://x.example/b\n\nLe chef de la transition, le colonel Mamadi Doumbouya, est élevé au rang de général.\nIl a pris le pouvoir le 5 septembre 2021.\n";
        let draft = extract(text);
        assert_eq!(draft.title, None);
        assert_eq!(draft.paragraphs.len(), 2);
        assert_eq!(draft.date, None);
    }

    #[test]
    fn sections_are_normalised() {
        assert_eq!(normalise_section("AFRIQUE"), "Afrique");
        assert_eq!(normalise_section("ÉCONOMIE"), "Économie");
        assert_eq!(normalise_section("West Africa"), "West Africa");
    }
}
