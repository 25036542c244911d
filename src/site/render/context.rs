//! What templates see: borrowed-free `Serialize` views of the site and its articles, dates
//! written in the article's language, and the interface strings in the site's language.
//! THEMES.md documents every field.

use std::collections::HashMap;

use chrono::Datelike;
use serde::Serialize;

use crate::article::PubDate;
use crate::config::Config;
use crate::site::archive::{Entry, Taxonomy};
use crate::site::glossary::Glossary;

/// The site, in every context as `site`.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub lang: String,
    pub base_url: String,
    /// Whether the search index and page are built (`search` in `veille.toml`).
    pub search: bool,
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
            search: config.search,
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
    /// Heading of an article's copies in other outlets: "Also published by".
    pub also_published: &'static str,
    pub home: &'static str,
    pub undated: &'static str,
    pub empty: &'static str,
    pub sections: &'static str,
    pub by_count: &'static str,
    pub by_name: &'static str,
    pub articles_count: &'static str,
    pub seen_with: &'static str,
    pub by_month: &'static str,
    pub article_one: &'static str,
    /// Explains a lift: "times as often as chance".
    pub lift_note: &'static str,
    pub shared_articles: &'static str,
    pub and: &'static str,
    pub network: &'static str,
    pub network_note: &'static str,
    pub month_table: &'static str,
    pub pairs_list: &'static str,
    pub data: &'static str,
    pub data_note: &'static str,
    pub feed: &'static str,
    pub armed_group: &'static str,
    pub armed_force: &'static str,
    pub government: &'static str,
    pub organisation: &'static str,
    pub person: &'static str,
    pub other: &'static str,
    pub search: &'static str,
    pub search_label: &'static str,
    pub search_button: &'static str,
    pub search_all: &'static str,
    pub language: &'static str,
    pub year: &'static str,
    pub search_result: &'static str,
    pub search_results: &'static str,
    pub search_none: &'static str,
    pub search_more: &'static str,
    pub search_loading: &'static str,
    pub search_file: &'static str,
    pub search_error: &'static str,
    pub search_noscript: &'static str,
}

impl Strings {
    /// Heading of a taxonomy's pages.
    pub fn taxonomy(&self, taxonomy: Taxonomy) -> &'static str {
        match taxonomy {
            Taxonomy::Section => self.sections,
            Taxonomy::Actor => self.actors,
            Taxonomy::Country => self.countries,
        }
    }

    /// Heading for an actor kind (`armed_group`…).
    pub fn kind(&self, kind: &str) -> &'static str {
        match kind {
            "armed_group" => self.armed_group,
            "armed_force" => self.armed_force,
            "government" => self.government,
            "organisation" => self.organisation,
            "person" => self.person,
            _ => self.other,
        }
    }

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
                also_published: "Also published by",
                home: "Home",
                undated: "undated",
                empty: "No articles yet.",
                sections: "Sections",
                by_count: "by number of articles",
                by_name: "by name",
                articles_count: "articles",
                seen_with: "Often seen with",
                by_month: "Articles per month",
                article_one: "article",
                lift_note: "times as often as chance",
                shared_articles: "Articles in common",
                and: "and",
                network: "Who appears with whom",
                network_note: "The actors with most articles, joined where they appear together more often than chance (log-likelihood); a line leads to their shared articles.",
                month_table: "The months as a table",
                pairs_list: "The pairs as a list",
                data: "Data",
                data_note: "The archive as files for a spreadsheet, pandas or Gephi:",
                feed: "Atom feed",
                armed_group: "Armed groups",
                armed_force: "Armed forces",
                government: "Governments",
                organisation: "Organisations",
                person: "People",
                other: "Others",
                search: "Search",
                search_label: "Search the archive",
                search_button: "Search",
                search_all: "All",
                language: "Language",
                year: "Year",
                search_result: "article found",
                search_results: "articles found",
                search_none: "No article contains all these words.",
                search_more: "More results",
                search_loading: "Searching…",
                search_file: "Search needs the site to be served over HTTP: browsers such as Chromium block reading the index from a page opened from disk. Run `veille serve`, or any static web server.",
                search_error: "The search index could not be loaded.",
                search_noscript: "Search runs in your browser and needs JavaScript.",
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
                also_published: "Aussi publié par",
                home: "Accueil",
                undated: "sans date",
                empty: "Aucun article pour l’instant.",
                sections: "Rubriques",
                by_count: "par nombre d’articles",
                by_name: "par nom",
                articles_count: "articles",
                seen_with: "Souvent cités avec",
                by_month: "Articles par mois",
                article_one: "article",
                lift_note: "fois plus souvent que le hasard",
                shared_articles: "Articles en commun",
                and: "et",
                network: "Qui apparaît avec qui",
                network_note: "Les acteurs les plus cités, reliés quand ils apparaissent ensemble plus souvent que le hasard (rapport de vraisemblance) ; un trait mène à leurs articles communs.",
                month_table: "Les mois en tableau",
                pairs_list: "Les paires en liste",
                data: "Données",
                data_note: "L’archive en fichiers pour un tableur, pandas ou Gephi :",
                feed: "Flux Atom",
                armed_group: "Groupes armés",
                armed_force: "Forces armées",
                government: "Gouvernements",
                organisation: "Organisations",
                person: "Personnalités",
                other: "Autres",
                search: "Recherche",
                search_label: "Rechercher dans l’archive",
                search_button: "Chercher",
                search_all: "Tous",
                language: "Langue",
                year: "Année",
                search_result: "article trouvé",
                search_results: "articles trouvés",
                search_none: "Aucun article ne contient tous ces mots.",
                search_more: "Plus de résultats",
                search_loading: "Recherche…",
                search_file: "La recherche a besoin que le site soit servi en HTTP : des navigateurs comme Chromium interdisent de lire l’index depuis une page ouverte sur le disque. Lancez `veille serve`, ou tout serveur web statique.",
                search_error: "L’index de recherche n’a pas pu être chargé.",
                search_noscript: "La recherche se fait dans votre navigateur et demande JavaScript.",
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
    /// RFC 3339 instant for feeds and the sitemap (a bare day is taken as midnight UTC).
    pub datetime: Option<String>,
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
    /// Links to the term pages of the article's section, actors and countries.
    pub section_link: Option<TermLink>,
    pub actor_links: Vec<TermLink>,
    pub country_links: Vec<TermLink>,
    /// Sanitized HTML of the body (the only field templates may mark `safe`); empty outside
    /// the article's own page.
    pub body_html: String,
}

