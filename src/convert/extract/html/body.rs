//! A parsed page → the subtrees that hold its article, readability-style.
//!
//! Takes a mutable [`Html`] (furniture is detached from it), returns the ids of the nodes to
//! render in order, plus the byline element's text when one stood in the content. The method is
//! Mozilla Readability's, re-thought for a tree we can only walk iteratively:
//!
//! 1. detach what is never text (scripts, forms, hidden nodes) and, on the first attempt, the
//!    blocks whose class or id names furniture (menus, share bars, comments, "related");
//! 2. total each element's text, link text, commas and children kinds in one post-order pass;
//! 3. credit each paragraph's score to its five nearest ancestors, weighted by their tag and
//!    class words, and damp each candidate by its link density;
//! 4. take the best candidate (or a shared ancestor of near-equals), join its siblings that look
//!    like part of the same story;
//! 5. drop, bottom-up, the blocks inside that look like furniture (link-heavy, image-heavy,
//!    form-like, too short), keeping data tables and figures.
//!
//! A too short result is retried with the milder settings; the longest one wins. Never recurses.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use ego_tree::{NodeId, NodeRef};
use regex::Regex;
use rustc_hash::FxHashMap;
use scraper::{Html, Node};

use super::Attribute;

/// Below this many characters an attempt is retried with milder cleaning.
const RETRY_CHARS: u32 = 500;

/// Class or id words of blocks that are never the article (detached on the first attempt).
const UNLIKELY: &[&str] = &[
    "-ad-",
    "ai2html",
    "banner",
    "crumb",
    "kicker",
    "surtitre",
    "combx",
    "comment",
    "community",
    "cover-wrap",
    "disqus",
    "extra",
    "footer",
    "gdpr",
    "header",
    "legends",
    "menu",
    "related",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "supplemental",
    "ad-break",
    "agegate",
    "pagination",
    "pager",
    "popup",
    "yom-remote",
    "commentaire",
    "partage",
    "newsletter",
    "lire-aussi",
    "a-lire",
    "alire",
    "cookie",
    "consent",
    "publicite",
    "ariane",
    "outbrain",
    "taboola",
    "signup",
    "subscribe",
    "abonnement",
];
/// Words that keep an "unlikely" block when they appear too.
const MAYBE: &[&str] = &[
    "and", "article", "body", "column", "content", "main", "mathjax", "shadow", "contenu", "corps",
];
const POSITIVE: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "hentry",
    "h-entry",
    "main",
    "page",
    "pagination",
    "post",
    "text",
    "blog",
    "story",
    "contenu",
    "corps",
    "texte",
    "chapo",
    "paragraph",
];
/// Also negative: a class or id with the whole word "hid".
const NEGATIVE: &[&str] = &[
    "-ad-",
    "hidden",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "footer",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "widget",
    "commentaire",
    "partage",
    "publicite",
    "newsletter",
    "lire-aussi",
    "a-lire",
    "similaire",
    "cookie",
    "consent",
    "taboola",
    "subscribe",
    "abonne",
];
const BYLINE: &[&str] = &[
    "byline",
    "author",
    "dateline",
    "writtenby",
    "p-author",
    "auteur",
    "signature",
];

/// Which of the word lists above a class or id string holds (as substrings, any ASCII case).
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub(crate) struct Signals(u8);

impl Signals {
    const UNLIKELY: u8 = 1;
    const MAYBE: u8 = 2;
    const POSITIVE: u8 = 4;
    const NEGATIVE: u8 = 8;
    const BYLINE: u8 = 16;

