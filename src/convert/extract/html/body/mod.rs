//! A parsed page → the subtrees that hold its article, readability-style.
//!
//! Takes a mutable [`Html`] (furniture is detached from it), returns the ids of the nodes to
//! render in order, plus the byline element's text when one stood in the content. The method is
//! Mozilla Readability's, re-thought for a tree we can only walk iteratively:
//!
//! 1. `prepare`: detach what is never text (scripts, forms, hidden nodes) and, on the first
//!    attempt, the blocks whose class or id names furniture (`signals`: menus, share bars,
//!    comments, "related");
//! 2. `stats`: total each element's text, link text, commas and children kinds in one
//!    post-order pass;
//! 3. `score`: credit each paragraph's score to its five nearest ancestors, weighted by their
//!    tag and class words, damp each candidate by its link density, take the best (or a shared
//!    ancestor of near-equals);
//! 4. `select`: join the siblings that look like part of the same story;
//! 5. `clean`: drop, bottom-up, the blocks inside that look like furniture (link-heavy,
//!    image-heavy, form-like, too short), keeping data tables and figures.
//!
//! A too short result is retried with the milder settings; the longest one wins. Never recurses.

mod clean;
mod prepare;
mod score;
mod select;
mod signals;
mod stats;

use ego_tree::NodeId;
use scraper::Html;

pub use clean::is_data_table;
pub(crate) use signals::Signals;
pub use stats::{Stats, collapse, ego_text};

/// Below this many characters an attempt is retried with milder cleaning.
const RETRY_CHARS: u32 = 500;
/// A strict attempt that finds this many characters found a story (a short one): retries may
/// not replace it with what it stripped as furniture.
const STORY_CHARS: u32 = 140;

/// What the extractor found.
#[derive(Debug, Default)]
pub struct Content {
    /// Nodes to render, in document order.
    pub roots: Vec<NodeId>,
    /// Characters of text under the roots.
    pub chars: u32,
    /// Characters of that text inside links.
    pub link_chars: u32,
    /// The byline element's text, when the content carried one.
    pub byline: Option<String>,
}

impl Content {
    /// More than half of the text is link text: a list of links, not a story.
    pub fn mostly_links(&self) -> bool {
        self.chars > 0 && f64::from(self.link_chars) / f64::from(self.chars) > 0.5
    }

    /// Long enough to stop trying, unless it is mostly links (the page's link lists, which the
    /// milder attempts let back in): then a short story found earlier may still win.
    fn is_enough(&self) -> bool {
        self.chars >= RETRY_CHARS && !self.mostly_links()
    }

    /// How short attempts compare: a story (long enough to be one, not mostly links) first,
    /// then the longest.
    fn rank(&self) -> (bool, u32) {
        (self.chars >= STORY_CHARS && !self.mostly_links(), self.chars)
    }
}

/// The settings of one attempt, strictest first.
#[derive(Clone, Copy)]
struct Flags {
    pub(super) strip_unlikely: bool,
    pub(super) weight_classes: bool,
    pub(super) clean_conditionally: bool,
}

const ATTEMPTS: [Flags; 4] = [
    Flags {
        strip_unlikely: true,
        weight_classes: true,
        clean_conditionally: true,
    },
    Flags {
        strip_unlikely: false,
        weight_classes: true,
        clean_conditionally: true,
    },
    Flags {
        strip_unlikely: false,
        weight_classes: false,
        clean_conditionally: true,
    },
    Flags {
        strip_unlikely: false,
        weight_classes: false,
        clean_conditionally: false,
    },
];

/// Finds the article in a parsed page; returns the tree it cut down and what to render of it.
pub fn extract(mut document: Html) -> (Html, Content) {
    // The best short attempt so far: text that is not mostly links first, then the longest.
    let mut best: Option<(Flags, (bool, u32))> = None;
    let mut same_as_next = false;
    // What the strict attempt stripped as furniture, when it found a story of its own.
    let mut furniture: Vec<NodeId> = Vec::new();
    for flags in ATTEMPTS {
        // The second attempt differs from the first only by keeping the "unlikely" blocks:
        // when there were none, it would find the same thing.
        if std::mem::take(&mut same_as_next) {
            continue;
        }
        let mut undo = Undo::default();
        let (content, stripped) = attempt(&mut document, flags, &mut undo);
        same_as_next = flags.strip_unlikely && stripped.is_empty();
        // A short story is retried with milder settings, which let the furniture back in: a
        // retry that finds its text in the comments or a sidebar the strict attempt took away
        // is not a longer version of the story, whatever its length.
        let in_furniture = !furniture.is_empty()
            && content
                .roots
                .iter()
                .any(|&root| inside_any(&document, root, &furniture));
        if !in_furniture {
            if content.is_enough() {
                return (document, content);
            }
            let rank = content.rank();
            if best.is_none_or(|(_, best_rank)| rank > best_rank) {
                best = Some((flags, rank));
            }
        }
        if flags.strip_unlikely && content.chars >= STORY_CHARS {
            furniture = stripped;
        }
        // The next attempt starts from the parsed page again.
        undo.apply(&mut document);
    }
    // None was long enough: the longest again (an attempt depends on the page alone).
    let content = match best {
        Some((flags, _)) => attempt(&mut document, flags, &mut Undo::default()).0,
        None => Content::default(),
    };
    (document, content)
}