/// A link to a term page, labelled in the site's language.
#[derive(Debug, Clone, Serialize)]
pub struct TermLink {
    pub label: String,
    pub path: String,
}

/// Where each term's page is, and how to label it: what article pages need to link to terms.
pub struct TermLinks<'a> {
    pub sections: HashMap<&'a str, &'a str>,
    pub actors: HashMap<&'a str, &'a str>,
    pub countries: HashMap<&'a str, &'a str>,
    pub glossary: &'a Glossary,
}

impl TermLinks<'_> {
    fn links(&self, names: &[String], slugs: &HashMap<&str, &str>, folder: &str, lang: &str) -> Vec<TermLink> {
        names
            .iter()
            .filter_map(|n| {
                let slug = slugs.get(n.as_str())?;
                Some(TermLink {
                    label: self.glossary.label(n, lang),
                    path: term_path(folder, slug),
                })
            })
            .collect()
    }
}

/// `actors/jnim/index.html`.
pub fn term_path(folder: &str, slug: &str) -> String {
    format!("{folder}/{slug}/index.html")
}

impl ArticleView {
    pub fn new(entry: &Entry, site: &SiteView, terms: &TermLinks) -> ArticleView {
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
            datetime: front.date.map(|d| d.to_rfc3339()),
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
            section_link: front.section.as_ref().and_then(|s| {
                let slug = terms.sections.get(s.as_str())?;
                Some(TermLink {
                    label: s.clone(),
                    path: term_path("sections", slug),
                })
            }),
            actor_links: terms.links(&front.actors, &terms.actors, "actors", &site.lang),
            country_links: terms.links(&front.countries, &terms.countries, "countries", &site.lang),
            // Filled in by the article page only, which reads the body when it renders.
            body_html: String::new(),
        }
    }
}

/// « 9 juin 2025 » (fr, « 1er » for the first), "June 9, 2025" (en); ISO for other languages.
pub fn format_date(date: &PubDate, lang: &str) -> String {
    let day = date.day();
    let month = crate::calendar::month_name(day.month(), lang).unwrap_or_default();
    match lang {
        "fr" if day.day() == 1 => format!("1er {month} {}", day.year()),
        "fr" => format!("{} {month} {}", day.day(), day.year()),
        "en" => format!("{month} {}, {}", day.day(), day.year()),
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
