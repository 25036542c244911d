//! After selection: drop, bottom-up, the blocks inside the article that look like furniture
//! (link-heavy, image-heavy, form-like, too short, share bars), keeping data tables and figures.

use std::sync::LazyLock;

use ego_tree::{NodeId, NodeRef};
use regex::Regex;
use rustc_hash::FxHashMap;
use scraper::{Html, Node};

use super::score::class_weight;
use super::signals::class_id;
use super::stats::Stats;
use super::{Flags, RETRY_CHARS, Undo};
use crate::convert::extract::html::Attribute;

static SHARE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:\b|_)(?:share|sharedaddy|partage)(?:\b|_)").expect("valid regex"));

/// Readability's conditional cleaning, bottom-up so inner furniture goes before its container
/// is judged; each removal updates the totals of the ancestors.
pub(super) fn clean(
    document: &mut Html,
    roots: &[NodeId],
    stats: &mut FxHashMap<NodeId, Stats>,
    flags: Flags,
    undo: &mut Undo,
) {
    for &root in roots {
        let Some(root_ref) = document.tree.get(root) else {
            continue;
        };
        // Post-order: children are judged before their parents.
        let order: Vec<NodeId> = root_ref
            .traverse()
            .filter_map(|e| match e {
                ego_tree::iter::Edge::Close(n) if n.value().is_element() => Some(n.id()),
                _ => None,
            })
            .collect();
        for id in order {
            let Some(node) = document.tree.get(id) else { continue };
            if id == root {
                continue;
            }
            if !should_remove(node, stats, flags) {
                continue;
            }
            // Post-order: a node's descendants were judged before it. Its totals (theirs
            // included) leave every ancestor's, and it goes with whatever it still holds.
            let removed = stats.get(&id).copied().unwrap_or_default();
            let mut a = node.parent();
            while let Some(p) = a {
                if let Some(s) = stats.get_mut(&p.id()) {
                    s.sub(&removed);
                }
                if p.id() == root {
                    break;
                }
                a = p.parent();
            }
            if let Some(s) = stats.get_mut(&id) {
                *s = Stats::default();
            }
            undo.detach(document, id);
        }
    }
}

pub(super) fn inside(node: NodeRef<Node>, tags: &[&str], depth: usize) -> bool {
    node.ancestors()
        .take(depth)
        .any(|a| a.value().as_element().is_some_and(|e| tags.contains(&e.name())))
}

/// A table of data (headers, caption, many cells) rather than of layout.
pub fn is_data_table(table: NodeRef<Node>) -> bool {
    let Some(element) = table.value().as_element() else {
        return false;
    };
    if element.attribute("role") == Some("presentation") || element.attribute("datatable") == Some("0") {
        return false;
    }
    if element.attribute("summary").is_some() {
        return true;
    }
    let mut rows = 0;
    let mut max_cells = 0;
    let mut nested = false;
    let mut stack: Vec<NodeRef<Node>> = table.children().collect();
    while let Some(n) = stack.pop() {
        let Some(e) = n.value().as_element() else { continue };
        match e.name() {
            "caption" | "thead" | "tfoot" | "th" | "colgroup" | "col" => return true,
            "table" => {
                nested = true;
                continue;
            }
            "tr" => {
                rows += 1;
                let cells = n
                    .children()
                    .filter(|c| c.value().as_element().is_some_and(|e| matches!(e.name(), "td" | "th")))
                    .count();
                max_cells = max_cells.max(cells);
            }
            _ => {}
        }
        stack.extend(n.children());
    }
    if nested {
        return false;
    }
    rows >= 10 || max_cells > 4 || (rows >= 2 && max_cells >= 2 && rows * max_cells > 10)
}

pub(super) fn should_remove(node: NodeRef<Node>, stats: &FxHashMap<NodeId, Stats>, flags: Flags) -> bool {
    let Some(element) = node.value().as_element() else {
        return false;
    };
    let name = element.name();
    let s = stats.get(&node.id()).copied().unwrap_or_default();
    let weight = class_weight(element, flags);
    match name {
        "h1" | "h2" | "h3" => return weight < 0.0,
        "p" => return s.chars == 0 && s.img == 0 && s.embeds == 0,
        _ => {}
    }
    // Share bars anywhere, however they are built.
    if flags.strip_unlikely && s.chars < RETRY_CHARS && SHARE.is_match(&class_id(element)) {
        return true;
    }
    if !matches!(
        name,
        "div" | "section" | "table" | "ul" | "ol" | "dl" | "header" | "span"
    ) {
        return false;
    }
    if name == "span" {
        return false;
    }
    if name == "table" && is_data_table(node) {
        return false;
    }
    if inside(node, &["code", "pre"], 3) {
        return false;
    }
    let is_list =
        matches!(name, "ul" | "ol" | "dl") || (s.chars > 0 && f64::from(s.li_chars) / f64::from(s.chars) > 0.9);
    if weight < 0.0 {
        return true;
    }
    if s.commas >= 10 {
        return false;
    }
    let p = f64::from(s.p);
    let img = f64::from(s.img);
    let li = f64::from(s.li) - 100.0;
    let density = s.link_density();
    let heading_density = if s.chars == 0 {
        0.0
    } else {
        f64::from(s.heading_chars) / f64::from(s.chars)
    };
    let in_figure = inside(node, &["figure"], 3);
    (img > 1.0 && p / img < 0.5 && !in_figure)
        || (!is_list && li > p)
        || (!is_list
            && heading_density < 0.9
            && s.chars < 25
            && (s.img == 0 || s.img > 2)
            && !in_figure
            && s.embeds == 0)
        || (!is_list && weight < 25.0 && density > 0.2)
        || (weight >= 25.0 && density > 0.5)
        || (is_list && density > 0.6 && s.li >= 3)
        || (s.embeds == 1 && s.chars < 75 && s.p == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_data(table: &str) -> bool {
        let doc = Html::parse_fragment(table);
        let table = super::super::first_element(&doc, |e| e.name() == "table");
        is_data_table(doc.tree.get(table.expect("a table")).expect("in the tree"))
    }

    #[test]
    fn data_tables_are_told_from_layout() {
        assert!(is_data("<table><tr><th>Ville</th></tr><tr><td>Gao</td></tr></table>"));
        assert!(is_data("<table summary=\"x\"><tr><td>Gao</td></tr></table>"));
        assert!(!is_data("<table><tr><td><p>Texte</p></td></tr></table>"));
        assert!(!is_data("<table role=\"presentation\"><tr><th>Ville</th></tr></table>"));
    }
}