/// True when `id` is one of `blocks` or lies inside one.
fn inside_any(document: &Html, id: NodeId, blocks: &[NodeId]) -> bool {
    let Some(node) = document.tree.get(id) else {
        return false;
    };
    std::iter::once(node)
        .chain(node.ancestors())
        .any(|n| blocks.contains(&n.id()))
}

/// The nodes an attempt detached, each with where it was: undone in reverse order, they give
/// the next attempt the parsed page back. (Parsing again, or copying every page up front for
/// the one in seven that is retried, cost more.)
#[derive(Default)]
pub(super) struct Undo(Vec<(NodeId, NodeId, Option<NodeId>)>);

impl Undo {
    /// Detaches `id` from `document`, remembering its parent and next sibling.
    pub(super) fn detach(&mut self, document: &mut Html, id: NodeId) {
        let Some(node) = document.tree.get(id) else { return };
        let Some(parent) = node.parent().map(|p| p.id()) else {
            return;
        };
        let next = node.next_sibling().map(|n| n.id());
        if let Some(mut node) = document.tree.get_mut(id) {
            node.detach();
            self.0.push((id, parent, next));
        }
    }

    fn apply(self, document: &mut Html) {
        for (id, parent, next) in self.0.into_iter().rev() {
            // The tree is as it was just after this node went, so its next sibling is in place;
            // the check is defensive (an orphan cannot take a sibling).
            let next = next.filter(|n| document.tree.get(*n).is_some_and(|n| n.parent().is_some()));
            match next.and_then(|n| document.tree.get_mut(n)) {
                Some(mut next) => {
                    next.insert_id_before(id);
                }
                None => {
                    if let Some(mut parent) = document.tree.get_mut(parent) {
                        parent.append_id(id);
                    }
                }
            }
        }
    }
}

/// One attempt with `flags`; also returns the "unlikely" blocks it stripped.
fn attempt(document: &mut Html, flags: Flags, undo: &mut Undo) -> (Content, Vec<NodeId>) {
    let Some(body) = find_body(document) else {
        return (Content::default(), Vec::new());
    };
    let (byline, stripped) = prepare::prepare(document, body, flags, undo);
    let stats = stats::tally(document, body);
    let tree = &document.tree;
    let Some(body_ref) = tree.get(body) else {
        return (Content::default(), stripped);
    };
    let scores = score::score(body_ref, &stats, flags);
    let top = score::pick_top(tree, body, &scores);
    let mut roots = select::siblings(tree, top, body, &scores, &stats);
    let mut stats = stats;
    if flags.clean_conditionally {
        clean::clean(document, &roots, &mut stats, flags, undo);
    }
    roots.retain(|id| document.tree.get(*id).is_some_and(|n| n.parent().is_some()));
    let (chars, link_chars) = roots.iter().fold((0, 0), |(c, l), id| {
        let s = stats.get(id).copied().unwrap_or_default();
        (c + s.chars, l + s.link_chars)
    });
    let content = Content {
        roots,
        chars,
        link_chars,
        byline,
    };
    (content, stripped)
}

fn find_body(document: &Html) -> Option<NodeId> {
    first_element(document, |e| e.name() == "body")
}

/// The first element (in document order) that `wanted` accepts.
fn first_element(document: &Html, wanted: impl Fn(&scraper::node::Element) -> bool) -> Option<NodeId> {
    document
        .tree
        .root()
        .descendants()
        .find(|n| n.value().as_element().is_some_and(&wanted))
        .map(|n| n.id())
}

/// For the tests of the stages: the body of a page and the element of an id.
#[cfg(test)]
fn body_and_id(document: &Html) -> (NodeId, impl Fn(&str) -> NodeId + '_) {
    use super::Attribute;
    let body = find_body(document).expect("a parsed document has a body");
    let id = move |id: &str| first_element(document, |e| e.attribute("id") == Some(id)).expect("an element of that id");
    (body, id)
}

