//! Saved HTML pages → [`Draft`], on `scraper` (html5ever: the browsers' parsing algorithm).
//!
//! Metadata comes from what pages declare for machines (JSON-LD, Open Graph, `<meta>`,
//! `<time>`, canonical link), then from what they show people (the `<h1>`, a byline, « Publié le
//! … » near the title). The body is the element holding the most paragraph text, walked without
//! its boilerplate subtrees (navigation, share bars, related links, comments, forms, scripts).
//!
//! Every tree walk here is iterative: a hostile page nests 20,000 `<div>`s.

use std::sync::LazyLock;

use ego_tree::NodeRef;
use regex::Regex;
use scraper::{ElementRef, Html, Node, Selector};

use super::{Draft, byline, date};
use crate::convert::clean;

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("valid selector")
}

static META: LazyLock<Selector> = LazyLock::new(|| selector("meta"));
static LD_JSON: LazyLock<Selector> = LazyLock::new(|| selector(r#"script[type="application/ld+json"]"#));
static CANONICAL: LazyLock<Selector> = LazyLock::new(|| selector(r#"link[rel~="canonical"]"#));
static BASE: LazyLock<Selector> = LazyLock::new(|| selector("base[href]"));
static TITLE: LazyLock<Selector> = LazyLock::new(|| selector("title"));
static H1: LazyLock<Selector> = LazyLock::new(|| selector("h1"));
static TIME: LazyLock<Selector> = LazyLock::new(|| selector("time"));
static HTML_TAG: LazyLock<Selector> = LazyLock::new(|| selector("html"));
static BODY: LazyLock<Selector> = LazyLock::new(|| selector("body"));
static AUTHOR_NODES: LazyLock<Selector> = LazyLock::new(|| {
    selector(
        r#"[rel~="author"], [itemprop="author"], .author, .byline, .auteur, .signature, [class*="author-name"], [class*="byline"]"#,
    )
});

/// Subtrees that are never article text, by tag.
const SKIPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "button", "input", "select",
    "textarea", "iframe", "object", "embed", "svg", "canvas", "dialog", "menu", "head",
];

/// Class or id words that mark page furniture.
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[\s_-])(?:share|sharing|social|comments?|commentaires?|respond|related|similaires?|recommend|newsletter|subscribe|abonnement|cookies?|consent|gdpr|rgpd|sidebar|widget|menu|navbar|nav|breadcrumbs?|ariane|advert|ads?|pub|publicite|promo|sponsor|banner|popup|modal|footer|header|masthead|tags|lire-aussi|read-more|readmore|outbrain|taboola|author-bio|byline|author|auteur|signature|pagination)(?:$|[\s_-])").expect("valid regex")
});

/// Extracts a draft from an HTML page.
pub fn extract(text: &str) -> Draft {
    let document = Html::parse_document(text);
    let meta = Meta::read(&document);
    let mut draft = Draft {
        source_url: meta.first(&["og:url"]).or_else(|| canonical(&document)),
        site_name: meta.first(&["og:site_name", "application-name"]),
        declared_lang: document
            .select(&HTML_TAG)
            .next()
            .and_then(|h| h.value().attr("lang"))
            .map(|l| l.trim().to_string()),
        description: meta.first(&["og:description", "description", "twitter:description"]),
        section: meta.first(&["article:section"]),
        ..Draft::default()
    };
    if let Some(canonical) = canonical(&document) {
        draft.source_url = Some(canonical);
    }
    let base = document
        .select(&BASE)
        .next()
        .and_then(|b| b.value().attr("href"))
        .map(str::to_string)
        .or_else(|| draft.source_url.clone());

    let ld = LinkedData::read(&document);
    draft.title = title(&document, &meta, &ld, draft.site_name.as_deref());
    read_date(&document, &meta, &ld, &mut draft);
    read_authors(&document, &meta, &ld, &mut draft);
    if draft.section.is_none() {
        draft.section = ld.section.clone();
    }

    if let Some(root) = main_container(&document) {
        let blocks = Blocks::collect(root, base.as_deref());
        draft.paragraphs = blocks.plain;
        draft.markdown = blocks.markdown.join("\n\n");
    }
    // The title is the headline, not the first body block.
    if let (Some(title), Some(first)) = (&draft.title, draft.paragraphs.first())
        && first.trim() == title.trim()
    {
        draft.paragraphs.remove(0);
        if let Some(i) = draft.markdown.find("\n\n") {
            draft.markdown = draft.markdown[i + 2..].to_string();
        } else {
            draft.markdown.clear();
        }
    }
    draft
}

