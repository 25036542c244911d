//! [`Draft`] → [`Article`]: checks there is an article, makes the title safe to show, detects
//! the language, writes the summary and the Markdown body.

use std::sync::LazyLock;

use regex::Regex;

use super::extract::{
    Draft,
    html::{escape_block_start, escape_inline},
};
use crate::article::{Article, FrontMatter, Provenance, PubDate};

/// Summaries are at most this many characters and end on a sentence where possible.
pub const SUMMARY_MAX_CHARS: usize = 300;
/// A title past this is not a headline (a page with no line breaks): it is cut.
const TITLE_MAX_CHARS: usize = 500;
/// Less body text than this is not an article.
const MIN_BODY_CHARS: usize = 80;

/// Builds the article, or says why there is none.
pub fn enrich(draft: Draft, source_file: &str, provenance: Provenance) -> Result<Article, String> {
    if let Some(reason) = draft.rejection {
        return Err(reason);
    }
    let body_chars: usize = draft.paragraphs.iter().map(|p| p.chars().count()).sum();
    if draft.paragraphs.is_empty() || body_chars < MIN_BODY_CHARS {
        return Err(format!(
            "{} paragraph(s), {body_chars} characters left after removing boilerplate",
            draft.paragraphs.len()
        ));
    }
    let title = draft
        .title
        .as_deref()
        .map(clean_text)
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| first_sentence(&draft.paragraphs[0], 120));
    let title = bound_chars(&title, TITLE_MAX_CHARS);
    let lang = detect_lang(&title, &draft.paragraphs, draft.declared_lang.as_deref());
    let summary = draft
        .description
        .as_deref()
        .map(clean_text)
        .filter(|d| d.chars().count() >= 40)
        .map(|d| summarize(&d, SUMMARY_MAX_CHARS))
        .unwrap_or_else(|| summarize(&lead(&draft.paragraphs), SUMMARY_MAX_CHARS));
    let dated = Dated::choose(&draft, &provenance.imported_at);
    let body = if draft.markdown.trim().is_empty() {
        draft
            .paragraphs
            .iter()
            .map(|p| escape_block_start(&escape_inline(p)))
            .collect::<Vec<_>>()
            .join("\n\n")
    } else {
        draft.markdown
    };
    Ok(Article {
        front: FrontMatter {
            title,
            date: dated.date,
            date_source: dated.source,
            updated: dated.updated,
            authors: authors(&draft.authors, draft.site_name.as_deref()),
            agency: draft.agency,
            section: draft.section.map(|s| clean_text(&s)).filter(|s| !s.is_empty()),
            source_url: draft.source_url,
            site_name: draft.site_name.map(|s| clean_text(&s)),
            lang,
            summary: Some(summary).filter(|s| !s.is_empty()),
            actors: Vec::new(),
            countries: Vec::new(),
            source_file: Some(source_file.to_string()),
            provenance: Some(provenance),
            ..FrontMatter::default()
        },
        body,
    })
}

/// No news page in an archive was published before this year: an earlier date is a template's
/// placeholder or the epoch.
const EARLIEST_YEAR: i32 = 1995;

/// The publication and update dates an article keeps.
#[derive(Debug, PartialEq)]
struct Dated {
    date: Option<PubDate>,
    source: Option<String>,
    updated: Option<PubDate>,
}

impl Dated {
    /// The most trusted declared date that is plausible: not before [`EARLIEST_YEAR`], not after
    /// the day of the import (`imported_at`, RFC 3339; a day of slack for time zones). The
    /// update stamp is kept when it is plausible and later than the publication.
    fn choose(draft: &Draft, imported_at: &str) -> Dated {
        let latest = imported_at
            .get(..10)
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .and_then(|d| d.succ_opt());
        let plausible = |date: &PubDate| {
            let day = date.day();
            chrono::Datelike::year(&day) >= EARLIEST_YEAR && latest.is_none_or(|latest| day <= latest)
        };
        let claims = draft
            .date
            .map(|d| (d, draft.date_source.clone()))
            .into_iter()
            .chain(draft.other_dates.iter().map(|(d, s)| (*d, Some(s.clone()))));
        let (date, source) = claims.into_iter().find(|(d, _)| plausible(d)).unzip();
        let source = source.flatten();
        let updated = draft
            .updated
            .filter(|u| plausible(u) && date.is_none_or(|d| u.day() >= d.day() && *u != d));
        Dated { date, source, updated }
    }
}

