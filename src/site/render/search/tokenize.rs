//! Text → index words: fold case and accents, split, drop stopwords, stem.
//!
//! Folding must match what `search.js` does to a query (NFD, combining marks dropped, the Latin
//! letters NFD leaves whole spelled out from its `SPELLED` table, lowercase): « Goïta » and
//! « Goita » are the same word, « réfugiés » and « refugies » too, « Løvdahl » and « Lovdahl »;
//! the tests below hold the two together. Stems never reach the browser (it cannot run
//! Snowball): the index ships the folded word → stem mapping instead, so this module decides
//! what the client can find.

use std::borrow::Cow;
use std::sync::LazyLock;

use pulldown_cmark::{Event, Parser, TagEnd};
use rust_stemmers::{Algorithm, Stemmer};

/// Words shorter than this (in folded bytes) are not indexed: « l' », « d' », « a ».
pub const MIN_LEN: usize = 2;
/// Words longer than this are not indexed: hashes, URLs glued together.
pub const MAX_LEN: usize = 40;

/// French and English function words, folded. Shipped in `meta.json` so the client drops the
/// same ones from a query (an AND over a word that is never indexed would find nothing).
pub const STOPWORDS: &[&str] = &[
    "a", "about", "after", "ai", "all", "also", "an", "and", "are", "as", "at", "au", "aux", "avec", "be", "been",
    "but", "by", "ce", "ces", "cette", "dans", "de", "des", "du", "elle", "en", "est", "et", "for", "from", "had",
    "has", "have", "he", "his", "il", "ils", "in", "is", "it", "its", "la", "le", "les", "leur", "leurs", "lui",
    "mais", "ne", "not", "of", "on", "ont", "or", "ou", "par", "pas", "plus", "pour", "qu", "que", "qui", "sa", "se",
    "ses", "son", "sont", "sur", "that", "the", "their", "this", "to", "un", "une", "was", "were", "which", "who",
    "will", "with",
];

static FRENCH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::French));
static ENGLISH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// The stemmer for an article's language: French unless it says English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    French,
    English,
}

impl Lang {
    pub fn of(code: &str) -> Lang {
        if code == "en" { Lang::English } else { Lang::French }
    }

    /// The folded stem of a lowercase word. Snowball's French rules need the accents
    /// (« réfugié » and « réfugiées » share « réfugi », their folded forms do not), so the word
    /// is stemmed as written and the stem folded after.
    pub fn stem<'a>(self, lower: &'a str) -> Cow<'a, str> {
        let stem = match self {
            Lang::French => FRENCH.stem(lower),
            Lang::English => ENGLISH.stem(lower),
        };
        if stem.is_ascii() {
            stem
        } else {
            Cow::Owned(fold(&stem).replace(' ', ""))
        }
    }
}

/// Folds one character into `out`: lowercase ASCII letters and digits; a separator becomes a
/// space. Accented Latin letters lose their accent; other scripts are transliterated by
/// deunicode (the client only matches what folds to Latin letters and digits).
fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else {
            ' '
        });
        return;
    }
    if !c.is_alphanumeric() {
        out.push(' ');
        return;
    }
    match deunicode::deunicode_char(c) {
        Some(ascii) => {
            for a in ascii.chars() {
                out.push(if a.is_ascii_alphanumeric() {
                    a.to_ascii_lowercase()
                } else {
                    ' '
                });
            }
        }
        None => out.push(' '),
    }
}

/// Lowercase ASCII, accents removed, every separator a space.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

fn keep(folded: &str) -> bool {
    (MIN_LEN..=MAX_LEN).contains(&folded.len()) && !is_stopword(folded)
}

/// The words of `text` worth indexing as `(folded, lowercase as written)`; the second is `None`
/// when it equals the first (plain ASCII), which spares an allocation for most words.
pub fn words_as_written(text: &str) -> impl Iterator<Item = (String, Option<String>)> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter_map(|w| {
            if w.is_ascii() {
                let folded = w.to_ascii_lowercase();
                return keep(&folded).then_some((folded, None));
            }
            // A letter deunicode spells with a separator (rare) joins its word anyway.
            let folded = fold(w).replace(' ', "");
            keep(&folded).then(|| (folded, Some(w.to_lowercase())))
        })
}

pub fn is_stopword(word: &str) -> bool {
    // Most words are longer than any stopword: one comparison instead of a search.
    word.len() <= LONGEST_STOPWORD && STOPWORDS.binary_search(&word).is_ok()
}

const LONGEST_STOPWORD: usize = {
    let mut longest = 0;
    let mut i = 0;
    while i < STOPWORDS.len() {
        if STOPWORDS[i].len() > longest {
            longest = STOPWORDS[i].len();
        }
        i += 1;
    }
    longest
};

