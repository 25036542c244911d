//! Pair pages and the network: the articles two terms share, one page per pair that a term
//! page or the network links to (`with/<a>/<b>/index.html`, the lower term first), and the
//! graph of the actors seen most together, drawn on the actors index.

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::Target;
use super::charts::network;
use super::context::{ArticleView, SiteView, root_for, term_path};
use super::pages::{Items, List, paginated};
use super::terms::{pair_path, term_view};
use crate::site::SiteError;
use crate::site::archive::{Archive, Taxonomy};
use crate::site::cooccur::{self, Association, TermRef, intersection};
use crate::site::glossary::Glossary;

/// Actors drawn in the network, at most, and lines between them.
const NETWORK_NODES: usize = 30;
const NETWORK_EDGES: usize = 60;

/// Articles per pair page: a compact list (title, date, source), so a pair of big terms is a
/// few pages, not hundreds.
const PAIR_PER_PAGE: usize = 200;

/// One page per pair in `pairs`, paginated, in parallel.
pub fn pages(
    archive: &Archive,
    pairs: &std::collections::BTreeSet<(TermRef, TermRef)>,
    views: &[ArticleView],
    glossary: &Glossary,
    out: &Target,
) -> Result<(), SiteError> {
    let pairs: Vec<&(TermRef, TermRef)> = pairs.iter().collect();
    pairs.par_iter().try_for_each(|&&(a, b)| {
        let (ta, tb) = (&archive.terms(a.taxonomy)[a.index], &archive.terms(b.taxonomy)[b.index]);
        let shared = intersection(&ta.articles, &tb.articles);
        let association = Association::of(
            shared.len(),
            ta.articles.len(),
            tb.articles.len(),
            archive.articles.len(),
        );
        let path = pair_path(archive, a, b);
        let mut extra = Context::new();
        extra.insert("a", &term_view(ta, a.taxonomy, glossary, out.site));
        extra.insert("b", &term_view(tb, b.taxonomy, glossary, out.site));
        extra.insert("a_heading", out.site.t.taxonomy(a.taxonomy));
        extra.insert("b_heading", out.site.t.taxonomy(b.taxonomy));
        extra.insert("shared", &shared.len());
        extra.insert("lift", &association.map(|x| super::terms::lift_text(x.lift)));
        let list = List {
            indices: &shared,
            dir: path.trim_end_matches("index.html").to_string(),
            template: "pair.html",
            extra,
            first_page: Context::new(),
            items: Items::Compact,
        };
        paginated(&list, views, PAIR_PER_PAGE, out)
    })
}

/// A line of the network as the page lists it beside the picture.
#[derive(Debug, Serialize)]
pub struct Link {
    pub a: String,
    pub b: String,
    pub shared: usize,
    pub lift: String,
    /// The pair's page, from the site root.
    pub path: String,
}

/// The actors network: its pairs (to render their pages), the SVG for `page`, and the same
/// lines as a list.
pub struct Network {
    pub pairs: Vec<(TermRef, TermRef)>,
    pub svg: String,
    pub links: Vec<Link>,
}

pub fn network(archive: &Archive, glossary: &Glossary, site: &SiteView, page: &str) -> Network {
    let (actors, edges) = cooccur::network(archive, NETWORK_NODES, NETWORK_EDGES);
    let root = root_for(page);
    let actor = |i: usize| TermRef {
        taxonomy: Taxonomy::Actor,
        index: actors[i],
    };
    let label = |i: usize| glossary.label(&archive.actors[actors[i]].name, &site.lang);
    let nodes: Vec<network::Node> = actors
        .iter()
        .map(|&t| {
            let term = &archive.actors[t];
            network::Node {
                label: glossary.label(&term.name, &site.lang),
                href: format!("{root}{}", term_path("actors", &term.slug)),
                count: term.articles.len(),
                group: glossary.actor_kind(&term.name).to_string(),
            }
        })
        .collect();
    let strongest = edges.first().map_or(1.0, |e| e.2.score.max(f64::MIN_POSITIVE));
    let links: Vec<Link> = edges
        .iter()
        .map(|&(i, j, association)| Link {
            a: label(i),
            b: label(j),
            shared: association.shared,
            lift: super::terms::lift_text(association.lift),
            path: pair_path(archive, actor(i), actor(j)),
        })
        .collect();
    let lines: Vec<network::Edge> = edges
        .iter()
        .zip(&links)
        .map(|(&(i, j, association), link)| network::Edge {
            a: i,
            b: j,
            strength: association.score / strongest,
            label: format!("{} — {}: {} {}", link.a, link.b, link.shared, site.t.articles_count),
            href: format!("{root}{}", link.path),
        })
        .collect();
    Network {
        pairs: edges
            .iter()
            .map(|&(i, j, _)| cooccur::ordered(actor(i), actor(j)))
            .collect(),
        svg: network::svg(&nodes, &lines, site.t.network, "network-title"),
        links,
    }
}
