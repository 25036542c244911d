//! Before scoring: detach what is never article text (scripts, forms, hidden and ARIA
//! furniture, comments), the byline element (it is metadata) and, on a strict attempt, the
//! blocks whose class or id names furniture.

use std::sync::LazyLock;

use ego_tree::{NodeId, NodeRef};
use regex::Regex;
use scraper::{Html, Node};

use super::signals::Signals;
use super::stats::{collapse, ego_text, text_chars};
use super::{Flags, Undo};
use crate::convert::extract::html::Attribute;

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

/// True for an element that is hidden from readers.
fn is_hidden(element: &scraper::node::Element) -> bool {
    element.attribute("hidden").is_some()
        || (element.attribute("aria-hidden") == Some("true")
            && !element.attribute("class").is_some_and(|c| c.contains("fallback-image")))
        || element.attribute("style").is_some_and(|s| STYLE_HIDDEN.is_match(s))
}

/// A form a reader fills in (a comment box, a newsletter sign-up): a text area, or two text
/// fields. Its labels and notices are no article text. A page wrapped whole in one form (old
/// ASP.NET sites) holds paragraphs of the story: that form stays.
fn is_entry_form(form: NodeRef<Node>) -> bool {
    let (mut fields, mut prose) = (0, 0);
    for node in form.descendants() {
        let Some(element) = node.value().as_element() else {
            continue;
        };
        match element.name() {
            "textarea" => fields += 2,
            "input" if matches!(element.attribute("type").unwrap_or("text"), "text" | "email" | "url") => fields += 1,
            "p" => prose += text_chars(&ego_text(node)),
            _ => {}
        }
    }
    fields >= 2 && prose < 300
}

/// Detaches what is never text; on a strict attempt, also the "unlikely" blocks. Returns the
/// first byline element's text (detached too: it is metadata) and the unlikely blocks that went.
pub(super) fn prepare(
    document: &mut Html,
    body: NodeId,
    flags: Flags,
    undo: &mut Undo,
) -> (Option<String>, Vec<NodeId>) {
    let mut doomed = Vec::new();
    let mut byline = None;
    let mut stripped = Vec::new();
    let tree = &document.tree;
    let Some(body_ref) = tree.get(body) else {
        return (None, Vec::new());
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
        if NEVER_TEXT.contains(&name) || is_hidden(element) || (name == "form" && is_entry_form(node)) {
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
            stripped.push(node.id());
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

pub(super) fn is_byline_element(element: &scraper::node::Element, signals: Signals) -> bool {
    element.attribute("rel").is_some_and(|r| r.contains("author"))
        || element.attribute("itemprop").is_some_and(|r| r.contains("author"))
        || signals.has(Signals::BYLINE)
}

#[cfg(test)]
mod tests {
    use super::super::ATTEMPTS;
    use super::*;

    fn prepared(html: &str, flags: Flags) -> (String, Option<String>, Vec<NodeId>) {
        let mut page = Html::parse_document(html);
        let (body, _) = super::super::body_and_id(&page);
        let (byline, stripped) = prepare(&mut page, body, flags, &mut Undo::default());
        (collapse(&ego_text(page.tree.root())), byline, stripped)
    }

    const PAGE: &str = r#"<body><nav>Accueil</nav><div role="navigation">Rubriques</div>
        <p style="display: none">caché</p><p hidden>aussi</p><script>x()</script><!-- note -->
        <div class="sidebar">Pub</div><table><tr><td class="sidebar">cellule</td></tr></table>
        <form><label>Votre commentaire</label><textarea></textarea></form>
        <form><label>Courriel</label><input type="email"><label>Nom</label><input></form>
        <form><label>Recherche</label><input></form>
        <span class="byline">Par Awa Traoré</span><p>Le texte.</p></body>"#;

    #[test]
    fn never_text_hidden_and_aria_furniture_go_on_every_attempt() {
        for flags in ATTEMPTS {
            let (text, byline, _) = prepared(PAGE, flags);
            for gone in [
                "Accueil",
                "Rubriques",
                "caché",
                "aussi",
                "x()",
                "note",
                "Awa",
                "commentaire",
                "Courriel",
            ] {
                assert!(!text.contains(gone), "{gone} in {text}");
            }
            assert_eq!(byline.as_deref(), Some("Par Awa Traoré"));
            assert!(
                text.contains("Le texte.") && text.contains("cellule") && text.contains("Recherche"),
                "{text}"
            );
        }
    }

    #[test]
    fn a_page_wrapped_in_one_form_keeps_its_story() {
        let story = "Les vols humanitaires ont repris lundi à Gao, après trois semaines d’interruption, selon l’ONU, qui parle d’un soulagement pour les déplacés, nombreux, dans la région de Gao.";
        let page = format!(
            r#"<body><form><input name="q"><input name="user"><p>{story}</p><p>{story}</p><textarea></textarea></form></body>"#
        );
        let (text, _, _) = prepared(&page, ATTEMPTS[0]);
        assert!(text.contains("Les vols humanitaires"), "{text}");
    }

    #[test]
    fn unlikely_blocks_go_on_the_strict_attempt_only_and_never_inside_a_table() {
        let (text, _, stripped) = prepared(PAGE, ATTEMPTS[0]);
        let stripped = stripped.len();
        assert!(!text.contains("Pub") && text.contains("cellule"), "{text}");
        assert_eq!(stripped, 1);
        let (text, _, stripped) = prepared(PAGE, ATTEMPTS[1]);
        let stripped = stripped.len();
        assert!(text.contains("Pub"), "{text}");
        assert_eq!(stripped, 0);
    }
}