    /// One pass of one automaton over every list: these run on every element of every attempt,
    /// where a regex per list was a tenth of the scoring.
    fn of(words: &str) -> Signals {
        static LISTS: LazyLock<(AhoCorasick, Vec<u8>)> = LazyLock::new(|| {
            let mut masks: Vec<(&str, u8)> = Vec::new();
            for (list, bit) in [
                (UNLIKELY, Signals::UNLIKELY),
                (MAYBE, Signals::MAYBE),
                (POSITIVE, Signals::POSITIVE),
                (NEGATIVE, Signals::NEGATIVE),
                (BYLINE, Signals::BYLINE),
            ] {
                for word in list {
                    match masks.iter_mut().find(|(w, _)| w == word) {
                        Some((_, mask)) => *mask |= bit,
                        None => masks.push((word, bit)),
                    }
                }
            }
            let automaton = AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(masks.iter().map(|(w, _)| w))
                .expect("class word automaton builds");
            (automaton, masks.into_iter().map(|(_, m)| m).collect())
        });
        let (automaton, masks) = &*LISTS;
        let mut bits = automaton
            .find_overlapping_iter(words)
            .fold(0, |bits, m| bits | masks[m.pattern().as_usize()]);
        if words.split(' ').any(|w| w.eq_ignore_ascii_case("hid")) {
            bits |= Signals::NEGATIVE;
        }
        Signals(bits)
    }

    /// [`Signals::of`] the class and the id together, without joining them: no word of the
    /// lists holds a space, so none can straddle the two.
    fn of_element(element: &scraper::node::Element) -> Signals {
        let of = |name| element.attribute(name).map_or(0, |words| Signals::of(words).0);
        Signals(of("class") | of("id"))
    }

    /// Whether `words` might name a byline (any ASCII case): a cheap first test for callers
    /// with stricter rules of their own.
    pub(crate) fn may_be_byline(words: &str) -> bool {
        Signals::of(words).has(Signals::BYLINE)
    }

    fn has(self, bit: u8) -> bool {
        self.0 & bit != 0
    }
}

static SHARE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:\b|_)(?:share|sharedaddy|partage)(?:\b|_)").expect("valid regex"));
static STYLE_HIDDEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)display\s*:\s*none|visibility\s*:\s*hidden").expect("valid regex"));

/// Tags whose subtree never holds article text.
const NEVER_TEXT: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "button", "input",
    "select", "textarea", "link", "meta", "dialog", "nav", "aside", "footer", "menu", "head", "title",
];
/// ARIA roles of furniture.
const FURNITURE_ROLES: &[&str] = &[
    "menu",
    "menubar",
    "complementary",
    "navigation",
    "alert",
    "alertdialog",
    "dialog",
    "banner",
    "contentinfo",
    "search",
];
/// Children that stop a `<div>` from reading as one paragraph.
const BLOCKS: &[&str] = &[
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

/// Totals over an element's subtree.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    pub chars: u32,
    pub link_chars: u32,
    commas: u32,
    p: u32,
    img: u32,
    li: u32,
    li_chars: u32,
    heading_chars: u32,
    embeds: u32,
    /// Children that are blocks (for the div-as-paragraph rule).
    block_children: u32,
}

