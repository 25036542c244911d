//! Syndication: one dispatch in two outlets is found at build, named on each copy's page
//! ("Aussi publié par"), shown once in search and listed in `data/dispatches.csv`; a report on
//! the same event written apart stays apart.

use super::site::copy_dir;
use super::util::{repo, run, stderr};

#[test]
fn copies_of_one_dispatch_name_each_other_and_search_shows_them_once() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/fixtures/site/syndicated"), dir.path());
    let out = run(dir.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let public = dir.path().join("public");
    let page = |name: &str| std::fs::read_to_string(public.join("articles").join(name)).unwrap();

    let copy = scraper::Html::parse_document(&page("journal-reprise.html"));
    let aside = scraper::Selector::parse(".also-published a").unwrap();
    let links: Vec<(String, String)> = copy
        .select(&aside)
        .map(|a| {
            (
                a.text().collect(),
                a.value().attr("href").unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(
        links,
        [(
            "Agence Sahel Presse".to_string(),
            "../articles/depeche-agence.html".to_string()
        )]
    );
    assert!(
        page("depeche-agence.html").contains("Le Quotidien du Fleuve</a>"),
        "the original names its copy"
    );
    assert!(
        !page("reportage-marches.html").contains("also-published"),
        "a report written apart"
    );

    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(public.join("search/meta.json")).unwrap()).unwrap();
    let groups = meta["dispatches"].as_array().expect("dispatch groups in meta.json");
    assert_eq!(groups.len(), 1, "{groups:?}");
    let docs: serde_json::Value =
        serde_json::from_slice(&std::fs::read(public.join("search/d/0.json")).unwrap()).unwrap();
    let group: Vec<usize> = groups[0]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_u64().unwrap() as usize)
        .collect();
    let mut titles: Vec<&str> = group.iter().map(|&d| docs[d]["title"].as_str().unwrap()).collect();
    titles.sort();
    assert_eq!(
        titles,
        [
            "Attaque contre un convoi près d'Ansongo : des chauffeurs portés disparus",
            "Mali : un convoi de ravitaillement attaqué sur l'axe Gao-Ansongo"
        ]
    );
    assert!(
        group
            .iter()
            .all(|&d| docs[d]["also"].as_array().is_some_and(|a| a.len() == 1))
    );

    let csv = std::fs::read_to_string(public.join("data/dispatches.csv")).unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 3, "{csv}");
    assert!(rows[0].starts_with("dispatch,article,"), "{csv}");
    assert!(
        rows[1].starts_with("articles/depeche-agence.html,articles/depeche-agence.html,"),
        "the earliest names the group and comes first: {csv}"
    );
    assert!(
        rows[2].starts_with("articles/depeche-agence.html,articles/journal-reprise.html,"),
        "{csv}"
    );
}
