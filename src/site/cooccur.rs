//! Which terms appear together more often than chance would have them.
//!
//! Raw counts of shared articles rank the archive's most frequent terms first beside everything
//! ("Mali" is seen with every actor of a Malian archive), so they say little about a pair. Lift
//! (shared / expected) corrects for frequency but crowns pairs seen once. The ranking here is
//! Dunning's log-likelihood ratio G² over the pair's 2×2 table of articles: it grows with both
//! the strength of the association and the evidence for it, and it is the usual measure for
//! collocations for that reason. Only pairs seen together in at least [`MIN_SHARED`] articles and
//! more often than expected are kept; pages show the shared count and the lift beside them.

use std::collections::HashMap;

use super::archive::{Archive, Taxonomy, Term};

/// A pair needs this many shared articles to be called an association.
pub const MIN_SHARED: usize = 2;

/// How strongly two terms go together, over an archive of `total` articles.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Association {
    /// Articles carrying both terms.
    pub shared: usize,
    /// `shared` over what independence predicts: 1 is chance, 3 is three times as often.
    pub lift: f64,
    /// Log-likelihood ratio G²: the ranking key.
    pub score: f64,
}

impl Association {
    /// The association of a term in `a` articles with one in `b`, sharing `shared`, out of
    /// `total`; `None` below [`MIN_SHARED`] or at or below chance.
    pub fn of(shared: usize, a: usize, b: usize, total: usize) -> Option<Association> {
        if shared < MIN_SHARED || total == 0 || shared > a.min(b) || a.max(b) > total {
            return None;
        }
        let expected = a as f64 * b as f64 / total as f64;
        let lift = shared as f64 / expected;
        if lift <= 1.0 {
            return None;
        }
        Some(Association {
            shared,
            lift,
            score: log_likelihood(shared, a, b, total),
        })
    }

    /// Stronger first; ties by more shared articles (the caller breaks the rest by name).
    pub fn cmp_strength(&self, other: &Association) -> std::cmp::Ordering {
        other
            .score
            .total_cmp(&self.score)
            .then_with(|| other.shared.cmp(&self.shared))
    }
}

/// For each article index, the indices of the terms of `taxonomy` it carries.
pub fn membership(archive: &Archive, taxonomy: Taxonomy) -> Vec<Vec<usize>> {
    let mut of = vec![Vec::new(); archive.articles.len()];
    for (t, term) in archive.terms(taxonomy).iter().enumerate() {
        for &a in &term.articles {
            of[a].push(t);
        }
    }
    of
}

/// The terms of `with` most associated with `term`, strongest first, at most `limit`; `of` is
/// [`membership`] of `with`. A term of the same name (a section "Mali" beside the country) is
/// not its own partner.
pub fn partners(
    archive: &Archive,
    term: &Term,
    with: Taxonomy,
    of: &[Vec<usize>],
    limit: usize,
) -> Vec<(usize, Association)> {
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for &a in &term.articles {
        for &t in &of[a] {
            *counts.entry(t).or_default() += 1;
        }
    }
    let terms = archive.terms(with);
    let total = archive.articles.len();
    let mut found: Vec<(usize, Association)> = counts
        .into_iter()
        .filter(|&(t, _)| terms[t].name != term.name)
        .filter_map(|(t, shared)| {
            Association::of(shared, term.articles.len(), terms[t].articles.len(), total).map(|a| (t, a))
        })
        .collect();
    found.sort_by(|a, b| {
        a.1.cmp_strength(&b.1)
            .then_with(|| terms[a.0].name.cmp(&terms[b.0].name))
    });
    found.truncate(limit);
    found
}

/// A term of the archive: its taxonomy and its index in that taxonomy's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TermRef {
    pub taxonomy: Taxonomy,
    pub index: usize,
}

/// The taxonomies whose terms are listed as partners: actors, then countries.
pub const PARTNER_TAXONOMIES: [Taxonomy; 2] = [Taxonomy::Actor, Taxonomy::Country];

/// A term's partners: term indices in one partner taxonomy, strongest first.
pub type PartnerList = Vec<(usize, Association)>;

/// Every term's strongest partners among actors and among countries, computed once per build.
pub struct Partners {
    /// Per taxonomy (in `Taxonomy` order), per term: partners per [`PARTNER_TAXONOMIES`].
    lists: [Vec<[PartnerList; 2]>; 3],
}

impl Partners {
    /// At most `limit` partners per term and partner taxonomy.
    pub fn of(archive: &Archive, limit: usize) -> Partners {
        use rayon::prelude::*;
        let of = PARTNER_TAXONOMIES.map(|t| membership(archive, t));
        let list = |taxonomy: Taxonomy| -> Vec<[PartnerList; 2]> {
            archive
                .terms(taxonomy)
                .par_iter()
                .map(|term| [0, 1].map(|k| partners(archive, term, PARTNER_TAXONOMIES[k], &of[k], limit)))
                .collect()
        };
        Partners {
            lists: [Taxonomy::Section, Taxonomy::Actor, Taxonomy::Country].map(list),
        }
    }

