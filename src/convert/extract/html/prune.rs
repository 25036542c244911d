//! Page text → the same text without what no later stage reads, before parsing: the bodies of
//! `<script>`, `<style>` and `<svg>` elements, the attributes of start tags that neither the
//! tree builder nor the extractor looks at (`data-*` state, `aria-*`, event handlers, tracking
//! ids…), and the indentation between tags (outside `<pre>` and `<listing>`).
//!
//! On news pages half the bytes are scripts and style sheets that the extractor discards
//! anyway, and a quarter of the attributes are never read; skipping them here spares the
//! tokenizer that work (it reads attribute values char by char). JSON-LD scripts are kept (the
//! metadata reads them), and so is any script whose body holds `<!--` (the tokenizer's escaped
//! states may end it elsewhere than the first `</script`). Start tags are read as the HTML
//! tokenizer reads them, quotes and all; comments, CDATA sections and the text of raw-text
//! elements (`<title>`, `<textarea>`, `<noscript>`…) are stepped over whole, so a tag-like string
//! in them is left alone. (Inside SVG or MathML a `<title>` is markup, not raw text: stepping
//! over it only prunes less.) One forward scan; returns the input when nothing goes.
//!
//! Containers nested deeper than [`MAX_NESTING`] lose their tags (their text stays): the tree
//! builder checks the stack of open elements at every start tag, so a page of 40,000 nested
//! `<div>`s costs it seconds, and twice the depth four times as much.

use std::borrow::Cow;
use std::ops::Range;

/// Whether some stage reads the attribute `name` (lower case): the extractor (`class`, `href`,
/// `itemprop`, lazy-image sources…) or the tree builder itself (`type` of a table's `<input>`,
/// the `<font>` and `<annotation-xml>` ones that decide foreign content, declarative shadow
/// roots). A `match` on byte strings: this runs on every attribute of the page.
fn is_read(name: &[u8]) -> bool {
    matches!(
        name,
        b"alt"
            | b"aria-hidden"
            | b"class"
            | b"color"
            | b"content"
            | b"data-lazy-src"
            | b"data-original"
            | b"data-src"
            | b"data-url"
            | b"datatable"
            | b"datetime"
            | b"encoding"
            | b"face"
            | b"height"
            | b"hidden"
            | b"href"
            | b"id"
            | b"itemprop"
            | b"lang"
            | b"name"
            | b"property"
            | b"pubdate"
            | b"rel"
            | b"role"
            | b"shadowrootclonable"
            | b"shadowrootdelegatesfocus"
            | b"shadowrootmode"
            | b"shadowrootserializable"
            | b"size"
            | b"src"
            | b"srcset"
            | b"start"
            | b"style"
            | b"summary"
            | b"type"
            | b"width"
            | b"xml:lang"
    )
}

/// Elements whose text the tokenizer does not read as markup (scripting enabled, as the parser
/// runs): left as they are.
const RAW_TEXT: &[&str] = &["title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript"];

/// How deep containers may nest: far beyond any real page's layout (a few dozen levels).
const MAX_NESTING: usize = 256;

/// Elements that nest without the tree builder closing them for us: the ones a hostile page
/// piles up.
const CONTAINERS: &[&str] = &[
    "div",
    "span",
    "section",
    "article",
    "aside",
    "main",
    "header",
    "footer",
    "nav",
    "blockquote",
    "figure",
    "font",
];

/// The containers open so far, and those whose tags went for being too deep (so that their end
/// tags go too).
#[derive(Default)]
struct Nesting {
    open: [usize; CONTAINERS.len()],
    dropped: [usize; CONTAINERS.len()],
}

impl Nesting {
    fn container(name: &str) -> Option<usize> {
        CONTAINERS.iter().position(|c| name.eq_ignore_ascii_case(c))
    }

    /// A start tag of container `k`: whether it goes.
    fn start_drops(&mut self, k: usize) -> bool {
        if self.open.iter().sum::<usize>() >= MAX_NESTING {
            self.dropped[k] += 1;
            true
        } else {
            self.open[k] += 1;
            false
        }
    }

