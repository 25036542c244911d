//! What templates see: borrowed-free `Serialize` views of the site and its articles, dates
//! written in the article's language, and the interface strings in the site's language.
//! THEMES.md documents every field.

use chrono::Datelike;
use serde::Serialize;

use super::markdown;
use crate::article::PubDate;
use crate::config::Config;
use crate::site::archive::Entry;

/// The site, in every context as `site`.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub lang: String,
    pub base_url: String,
    /// Interface strings in the site's language.
    pub t: Strings,
}

impl SiteView {
    pub fn new(config: &Config) -> SiteView {
        SiteView {
            title: config.title.clone(),
            description: config.description.clone(),
            lang: config.language.clone(),
            base_url: config.base_url.clone(),
            t: Strings::for_lang(&config.language),
        }
    }
}

/// Interface strings. Kept as data in one place so a translation is one table.
#[derive(Debug, Clone, Serialize)]
pub struct Strings {
    pub articles: &'static str,
    pub latest: &'static str,
    pub by: &'static str,
    pub source: &'static str,
    pub section: &'static str,
    pub summary: &'static str,
    pub actors: &'static str,
    pub countries: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub newer: &'static str,
    pub older: &'static str,
    pub page: &'static str,
    pub of: &'static str,
    pub not_found: &'static str,
    pub not_found_text: &'static str,
    pub home: &'static str,
    pub undated: &'static str,
    pub empty: &'static str,
}

impl Strings {
    pub fn for_lang(lang: &str) -> Strings {
        match lang {
            "en" => Strings {
                articles: "Articles",
                latest: "Latest articles",
                by: "By",
                source: "Source",
                section: "Section",
                summary: "Summary",
                actors: "Actors",
                countries: "Countries",
                previous: "Previous",
                next: "Next",
                newer: "Newer",
                older: "Older",
                page: "Page",
                of: "of",
                not_found: "Page not found",
                not_found_text: "This page does not exist or has moved.",
                home: "Home",
                undated: "undated",
                empty: "No articles yet.",
            },
            _ => Strings {
                articles: "Articles",
                latest: "Derniers articles",
                by: "Par",
                source: "Source",
                section: "Rubrique",
                summary: "Résumé",
                actors: "Acteurs",
                countries: "Pays",
                previous: "Précédent",
                next: "Suivant",
                newer: "Plus récents",
                older: "Plus anciens",
                page: "Page",
                of: "sur",
                not_found: "Page introuvable",
                not_found_text: "Cette page n’existe pas ou a été déplacée.",
                home: "Accueil",
                undated: "sans date",
                empty: "Aucun article pour l’instant.",
            },
        }
    }
}

/// One article, as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    pub title: String,
    pub slug: String,
    /// Path from the site root: `articles/<slug>.html`.
    pub path: String,
    /// ISO date for `<time datetime>`, empty when undated.
    pub date: String,
    /// Date written in the article's language: « 9 juin 2025 », "June 9, 2025".
    pub date_display: String,
    pub authors: Vec<String>,
    pub agency: Option<String>,
    pub section: Option<String>,
    pub source_url: Option<String>,
    pub site_name: Option<String>,
    pub lang: String,
    pub summary: Option<String>,
    pub actors: Vec<String>,
    pub countries: Vec<String>,
    /// Sanitized HTML of the body (the only field templates may mark `safe`).
    pub body_html: String,
}

impl ArticleView {
    pub fn new(entry: &Entry, site: &SiteView) -> ArticleView {
        let front = &entry.article.front;
        let lang = front.lang.clone().unwrap_or_else(|| site.lang.clone());
        ArticleView {
            title: front.title.clone(),
            slug: entry.slug.clone(),
            path: format!("articles/{}.html", entry.slug),
            date: front
                .date
                .map(|d| d.day().format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            date_display: front.date.map(|d| format_date(&d, &lang)).unwrap_or_default(),
            authors: front.authors.clone(),
            agency: front.agency.clone(),
            section: front.section.clone(),
            // Only web addresses become links: a scraped `javascript:` URL stays out of href.
            source_url: front
                .source_url
                .clone()
                .filter(|u| u.starts_with("https://") || u.starts_with("http://")),
            site_name: front.site_name.clone(),
            lang,
            summary: front.summary.clone(),
            actors: front.actors.clone(),
            countries: front.countries.clone(),
            body_html: markdown::to_html(&entry.article.body),
        }
    }
}

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// « 9 juin 2025 » (fr, « 1er » for the first), "June 9, 2025" (en); ISO for other languages.
pub fn format_date(date: &PubDate, lang: &str) -> String {
    let day = date.day();
    let month = day.month0() as usize;
    match lang {
        "fr" if day.day() == 1 => format!("1er {} {}", MONTHS_FR[month], day.year()),
        "fr" => format!("{} {} {}", day.day(), MONTHS_FR[month], day.year()),
        "en" => format!("{} {}, {}", MONTHS_EN[month], day.day(), day.year()),
        _ => day.format("%Y-%m-%d").to_string(),
    }
}

/// `../` once per folder level of `path`, so links from that page reach the site root.
pub fn root_for(path: &str) -> String {
    let depth = path.matches('/').count();
    if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_article_language() {
        let date = PubDate::parse_iso("2025-06-09T10:30:00").unwrap();
        assert_eq!(format_date(&date, "fr"), "9 juin 2025");
        assert_eq!(format_date(&date, "en"), "June 9, 2025");
        assert_eq!(
            format_date(&PubDate::parse_iso("2024-08-01").unwrap(), "fr"),
            "1er août 2024"
        );
        assert_eq!(format_date(&date, "de"), "2025-06-09");
    }

    #[test]
    fn roots() {
        assert_eq!(root_for("index.html"), "./");
        assert_eq!(root_for("articles/x.html"), "../");
        assert_eq!(root_for("page/2/index.html"), "../../");
    }
}