    /// The partners of a term: among actors, among countries.
    pub fn of_term(&self, term: TermRef) -> &[PartnerList; 2] {
        &self.lists[term.taxonomy as usize][term.index]
    }

    /// Every pair some term lists, once, the lower term first.
    pub fn pairs(&self) -> std::collections::BTreeSet<(TermRef, TermRef)> {
        let mut pairs = std::collections::BTreeSet::new();
        for (rank, taxonomy) in [Taxonomy::Section, Taxonomy::Actor, Taxonomy::Country]
            .into_iter()
            .enumerate()
        {
            for (index, lists) in self.lists[rank].iter().enumerate() {
                let term = TermRef { taxonomy, index };
                for (k, list) in lists.iter().enumerate() {
                    for &(other, _) in list {
                        pairs.insert(ordered(
                            term,
                            TermRef {
                                taxonomy: PARTNER_TAXONOMIES[k],
                                index: other,
                            },
                        ));
                    }
                }
            }
        }
        pairs
    }
}

/// A pair with its lower term first.
pub fn ordered(a: TermRef, b: TermRef) -> (TermRef, TermRef) {
    if a <= b { (a, b) } else { (b, a) }
}

/// The archive's most frequent actors that go with each other, and their strongest pairs: at
/// most `nodes` actors (by article count) and `edges` pairs among them (by association).
/// Actors in no kept pair are left out. Returns actor indices and pairs of positions in that
/// list.
pub fn network(archive: &Archive, nodes: usize, edges: usize) -> (Vec<usize>, Vec<(usize, usize, Association)>) {
    let actors = &archive.actors;
    let mut top: Vec<usize> = (0..actors.len()).collect();
    top.sort_by(|&a, &b| {
        actors[b]
            .articles
            .len()
            .cmp(&actors[a].articles.len())
            .then_with(|| actors[a].name.cmp(&actors[b].name))
    });
    top.truncate(nodes);
    let total = archive.articles.len();
    let mut pairs = Vec::new();
    for (i, &a) in top.iter().enumerate() {
        for (j, &b) in top.iter().enumerate().skip(i + 1) {
            let (ta, tb) = (&actors[a].articles, &actors[b].articles);
            if let Some(association) = Association::of(shared_count(ta, tb), ta.len(), tb.len(), total) {
                pairs.push((i, j, association));
            }
        }
    }
    pairs.sort_by(|x, y| x.2.cmp_strength(&y.2).then_with(|| (x.0, x.1).cmp(&(y.0, y.1))));
    pairs.truncate(edges);
    // Keep the actors some pair names, renumbered in their order.
    let mut used: Vec<usize> = pairs.iter().flat_map(|p| [p.0, p.1]).collect();
    used.sort_unstable();
    used.dedup();
    let position = |i: usize| used.binary_search(&i).unwrap_or_default();
    let pairs = pairs
        .into_iter()
        .map(|(i, j, a)| (position(i), position(j), a))
        .collect();
    (used.into_iter().map(|i| top[i]).collect(), pairs)
}

/// G² = 2 Σ O ln(O / E) over the four cells: both, only the first, only the second, neither.
fn log_likelihood(shared: usize, a: usize, b: usize, total: usize) -> f64 {
    let n = total as f64;
    let cells = [
        (shared, a, b),
        (a - shared, a, total - b),
        (b - shared, total - a, b),
        (total + shared - a - b, total - a, total - b),
    ];
    2.0 * cells
        .iter()
        .map(|&(observed, row, column)| {
            let expected = row as f64 * column as f64 / n;
            if observed == 0 || expected == 0.0 {
                0.0
            } else {
                observed as f64 * (observed as f64 / expected).ln()
            }
        })
        .sum::<f64>()
}