/// Clean author names; an "author" that is the outlet itself is a credit, not a person.
fn authors(raw: &[String], site_name: Option<&str>) -> Vec<String> {
    let site = site_name.map(|s| deunicode::deunicode(s).to_lowercase());
    let mut authors: Vec<String> = Vec::new();
    for author in raw.iter().map(|a| clean_text(a)) {
        let is_site = site
            .as_deref()
            .is_some_and(|s| deunicode::deunicode(&author).to_lowercase() == s);
        if !author.is_empty() && !is_site && !authors.contains(&author) {
            authors.push(author);
        }
    }
    authors
}

/// Removes control characters, bidi overrides and replacement characters; collapses spaces.
pub fn clean_text(text: &str) -> String {
    let kept: String = text
        .chars()
        .filter(|&c| !c.is_control() && !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{fffd}' | '\u{feff}'))
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The opening of the article: paragraphs until there is enough for a summary.
fn lead(paragraphs: &[String]) -> String {
    let mut lead = String::new();
    for p in paragraphs {
        if lead.chars().count() >= SUMMARY_MAX_CHARS {
            break;
        }
        if !lead.is_empty() {
            lead.push(' ');
        }
        lead.push_str(p.trim());
    }
    clean_text(&lead)
}

static SENTENCE_END: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"[.!?…»"”](?:\s|$)"#).expect("valid regex"));

/// At most `max` characters, ending on a sentence when one ends in the second half; else cut on
/// a word with "…".
pub fn summarize(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.trim().to_string();
    }
    let limit = text.char_indices().nth(max).map_or(text.len(), |(i, _)| i);
    let window = &text[..limit];
    let sentence_end = SENTENCE_END
        .find_iter(window)
        .map(|m| m.start() + m.as_str().trim_end().len())
        .filter(|&end| end >= limit / 3)
        .last();
    match sentence_end {
        Some(end) => window[..end].trim().to_string(),
        None => bound_chars(text, max),
    }
}

/// Cuts on a word boundary with "…" when longer than `max` characters.
fn bound_chars(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let limit = text.char_indices().nth(max - 1).map_or(text.len(), |(i, _)| i);
    let cut = text[..limit].rfind(' ').filter(|&i| i > limit / 2).unwrap_or(limit);
    format!("{}…", text[..cut].trim_end_matches([' ', ',', ';', ':']))
}

fn first_sentence(paragraph: &str, max: usize) -> String {
    let text = clean_text(paragraph);
    match SENTENCE_END.find(&text) {
        Some(m) if m.start() < max * 4 => {
            // The sentence's last character may be « … », « » » or « ” »: several bytes.
            let end = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
            bound_chars(text[..end].trim_end_matches('.'), max)
        }
        _ => bound_chars(&text, max),
    }
}

/// The text's language (ISO 639-1); the page's declaration is kept unless the text clearly says
/// otherwise.
fn detect_lang(title: &str, paragraphs: &[String], declared: Option<&str>) -> Option<String> {
    let mut sample = String::from(title);
    for p in paragraphs {
        // Past a page of text the detector's answer no longer changes; its cost still grows.
        if sample.len() > 1500 {
            break;
        }
        sample.push('\n');
        // A page with no paragraph breaks is one huge paragraph: sample its start only.
        let mut end = p.len().min(4000);
        while !p.is_char_boundary(end) {
            end -= 1;
        }
        sample.push_str(&p[..end]);
    }
    let declared = declared
        .and_then(|d| d.split(['-', '_']).next())
        .map(str::to_ascii_lowercase)
        .filter(|d| (2..=3).contains(&d.len()));
    let detected = whatlang::detect(&sample)
        .filter(|i| i.is_reliable() || i.confidence() > 0.5)
        .map(|i| iso639_1(i.lang()));
    match (declared, detected) {
        (Some(d), Some(t)) if d != t => Some(t),
        (Some(d), _) => Some(d),
        (None, t) => t,
    }
}

