//! Dates written by people, in French and English: "lundi 9 juin 2025 à 10h30", "1er sept.
//! 2024", "mai 09, 2018", "June 9, 2025 10:30 AM", "09/06/2025", ISO.
//!
//! [`parse_date`] reads one date out of a short piece of text. Which piece of the page states
//! the *publication* date is the extractors' decision ([`classify_line`] helps them): a date
//! mentioned inside the story is never one.

use std::sync::LazyLock;

use chrono::{NaiveDate, NaiveTime};
use regex::Regex;

use crate::article::PubDate;
use crate::calendar;

/// What a short line says about dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateLine {
    Published(PubDate),
    Updated(PubDate),
}

/// Optional time after a date: "à 10h30", "at 10:30 am", ", 10:30", "- 08h15".
const TIME: &str = r"(?:\s*(?:,|à|a|at|-|–|\|)?\s*(?P<h>\d{1,2})\s*(?:h|:)\s*(?P<mi>\d{2})?(?::\d{2})?\s*(?P<ampm>am|pm|a\.m\.|p\.m\.)?)?";

/// A rule over [`fold`]ed text, which deunicode makes ASCII: without Unicode, `\b`, `\d` and
/// `\s` compile to a fraction of the automaton (the same matches on ASCII text).
fn ascii_regex(pattern: &str) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(pattern).unicode(false).build()
}

static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    let months = calendar::month_alternation();
    ascii_regex(&format!(
        r"\b(?P<d>\d{{1,2}})(?:er|st|nd|rd|th)?\s+(?:de\s+)?(?P<m>{months})\.?,?\s+(?:de\s+)?(?P<y>\d{{4}})\b{TIME}"
    ))
    .expect("valid regex")
});
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    let months = calendar::month_alternation();
    ascii_regex(&format!(
        r"\b(?P<m>{months})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b{TIME}"
    ))
    .expect("valid regex")
});
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"\b(?P<y>\d{4})[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})(?:[t ]+(?P<h>\d{2}):(?P<mi>\d{2})(?::\d{2})?)?")
        .expect("valid regex")
});
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(&format!(
        r"\b(?P<a>\d{{1,2}})[/.\-](?P<b>\d{{1,2}})[/.\-](?P<y>\d{{4}})\b{TIME}"
    ))
    .expect("valid regex")
});

/// Cues that a line states when the page was updated rather than published.
static UPDATED_CUE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"\b(?:mis a jour|mise a jour|maj|modifie|actualise|updated|last updated|modified)\b")
        .expect("valid regex")
});

/// Lowercase, accents removed, typographic spaces made plain.
pub fn fold(text: &str) -> String {
    deunicode::deunicode(text).to_lowercase()
}

/// Reads the first date in `text`. `day_first` decides `03/04/2025` (true: 3 April).
pub fn parse_date(text: &str, day_first: bool) -> Option<PubDate> {
    let folded = fold(text);
    let candidates = [
        DAY_MONTH_YEAR.captures(&folded).and_then(|c| from_named(&c, day_first)),
        MONTH_DAY_YEAR.captures(&folded).and_then(|c| from_named(&c, day_first)),
        ISO.captures(&folded)
            .and_then(|c| from_numbers(&c, &c["y"], &c["m"], &c["d"])),
        NUMERIC.captures(&folded).and_then(|c| {
            let (a, b) = (&c["a"], &c["b"]);
            let (a_num, b_num): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
            // A number past 12 is the day, whichever place it holds ("2/26/2015" is American
            // even on a French page); otherwise the caller's convention decides.
            if a_num > 12 || (day_first && b_num <= 12) {
                from_numbers(&c, &c["y"], b, a)
            } else {
                from_numbers(&c, &c["y"], a, b)
            }
        }),
    ];
    // Of all forms found, the earliest in the text is the one the author wrote first.
    candidates
        .into_iter()
        .flatten()
        .min_by_key(|(start, _)| *start)
        .map(|(_, date)| date)
}

fn from_named(c: &regex::Captures, _day_first: bool) -> Option<(usize, PubDate)> {
    let month = calendar::month_number(&c["m"])?;
    from_numbers(c, &c["y"], &month.to_string(), &c["d"])
}