/// How many items two ascending lists of distinct items share.
pub fn shared_count<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The indices two ascending lists share, ascending.
pub fn intersection(a: &[usize], b: &[usize]) -> Vec<usize> {
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_seen_once_or_at_chance_is_no_association() {
        assert_eq!(Association::of(1, 2, 2, 100), None);
        // 50 of 100 articles each, 25 together: exactly what chance gives.
        assert_eq!(Association::of(25, 50, 50, 100), None);
        assert!(Association::of(40, 50, 50, 100).is_some());
    }

    #[test]
    fn the_frequent_term_beside_everything_ranks_below_a_specific_partner() {
        // A term in 20 of 1,000 articles; "Mali" is in 900 and in 19 of its 20; a group is in
        // 30 and in 10 of its 20. Raw counts put Mali first; the association does not.
        let mali = Association::of(19, 20, 900, 1000).unwrap();
        let group = Association::of(10, 20, 30, 1000).unwrap();
        assert!(mali.shared > group.shared);
        assert!(group.score > mali.score, "{group:?} vs {mali:?}");
        assert!((group.lift - 10.0 / (20.0 * 30.0 / 1000.0)).abs() < 1e-9);
        assert_eq!(group.cmp_strength(&mali), std::cmp::Ordering::Less);
    }

    #[test]
    fn more_evidence_at_the_same_lift_ranks_higher() {
        let small = Association::of(2, 4, 4, 80).unwrap();
        let large = Association::of(20, 40, 40, 800).unwrap();
        assert!((small.lift - large.lift).abs() < 1e-9);
        assert!(large.score > small.score);
    }

    #[test]
    fn impossible_counts_are_refused() {
        assert_eq!(Association::of(5, 3, 10, 100), None);
        assert_eq!(Association::of(2, 3, 200, 100), None);
        assert_eq!(Association::of(2, 3, 3, 0), None);
    }

    fn archive(tags: &[(&[&str], &[&str])]) -> Archive {
        use crate::article::{Article, FrontMatter};
        let loaded = tags
            .iter()
            .enumerate()
            .map(|(i, (actors, countries))| {
                let article = Article {
                    front: FrontMatter {
                        title: format!("a{i:03}"),
                        actors: actors.iter().map(|s| s.to_string()).collect(),
                        countries: countries.iter().map(|s| s.to_string()).collect(),
                        ..FrontMatter::default()
                    },
                    body: String::new(),
                };
                crate::site::load::Loaded::in_memory(article, format!("a{i:03}.md"))
            })
            .collect();
        Archive::new(loaded)
    }

    fn index(archive: &Archive, taxonomy: Taxonomy, name: &str) -> usize {
        archive.terms(taxonomy).iter().position(|t| t.name == name).unwrap()
    }

    #[test]
    fn partners_rank_the_specific_pair_over_the_ubiquitous_country() {
        // Mali is in every article; JNIM and Wagner share 3 of their 4; Ansar once with JNIM.
        let mut tags: Vec<(&[&str], &[&str])> = vec![
            (&["JNIM", "Wagner"], &["Mali"]),
            (&["JNIM", "Wagner"], &["Mali"]),
            (&["JNIM", "Wagner"], &["Mali", "Niger"]),
            (&["JNIM", "Ansar"], &["Mali", "Niger"]),
            (&["Wagner"], &["Mali"]),
        ];
        tags.extend(std::iter::repeat_n((&[][..], &["Mali"][..]), 15));
        let archive = archive(&tags);
        let jnim = &archive.actors[index(&archive, Taxonomy::Actor, "JNIM")];
        let of = membership(&archive, Taxonomy::Actor);
        let found = partners(&archive, jnim, Taxonomy::Actor, &of, 10);
        let names: Vec<&str> = found.iter().map(|&(t, _)| archive.actors[t].name.as_str()).collect();
        assert_eq!(
            names,
            ["Wagner"],
            "Ansar shares one article only, JNIM is not its own partner"
        );
        // Mali is everywhere: at chance, never a partner; Niger is.
        let of = membership(&archive, Taxonomy::Country);
        let countries = partners(&archive, jnim, Taxonomy::Country, &of, 10);
        let names: Vec<&str> = countries
            .iter()
            .map(|&(t, _)| archive.countries[t].name.as_str())
            .collect();
        assert_eq!(names, ["Niger"]);

        let all = Partners::of(&archive, 10);
        let me = TermRef {
            taxonomy: Taxonomy::Actor,
            index: index(&archive, Taxonomy::Actor, "JNIM"),
        };
        assert_eq!(all.of_term(me)[0], found);
        let pairs = all.pairs();
        let wagner = TermRef {
            taxonomy: Taxonomy::Actor,
            index: index(&archive, Taxonomy::Actor, "Wagner"),
        };
        assert!(pairs.contains(&ordered(wagner, me)));
        assert_eq!(pairs.len(), 2, "{pairs:?}: JNIM–Wagner and JNIM–Niger, each once");
    }

    #[test]
    fn the_network_keeps_only_actors_in_a_pair() {
        let mut tags: Vec<(&[&str], &[&str])> = vec![(&["A", "B"], &[]), (&["A", "B"], &[]), (&["C"], &[])];
        tags.extend(std::iter::repeat_n((&["C"][..], &[][..]), 5));
        tags.extend(std::iter::repeat_n((&[][..], &[][..]), 10));
        let archive = archive(&tags);
        let (nodes, edges) = network(&archive, 30, 60);
        let names: Vec<&str> = nodes.iter().map(|&i| archive.actors[i].name.as_str()).collect();
        assert_eq!(names, ["A", "B"], "C, the most frequent, is in no pair");
        assert_eq!(edges.len(), 1);
        assert_eq!((edges[0].0, edges[0].1, edges[0].2.shared), (0, 1, 2));
    }

    #[test]
    fn sorted_lists_intersect() {
        assert_eq!(shared_count(&[1, 3, 5, 7], &[2, 3, 7, 9]), 2);
        assert_eq!(intersection(&[1, 3, 5, 7], &[2, 3, 7, 9]), [3, 7]);
        assert_eq!(intersection(&[], &[1]), Vec::<usize>::new());
    }
}
