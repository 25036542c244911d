//! Search: the index `veille build` writes under `search/` and what a reader sees on
//! `search.html` in headless Chromium, served over HTTP under a subpath (fetch() needs it):
//! pages loaded with a query, and a query typed into the bundled sample's header search box.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use scraper::{Html, Selector};
use serde::Deserialize;

use crate::site::{copy_dir, serve_under_archive};
use crate::tools;
use crate::util::*;

/// The tagged fixture plus one more article on Wagner, in Burkina Faso, with accents to fold.
fn built_site(extra_config: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/fixtures/site/tagged"), dir.path());
    std::fs::write(
        dir.path().join("content/djibo-refugies.md"),
        "---\ntitle: 'Les réfugiés de Djibo'\ndate: 2025-03-01\nlang: fr\nsection: Sécurité\n\
         site_name: Le Faso\nactors: [Wagner Group]\ncountries: [Burkina Faso]\n---\n\n\
         À Djibo, les réfugiés redoutent les mercenaires de Wagner. Le colonel Goïta n’a rien dit.\n",
    )
    .unwrap();
    if !extra_config.is_empty() {
        let config = dir.path().join("veille.toml");
        let text = std::fs::read_to_string(&config).unwrap();
        std::fs::write(&config, format!("{text}\n{extra_config}\n")).unwrap();
    }
    let output = run(dir.path(), &["build"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let public = dir.path().join("public");
    (dir, public)
}

fn json(public: &Path, path: &str) -> serde_json::Value {
    let bytes = std::fs::read(public.join("search").join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn build_writes_a_sharded_index_every_page_can_reach() {
    let (_dir, public) = built_site("");
    let meta = json(&public, "meta.json");
    assert_eq!(meta["version"], 1);
    assert_eq!(meta["docs"], 6);
    let fields: Vec<&str> = meta["filters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["country", "actor", "section", "lang", "year"]);

    // Every listed shard exists, every word's postings lie inside an existing chunk.
    let mut words = 0;
    for shard in meta["shards"].as_array().unwrap() {
        let shard = json(&public, &format!("w/{}.json", shard.as_str().unwrap()));
        for (word, entries) in shard["words"].as_object().unwrap() {
            words += 1;
            for entry in entries.as_array().unwrap() {
                let (chunk, offset, len) = (&entry[0], entry[1].as_u64().unwrap(), entry[2].as_u64().unwrap());
                let bytes = std::fs::read(public.join(format!("search/p/{chunk}.bin"))).unwrap();
                assert!(offset + len <= bytes.len() as u64 && len >= 2, "{word}: {entry}");
            }
        }
    }
    assert!(words > 40, "{words} words");
    // « Goïta » and « Goita » are one folded word; « réfugiés » is found as « refugies ».
    assert!(json(&public, "w/go.json")["words"].get("goita").is_some());
    assert!(json(&public, "w/re.json")["words"].get("refugies").is_some());
    assert_eq!(json(&public, "w/wa.json")["words"]["wagner"][0][3], 2, "two articles");

    let docs = json(&public, "d/0.json");
    let titles: Vec<&str> = docs
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles[0], "Wagner quitte le Mali", "newest first");
    assert_eq!(titles.len(), 6);
    assert_eq!(docs[0]["path"], "articles/wagner-depart.html");
    assert!(public.join("search/f/country/0.bin").is_file());

    // The header search box links relatively to search.html from every depth.
    let form = Selector::parse("form.site-search").unwrap();
    for (page, action) in [
        ("index.html", "./search.html"),
        ("articles/wagner-depart.html", "../search.html"),
        ("actors/jnim/index.html", "../../search.html"),
    ] {
        let html = Html::parse_document(&std::fs::read_to_string(public.join(page)).unwrap());
        let found = html
            .select(&form)
            .next()
            .unwrap_or_else(|| panic!("{page}: no search box"));
        assert_eq!(found.value().attr("action"), Some(action), "{page}");
    }
    let search = Html::parse_document(&std::fs::read_to_string(public.join("search.html")).unwrap());
    let options = texts(&search, "#search-country option");
    assert_eq!(options[0], "Tous");
    assert!(options.contains(&"Mali (4)".to_string()), "{options:?}");
}

#[test]
fn search_can_be_turned_off() {
    let (_dir, public) = built_site("search = false");
    assert!(!public.join("search").exists() && !public.join("search.html").exists());
    let home = std::fs::read_to_string(public.join("index.html")).unwrap();
    assert!(!home.contains("site-search") && home.contains("site-nav"));
}

/// `search.html?<query>` after its script ran, as Chromium shows it.
fn search_page(chromium: &Path, url: &str) -> Html {
    let profile = tempfile::tempdir().unwrap();
    let output = tools::headless(chromium, profile.path())
        .arg("--virtual-time-budget=5000")
        .arg("--dump-dom")
        .arg(url)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    Html::parse_document(&String::from_utf8_lossy(&output.stdout))
}

#[test]
fn a_reader_searches_wagner_then_narrows_by_country() {
    let Some(chromium) = tools::chromium() else { return };
    let (_dir, public) = built_site("");
    let port = serve_under_archive(public.clone());
    let url = |query: &str| format!("http://127.0.0.1:{port}/archive/search.html?{query}");

    let page = search_page(&chromium, &url("q=Wagner"));
    assert_eq!(
        texts(&page, ".search-result h2"),
        ["Wagner quitte le Mali", "Les réfugiés de Djibo"],
        "the title match first"
    );
    assert_eq!(texts(&page, "#search-status"), ["2 articles trouvés"]);
    assert!(texts(&page, ".search-result mark").iter().all(|m| m == "Wagner"));
    assert!(
        texts(&page, ".search-result .excerpt mark").len() >= 2,
        "hits marked in excerpts"
    );
    assert!(texts(&page, ".search-result .meta")[1].contains("1er mars 2025 · Le Faso · Sécurité"));
    let link = Selector::parse(".search-result h2 a").unwrap();
    let href = page.select(&link).next().unwrap().value().attr("href");
    assert_eq!(
        href,
        Some("./articles/wagner-depart.html"),
        "relative: works under /archive/"
    );

    let mali = search_page(&chromium, &url("q=Wagner&country=Mali"));
    assert_eq!(texts(&mali, ".search-result h2"), ["Wagner quitte le Mali"]);
    assert_eq!(texts(&mali, "#search-status"), ["1 article trouvé"]);

    // Accents and case fold both ways.
    let goita = search_page(&chromium, &url("q=GOITA"));
    assert_eq!(texts(&goita, ".search-result h2"), ["Les réfugiés de Djibo"]);
    assert_eq!(texts(&goita, ".search-result mark"), ["Goïta"]);
    let refugies = search_page(&chromium, &url("q=refugies+djibo"));
    assert_eq!(texts(&refugies, ".search-result h2"), ["Les réfugiés de Djibo"]);
    let nothing = search_page(&chromium, &url("q=Wagner+Niamey"));
    assert_eq!(texts(&nothing, ".search-result").len(), 0);
    assert_eq!(
        texts(&nothing, "#search-status"),
        ["Aucun article ne contient tous ces mots."]
    );

    // From disk, Chromium blocks fetch(): the page says so instead of failing silently.
    let from_disk = search_page(
        &chromium,
        &format!("file://{}?q=Wagner", public.join("search.html").display()),
    );
    let status = texts(&from_disk, "#search-status").join(" ");
    assert!(status.contains("servi en HTTP"), "{status}");
}

/// One article of the bundled sample as this test reads it, apart from veille's own code: its
/// title, the folded words of its title, summary and body text, and its countries.
struct Doc {
    title: String,
    words: BTreeSet<String>,
    countries: Vec<String>,
}

/// Words of `text`, case and accents folded (« Løvdahl » is `lovdahl`).
fn folded_words(text: &str) -> Vec<String> {
    deunicode::deunicode(text)
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

fn sample_docs() -> Vec<Doc> {
    markdown_files(&repo().join("content"))
        .iter()
        .map(|file| {
            let (yaml, body) = front(file);
            let title = str_field(&yaml, "title").unwrap_or_default().to_string();
            // The text a reader sees in the body: link targets are not words of the article.
            let mut text = format!("{title} {} ", str_field(&yaml, "summary").unwrap_or_default());
            for event in pulldown_cmark::Parser::new(&body) {
                if let pulldown_cmark::Event::Text(t) | pulldown_cmark::Event::Code(t) = event {
                    text.push_str(&t);
                    text.push(' ');
                }
            }
            let countries = yaml["countries"]
                .as_sequence()
                .map(|s| s.iter().filter_map(|c| c.as_str().map(String::from)).collect())
                .unwrap_or_default();
            Doc {
                words: folded_words(&text).into_iter().collect(),
                title,
                countries,
            }
        })
        .collect()
}

/// What `tests/browser/search.mjs` printed.
#[derive(Deserialize)]
struct Typed {
    typed: Shown,
    filtered: Vec<Filtered>,
    errors: Vec<String>,
}

#[derive(Deserialize)]
struct Filtered {
    country: String,
    #[serde(flatten)]
    shown: Shown,
}

/// One state of the search page.
#[derive(Deserialize)]
struct Shown {
    url: String,
    status: String,
    titles: Vec<String>,
    marks: Vec<String>,
    more: bool,
}

/// Types `query` into the header box of the site at `home`, then picks each of `countries`.
fn search_by_typing(playwright: &Path, chromium: &Path, home: &str, query: &str, countries: &[&str]) -> Typed {
    let mut args = vec![home, query];
    args.extend_from_slice(countries);
    let typed: Typed = run_script("search.mjs", playwright, chromium, &args);
    assert!(typed.errors.is_empty(), "script errors in the page: {:?}", typed.errors);
    typed
}

/// Runs a script of `tests/browser/` with `args` and reads the one JSON object it prints.
fn run_script<T: serde::de::DeserializeOwned>(
    script: &str,
    playwright: &Path,
    chromium: &Path,
    args: &[impl AsRef<std::ffi::OsStr>],
) -> T {
    let output = tools::browser_script(script, playwright, chromium)
        .args(args)
        .output()
        .expect("node runs");
    assert!(output.status.success(), "{script}: {}", stderr(&output));
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{script}: {e}: {}", String::from_utf8_lossy(&output.stdout)))
}

/// The page shows exactly `expected` (in any order, all on one page), counts them in its status
/// line, and marks only words that fold to `word`.
fn assert_shows(shown: &Shown, expected: &[&Doc], word: &str) {
    let titles: BTreeSet<&str> = shown.titles.iter().map(String::as_str).collect();
    let wanted: BTreeSet<&str> = expected.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(titles, wanted, "{}", shown.url);
    assert_eq!(shown.titles.len(), expected.len(), "{}: each article once", shown.url);
    assert!(!shown.more, "{}: all results on the first page", shown.url);
    let count = shown
        .status
        .split_whitespace()
        .next()
        .and_then(|n| n.parse::<usize>().ok());
    assert_eq!(count, Some(expected.len()), "{}: status {:?}", shown.url, shown.status);
    for mark in &shown.marks {
        assert_eq!(folded_words(mark), [word], "{}: marked {mark:?}", shown.url);
    }
    let in_titles = expected
        .iter()
        .filter(|d| folded_words(&d.title).iter().any(|w| w == word));
    assert!(
        shown.marks.len() >= in_titles.count(),
        "{}: {:?}",
        shown.url,
        shown.marks
    );
}

#[test]
fn a_reader_types_wagner_into_the_bundled_sample_then_filters_by_country() {
    let Some(chromium) = tools::chromium() else { return };
    let Some(playwright) = tools::playwright_core() else {
        return;
    };
    let docs = sample_docs();
    let wagner: Vec<&Doc> = docs.iter().filter(|d| d.words.contains("wagner")).collect();
    // Two country filters that narrow those articles to disjoint sets (so the second cannot pass
    // on what the first left): the country most of them concern short of all, then one of the
    // others' (the new Central African one, with the sample as it is).
    let tagged = |d: &Doc, country: &str| d.countries.iter().any(|c| c == country);
    let articles_on = |country: &str| wagner.iter().filter(|d| tagged(d, country)).count();
    let countries: BTreeSet<&str> = wagner
        .iter()
        .flat_map(|d| d.countries.iter().map(String::as_str))
        .collect();
    let main = countries
        .iter()
        .copied()
        .filter(|&c| articles_on(c) < wagner.len())
        .max_by_key(|&c| articles_on(c))
        .expect("a country that narrows the Wagner articles");
    let other = countries
        .iter()
        .copied()
        .find(|&c| wagner.iter().all(|d| !tagged(d, c) || !tagged(d, main)))
        .unwrap_or_else(|| panic!("the sample needs a Wagner article not about {main}"));
    let choices = [other, main];

    let (_dir, public) = bundled_sample();
    let port = serve_under_archive(public);
    let home = format!("http://127.0.0.1:{port}/archive/");
    let seen = search_by_typing(&playwright, &chromium, &home, "Wagner", &choices);
    assert_eq!(
        seen.typed.url, "/archive/search.html?q=Wagner",
        "Enter opens the search page"
    );
    assert_shows(&seen.typed, &wagner, "wagner");
    assert_eq!(seen.filtered.len(), choices.len());
    for (filter, country) in seen.filtered.iter().zip(choices) {
        assert_eq!(filter.country, country);
        assert!(
            filter.shown.url.contains("&country="),
            "bookmarkable: {}",
            filter.shown.url
        );
        let expected: Vec<&Doc> = wagner.iter().filter(|d| tagged(d, country)).copied().collect();
        assert!(
            !expected.is_empty() && expected.len() < wagner.len(),
            "{country} narrows"
        );
        assert_shows(&filter.shown, &expected, "wagner");
    }

    // A letter NFD leaves whole: « Løvdahl » typed as written finds the article that names her.
    let lovdahl: Vec<&Doc> = docs.iter().filter(|d| d.words.contains("lovdahl")).collect();
    assert!(!lovdahl.is_empty(), "the sample names Siri Løvdahl");
    let seen = search_by_typing(&playwright, &chromium, &home, "Løvdahl", &[]);
    assert_shows(&seen.typed, &lovdahl, "lovdahl");
}

/// Whether generated article `i` has word `n` of the big-archive test: a fixed pseudo-random
/// draw (no corpus, no randomness between runs), `percent` of the articles on average.
fn draws(i: u64, n: u64, percent: u64) -> bool {
    let mut x = (i + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ n.wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    x ^= x >> 31;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 29;
    x % 100 < percent
}

#[test]
fn an_and_of_words_in_more_articles_than_the_postings_cap_finds_exactly_those_with_both() {
    let Some(chromium) = tools::chromium() else { return };
    let Some(playwright) = tools::playwright_core() else {
        return;
    };
    // More articles than the index keeps scored postings per stem (5,000), so both common words
    // go over the cap; a rare third word checks an AND of a capped and an uncapped list.
    const ARTICLES: u64 = 6000;
    let words = [("convoi", 96), ("frontiere", 96), ("embuscade", 1)];
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir(&content).unwrap();
    std::fs::write(dir.path().join("veille.toml"), "title = \"Grand\"\nper_page = 1000\n").unwrap();
    let mut has = vec![[false; 3]; ARTICLES as usize];
    for i in 0..ARTICLES {
        let mut body = format!("Article numéro {i} sur la situation.");
        for (n, (word, percent)) in words.iter().enumerate() {
            if draws(i, n as u64, *percent) {
                has[i as usize][n] = true;
                body.push_str(&format!(" Un {word} signalé."));
            }
        }
        let text = format!(
            "---\ntitle: 'Dépêche {i}'\ndate: 2024-{:02}-{:02}\nlang: fr\n---\n\n{body}\n",
            i % 12 + 1,
            i % 28 + 1
        );
        std::fs::write(content.join(format!("d{i:05}.md")), text).unwrap();
    }
    let output = run(dir.path(), &["build"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let port = serve_under_archive(dir.path().join("public"));
    let queries = [
        ("convoi+frontiere", &[0, 1][..]),
        ("convoi", &[0]),
        ("embuscade+frontiere", &[2, 1]),
    ];
    let urls = queries.map(|(query, _)| format!("http://127.0.0.1:{port}/archive/search.html?q={query}"));
    let seen: Queried = run_script("query.mjs", &playwright, &chromium, &urls);
    assert!(seen.errors.is_empty(), "script errors in the page: {:?}", seen.errors);
    if !seen.retries.is_empty() {
        eprintln!("query.mjs reloaded a stalled search page: {:?}", seen.retries);
    }
    assert_eq!(seen.seen.len(), queries.len());
    for ((query, wanted), shown) in queries.iter().zip(&seen.seen) {
        let expected = has.iter().filter(|h| wanted.iter().all(|&n| h[n])).count();
        assert!(expected > 0);
        assert_eq!(shown.status, format!("{expected} articles trouvés"), "{query}");
        assert!(shown.shown > 0, "{query}: results listed");
        if *query == "convoi+frontiere" {
            assert!(expected > 5000, "the AND itself is over the cap");
        }
    }
}

/// What `tests/browser/query.mjs` printed.
#[derive(Deserialize)]
struct Queried {
    seen: Vec<SearchPage>,
    errors: Vec<String>,
    retries: Vec<String>,
}

/// One search page as the reader saw it.
#[derive(Deserialize)]
struct SearchPage {
    status: String,
    shown: usize,
}
