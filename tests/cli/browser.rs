//! What a person sees: the bundled sample built, opened from disk in headless Chromium, scripts
//! run; screenshots kept under the target folder (`screenshots/`), the rendered DOM checked for
//! the title, counts and links a reader relies on. And the Nu HTML checker's verdict.

use std::path::{Path, PathBuf};

use scraper::{Html, Selector};

use crate::tools;
use crate::util::*;

struct Seen {
    dom: Html,
}

impl Seen {
    fn texts(&self, css: &str) -> Vec<String> {
        texts(&self.dom, css)
    }
}

/// Opens `page` under `public` in Chromium: saves a screenshot named `name` and returns the DOM
/// after scripts ran.
fn open(chromium: &Path, public: &Path, page: &str, name: &str) -> Seen {
    let url = format!("file://{}", public.join(page).display());
    let profile = tempfile::tempdir().unwrap();
    let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let png = shots.join(format!("{name}.png"));
    let status = tools::headless(chromium, profile.path())
        .arg(format!("--screenshot={}", png.display()))
        .arg(&url)
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let bytes = std::fs::read(&png).unwrap();
    assert!(
        bytes.starts_with(b"\x89PNG") && bytes.len() > 10_000,
        "{name}: a real screenshot ({} bytes)",
        bytes.len()
    );
    let dom = tools::headless(chromium, profile.path())
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .unwrap();
    Seen {
        dom: Html::parse_document(&String::from_utf8_lossy(&dom.stdout)),
    }
}

#[test]
fn a_reader_sees_the_bundled_sample() {
    let Some(chromium) = tools::chromium() else { return };
    let (_dir, public) = bundled_sample();

    let home = open(&chromium, &public, "index.html", "home");
    assert_eq!(home.texts(".site-title"), ["veille — revue de presse Sahel"]);
    let titles = home.texts(".article-list h2");
    assert_eq!(titles.len(), 10, "per_page from veille.toml");
    let articles = std::fs::read_dir(repo().join("content"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "md"))
        .count();
    assert_eq!(
        home.texts(".pagination span"),
        [format!("Page 1 sur {}", articles.div_ceil(10))]
    );
    assert!(home.texts(".site-nav a").contains(&"Acteurs".to_string()));

    let article = open(
        &chromium,
        &public,
        "articles/mali-le-jnim-considere-le-depart-de-wagner-comme-une-defaite-de-la-russie-dans.html",
        "article",
    );
    assert_eq!(
        article.texts("h1"),
        ["Mali : le JNIM considère le départ de Wagner comme une défaite de la Russie dans la région"]
    );
    assert!(article.texts(".body p").len() >= 6);
    let actor_links = article.texts(".tags .actors a");
    assert!(
        actor_links.iter().any(|a| a.contains("JNIM") || a.contains("GSIM")),
        "{actor_links:?}"
    );
    assert!(article.texts(".tags .countries a").contains(&"Mali".to_string()));

    // The sample's one dispatch run by two outlets: each copy names the other.
    let original = open(
        &chromium,
        &public,
        "articles/sahel-juntas-exit-from-ecowas-becomes-official-but-the-break-is-far-from-clean.html",
        "dispatch",
    );
    assert_eq!(original.texts(".also-published h2"), ["Aussi publié par"]);
    let copies = original.texts(".also-published li");
    assert!(
        copies.len() == 1 && copies[0].starts_with("The Lagos Ledger"),
        "{copies:?}"
    );

    let actors = open(&chromium, &public, "actors/index.html", "actors");
    let headings = actors.texts(".term-group h2");
    assert!(headings.iter().any(|h| h.starts_with("Groupes armés")), "{headings:?}");
    // The sort buttons are shown only when the script ran.
    let selector = Selector::parse(".sort").unwrap();
    assert!(
        actors
            .dom
            .select(&selector)
            .next()
            .unwrap()
            .value()
            .attr("hidden")
            .is_none(),
        "sort.js ran"
    );
    let counts: Vec<usize> = actors
        .texts(".term-list .count")
        .iter()
        .filter_map(|c| c.parse().ok())
        .collect();
    assert!(counts.len() >= 20 && counts.iter().all(|&c| c >= 1), "{counts:?}");

    let mali = open(&chromium, &public, "countries/mali/index.html", "country-mali");
    assert_eq!(mali.texts("h1"), ["Mali"]);
    let count: usize = mali.texts(".term-header .count")[0].parse().unwrap();
    assert!(count >= 5, "Mali is the sample's main subject: {count}");
    assert_eq!(
        mali.texts(".article-list h2").len(),
        count.min(10),
        "per_page from veille.toml"
    );
}

/// The pictures of the bundled sample as Chromium draws them: the home and a term timeline with
/// one drawn bar per month that has articles, the actors network inside its frame with no two
/// labels on top of each other. Screenshots are left in the test's temp folder while it runs.
#[test]
fn the_pictures_are_drawn_where_a_reader_sees_them() {
    let Some(chromium) = tools::chromium() else { return };
    let Some(playwright) = tools::playwright_core() else {
        return;
    };
    let (dir, public) = bundled_sample();
    let shots = dir.path().join("shots");
    std::fs::create_dir_all(&shots).unwrap();
    let pages = ["index.html", "actors/jnim/index.html", "actors/index.html"];
    let urls: Vec<String> = pages
        .iter()
        .map(|p| format!("file://{}", public.join(p).display()))
        .collect();
    let output = tools::browser_script("pictures.mjs", &playwright, &chromium)
        .arg(&shots)
        .args(&urls)
        .output()
        .expect("node runs");
    assert!(output.status.success(), "pictures.mjs: {}", stderr(&output));
    let seen: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("pictures.mjs: {e}: {}", String::from_utf8_lossy(&output.stdout)));
    for (i, page) in pages.iter().enumerate() {
        let shot = std::fs::read(shots.join(format!("{i}.png"))).unwrap();
        assert!(
            shot.starts_with(b"\x89PNG") && shot.len() > 10_000,
            "{page}: screenshot"
        );
    }
    // Every month with articles (a linked bar in the markup) is drawn with a visible size.
    for (i, page) in pages[..2].iter().enumerate() {
        let timeline = &seen[i]["timeline"];
        let html = Html::parse_document(&std::fs::read_to_string(public.join(page)).unwrap());
        let links = Selector::parse("svg.timeline a").unwrap();
        let months = html.select(&links).count();
        assert!(months > 0, "{page}");
        assert_eq!(timeline["bars"].as_u64(), Some(months as u64), "{page}: {timeline}");
        assert!(timeline["width"].as_f64().unwrap() > 500.0, "{page}: {timeline}");
        assert!(timeline["height"].as_f64().unwrap() > 60.0, "{page}: {timeline}");
    }
    let network = &seen[2]["network"];
    let circles = network["circles"].as_u64().unwrap();
    assert!(circles >= 10, "{network}");
    assert_eq!(network["inside"].as_u64(), Some(circles), "{network}");
    assert_eq!(network["labels_inside"], network["labels"], "{network}");
    assert_eq!(network["overlaps"].as_u64(), Some(0), "{network}");
}
