//! `veille import` of saved HTML pages: one small page per feature in
//! `tests/fixtures/html/<case>/page.html`, every front-matter field checked.

use serde_yaml::Value;

use crate::util::*;

/// Imports one fixture page; returns its front matter and body.
fn import(case: &str) -> (Value, String) {
    let dir = tempfile::tempdir().unwrap();
    let page = repo().join("tests/fixtures/html").join(case).join("page.html");
    let output = run(dir.path(), &["import", page.to_str().unwrap(), "--output", "out"]);
    assert_eq!(output.status.code(), Some(0), "{case}: {}", stderr(&output));
    let files = markdown_files(&dir.path().join("out"));
    assert_eq!(files.len(), 1, "{case}");
    front(&files[0])
}

fn list(yaml: &Value, key: &str) -> Vec<String> {
    yaml.get(key)
        .and_then(Value::as_sequence)
        .map(|s| s.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

fn date(yaml: &Value, key: &str) -> Option<String> {
    yaml.get(key).and_then(|v| v.as_str().map(str::to_string))
}

/// The three story paragraphs every fixture carries, nothing before the first.
fn assert_story(body: &str) {
    assert!(body.contains("Les vols humanitaires ont repris lundi à Gao"), "{body}");
    assert!(body.contains("dépendent presque entièrement de l’aide"), "{body}");
}

#[test]
fn json_ld_metadata_comes_first() {
    let (yaml, body) = import("jsonld");
    assert_eq!(
        str_field(&yaml, "title"),
        Some("Gao : les vols humanitaires reprennent")
    );
    assert_eq!(date(&yaml, "date").as_deref(), Some("2025-06-09T10:30:00+00:00"));
    assert_eq!(str_field(&yaml, "date_source"), Some("json-ld"));
    assert_eq!(date(&yaml, "updated").as_deref(), Some("2025-06-10T08:00:00+00:00"));
    assert_eq!(list(&yaml, "authors"), ["Awa Traoré", "Jean Dupont"]);
    assert!(yaml.get("agency").is_none());
    assert_eq!(str_field(&yaml, "section"), Some("Afrique"));
    assert_eq!(
        str_field(&yaml, "source_url"),
        Some("https://sahel.example/afrique/gao-vols")
    );
    assert_eq!(str_field(&yaml, "lang"), Some("fr"));
    assert!(
        str_field(&yaml, "summary")
            .unwrap()
            .starts_with("Les vols humanitaires ont repris")
    );
    assert_eq!(str_field(&yaml, "source_file"), Some("page.html"));
    assert_story(&body);
    assert!(
        !body.contains("## Gao"),
        "the headline is not repeated in the body: {body}"
    );
}

#[test]
fn open_graph_and_meta_only() {
    let (yaml, body) = import("og-meta");
    assert_eq!(
        str_field(&yaml, "title"),
        Some("Gao : les vols humanitaires reprennent")
    );
    assert_eq!(date(&yaml, "date").as_deref(), Some("2025-06-09T10:30:00+01:00"));
    assert_eq!(str_field(&yaml, "date_source"), Some("meta"));
    assert!(yaml.get("updated").is_none());
    assert_eq!(list(&yaml, "authors"), ["Moussa Diarra"]);
    assert_eq!(str_field(&yaml, "section"), Some("Afrique"));
    assert_eq!(str_field(&yaml, "site_name"), Some("Sahel Hebdo"));
    assert_eq!(
        str_field(&yaml, "source_url"),
        Some("https://sahel.example/afrique/gao-vols")
    );
    assert_eq!(str_field(&yaml, "lang"), Some("fr"));
    assert_eq!(
        str_field(&yaml, "summary"),
        Some("Après trois semaines d’interruption, les vols humanitaires reprennent à Gao, selon les Nations unies.")
    );
    assert_story(&body);
}

#[test]
fn visible_french_dates_published_and_updated() {
    let (yaml, body) = import("french-date");
    assert_eq!(
        str_field(&yaml, "title"),
        Some("Gao : les vols humanitaires reprennent")
    );
    assert_eq!(date(&yaml, "date").as_deref(), Some("2025-06-09T10:30:00"));
    assert_eq!(str_field(&yaml, "date_source"), Some("text"));
    assert_eq!(date(&yaml, "updated").as_deref(), Some("2025-06-10T08:15:00"));
    assert!(list(&yaml, "authors").is_empty());
    assert!(yaml.get("source_url").is_none() && yaml.get("section").is_none());
    assert_eq!(
        str_field(&yaml, "lang"),
        Some("fr"),
        "no <html lang>: detected from the text"
    );
    assert_story(&body);
    assert!(!body.contains("Publié le"), "the dateline is metadata: {body}");
    assert!(body.contains("Le 2 mars dernier"), "a date in the story stays in it");
}

#[test]
fn byline_with_two_authors_and_an_agency() {
    let (yaml, body) = import("byline");
    assert_eq!(list(&yaml, "authors"), ["Jean Dupont", "Awa Traoré"]);
    assert_eq!(str_field(&yaml, "agency"), Some("AFP"));
    assert!(yaml.get("date").is_none(), "the page states no date");
    assert_eq!(str_field(&yaml, "lang"), Some("fr"));
    assert_story(&body);
    assert!(!body.contains("Par Jean Dupont"), "the byline is metadata: {body}");
}

#[test]
fn site_name_suffix_leaves_the_title() {
    let (yaml, body) = import("site-suffix");
    assert_eq!(
        str_field(&yaml, "title"),
        Some("Gao : les vols humanitaires reprennent")
    );
    assert_eq!(str_field(&yaml, "site_name"), Some("Sahel Hebdo"));
    assert_story(&body);
}

#[test]
fn figures_lists_quotes_tables_and_absolute_urls() {
    let (yaml, body) = import("figure");
    assert_eq!(
        str_field(&yaml, "source_url"),
        Some("https://sahel.example/afrique/gao-vols")
    );
    assert!(
        body.contains("![L’aéroport de Gao](https://media.sahel.example/articles/2025/images/gao-aeroport.jpg)"),
        "image resolved against <base>: {body}"
    );
    assert!(body.contains("*L’aéroport de Gao, le 9 juin 2025.*"), "caption: {body}");
    assert!(body.contains("## Les besoins restent immenses"), "{body}");
    assert!(
        body.contains("- 12 000 déplacés recensés à Gao\n- 3 convois bloqués depuis mars"),
        "{body}"
    );
    assert!(body.contains("> Nous attendions ces vols"), "{body}");
    assert!(
        body.contains("| Ville | Déplacés |\n| --- | --- |\n| Gao | 12 000 |"),
        "{body}"
    );
    assert!(
        body.contains("[rapport](https://media.sahel.example/rapport.pdf)"),
        "{body}"
    );
    assert!(body.contains("un lien piégé") && !body.contains("javascript"), "{body}");
    assert_story(&body);
}

#[test]
fn listing_page_is_no_article() {
    let dir = tempfile::tempdir().unwrap();
    let page = repo().join("tests/fixtures/html/listing/page.html");
    let output = run(dir.path(), &["import", page.to_str().unwrap(), "--output", "out"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("page.html: no article found: "), "{err}");
    assert!(err.contains("hint: listing"), "{err}");
    assert!(markdown_files(&dir.path().join("out")).is_empty());
}

#[test]
fn cookie_banner_share_bar_related_and_comments_removed() {
    let (yaml, body) = import("furniture");
    assert_eq!(
        str_field(&yaml, "title"),
        Some("Gao : les vols humanitaires reprennent")
    );
    assert_story(&body);
    for junk in [
        "cookies",
        "Accepter",
        "Afrique",
        "Partager",
        "Tweeter",
        "À lire aussi",
        "Sur le même sujet",
        "Bamako",
        "commentaires",
        "Enfin une bonne nouvelle",
        "Envoyer",
        "©",
    ] {
        assert!(!body.contains(junk), "{junk:?} in {body}");
    }
}