/// ISO 639-3 (whatlang) → ISO 639-1 (the contract), for the languages whatlang knows.
const ISO639_3_TO_1: &[(&str, &str)] = &[
    ("fra", "fr"),
    ("eng", "en"),
    ("por", "pt"),
    ("spa", "es"),
    ("deu", "de"),
    ("ita", "it"),
    ("nld", "nl"),
    ("ara", "ar"),
    ("rus", "ru"),
    ("tur", "tr"),
    ("ces", "cs"),
    ("pol", "pl"),
    ("ukr", "uk"),
    ("cmn", "zh"),
    ("jpn", "ja"),
    ("kor", "ko"),
    ("hin", "hi"),
    ("swe", "sv"),
    ("dan", "da"),
    ("nob", "nb"),
    ("fin", "fi"),
    ("ron", "ro"),
    ("hun", "hu"),
    ("ell", "el"),
    ("heb", "he"),
    ("pes", "fa"),
    ("hau", "ha"),
    ("yor", "yo"),
    ("ibo", "ig"),
    ("wol", "wo"),
    ("swh", "sw"),
    ("ind", "id"),
    ("vie", "vi"),
    ("tha", "th"),
    ("cat", "ca"),
    ("slk", "sk"),
    ("slv", "sl"),
    ("hrv", "hr"),
    ("srp", "sr"),
    ("bul", "bg"),
    ("lit", "lt"),
    ("lav", "lv"),
    ("est", "et"),
    ("afr", "af"),
    ("amh", "am"),
    ("som", "so"),
    ("zul", "zu"),
    ("urd", "ur"),
    ("ben", "bn"),
    ("tam", "ta"),
    ("tel", "te"),
    ("mar", "mr"),
    ("guj", "gu"),
    ("pan", "pa"),
    ("kan", "kn"),
    ("mal", "ml"),
    ("nep", "ne"),
    ("sin", "si"),
    ("khm", "km"),
    ("mya", "my"),
    ("kat", "ka"),
    ("hye", "hy"),
    ("aze", "az"),
    ("bel", "be"),
    ("mkd", "mk"),
    ("uzb", "uz"),
    ("tgl", "tl"),
    ("lat", "la"),
    ("epo", "eo"),
    ("sna", "sn"),
    ("aka", "ak"),
    ("jav", "jv"),
    ("yid", "yi"),
    ("tuk", "tk"),
    ("ori", "or"),
    ("lao", "lo"),
    ("cym", "cy"),
    ("gle", "ga"),
    ("hrv", "hr"),
    ("bos", "bs"),
    ("kaz", "kk"),
    ("tgk", "tg"),
    ("mri", "mi"),
    ("lin", "ln"),
];

