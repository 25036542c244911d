//! Page text → the same text without the bodies of `<script>`, `<style>` and `<svg>` elements,
//! before parsing.
//!
//! On news pages half the bytes are scripts and style sheets that the extractor discards
//! anyway; skipping them here spares the tokenizer that work. JSON-LD scripts are kept (the
//! metadata reads them), and so is any script whose body holds `<!--` (the tokenizer's escaped
//! states may end it elsewhere than the first `</script`). Comments are stepped over whole, so
//! a `<script` inside one is left alone. One forward scan; returns the input when nothing goes.

use std::borrow::Cow;

/// The text with script, style and svg bodies emptied.
pub fn raw_text_bodies(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    let mut i = 0;
    while let Some(at) = next_lt(bytes, i) {
        let rest = &bytes[at..];
        if rest.starts_with(b"<!--") {
            i = find(html, at + 4, "-->").map_or(bytes.len(), |end| end + 3);
            continue;
        }
        let Some(tag) = raw_text_tag(rest) else {
            i = at + 1;
            continue;
        };
        let Some(open_end) = start_tag_end(bytes, at + 1 + tag.len()) else {
            break;
        };
        let Some(close) = find_ignore_case(html, open_end, tag) else {
            break;
        };
        let body = &html[open_end..close];
        // An inner `<svg` would make the first `</svg` close the wrong element.
        let keep = body.contains("<!--")
            || (tag == "script" && is_json(&html[at..open_end]))
            || (tag == "svg" && body.to_ascii_lowercase().contains("<svg"));
        if !keep && !body.trim().is_empty() {
            out.push_str(&html[copied..open_end]);
            copied = close;
        }
        i = close + 2;
    }
    if copied == 0 {
        Cow::Borrowed(html)
    } else {
        out.push_str(&html[copied..]);
        Cow::Owned(out)
    }
}

/// `script`, `style` or `svg` when `rest` opens one of them.
fn raw_text_tag(rest: &[u8]) -> Option<&'static str> {
    ["script", "style", "svg"].into_iter().find(|tag| {
        rest.len() > tag.len() + 1
            && rest[1..=tag.len()].eq_ignore_ascii_case(tag.as_bytes())
            && matches!(
                rest[tag.len() + 1],
                b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'>' | b'/'
            )
    })
}

/// The index just past the `>` that ends a start tag, skipping quoted attribute values.
fn start_tag_end(bytes: &[u8], mut i: usize) -> Option<usize> {
    let mut quote = None;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return Some(i + 1),
            None => {}
        }
        i += 1;
    }
    None
}

fn is_json(start_tag: &str) -> bool {
    start_tag.to_ascii_lowercase().contains("json")
}

/// The next `<` from `from`: memchr's SIMD scan (the standard library's is word by word, and
/// this scan is most of the pass on pages of many small tags).
fn next_lt(bytes: &[u8], from: usize) -> Option<usize> {
    memchr::memchr(b'<', bytes.get(from..)?).map(|p| from + p)
}

fn find(html: &str, from: usize, needle: &str) -> Option<usize> {
    html.get(from..)?.find(needle).map(|p| from + p)
}

/// The next `</tag` (any case) followed by a character that ends a tag name.
fn find_ignore_case(html: &str, from: usize, tag: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut i = from;
    while let Some(at) = next_lt(bytes, i) {
        let name_end = at + 2 + tag.len();
        if bytes.len() > name_end
            && bytes[at + 1] == b'/'
            && bytes[at + 2..name_end].eq_ignore_ascii_case(tag.as_bytes())
            && matches!(bytes[name_end], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'>' | b'/')
        {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_go_json_ld_stays() {
        let page = r#"<head><script src="a.js">var x = "</div>";</script><STYLE>p{}</STYLE>
<script type="application/ld+json">{"headline":"Gao"}</script></head><body><p>Texte</p></body>"#;
        assert_eq!(
            raw_text_bodies(page),
            r#"<head><script src="a.js"></script><STYLE></STYLE>
<script type="application/ld+json">{"headline":"Gao"}</script></head><body><p>Texte</p></body>"#
        );
    }

    #[test]
    fn comments_escaped_scripts_and_lookalikes_are_left_alone() {
        for page in [
            "<!-- <script> --><p>Texte</p><!-- </script> -->",
            "<script><!-- document.write('<script>x</script>') --></script><p>Texte</p>",
            "<scripted>x</scripted>",
            "<p>a < b</p>",
            "<script>unclosed",
        ] {
            assert_eq!(raw_text_bodies(page), page);
        }
    }
}
