//! A body's text as a set of shingles: every run of [`WIDTH`] consecutive words, hashed. Two
//! copies of one dispatch share most of their shingles whatever an outlet changed around them
//! (headline, a dropped paragraph, an agency line); two articles on the same event written
//! apart share only their quotes. Pure and cheap: it runs on every article of every build.

use xxhash_rust::xxh3::xxh3_64;

/// Words per shingle. Five is the usual choice for news (Broder's near-duplicate work; five
/// words rarely repeat by chance, yet a light edit breaks only five shingles).
pub const WIDTH: usize = 5;

/// The distinct shingle hashes of a Markdown body, sorted. Words are runs of letters and
/// digits, ASCII-lowercased; Markdown punctuation, link targets' slashes and typographic marks
/// are separators, so « l’armée » and "l'armée" give the same words.
pub fn of(markdown: &str) -> Vec<u64> {
    let words = words(markdown);
    if words.len() < WIDTH {
        return Vec::new();
    }
    let mut shingles: Vec<u64> = words
        .windows(WIDTH)
        .map(|w| {
            let mut bytes = [0u8; 8 * WIDTH];
            for (slot, word) in bytes.chunks_exact_mut(8).zip(w) {
                slot.copy_from_slice(&word.to_le_bytes());
            }
            xxh3_64(&bytes)
        })
        .collect();
    shingles.sort_unstable();
    shingles.dedup();
    shingles
}

/// The hash of each word in order. Link targets (`](…)`) are skipped: an outlet rewrites them.
fn words(markdown: &str) -> Vec<u64> {
    let mut hashes = Vec::with_capacity(markdown.len() / 6);
    let mut word = String::new();
    let mut in_target = false;
    let mut previous = ' ';
    for c in markdown.chars() {
        if in_target {
            in_target = c != ')';
            previous = c;
            continue;
        }
        if c == '(' && previous == ']' {
            in_target = true;
            continue;
        }
        previous = c;
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if !word.is_empty() {
            hashes.push(xxh3_64(word.as_bytes()));
            word.clear();
        }
    }
    if !word.is_empty() {
        hashes.push(xxh3_64(word.as_bytes()));
    }
    hashes
}

/// |a ∩ b| for two sorted, distinct lists.
pub fn shared(a: &[u64], b: &[u64]) -> usize {
    crate::site::cooccur::shared_count(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_case_apostrophes_and_link_targets_do_not_change_the_shingles() {
        let a = of("L’armée malienne a repris **le contrôle** de la ville de [Kidal](https://a.example/kidal) mardi.");
        let b = of("l'armée MALIENNE a repris le contrôle de la ville de Kidal mardi.");
        assert_eq!(a, b);
        assert_eq!(a.len(), 13 - WIDTH + 1);
    }

    #[test]
    fn a_short_text_has_no_shingle_and_overlap_is_counted() {
        assert!(of("Trois mots seulement").is_empty());
        let a = of("un deux trois quatre cinq six sept");
        let b = of("zéro un deux trois quatre cinq six");
        assert_eq!((a.len(), b.len(), shared(&a, &b)), (3, 3, 2));
    }
}