#[cfg(test)]
mod tests {
    use super::stats::{collapse, ego_text};
    use super::*;

    #[test]
    fn a_long_list_of_links_does_not_outrank_a_short_story() {
        let content = |chars, link_chars| Content {
            chars,
            link_chars,
            ..Content::default()
        };
        let (story, links) = (content(316, 57), content(2067, 1599));
        assert!(!links.is_enough(), "mostly links: keep trying");
        assert!(story.rank() > links.rank());
        assert!(content(600, 100).is_enough());
        assert!(content(400, 0).rank() > story.rank(), "among stories, the longest");
        assert!(links.rank() > content(40, 0).rank(), "a scrap is no story");
    }

    #[test]
    fn an_attempt_undone_gives_the_parsed_page_back() {
        let page = r#"<html><body><nav>Menu</nav><div class="sidebar"><p>Pub</p></div>
<article><p>Un paragraphe, assez long, avec des virgules, pour compter.</p><!-- note -->
<div class="share"><a href="/x">Partager</a></div><p hidden>caché</p><p>Fin.</p></article>
<ul class="related"><li><a href="/a">A</a></li><li><a href="/b">B</a></li></ul></body></html>"#;
        let parsed = Html::parse_document(page);
        for flags in ATTEMPTS {
            let mut document = parsed.clone();
            let mut undo = Undo::default();
            attempt(&mut document, flags, &mut undo);
            assert!(!undo.0.is_empty(), "the attempt detached something");
            assert_ne!(document.html(), parsed.html());
            undo.apply(&mut document);
            assert_eq!(document.html(), parsed.html());
        }
    }

    fn run(html: &str) -> String {
        let (doc, content) = extract(Html::parse_document(html));
        content
            .roots
            .iter()
            .filter_map(|id| doc.tree.get(*id))
            .map(|n| collapse(&ego_text(n)))
            .collect::<Vec<_>>()
            .join(" ")
    }

    const STORY: &str = "Les vols humanitaires ont repris lundi à Gao, après trois semaines d’interruption, selon l’ONU, qui parle d’un soulagement pour les déplacés, nombreux, dans la région.";

    #[test]
    fn picks_the_story_over_the_furniture() {
        let page = format!(
            r#"<html><body><div class="menu"><a href="/">Accueil</a><a href="/a">Afrique</a></div>
            <div class="content"><p>{STORY}</p><p>{STORY}</p><div class="share">Partager Facebook</div><p>{STORY}</p></div>
            <div class="related"><ul><li><a href="/x">Un autre article très long à lire ailleurs</a></li></ul></div>
            <div id="comments"><p>Un commentaire, assez long pour compter comme texte, vraiment.</p></div></body></html>"#
        );
        let text = run(&page);
        assert!(text.contains("Les vols humanitaires"), "{text}");
        for junk in ["Accueil", "Partager", "autre article", "commentaire"] {
            assert!(!text.contains(junk), "{junk} in {text}");
        }
    }

    #[test]
    fn a_short_story_is_not_traded_for_the_longer_comments() {
        let comment =
            "<p>Merci pour ce billet, très juste, je partage entièrement votre avis sur la question, vraiment.</p>";
        let page = format!(
            r#"<html><body><div class="post"><h2>Un billet</h2><p>{STORY}</p></div>
            <div id="comments">{}</div></body></html>"#,
            comment.repeat(8)
        );
        let text = run(&page);
        assert!(text.contains("Les vols humanitaires"), "{text}");
        assert!(!text.contains("Merci pour ce billet"), "{text}");
        // A strict attempt that found nothing of a story still gives way to a retry.
        let page = format!(
            r#"<html><body><div class="sidebar">{}</div></body></html>"#,
            comment.repeat(8)
        );
        assert!(run(&page).contains("Merci pour ce billet"));
    }

    #[test]
    fn byline_elements_are_metadata() {
        let page = format!(
            r#"<html><body><article><p class="byline">Par Awa Traoré</p><p>{STORY}</p></article></body></html>"#
        );
        let (_, content) = extract(Html::parse_document(&page));
        assert_eq!(content.byline.as_deref(), Some("Par Awa Traoré"));
    }

    #[test]
    fn deep_nesting_is_walked_without_recursion() {
        let depth = 20_000;
        let page = format!(
            "<html><body>{}<p>{STORY}</p>{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        assert!(run(&page).contains("Les vols"));
    }
}
