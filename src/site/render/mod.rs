//! (pure) Archive + theme + configuration → the files of the site.
//!
//! Each kind of page has its own module; [`render`] lists them, one line each. Pages link to
//! each other relatively (`root` in every context), so `public/` works at a domain root, under
//! a subpath and from disk; only feeds, the sitemap and canonical links use `base_url`.

pub mod charts;
pub mod context;
pub mod feeds;
pub mod markdown;
pub mod pages;
pub mod pairs;
pub mod search;
pub mod terms;

use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::SiteError;
use super::archive::{Archive, Entry, Taxonomy};
use super::cooccur;
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

/// What a file was made from, hashed: two renders with the same key give the same bytes.
pub type Key = u128;

/// Where rendered files go, file by file as they are made, so a build never holds the whole
/// site. `site::write::Staging` writes them to disk; [`Collect`] keeps them in memory.
pub trait Sink: Sync {
    /// Keeps the previous build's file at `path` if it was made from `key`; false: render it.
    fn reuse(&self, path: &str, key: Key) -> Result<bool, SiteError>;
    /// Keeps every previous file under `prefix` if all were made from `key` and are intact.
    fn reuse_all(&self, prefix: &str, key: Key) -> Result<bool, SiteError>;
    /// One file of the site; `key`, if any, lets a later build skip rendering it.
    fn write(&self, path: &str, bytes: &[u8], key: Option<Key>) -> Result<(), SiteError>;
}

/// A sink that keeps every file in memory and reuses nothing: for tests and tools.
#[derive(Default)]
pub struct Collect(Mutex<Vec<OutputFile>>);

impl Collect {
    /// The files, sorted by path.
    pub fn into_files(self) -> Vec<OutputFile> {
        let mut files = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

impl Sink for Collect {
    fn reuse(&self, _: &str, _: Key) -> Result<bool, SiteError> {
        Ok(false)
    }
    fn reuse_all(&self, _: &str, _: Key) -> Result<bool, SiteError> {
        Ok(false)
    }
    fn write(&self, path: &str, bytes: &[u8], _: Option<Key>) -> Result<(), SiteError> {
        // A lock poisoned by another page's panic still holds every file pushed so far: keep it.
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(OutputFile {
            path: path.to_string(),
            bytes: bytes.to_vec(),
        });
        Ok(())
    }
}

/// What every page needs besides its own data: the theme, the site, the sink, and the salt
/// that ties a key to this theme and this veille binary. Records the HTML pages for the sitemap.
pub struct Target<'a> {
    pub theme: &'a Theme,
    pub site: &'a SiteView,
    sink: &'a dyn Sink,
    salt: Key,
    /// The key of each article's view, so a list page is keyed without serialising its views.
    view_keys: Vec<Key>,
    pages: Mutex<Vec<String>>,
}

impl Target<'_> {
    /// The key of a file made from `parts` (with this build's salt).
    pub fn key(&self, parts: &[&[u8]]) -> Key {
        hash_parts(self.salt, parts)
    }

    /// The key of article `i`'s view (what list pages and neighbours show of it).
    pub fn view_key(&self, i: usize) -> Key {
        self.view_keys[i]
    }

    pub fn reuse(&self, path: &str, key: Key) -> Result<bool, SiteError> {
        let reused = self.sink.reuse(path, key)?;
        if reused {
            self.note(path);
        }
        Ok(reused)
    }

    pub fn write(&self, path: &str, bytes: &[u8], key: Option<Key>) -> Result<(), SiteError> {
        self.sink.write(path, bytes, key)?;
        self.note(path);
        Ok(())
    }

    fn emit(&self, file: OutputFile) -> Result<(), SiteError> {
        self.write(&file.path, &file.bytes, None)
    }

    fn note(&self, path: &str) {
        if path.ends_with(".html")
            && path != "404.html"
            && let Ok(mut pages) = self.pages.lock()
        {
            pages.push(path.to_string());
        }
    }
}