impl Stats {
    fn add(&mut self, o: &Stats) {
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

    fn sub(&mut self, o: &Stats) {
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

/// The settings of one attempt, strictest first.
#[derive(Clone, Copy)]
struct Flags {
    strip_unlikely: bool,
    weight_classes: bool,
    clean_conditionally: bool,
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
    let mut best: Option<(Flags, u32)> = None;
    let mut same_as_next = false;
    for flags in ATTEMPTS {
        // The second attempt differs from the first only by keeping the "unlikely" blocks:
        // when there were none, it would find the same thing.
        if std::mem::take(&mut same_as_next) {
            continue;
        }
        let mut undo = Undo::default();
        let (content, stripped) = attempt(&mut document, flags, &mut undo);
        same_as_next = flags.strip_unlikely && stripped == 0;
        if content.chars >= RETRY_CHARS {
            return (document, content);
        }
        if best.is_none_or(|(_, chars)| content.chars > chars) {
            best = Some((flags, content.chars));
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

/// The nodes an attempt detached, each with where it was: undone in reverse order, they give
/// the next attempt the parsed page back. (Parsing again, or copying every page up front for
/// the one in seven that is retried, cost more.)
#[derive(Default)]
struct Undo(Vec<(NodeId, NodeId, Option<NodeId>)>);

impl Undo {
    /// Detaches `id` from `document`, remembering its parent and next sibling.
    fn detach(&mut self, document: &mut Html, id: NodeId) {
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

/// One attempt with `flags`; also returns how many "unlikely" blocks it stripped.
fn attempt(document: &mut Html, flags: Flags, undo: &mut Undo) -> (Content, usize) {
    let Some(body) = find_body(document) else {
        return (Content::default(), 0);
    };
    let (byline, stripped) = prepare(document, body, flags, undo);
    let stats = tally(document, body);
    let tree = &document.tree;
    let Some(body_ref) = tree.get(body) else {
        return (Content::default(), stripped);
    };
    let scores = score(body_ref, &stats, flags);
    let top = pick_top(tree, body, &scores);
    let mut roots = siblings(tree, top, body, &scores, &stats);
    let mut stats = stats;
    if flags.clean_conditionally {
        clean(document, &roots, &mut stats, flags, undo);
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
    document
        .tree
        .root()
        .descendants()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "body"))
        .map(|n| n.id())
}

fn class_id(element: &scraper::node::Element) -> String {
    let mut s = String::new();
    if let Some(c) = element.attribute("class") {
        s.push_str(c);
    }
    if let Some(i) = element.attribute("id") {
        s.push(' ');
        s.push_str(i);
    }
    s
}

/// True for an element that is hidden from readers.
fn is_hidden(element: &scraper::node::Element) -> bool {
    element.attribute("hidden").is_some()
        || (element.attribute("aria-hidden") == Some("true")
            && !element.attribute("class").is_some_and(|c| c.contains("fallback-image")))
        || element.attribute("style").is_some_and(|s| STYLE_HIDDEN.is_match(s))
}

/// Detaches what is never text; on a strict attempt, also the "unlikely" blocks. Returns the
/// first byline element's text (detached too: it is metadata) and how many unlikely blocks went.
fn prepare(document: &mut Html, body: NodeId, flags: Flags, undo: &mut Undo) -> (Option<String>, usize) {
    let mut doomed = Vec::new();
    let mut byline = None;
    let mut stripped = 0;
    let tree = &document.tree;
    let Some(body_ref) = tree.get(body) else {
        return (None, 0);
    };
    // (node, inside a table or code block)
    let mut stack: Vec<(NodeRef<Node>, bool)> = body_ref.children().rev().map(|c| (c, false)).collect();
    while let Some((node, protected)) = stack.pop() {
        let Node::Element(element) = node.value() else {
            if let Node::Comment(_) = node.value() {
                doomed.push(node.id());
            }
            continue;
        };
        let name = element.name();
        if NEVER_TEXT.contains(&name) || is_hidden(element) {
            doomed.push(node.id());
            continue;
        }
        if element
            .attribute("role")
            .is_some_and(|r| FURNITURE_ROLES.contains(&r.trim()))
        {
            doomed.push(node.id());
            continue;
        }
        let signals = Signals::of_element(element);
        if byline.is_none() && is_byline_element(element, signals) {
            let text = collapse(&ego_text(node));
            if !text.is_empty() && text.chars().count() < 100 {
                byline = Some(text);
                doomed.push(node.id());
                continue;
            }
        }
        if flags.strip_unlikely
            && !protected
            && !matches!(name, "body" | "a" | "article" | "main")
            && signals.has(Signals::UNLIKELY)
            && !signals.has(Signals::MAYBE)
        {
            doomed.push(node.id());
            stripped += 1;
            continue;
        }
        let protected = protected || matches!(name, "table" | "code" | "pre");
        stack.extend(node.children().rev().map(|c| (c, protected)));
    }
    for id in doomed {
        undo.detach(document, id);
    }
    (byline, stripped)
}

fn is_byline_element(element: &scraper::node::Element, signals: Signals) -> bool {
    element.attribute("rel").is_some_and(|r| r.contains("author"))
        || element.attribute("itemprop").is_some_and(|r| r.contains("author"))
        || signals.has(Signals::BYLINE)
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
fn text_chars(text: &str) -> u32 {
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

fn commas(text: &str) -> u32 {
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
fn tally(document: &Html, body: NodeId) -> FxHashMap<NodeId, Stats> {
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

fn class_weight(element: &scraper::node::Element, flags: Flags) -> f64 {
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

fn tag_weight(name: &str) -> f64 {
    match name {
        "div" | "article" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// True for an element scored as a paragraph.
fn is_paragraph(name: &str, stats: &Stats) -> bool {
    matches!(name, "p" | "td" | "pre") || (matches!(name, "div" | "section") && stats.block_children == 0)
}

/// Readability's scores: each paragraph credits its ancestors, then link density damps them.
fn score(body: NodeRef<Node>, stats: &FxHashMap<NodeId, Stats>, flags: Flags) -> FxHashMap<NodeId, f64> {
    let mut scores: FxHashMap<NodeId, f64> = FxHashMap::default();
    for node in body.descendants() {
        let Node::Element(element) = node.value() else {
            continue;
        };
        let Some(s) = stats.get(&node.id()) else { continue };
        if !is_paragraph(element.name(), s) || s.chars < 25 {
            continue;
        }
        let content = 1.0 + f64::from(s.commas) + (f64::from(s.chars) / 100.0).floor().min(3.0);
        let mut ancestor = node.parent();
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
    }
    for (id, value) in scores.iter_mut() {
        let density = stats.get(id).map_or(0.0, Stats::link_density);
        *value *= 1.0 - density;
    }
    scores
}

/// The best candidate, moved up to a shared ancestor when near-equals share one.
fn pick_top(tree: &ego_tree::Tree<Node>, body: NodeId, scores: &FxHashMap<NodeId, f64>) -> NodeId {
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

fn element_children(node: NodeRef<Node>) -> usize {
    node.children().filter(|c| c.value().is_element()).count()
}

/// The top candidate and the siblings that belong with it, in document order.
fn siblings(
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

fn same_class_below(node: NodeRef<Node>, class: &str, scores: &FxHashMap<NodeId, f64>, threshold: f64) -> bool {
    node.descendants().skip(1).any(|d| {
        d.value()
            .as_element()
            .is_some_and(|e| e.attribute("class") == Some(class))
            && scores.get(&d.id()).is_some_and(|s| *s >= threshold)
    })
}

fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with('.') || t.contains(". ")
}

/// Readability's conditional cleaning, bottom-up so inner furniture goes before its container
/// is judged; each removal updates the totals of the ancestors.
fn clean(document: &mut Html, roots: &[NodeId], stats: &mut FxHashMap<NodeId, Stats>, flags: Flags, undo: &mut Undo) {
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

fn inside(node: NodeRef<Node>, tags: &[&str], depth: usize) -> bool {
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

fn should_remove(node: NodeRef<Node>, stats: &FxHashMap<NodeId, Stats>, flags: Flags) -> bool {
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

    #[test]
    fn an_element_signals_what_its_class_and_id_joined_would() {
        let page = Html::parse_fragment(
            r#"<div class="post entry-x" id="hid">a</div><p id="sidebar-meta">b</p><p class="x">c</p>"#,
        );
        for element in page.root_element().descendent_elements() {
            let e = element.value();
            assert_eq!(Signals::of_element(e), Signals::of(&class_id(e)), "{e:?}");
        }
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

    #[test]
    fn class_words_signal_every_list_they_appear_in() {
        let s = Signals::of("Article-Body SIDEBAR");
        assert!(s.has(Signals::POSITIVE) && s.has(Signals::MAYBE));
        assert!(s.has(Signals::UNLIKELY) && s.has(Signals::NEGATIVE));
        assert!(!s.has(Signals::BYLINE));
        assert_eq!(
            Signals::of("entry-meta"),
            Signals(Signals::POSITIVE | Signals::NEGATIVE)
        );
        assert!(Signals::of("x hid").has(Signals::NEGATIVE));
        assert!(!Signals::of("hide-on-print").has(Signals::NEGATIVE));
        assert_eq!(Signals::of("p-author h-card"), Signals(Signals::BYLINE));
        assert_eq!(Signals::of(""), Signals::default());
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

    #[test]
    fn data_tables_are_told_from_layout() {
        let doc = Html::parse_fragment("<table><tr><th>Ville</th></tr><tr><td>Gao</td></tr></table>");
        let table = doc
            .tree
            .root()
            .descendants()
            .find(|n| n.value().as_element().is_some_and(|e| e.name() == "table"));
        assert!(table.is_some_and(is_data_table));
        let doc = Html::parse_fragment("<table><tr><td><p>Texte</p></td></tr></table>");
        let table = doc
            .tree
            .root()
            .descendants()
            .find(|n| n.value().as_element().is_some_and(|e| e.name() == "table"));
        assert!(!table.is_some_and(is_data_table));
    }
}
