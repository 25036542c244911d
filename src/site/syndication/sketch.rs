//! MinHash signatures and LSH banding: which pairs of a large archive are worth comparing.
//!
//! A signature is [`BINS`] minima of one hash over a document's shingles, split into bins by
//! the hash's top bits (one-permutation hashing: one hash per shingle instead of one per bin
//! per shingle), and the document's shingle count. Two documents agree in a bin with
//! probability equal to their Jaccard similarity J. Copies are judged by containment (a brief
//! that keeps two paragraphs of a wire story has J near 0.2 but containment 1), so every bin is
//! a band of its own: a pair that agrees on one bin is a candidate (at J = 0.1 with probability
//! 1 − 0.9⁶⁴ ≈ 0.999), and [`Signature::containment`] turns the bins agreed and the two sizes
//! into an estimate of containment that drops the topical pairs (a shared quote, J ≈ 0.02)
//! before any body is read. A bin shared by more than [`CROWD`] documents holds a phrase of
//! boilerplate, not a dispatch, and makes no candidates. Survivors are measured exactly
//! (`mod.rs`), so banding only has to find them, not judge them.

use xxhash_rust::xxh3::xxh3_64_with_seed;

pub const BINS: usize = 64;
/// Documents sharing one bin's value beyond which that value is taken for boilerplate.
pub const CROWD: usize = 64;

/// Fewer shingles than this and an article is too short to tell a copy from a coincidence.
pub const MIN_SHINGLES: usize = 20;

/// One document's MinHash signature: 32 bits per bin (256 bytes an article: two unrelated bins
/// agree by chance once in four billion, and 100,000 articles hold 25 MB of signatures).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    pub bins: [u32; BINS],
    /// Shingles of the document (its five-word windows, a repeat counted again).
    pub shingles: u32,
}

impl Signature {
    /// The signature of a list of shingle hashes (in any order; a repeat counts twice in the
    /// size, changes no bin); `None` below [`MIN_SHINGLES`].
    pub fn of(shingles: &[u64]) -> Option<Signature> {
        if shingles.len() < MIN_SHINGLES {
            return None;
        }
        let mut bins = [u32::MAX; BINS];
        let mut filled = [false; BINS];
        let bits = BINS.trailing_zeros();
        for &h in shingles {
            // Shingle hashes are already uniform (xxh3): the top bits choose the bin, the next
            // 32 are the value.
            let bin = (h >> (64 - bits)) as usize;
            let value = ((h << bits) >> 32) as u32;
            if value <= bins[bin] {
                bins[bin] = value;
                filled[bin] = true;
            }
        }
        // An empty bin borrows the next filled one's value, rehashed with its own index, so two
        // copies of a text fill it alike (rotation densification).
        for i in 0..BINS {
            if !filled[i] {
                let from = (1..BINS).map(|d| (i + d) % BINS).find(|&j| filled[j]);
                if let Some(j) = from {
                    bins[i] = xxh3_64_with_seed(&bins[j].to_le_bytes(), i as u64) as u32;
                }
            }
        }
        Some(Signature {
            bins,
            shingles: shingles.len().min(u32::MAX as usize) as u32,
        })
    }

    /// The share of bins two signatures agree on: an estimate of their Jaccard similarity.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let same = self.bins.iter().zip(&other.bins).filter(|(a, b)| a == b).count();
        same as f64 / BINS as f64
    }

    /// An estimate of |A ∩ B| / min(|A|, |B|) from the Jaccard estimate and the two sizes:
    /// |A ∩ B| = J (|A| + |B|) / (1 + J).
    pub fn containment(&self, other: &Signature) -> f64 {
        let j = self.similarity(other);
        let (a, b) = (f64::from(self.shingles), f64::from(other.shingles));
        (j * (a + b) / (1.0 + j) / a.min(b).max(1.0)).min(1.0)
    }
}

/// Pairs `(i, j)`, `i < j`, of documents that agree on some bin, sorted, each once. The bins
/// are independent: each is sorted on its own thread.
pub fn candidates(signatures: &[Option<Signature>]) -> Vec<(u32, u32)> {
    use rayon::prelude::*;
    let mut pairs: Vec<(u32, u32)> = (0..BINS)
        .into_par_iter()
        .flat_map_iter(|b| {
            let mut keys: Vec<(u32, u32)> = signatures
                .iter()
                .enumerate()
                .filter_map(|(i, s)| Some((s.as_ref()?.bins[b], i as u32)))
                .collect();
            keys.sort_unstable();
            let mut pairs = Vec::new();
            for run in keys.chunk_by(|x, y| x.0 == y.0).filter(|run| run.len() <= CROWD) {
                for (n, &(_, i)) in run.iter().enumerate() {
                    pairs.extend(run[n + 1..].iter().map(|&(_, j)| (i.min(j), i.max(j))));
                }
            }
            pairs
        })
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shingles(range: std::ops::Range<u64>) -> Vec<u64> {
        let mut s: Vec<u64> = range.map(|i| xxhash_rust::xxh3::xxh3_64(&i.to_le_bytes())).collect();
        s.sort_unstable();
        s
    }

    #[test]
    fn similar_sets_agree_on_about_their_jaccard_and_become_candidates() {
        let a = Signature::of(&shingles(0..400)).unwrap();
        let b = Signature::of(&shingles(100..500)).unwrap(); // Jaccard 300/500 = 0.6
        let c = Signature::of(&shingles(1000..1400)).unwrap();
        let estimate = a.similarity(&b);
        assert!((0.4..=0.8).contains(&estimate), "{estimate}");
        assert!(a.similarity(&c) < 0.1);
        assert_eq!(candidates(&[Some(a.clone()), None, Some(c), Some(b)]), [(0, 3)]);
        assert_eq!(a.similarity(&a), 1.0);
    }

    #[test]
    fn a_brief_cut_from_a_long_text_is_estimated_as_contained() {
        let long = Signature::of(&shingles(0..1000)).unwrap();
        let brief = Signature::of(&shingles(0..150)).unwrap(); // Jaccard 0.15, containment 1
        assert_eq!(candidates(&[Some(long.clone()), Some(brief.clone())]), [(0, 1)]);
        let estimate = long.containment(&brief);
        assert!(estimate > 0.5, "{estimate}");
        let other = Signature::of(&shingles(5000..5150)).unwrap();
        assert!(long.containment(&other) < 0.1);
    }

    #[test]
    fn a_value_shared_by_a_crowd_makes_no_candidate() {
        // The same tiny set everywhere: every bin is shared by all, a crowd.
        let same: Vec<Option<Signature>> = (0..=CROWD).map(|_| Signature::of(&shingles(0..30))).collect();
        assert!(candidates(&same).is_empty());
        assert_eq!(candidates(&same[..2]), [(0, 1)]);
    }

    #[test]
    fn too_few_shingles_give_no_signature() {
        assert!(Signature::of(&shingles(0..(MIN_SHINGLES as u64 - 1))).is_none());
        let sparse = Signature::of(&shingles(0..(MIN_SHINGLES as u64))).unwrap();
        assert_eq!(
            sparse,
            Signature::of(&shingles(0..(MIN_SHINGLES as u64))).unwrap(),
            "densified alike"
        );
    }
}