/// xxh3-128 of `salt` and `parts`, each part with its length so ("ab", "c") and ("a", "bc")
/// differ.
fn hash_parts(salt: Key, parts: &[&[u8]]) -> Key {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(&salt.to_le_bytes());
    for part in parts {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hasher.digest128()
}

const TAXONOMIES: [Taxonomy; 3] = [Taxonomy::Section, Taxonomy::Actor, Taxonomy::Country];

/// Renders every page of the site into `sink`; `salt` identifies the theme and the renderer
/// (a page is reused only when its key, salted so, is the same). Output depends only on the
/// inputs: two builds are byte-identical.
pub fn render(
    archive: &Archive,
    theme: &Theme,
    glossary: &Glossary,
    config: &Config,
    salt: Key,
    sink: &dyn Sink,
    cache: Option<&search::Cache>,
) -> Result<(), SiteError> {
    let site = SiteView::new(config);
    let links = TermLinks {
        sections: archive.slug_index(Taxonomy::Section),
        actors: archive.slug_index(Taxonomy::Actor),
        countries: archive.slug_index(Taxonomy::Country),
        glossary,
    };
    // Without their bodies: only article pages show one, and they read it when they render.
    let views: Vec<ArticleView> = archive
        .articles
        .par_iter()
        .map(|e| ArticleView::new(e, &site, &links))
        .collect();
    // Everything a page shows besides its own data is in the site view and the configuration.
    let salt = hash_parts(
        salt,
        &[
            &serde_json::to_vec(&site).unwrap_or_default(),
            &serde_json::to_vec(config).unwrap_or_default(),
        ],
    );
    let view_keys = views
        .par_iter()
        .map(|v| hash_parts(salt, &[&serde_json::to_vec(v).unwrap_or_default()]))
        .collect();
    let out = Target {
        theme,
        site: &site,
        sink,
        salt,
        view_keys,
        pages: Mutex::new(Vec::new()),
    };

    let filters = config.search.then(|| search::filters(archive, glossary, &site));
    let index_key = filters
        .as_ref()
        .map(|f| search_key(archive, f, &out))
        .unwrap_or_default();
    let mut index = match &filters {
        Some(_) if !out.sink.reuse_all("search/", index_key)? => Some(search::Index::default()),
        _ => None,
    };
    let timer = super::Timer::start();
    articles_and_index(archive, &views, &out, index.as_mut(), cache)?;
    timer.lap("render: articles and search");
    let all: Vec<usize> = (0..views.len()).collect();
    let timeline = terms::timeline(archive, &all, config.per_page, &site);
    pages::home(&views, config.per_page, timeline, &out)?;
    timer.lap("render: home");
    let partners = cooccur::Partners::of(archive, terms::RELATED);
    let network = pairs::network(archive, glossary, &site, "actors/index.html");
    timer.lap("render: partners and network");
    for taxonomy in TAXONOMIES {
        let shown = (taxonomy == Taxonomy::Actor).then_some(&network);
        terms::index(archive, taxonomy, glossary, shown, &out)?;
        terms::pages(archive, taxonomy, &views, glossary, &partners, config.per_page, &out)?;
    }
    timer.lap("render: term pages");
    let mut pairs = partners.pairs();
    pairs.extend(network.pairs.iter().copied());
    pairs::pages(archive, &pairs, &views, glossary, &out)?;
    timer.lap("render: pair pages");
    // The exports show every article's front matter and term, and which copies are one
    // dispatch, never a body: one key for all of them, so a build that changes no front matter
    // (a no-op, a body edit in `serve`) does not make them again.
    let fronts: Vec<u8> = archive
        .articles
        .par_iter()
        .map(|entry| {
            let front = serde_json::to_vec(&entry.article.front).unwrap_or_default();
            hash_parts(0, &[entry.slug.as_bytes(), &front])
        })
        .collect::<Vec<Key>>()
        .iter()
        .flat_map(|key| key.to_le_bytes())
        .collect();
    let groups = serde_json::to_vec(archive.dispatches.groups()).unwrap_or_default();
    let data_key = out.key(&[
        b"data",
        site.lang.as_bytes(),
        &fronts,
        &groups,
        &glossary.fingerprint().to_le_bytes(),
    ]);
    if !out.sink.reuse_all("data/", data_key)? {
        super::export::files(archive, &partners, glossary, &site.lang)
            .par_bridge()
            .try_for_each(|(path, bytes)| out.write(&path, &bytes, Some(data_key)))?;
    }
    timer.lap("render: data");
    pages::not_found(&out)?;
    if let Some(filters) = &filters {
        search::page(&out, filters)?;
        if let Some(index) = index {
            let started = std::time::Instant::now();
            for file in index.files(filters, archive.dispatches.groups()) {
                out.write(&file.path, &file.bytes, Some(index_key))?;
            }
            // Hidden, for bench/search.sh: the index's share of a build, measured where it is made.
            if std::env::var_os("VEILLE_TIMINGS").is_some() {
                eprintln!("timing: search index layout {:.3} s", started.elapsed().as_secs_f64());
            }
        }
    }
    for file in feed_files(archive, &views, glossary, &site) {
        out.emit(file)?;
    }
    for (name, bytes) in &theme.static_files {
        out.write(&format!("static/{name}"), bytes, None)?;
    }
    let pages = std::mem::take(&mut *out.pages.lock().unwrap_or_else(|e| e.into_inner()));
    for file in feeds::sitemap(
        &site.base_url,
        &sitemap_urls(pages, &views, &site.base_url),
        feeds::SITEMAP_LIMIT,
    ) {
        out.emit(file)?;
    }
    out.emit(feeds::robots(&site.base_url))
}

/// Renders into memory: every file of the site, sorted by path.
pub fn render_to_memory(
    archive: &Archive,
    theme: &Theme,
    glossary: &Glossary,
    config: &Config,
) -> Result<Vec<OutputFile>, SiteError> {
    let sink = Collect::default();
    render(archive, theme, glossary, config, 0, &sink, None)?;
    Ok(sink.into_files())
}

/// What the whole search index is made from: every article's file and address, the filters.
fn search_key(archive: &Archive, filters: &[search::Filter], out: &Target) -> Key {
    let filters = serde_json::to_vec(filters).unwrap_or_default();
    out.key(&[b"search", out.site.lang.as_bytes(), &articles_key(archive), &filters])
}

/// Every article's file hash and slug, in archive order: what a file made from all of them
/// (the search index, the exports) depends on besides the site and the dictionary.
fn articles_key(archive: &Archive) -> Vec<u8> {
    let mut articles = Vec::with_capacity(archive.articles.len() * 24);
    for entry in &archive.articles {
        articles.extend_from_slice(&entry.fingerprint.to_le_bytes());
        articles.extend_from_slice(entry.slug.as_bytes());
        articles.push(0);
    }
    articles
}

/// A body read at most once, when the page or the index first asks for it.
pub struct Body<'a> {
    entry: &'a Entry,
    text: Option<String>,
}

