//! Markdown → safe HTML. Bodies come from scraped pages, so the HTML pulldown-cmark produces is
//! cleaned by ammonia's allow-list: no script, no event handler, no `javascript:` URL survives,
//! whatever the Markdown held.

use std::collections::HashSet;
use std::sync::LazyLock;

use pulldown_cmark::{Options, Parser, html};

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("noopener noreferrer nofollow"))
        .add_generic_attributes(["lang"]);
    builder
});

/// Renders Markdown to sanitized HTML.
pub fn to_html(markdown: &str) -> String {
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES,
    );
    let mut out = String::with_capacity(markdown.len() * 5 / 4);
    html::push_html(&mut out, parser);
    SANITIZER.clean(&out).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_and_sanitizes() {
        let html = to_html(
            "Un *texte* et [un lien](https://x.example).\n\n<script>alert(1)</script>\n\n<p onclick=\"x()\">p</p>\n\n[piège](javascript:alert(1))\n\n<iframe src=\"https://evil.example\"></iframe>",
        );
        assert!(html.contains("<em>texte</em>"));
        assert!(html.contains(r#"href="https://x.example""#));
        for bad in ["<script", "onclick", "javascript:", "<iframe", "alert(1)</script"] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
    }
}
