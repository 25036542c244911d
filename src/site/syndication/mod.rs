//! Syndication: the same dispatch in several outlets (an AFP wire story, a press release, one
//! outlet's copy of another's) found across the archive, so its page can say "also published
//! by …" and search can show it once.
//!
//! Load computes each article's [`Signature`] from its body ([`signature`]); [`detect`] bands
//! the signatures into candidate pairs ([`sketch`]), measures each candidate exactly on the two
//! bodies' shingles ([`shingles`]), and joins the pairs that pass into groups. A pair is one
//! dispatch when most of the shorter text's shingles are in the longer one ([`MIN_CONTAINMENT`])
//! and they share enough of them ([`MIN_SHARED`]): containment, not Jaccard, because outlets
//! trim a wire story to their length (0.65 and 15, chosen on the tuning part). Only articles of different outlets pair up: within one
//! site, shared text is mostly the site's own furniture (a footer the extraction kept), and
//! one page imported twice is `veille check`'s to report. The thresholds were chosen on labelled pairs
//! (`bench/syndication.sh`, README "Syndication").

pub mod shingles;
pub mod sketch;
pub mod store;

use std::collections::HashMap;

pub use sketch::Signature;

/// Share of the shorter text's shingles the longer must hold.
pub const MIN_CONTAINMENT: f64 = 0.65;
/// Shingles two copies must share at least.
pub const MIN_SHARED: usize = 15;
/// Candidates whose signatures estimate a containment below this are not worth reading: the
/// estimate's error (64 bins) rarely takes a real copy this far under [`MIN_CONTAINMENT`].
const MIN_ESTIMATE: f64 = 0.3;

/// The signature of a body, if it is long enough to judge.
pub fn signature(markdown: &str) -> Option<Signature> {
    Signature::of(&shingles::windows(markdown))
}

/// Groups of articles that are one dispatch.
#[derive(Debug, Default, Clone)]
pub struct Dispatches {
    /// Per article (index into the archive), its group, if it has copies.
    group_of: Vec<Option<u32>>,
    /// Members of each group, in the order `order` gave (the archive's: newest first).
    groups: Vec<Vec<usize>>,
}

impl Dispatches {
    /// The other members of `i`'s group (empty when it has none), in archive order.
    pub fn others(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let group = self.group_of.get(i).copied().flatten();
        group
            .into_iter()
            .flat_map(|g| self.groups[g as usize].iter().copied())
            .filter(move |&j| j != i)
    }

    /// Every group of two or more, members in archive order.
    pub fn groups(&self) -> &[Vec<usize>] {
        &self.groups
    }
}

/// A pair measured exactly.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measure {
    pub shared: usize,
    pub containment: f64,
}

impl Measure {
    pub fn of(a: &[u64], b: &[u64]) -> Measure {
        let shared = shingles::shared(a, b);
        let shorter = a.len().min(b.len()).max(1);
        Measure {
            shared,
            containment: shared as f64 / shorter as f64,
        }
    }

    pub fn is_one_dispatch(&self) -> bool {
        self.shared >= MIN_SHARED && self.containment >= MIN_CONTAINMENT
    }
}

/// Finds the groups among `signatures` (one per article, in archive order). `outlet(i)` names
/// article `i`'s site, if known; `shingles_of(i)` gives its shingles (its body read again),
/// called only for candidates, once each.
pub fn detect<'a, E>(
    signatures: &[Option<Signature>],
    outlet: impl Fn(usize) -> Option<&'a str>,
    shingles_of: impl Fn(usize) -> Result<Vec<u64>, E>,
) -> Result<Dispatches, E> {
    let pairs: Vec<(u32, u32)> = sketch::candidates(signatures)
        .into_iter()
        .filter(|&(i, j)| match (&signatures[i as usize], &signatures[j as usize]) {
            (Some(a), Some(b)) => a.containment(b) >= MIN_ESTIMATE,
            _ => false,
        })
        .filter(|&(i, j)| match (outlet(i as usize), outlet(j as usize)) {
            (Some(a), Some(b)) => !a.trim().eq_ignore_ascii_case(b.trim()),
            _ => true,
        })
        .collect();
    let mut read: HashMap<usize, Vec<u64>> = HashMap::new();
    let mut parent: Vec<usize> = (0..signatures.len()).collect();
    for (i, j) in pairs {
        let (i, j) = (i as usize, j as usize);
        for k in [i, j] {
            if let std::collections::hash_map::Entry::Vacant(slot) = read.entry(k) {
                slot.insert(shingles_of(k)?);
            }
        }
        if Measure::of(&read[&i], &read[&j]).is_one_dispatch() {
            let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
            parent[ri.max(rj)] = ri.min(rj);
        }
    }
    Ok(grouped(&mut parent))
}

fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn grouped(parent: &mut [usize]) -> Dispatches {
    let n = parent.len();
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        let r = root(parent, i);
        members.entry(r).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = members.into_values().filter(|m| m.len() > 1).collect();
    groups.sort();
    let mut group_of = vec![None; n];
    for (g, members) in groups.iter().enumerate() {
        for &i in members {
            group_of[i] = Some(g as u32);
        }
    }
    Dispatches { group_of, groups }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sentences of our own, one per seed word, long enough to sign.
    fn text(seed: &str, n: usize) -> String {
        (0..n)
            .map(|i| format!("Le {seed} numéro {i} rapporte que la situation reste tendue dans la région {i}."))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn detect_texts(texts: &[String]) -> Dispatches {
        let signatures: Vec<Option<Signature>> = texts.iter().map(|t| signature(t)).collect();
        detect(&signatures, |_| None, |i| Ok::<_, ()>(shingles::of(&texts[i]))).unwrap()
    }

    #[test]
    fn a_trimmed_copy_with_a_new_lede_joins_its_original_and_other_texts_stay_apart() {
        let original = text("communiqué", 30);
        let copy = format!("(AFP) Une dépêche reprise. {}", &original[..original.len() * 2 / 3]);
        let other = text("reportage", 30);
        let found = detect_texts(&[original, other, copy]);
        assert_eq!(found.groups(), [vec![0, 2]]);
        assert_eq!(found.others(2).collect::<Vec<_>>(), [0]);
        assert_eq!(found.others(1).count(), 0);
    }

    #[test]
    fn copies_within_one_outlet_do_not_pair() {
        let original = text("communiqué", 30);
        let texts = [original.clone(), original.clone(), original];
        let signatures: Vec<Option<Signature>> = texts.iter().map(|t| signature(t)).collect();
        let outlets = [Some("Journal A"), Some("journal a"), Some("Journal B")];
        let found = detect(&signatures, |i| outlets[i], |i| Ok::<_, ()>(shingles::of(&texts[i]))).unwrap();
        // 0 and 1 are one outlet's: each pairs with 2, which joins all three in one group.
        assert_eq!(found.groups(), [vec![0, 1, 2]]);
        let apart = detect(
            &signatures[..2],
            |i| outlets[i],
            |i| Ok::<_, ()>(shingles::of(&texts[i])),
        )
        .unwrap();
        assert!(apart.groups().is_empty());
    }

    #[test]
    fn a_shared_quote_is_not_a_dispatch() {
        let quote = text("porte-parole", 3);
        let a = format!("{} {quote}", text("attaque", 20));
        let b = format!("{quote} {}", text("bilan", 20));
        assert!(detect_texts(&[a, b]).groups().is_empty());
    }
}
