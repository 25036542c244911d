//! (pure) Archive + theme + configuration → the files of the site.
//!
//! Each kind of page has its own module; [`render`] lists them, one line each. Pages link to
//! each other relatively (`root` in every context), so `public/` works at a domain root, under
//! a subpath and from disk; only feeds, the sitemap and canonical links use `base_url`.

pub mod context;
pub mod feeds;
pub mod markdown;
pub mod pages;
pub mod search;
pub mod terms;

use rayon::prelude::*;

use super::SiteError;
use super::archive::{Archive, Taxonomy};
use super::glossary::Glossary;
use super::theme::Theme;
use crate::config::Config;
use context::{ArticleView, SiteView, TermLinks};

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, `/`-separated.
    pub path: String,
    pub bytes: Vec<u8>,
}

const TAXONOMIES: [Taxonomy; 3] = [Taxonomy::Section, Taxonomy::Actor, Taxonomy::Country];

/// Renders every page of the site, sorted by path so two builds are byte-identical.
pub fn render(
    archive: &Archive,
    theme: &Theme,
    glossary: &Glossary,
    config: &Config,
) -> Result<Vec<OutputFile>, SiteError> {
    let site = SiteView::new(config);
    let links = TermLinks {
        sections: archive.slug_index(Taxonomy::Section),
        actors: archive.slug_index(Taxonomy::Actor),
        countries: archive.slug_index(Taxonomy::Country),
        glossary,
    };
    let views: Vec<ArticleView> = archive
        .articles
        .par_iter()
        .map(|e| ArticleView::new(e, &site, &links))
        .collect();

    let mut files = pages::articles(&views, theme, &site)?;
    files.extend(pages::home(&views, theme, &site, config.per_page)?);
    for taxonomy in TAXONOMIES {
        files.push(terms::index(archive, taxonomy, glossary, theme, &site)?);
        files.extend(terms::pages(
            archive,
            taxonomy,
            &views,
            glossary,
            theme,
            &site,
            config.per_page,
        )?);
    }
    files.push(pages::not_found(theme, &site)?);
    if config.search {
        let started = std::time::Instant::now();
        let filters = search::filters(archive, glossary, &site);
        files.push(search::page(theme, &site, &filters)?);
        files.extend(search::files(archive, &filters, &site));
        // Hidden, for bench/search.sh: the index's share of a build, measured where it is made.
        if std::env::var_os("VEILLE_TIMINGS").is_some() {
            eprintln!("timing: search index {:.3} s", started.elapsed().as_secs_f64());
        }
    }
    files.extend(feed_files(archive, &views, glossary, &site));
    files.extend(theme.static_files.iter().map(|(name, bytes)| OutputFile {
        path: format!("static/{name}"),
        bytes: bytes.clone(),
    }));
    files.extend(feeds::sitemap(
        &site.base_url,
        &sitemap_urls(&files, &views, &site.base_url),
        feeds::SITEMAP_LIMIT,
    ));
    files.push(feeds::robots(&site.base_url));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The site's feed, and one per section, actor and country.
fn feed_files(archive: &Archive, views: &[ArticleView], glossary: &Glossary, site: &SiteView) -> Vec<OutputFile> {
    let all: Vec<&ArticleView> = views.iter().take(feeds::FEED_ENTRIES).collect();
    let mut files = vec![feeds::atom(site, "atom.xml", &site.title, "index.html", &all)];
    for taxonomy in TAXONOMIES {
        let per_term: Vec<OutputFile> = archive
            .terms(taxonomy)
            .par_iter()
            .map(|term| {
                let view = terms::term_view(term, taxonomy, glossary, site);
                let articles: Vec<&ArticleView> = term
                    .articles
                    .iter()
                    .take(feeds::FEED_ENTRIES)
                    .map(|&i| &views[i])
                    .collect();
                let title = format!("{} — {}", view.label, site.title);
                feeds::atom(site, &view.feed_path, &title, &view.path, &articles)
            })
            .collect();
        files.extend(per_term);
    }
    files
}

/// Every HTML page but the 404, with the article's date as lastmod.
fn sitemap_urls(files: &[OutputFile], views: &[ArticleView], base: &str) -> Vec<(String, Option<String>)> {
    let dates: std::collections::HashMap<&str, &str> = views
        .iter()
        .filter(|v| !v.date.is_empty())
        .map(|v| (v.path.as_str(), v.date.as_str()))
        .collect();
    let mut urls: Vec<(String, Option<String>)> = files
        .iter()
        .filter(|f| f.path.ends_with(".html") && f.path != "404.html")
        .map(|f| {
            (
                feeds::page_url(base, &f.path),
                dates.get(f.path.as_str()).map(|d| d.to_string()),
            )
        })
        .collect();
    urls.sort();
    urls
}
