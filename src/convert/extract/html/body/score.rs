//! Readability's scoring: each paragraph credits its nearest ancestors, weighted by tag and
//! class words and damped by link density; then the best candidate is chosen.

use ego_tree::{NodeId, NodeRef};
use rustc_hash::FxHashMap;
use scraper::Node;

use super::Flags;
use super::signals::Signals;
use super::stats::{BLOCKS, Stats, commas as text_commas, text_chars};
use crate::convert::extract::html::Attribute;

pub(super) fn class_weight(element: &scraper::node::Element, flags: Flags) -> f64 {
    if !flags.weight_classes {
        return 0.0;
    }
    let mut weight = 0.0;
    for attr in [element.attribute("class"), element.attribute("id")]
        .into_iter()
        .flatten()
    {
        let signals = Signals::of(attr);
        if signals.has(Signals::NEGATIVE) {
            weight -= 25.0;
        }
        if signals.has(Signals::POSITIVE) {
            weight += 25.0;
        }
    }
    weight
}

pub(super) fn tag_weight(name: &str) -> f64 {
    match name {
        "div" | "article" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// True for an element scored as a paragraph.
pub(super) fn is_paragraph(name: &str, stats: &Stats) -> bool {
    matches!(name, "p" | "td" | "pre") || (matches!(name, "div" | "section") && stats.block_children == 0)
}

/// Readability's scores: each paragraph credits its ancestors, then link density damps them.
pub(super) fn score(body: NodeRef<Node>, stats: &FxHashMap<NodeId, Stats>, flags: Flags) -> FxHashMap<NodeId, f64> {
    let mut scores: FxHashMap<NodeId, f64> = FxHashMap::default();
    let mut credit = |from: NodeRef<Node>, chars: u32, commas: u32| {
        if chars < 25 {
            return;
        }
        let content = 1.0 + f64::from(commas) + (f64::from(chars) / 100.0).floor().min(3.0);
        let mut ancestor = Some(from);
        let mut level = 0;
        while let Some(a) = ancestor {
            if level >= 5 {
                break;
            }
            let Node::Element(e) = a.value() else { break };
            let entry = scores
                .entry(a.id())
                .or_insert_with(|| tag_weight(e.name()) + class_weight(e, flags));
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => f64::from(l) * 3.0,
            };
            *entry += content / divider;
            if a.id() == body.id() {
                break;
            }
            ancestor = a.parent();
            level += 1;
        }
    };
    for node in body.descendants() {
        let Node::Element(element) = node.value() else {
            continue;
        };
        let Some(s) = stats.get(&node.id()) else { continue };
        if is_paragraph(element.name(), s) {
            if let Some(parent) = node.parent() {
                credit(parent, s.chars, s.commas);
            }
        } else if s.block_children > 0 {
            for (chars, commas) in loose_runs(node, stats) {
                credit(node, chars, commas);
            }
        }
    }
    for (id, value) in scores.iter_mut() {
        let density = stats.get(id).map_or(0.0, Stats::link_density);
        *value *= 1.0 - density;
    }
    scores
}

/// The paragraphs an element writes without tags, between its blocks: runs of text and inline
/// elements (a blog's `Dear all,<br><br>I would…<div>…`), cut at each block child and each
/// double `<br>`, as (characters, commas). Readability wraps these runs in `<p>` before scoring;
/// scored as if wrapped, they credit the element itself first.
fn loose_runs(node: NodeRef<Node>, stats: &FxHashMap<NodeId, Stats>) -> Vec<(u32, u32)> {
    let mut runs = Vec::new();
    let (mut chars, mut commas, mut after_br) = (0, 0, false);
    let mut close = |chars: &mut u32, commas: &mut u32| {
        if *chars > 0 {
            runs.push((std::mem::take(chars), std::mem::take(commas)));
        }
    };
    for child in node.children() {
        match child.value() {
            Node::Text(t) => {
                chars += text_chars(t);
                commas += text_commas(t);
                after_br &= t.trim().is_empty();
            }
            Node::Element(e) if e.name() == "br" => {
                if after_br {
                    close(&mut chars, &mut commas);
                }
                after_br = true;
            }
            Node::Element(e) if BLOCKS.contains(&e.name()) => {
                close(&mut chars, &mut commas);
                after_br = false;
            }
            Node::Element(_) => {
                let s = stats.get(&child.id()).copied().unwrap_or_default();
                chars += s.chars;
                commas += s.commas;
                after_br = false;
            }
            _ => {}
        }
    }
    close(&mut chars, &mut commas);
    runs
}

/// The best candidate, moved up to a shared ancestor when near-equals share one.
pub(super) fn pick_top(tree: &ego_tree::Tree<Node>, body: NodeId, scores: &FxHashMap<NodeId, f64>) -> NodeId {
    let mut ranked: Vec<(NodeId, f64)> = scores.iter().map(|(k, v)| (*k, *v)).collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    let Some(&(mut top, top_score)) = ranked.first() else {
        return body;
    };
    if top == body {
        return body;
    }
    let ancestors_of = |id: NodeId| -> Vec<NodeId> {
        let mut v = Vec::new();
        let mut n = tree.get(id).and_then(|n| n.parent());
        while let Some(p) = n {
            v.push(p.id());
            if p.id() == body {
                break;
            }
            n = p.parent();
        }
        v
    };
    // Near-equal candidates elsewhere: their common ancestor with the top holds the story.
    let alternatives: Vec<Vec<NodeId>> = ranked
        .iter()
        .skip(1)
        .take(4)
        .filter(|(_, s)| top_score > 0.0 && s / top_score >= 0.75)
        .map(|(id, _)| ancestors_of(*id))
        .collect();
    if alternatives.len() >= 3 {
        for ancestor in ancestors_of(top) {
            if ancestor == body {
                break;
            }
            let shared = alternatives.iter().filter(|a| a.contains(&ancestor)).count();
            if shared >= 3 {
                top = ancestor;
                break;
            }
        }
    }
    // Climb while the parent scores higher (it holds more of the same story).
    let mut last = scores.get(&top).copied().unwrap_or(0.0);
    let threshold = last / 3.0;
    let mut parent = tree.get(top).and_then(|n| n.parent());
    while let Some(p) = parent {
        if p.id() == body || !p.value().is_element() {
            break;
        }
        let Some(&ps) = scores.get(&p.id()) else {
            parent = p.parent();
            continue;
        };
        if ps < threshold {
            break;
        }
        if ps > last {
            top = p.id();
            break;
        }
        last = ps;
        parent = p.parent();
    }
    // An only child says nothing its parent does not.
    while let Some(n) = tree.get(top) {
        match n.parent() {
            Some(p) if p.id() != body && p.value().is_element() && element_children(p) == 1 => top = p.id(),
            _ => break,
        }
    }
    top
}

pub(super) fn element_children(node: NodeRef<Node>) -> usize {
    node.children().filter(|c| c.value().is_element()).count()
}

#[cfg(test)]
mod tests {
    use scraper::Html;

    use super::super::{ATTEMPTS, body_and_id, stats::tally};
    use super::*;

    const PARAGRAPH: &str =
        "<p>Les patrouilles ont repris, selon des sources locales, sur la route de Gao, et les marchés rouvrent.</p>";

    #[test]
    fn a_block_of_paragraphs_outscores_a_list_of_links_and_wins() {
        let page = Html::parse_document(&format!(
            r#"<body><div id="links"><p><a href="/a">Un titre d'article, puis un autre, encore un</a></p>
            <p><a href="/b">Un titre d'article, puis un autre, encore un</a></p></div>
            <div id="story">{PARAGRAPH}{PARAGRAPH}{PARAGRAPH}</div></body>"#
        ));
        let (body, id) = body_and_id(&page);
        let stats = tally(&page, body);
        let scores = score(page.tree.get(body).unwrap(), &stats, ATTEMPTS[0]);
        assert!(
            scores[&id("story")] > 10.0 * scores[&id("links")].max(0.1),
            "{scores:?}"
        );
        assert_eq!(pick_top(&page.tree, body, &scores), id("story"));
    }

    #[test]
    fn text_between_blocks_scores_as_the_paragraphs_it_reads_as() {
        let sentence = "Les patrouilles ont repris, selon des sources locales, sur la route de Gao.";
        let page = Html::parse_document(&format!(
            r#"<body><div id="menu"><p><a href="/a">Accueil, Afrique, Monde, Sport, Culture</a></p></div>
            <div id="post"><div><img src="a.jpg"></div>Chers amis,<br><br>{sentence} <a href="/x">Un lien</a>, {sentence}<br><br>{sentence}<br>{sentence}<div>Fin</div></div></body>"#
        ));
        let (body, id) = body_and_id(&page);
        let stats = tally(&page, body);
        let post = page.tree.get(id("post")).unwrap();
        let runs = loose_runs(post, &stats);
        assert_eq!(runs.len(), 3, "{runs:?}");
        assert_eq!(runs[1].1, 5, "commas of the text and of the link between");
        let scores = score(page.tree.get(body).unwrap(), &stats, ATTEMPTS[0]);
        assert_eq!(pick_top(&page.tree, body, &scores), id("post"));
    }

    #[test]
    fn near_equal_candidates_give_their_shared_ancestor() {
        let part = format!("<div>{PARAGRAPH}{PARAGRAPH}</div>");
        let page = Html::parse_document(&format!(
            r#"<body><div id="story"><div>{part}</div><div>{part}</div><div>{part}</div><div>{part}</div></div><div>{PARAGRAPH}</div></body>"#
        ));
        let (body, id) = body_and_id(&page);
        let stats = tally(&page, body);
        let scores = score(page.tree.get(body).unwrap(), &stats, ATTEMPTS[0]);
        assert_eq!(pick_top(&page.tree, body, &scores), id("story"));
    }

    #[test]
    fn class_words_weigh_only_when_the_attempt_says_so() {
        let page = Html::parse_fragment(r#"<div class="article-content">x</div><div class="sidebar">y</div>"#);
        let weights: Vec<(f64, f64)> = page
            .root_element()
            .descendent_elements()
            .filter(|e| e.value().name() == "div")
            .map(|e| {
                (
                    class_weight(e.value(), ATTEMPTS[0]),
                    class_weight(e.value(), ATTEMPTS[2]),
                )
            })
            .collect();
        assert_eq!(weights, [(25.0, 0.0), (-25.0, 0.0)]);
    }
}