    /// An end tag of container `k`: whether it goes (it closes one whose start tag went).
    fn end_drops(&mut self, k: usize) -> bool {
        if self.dropped[k] > 0 {
            self.dropped[k] -= 1;
            true
        } else {
            self.open[k] = self.open[k].saturating_sub(1);
            false
        }
    }
}

/// The text with script, style and svg bodies emptied and unread attributes dropped.
pub fn prune(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out = Output {
        html,
        text: String::new(),
        copied: 0,
    };
    let mut i = 0;
    let mut preformatted = 0usize;
    let mut nesting = Nesting::default();
    while let Some(at) = next_lt(bytes, i) {
        let rest = &bytes[at..];
        if preformatted == 0 {
            collapse_blank(html, i, at, &mut out);
        }
        if PREFORMATTED.iter().any(|t| closes(rest, t)) {
            preformatted = preformatted.saturating_sub(1);
        }
        if rest.starts_with(b"<!--") {
            i = comment_end(html, at);
            continue;
        }
        // CDATA (in SVG or MathML) is text: stepped over whole, like a comment.
        if rest.starts_with(b"<![CDATA[") {
            i = find(html, at + 9, "]]>").map_or(bytes.len(), |end| end + 3);
            continue;
        }
        if rest.get(1) == Some(&b'/')
            && let Some((k, end)) = end_tag(html, at)
            && nesting.end_drops(k)
        {
            out.copy_until(at);
            out.copied = end;
            i = end;
            continue;
        }
        if !rest.get(1).is_some_and(u8::is_ascii_alphabetic) {
            i = at + 1;
            continue;
        }
        // A start tag cut off by the end of the file is no tag: leave the rest alone.
        let Some(tag) = StartTag::read(bytes, at) else {
            break;
        };
        let name = &html[tag.name.clone()];
        if let Some(k) = Nesting::container(name)
            && nesting.start_drops(k)
        {
            out.copy_until(at);
            out.copied = tag.end;
            i = tag.end;
            continue;
        }
        if tag.drops {
            out.copy_until(at);
            tag.write_kept(html, &mut out.text);
            out.copied = tag.end;
        }
        i = tag.end;
        if PREFORMATTED.iter().any(|t| name.eq_ignore_ascii_case(t)) {
            preformatted += 1;
        }
        if let Some(raw) = ["script", "style", "svg"]
            .into_iter()
            .find(|t| name.eq_ignore_ascii_case(t))
        {
            let Some(close) = find_ignore_case(html, tag.end, raw) else {
                break;
            };
            let body = &html[tag.end..close];
            // An inner `<svg` would make the first `</svg` close the wrong element.
            // A script holding `<!--` then `<script` puts the tokenizer in its double-escaped
            // state, where this `</script` may not end it: where it really ends is unknown, so
            // the rest of the page is left as it is.
            if raw == "script"
                && body
                    .find("<!--")
                    .is_some_and(|p| body[p..].to_ascii_lowercase().contains("<script"))
            {
                break;
            }
            let keep = body.contains("<!--")
                || (raw == "script" && tag.is_json_ld(html))
                || (raw == "svg" && body.to_ascii_lowercase().contains("<svg"));
            if !keep && !body.trim().is_empty() {
                out.copy_until(tag.end);
                out.copied = close;
            }
            i = close + 2;
        } else if let Some(raw) = RAW_TEXT.iter().find(|t| name.eq_ignore_ascii_case(t)) {
            let Some(close) = find_ignore_case(html, tag.end, raw) else {
                break;
            };
            i = close + 2;
        } else if name.eq_ignore_ascii_case("plaintext") {
            break;
        }
    }
    if out.copied == 0 {
        Cow::Borrowed(html)
    } else {
        out.text.push_str(&html[out.copied..]);
        Cow::Owned(out.text)
    }
}

/// The container an end tag at `at` (`</…`) closes, and where the tag ends.
fn end_tag(html: &str, at: usize) -> Option<(usize, usize)> {
    let bytes = html.as_bytes();
    let name_end = (at + 2..bytes.len()).find(|&i| !bytes[i].is_ascii_alphanumeric())?;
    let k = Nesting::container(&html[at + 2..name_end])?;
    let gt = memchr::memchr(b'>', &bytes[name_end..])?;
    Some((k, name_end + gt + 1))
}

