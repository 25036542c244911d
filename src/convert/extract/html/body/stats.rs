//! Totals over each element's subtree (text, links, commas, paragraphs, images, list items),
//! in one post-order pass, and the text helpers they count with.

use ego_tree::{NodeId, NodeRef};
use rustc_hash::FxHashMap;
use scraper::{Html, Node};

/// Children that stop a `<div>` from reading as one paragraph.
pub(super) const BLOCKS: &[&str] = &[
    "blockquote",
    "dl",
    "div",
    "img",
    "ol",
    "p",
    "pre",
    "table",
    "ul",
    "section",
    "article",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "main",
    "picture",
    "video",
];

/// Totals over an element's subtree.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    pub chars: u32,
    pub link_chars: u32,
    pub(super) commas: u32,
    pub(super) p: u32,
    pub(super) img: u32,
    pub(super) li: u32,
    pub(super) li_chars: u32,
    pub(super) heading_chars: u32,
    pub(super) embeds: u32,
    /// Children that are blocks (for the div-as-paragraph rule).
    pub(super) block_children: u32,
}

impl Stats {
    pub(super) fn add(&mut self, o: &Stats) {
        self.chars += o.chars;
        self.link_chars += o.link_chars;
        self.commas += o.commas;
        self.p += o.p;
        self.img += o.img;
        self.li += o.li;
        self.li_chars += o.li_chars;
        self.heading_chars += o.heading_chars;
        self.embeds += o.embeds;
    }

    pub(super) fn sub(&mut self, o: &Stats) {
        self.chars = self.chars.saturating_sub(o.chars);
        self.link_chars = self.link_chars.saturating_sub(o.link_chars);
        self.commas = self.commas.saturating_sub(o.commas);
        self.p = self.p.saturating_sub(o.p);
        self.img = self.img.saturating_sub(o.img);
        self.li = self.li.saturating_sub(o.li);
        self.li_chars = self.li_chars.saturating_sub(o.li_chars);
        self.heading_chars = self.heading_chars.saturating_sub(o.heading_chars);
        self.embeds = self.embeds.saturating_sub(o.embeds);
    }

    pub fn link_density(&self) -> f64 {
        if self.chars == 0 {
            0.0
        } else {
            f64::from(self.link_chars) / f64::from(self.chars)
        }
    }
}

/// The text of a subtree, iteratively.
pub fn ego_text(node: NodeRef<Node>) -> String {
    let mut s = String::new();
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            s.push_str(t);
        }
    }
    s
}

/// Collapses runs of white space into one space.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Characters of a text with white-space runs counted as one.
pub(super) fn text_chars(text: &str) -> u32 {
    let mut n = 0u32;
    let mut in_space = true;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                n += 1;
                in_space = true;
            }
        } else {
            n += 1;
            in_space = false;
        }
    }
    n
}

pub(super) fn commas(text: &str) -> u32 {
    text.chars()
        .filter(|c| {
            matches!(
                c,
                ',' | '\u{060C}'
                    | '\u{FE50}'
                    | '\u{FE10}'
                    | '\u{FE11}'
                    | '\u{2E41}'
                    | '\u{2E34}'
                    | '\u{2E32}'
                    | '\u{FF0C}'
            )
        })
        .count() as u32
}

/// One post-order pass: every element's totals.
pub(super) fn tally(document: &Html, body: NodeId) -> FxHashMap<NodeId, Stats> {
    let mut stats: FxHashMap<NodeId, Stats> = FxHashMap::default();
    let Some(body_ref) = document.tree.get(body) else {
        return stats;
    };
    for edge in body_ref.traverse() {
        let ego_tree::iter::Edge::Close(node) = edge else {
            continue;
        };
        let Node::Element(element) = node.value() else {
            continue;
        };
        let name = element.name();
        let mut own = Stats::default();
        for child in node.children() {
            match child.value() {
                Node::Text(t) => {
                    own.chars += text_chars(t);
                    own.commas += commas(t);
                }
                Node::Element(e) => {
                    if let Some(s) = stats.get(&child.id()) {
                        own.add(s);
                    }
                    if BLOCKS.contains(&e.name()) {
                        own.block_children += 1;
                    }
                }
                _ => {}
            }
        }
        match name {
            "a" => own.link_chars = own.chars,
            "p" => own.p += 1,
            "img" => own.img += 1,
            "li" => {
                own.li += 1;
                own.li_chars = own.chars;
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => own.heading_chars = own.chars,
            "video" | "audio" => own.embeds += 1,
            _ => {}
        }
        stats.insert(node.id(), own);
    }
    stats
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_runs_count_as_one_character() {
        assert_eq!(text_chars("  Gao,\n\t  Mali "), 10);
        assert_eq!(text_chars(""), 0);
        assert_eq!(commas("a, b، c，d"), 3);
    }

    #[test]
    fn totals_add_up_the_subtree_and_link_text() {
        let page = Html::parse_document(
            r#"<body><div id="d"><p>Une phrase, deux.</p><p><a href="/x">lien</a> et texte</p><ul><li>un</li></ul></div></body>"#,
        );
        let (body, id) = super::super::body_and_id(&page);
        let stats = tally(&page, body);
        let s = stats[&id("d")];
        assert_eq!((s.p, s.li, s.commas, s.link_chars), (2, 1, 1, 4));
        // A text node's leading space counts for nothing: " et texte" is 8.
        assert_eq!(s.chars, 17 + 4 + 8 + 2);
        assert_eq!(s.block_children, 3);
        assert!((s.link_density() - 4.0 / f64::from(s.chars)).abs() < 1e-9);
    }
}
