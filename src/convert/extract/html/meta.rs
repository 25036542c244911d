//! A parsed page → its metadata: title, dates, authors and agency, section, canonical URL, site
//! name, declared language, description, and the base URL that relative links resolve against.
//!
//! What pages declare for machines (JSON-LD, Open Graph, `<meta>`, `<time>`, canonical link)
//! comes first, then what they show people (the `<h1>`, a byline, « Publié le … » near the
//! title). Reads the document only; walks are iterative.

use scraper::{ElementRef, Html, Node};

use crate::article::PubDate;

use super::super::{Draft, byline, date};
use super::Attribute;
use super::body::{Signals, collapse};

/// The elements the metadata comes from, found in one walk over the document: each
/// `select` would walk it again, and matching selectors was half of this module's time.
#[derive(Default)]
struct Marks<'a> {
    html: Option<ElementRef<'a>>,
    body: Option<ElementRef<'a>>,
    metas: Vec<ElementRef<'a>>,
    ld_json: Vec<ElementRef<'a>>,
    /// The first `<link rel="canonical">`.
    canonical: Option<ElementRef<'a>>,
    /// The first `<base href>`.
    base: Option<ElementRef<'a>>,
    title: Option<ElementRef<'a>>,
    h1s: Vec<ElementRef<'a>>,
    /// `<time>` and `itemprop` date elements, in document order.
    dates: Vec<ElementRef<'a>>,
    /// Elements that may hold a byline ([`is_author_node`]), in document order.
    authors: Vec<ElementRef<'a>>,
}

impl<'a> Marks<'a> {
    fn find(document: &'a Html) -> Marks<'a> {
        let mut marks = Marks::default();
        for element in document.tree.root().descendants().filter_map(ElementRef::wrap) {
            let e = element.value();
            if is_author_node(e) {
                marks.authors.push(element);
            }
            // HTML gives `type` and `rel` values ASCII case-insensitive, as CSS selectors do.
            match e.name() {
                "html" => {
                    marks.html.get_or_insert(element);
                }
                "body" => {
                    marks.body.get_or_insert(element);
                }
                "meta" => marks.metas.push(element),
                "script"
                    if e.attribute("type")
                        .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json")) =>
                {
                    marks.ld_json.push(element)
                }
                "link" if e.attribute("rel").is_some_and(|r| has_token(r, "canonical", true)) => {
                    marks.canonical.get_or_insert(element);
                }
                "base" if e.attribute("href").is_some() => {
                    marks.base.get_or_insert(element);
                }
                "title" => {
                    marks.title.get_or_insert(element);
                }
                "h1" => marks.h1s.push(element),
                "time" => marks.dates.push(element),
                _ if e
                    .attribute("itemprop")
                    .is_some_and(|p| has_token(p, "datePublished", false) || has_token(p, "dateModified", false)) =>
                {
                    marks.dates.push(element)
                }
                _ => {}
            }
        }
        marks
    }
}

/// What the CSS selector `[rel~="author"], [itemprop~="author"], .author, .byline, .auteur,
/// .signature, [class*="author-name"], [class*="byline"], a[href*="/author/"]` (and the
/// `/authors/`, `/auteur/`, `/auteurs/`, `/autor/`, `/autori/` paths) would select.
fn is_author_node(e: &scraper::node::Element) -> bool {
    const CLASSES: &[&str] = &["author", "byline", "auteur", "signature"];
    const PATHS: &[&str] = &["/author/", "/authors/", "/auteur/", "/auteurs/", "/autor/", "/autori/"];
    e.attribute("rel").is_some_and(|r| has_token(r, "author", true))
        || e.attribute("itemprop").is_some_and(|p| has_token(p, "author", false))
        || e.attribute("class").is_some_and(|c| {
            // Every class rule needs one of the byline words somewhere: one automaton pass
            // rules out nearly every element before the exact tests.
            Signals::may_be_byline(c)
                && (c.contains("author-name") || c.contains("byline") || CLASSES.iter().any(|k| has_token(c, k, false)))
        })
        || (e.name() == "a" && e.attribute("href").is_some_and(|h| PATHS.iter().any(|p| h.contains(p))))
}

/// `[attr~="token"]`: one of the white-space separated words of `value` is `token`.
fn has_token(value: &str, token: &str, ignore_case: bool) -> bool {
    value.split_ascii_whitespace().any(|w| {
        if ignore_case {
            w.eq_ignore_ascii_case(token)
        } else {
            w == token
        }
    })
}

/// The page's metadata as a draft without a body, and the base URL for its links.
pub fn read(document: &Html) -> (Draft, Option<String>) {
    let marks = Marks::find(document);
    let meta = Meta::read(&marks);
    let mut draft = Draft {
        source_url: canonical(&marks).or_else(|| meta.first(&["og:url"]).filter(|u| u.starts_with("http"))),
        site_name: meta.first(&["og:site_name", "application-name"]),
        declared_lang: marks
            .html
            .and_then(|h| h.value().attribute("lang").or_else(|| h.value().attribute("xml:lang")))
            .or_else(|| meta.first_ref(&["og:locale", "content-language", "language", "dc.language"]))
            .map(|l| l.trim().to_string()),
        description: meta.first(&["og:description", "description", "twitter:description"]),
        section: meta.first(&["article:section"]),
        ..Draft::default()
    };
    let declared_base = marks.base.and_then(|b| b.value().attribute("href"));
    let base = match (declared_base, draft.source_url.as_deref()) {
        (Some(b), Some(page)) => super::markdown::absolute(b, Some(page)),
        (Some(b), None) => super::markdown::absolute(b, None),
        (None, page) => page.map(str::to_string),
    };
    let ld = LinkedData::read(&marks);
    draft.title = title(&marks, &meta, &ld, draft.site_name.as_deref());
    read_date(&marks, &meta, &ld, &mut draft);
    read_authors(&marks, &meta, &ld, &mut draft);
    if draft.section.is_none() {
        draft.section = ld.section.clone();
    }
    (draft, base)
}

/// The attributes of a `<meta>` that name what its `content` is.
pub const META_KEYS: &[&str] = &["property", "name", "itemprop"];

struct Meta(Vec<(String, String)>);

impl Meta {
    fn read(marks: &Marks) -> Meta {
        let mut pairs = Vec::new();
        for m in &marks.metas {
            let Some(content) = m.value().attribute("content").map(str::trim).filter(|c| !c.is_empty()) else {
                continue;
            };
            for key in META_KEYS.iter().filter_map(|k| m.value().attribute(k)) {
                pairs.push((key.trim().to_ascii_lowercase(), content.to_string()));
            }
        }
        Meta(pairs)
    }