/// Elements whose white space is content.
const PREFORMATTED: &[&str] = &["pre", "listing"];

/// Between the last `>` before `at` and `at` (the text from `from` on): a run of white space
/// only becomes its first char. Indentation between tags is a sixth of a page's bytes, and the
/// tokenizer takes every newline apart; outside preformatted text, one blank is as good as many
/// to everything downstream (the renderer collapses them).
fn collapse_blank(html: &str, from: usize, at: usize, out: &mut Output) {
    let bytes = html.as_bytes();
    // From the byte before `from`: the `>` of the tag the scan resumed after.
    let from = from.min(at).saturating_sub(1);
    let Some(gt) = memchr::memrchr(b'>', &bytes[from..at]).map(|p| from + p) else {
        return;
    };
    let run = &bytes[gt + 1..at];
    if run.len() >= 2 && run.iter().all(|b| is_space(*b)) && out.copied <= gt + 1 {
        out.copy_until(gt + 2);
        out.copied = at;
    }
}

/// The pruned text so far: `text` holds the page up to `copied`, less what went.
struct Output<'a> {
    html: &'a str,
    text: String,
    copied: usize,
}

impl Output<'_> {
    fn copy_until(&mut self, end: usize) {
        if self.text.capacity() == 0 {
            self.text.reserve(self.html.len());
        }
        self.text.push_str(&self.html[self.copied..end]);
        self.copied = end;
    }
}

/// A start tag as the HTML tokenizer reads it: its name, its attributes, where it ends.
struct StartTag {
    name: Range<usize>,
    attributes: Vec<Attr>,
    /// Some attribute is one no stage reads.
    drops: bool,
    self_closing: bool,
    /// Just past the `>`.
    end: usize,
}

/// One attribute of a start tag, as byte ranges of the page.
struct Attr {
    name: Range<usize>,
    /// From the first byte of the name to the last of the value, quotes included.
    whole: Range<usize>,
    /// Some stage reads it ([`is_read`]).
    read: bool,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

impl StartTag {
    /// The tag opening at `at` (a `<` followed by a letter); `None` when the text ends inside it.
    fn read(bytes: &[u8], at: usize) -> Option<StartTag> {
        let mut i = at + 1;
        while !is_space(*bytes.get(i)?) && !matches!(bytes[i], b'/' | b'>') {
            i += 1;
        }
        let mut tag = StartTag {
            name: at + 1..i,
            attributes: Vec::new(),
            drops: false,
            self_closing: false,
            end: 0,
        };
        // The tokenizer's "before attribute name" state, and the states it leads to.
        loop {
            match *bytes.get(i)? {
                b if is_space(b) => i += 1,
                b'>' => break,
                b'/' if bytes.get(i + 1) == Some(&b'>') => {
                    tag.self_closing = true;
                    i += 1;
                    break;
                }
                b'/' => i += 1,
                _ => {
                    let name_start = i;
                    // A `=` opening a name belongs to it.
                    i += 1;
                    while !is_space(*bytes.get(i)?) && !matches!(bytes[i], b'/' | b'>' | b'=') {
                        i += 1;
                    }
                    let name = name_start..i;
                    let mut value_end = i;
                    let mut after_name = i;
                    while is_space(*bytes.get(after_name)?) {
                        after_name += 1;
                    }
                    if bytes[after_name] == b'=' {
                        i = after_name + 1;
                        while is_space(*bytes.get(i)?) {
                            i += 1;
                        }
                        match bytes[i] {
                            // A missing value: the `>` ends the tag.
                            b'>' => {}
                            q @ (b'"' | b'\'') => {
                                let close = memchr::memchr(q, &bytes[i + 1..])?;
                                i += close + 2;
                            }
                            _ => {
                                while !is_space(*bytes.get(i)?) && bytes[i] != b'>' {
                                    i += 1;
                                }
                            }
                        }
                        value_end = i;
                    }
                    let read = Self::reads(&bytes[name.clone()]);
                    tag.drops |= !read;
                    tag.attributes.push(Attr {
                        name,
                        whole: name_start..value_end,
                        read,
                    });
                }
            }
        }
        tag.end = i + 1;
        Some(tag)
    }

