//! Class and id words: which lists of furniture or content words an element's names hold.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use crate::convert::extract::html::Attribute;

/// Class or id words of blocks that are never the article (detached on the first attempt).
pub(super) const UNLIKELY: &[&str] = &[
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
pub(super) const MAYBE: &[&str] = &[
    "and", "article", "body", "column", "content", "main", "mathjax", "shadow", "contenu", "corps",
];
pub(super) const POSITIVE: &[&str] = &[
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
pub(super) const NEGATIVE: &[&str] = &[
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
pub(super) const BYLINE: &[&str] = &[
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
    pub(super) const UNLIKELY: u8 = 1;
    pub(super) const MAYBE: u8 = 2;
    pub(super) const POSITIVE: u8 = 4;
    pub(super) const NEGATIVE: u8 = 8;
    pub(super) const BYLINE: u8 = 16;

    /// One pass of one automaton over every list: these run on every element of every attempt,
    /// where a regex per list was a tenth of the scoring.
    pub(super) fn of(words: &str) -> Signals {
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
    pub(super) fn of_element(element: &scraper::node::Element) -> Signals {
        let of = |name| element.attribute(name).map_or(0, |words| Signals::of(words).0);
        Signals(of("class") | of("id"))
    }

    /// Whether `words` might name a byline (any ASCII case): a cheap first test for callers
    /// with stricter rules of their own.
    pub(crate) fn may_be_byline(words: &str) -> bool {
        Signals::of(words).has(Signals::BYLINE)
    }

    pub(super) fn has(self, bit: u8) -> bool {
        self.0 & bit != 0
    }
}

pub(super) fn class_id(element: &scraper::node::Element) -> String {
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

#[cfg(test)]
mod tests {
    use scraper::Html;

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
}