/// whatlang speaks ISO 639-3; the contract wants 639-1 where it exists.
fn iso639_1(lang: whatlang::Lang) -> String {
    let code = lang.code();
    ISO639_3_TO_1
        .iter()
        .find(|(three, _)| *three == code)
        .map_or(code, |(_, two)| two)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_ends_on_a_sentence() {
        let text = "Le groupe Wagner a quitté le Mali alors que ses éléments vont être intégrés dans le Corps africain, une force russe contrôlée depuis le Kremlin à Moscou. Pour la nébuleuse djihadiste au Sahel, ce retrait est vite perçu comme une des prémices de victoire dans la région, ce qui inquiète beaucoup les observateurs de la région et les diplomates.";
        let summary = summarize(text, 300);
        assert!(summary.chars().count() <= 300);
        assert!(summary.ends_with("Moscou."), "{summary}");
    }

    #[test]
    fn summary_of_one_long_sentence_is_cut_on_a_word() {
        let text = "mot ".repeat(200);
        let summary = summarize(&text, 300);
        assert!(summary.chars().count() <= 300 && summary.ends_with('…'));
    }

    #[test]
    fn first_sentence_ending_on_a_multibyte_character() {
        let text = "Un convoi « est arrivé à Bamako » , ont déclaré des sources locales.";
        assert_eq!(first_sentence(text, 120), "Un convoi « est arrivé à Bamako »");
        assert_eq!(
            first_sentence("Le traité “Confederal Union” signé", 120),
            "Le traité “Confederal Union”"
        );
        assert_eq!(
            first_sentence("« On reste », dit-il » Puis il part.", 120),
            "« On reste », dit-il »"
        );
        assert_eq!(first_sentence("Il attend… Rien ne vient.", 120), "Il attend…");
    }

    #[test]
    fn control_characters_leave_titles() {
        assert_eq!(
            clean_text("\u{1}Mali\u{7} \u{1b}[31m le\u{202e} bilan\u{fffd}"),
            "Mali [31m le bilan"
        );
    }

    #[test]
    fn an_implausible_date_gives_way_to_the_next_one_declared() {
        let day = |y, m, d| PubDate::Day(chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap());
        let draft = |date, others: &[(PubDate, &str)], updated| Draft {
            date: Some(date),
            date_source: Some("json-ld".into()),
            other_dates: others.iter().map(|(d, s)| (*d, s.to_string())).collect(),
            updated,
            ..Draft::default()
        };
        let imported = "2025-06-10T08:00:00Z";
        let url = [(day(2024, 3, 2), "url")];
        for implausible in [day(2031, 1, 1), day(1970, 1, 1), day(1994, 12, 31)] {
            let dated = Dated::choose(&draft(implausible, &url, None), imported);
            assert_eq!(
                (dated.date, dated.source.as_deref()),
                (Some(day(2024, 3, 2)), Some("url"))
            );
        }
        // The day after the import passes (time zones); updates before the date, or after the
        // import, are dropped.
        let dated = Dated::choose(&draft(day(2025, 6, 11), &url, Some(day(2025, 6, 1))), imported);
        assert_eq!((dated.date, dated.updated), (Some(day(2025, 6, 11)), None));
        let dated = Dated::choose(&draft(day(2025, 6, 1), &[], Some(day(2026, 1, 1))), imported);
        assert_eq!((dated.date, dated.updated), (Some(day(2025, 6, 1)), None));
        let dated = Dated::choose(&draft(day(2025, 6, 1), &[], Some(day(2025, 6, 2))), imported);
        assert_eq!(dated.updated, Some(day(2025, 6, 2)));
        let dated = Dated::choose(&draft(day(2040, 1, 1), &[], None), imported);
        assert_eq!(
            dated,
            Dated {
                date: None,
                source: None,
                updated: None
            }
        );
    }

    #[test]
    fn not_an_article() {
        let draft = Draft {
            paragraphs: vec!["Accueil".into()],
            ..Draft::default()
        };
        assert!(enrich(draft, "x.html", Provenance::default()).is_err());
    }

    #[test]
    fn language_detected_and_declaration_checked() {
        let fr = vec!["Les autorités maliennes ont annoncé la suspension des activités des partis politiques jusqu’à nouvel ordre, a indiqué le gouvernement.".to_string()];
        assert_eq!(detect_lang("", &fr, None).as_deref(), Some("fr"));
        assert_eq!(detect_lang("", &fr, Some("en-US")).as_deref(), Some("fr"));
        let en = vec!["The Malian authorities announced on Monday that political parties are suspended until further notice, the government said.".to_string()];
        assert_eq!(detect_lang("", &en, Some("en")).as_deref(), Some("en"));
    }
}
