//! Broken internal links of a built site. Pure: takes the site's file list and its pages' HTML,
//! returns every `href`/`src` that points inside the site at a file it does not have. Links to
//! other sites (a scheme or `//`), to `mailto:` and to a fragment of the same page are not
//! followed: a static check cannot tell a dead web page from a slow one.

use std::collections::HashSet;
use std::sync::LazyLock;

use scraper::{Html, Selector};

use crate::site::serve::percent_decode;

static LINKED: LazyLock<Selector> = LazyLock::new(|| {
    Selector::parse("a[href], link[href], img[src], script[src], source[src]").expect("valid selector")
});

/// The site's files, by path relative to its root with `/` separators.
pub struct Files(HashSet<String>);

impl Files {
    pub fn new(paths: impl IntoIterator<Item = String>) -> Files {
        Files(paths.into_iter().collect())
    }

    /// True when `path` (relative, decoded) is a file, or a folder with an `index.html`.
    fn has(&self, path: &str) -> bool {
        let path = path.trim_end_matches('/');
        self.0.contains(path)
            || self.0.contains(&format!("{path}/index.html"))
            || (path.is_empty() && self.0.contains("index.html"))
    }
}

/// A link that leads nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    /// As the page writes it.
    pub href: String,
    /// The site path it points at; `None` when it climbs above the root or does not decode.
    pub target: Option<String>,
}

/// The internal links of `html` (a page at `page`) to files `files` does not have, in page
/// order, each once.
pub fn broken(page: &str, html: &str, files: &Files) -> Vec<Broken> {
    let document = Html::parse_document(html);
    let mut seen = HashSet::new();
    document
        .select(&LINKED)
        .filter_map(|element| element.value().attr("href").or_else(|| element.value().attr("src")))
        .filter(|href| seen.insert(href.to_string()))
        .filter_map(|href| {
            let target = resolve(page, href)?;
            let missing = target.as_ref().is_none_or(|path| !files.has(path));
            missing.then(|| Broken {
                href: href.to_string(),
                target,
            })
        })
        .collect()
}

/// The site path a link on `page` points at: `None` for a link out of the site, `Some(None)`
/// for one that climbs above the site's root or cannot be decoded.
fn resolve(page: &str, target: &str) -> Option<Option<String>> {
    let target = target.trim();
    if target.is_empty() || target.starts_with('#') || target.starts_with("//") || has_scheme(target) {
        return None;
    }
    let path = target.split(['#', '?']).next().unwrap_or_default();
    if path.is_empty() {
        return None;
    }
    let Some(path) = percent_decode(path) else {
        return Some(None);
    };
    let mut parts: Vec<&str> = if path.starts_with('/') {
        Vec::new()
    } else {
        // The page's folder.
        let mut folder: Vec<&str> = page.split('/').collect();
        folder.pop();
        folder
    };
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Some(None);
                }
            }
            part => parts.push(part),
        }
    }
    let mut resolved = parts.join("/");
    if path.ends_with('/') && !resolved.is_empty() {
        resolved.push('/');
    }
    Some(Some(resolved))
}

fn has_scheme(target: &str) -> bool {
    match target.find(':') {
        Some(colon) => {
            let scheme = &target[..colon];
            !scheme.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Files {
        Files::new(
            [
                "index.html",
                "articles/a.html",
                "actors/jnim/index.html",
                "style.css",
                "articles/é t.html",
            ]
            .map(String::from),
        )
    }

    #[test]
    fn relative_root_and_folder_links_resolve_and_missing_ones_are_named() {
        let html = r##"<link rel="stylesheet" href="../style.css">
            <a href="../index.html">home</a> <a href="../">home</a> <a href="a.html#p2">self</a>
            <a href="../actors/jnim/">jnim</a> <a href="/actors/jnim/index.html?x=1">root</a>
            <a href="%C3%A9%20t.html">encoded</a>
            <a href="../actors/wagner/">missing</a> <img src="pic.png"> <a href="../../../etc/passwd">out</a>
            <a href="../actors/wagner/">again</a>"##;
        let found = broken("articles/a.html", html, &site());
        let hrefs: Vec<&str> = found.iter().map(|b| b.href.as_str()).collect();
        assert_eq!(hrefs, ["../actors/wagner/", "pic.png", "../../../etc/passwd"]);
        let targets: Vec<Option<&str>> = found.iter().map(|b| b.target.as_deref()).collect();
        assert_eq!(targets, [Some("actors/wagner/"), Some("articles/pic.png"), None]);
    }

    #[test]
    fn links_out_of_the_site_are_not_followed() {
        let html = r##"<a href="https://example.org/x">w</a> <a href="//cdn.example/x.js">c</a>
            <a href="mailto:a@b.c">m</a> <a href="#top">t</a> <a href="tel:+223">t</a>"##;
        assert_eq!(broken("index.html", html, &site()), []);
    }
}