impl Body<'_> {
    pub fn get(&mut self) -> Result<&str, SiteError> {
        if self.text.is_none() {
            self.text = Some(self.entry.body()?);
        }
        Ok(self.text.as_deref().unwrap_or_default())
    }
}

/// Article pages and, when it is rebuilt, the search index: one pass over the articles in
/// batches, each body read once for both (and not at all for an article `cache` has analysed).
/// The two halves of the archive go on two threads, each feeding an index of its own in
/// archive order; the second is then appended to the first, so adding documents (sequential
/// within an index) is not one thread's work.
fn articles_and_index(
    archive: &Archive,
    views: &[ArticleView],
    out: &Target,
    index: Option<&mut search::Index>,
    cache: Option<&search::Cache>,
) -> Result<(), SiteError> {
    let indexing = index.is_some();
    let count = archive.articles.len();
    let middle = count / 2;
    let (first, second) = rayon::join(
        || articles_in(archive, views, out, 0..middle, indexing, cache),
        || articles_in(archive, views, out, middle..count, indexing, cache),
    );
    let (first, mut analysed_keys) = first?;
    let (second, second_keys) = second?;
    analysed_keys.extend(second_keys);
    if let Some(index) = index {
        *index = std::mem::take(index).merge(first).merge(second);
    }
    if let Some(cache) = cache.filter(|_| indexing) {
        cache.retain(&analysed_keys);
    }
    Ok(())
}

/// The article pages of `range`, and (when `indexing`) their index and analysis keys.
fn articles_in(
    archive: &Archive,
    views: &[ArticleView],
    out: &Target,
    range: std::ops::Range<usize>,
    indexing: bool,
    cache: Option<&search::Cache>,
) -> Result<(search::Index, std::collections::HashSet<Key>), SiteError> {
    let lang = out.site.lang.as_str();
    let mut index = search::Index::default();
    let mut analysed_keys = std::collections::HashSet::new();
    for start in range.clone().step_by(search::BATCH) {
        let end = (start + search::BATCH).min(range.end);
        let analysed: Vec<Option<(Key, Arc<search::Analysed>)>> = (start..end)
            .into_par_iter()
            .map(|i| {
                let entry = &archive.articles[i];
                let mut body = Body { entry, text: None };
                pages::article(archive, views, i, &mut body, out)?;
                if !indexing {
                    return Ok(None);
                }
                search::Cache::analyse(cache, entry, &mut body, lang).map(Some)
            })
            .collect::<Result<_, SiteError>>()?;
        for (i, (key, analysed)) in (start..end).zip(analysed).filter_map(|(i, a)| Some((i, a?))) {
            index.add(&analysed, search::also_published(archive, i));
            analysed_keys.insert(key);
        }
    }
    Ok((index, analysed_keys))
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
fn sitemap_urls(pages: Vec<String>, views: &[ArticleView], base: &str) -> Vec<(String, Option<String>)> {
    let dates: std::collections::HashMap<&str, &str> = views
        .iter()
        .filter(|v| !v.date.is_empty())
        .map(|v| (v.path.as_str(), v.date.as_str()))
        .collect();
    let mut urls: Vec<(String, Option<String>)> = pages
        .iter()
        .map(|path| {
            (
                feeds::page_url(base, path),
                dates.get(path.as_str()).map(|d| d.to_string()),
            )
        })
        .collect();
    urls.sort();
    urls
}