    /// Lower-cased on the stack first: attribute names are ASCII case-insensitive.
    fn reads(name: &[u8]) -> bool {
        let mut lower = [0u8; 24];
        let Some(lower) = lower.get_mut(..name.len()) else {
            return false;
        };
        for (l, b) in lower.iter_mut().zip(name) {
            *l = b.to_ascii_lowercase();
        }
        is_read(lower)
    }

    fn write_kept(&self, html: &str, out: &mut String) {
        out.push('<');
        out.push_str(&html[self.name.clone()]);
        for attr in self.attributes.iter().filter(|a| a.read) {
            out.push(' ');
            out.push_str(&html[attr.whole.clone()]);
        }
        out.push_str(if self.self_closing { " />" } else { ">" });
    }

    fn is_json_ld(&self, html: &str) -> bool {
        self.attributes.iter().any(|a| {
            html[a.name.clone()].eq_ignore_ascii_case("type")
                && html[a.whole.clone()].to_ascii_lowercase().contains("ld+json")
        })
    }
}

/// Just past the comment opening at `at`: its `-->`, or the abrupt `<!-->` and `<!--->`.
fn comment_end(html: &str, at: usize) -> usize {
    let bytes = html.as_bytes();
    match bytes.get(at + 4..at + 6) {
        Some([b'>', ..]) => at + 5,
        Some(b"->") => at + 6,
        _ => find(html, at + 4, "-->").map_or(bytes.len(), |end| end + 3),
    }
}

/// `rest` opens the end tag `</tag` (any case).
fn closes(rest: &[u8], tag: &str) -> bool {
    let end = 2 + tag.len();
    rest.len() > end
        && rest.starts_with(b"</")
        && rest[2..end].eq_ignore_ascii_case(tag.as_bytes())
        && !rest[end].is_ascii_alphanumeric()
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
    fn containers_past_the_nesting_limit_lose_their_tags_not_their_text() {
        let depth = MAX_NESTING + 50;
        let page = format!(
            "<body>{}<p>texte</p>{}<div class=after>suite</div></body>",
            "<div class=x>".repeat(depth),
            "</div>".repeat(depth)
        );
        let pruned = prune(&page);
        assert_eq!(
            pruned.matches("<div").count(),
            MAX_NESTING + 1,
            "the limit, and the div after"
        );
        assert_eq!(pruned.matches("</div>").count(), MAX_NESTING + 1);
        assert!(pruned.contains("<p>texte</p>") && pruned.contains("<div class=after>suite</div>"));
        let shallow = "<div><span><div>x</div></span></div>";
        assert_eq!(prune(shallow), shallow);
    }

    /// Every attribute the extractor asks for must survive pruning: a new `attribute("…")` in
    /// `src/convert` (or through the `tiny`/`of` helpers) fails here until `is_read` lists it.
    #[test]
    fn every_attribute_the_extractor_reads_is_kept() {
        let asked = regex::Regex::new(r#"(?:^|[^:\w])(?:attr|attribute|tiny|of)\("([a-z][a-z:-]*)"\)"#).unwrap();
        let mut names: Vec<String> = super::super::markdown::LAZY_SOURCES
            .iter()
            .chain(super::super::meta::META_KEYS)
            .map(|n| n.to_string())
            .collect();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/convert");
        for entry in walkdir::WalkDir::new(root) {
            let entry = entry.unwrap();
            if entry.path().extension().is_some_and(|e| e == "rs") {
                let code = std::fs::read_to_string(entry.path()).unwrap();
                names.extend(asked.captures_iter(&code).map(|c| c[1].to_string()));
            }
        }
        assert!(names.len() > 20, "the scan found the extractor's attributes");
        for name in names {
            assert!(is_read(name.as_bytes()), "{name} is read but pruned");
        }
    }

    #[test]
    fn unread_attributes_go_as_the_tokenizer_reads_them() {
        for (page, pruned) in [
            (
                r#"<div class="a" data-x='1 > 2' onclick="x()">t</div>"#,
                r#"<div class="a">t</div>"#,
            ),
            ("<a href=/x/ data-y=1>t</a>", "<a href=/x/>t</a>"),
            (r#"<img src="a.jpg" data-foo="b"/>"#, r#"<img src="a.jpg" />"#),
            ("<p data-a=1 CLASS=x class=y>t</p>", "<p CLASS=x class=y>t</p>"),
            (r#"<p data-a="1"class="x">t</p>"#, r#"<p class="x">t</p>"#),
            ("<p\tdata-a\n=\n'1'\tid = b >t</p>", "<p id = b>t</p>"),
            ("<br data-a/>", "<br />"),
        ] {
            assert_eq!(prune(page), pruned, "{page}");
        }
    }

    #[test]
    fn raw_text_and_cut_tags_keep_their_attributes() {
        for page in [
            "<title>a <b data-x=1> c</title>",
            "<textarea><p data-x=1></textarea>",
            r#"<p class="a" data-x="unterminated"#,
            r#"<p class="a">fine</p>"#,
            "<!-- <p data-x=1> -->",
        ] {
            assert_eq!(prune(page), page);
        }
        // `<!-->` is a whole (empty) comment: what follows is markup again.
        assert_eq!(prune("<!--> <p data-x=1> -->"), "<!--> <p> -->");
        assert_eq!(prune("<!---> <p data-x=1> -->"), "<!---> <p> -->");
    }

    #[test]
    fn blank_runs_between_tags_shrink_outside_pre() {
        assert_eq!(
            prune("<ul>\n    <li>a</li>\n    <li>b</li>\n</ul>"),
            "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"
        );
        assert_eq!(prune("<b>a</b>   <i>b</i>"), "<b>a</b> <i>b</i>");
        // Text is not a blank run, and white space in preformatted text is content.
        for page in [
            "<p>a   b</p>",
            "<pre>\n  <b>x</b>\n    <i>y</i></pre>",
            "<p> <b>a</b> </p>",
        ] {
            assert_eq!(prune(page), page);
        }
        assert_eq!(prune("<PRE><b>x</b>  </Pre>  <p>"), "<PRE><b>x</b>  </Pre> <p>");
        // Next to a rewritten tag, an emptied script, a nested or an unclosed <pre>.
        assert_eq!(prune("<div data-x=1>\n   <p>a</p></div>"), "<div>\n<p>a</p></div>");
        assert_eq!(
            prune("<script>x()</script>\n   <p>a</p>"),
            "<script></script>\n<p>a</p>"
        );
        assert_eq!(
            prune("<pre><pre> </pre>  <b>x</b></pre>  <p>"),
            "<pre><pre> </pre>  <b>x</b></pre> <p>"
        );
        assert_eq!(prune("<pre>  <b>x</b>  <i>y</i>"), "<pre>  <b>x</b>  <i>y</i>");
    }

    #[test]
    fn cdata_and_double_escaped_scripts_are_left_alone() {
        let page = "<math><![CDATA[ <a data-x=1>  </a> ]]></math><p data-y=2>t</p>";
        assert_eq!(prune(page), "<math><![CDATA[ <a data-x=1>  </a> ]]></math><p>t</p>");
        // After `<!--` and `<script` in a script, where it ends is unknown: nothing after goes.
        let page = "<p data-a=1>a</p><script><!-- <script>x</script> --></script><p data-b=2>b</p>";
        assert_eq!(
            prune(page),
            "<p>a</p><script><!-- <script>x</script> --></script><p data-b=2>b</p>"
        );
    }

    #[test]
    fn attribute_names_are_compared_in_any_case() {
        assert!(StartTag::reads(b"HREF") && StartTag::reads(b"data-src") && StartTag::reads(b"xml:lang"));
        assert!(!StartTag::reads(b"onclick") && !StartTag::reads(b"data-srcset") && !StartTag::reads(b""));
        assert!(!StartTag::reads(b"shadowrootserializable-but-longer"));
    }

    #[test]
    fn bodies_go_json_ld_stays() {
        let page = r#"<head><script src="a.js">var x = "</div>";</script><STYLE>p{}</STYLE>
<script type="application/ld+json">{"headline":"Gao"}</script></head><body><p>Texte</p></body>"#;
        assert_eq!(
            prune(page),
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
            assert_eq!(prune(page), page);
        }
    }
}
