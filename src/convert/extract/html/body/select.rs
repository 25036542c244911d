//! Beside the top candidate: the siblings that are part of the same story.

use ego_tree::{NodeId, NodeRef};
use rustc_hash::FxHashMap;
use scraper::Node;

use super::score::is_paragraph;
use super::stats::{Stats, ego_text};
use crate::convert::extract::html::Attribute;

/// The top candidate and the siblings that belong with it, in document order.
pub(super) fn siblings(
    tree: &ego_tree::Tree<Node>,
    top: NodeId,
    body: NodeId,
    scores: &FxHashMap<NodeId, f64>,
    stats: &FxHashMap<NodeId, Stats>,
) -> Vec<NodeId> {
    let Some(top_ref) = tree.get(top) else {
        return vec![top];
    };
    let parent = match top_ref.parent() {
        Some(p) if top != body && p.value().is_element() => p,
        _ => return vec![top],
    };
    let top_score = scores.get(&top).copied().unwrap_or(0.0);
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = top_ref
        .value()
        .as_element()
        .and_then(|e| e.attribute("class"))
        .unwrap_or("");
    let mut roots = Vec::new();
    for sibling in parent.children() {
        if sibling.id() == top {
            roots.push(top);
            continue;
        }
        let Node::Element(element) = sibling.value() else {
            continue;
        };
        let class = element.attribute("class").unwrap_or("");
        let bonus = if !top_class.is_empty() && class == top_class {
            top_score * 0.2
        } else {
            0.0
        };
        let s = stats.get(&sibling.id()).copied().unwrap_or_default();
        let keep = match scores.get(&sibling.id()) {
            Some(score) if score + bonus >= threshold => true,
            // The story continues in a wrapper (a lazy-loading box): a block of the top's own
            // class, scoring as well, sits below this sibling.
            _ if !top_class.is_empty() && same_class_below(sibling, top_class, scores, threshold - top_score * 0.2) => {
                true
            }
            _ if is_paragraph(element.name(), &s) && element.name() != "td" => {
                let density = s.link_density();
                if s.chars > 80 {
                    density < 0.25
                } else {
                    let text = ego_text(sibling);
                    s.chars > 0 && density == 0.0 && ends_sentence(&text)
                }
            }
            _ => false,
        };
        if keep {
            roots.push(sibling.id());
        }
    }
    roots
}

pub(super) fn same_class_below(
    node: NodeRef<Node>,
    class: &str,
    scores: &FxHashMap<NodeId, f64>,
    threshold: f64,
) -> bool {
    node.descendants().skip(1).any(|d| {
        d.value()
            .as_element()
            .is_some_and(|e| e.attribute("class") == Some(class))
            && scores.get(&d.id()).is_some_and(|s| *s >= threshold)
    })
}

pub(super) fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with('.') || t.contains(". ")
}

#[cfg(test)]
mod tests {
    use scraper::Html;

    use super::super::{ATTEMPTS, body_and_id, score, stats::tally};
    use super::*;

    #[test]
    fn sentences_beside_the_story_join_it_and_link_lists_do_not() {
        let paragraph = "<p>Les patrouilles ont repris, selon des sources locales, sur la route de Gao, et les marchés rouvrent.</p>";
        let page = Html::parse_document(&format!(
            r#"<body><div><h2 id="head">Titre</h2><div id="story">{paragraph}{paragraph}{paragraph}</div>
            <p id="coda">Fin du récit.</p><p id="links"><a href="/a">Lire aussi un autre sujet qui est long</a></p>
            <div id="more">{paragraph}</div></div></body>"#
        ));
        let (body, find) = body_and_id(&page);
        let stats = tally(&page, body);
        let scores = score::score(page.tree.get(body).unwrap(), &stats, ATTEMPTS[0]);
        let roots = siblings(&page.tree, find("story"), body, &scores, &stats);
        assert_eq!(roots, [find("story"), find("coda"), find("more")]);
    }

    #[test]
    fn a_sentence_ends_with_a_full_stop_or_holds_one() {
        assert!(ends_sentence("Fin du récit.  "));
        assert!(ends_sentence("Une phrase. Puis une autre"));
        assert!(!ends_sentence("Partager sur Facebook"));
    }
}