    fn first_ref(&self, keys: &[&str]) -> Option<&str> {
        keys.iter()
            .find_map(|k| self.0.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str()))
    }

    fn first(&self, keys: &[&str]) -> Option<String> {
        keys.iter()
            .find_map(|k| self.0.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone()))
    }
}

fn canonical(marks: &Marks) -> Option<String> {
    marks
        .canonical?
        .value()
        .attribute("href")
        .map(|h| h.trim().to_string())
        .filter(|h| h.starts_with("http"))
}

/// The fields we read from JSON-LD `NewsArticle`/`Article` objects.
#[derive(Default)]
struct LinkedData {
    headline: Option<String>,
    published: Option<String>,
    /// `dateCreated`, a stand-in for `datePublished` when no article object states that.
    created: Option<String>,
    modified: Option<String>,
    authors: Vec<String>,
    section: Option<String>,
}

impl LinkedData {
    fn read(marks: &Marks) -> LinkedData {
        let mut found = LinkedData::default();
        for script in &marks.ld_json {
            let text: String = script.text().collect();
            // Some pages wrap the JSON in CDATA or an HTML comment for old parsers.
            let text = text.trim();
            let text = text
                .trim_start_matches("//")
                .trim_start_matches("<![CDATA[")
                .trim_start_matches("<!--")
                .trim_end_matches("//")
                .trim_end_matches("]]>")
                .trim_end_matches("-->")
                .trim_end_matches("//")
                .trim();
            let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
                continue;
            };
            let mut stack = vec![&value];
            // Iterative: @graph arrays and nested objects.
            while let Some(v) = stack.pop() {
                match v {
                    serde_json::Value::Array(items) => stack.extend(items.iter()),
                    serde_json::Value::Object(map) => {
                        let is_article = map.get("@type").is_some_and(|t| {
                            let types = t
                                .as_array()
                                .map(|a| a.iter().filter_map(|x| x.as_str()).collect::<Vec<_>>())
                                .unwrap_or_else(|| t.as_str().into_iter().collect());
                            types
                                .iter()
                                .any(|t| t.ends_with("Article") || *t == "BlogPosting" || *t == "Report")
                        });
                        if is_article {
                            let s = |k: &str| {
                                map.get(k)
                                    .and_then(|v| v.as_str())
                                    .map(|s| s.trim().to_string())
                                    .filter(|s| !s.is_empty())
                            };
                            found.headline = found.headline.or_else(|| s("headline"));
                            found.published = found.published.or_else(|| s("datePublished"));
                            found.created = found.created.or_else(|| s("dateCreated"));
                            found.modified = found.modified.or_else(|| s("dateModified"));
                            found.section = found.section.or_else(|| s("articleSection"));
                            if found.authors.is_empty() {
                                found.authors = ld_names(map.get("author"));
                            }
                        }
                        if let Some(graph) = map.get("@graph") {
                            stack.push(graph);
                        }
                    }
                    _ => {}
                }
            }
        }
        found
    }
}

