//! One multi-pattern pass over an article's text: every dictionary form, found on word
//! boundaries, longest first.
//!
//! Text and forms are folded alike ([`fold`]: case, accents, apostrophes, dashes and spaces), and
//! the folded text keeps a map back to the original bytes, so acronyms (forms written in
//! capitals: `AES`, `EI`, `UA`) are checked case-sensitively against the original text.
//! [`Matcher::find`] collects every form on word boundaries, then keeps the leftmost-longest
//! ones, so a form that fails its case check never hides a shorter one that passes. This module
//! knows forms and spans, not rules: what a match means is decided in `mod.rs` and `phrases.rs`.

use rustc_hash::FxHashMap;

/// Text folded for matching, with the original byte offset of every folded byte.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    pub text: String,
    /// `origin[i]` = byte offset in the original text of the char that produced folded byte `i`;
    /// one extra entry at the end maps the end of the text.
    pub origin: Vec<usize>,
}

impl Folded {
    /// The original text's byte range for a folded range.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        (self.origin[start], self.origin[end])
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ' | 'ʻ' | '`' | '´' | '′')
}

fn is_dash_or_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '\u{a0}' | '\u{202f}' | '_')
}

/// Folds for matching: lower case, accents off (deunicode), apostrophes → `'`, dashes and runs of
/// spaces → one space. "Côte d’Ivoire" and "COTE D'IVOIRE" fold alike; "CSP–PSD" → "csp psd".
pub fn fold(text: &str) -> Folded {
    let mut out = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    fold_into(text, &mut out, |i, produced| {
        origin.extend(std::iter::repeat_n(i, produced))
    });
    origin.push(text.len());
    Folded { text: out, origin }
}

/// [`fold`] without the map back to the original: for dictionary forms, folded by the thousand
/// at every start (the offsets map was a third of their folding time).
pub fn fold_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out, |_, _| {});
    out
}

/// Appends the folded `text` to `out`, telling `produced(i, n)` that the char at byte `i` of
/// `text` gave `n` folded bytes.
fn fold_into(text: &str, out: &mut String, mut produced: impl FnMut(usize, usize)) {
    for (i, c) in text.char_indices() {
        let before = out.len();
        // ASCII first: nearly every char of the dictionary and of most articles.
        let space = match c {
            '\t' | '\n' | '\x0b' | '\x0c' | '\r' | ' ' | '-' | '_' => true,
            _ if c.is_ascii() => false,
            _ => is_dash_or_space(c),
        };
        if space {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else if c.is_ascii() && c != '\'' && c != '`' {
            out.push(c.to_ascii_lowercase());
        } else if is_apostrophe(c) {
            out.push('\'');
        } else {
            match deunicode::deunicode_char(c) {
                Some(s) if !s.is_empty() && !s.contains(' ') => {
                    out.extend(s.chars().map(|ch| ch.to_ascii_lowercase()));
                }
                // Scripts deunicode spells with spaces, or does not know: keep the char.
                _ => out.extend(c.to_lowercase()),
            }
        }
        produced(i, out.len() - before);
    }
}

/// A form is an acronym when all its letters are capitals and it has at least two ("AES",
/// "U.S.", "GSIM/JNIM"): it then matches only text written in capitals.
pub fn is_acronym(form: &str) -> bool {
    let mut letters = form.chars().filter(|c| c.is_alphabetic());
    letters.clone().nth(1).is_some() && letters.all(char::is_uppercase)
}

/// One form of the dictionary, as the caller registered it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Form<T: Copy> {
    pub target: T,
    pub acronym: bool,
}

/// A form found in the text, in original byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit<T: Copy> {
    pub target: T,
    pub start: usize,
    pub end: usize,
    /// Folded offsets, for looking at the words around the hit.
    pub folded_start: usize,
    pub folded_end: usize,
}

/// Every folded form, found by hashing: a form on word boundaries starts where a word starts
/// (or on a punctuation byte) and its first unit (word, or that byte) is the whole unit the text
/// has there. So the text is walked unit by unit, and only where a unit opens some form are the
/// longer spans up to that form's length looked up. Building is one hash insert per form, a few
/// milliseconds for the ~14,000 forms, where an automaton over them took a tenth of an import.
pub struct Matcher<T: Copy> {
    /// Folded form → pattern id.
    ids: FxHashMap<Box<[u8]>, u32>,
    /// First unit of a form → length in bytes of the longest form that opens with it.
    heads: FxHashMap<Box<[u8]>, usize>,
    /// Non-word bytes that open some form ("(", "<<"…): the only non-word positions looked up.
    punctuation_heads: [bool; 256],
    /// Per pattern id, the forms that fold to it (a blocker and a name may share one).
    forms: Vec<Vec<Form<T>>>,
}