/// `<meta property|name=… content=…>` pairs.
struct Meta(Vec<(String, String)>);

impl Meta {
    fn read(document: &Html) -> Meta {
        let pairs = document
            .select(&META)
            .filter_map(|m| {
                let key = m
                    .value()
                    .attr("property")
                    .or_else(|| m.value().attr("name"))
                    .or_else(|| m.value().attr("itemprop"))?;
                let content = m.value().attr("content")?.trim();
                (!content.is_empty()).then(|| (key.to_ascii_lowercase(), content.to_string()))
            })
            .collect();
        Meta(pairs)
    }

    fn first(&self, keys: &[&str]) -> Option<String> {
        keys.iter()
            .find_map(|k| self.0.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone()))
    }
}

fn canonical(document: &Html) -> Option<String> {
    document
        .select(&CANONICAL)
        .next()?
        .value()
        .attr("href")
        .map(|h| h.trim().to_string())
        .filter(|h| h.starts_with("http"))
}

/// The fields we read from JSON-LD `NewsArticle`/`Article` objects.
#[derive(Default)]
struct LinkedData {
    headline: Option<String>,
    published: Option<String>,
    modified: Option<String>,
    authors: Vec<String>,
    section: Option<String>,
}

impl LinkedData {
    fn read(document: &Html) -> LinkedData {
        let mut found = LinkedData::default();
        for script in document.select(&LD_JSON) {
            let text: String = script.text().collect();
            let Ok(value) = serde_json::from_str::<serde_json::Value>(text.trim()) else {
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
                            found.published = found
                                .published
                                .or_else(|| s("datePublished"))
                                .or_else(|| s("dateCreated"));
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
fn title(document: &Html, meta: &Meta, ld: &LinkedData, site_name: Option<&str>) -> Option<String> {
    let declared = ld
        .headline
        .clone()
        .or_else(|| meta.first(&["og:title", "twitter:title"]))
        .or_else(|| document.select(&TITLE).next().map(|t| t.text().collect::<String>()));
    let declared = declared.map(|t| strip_site_suffix(&collapse(&t), site_name));
    let h1s: Vec<String> = document
        .select(&H1)
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

fn read_date(document: &Html, meta: &Meta, ld: &LinkedData, draft: &mut Draft) {
    use crate::article::PubDate;
    let declared = [
        (ld.published.clone(), "json-ld"),
        (
            meta.first(&[
                "article:published_time",
                "og:article:published_time",
                "datepublished",
                "publishdate",
                "pubdate",
                "date",
                "dc.date",
                "dc.date.issued",
                "sailthru.date",
                "parsely-pub-date",
            ]),
            "meta",
        ),
    ];
    for (value, source) in declared {
        if let Some(date) = value
            .as_deref()
            .and_then(|v| PubDate::parse_iso(v).or_else(|| date::parse_date(v, true)))
        {
            draft.date = Some(date);
            draft.date_source = Some(source.into());
            break;
        }
    }
    if draft.date.is_none()
        && let Some(time) = document.select(&TIME).next()
    {
        let value = time
            .value()
            .attr("datetime")
            .map(str::to_string)
            .unwrap_or_else(|| time.text().collect());
        if let Some(date) = PubDate::parse_iso(&value).or_else(|| date::parse_date(&value, true)) {
            draft.date = Some(date);
            draft.date_source = Some("time".into());
        }
    }
    draft.updated = ld
        .modified
        .as_deref()
        .or(meta.first(&["article:modified_time"]).as_deref())
        .and_then(PubDate::parse_iso);
    if draft.date.is_none() {
        // « Publié le 9 juin 2025 à 10h30 » in a short text node near the top.
        for text in short_texts(document).take(200) {
            if let Some(date::DateLine::Published(date)) = date::classify_line(&text, true)
                && text.chars().count() <= 80
            {
                draft.date = Some(date);
                draft.date_source = Some("text".into());
                break;
            }
        }
    }
}

fn read_authors(document: &Html, meta: &Meta, ld: &LinkedData, draft: &mut Draft) {
    let mut candidates: Vec<String> = ld.authors.clone();
    if candidates.is_empty()
        && let Some(author) = meta
            .first(&["author", "article:author", "dc.creator", "byl"])
            .filter(|a| !a.starts_with("http"))
    {
        candidates.push(author);
    }
    if candidates.is_empty() {
        candidates.extend(
            document
                .select(&AUTHOR_NODES)
                .take(3)
                .map(|e| collapse(&e.text().collect::<String>()))
                .filter(|t| t.chars().count() <= 100),
        );
    }
    if candidates.is_empty() {
        candidates.extend(short_texts(document).take(300).filter(|t| byline::is_byline(t)).take(1));
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
fn short_texts(document: &Html) -> impl Iterator<Item = String> + '_ {
    document
        .select(&BODY)
        .next()
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

/// Collapses runs of white space into one space.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_skipped(element: &scraper::node::Element) -> bool {
    if SKIPPED_TAGS.contains(&element.name()) {
        return true;
    }
    if element.attr("hidden").is_some()
        || element.attr("aria-hidden") == Some("true")
        || element
            .attr("role")
            .is_some_and(|r| matches!(r, "navigation" | "banner" | "contentinfo" | "complementary" | "dialog"))
    {
        return true;
    }
    let class_id = format!(
        "{} {}",
        element.attr("class").unwrap_or(""),
        element.attr("id").unwrap_or("")
    );
    // `<article>` and `<main>` carry many classes; only furniture elements are skipped.
    !matches!(element.name(), "article" | "main" | "body") && FURNITURE.is_match(&class_id)
}

/// The element holding the most paragraph text: each paragraph credits its parent fully and
/// its grandparent by half (the readability heuristic), skipping furniture.
fn main_container(document: &Html) -> Option<ElementRef<'_>> {
    let body = document.select(&BODY).next()?;
    let mut scores: std::collections::HashMap<ego_tree::NodeId, f64> = std::collections::HashMap::new();
    let mut stack = vec![*body];
    while let Some(node) = stack.pop() {
        let Some(element) = ElementRef::wrap(node) else {
            continue;
        };
        if is_skipped(element.value()) {
            continue;
        }
        if matches!(element.value().name(), "p" | "pre" | "blockquote" | "li" | "td")
            || (element.value().name() == "div" && has_direct_text(element))
        {
            let length = element.text().map(str::len).sum::<usize>() as f64;
            let commas = element.text().map(|t| t.matches([',', '،']).count()).sum::<usize>() as f64;
            if length >= 25.0 {
                let score = 1.0 + commas + (length / 100.0).min(3.0);
                if let Some(parent) = node.parent() {
                    *scores.entry(parent.id()).or_default() += score;
                    if let Some(grand) = parent.parent() {
                        *scores.entry(grand.id()).or_default() += score / 2.0;
                    }
                }
            }
        }
        stack.extend(node.children());
    }
    let best = scores.into_iter().max_by(|a, b| a.1.total_cmp(&b.1)).map(|(id, _)| id);
    match best {
        Some(id) => document.tree.get(id).and_then(ElementRef::wrap),
        None => Some(body),
    }
}

fn has_direct_text(element: ElementRef) -> bool {
    element
        .children()
        .any(|c| matches!(c.value(), Node::Text(t) if t.trim().len() >= 25))
}

/// Markdown and plain text of a container's blocks.
#[derive(Default)]
struct Blocks {
    markdown: Vec<String>,
    plain: Vec<String>,
}

impl Blocks {
    fn collect(root: ElementRef, base: Option<&str>) -> Blocks {
        let mut blocks = Blocks::default();
        let mut stack: Vec<NodeRef<Node>> = root.children().rev().collect();
        let mut loose = String::new();
        while let Some(node) = stack.pop() {
            match node.value() {
                Node::Text(t) => loose.push_str(t),
                Node::Element(element) => {
                    if is_skipped(element) {
                        continue;
                    }
                    let name = element.name();
                    let block = match name {
                        "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "blockquote" | "figcaption" | "pre"
                        | "dd" | "dt" => Some(name),
                        "br" => {
                            loose.push('\n');
                            None
                        }
                        "img" => {
                            if let Some(src) = element.attr("src").and_then(|s| absolute(s, base)) {
                                let alt = collapse(element.attr("alt").unwrap_or(""));
                                blocks.flush(&mut loose);
                                blocks.markdown.push(format!("![{}]({})", escape_inline(&alt), src));
                            }
                            None
                        }
                        _ => None,
                    };
                    let Some(tag) = block else {
                        if matches!(
                            name,
                            "div" | "section" | "article" | "table" | "tr" | "ul" | "ol" | "figure" | "main"
                        ) {
                            blocks.flush(&mut loose);
                        }
                        stack.extend(node.children().rev());
                        continue;
                    };
                    blocks.flush(&mut loose);
                    let Some(el) = ElementRef::wrap(node) else { continue };
                    let (markdown, plain) = inline_markdown(el, base);
                    // A byline standing among the first blocks is metadata, read elsewhere.
                    let early_byline = blocks.plain.len() < 3 && byline::is_byline(&plain);
                    if plain.is_empty() || clean::is_boilerplate(&plain) || early_byline {
                        continue;
                    }
                    if clean::ends_article(&plain) && !blocks.plain.is_empty() {
                        break;
                    }
                    let markdown = match tag {
                        "h1" | "h2" => format!("## {markdown}"),
                        "h3" | "h4" | "h5" | "h6" => format!("### {markdown}"),
                        "li" => format!("- {markdown}"),
                        "blockquote" => format!("> {markdown}"),
                        "figcaption" => format!("*{markdown}*"),
                        _ => markdown,
                    };
                    blocks.markdown.push(markdown);
                    blocks.plain.push(plain);
                }
                _ => {}
            }
        }
        blocks.flush(&mut loose);
        blocks
    }

    fn flush(&mut self, loose: &mut String) {
        for line in loose.split('\n') {
            let text = collapse(line);
            if text.chars().count() >= 25 && !clean::is_boilerplate(&text) {
                self.markdown.push(escape_block_start(&escape_inline(&text)));
                self.plain.push(text);
            }
        }
        loose.clear();
    }
}

/// Inline Markdown of an element (links kept when their target is a safe absolute URL), and
/// its plain text. Iterative for the same reason as every walk here.
fn inline_markdown(element: ElementRef, base: Option<&str>) -> (String, String) {
    enum Step<'a> {
        Enter(NodeRef<'a, Node>),
        Close(String),
    }
    let mut markdown = String::new();
    let mut plain = String::new();
    let mut stack: Vec<Step> = element.children().rev().map(Step::Enter).collect();
    while let Some(step) = stack.pop() {
        match step {
            Step::Close(suffix) => markdown.push_str(&suffix),
            Step::Enter(node) => match node.value() {
                Node::Text(t) => {
                    markdown.push_str(&escape_inline(t));
                    plain.push_str(t);
                }
                Node::Element(e) if is_skipped(e) => {}
                Node::Element(e) => {
                    let href = (e.name() == "a")
                        .then(|| e.attr("href").and_then(|h| absolute(h, base)))
                        .flatten();
                    match (e.name(), href) {
                        ("a", Some(href)) => {
                            markdown.push('[');
                            stack.push(Step::Close(format!("]({href})")));
                        }
                        ("strong" | "b", _) => {
                            markdown.push_str("**");
                            stack.push(Step::Close("**".into()));
                        }
                        ("em" | "i", _) => {
                            markdown.push('*');
                            stack.push(Step::Close("*".into()));
                        }
                        ("br", _) => {
                            markdown.push(' ');
                            plain.push(' ');
                        }
                        _ => {}
                    }
                    stack.extend(node.children().rev().map(Step::Enter));
                }
                _ => {}
            },
        }
    }
    let markdown = collapse(&markdown).replace("** **", " ").replace("[]", "");
    (escape_block_start(&markdown), collapse(&plain))
}

/// An absolute http(s) or mailto URL, resolved against `base`; anything else (javascript:,
/// data:, fragments) is dropped.
fn absolute(href: &str, base: Option<&str>) -> Option<String> {
    let href = href.trim();
    let lower = href.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:") {
        return Some(href.replace(' ', "%20").replace(')', "%29"));
    }
    if href.is_empty() || href.starts_with('#') || lower.contains(':') && !lower.starts_with('/') {
        return None;
    }
    let base = base?;
    let scheme_end = base.find("://")? + 3;
    let origin_end = base[scheme_end..].find('/').map_or(base.len(), |i| scheme_end + i);
    let resolved = if let Some(rest) = href.strip_prefix("//") {
        format!("{}{}", &base[..scheme_end], rest)
    } else if href.starts_with('/') {
        format!("{}{}", &base[..origin_end], href)
    } else {
        let dir_end = base
            .rfind('/')
            .filter(|&i| i >= origin_end)
            .map_or(base.len(), |i| i + 1);
        let prefix = if dir_end == base.len() && !base.ends_with('/') {
            format!("{base}/")
        } else {
            base[..dir_end].to_string()
        };
        format!("{prefix}{href}")
    };
    Some(resolved.replace(' ', "%20").replace(')', "%29"))
}

/// Escapes characters that would turn text into Markdown or raw HTML.
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes a line start that Markdown would read as a heading, list, quote or rule.
pub fn escape_block_start(text: &str) -> String {
    let trimmed = text.trim_start();
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    let numbered = digits > 0 && trimmed[digits..].starts_with(['.', ')']);
    if trimmed.starts_with(['#', '-', '+', '=', '|', '~']) || numbered {
        let at = text.len() - trimmed.len() + if numbered { digits } else { 0 };
        format!("{}\\{}", &text[..at], &text[at..])
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html lang="fr"><head>
<meta charset="utf-8"><title>Gao : reprise des vols | Sahel Hebdo</title>
<link rel="canonical" href="https://sahel.example/gao-vols">
<meta property="og:site_name" content="Sahel Hebdo">
<meta property="article:published_time" content="2024-03-11T08:00:00+00:00">
<meta name="description" content="Les vols reprennent.">
</head><body onload="x()">
<nav><a href="/">Accueil</a> <a href="/afrique">Afrique</a></nav>
<div class="share-bar">Partager sur Facebook</div>
<article><h1>Gao : reprise des vols</h1><p class="byline">Par Moussa Diarra</p>
<p>Les vols humanitaires ont repris lundi à Gao, après trois semaines d’interruption, selon l’ONU.</p>
<p onmouseover="steal()">Un deuxième paragraphe, assez long pour compter, avec <a href="javascript:alert(1)">un lien piégé</a> et <a href="/doc.pdf">un document</a>.</p>
<script>alert("x")</script>
<p>Troisième paragraphe : les convois routiers restent suspendus, disent les transporteurs.</p>
<aside class="related"><p>Lire aussi : autre chose de très long ici pour tester</p></aside>
</article>
<div id="comments"><p>Laisser un commentaire sur cet article, merci beaucoup pour votre avis.</p></div>
<footer>© Sahel Hebdo</footer></body></html>"#;

    #[test]
    fn metadata() {
        let draft = extract(PAGE);
        assert_eq!(draft.title.as_deref(), Some("Gao : reprise des vols"));
        assert_eq!(draft.source_url.as_deref(), Some("https://sahel.example/gao-vols"));
        assert_eq!(draft.site_name.as_deref(), Some("Sahel Hebdo"));
        assert_eq!(draft.declared_lang.as_deref(), Some("fr"));
        assert_eq!(
            draft.date.map(|d| d.to_string()).as_deref(),
            Some("2024-03-11T08:00:00+00:00")
        );
        assert_eq!(draft.authors, ["Moussa Diarra"]);
    }

    #[test]
    fn body_without_furniture_or_active_content() {
        let draft = extract(PAGE);
        assert_eq!(draft.paragraphs.len(), 3, "{:#?}", draft.paragraphs);
        assert!(draft.markdown.contains("[un document](https://sahel.example/doc.pdf)"));
        for bad in [
            "javascript",
            "alert",
            "steal",
            "Partager",
            "Lire aussi",
            "commentaire",
            "Accueil",
        ] {
            assert!(!draft.markdown.contains(bad), "{bad} in {}", draft.markdown);
        }
        assert!(draft.markdown.contains("un lien piégé"), "link text stays as text");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let depth = 20_000;
        let page = format!(
            "<html><body>{}<p>Ménaka : les déplacés affluent vers le chef-lieu de la région, disent les autorités.</p>{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let draft = extract(&page);
        assert_eq!(draft.paragraphs.len(), 1);
    }

    #[test]
    fn urls_resolve_against_the_base() {
        let base = Some("https://x.example/a/b.html");
        assert_eq!(absolute("/c", base).as_deref(), Some("https://x.example/c"));
        assert_eq!(absolute("c.jpg", base).as_deref(), Some("https://x.example/a/c.jpg"));
        assert_eq!(
            absolute("//cdn.example/i.png", base).as_deref(),
            Some("https://cdn.example/i.png")
        );
        assert_eq!(absolute("javascript:alert(1)", base), None);
        assert_eq!(absolute("JavaScript:alert(1)", base), None);
        assert_eq!(absolute("data:text/html,x", base), None);
    }

    #[test]
    fn escapes() {
        assert_eq!(escape_inline("a*b_<script>"), "a\\*b\\_\\<script\\>");
        assert_eq!(escape_block_start("# titre"), "\\# titre");
        assert_eq!(escape_block_start("2025. Une année"), "2025\\. Une année");
        assert_eq!(escape_block_start("Le 9 juin"), "Le 9 juin");
    }
}