fn ld_names(value: Option<&serde_json::Value>) -> Vec<String> {
    match value {
        Some(serde_json::Value::String(s)) => vec![s.clone()],
        Some(serde_json::Value::Object(map)) => map
            .get("name")
            .and_then(|n| n.as_str())
            .map(|n| vec![n.to_string()])
            .unwrap_or_default(),
        Some(serde_json::Value::Array(items)) => items.iter().flat_map(|i| ld_names(Some(i))).collect(),
        _ => Vec::new(),
    }
}

/// The headline: the `<h1>` when it agrees with what the page declares, else the declared title
/// without its site-name suffix.
fn title(marks: &Marks, meta: &Meta, ld: &LinkedData, site_name: Option<&str>) -> Option<String> {
    let declared = ld
        .headline
        .clone()
        .or_else(|| meta.first(&["og:title", "twitter:title"]))
        .or_else(|| marks.title.map(|t| t.text().collect::<String>()));
    let declared = declared.map(|t| strip_site_suffix(&collapse(&t), site_name));
    let h1s: Vec<String> = marks
        .h1s
        .iter()
        .map(|h| collapse(&h.text().collect::<String>()))
        .filter(|t| t.chars().count() >= 2)
        .collect();
    match declared {
        // A one-word <title> ("Accueil", the site's name) is not the headline the <h1> is.
        Some(d) if d.split_whitespace().count() < 2 && !h1s.is_empty() => h1s.into_iter().next(),
        Some(d) => {
            let folded = date::fold(&d);
            h1s.into_iter()
                .find(|h| {
                    let h = date::fold(h);
                    folded.starts_with(&h) || h.starts_with(&folded)
                })
                .or(Some(d))
        }
        None => h1s.into_iter().next(),
    }
    .filter(|t| !t.is_empty())
}

/// "Headline | Site", "Headline - Site", "Headline – Site" → "Headline".
fn strip_site_suffix(title: &str, site_name: Option<&str>) -> String {
    for separator in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        if let Some(i) = title.rfind(separator) {
            let suffix = &title[i + separator.len()..];
            let names_site = site_name.is_some_and(|s| date::fold(s) == date::fold(suffix));
            let short_suffix = suffix.split_whitespace().count() <= 4 && i > 10;
            if i > 0 && (names_site || short_suffix) {
                return title[..i].trim().to_string();
            }
        }
    }
    title.to_string()
}

/// Meta keys that state the publication date, most trusted first.
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "article:published",
    "og:article:published_time",
    "og:published_time",
    "published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "pubdate",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "citation_publication_date",
    "parsely-pub-date",
    "sailthru.date",
    "date",
];
const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time",
    "article:modified",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
];

fn parse_any(value: &str, day_first: bool) -> Option<PubDate> {
    PubDate::parse_iso(value).or_else(|| date::parse_date(value, day_first))
}

