//! Saved HTML pages → [`Draft`], on `scraper` (html5ever: the browsers' parsing algorithm).
//!
//! The recipe, one line per stage: empty the script and style bodies and drop the attributes
//! nothing reads ([`prune`]); parse; read the metadata ([`meta`]); find the article's subtrees
//! ([`body`]); render them as Markdown blocks ([`markdown`]); drop the blocks that are
//! page furniture or metadata shown as text; decide whether the page is an article at all.
//!
//! Every tree walk here is iterative: a hostile page nests 20,000 `<div>`s.

pub mod body;
pub mod markdown;
pub mod meta;
pub mod prune;

use std::sync::LazyLock;

use regex::Regex;
use scraper::Html;

use super::{Draft, byline, date};
use crate::convert::clean;
use markdown::{Block, Kind};
pub use markdown::{escape_block_start, escape_inline};

/// Attribute lookup by name, for the extractor's hot loops. scraper's `Element::attr` interns
/// the name as an atom (a hash) and binary-searches comparing qualified names as strings; after
/// pruning an element has a few attributes, and comparing their local names directly is several
/// times cheaper. Same answer: a plain (no namespace, no prefix) attribute of that name.
pub trait Attribute {
    fn attribute(&self, name: &str) -> Option<&str>;
}

impl Attribute for scraper::node::Element {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(q, _)| q.prefix.is_none() && q.ns.is_empty() && &*q.local == name)
            .map(|(_, value)| &**value)
    }
}

/// An article shorter than this (characters) whose text is mostly links is a listing.
const LISTING_MAX_CHARS: u32 = 2500;

/// Extracts a draft from an HTML page.
pub fn extract(text: &str) -> Draft {
    let text = prune::prune(text);
    let document = Html::parse_document(&text);
    let (mut draft, base) = meta::read(&document);
    let (document, content) = body::extract(document);
    let blocks = markdown::render(&document, &content.roots, base.as_deref());
    if draft.authors.is_empty()
        && let Some(line) = &content.byline
    {
        let (authors, agency) = byline::parse_byline(line);
        draft.authors = authors;
        draft.agency = draft.agency.take().or(agency);
    }
    let blocks = keep_article_blocks(blocks, draft.title.as_deref());
    draft.rejection = not_an_article(&content, &blocks, &draft);
    draft.paragraphs = blocks
        .iter()
        .filter(|b| !b.plain.is_empty())
        .map(|b| b.plain.clone())
        .collect();
    draft.markdown = markdown::join(&blocks);
    draft
}

/// Drops furniture that survived as text: the headline repeated, a byline or dateline among the
/// first blocks, "Lire aussi" teasers; stops at the comments, and at a "related" box unless the
/// story goes on after it (then only the box goes).
fn keep_article_blocks(blocks: Vec<Block>, title: Option<&str>) -> Vec<Block> {
    let title = title.map(date::fold);
    let mut kept: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut seen_text = 0usize;
    let total: usize = blocks.iter().map(|b| b.plain.len()).sum();
    let mut before = 0usize;
    let mut in_box = false;
    let prose: Vec<bool> = blocks.iter().map(is_prose).collect();
    // prose_from[i]: some block from the i-th on is prose.
    let mut prose_from = vec![false; blocks.len() + 1];
    for i in (0..blocks.len()).rev() {
        prose_from[i] = prose_from[i + 1] || prose[i];
    }
    // signed_from[i]: comment signature lines from the i-th block on.
    let mut signed_from = vec![0usize; blocks.len() + 1];
    for i in (0..blocks.len()).rev() {
        signed_from[i] = signed_from[i + 1] + usize::from(clean::is_comment_signature(&blocks[i].plain));
    }
    for (index, block) in blocks.into_iter().enumerate() {
        before += block.plain.len();
        let plain = block.plain.as_str();
        if block.kind == Kind::Image {
            kept.push(block);
            continue;
        }
        let early = seen_text < 3;
        if early && title.as_deref().is_some_and(|t| similar_title(t, &date::fold(plain))) {
            continue;
        }
        // A caption may state a date; only a line of its own is a dateline.
        if early
            && block.kind == Kind::Paragraph
            && plain.chars().count() <= 120
            && (byline::is_byline(plain) || date::dateline(plain, true).is_some())
        {
            continue;
        }
        if clean::is_boilerplate(plain) || clean::is_counter(plain) {
            continue;
        }
        match clean::ender(plain) {
            // A comment heading ends the story when little text follows it, or when what
            // follows is signed like comments (however long the thread); otherwise, inside
            // the story, it is a box the structural cleaning left (a newsletter form).
            Some(clean::Ender::Comments) => {
                if seen_text > 0 && (total - before < before || signed_from[index + 1] >= 2) {
                    break;
                }
                continue;
            }
            // A "related" box ends the story unless prose follows it: then it stood in the
            // middle, and its links go but the rest of the story stays.
            Some(clean::Ender::Box) => {
                if seen_text > 0 && !prose_from[index + 1] {
                    break;
                }
                in_box = true;
                continue;
            }
            None => {}
        }
        if in_box {
            if !prose[index] {
                continue;
            }
            in_box = false;
        }
        seen_text += 1;
        kept.push(block);
    }
    // Images and headings left dangling at the end belong to what was cut.
    while kept
        .last()
        .is_some_and(|b| matches!(b.kind, Kind::Heading | Kind::Image))
    {
        kept.pop();
    }
    kept
}