/// The text a reader sees in a Markdown body: text and code, blocks separated by a space.
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell) => out.push(' '),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[test]
    fn stopwords_are_sorted_folded_and_unique() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]), "binary search needs order");
        assert!(STOPWORDS.iter().all(|w| fold(w) == *w));
    }

    #[test]
    fn folding_removes_case_accents_and_punctuation() {
        for (text, folded) in [
            ("Goïta", "goita"),
            ("RÉFUGIÉS", "refugies"),
            ("l’armée", "l armee"),
            ("cœur Œuvre", "coeur oeuvre"),
            ("Straße", "strasse"),
            ("Kidal, 2024.", "kidal  2024 "),
        ] {
            assert_eq!(fold(text), folded, "{text}");
        }
    }

    /// `search.js`'s table of the letters NFD leaves whole: letter → spelling.
    fn search_js_spelled() -> HashMap<char, String> {
        let js = include_str!("../../../../themes/default/static/search.js");
        let table = js
            .split_once("var SPELLED = {")
            .and_then(|(_, rest)| rest.split_once("};"))
            .expect("search.js has its SPELLED table")
            .0;
        let entry = regex::Regex::new(r#""?([^":\s]+)"?: "([^"]+)""#).unwrap();
        let mut letters = HashMap::new();
        for found in entry.captures_iter(table) {
            for letter in found[2].chars() {
                let before = letters.insert(letter, found[1].to_string());
                assert!(before.is_none(), "{letter} twice in SPELLED");
            }
        }
        letters
    }

    /// `search.js`'s `fold`, redone: NFD, combining marks dropped, SPELLED, lowercase, every
    /// run of other characters one space.
    fn search_js_fold(text: &str, spelled: &HashMap<char, String>) -> String {
        let nfd = icu_normalizer::DecomposingNormalizerBorrowed::new_nfd().normalize(text);
        let spelled: String = nfd
            .chars()
            .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
            .map(|c| spelled.get(&c).cloned().unwrap_or_else(|| c.to_string()))
            .collect();
        let lower = spelled.to_lowercase();
        lower
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The letters NFD does not decompose (so `search.js` cannot just drop an accent) fold as
    /// deunicode spells them, in the index and in `search.js`.
    #[test]
    fn letters_nfd_leaves_whole_fold_as_deunicode_spells_them() {
        let spelled = search_js_spelled();
        for (letter, ascii) in [
            ("ø", "o"),
            ("Ø", "o"),
            ("ł", "l"),
            ("Ł", "l"),
            ("đ", "d"),
            ("Đ", "d"),
            ("ħ", "h"),
            ("ı", "i"),
            ("þ", "th"),
            ("Þ", "th"),
            ("ð", "d"),
            ("ŋ", "ng"),
            ("ɓ", "b"),
            ("ɗ", "d"),
            ("ƙ", "k"),
            ("ƴ", "y"),
            ("ɛ", "e"),
            ("ɔ", "o"),
            ("œ", "oe"),
            ("æ", "ae"),
            ("ß", "ss"),
        ] {
            assert_eq!(fold(letter), ascii, "{letter}");
            assert_eq!(search_js_fold(letter, &spelled), ascii, "search.js: {letter}");
        }
        assert_eq!(fold("Siri Løvdahl"), "siri lovdahl");
    }

    /// What the index folds and what `search.js` folds a query to agree on every letter of the
    /// Latin blocks (Latin-1 to IPA, and Latin Extended Additional), so a name found in an
    /// article is found when typed as written.
    #[test]
    fn search_js_folds_every_latin_letter_as_the_index_does() {
        let spelled = search_js_spelled();
        let letters = ('\u{c0}'..='\u{2af}').chain('\u{1e00}'..='\u{1eff}');
        for letter in letters.filter(|c| c.is_alphanumeric()) {
            // deunicode spells « ǯ » « zh », yet what NFD leaves of it, « ʒ », « z ».
            if letter == 'ǯ' {
                continue;
            }
            let text = format!("a{letter}b {letter}");
            let index = fold(&text).split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(
                search_js_fold(&text, &spelled),
                index,
                "U+{:04X} {letter}",
                letter as u32
            );
        }
    }

    #[test]
    fn words_drop_stopwords_and_short_ones() {
        let words: Vec<String> = words_as_written("Le JNIM a attaqué l’armée à Kayes et au nord")
            .map(|w| w.0)
            .collect();
        assert_eq!(words, ["jnim", "attaque", "armee", "kayes", "nord"]);
    }

    #[test]
    fn words_as_written_keep_the_accents_for_the_stemmer() {
        let words: Vec<_> = words_as_written("Les réfugiés d’Ansongo, à Goïta.").collect();
        assert_eq!(
            words,
            [
                ("refugies".to_string(), Some("réfugiés".to_string())),
                ("ansongo".to_string(), None),
                ("goita".to_string(), Some("goïta".to_string())),
            ]
        );
    }

    #[test]
    fn accented_and_plain_spellings_share_a_stem() {
        for (a, b) in [("réfugiés", "réfugiée"), ("goïta", "goita"), ("élections", "élection")] {
            assert_eq!(Lang::French.stem(a), Lang::French.stem(b), "{a} {b}");
        }
        assert_eq!(Lang::French.stem("réfugiés"), "refugi", "stems are folded");
        assert_eq!(Lang::English.stem("refugees"), Lang::English.stem("refugee"));
        assert_ne!(Lang::of("en"), Lang::of("fr"));
    }

    #[test]
    fn plain_text_keeps_words_not_markup() {
        let text = plain_text("# Titre\n\nUn *texte* et [un lien](https://x.example).\n\n- point");
        assert_eq!(
            text.split_whitespace().collect::<Vec<_>>().join(" "),
            "Titre Un texte et un lien. point"
        );
    }
}