impl<T: Copy + std::fmt::Debug> Matcher<T> {
    /// Indexes the forms; `forms` are (surface form, target). Forms with fewer than two letters
    /// or digits are skipped.
    pub fn new<S: AsRef<str>>(
        forms: impl IntoIterator<Item = (S, T)>,
        prefer: impl Fn(&[Form<T>]) -> Vec<Form<T>>,
    ) -> Matcher<T> {
        let folded = forms.into_iter().map(|(surface, target)| {
            let key = fold_key(surface.as_ref().trim());
            (surface, key, target)
        });
        Matcher::from_folded(folded, prefer)
    }

    /// [`Matcher::new`] for a caller that folded the forms already (with [`fold_key`], of the
    /// trimmed surface form): (surface form, folded, target).
    pub fn from_folded<S: AsRef<str>>(
        forms: impl IntoIterator<Item = (S, String, T)>,
        prefer: impl Fn(&[Form<T>]) -> Vec<Form<T>>,
    ) -> Matcher<T> {
        let mut ids: FxHashMap<Box<[u8]>, u32> = FxHashMap::default();
        let mut heads: FxHashMap<Box<[u8]>, usize> = FxHashMap::default();
        let mut punctuation_heads = [false; 256];
        let mut grouped: Vec<Vec<Form<T>>> = Vec::new();
        for (surface, folded, target) in forms {
            let surface = surface.as_ref().trim();
            let folded = folded.trim();
            if folded.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
                continue;
            }
            let folded = folded.as_bytes();
            let id = match ids.get(folded) {
                Some(&id) => id,
                None => {
                    let id = grouped.len() as u32;
                    ids.insert(folded.into(), id);
                    grouped.push(Vec::new());
                    let head = &folded[..unit_len(folded, 0)];
                    if head.len() == 1 && !is_word_byte(head[0]) {
                        punctuation_heads[head[0] as usize] = true;
                    }
                    let longest = heads.entry(head.into()).or_default();
                    *longest = (*longest).max(folded.len());
                    id
                }
            };
            grouped[id as usize].push(Form {
                target,
                acronym: is_acronym(surface),
            });
        }
        let forms = grouped.iter().map(|g| prefer(g)).collect();
        Matcher {
            ids,
            heads,
            punctuation_heads,
            forms,
        }
    }

    /// Number of distinct folded forms.
    pub fn form_count(&self) -> usize {
        self.forms.len()
    }

    /// Every form found in `original` (folded as `folded`), on word boundaries, leftmost-longest,
    /// never overlapping.
    pub fn find(&self, original: &str, folded: &Folded) -> Vec<Hit<T>> {
        let bytes = folded.text.as_bytes();
        let mut candidates: Vec<Hit<T>> = Vec::new();
        let mut fs = 0;
        while fs < bytes.len() {
            let unit = unit_len(bytes, fs);
            // Inside a word no form starts (its first unit would not be the text's).
            let opens = is_word_byte(bytes[fs]) || self.punctuation_heads[bytes[fs] as usize];
            let longest = if opens {
                self.heads.get(&bytes[fs..fs + unit]).copied()
            } else {
                None
            };
            if let Some(longest) = longest {
                let last = (fs + longest).min(bytes.len());
                for fe in fs + unit..=last {
                    if !word_boundary(bytes, fs, fe) {
                        continue;
                    }
                    let Some(&id) = self.ids.get(&bytes[fs..fe]) else {
                        continue;
                    };
                    if let Some(hit) = self.hit(original, folded, id, fs, fe) {
                        candidates.push(hit);
                    }
                }
            }
            fs += unit;
        }
        candidates.sort_by_key(|h| (h.folded_start, std::cmp::Reverse(h.folded_end)));
        let mut hits = Vec::new();
        let mut free_from = 0;
        for hit in candidates {
            if hit.folded_start >= free_from {
                free_from = hit.folded_end;
                hits.push(hit);
            }
        }
        hits
    }

    /// The hit for pattern `id` at folded `fs..fe`, unless the text's case rules it out: an
    /// acronym form needs capitals in the text; a plain form takes any case.
    fn hit(&self, original: &str, folded: &Folded, id: u32, fs: usize, fe: usize) -> Option<Hit<T>> {
        let (start, end) = folded.original_range(fs, fe);
        let span = &original[start..end];
        let capitals = is_acronym(span) && !in_capitals_run(original, start, end);
        let form = self.forms[id as usize].iter().find(|f| !f.acronym || capitals)?;
        Some(Hit {
            target: form.target,
            start,
            end,
            folded_start: fs,
            folded_end: fe,
        })
    }
}

