//! Term pages: for sections, actors and countries, an index with article counts (actors grouped
//! by kind) and one paginated page per term with the terms most often seen beside it and a
//! count of its articles per month. Everything comes from the archive's one-pass grouping.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::Target;
use super::charts::timeline;
use super::context::{ArticleView, SiteView, term_path};
use super::pages::{Items, List, page_path, paginated, render_page};
use super::pairs::Network;
use crate::site::SiteError;
use crate::site::archive::{Archive, Taxonomy, Term};
use crate::site::cooccur::{PARTNER_TAXONOMIES, Partners, TermRef, ordered};
use crate::site::glossary::{Glossary, KINDS};

/// How many co-occurring terms a term page shows per taxonomy.
pub const RELATED: usize = 10;

/// A term as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct TermView {
    pub name: String,
    /// Name in the site's language.
    pub label: String,
    pub slug: String,
    pub path: String,
    pub feed_path: String,
    pub count: usize,
    /// Actors: `armed_group`, `armed_force`, `government`, `organisation`, `person` or `other`.
    pub kind: String,
    /// Heading of the kind in the site's language ("Groupes armés").
    pub kind_label: String,
    pub description: Option<String>,
}

/// A group of terms under a heading (actors by kind; one group for sections and countries).
#[derive(Debug, Serialize)]
pub struct TermGroup {
    pub kind: String,
    pub heading: String,
    /// The kind's colour in the network.
    pub colour: &'static str,
    pub terms: Vec<TermView>,
}

/// A term seen with this one more than chance has it, and how many articles they share.
#[derive(Debug, Serialize)]
pub struct Related {
    pub label: String,
    pub path: String,
    /// Articles shared.
    pub count: usize,
    /// "×3.2": how many times more often than chance.
    pub lift: String,
    /// The page listing the shared articles.
    pub with_path: String,
}

/// Articles in one month.
#[derive(Debug, Serialize)]
pub struct Month {
    /// `2025-06`.
    pub month: String,
    pub count: usize,
    /// Bar length in percent of the busiest month.
    pub percent: usize,
}

pub fn term_view(term: &Term, taxonomy: Taxonomy, glossary: &Glossary, site: &SiteView) -> TermView {
    let (folder, lang) = (taxonomy.folder(), site.lang.as_str());
    let actor = (taxonomy == Taxonomy::Actor)
        .then(|| glossary.actor(&term.name))
        .flatten();
    let kind = actor.map_or("other", |a| a.kind.as_str()).to_string();
    TermView {
        name: term.name.clone(),
        label: if taxonomy == Taxonomy::Section {
            term.name.clone()
        } else {
            glossary.label(&term.name, lang)
        },
        slug: term.slug.clone(),
        path: term_path(folder, &term.slug),
        feed_path: format!("{folder}/{}/atom.xml", term.slug),
        count: term.articles.len(),
        kind_label: site.t.kind(&kind).to_string(),
        kind,
        description: actor.and_then(|a| a.description.clone()),
    }
}

/// `actors/index.html` (grouped by kind), `countries/index.html`, `sections/index.html`.
/// The actors index also shows `network`.
pub fn index(
    archive: &Archive,
    taxonomy: Taxonomy,
    glossary: &Glossary,
    network: Option<&Network>,
    out: &Target,
) -> Result<(), SiteError> {
    let site = out.site;
    let mut views: Vec<TermView> = archive
        .terms(taxonomy)
        .iter()
        .map(|t| term_view(t, taxonomy, glossary, site))
        .collect();
    views.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    let groups: Vec<TermGroup> = if taxonomy == Taxonomy::Actor {
        KINDS
            .iter()
            .copied()
            .chain(["other"])
            .map(|kind| TermGroup {
                kind: kind.to_string(),
                heading: site.t.kind(kind).to_string(),
                colour: super::charts::network::fill(kind),
                terms: views.iter().filter(|v| v.kind == kind).cloned().collect(),
            })
            .filter(|g| !g.terms.is_empty())
            .collect()
    } else {
        vec![TermGroup {
            kind: taxonomy.folder().into(),
            heading: String::new(),
            colour: super::charts::network::fill("other"),
            terms: views,
        }]
    };
    let mut extra = Context::new();
    extra.insert("taxonomy", taxonomy.folder());
    extra.insert("heading", site.t.taxonomy(taxonomy));
    extra.insert("groups", &groups);
    if let Some(network) = network {
        extra.insert("network_svg", &network.svg);
        extra.insert("network_links", &network.links);
    }
    render_page(out, &format!("{}/index.html", taxonomy.folder()), "terms.html", extra)
}