/// Whether a page writes `03/04/2025` for 3 April: all but American English do. A page that
/// declares no language is taken for a French one, the archives veille is made for.
fn numeric_day_first(declared_lang: Option<&str>) -> bool {
    !declared_lang.is_some_and(|lang| {
        let lang = lang.trim().replace('_', "-");
        lang.eq_ignore_ascii_case("en") || lang.eq_ignore_ascii_case("en-us")
    })
}

/// Publication date: JSON-LD, then `<meta>`, then `itemprop`/`<time>` marks, then the date in
/// the page's URL, then a « Publié le … » line; the update date apart, never taken for the
/// publication. The declared dates after the first stand by in [`Draft::other_dates`]: the
/// import, which knows its own date, passes over an implausible one.
fn read_date(marks: &Marks, meta: &Meta, ld: &LinkedData, draft: &mut Draft) {
    let day_first = numeric_day_first(draft.declared_lang.as_deref());
    let parse_any = |value: &str| parse_any(value, day_first);
    let declared = [
        (
            ld.published.as_deref().or(ld.created.as_deref()).and_then(parse_any),
            "json-ld",
        ),
        (meta.first(PUBLISHED_KEYS).as_deref().and_then(parse_any), "meta"),
        (marked_date(marks, day_first).as_deref().and_then(parse_any), "time"),
        (draft.source_url.as_deref().and_then(date::date_in_url), "url"),
    ];
    let mut claims = declared
        .into_iter()
        .filter_map(|(date, source)| Some((date?, source.to_string())));
    if let Some((date, source)) = claims.next() {
        draft.date = Some(date);
        draft.date_source = Some(source);
    }
    draft.other_dates = claims.collect();
    draft.updated = ld
        .modified
        .clone()
        .or_else(|| meta.first(MODIFIED_KEYS))
        .as_deref()
        .and_then(parse_any);
    // Reading visible text costs a walk and a few regexes per line: only when no declared
    // publication date exists (the update stamp is then read from the same lines).
    if draft.date.is_some() {
        return;
    }
    // « Publié le 9 juin 2025 à 10h30 » / « Mis à jour le … » in a short text near the top.
    for text in short_texts(marks).take(400) {
        if text.chars().count() > 100 {
            continue;
        }
        match date::dateline(&text, day_first) {
            Some(date::DateLine::Published(d)) if draft.date.is_none() => {
                draft.date = Some(d);
                draft.date_source = Some("text".into());
            }
            Some(date::DateLine::Updated(d)) if draft.updated.is_none() => draft.updated = Some(d),
            _ => {}
        }
        if draft.date.is_some() && draft.updated.is_some() {
            break;
        }
    }
}

/// The first element marked as the publication date (`itemprop="datePublished"`, a `<time>` that
/// is not an update stamp), by its machine-readable attribute or its text.
fn marked_date(marks: &Marks, day_first: bool) -> Option<String> {
    let mut first_time = None;
    for element in &marks.dates {
        let e = element.value();
        let itemprop = e.attribute("itemprop").unwrap_or("").to_ascii_lowercase();
        let class = e.attribute("class").unwrap_or("").to_ascii_lowercase();
        if itemprop.contains("modified") || class.contains("modif") || class.contains("updated") {
            continue;
        }
        let value = e
            .attribute("datetime")
            .or_else(|| e.attribute("content"))
            .map(str::to_string)
            .unwrap_or_else(|| collapse(&element.text().collect::<String>()));
        if parse_any(&value, day_first).is_none() {
            continue;
        }
        if itemprop.contains("datepublished") || e.attribute("pubdate").is_some() || class.contains("publi") {
            return Some(value);
        }
        first_time.get_or_insert(value);
    }
    first_time
}

