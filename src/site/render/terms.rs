//! Term pages: for sections, actors and countries, an index with article counts (actors grouped
//! by kind) and one paginated page per term with the terms most often seen beside it and a
//! count of its articles per month. Everything comes from the archive's one-pass grouping.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::Target;
use super::context::{ArticleView, SiteView, term_path};
use super::pages::{List, paginated, render_page};
use crate::site::SiteError;
use crate::site::archive::{Archive, Taxonomy, Term};
use crate::site::glossary::{Glossary, KINDS};

/// How many co-occurring terms a term page shows per taxonomy.
const RELATED: usize = 10;

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
    pub terms: Vec<TermView>,
}

/// A related term and how many articles it shares.
#[derive(Debug, Serialize)]
pub struct Related {
    pub label: String,
    pub path: String,
    pub count: usize,
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
    let kind = actor.map_or_else(|| "other".to_string(), |a| a.kind.clone());
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
pub fn index(archive: &Archive, taxonomy: Taxonomy, glossary: &Glossary, out: &Target) -> Result<(), SiteError> {
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
                terms: views.iter().filter(|v| v.kind == kind).cloned().collect(),
            })
            .filter(|g| !g.terms.is_empty())
            .collect()
    } else {
        vec![TermGroup {
            kind: taxonomy.folder().into(),
            heading: String::new(),
            terms: views,
        }]
    };
    let mut extra = Context::new();
    extra.insert("taxonomy", taxonomy.folder());
    extra.insert("heading", site.t.taxonomy(taxonomy));
    extra.insert("groups", &groups);
    render_page(out, &format!("{}/index.html", taxonomy.folder()), "terms.html", extra)
}

/// Every term page of a taxonomy, paginated, in parallel.
pub fn pages(
    archive: &Archive,
    taxonomy: Taxonomy,
    views: &[ArticleView],
    glossary: &Glossary,
    per_page: usize,
    out: &Target,
) -> Result<(), SiteError> {
    let site = out.site;
    let actor_of = membership(archive, Taxonomy::Actor);
    let country_of = membership(archive, Taxonomy::Country);
    archive.terms(taxonomy).par_iter().try_for_each(|term| {
        let view = term_view(term, taxonomy, glossary, site);
        let mut extra = Context::new();
        extra.insert("taxonomy", taxonomy.folder());
        extra.insert("heading", site.t.taxonomy(taxonomy));
        extra.insert("term", &view);
        let related_actors = related(term, archive, Taxonomy::Actor, &actor_of, glossary, &site.lang);
        let related_countries = related(term, archive, Taxonomy::Country, &country_of, glossary, &site.lang);
        extra.insert("related_actors", &related_actors);
        extra.insert("related_countries", &related_countries);
        extra.insert("months", &months(term, archive));
        let dir = format!("{}/{}/", taxonomy.folder(), term.slug);
        let list = List {
            indices: &term.articles,
            dir,
            template: "term.html",
            extra,
        };
        paginated(&list, views, per_page, out)
    })
}

/// For each article index, the indices of the terms of `taxonomy` it carries.
fn membership(archive: &Archive, taxonomy: Taxonomy) -> Vec<Vec<usize>> {
    let mut of = vec![Vec::new(); archive.articles.len()];
    for (t, term) in archive.terms(taxonomy).iter().enumerate() {
        for &a in &term.articles {
            of[a].push(t);
        }
    }
    of
}

/// The terms of `taxonomy` that share most articles with `term` (itself excluded).
fn related(
    term: &Term,
    archive: &Archive,
    taxonomy: Taxonomy,
    of: &[Vec<usize>],
    glossary: &Glossary,
    lang: &str,
) -> Vec<Related> {
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for &a in &term.articles {
        for &t in &of[a] {
            *counts.entry(t).or_default() += 1;
        }
    }
    let terms = archive.terms(taxonomy);
    let mut related: Vec<(usize, usize)> = counts
        .into_iter()
        .filter(|&(t, _)| terms[t].name != term.name)
        .collect();
    related.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| terms[a.0].name.cmp(&terms[b.0].name)));
    related
        .into_iter()
        .take(RELATED)
        .map(|(t, count)| Related {
            label: glossary.label(&terms[t].name, lang),
            path: term_path(taxonomy.folder(), &terms[t].slug),
            count,
        })
        .collect()
}

/// Articles per month, oldest first; undated articles are not counted.
fn months(term: &Term, archive: &Archive) -> Vec<Month> {
    let mut by_month: BTreeMap<String, usize> = BTreeMap::new();
    for &a in &term.articles {
        if let Some(date) = archive.articles[a].article.front.date {
            *by_month.entry(date.day().format("%Y-%m").to_string()).or_default() += 1;
        }
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
