//! The article's subtrees → Markdown blocks, each with its plain text.
//!
//! Takes the nodes [`super::body`] chose and the base URL; returns [`Block`]s: paragraphs,
//! headings, list items, quotes, code, data tables, images and captions. Text is escaped so
//! it can never become Markdown syntax or raw HTML; links and images keep only absolute
//! `http(s)`/`mailto` targets (never `javascript:` or `data:`). One iterative walk per root.

use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node};

use super::Attribute;
use super::body::{collapse, is_data_table};

/// What a block is, for the filters and the joiner downstream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Paragraph,
    Heading,
    Item,
    Quote,
    Code,
    Table,
    Image,
    Caption,
}

/// One Markdown block and its plain text (empty for images).
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: Kind,
    pub markdown: String,
    pub plain: String,
    /// Which list an item belongs to (0 outside lists): two lists in a row stay apart.
    pub list: u32,
}

/// Joins blocks: list items one per line, everything else separated by a blank line.
pub fn join(blocks: &[Block]) -> String {
    let mut out = String::new();
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            let tight =
                block.kind == Kind::Item && blocks[i - 1].kind == Kind::Item && block.list == blocks[i - 1].list;
            out.push_str(if tight { "\n" } else { "\n\n" });
        }
        out.push_str(&block.markdown);
    }
    out
}

#[derive(Clone, Copy)]
enum Mark {
    Link,
    Strong,
    Emphasis,
}

struct Open {
    node: NodeId,
    mark: Mark,
    href: String,
    pos: usize,
    generation: u32,
}

#[derive(Default)]
struct Renderer<'a> {
    base: Option<&'a str>,
    blocks: Vec<Block>,
    md: String,
    plain: String,
    generation: u32,
    marks: Vec<Open>,
    heading: Option<usize>,
    /// (ordered, next number) per open list.
    lists: Vec<(bool, u32)>,
    /// Lists opened so far, to number them.
    list_count: u32,
    /// The number of the outermost open list.
    list_id: u32,
    /// The open `<li>` has not written its marker yet.
    item_marker: bool,
    quote: usize,
    pre: usize,
    code: String,
    caption: usize,
    cell: usize,
    /// Skip events until this node closes (a table rendered whole).
    skip_until: Option<NodeId>,
}

const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];
const BLOCK_TAGS: &[&str] = &[
    "p", "div", "section", "article", "main", "header", "figure", "ul", "ol", "dl", "dt", "dd", "tr", "td", "th",
    "tbody", "thead", "hr", "address", "center", "details", "summary", "caption", "picture",
];

/// Attributes where lazy-loading scripts keep an image's real source, most used first.
pub const LAZY_SOURCES: &[&str] = &["data-src", "data-lazy-src", "data-original", "data-url"];

/// Renders the roots, in order.
pub fn render(document: &Html, roots: &[NodeId], base: Option<&str>) -> Vec<Block> {
    let mut r = Renderer {
        base,
        ..Renderer::default()
    };
    for &root in roots {
        let Some(node) = document.tree.get(root) else {
            continue;
        };
        for edge in node.traverse() {
            match edge {
                Edge::Open(n) => {
                    if r.skip_until.is_none() {
                        r.open(n);
                    }
                }
                Edge::Close(n) => {
                    if r.skip_until == Some(n.id()) {
                        r.skip_until = None;
                    } else if r.skip_until.is_none() {
                        r.close(n);
                    }
                }
            }
        }
        r.flush();
    }
    r.blocks
}