fn read_authors(marks: &Marks, meta: &Meta, ld: &LinkedData, draft: &mut Draft) {
    let mut candidates: Vec<String> = ld.authors.clone();
    if candidates.is_empty()
        && let Some(author) = meta
            .first(&["author", "article:author", "dc.creator", "byl"])
            .filter(|a| !a.starts_with("http"))
    {
        candidates.push(author);
    }
    if candidates.is_empty() {
        // The first byline element that names someone, and its siblings (one per author);
        // author links further down belong to other stories (related, most read).
        let mut parent = None;
        for &element in &marks.authors {
            let text = collapse(&element.text().collect::<String>());
            if text.is_empty() || text.chars().count() > 100 {
                continue;
            }
            let (names, agency) = byline::parse_byline(&text);
            if names.is_empty() && agency.is_none() {
                continue;
            }
            let this_parent = element.parent().map(|p| p.id());
            match parent {
                None => parent = Some(this_parent),
                Some(p) if p != this_parent => break,
                _ => {}
            }
            candidates.push(text);
        }
    }
    if candidates.is_empty() {
        candidates.extend(short_texts(marks).take(300).filter(|t| byline::is_byline(t)).take(1));
    }
    for candidate in candidates {
        let (authors, agency) = byline::parse_byline(&candidate);
        for author in authors {
            if !draft.authors.contains(&author) {
                draft.authors.push(author);
            }
        }
        draft.agency = draft.agency.take().or(agency);
    }
}

