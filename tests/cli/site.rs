//! `veille build` on a tagged archive: term indexes and pages, feeds, sitemap, and every
//! internal link resolving when `public/` is served under a subpath.

use std::collections::{BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

use scraper::{Html, Selector};

use crate::util::*;

/// Copies the `tagged` fixture site to a temp folder and builds it.
fn built_site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/fixtures/site/tagged"), dir.path());
    let output = run(dir.path(), &["build"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let public = dir.path().join("public");
    (dir, public)
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The `name` attribute of every element `selector` matches.
fn attr(html: &Html, selector: &str, name: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    html.select(&selector)
        .filter_map(|e| e.value().attr(name).map(str::to_string))
        .collect()
}

fn page(public: &Path, path: &str) -> Html {
    Html::parse_document(&std::fs::read_to_string(public.join(path)).unwrap_or_else(|e| panic!("{path}: {e}")))
}

#[test]
fn actor_index_groups_by_kind_with_counts() {
    let (_dir, public) = built_site();
    let index = page(&public, "actors/index.html");
    let headings = texts(&index, ".term-group h2");
    assert!(headings.iter().any(|h| h.starts_with("Groupes armés")), "{headings:?}");
    let items = texts(&index, "#armed_group li");
    assert_eq!(
        items.first().map(String::as_str),
        Some("JNIM (GSIM) 2 — Coalition sahélienne affiliée à al-Qaïda."),
        "site dictionary wins: {items:?}"
    );
    assert!(texts(&index, "#armed_force li").iter().any(|i| i.starts_with("FAMa 1")));
    assert!(texts(&index, "#organisation li").iter().any(|i| i.starts_with("AES 2")));
}

#[test]
fn term_page_lists_articles_related_terms_and_months() {
    let (_dir, public) = built_site();
    let jnim = page(&public, "actors/jnim/index.html");
    assert_eq!(texts(&jnim, "h1"), ["JNIM (GSIM)"]);
    assert_eq!(texts(&jnim, ".canonical-name"), ["JNIM"]);
    let titles = texts(&jnim, ".article-list h2");
    assert_eq!(
        titles,
        ["Wagner quitte le Mali", "Le JNIM attaque près de Kayes"],
        "newest first"
    );
    // Mali is in 4 of the 5 articles and in both of JNIM's: more than chance (×1.2 of 1.6
    // expected). FAMa shares one article: too little to call it an association.
    let related = texts(&jnim, ".related li");
    assert_eq!(related, ["Mali 2 ×1.2"], "{related:?}");
    assert_eq!(texts(&jnim, ".months th"), ["2025-06"]);
    // The shared count leads to the page of the two terms' articles.
    let pair = attr(&jnim, ".related a.count", "href");
    assert_eq!(pair, ["../../with/actors-jnim/countries-mali/index.html"]);
    let shared = page(&public, "with/actors-jnim/countries-mali/index.html");
    assert_eq!(texts(&shared, ".compact-list li a").len(), 2);
    assert_eq!(texts(&shared, "h1"), ["JNIM (GSIM) et Mali"]);
    // The timeline: one bar for June 2025, linked to where its articles start on this page.
    let bars = attr(&jnim, "svg.timeline a", "href");
    assert_eq!(bars, ["index.html#m-2025-06"]);
    assert_eq!(attr(&jnim, ".article-list li[id]", "id"), ["m-2025-06"]);
    let home = page(&public, "index.html");
    let months = attr(&home, "svg.timeline a", "aria-label");
    assert_eq!(
        months,
        [
            "juillet 2024\u{a0}: 1 article",
            "janvier 2025\u{a0}: 1 article",
            "juin 2025\u{a0}: 2 articles"
        ],
        "empty months are gaps, not bars"
    );
    // Two per page: June 2025 starts on page 1, July 2024 on page 2 (its anchor is there).
    let hrefs = attr(&home, "svg.timeline a", "href");
    assert_eq!(hrefs[0], "page/2/index.html#m-2024-07", "{hrefs:?}");
    let page2 = page(&public, "page/2/index.html");
    assert!(attr(&page2, ".article-list li[id]", "id").contains(&"m-2024-07".to_string()));
    assert!(
        texts(&page2, "svg.timeline title").is_empty(),
        "the timeline is on the first page only"
    );

    // Four articles on Mali, two per page: two pages linked both ways.
    let mali = page(&public, "countries/mali/index.html");
    assert_eq!(texts(&mali, ".article-list h2").len(), 2);
    assert!(
        !texts(&mali, ".term-aside h2").is_empty(),
        "the first page is the term's profile"
    );
    let mali2 = page(&public, "countries/mali/page/2/index.html");
    assert_eq!(texts(&mali2, ".article-list h2").len(), 2);
    assert!(
        texts(&mali2, ".term-aside h2").is_empty() && texts(&mali2, "svg.timeline title").is_empty(),
        "later pages list articles only"
    );
    let russia = page(&public, "countries/russia/index.html");
    assert_eq!(texts(&russia, "h1"), ["Russie"], "country label in the site's language");
}

#[test]
fn article_links_to_its_terms_and_escapes_text() {
    let (_dir, public) = built_site();
    let article = page(&public, "articles/wagner-depart.html");
    let selector = Selector::parse(".tags a").unwrap();
    let links: Vec<(String, String)> = article
        .select(&selector)
        .map(|a| (a.text().collect(), a.value().attr("href").unwrap().to_string()))
        .collect();
    assert!(
        links.contains(&("Wagner Group".into(), "../actors/wagner-group/index.html".into())),
        "{links:?}"
    );
    assert!(
        links.contains(&("Russie".into(), "../countries/russia/index.html".into())),
        "{links:?}"
    );
    let raw = std::fs::read_to_string(public.join("articles/sans-date.html")).unwrap();
    assert!(
        raw.contains("&amp;") && !raw.contains("<des>"),
        "text escaped or sanitized"
    );
}

#[test]
fn feeds_and_sitemap_are_well_formed_with_absolute_urls() {
    let (_dir, public) = built_site();
    for feed in [
        "atom.xml",
        "actors/jnim/atom.xml",
        "countries/mali/atom.xml",
        "sections/securite/atom.xml",
    ] {
        let text = std::fs::read_to_string(public.join(feed)).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{feed}: {e}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "feed");
        assert_eq!(root.tag_name().namespace(), Some("http://www.w3.org/2005/Atom"));
        for link in root.descendants().filter(|n| n.has_tag_name("link")) {
            assert!(
                link.attribute("href")
                    .unwrap()
                    .starts_with("https://example.org/archive/"),
                "{feed}"
            );
        }
    }
    let site_feed = std::fs::read_to_string(public.join("atom.xml")).unwrap();
    let doc = roxmltree::Document::parse(&site_feed).unwrap();
    assert_eq!(doc.descendants().filter(|n| n.has_tag_name("entry")).count(), 5);

    let sitemap = std::fs::read_to_string(public.join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(locs.len() > 15);
    assert!(locs.iter().all(|l| l.starts_with("https://example.org/archive/")));
    assert!(locs.contains(&"https://example.org/archive/actors/jnim/"));
    assert!(
        std::fs::read_to_string(public.join("robots.txt"))
            .unwrap()
            .contains("Sitemap: https://example.org/archive/sitemap.xml")
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let (dir, public) = built_site();
    let snapshot = |p: &Path| -> Vec<(PathBuf, Vec<u8>)> {
        let mut files: Vec<_> = walkdir::WalkDir::new(p)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().strip_prefix(p).unwrap().to_path_buf(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        files.sort();
        files
    };
    let first = snapshot(&public);
    assert_eq!(run(dir.path(), &["build"]).status.code(), Some(0));
    assert!(first == snapshot(&public));
}

/// Serves `public/` under `/archive/` and crawls every internal link from the home page.
#[test]
fn every_internal_link_resolves_under_a_subpath() {
    let (_dir, public) = built_site();
    let port = serve_under_archive(public);

    let href = Selector::parse("a[href], link[href], script[src], img[src]").unwrap();
    let mut queue = VecDeque::from(["/archive/".to_string()]);
    let mut seen = BTreeSet::new();
    let mut broken = Vec::new();
    while let Some(url) = queue.pop_front() {
        if !seen.insert(url.clone()) {
            continue;
        }
        let (status, body) = http_get(port, &url);
        if status != 200 {
            broken.push(url);
            continue;
        }
        if !url.ends_with(".html") && !url.ends_with('/') {
            continue;
        }
        let html = Html::parse_document(&String::from_utf8_lossy(&body));
        for element in html.select(&href) {
            let target = element
                .value()
                .attr("href")
                .or_else(|| element.value().attr("src"))
                .unwrap();
            if target.starts_with("http") || target.starts_with("mailto:") || target.starts_with('#') {
                continue;
            }
            queue.push_back(resolve(&url, target));
        }
    }
    assert!(broken.is_empty(), "broken links: {broken:?}");
    assert!(seen.len() > 30, "crawled {}", seen.len());
    assert!(
        seen.iter().all(|u| u.starts_with("/archive/")),
        "a link left the subpath"
    );
}

/// Serves `public` at `http://127.0.0.1:<port>/archive/` from a thread; returns the port.
pub fn serve_under_archive(public: PathBuf) -> u16 {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let port = server.server_addr().to_ip().unwrap().port();
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let url = request.url().split(['?', '#']).next().unwrap_or("").to_string();
            let file = url.strip_prefix("/archive/").map(|rest| {
                let path = public.join(rest);
                if rest.is_empty() || path.is_dir() {
                    path.join("index.html")
                } else {
                    path
                }
            });
            let kind = match file.as_ref().and_then(|f| f.extension()).and_then(|e| e.to_str()) {
                Some("html") => "text/html; charset=utf-8",
                Some("js") => "text/javascript",
                Some("css") => "text/css",
                Some("json") => "application/json",
                _ => "application/octet-stream",
            };
            let response = match file.and_then(|f| std::fs::read(f).ok()) {
                Some(bytes) => tiny_http::Response::from_data(bytes)
                    .with_status_code(200)
                    .with_header(tiny_http::Header::from_bytes("Content-Type", kind).unwrap()),
                None => tiny_http::Response::from_data(Vec::new()).with_status_code(404),
            };
            let _ = request.respond(response);
        }
    });
    port
}

/// Resolves a relative link against the URL of the page it is on.
fn resolve(page: &str, target: &str) -> String {
    let target = target.split('#').next().unwrap_or("");
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop(); // the page's own file name (or "" after a trailing slash)
    for segment in target.split('/') {
        match segment {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut url = parts.join("/");
    if target.ends_with('/') {
        url.push('/');
    }
    url
}