fn from_numbers(c: &regex::Captures, y: &str, m: &str, d: &str) -> Option<(usize, PubDate)> {
    let year: i32 = y.parse().ok()?;
    if !(1990..=2100).contains(&year) {
        return None;
    }
    let day = NaiveDate::from_ymd_opt(year, m.parse().ok()?, d.parse().ok()?)?;
    let start = c.get(0).map_or(0, |m| m.start());
    let time = c.name("h").and_then(|h| {
        let mut hour: u32 = h.as_str().parse().ok()?;
        let minute: u32 = c.name("mi").map_or(Some(0), |m| m.as_str().parse().ok())?;
        match c.name("ampm").map(|m| m.as_str().starts_with('p')) {
            Some(true) if hour < 12 => hour += 12,
            Some(false) if hour == 12 => hour = 0,
            _ => {}
        }
        NaiveTime::from_hms_opt(hour, minute, 0)
    });
    Some((
        start,
        match time {
            Some(time) => PubDate::Local(day.and_time(time)),
            None => PubDate::Day(day),
        },
    ))
}

static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"[/_-](?P<y>(?:19|20)\d{2})[/_-](?P<m>\d{1,2})[/_-](?P<d>\d{1,2})(?:[/_.-]|$)").expect("valid regex")
});

/// The day a URL's path states (`/2015/02/26/`, `/2015-02-26-title`): publishers put the
/// first publication there, and it never moves when the page is updated.
pub fn date_in_url(url: &str) -> Option<PubDate> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = &path[path.find('/')?..];
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let c = URL_DATE.captures(path)?;
    from_numbers(&c, &c["y"], &c["m"], &c["d"]).map(|(_, date)| PubDate::Day(date.day()))
}

/// Reads a short header line ("Publié le 9 juin 2025", "Mis à jour le…", "Par X - 12 mars
/// 2024"). Long lines are story text, whose dates are events, not publication dates.
/// Like [`classify_line`], for a line that is only a dateline: it carries a cue ("Publié",
/// "Mis à jour", "Posted") or is a few words long ("mai 09, 2018", "Lundi 9 juin 2025 - 10:30").
/// A sentence of the story that mentions a date is none.
pub fn dateline(line: &str, day_first: bool) -> Option<DateLine> {
    let folded = fold(line);
    let cue = folded.contains("publi") || folded.contains("posted") || UPDATED_CUE.is_match(&folded);
    let words = line.split_whitespace().count();
    if cue || words <= 6 {
        classify_line(line, day_first)
    } else {
        None
    }
}