/// Text of the body's short text nodes, in document order.
fn short_texts<'a>(marks: &Marks<'a>) -> impl Iterator<Item = String> + 'a {
    marks
        .body
        .into_iter()
        .flat_map(|b| b.descendants())
        .filter_map(|n| match n.value() {
            Node::Text(t) => {
                let t = collapse(t);
                (t.chars().count() >= 6 && t.chars().count() <= 160).then_some(t)
            }
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(html: &str) -> Draft {
        read(&Html::parse_document(html)).0
    }

    #[test]
    fn numeric_dates_read_in_the_order_of_the_page_language() {
        let page = |lang: &str| {
            draft(&format!(
                r#"<html lang="{lang}"><body><article><time>03/04/2025</time><p>Texte.</p></article></body></html>"#
            ))
            .date
            .map(|d| d.to_string())
        };
        for (lang, want) in [
            ("en-US", "2025-03-04"),
            ("en", "2025-03-04"),
            ("en-GB", "2025-04-03"),
            ("fr", "2025-04-03"),
        ] {
            assert_eq!(page(lang).as_deref(), Some(want), "{lang}");
        }
    }

    #[test]
    fn the_url_dates_a_page_that_declares_no_date() {
        let d = draft(
            r#"<head><link rel="canonical" href="https://example.org/2015/02/26/gao/"></head><body><p>Gao, le 3 mars 2015.</p></body>"#,
        );
        assert_eq!(d.date.map(|d| d.to_string()).as_deref(), Some("2015-02-26"));
        assert_eq!(d.date_source.as_deref(), Some("url"));
        let d = draft(
            r#"<head><link rel="canonical" href="https://example.org/2015/02/26/gao/">
<meta property="article:published_time" content="2015-02-25T23:10:00Z"></head>"#,
        );
        assert_eq!(d.date_source.as_deref(), Some("meta"));
        assert_eq!(
            d.other_dates
                .iter()
                .map(|(d, s)| (d.to_string(), s.as_str()))
                .collect::<Vec<_>>(),
            [("2015-02-26".to_string(), "url")]
        );
    }

    #[test]
    fn json_ld_date_published_wins_over_date_created_of_an_earlier_object() {
        let d = draft(
            r#"<script type="application/ld+json">[{"@type":"NewsArticle","dateCreated":"2020-01-01"},
{"@type":"NewsArticle","datePublished":"2020-02-02"}]</script>"#,
        );
        assert_eq!(d.date.map(|d| d.to_string()).as_deref(), Some("2020-02-02"));
    }

    #[test]
    fn json_ld_in_cdata_and_graph() {
        let d = draft(
            r#"<script type="application/ld+json">//<![CDATA[
{"@graph":[{"@type":"NewsArticle","headline":"Gao","datePublished":"2025-06-09","author":{"name":"Awa Traoré"}}]}
//]]></script>"#,
        );
        assert_eq!(d.title.as_deref(), Some("Gao"));
        assert_eq!(d.date.map(|d| d.to_string()).as_deref(), Some("2025-06-09"));
        assert_eq!(d.date_source.as_deref(), Some("json-ld"));
        assert_eq!(d.authors, ["Awa Traoré"]);
    }

    #[test]
    fn an_update_stamp_is_not_the_publication() {
        let d = draft(
            r#"<body><time itemprop="dateModified" datetime="2016-08-01T01:30:24-04:00">1 août</time>
<span itemprop="datePublished" content="2016-07-29T16:42:34-0400">29 juillet</span></body>"#,
        );
        assert_eq!(d.date.map(|d| d.day().to_string()).as_deref(), Some("2016-07-29"));
        assert_eq!(d.date_source.as_deref(), Some("time"));
    }

    #[test]
    fn every_key_of_a_meta_counts() {
        let d = draft(
            r#"<meta property="article:published" itemprop="datePublished" content="2016-07-29T16:42:34-04:00">
<meta property="og:url" content="https://x.example/a"><meta property="og:site_name" content="X">"#,
        );
        assert_eq!(d.date_source.as_deref(), Some("meta"));
        assert_eq!(d.source_url.as_deref(), Some("https://x.example/a"));
    }

    #[test]
    fn the_first_byline_block_only() {
        let d = draft(
            r#"<body><div class="byline"><a rel="author" href="/author/a">Joanna Rothkopf</a></div>
<ul class="related"><li><span class="author">Jenny Kutner</span></li><li><span class="author">Elias Isquith</span></li></ul></body>"#,
        );
        assert_eq!(d.authors, ["Joanna Rothkopf"]);
    }

    #[test]
    fn marks_are_found_as_css_would_select_them() {
        let d = draft(
            r#"<html lang="fr"><head><link rel="Canonical" href="https://x.example/gao">
<script type="Application/LD+JSON">{"@type":"NewsArticle","headline":"Gao sous blocus"}</script></head>
<body><h1>Autre titre</h1><span itemprop="dateModified datePublished" content="2024-09-01">1 sept.</span></body></html>"#,
        );
        assert_eq!(d.source_url.as_deref(), Some("https://x.example/gao"));
        assert_eq!(d.title.as_deref(), Some("Gao sous blocus"));
        assert_eq!(d.declared_lang.as_deref(), Some("fr"));
        // itemprop tokens are case-sensitive: "datepublished" marks nothing.
        let d = draft(r#"<body><span itemprop="datepublished" content="2024-09-01">x</span></body>"#);
        assert_eq!(d.date, None);
    }

    #[test]
    fn author_nodes_are_what_the_css_selector_selects() {
        let page = Html::parse_document(
            r#"<body><span rel="Author">a</span><span itemprop="author editor">b</span><span itemprop="Author">c</span>
<p class="x author">d</p><p class="Author">e</p><p class="co-author-name">f</p><p class="bylines">g</p>
<p class="signatures">h</p><a href="/auteurs/awa">i</a><a href="/AUTHOR/x">j</a><link href="/author/x">
<p class="auteur">k</p><p id="byline">l</p></body>"#,
        );
        let css = scraper::Selector::parse(concat!(
            r#"[rel~="author"], [itemprop~="author"], .author, .byline, .auteur, .signature, "#,
            r#"[class*="author-name"], [class*="byline"], a[href*="/author/"], a[href*="/authors/"], "#,
            r#"a[href*="/auteur/"], a[href*="/auteurs/"], a[href*="/autor/"], a[href*="/autori/"]"#
        ))
        .unwrap();
        let selected: Vec<_> = page.select(&css).map(|e| e.id()).collect();
        let found: Vec<_> = Marks::find(&page).authors.iter().map(|e| e.id()).collect();
        assert_eq!(found, selected);
        assert_eq!(found.len(), 7);
    }

    #[test]
    fn site_suffix() {
        assert_eq!(
            strip_site_suffix("Gao : reprise des vols | Sahel Hebdo", None),
            "Gao : reprise des vols"
        );
        assert_eq!(
            strip_site_suffix("Gao - reprise des vols - Le Monde", Some("Le Monde")),
            "Gao - reprise des vols"
        );
        assert_eq!(strip_site_suffix("Mali - Niger", None), "Mali - Niger");
    }
}
