//! A body's text as a set of shingles: every run of [`WIDTH`] consecutive words, hashed. Two
//! copies of one dispatch share most of their shingles whatever an outlet changed around them
//! (headline, a dropped paragraph, an agency line); two articles on the same event written
//! apart share only their quotes. Pure and cheap: it runs on every article of every build.

/// Words per shingle. Five is the usual choice for news (Broder's near-duplicate work; five
/// words rarely repeat by chance, yet a light edit breaks only five shingles).
pub const WIDTH: usize = 5;

/// The distinct shingle hashes of a Markdown body, sorted. Words are runs of letters and
/// digits, ASCII-lowercased; Markdown punctuation, link targets' slashes and typographic marks
/// are separators, so « l’armée » and "l'armée" give the same words.
pub fn of(markdown: &str) -> Vec<u64> {
    let mut shingles = windows(markdown);
    shingles.sort_unstable();
    shingles.dedup();
    shingles
}

/// The hash of every shingle in text order, repeats included: what a signature needs (a
/// minimum does not care about repeats, and a repeated five-word run is rare in news).
pub fn windows(markdown: &str) -> Vec<u64> {
    let words = words(markdown);
    if words.len() < WIDTH {
        return Vec::new();
    }
    words
        .windows(WIDTH)
        .map(|w| {
            // Order-sensitive polynomial combination of the word hashes, then a full avalanche
            // (splitmix64's finaliser): uniform bits, as the sketch's bins need, at a few
            // multiplications a shingle.
            let mixed = w.iter().fold(0u64, |h, &word| {
                h.wrapping_mul(0x9E37_79B9_7F4A_7C15).wrapping_add(word)
            });
            avalanche(mixed)
        })
        .collect()
}

/// splitmix64's finaliser: every input bit reaches every output bit.
fn avalanche(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// A word's bytes folded eight at a time (rotate, xor, multiply: FxHash's step). Words are
/// short and only need to differ from each other; the shingle's [`avalanche`] spreads the bits.
fn word_hash(word: &[u8]) -> u64 {
    let mut h = word.len() as u64;
    for chunk in word.chunks(8) {
        let mut lane = [0u8; 8];
        lane[..chunk.len()].copy_from_slice(chunk);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(lane)).wrapping_mul(0x51_7C_C1_B7_27_22_0A_95);
    }
    h
}

/// The hash of each word in order. Link targets (`](…)`) are skipped: an outlet rewrites them.
/// ASCII bytes take a fast path (most of any text, French included); other characters go
/// through Unicode's alphanumeric test and lowercasing.
fn words(markdown: &str) -> Vec<u64> {
    let bytes = markdown.as_bytes();
    let mut hashes = Vec::with_capacity(bytes.len() / 6);
    let mut word: Vec<u8> = Vec::with_capacity(32);
    let mut flush = |word: &mut Vec<u8>| {
        if !word.is_empty() {
            hashes.push(word_hash(word));
            word.clear();
        }
    };
    let mut in_target = false;
    let mut after_bracket = false;
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        // `at` only ever moves by whole characters, so it is always on a boundary.
        let c = if byte.is_ascii() {
            byte as char
        } else {
            match markdown[at..].chars().next() {
                Some(c) => c,
                None => break,
            }
        };
        at += c.len_utf8();
        if in_target {
            in_target = c != ')';
            after_bracket = false;
            continue;
        }
        if c == '(' && after_bracket {
            in_target = true;
            continue;
        }
        after_bracket = c == ']';
        if byte.is_ascii() {
            if byte.is_ascii_alphanumeric() {
                word.push(byte.to_ascii_lowercase());
            } else {
                flush(&mut word);
            }
        } else if c.is_alphanumeric() {
            let mut buffer = [0u8; 4];
            for lower in c.to_lowercase() {
                word.extend_from_slice(lower.encode_utf8(&mut buffer).as_bytes());
            }
        } else {
            flush(&mut word);
        }
    }
    flush(&mut word);
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