/// A paragraph of the story rather than a teaser or a link: long enough, made of sentences,
/// mostly not link text.
fn is_prose(block: &Block) -> bool {
    static LINK_TEXT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[([^\]]*)\]\(").expect("valid regex"));
    let chars = block.plain.chars().count();
    let link_chars: usize = LINK_TEXT
        .captures_iter(&block.markdown)
        .map(|c| c[1].chars().count())
        .sum();
    let plain = block.plain.trim_end();
    block.kind == Kind::Paragraph
        && chars >= 100
        && (plain.contains(". ") || plain.ends_with(['.', '!', '?', '»', '"', '”']))
        && link_chars * 3 < chars
}

/// The headline and a block are the same text, give or take punctuation.
fn similar_title(title: &str, block: &str) -> bool {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric() || c.is_whitespace())
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (t, b) = (norm(title), norm(block));
    !t.is_empty()
        && (t == b || (b.len() > 20 && t.contains(&b)) || (t.len() > 20 && b.starts_with(&t) && b.len() < t.len() + 40))
}

/// Why the page is not one article (a listing, a home page, an error page), if it is not.
fn not_an_article(content: &body::Content, blocks: &[Block], draft: &Draft) -> Option<String> {
    let chars: usize = blocks.iter().map(|b| b.plain.chars().count()).sum();
    let prose: Vec<&Block> = blocks
        .iter()
        .filter(|b| b.kind == Kind::Paragraph && b.plain.chars().count() >= 80)
        .collect();
    let density = if content.chars == 0 {
        0.0
    } else {
        f64::from(content.link_chars) / f64::from(content.chars)
    };
    if content.chars < LISTING_MAX_CHARS && density > 0.5 {
        return Some(format!(
            "{:.0}% of the text is links: a listing or home page",
            density * 100.0
        ));
    }
    let items = blocks
        .iter()
        .filter(|b| matches!(b.kind, Kind::Item | Kind::Heading))
        .count();
    if prose.is_empty() && items >= 5 && chars < LISTING_MAX_CHARS as usize {
        return Some(format!("{items} headlines or list items and no paragraph: a listing"));
    }
    let title = draft.title.as_deref().map(date::fold).unwrap_or_default();
    let error_page = [
        "404",
        "page not found",
        "page introuvable",
        "n'existe pas",
        "not found",
        "erreur",
    ]
    .iter()
    .any(|w| title.contains(w));
    if error_page && chars < 1000 {
        return Some("an error page (\"not found\")".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html lang="fr"><head>
<meta charset="utf-8"><title>Gao : reprise des vols | Sahel Hebdo</title>
<link rel="canonical" href="https://sahel.example/gao-vols">
<meta property="og:site_name" content="Sahel Hebdo">
<meta property="article:published_time" content="2024-03-11T08:00:00+00:00">
<meta name="description" content="Les vols reprennent.">
</head><body onload="x()">
<nav><a href="/">Accueil</a> <a href="/afrique">Afrique</a></nav>
<div class="share-bar">Partager sur Facebook</div>
<article><h1>Gao : reprise des vols</h1><p class="byline">Par Moussa Diarra</p>
<p>Les vols humanitaires ont repris lundi à Gao, après trois semaines d’interruption, selon l’ONU.</p>
<p onmouseover="steal()">Un deuxième paragraphe, assez long pour compter, avec <a href="javascript:alert(1)">un lien piégé</a> et <a href="/doc.pdf">un document</a>.</p>
<script>alert("x")</script>
<p>Troisième paragraphe : les convois routiers restent suspendus, disent les transporteurs.</p>
<aside class="related"><p>Lire aussi : autre chose de très long ici pour tester</p></aside>
</article>
<div id="comments"><p>Laisser un commentaire sur cet article, merci beaucoup pour votre avis.</p></div>
<footer>© Sahel Hebdo</footer></body></html>"#;

    fn block(kind: Kind, text: &str) -> Block {
        Block {
            kind,
            markdown: text.to_string(),
            plain: text.to_string(),
            list: u32::from(kind == Kind::Item),
        }
    }

    #[test]
    fn a_related_box_mid_story_goes_and_the_story_goes_on() {
        let prose = "Les vols humanitaires ont repris lundi à Gao, après trois semaines d’interruption, selon l’ONU et les ONG.";
        let blocks = vec![
            block(Kind::Paragraph, prose),
            block(Kind::Heading, "Related Stories"),
            block(Kind::Item, "[Un autre article](https://example.org/a)"),
            block(
                Kind::Paragraph,
                "[Encore un autre article, avec un titre qui est assez long pour tromper la longueur](https://example.org/b).",
            ),
            block(Kind::Paragraph, &format!("Suite : {prose}")),
            block(Kind::Heading, "You may also like"),
            block(Kind::Item, "[Dernier article](https://example.org/c)"),
        ];
        let kept: Vec<String> = keep_article_blocks(blocks, None).into_iter().map(|b| b.plain).collect();
        assert_eq!(kept, [prose.to_string(), format!("Suite : {prose}")]);
    }

    #[test]
    fn a_signed_comment_thread_longer_than_the_story_ends_it() {
        let prose = "Les vols humanitaires ont repris lundi à Gao, après trois semaines d’interruption, selon l’ONU et les ONG.";
        let comment = "Merci pour ce reportage, qui dit enfin ce que vivent les familles de la région depuis des mois.";
        let mut blocks = vec![block(Kind::Paragraph, prose), block(Kind::Heading, "Comments")];
        for name in ["Awa", "Moussa", "Fatou", "Ibrahim"] {
            blocks.push(block(Kind::Paragraph, comment));
            blocks.push(block(
                Kind::Paragraph,
                &format!("Posted by: {name} at March 3, 2024 10:12 AM"),
            ));
        }
        let kept: Vec<String> = keep_article_blocks(blocks.clone(), None)
            .into_iter()
            .map(|b| b.plain)
            .collect();
        assert_eq!(kept, [prose.to_string()]);
        // Unsigned, a long text after a "Comments" heading may be the story itself: it stays.
        let unsigned: Vec<Block> = blocks
            .into_iter()
            .filter(|b| !b.plain.starts_with("Posted by"))
            .collect();
        assert_eq!(keep_article_blocks(unsigned, None).len(), 5);
    }

    #[test]
    fn comments_end_the_story_even_when_sentences_follow() {
        let prose = "Les vols humanitaires ont repris lundi à Gao, après trois semaines d’interruption, selon l’ONU et les ONG.";
        let blocks = vec![
            block(Kind::Paragraph, prose),
            block(Kind::Paragraph, prose),
            block(Kind::Heading, "Reader Comments (2)"),
            block(
                Kind::Paragraph,
                "Merci pour ce billet, très juste, je partage entièrement votre avis sur la question, vraiment.",
            ),
        ];
        assert_eq!(keep_article_blocks(blocks, None).len(), 2);
    }

    #[test]
    fn metadata() {
        let draft = extract(PAGE);
        assert_eq!(draft.title.as_deref(), Some("Gao : reprise des vols"));
        assert_eq!(draft.source_url.as_deref(), Some("https://sahel.example/gao-vols"));
        assert_eq!(draft.site_name.as_deref(), Some("Sahel Hebdo"));
        assert_eq!(draft.declared_lang.as_deref(), Some("fr"));
        assert_eq!(
            draft.date.map(|d| d.to_string()).as_deref(),
            Some("2024-03-11T08:00:00+00:00")
        );
        assert_eq!(draft.authors, ["Moussa Diarra"]);
    }

    #[test]
    fn body_without_furniture_or_active_content() {
        let draft = extract(PAGE);
        assert_eq!(draft.paragraphs.len(), 3, "{:#?}", draft.paragraphs);
        assert!(draft.markdown.contains("[un document](https://sahel.example/doc.pdf)"));
        for bad in [
            "javascript",
            "alert",
            "steal",
            "Partager",
            "Lire aussi",
            "commentaire",
            "Accueil",
        ] {
            assert!(!draft.markdown.contains(bad), "{bad} in {}", draft.markdown);
        }
        assert!(draft.markdown.contains("un lien piégé"), "link text stays as text");
        assert!(draft.rejection.is_none());
    }

    #[test]
    fn headline_and_dateline_leave_the_body_not_the_story() {
        let block = |kind, text: &str| Block {
            kind,
            markdown: text.to_string(),
            plain: text.to_string(),
            list: 0,
        };
        let blocks = vec![
            block(Kind::Heading, "Gao : reprise des vols !"),
            block(Kind::Paragraph, "Publié le 9 juin 2025 à 10h30"),
            block(Kind::Caption, "L’aéroport, le 9 juin 2025."),
            block(Kind::Paragraph, "Les vols ont repris le 9 juin 2025, selon l’ONU."),
            block(Kind::Heading, "Articles similaires"),
            block(Kind::Paragraph, "Autre chose."),
        ];
        let kept: Vec<String> = keep_article_blocks(blocks, Some("Gao : reprise des vols"))
            .into_iter()
            .map(|b| b.plain)
            .collect();
        assert_eq!(
            kept,
            [
                "L’aéroport, le 9 juin 2025.",
                "Les vols ont repris le 9 juin 2025, selon l’ONU."
            ]
        );
    }

    #[test]
    fn a_listing_is_no_article() {
        let items: String = (0..12)
            .map(|i| format!("<li><h3><a href='/a{i}'>Titre numéro {i} d’un article de la une</a></h3></li>"))
            .collect();
        let page = format!("<html><body><ul>{items}</ul></body></html>");
        assert!(extract(&page).rejection.is_some());
    }
}