/// Every term page of a taxonomy, paginated, in parallel.
pub fn pages(
    archive: &Archive,
    taxonomy: Taxonomy,
    views: &[ArticleView],
    glossary: &Glossary,
    partners: &Partners,
    per_page: usize,
    out: &Target,
) -> Result<(), SiteError> {
    let site = out.site;
    archive
        .terms(taxonomy)
        .par_iter()
        .enumerate()
        .try_for_each(|(index, term)| {
            let view = term_view(term, taxonomy, glossary, site);
            let me = TermRef { taxonomy, index };
            let [related_actors, related_countries] = [0, 1].map(|k| {
                let with = PARTNER_TAXONOMIES[k];
                partners.of_term(me)[k]
                    .iter()
                    .map(|&(other, association)| {
                        let partner = &archive.terms(with)[other];
                        Related {
                            label: glossary.label(&partner.name, &site.lang),
                            path: term_path(with.folder(), &partner.slug),
                            count: association.shared,
                            lift: lift_text(association.lift),
                            with_path: pair_path(
                                archive,
                                me,
                                TermRef {
                                    taxonomy: with,
                                    index: other,
                                },
                            ),
                        }
                    })
                    .collect::<Vec<_>>()
            });
            let dir = format!("{}/{}/", taxonomy.folder(), term.slug);
            let mut extra = Context::new();
            extra.insert("taxonomy", taxonomy.folder());
            extra.insert("heading", site.t.taxonomy(taxonomy));
            extra.insert("term", &view);
            // The term's profile (timeline, months, partners) is its first page; later pages
            // list more articles and get the same keys empty.
            let none: [(); 0] = [];
            extra.insert("related_actors", &none);
            extra.insert("related_countries", &none);
            extra.insert("months", &none);
            extra.insert("timeline_svg", "");
            let mut first_page = Context::new();
            first_page.insert("related_actors", &related_actors);
            first_page.insert("related_countries", &related_countries);
            first_page.insert("months", &months(term, archive));
            first_page.insert("timeline_svg", &timeline(archive, &term.articles, per_page, site));
            let list = List {
                indices: &term.articles,
                dir,
                template: "term.html",
                extra,
                first_page,
                items: Items::Full,
            };
            paginated(&list, views, per_page, out)
        })
}

/// "×3.2": how many times chance a pair is seen together.
pub fn lift_text(lift: f64) -> String {
    if lift >= 10.0 {
        format!("×{lift:.0}")
    } else {
        format!("×{lift:.1}")
    }
}

/// Where the articles two terms share are listed: `with/actors-jnim/countries-mali/index.html`,
/// the lower term first, so both terms' pages link to one page.
pub fn pair_path(archive: &Archive, a: TermRef, b: TermRef) -> String {
    let (a, b) = ordered(a, b);
    let part = |t: TermRef| format!("{}-{}", t.taxonomy.folder(), archive.terms(t.taxonomy)[t.index].slug);
    format!("with/{}/{}/index.html", part(a), part(b))
}

/// Articles per month, oldest first; undated articles are not counted.
fn months(term: &Term, archive: &Archive) -> Vec<Month> {
    let mut by_month: BTreeMap<String, usize> = BTreeMap::new();
    for (year, month) in term.articles.iter().filter_map(|&a| archive.articles[a].month()) {
        *by_month.entry(format!("{year:04}-{month:02}")).or_default() += 1;
    }
    let max = by_month.values().copied().max().unwrap_or(1);
    by_month
        .into_iter()
        .map(|(month, count)| Month {
            month,
            count,
            percent: count * 100 / max,
        })
        .collect()
}

/// The timeline of a list of articles (in display order, newest first) shown in pages of
/// `per_page`, as an SVG for the list's first page: each bar links to the page and
/// the anchor where its month starts.
pub fn timeline(archive: &Archive, indices: &[usize], per_page: usize, site: &SiteView) -> String {
    let mut counts: BTreeMap<(i32, u32), usize> = BTreeMap::new();
    // Where each month first appears in the list: its newest article.
    let mut first_at: HashMap<(i32, u32), usize> = HashMap::new();
    for (position, &a) in indices.iter().enumerate() {
        if let Some(month) = archive.articles[a].month() {
            *counts.entry(month).or_default() += 1;
            first_at.entry(month).or_insert(position);
        }
    }
    let mut bars = timeline::months(&counts);
    for bar in &mut bars {
        if let Some(&position) = first_at.get(&(bar.year, bar.month)) {
            // Relative to the list's first page, which lives at `dir` + index.html.
            let page = page_path("", position / per_page.max(1) + 1);
            bar.href = Some(format!("{page}#m-{}", bar.key()));
        }
    }
    let lang = site.lang.as_str();
    let strings = &site.t;
    let label = |bar: &timeline::Bar| {
        let month = crate::calendar::month_name(bar.month, lang).unwrap_or_default();
        let unit = if bar.count == 1 {
            strings.article_one
        } else {
            strings.articles_count
        };
        let colon = if lang == "fr" { "\u{a0}:" } else { ":" };
        format!("{month} {}{colon} {} {unit}", bar.year, bar.count)
    };
    timeline::svg(
        &bars,
        &timeline::Labels {
            title: strings.by_month,
            bar: &label,
        },
        "timeline-title",
    )
}