impl Renderer<'_> {
    fn open(&mut self, node: NodeRef<Node>) {
        match node.value() {
            Node::Text(t) => self.text(t),
            Node::Element(e) => {
                let name = e.name();
                if HEADINGS.contains(&name) {
                    self.flush();
                    self.heading = name[1..].parse().ok();
                } else if name == "li" {
                    self.flush();
                    self.item_marker = true;
                } else if matches!(name, "ul" | "ol") {
                    self.flush();
                    let start = e.attribute("start").and_then(|s| s.parse().ok()).unwrap_or(1);
                    if self.lists.is_empty() {
                        self.list_count += 1;
                        self.list_id = self.list_count;
                    }
                    self.lists.push((name == "ol", start));
                } else if name == "blockquote" {
                    self.flush();
                    self.quote += 1;
                } else if name == "pre" {
                    self.flush();
                    self.pre += 1;
                } else if name == "figcaption" {
                    self.flush();
                    self.caption += 1;
                } else if matches!(name, "td" | "th") {
                    self.flush();
                    self.cell += 1;
                } else if name == "table" {
                    self.flush();
                    if is_data_table(node) {
                        self.table(node);
                        self.skip_until = Some(node.id());
                    }
                } else if name == "br" {
                    if self.heading.is_some() || self.cell > 0 || !self.lists.is_empty() || self.caption > 0 {
                        self.space();
                    } else if self.pre > 0 {
                        self.code.push('\n');
                    } else {
                        self.flush();
                    }
                } else if name == "img" {
                    self.image(e);
                } else if BLOCK_TAGS.contains(&name) {
                    self.flush();
                } else if self.pre == 0 {
                    let mark = match name {
                        "a" => e
                            .attribute("href")
                            .and_then(|h| absolute(h, self.base))
                            .map(|h| (Mark::Link, h)),
                        "strong" | "b" => Some((Mark::Strong, String::new())),
                        "em" | "i" => Some((Mark::Emphasis, String::new())),
                        _ => None,
                    };
                    if let Some((mark, href)) = mark {
                        self.marks.push(Open {
                            node: node.id(),
                            mark,
                            href,
                            pos: self.md.len(),
                            generation: self.generation,
                        });
                    }
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, node: NodeRef<Node>) {
        let Node::Element(e) = node.value() else {
            return;
        };
        let name = e.name();
        if HEADINGS.contains(&name) {
            self.flush();
            self.heading = None;
        } else if name == "li" {
            self.flush();
            self.item_marker = false;
        } else if matches!(name, "ul" | "ol") {
            self.flush();
            self.lists.pop();
        } else if name == "blockquote" {
            self.flush();
            self.quote = self.quote.saturating_sub(1);
        } else if name == "pre" {
            self.pre = self.pre.saturating_sub(1);
            if self.pre == 0 {
                self.code_block();
            }
        } else if name == "figcaption" {
            self.flush();
            self.caption = self.caption.saturating_sub(1);
        } else if matches!(name, "td" | "th") {
            self.flush();
            self.cell = self.cell.saturating_sub(1);
        } else if BLOCK_TAGS.contains(&name) || name == "table" {
            self.flush();
        } else if self.marks.last().is_some_and(|m| m.node == node.id()) {
            let Some(open) = self.marks.pop() else { return };
            if open.generation != self.generation || open.pos > self.md.len() {
                return;
            }
            let inner = self.md.split_off(open.pos);
            let trimmed = inner.trim();
            if trimmed.is_empty() || (trimmed.starts_with('[') && !matches!(open.mark, Mark::Link)) {
                self.md.push_str(&inner);
                return;
            }
            let lead = &inner[..inner.len() - inner.trim_start().len()];
            let trail = &inner[inner.trim_end().len()..];
            self.md.push_str(lead);
            match open.mark {
                Mark::Link if !trimmed.contains("](") => {
                    self.md.push('[');
                    self.md.push_str(trimmed);
                    self.md.push_str("](");
                    self.md.push_str(&open.href);
                    self.md.push(')');
                }
                Mark::Strong if !trimmed.contains('*') => {
                    self.md.push_str("**");
                    self.md.push_str(trimmed);
                    self.md.push_str("**");
                }
                Mark::Emphasis if !trimmed.contains('*') => {
                    self.md.push('*');
                    self.md.push_str(trimmed);
                    self.md.push('*');
                }
                _ => self.md.push_str(trimmed),
            }
            self.md.push_str(trail);
        }
    }

    fn text(&mut self, text: &str) {
        if self.pre > 0 {
            self.code.push_str(text);
            return;
        }
        let mut first = true;
        for word in text.split_whitespace() {
            if !first || text.starts_with(char::is_whitespace) {
                self.space();
            }
            first = false;
            self.md.push_str(&escape_inline(word));
            self.plain.push_str(word);
        }
        if text.ends_with(char::is_whitespace) && !text.trim().is_empty() {
            self.space();
        }
        if text.trim().is_empty() && !text.is_empty() {
            self.space();
        }
    }

    fn space(&mut self) {
        if !self.md.is_empty() && !self.md.ends_with(' ') {
            self.md.push(' ');
        }
        if !self.plain.is_empty() && !self.plain.ends_with(' ') {
            self.plain.push(' ');
        }
    }

    /// Ends the current block.
    fn flush(&mut self) {
        self.generation += 1;
        self.marks.clear();
        let plain = collapse(&self.plain);
        let md = std::mem::take(&mut self.md);
        self.plain.clear();
        if plain.is_empty() {
            return;
        }
        let text = escape_block_start(md.trim());
        let (kind, markdown) = if let Some(level) = self.heading {
            (
                Kind::Heading,
                format!("{} {text}", if level <= 2 { "##" } else { "###" }),
            )
        } else if self.caption > 0 {
            (Kind::Caption, format!("*{text}*"))
        } else if self.item_marker || (!self.lists.is_empty() && self.cell == 0) {
            let depth = self.lists.len().saturating_sub(1);
            let indent = "  ".repeat(depth);
            let marker = match self.lists.last_mut() {
                Some((true, n)) if self.item_marker => {
                    let m = format!("{n}. ");
                    *n += 1;
                    m
                }
                _ if self.item_marker => "- ".to_string(),
                _ => "  ".to_string(),
            };
            self.item_marker = false;
            (Kind::Item, format!("{indent}{marker}{text}"))
        } else if self.quote > 0 {
            (Kind::Quote, text)
        } else {
            (Kind::Paragraph, text)
        };
        let markdown = if self.quote > 0 {
            format!("{} {markdown}", ">".repeat(self.quote))
        } else {
            markdown
        };
        let list = if kind == Kind::Item { self.list_id } else { 0 };
        self.blocks.push(Block {
            kind,
            markdown,
            plain,
            list,
        });
    }

    fn code_block(&mut self) {
        self.generation += 1;
        let code = std::mem::take(&mut self.code);
        let code = code.trim_matches('\n');
        if code.trim().is_empty() {
            return;
        }
        let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest.max(2) + 1);
        self.blocks.push(Block {
            kind: Kind::Code,
            markdown: format!("{fence}\n{code}\n{fence}"),
            plain: collapse(code),
            list: 0,
        });
    }

    fn image(&mut self, e: &scraper::node::Element) {
        let src = LAZY_SOURCES
            .iter()
            .filter_map(|a| e.attribute(a))
            .chain(e.attribute("srcset").and_then(|s| s.split_whitespace().next()))
            .chain(e.attribute("src"))
            .find_map(|s| absolute(s, self.base));
        let Some(src) = src else { return };
        let tiny = |a| {
            e.attribute(a)
                .and_then(|v| v.trim_end_matches("px").parse::<u32>().ok())
                .is_some_and(|v| v < 50)
        };
        if tiny("width") || tiny("height") {
            return;
        }
        self.flush();
        let alt = collapse(e.attribute("alt").unwrap_or(""));
        self.blocks.push(Block {
            kind: Kind::Image,
            markdown: format!("![{}]({src})", escape_inline(&alt)),
            plain: String::new(),
            list: 0,
        });
    }

    /// A data table as a Markdown pipe table (cells as plain text).
    fn table(&mut self, table: NodeRef<Node>) {
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut caption = String::new();
        let mut stack: Vec<NodeRef<Node>> = table.children().rev().collect();
        while let Some(n) = stack.pop() {
            let Some(e) = n.value().as_element() else { continue };
            match e.name() {
                "tr" => rows.push(
                    n.children()
                        .filter(|c| c.value().as_element().is_some_and(|e| matches!(e.name(), "td" | "th")))
                        .map(|c| collapse(&super::body::ego_text(c)))
                        .collect(),
                ),
                "caption" => caption = collapse(&super::body::ego_text(n)),
                "table" => {}
                _ => stack.extend(n.children().rev()),
            }
        }
        rows.retain(|r| r.iter().any(|c| !c.is_empty()));
        if !caption.is_empty() {
            self.blocks.push(Block {
                kind: Kind::Caption,
                markdown: format!("*{}*", escape_inline(&caption)),
                plain: caption,
                list: 0,
            });
        }
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        if rows.is_empty() || width == 0 {
            return;
        }
        let cell = |c: &str| escape_inline(c).replace('|', "\\|");
        let mut md = String::new();
        for (i, row) in rows.iter().enumerate() {
            md.push('|');
            for j in 0..width {
                md.push(' ');
                md.push_str(&cell(row.get(j).map_or("", String::as_str)));
                md.push_str(" |");
            }
            md.push('\n');
            if i == 0 {
                md.push('|');
                md.push_str(&" --- |".repeat(width));
                md.push('\n');
            }
        }
        let plain = rows.iter().map(|r| r.join(" ")).collect::<Vec<_>>().join(" ");
        self.blocks.push(Block {
            kind: Kind::Table,
            markdown: md.trim_end().to_string(),
            plain: collapse(&plain),
            list: 0,
        });
    }
}

/// An absolute http(s) or mailto URL, resolved against `base` by the WHATWG URL standard (as
/// a browser would); anything else (javascript:, data:, fragments) is dropped. The result is
/// percent-encoded, so it holds no space, quote or angle bracket, and no parenthesis: it can
/// stand as a Markdown link target.
pub fn absolute(href: &str, base: Option<&str>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    let resolved = match url::Url::parse(href) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) => url::Url::parse(base?).ok()?.join(href).ok()?,
        Err(_) => return None,
    };
    matches!(resolved.scheme(), "http" | "https" | "mailto")
        .then(|| resolved.as_str().replace('(', "%28").replace(')', "%29"))
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

    fn md(html: &str) -> String {
        let doc = Html::parse_document(html);
        let body = doc
            .tree
            .root()
            .descendants()
            .find(|n| n.value().as_element().is_some_and(|e| e.name() == "body"))
            .map(|n| n.id());
        join(&render(
            &doc,
            &body.into_iter().collect::<Vec<_>>(),
            Some("https://x.example/a/b.html"),
        ))
    }

    #[test]
    fn blocks_become_markdown() {
        let out = md(
            "<body><h2>Titre</h2><p>Un <b>mot</b> et <a href='/c'>un lien</a>.</p><ul><li>un</li><li>deux</li></ul>\
             <ol><li>premier</li></ol><blockquote><p>Cité</p></blockquote>\
             <figure><img src='i.jpg' alt='Gao'><figcaption>Le marché</figcaption></figure></body>",
        );
        assert_eq!(
            out,
            "## Titre\n\nUn **mot** et [un lien](https://x.example/c).\n\n- un\n- deux\n\n1. premier\n\n> Cité\n\n\
             ![Gao](https://x.example/a/i.jpg)\n\n*Le marché*"
        );
    }

    #[test]
    fn tables_and_code() {
        let out = md(
            "<body><table><tr><th>Ville</th><th>Morts</th></tr><tr><td>Gao</td><td>3</td></tr></table><pre>a  b\nc</pre></body>",
        );
        assert_eq!(
            out,
            "| Ville | Morts |\n| --- | --- |\n| Gao | 3 |\n\n```\na  b\nc\n```"
        );
    }

    #[test]
    fn unsafe_targets_are_text() {
        let out =
            md("<body><p><a href='javascript:alert(1)'>piège</a> <img src='data:image/png;base64,xx'></p></body>");
        assert_eq!(out, "piège");
    }

    #[test]
    fn urls_resolve_against_the_base() {
        let base = Some("https://x.example/a/b.html?q=1");
        assert_eq!(absolute("/c", base).as_deref(), Some("https://x.example/c"));
        assert_eq!(absolute("c.jpg", base).as_deref(), Some("https://x.example/a/c.jpg"));
        assert_eq!(absolute("../c.jpg", base).as_deref(), Some("https://x.example/c.jpg"));
        assert_eq!(
            absolute("//cdn.example/i.png", base).as_deref(),
            Some("https://cdn.example/i.png")
        );
        assert_eq!(
            absolute("c", Some("https://x.example")).as_deref(),
            Some("https://x.example/c")
        );
        assert_eq!(absolute("javascript:alert(1)", base), None);
        assert_eq!(absolute("JavaScript:alert(1)", base), None);
        assert_eq!(absolute("data:text/html,x", base), None);
        assert_eq!(absolute("java\tscript:alert(1)", base), None);
        assert_eq!(absolute("#note", base), None);
        assert_eq!(
            absolute("/x?a=\"<b>\" (c)", base).as_deref(),
            Some("https://x.example/x?a=%22%3Cb%3E%22%20%28c%29")
        );
        assert_eq!(
            absolute("mailto:redaction@x.example", None).as_deref(),
            Some("mailto:redaction@x.example")
        );
    }

    #[test]
    fn escapes() {
        assert_eq!(escape_inline("a*b_<script>"), "a\\*b\\_\\<script\\>");
        assert_eq!(escape_block_start("# titre"), "\\# titre");
        assert_eq!(escape_block_start("2025. Une année"), "2025\\. Une année");
        assert_eq!(escape_block_start("Le 9 juin"), "Le 9 juin");
    }
}