/// Length of the unit at `at`: the run of word bytes there, or the one non-word byte.
fn unit_len(bytes: &[u8], at: usize) -> usize {
    if !is_word_byte(bytes[at]) {
        return 1;
    }
    bytes[at..]
        .iter()
        .position(|&b| !is_word_byte(b))
        .unwrap_or(bytes.len() - at)
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

fn word_boundary(bytes: &[u8], start: usize, end: usize) -> bool {
    let before_ok = start == 0 || !is_word_byte(bytes[start - 1]) || !is_word_byte(bytes[start]);
    let after_ok = end == bytes.len() || !is_word_byte(bytes[end]) || !is_word_byte(bytes[end - 1]);
    before_ok && after_ok
}

/// True when the span sits in a line written in capitals ("UN SOLDAT TUÉ AU MALI"), where short
/// acronyms are ordinary words: two neighbouring words of 3+ letters are all capitals too.
fn in_capitals_run(original: &str, start: usize, end: usize) -> bool {
    let letters = |w: &str| w.chars().filter(|c| c.is_alphabetic()).count();
    let shouting = |w: &&str| letters(w) >= 3 && w.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    let before: Vec<&str> = original[..start].split_whitespace().rev().take(2).collect();
    let after: Vec<&str> = original[end..].split_whitespace().take(2).collect();
    let span_letters = letters(&original[start..end]);
    span_letters <= 3 && before.iter().chain(after.iter()).filter(|w| shouting(w)).count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum T {
        Niger,
        Nigeria,
        River,
        Aes,
        Ivory,
        Jnim,
        Us,
        Quoted,
    }

    fn matcher() -> Matcher<T> {
        let forms = [
            ("Niger", T::Niger),
            ("Nigeria", T::Nigeria),
            ("fleuve Niger", T::River),
            ("AES", T::Aes),
            ("Côte d'Ivoire", T::Ivory),
            ("JNIM", T::Jnim),
            ("Jnim", T::Jnim),
            ("U.S.", T::Us),
            ("GSIM/JNIM", T::Jnim),
            ("« Niger »", T::Quoted),
        ];
        Matcher::new(forms.iter().map(|(s, t)| (s.to_string(), *t)), |f| f.to_vec())
    }

    fn targets(text: &str) -> Vec<T> {
        matcher().find(text, &fold(text)).iter().map(|h| h.target).collect()
    }

    #[test]
    fn folding_keeps_a_map_to_the_original() {
        let text = "Côte d’Ivoire — « AES »";
        let f = fold(text);
        assert_eq!(f.text, "cote d'ivoire << aes >>");
        let at = f.text.find("aes").unwrap();
        let (s, e) = f.original_range(at, at + 3);
        assert_eq!(&text[s..e], "AES");
    }

    #[test]
    fn whole_words_longest_first() {
        assert_eq!(targets("Le Nigeria et le Niger"), vec![T::Nigeria, T::Niger]);
        assert_eq!(targets("le fleuve Niger à Niamey"), vec![T::River]);
        assert_eq!(targets("Nigerian"), vec![]);
        assert_eq!(targets("COTE D'IVOIRE et Côte d’Ivoire"), vec![T::Ivory, T::Ivory]);
    }

    #[test]
    fn forms_with_punctuation_inside_or_ahead() {
        assert_eq!(targets("les forces U.S. au Niger"), vec![T::Us, T::Niger]);
        assert_eq!(targets("le GSIM/JNIM revendique"), vec![T::Jnim]);
        assert_eq!(targets("le GSIM/JNIMX"), vec![]);
        assert_eq!(targets("il dit « Niger » puis Niger"), vec![T::Quoted, T::Niger]);
        // The longest form opening with "fleuve" fails; nothing shorter hides behind it.
        assert_eq!(targets("le fleuve Nigeria"), vec![T::Nigeria]);
    }

    #[test]
    fn acronyms_need_capitals() {
        assert_eq!(targets("l'AES et le Jnim"), vec![T::Aes, T::Jnim]);
        assert_eq!(targets("les aes du moteur"), vec![]);
        assert_eq!(targets("UNE AES TRES FORTE"), vec![]);
        assert_eq!(targets("JNIM"), vec![T::Jnim]);
    }
}