pub fn classify_line(line: &str, day_first: bool) -> Option<DateLine> {
    if line.chars().count() > 160 {
        return None;
    }
    let date = parse_date(line, day_first)?;
    let folded = fold(line);
    let updated_at = UPDATED_CUE.find(&folded).map(|m| m.start());
    let published_at = folded.find("publi").or_else(|| folded.find("posted"));
    Some(match (updated_at, published_at) {
        // "Publié le X, mis à jour le Y": the first date is the publication.
        (Some(u), Some(p)) if p < u => DateLine::Published(date),
        (Some(_), _) => DateLine::Updated(date),
        _ => DateLine::Published(date),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The date rules are compiled without Unicode: they only ever see folded text.
    #[test]
    fn folded_text_is_ascii() {
        for text in [
            "Publié le 9 juin 2025 à 10h30",
            "١٢ مايو ٢٠٢٤",
            "Côte d’Ivoire — 1ᵉʳ sept.",
            "日本 2024年5月9日",
        ] {
            assert!(fold(text).is_ascii(), "{text}");
        }
        assert_eq!(
            parse_date("Publié le 9 juin 2025 à 10h30", true)
                .map(|d| d.to_string())
                .as_deref(),
            Some("2025-06-09T10:30:00")
        );
    }

    fn day(y: i32, m: u32, d: u32) -> PubDate {
        PubDate::Day(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }
    fn at(y: i32, m: u32, d: u32, h: u32, mi: u32) -> PubDate {
        PubDate::Local(NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, mi, 0).unwrap())
    }

    #[test]
    fn table_of_forms() {
        let cases = [
            ("9 juin 2025", day(2025, 6, 9)),
            ("09 juin 2025", day(2025, 6, 9)),
            ("lundi 9 juin 2025 à 10h30", at(2025, 6, 9, 10, 30)),
            ("Lundi 9 Juin 2025 - 10:30", at(2025, 6, 9, 10, 30)),
            ("1er septembre 2024", day(2024, 9, 1)),
            ("1 sept. 2024", day(2024, 9, 1)),
            ("14 févr. 2025", day(2025, 2, 14)),
            ("Publié le 14 février 2025 à 08h15", at(2025, 2, 14, 8, 15)),
            ("le 3 août 2023", day(2023, 8, 3)),
            ("3 aout 2023", day(2023, 8, 3)),
            ("12 décembre 2024", day(2024, 12, 12)),
            ("mai 09, 2018", day(2018, 5, 9)),
            ("June 9, 2025", day(2025, 6, 9)),
            ("Jun 9, 2025", day(2025, 6, 9)),
            ("Monday, June 9, 2025 at 10:30 am", at(2025, 6, 9, 10, 30)),
            ("June 9th, 2025 3:05 PM", at(2025, 6, 9, 15, 5)),
            ("9 June 2025", day(2025, 6, 9)),
            ("Sept. 1, 2024", day(2024, 9, 1)),
            ("09/06/2025", day(2025, 6, 9)),
            ("09.06.2025", day(2025, 6, 9)),
            ("25/12/2024 à 18h", at(2024, 12, 25, 18, 0)),
            ("2025-06-09", day(2025, 6, 9)),
            ("2025-06-09T10:30", at(2025, 6, 9, 10, 30)),
            ("2025/06/09", day(2025, 6, 9)),
            ("Par Awa Traoré - 12 mars 2024", day(2024, 3, 12)),
        ];
        for (text, want) in cases {
            assert_eq!(parse_date(text, true), Some(want), "{text}");
        }
    }

    #[test]
    fn numeric_order_follows_the_convention_unless_unambiguous() {
        assert_eq!(parse_date("03/04/2025", true), Some(day(2025, 4, 3)));
        assert_eq!(parse_date("03/04/2025", false), Some(day(2025, 3, 4)));
        assert_eq!(parse_date("13/04/2025", false), Some(day(2025, 4, 13)));
        assert_eq!(parse_date("2/26/2015 7:11 AM PST", true), Some(at(2015, 2, 26, 7, 11)));
        assert_eq!(parse_date("- 07.12.2017 -", true), Some(day(2017, 12, 7)));
        assert_eq!(parse_date("13/14/2025", true), None);
    }

    #[test]
    fn urls_state_the_day_in_their_path_only() {
        for (url, want) in [
            ("https://example.org/2015/02/26/mali-accord/", Some(day(2015, 2, 26))),
            (
                "https://example.org/news/2015-02-26-mali-accord.html",
                Some(day(2015, 2, 26)),
            ),
            ("http://example.org/2015/2/6/", Some(day(2015, 2, 6))),
            ("/2019/11/03", Some(day(2019, 11, 3))),
            ("https://example.org/2015/02/mali", None),
            ("https://example.org/2015/13/26/x", None),
            ("https://example.org/article/12345678/x", None),
            ("https://2015-02-26.example.org/x", None),
            ("https://example.org/x?from=2015-02-26", None),
            ("https://example.org/id/20150226123/", None),
        ] {
            assert_eq!(date_in_url(url), want, "{url}");
        }
    }

    #[test]
    fn not_dates() {
        for text in [
            "",
            "le 9 juin",
            "31 février 2025",
            "Mali : 2020-2021",
            "juin 2025",
            "9 juin 1850",
            "Tél. 20 22 33 44",
        ] {
            assert_eq!(parse_date(text, true), None, "{text}");
        }
    }

    #[test]
    fn datelines_versus_sentences() {
        assert!(dateline("mai 09, 2018", true).is_some());
        assert!(dateline("Publié le 9 juin 2025 à 10h30 par la rédaction de Sahel Hebdo", true).is_some());
        assert_eq!(dateline("Les vols ont repris le 9 juin 2025, selon l’ONU.", true), None);
    }

    #[test]
    fn lines_published_or_updated() {
        assert_eq!(
            classify_line("Publié le 9 juin 2025", true),
            Some(DateLine::Published(day(2025, 6, 9)))
        );
        assert_eq!(
            classify_line("Mis à jour le 10 juin 2025", true),
            Some(DateLine::Updated(day(2025, 6, 10)))
        );
        assert_eq!(
            classify_line("Publié le 9 juin 2025, mis à jour le 10 juin 2025", true),
            Some(DateLine::Published(day(2025, 6, 9)))
        );
        assert_eq!(
            classify_line("Updated June 10, 2025", false),
            Some(DateLine::Updated(day(2025, 6, 10)))
        );
        let story = "Dans une longue lettre diffusée le 9 juin 2025 et sous forme d’un communiqué sur les chaînes officielles de la nébuleuse terroriste, le haut commandement militaire a fait remarquer…";
        assert_eq!(classify_line(story, true), None);
    }
}
