//! (pure) Archive → the full-text search index under `search/`, and the search page.
//!
//! A chunked index in the shape of Pagefind's, built in one pass: each article's title
//! (weighted), summary and body are folded, split, stopword-filtered and stemmed
//! ([`tokenize`]); [`index`] turns the words into three levels the browser fetches on demand —
//! a dictionary sharded by word prefix (`w/`), postings packed into bounded chunks (`p/`) and
//! document metadata in small chunks (`d/`) — plus one inverted list per filter value (`f/`)
//! and `meta.json`, which names the shards and filter values. `static/search.js` reads them.
//! Everything is sorted: two builds are byte-identical. This module must not do I/O.

pub mod index;
pub mod tokenize;

use std::collections::{BTreeMap, HashMap};

use chrono::Datelike;
use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::context::{SiteView, format_date};
use super::pages::render_page;
use super::{OutputFile, Target};
use crate::site::SiteError;
use crate::site::archive::{Archive, Entry, Taxonomy};
use crate::site::glossary::Glossary;
use tokenize::Lang;

/// Bumped when a file's layout changes, so a cached client can tell.
pub const FORMAT_VERSION: u32 = 1;
/// Documents per metadata chunk. Results are scattered over the archive, so each shown result
/// usually costs one chunk: 16 documents (~7 kB) keep a page of 10 results under 100 kB.
pub const DOC_CHUNK: usize = 16;
/// A title word counts as this many body words; a summary word as [`SUMMARY_WEIGHT`].
const TITLE_WEIGHT: u32 = 5;
const SUMMARY_WEIGHT: u32 = 2;
/// Characters of excerpt shown under a result: summary, then the start of the body.
const EXCERPT_CHARS: usize = 200;
/// Articles tokenized at a time: bounds the memory of words not yet interned (and of bodies
/// read for their pages).
pub const BATCH: usize = 2048;

/// One document as a result shows it (`d/<n>.json`).
#[derive(Debug, Clone, Serialize)]
pub struct DocView {
    pub title: String,
    /// From the site root, like every `path`.
    pub path: String,
    /// `YYYY-MM-DD`, empty when undated.
    pub date: String,
    pub date_display: String,
    pub source: Option<String>,
    pub section: Option<String>,
    pub lang: String,
    pub excerpt: String,
    /// The outlets that published the same dispatch (a result shows once for all of them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
}

/// A field results can be narrowed by, with its values.
#[derive(Debug, Clone, Serialize)]
pub struct Filter {
    /// `section`, `actor`, `country`, `lang`, `year`: the URL parameter and the folder under `f/`.
    pub field: &'static str,
    /// Heading in the site's language.
    pub label: &'static str,
    /// In display order; a value's position is its file number, `f/<field>/<n>.bin`.
    pub values: Vec<FilterValue>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FilterValue {
    /// Canonical value (`Mali`, `fr`, `2025`): what the URL carries.
    pub value: String,
    /// In the site's language.
    pub label: String,
    pub count: usize,
    #[serde(skip)]
    docs: Vec<u32>,
}

/// `search/meta.json`: what the client reads first.
#[derive(Serialize)]
struct Meta<'a> {
    version: u32,
    docs: usize,
    doc_chunk: usize,
    min_len: usize,
    max_len: usize,
    stopwords: &'a [&'a str],
    /// Dictionary shard prefixes, sorted: a word lives in `w/<its longest listed prefix>.json`.
    shards: &'a [String],
    filters: &'a [Filter],
    /// Groups of documents that are one dispatch: results show one of each.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    dispatches: &'a [Vec<usize>],
}

/// The words of one article and how it shows in results.
pub struct Analysed {
    lang: Lang,
    len: u32,
    words: Words,
    doc: DocView,
}

/// An article's distinct words, packed: every word (and its written form) in one string, and
/// per word where each ends and its weighted frequency. A preview keeps these for every
/// article between builds, so a word costs its letters and 12 bytes, not two `String`s.
#[derive(Default)]
struct Words {
    text: String,
    /// End of the folded word in `text`, end of its written form (equal: none), frequency.
    ends: Vec<(u32, u32, u32)>,
}

impl Words {
    fn push(&mut self, word: &str, written: Option<&str>, tf: u32) {
        self.text.push_str(word);
        let word_end = self.text.len() as u32;
        self.text.push_str(written.unwrap_or_default());
        self.ends.push((word_end, self.text.len() as u32, tf));
    }

    fn iter(&self) -> impl Iterator<Item = index::Word<'_>> {
        let mut start = 0;
        self.ends.iter().map(move |&(word_end, written_end, tf)| {
            let (s, w, e) = (start, word_end as usize, written_end as usize);
            start = e;
            let written = (e > w).then(|| &self.text[w..e]);
            (&self.text[s..w], written, tf)
        })
    }
}

/// Analysed articles kept between builds of one process (`veille serve`): an article whose
/// file, address and language did not change is not read and tokenized again.
#[derive(Default)]
pub struct Cache(std::sync::Mutex<HashMap<u128, std::sync::Arc<Analysed>>>);

impl Cache {
    /// What an analysis depends on: the article's file, its address, the site's language.
    fn key(entry: &Entry, site_lang: &str) -> u128 {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        hasher.update(&entry.fingerprint.to_le_bytes());
        hasher.update(entry.slug.as_bytes());
        hasher.update(b"\0");
        hasher.update(site_lang.as_bytes());
        hasher.digest128()
    }

    /// The analysis of `entry`, from the cache if there is one and it has it; `body` is read
    /// only when the article must be tokenized.
    pub fn analyse(
        cache: Option<&Cache>,
        entry: &Entry,
        body: &mut crate::site::render::Body,
        site_lang: &str,
    ) -> Result<(u128, std::sync::Arc<Analysed>), SiteError> {
        let key = Cache::key(entry, site_lang);
        if let Some(found) = cache.and_then(|c| c.get(key)) {
            return Ok((key, found));
        }
        let analysed = std::sync::Arc::new(analyse(entry, body.get()?, site_lang));
        if let Some(cache) = cache {
            cache.insert(key, std::sync::Arc::clone(&analysed));
        }
        Ok((key, analysed))
    }

    fn get(&self, key: u128) -> Option<std::sync::Arc<Analysed>> {
        self.0.lock().ok()?.get(&key).cloned()
    }

    fn insert(&self, key: u128, analysed: std::sync::Arc<Analysed>) {
        if let Ok(mut map) = self.0.lock() {
            map.insert(key, analysed);
        }
    }

    /// Forgets the articles not in `keys` (deleted or changed since).
    pub fn retain(&self, keys: &std::collections::HashSet<u128>) {
        if let Ok(mut map) = self.0.lock() {
            map.retain(|k, _| keys.contains(k));
        }
    }
}

/// The index being built: articles are added in archive order, then laid out as files.
#[derive(Default)]
pub struct Index {
    builder: index::Builder,
    docs: Vec<DocView>,
}

impl Index {
    /// Adds the next document; `also` names the outlets of its other copies.
    pub fn add(&mut self, analysed: &Analysed, also: Vec<String>) {
        self.builder.add(analysed.lang, analysed.len, analysed.words.iter());
        let mut doc = analysed.doc.clone();
        doc.also = also;
        self.docs.push(doc);
    }

    /// This index followed by `later`'s documents (see [`index::Builder::merge`]).
    pub fn merge(mut self, later: Index) -> Index {
        self.builder = self.builder.merge(later.builder);
        self.docs.extend(later.docs);
        self
    }

    /// Every file of the index, under `search/`. Document ids are positions in
    /// [`Archive::articles`], newest first, so among equal scores newer articles rank first.
    pub fn files(self, filters: &[Filter], dispatches: &[Vec<usize>]) -> Vec<OutputFile> {
        let Index { builder, docs } = self;
        let (chunks, words) = builder.finish();
        let shards = index::shard_prefixes(&words);

        let mut files = vec![file(
            "meta.json",
            serde_json::to_vec(&Meta {
                version: FORMAT_VERSION,
                docs: docs.len(),
                doc_chunk: DOC_CHUNK,
                min_len: tokenize::MIN_LEN,
                max_len: tokenize::MAX_LEN,
                stopwords: tokenize::STOPWORDS,
                shards: &shards,
                filters,
                dispatches,
            })
            .unwrap_or_default(),
        )];
        files.extend(
            index::dictionary_shards(&words, &shards)
                .into_iter()
                .map(|(prefix, bytes)| file(&format!("w/{prefix}.json"), bytes)),
        );
        files.extend(
            chunks
                .into_iter()
                .enumerate()
                .map(|(n, bytes)| file(&format!("p/{n}.bin"), bytes)),
        );
        files.par_extend(
            docs.par_chunks(DOC_CHUNK)
                .enumerate()
                .map(|(n, chunk)| file(&format!("d/{n}.json"), serde_json::to_vec(chunk).unwrap_or_default())),
        );
        for filter in filters {
            files.extend(filter.values.iter().enumerate().map(|(n, v)| {
                file(
                    &format!("f/{}/{n}.bin", filter.field),
                    index::encode_filter(&v.docs, docs.len()),
                )
            }));
        }
        files
    }
}

/// Every file of the index of `archive`, its bodies read here: for callers without a build.
pub fn files(archive: &Archive, filters: &[Filter], site: &SiteView) -> Result<Vec<OutputFile>, SiteError> {
    let mut index = Index::default();
    for (b, batch) in archive.articles.chunks(BATCH).enumerate() {
        let analysed: Vec<Analysed> = batch
            .par_iter()
            .map(|e| Ok(analyse(e, &e.body()?, &site.lang)))
            .collect::<Result<_, SiteError>>()?;
        for (k, a) in analysed.iter().enumerate() {
            index.add(a, also_published(archive, b * BATCH + k));
        }
    }
    Ok(index.files(filters, archive.dispatches.groups()))
}

/// The outlets of article `i`'s other copies, by site name (or agency, or title).
pub fn also_published(archive: &Archive, i: usize) -> Vec<String> {
    archive
        .dispatches
        .others(i)
        .map(|j| {
            let front = &archive.articles[j].article.front;
            front
                .site_name
                .clone()
                .or_else(|| front.agency.clone())
                .unwrap_or_else(|| front.title.clone())
        })
        .collect()
}

/// The search page, `search.html`: the form, the filters as `<select>`s, room for results.
pub fn page(out: &Target, filters: &[Filter]) -> Result<(), SiteError> {
    let mut extra = Context::new();
    extra.insert("filters", filters);
    render_page(out, "search.html", "search.html", extra)
}

fn file(path: &str, bytes: Vec<u8>) -> OutputFile {
    OutputFile {
        path: format!("search/{path}"),
        bytes,
    }
}

/// The filters and their values, labelled in the site's language.
pub fn filters(archive: &Archive, glossary: &Glossary, site: &SiteView) -> Vec<Filter> {
    let lang = site.lang.as_str();
    let from_terms = |taxonomy: Taxonomy, field: &'static str, label: &'static str, glossed: bool| {
        let mut values: Vec<FilterValue> = archive
            .terms(taxonomy)
            .iter()
            .map(|t| FilterValue {
                value: t.name.clone(),
                label: if glossed {
                    glossary.label(&t.name, lang)
                } else {
                    t.name.clone()
                },
                count: t.articles.len(),
                docs: t.articles.iter().map(|&i| i as u32).collect(),
            })
            .collect();
        values.sort_by(|a, b| a.label.cmp(&b.label).then_with(|| a.value.cmp(&b.value)));
        Filter { field, label, values }
    };
    let mut langs: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut years: BTreeMap<std::cmp::Reverse<i32>, Vec<u32>> = BTreeMap::new();
    for (i, entry) in archive.articles.iter().enumerate() {
        let front = &entry.article.front;
        langs
            .entry(front.lang.clone().unwrap_or_else(|| lang.to_string()))
            .or_default()
            .push(i as u32);
        if let Some(date) = front.date {
            years
                .entry(std::cmp::Reverse(date.day().year()))
                .or_default()
                .push(i as u32);
        }
    }
    let grouped = |field, label, groups: Vec<(String, String, Vec<u32>)>| Filter {
        field,
        label,
        values: groups
            .into_iter()
            .map(|(value, label, docs)| FilterValue {
                value,
                label,
                count: docs.len(),
                docs,
            })
            .collect(),
    };
    let t = &site.t;
    vec![
        from_terms(Taxonomy::Country, "country", t.countries, true),
        from_terms(Taxonomy::Actor, "actor", t.actors, true),
        from_terms(Taxonomy::Section, "section", t.section, false),
        grouped(
            "lang",
            t.language,
            langs
                .into_iter()
                .map(|(code, docs)| (code.clone(), language_name(&code, lang), docs))
                .collect(),
        ),
        grouped(
            "year",
            t.year,
            years
                .into_iter()
                .map(|(y, docs)| (y.0.to_string(), y.0.to_string(), docs))
                .collect(),
        ),
    ]
}

/// A language code as the site's readers name it.
fn language_name(code: &str, site_lang: &str) -> String {
    let name = match (code, site_lang) {
        ("fr", "en") => "French",
        ("fr", _) => "français",
        ("en", "en") => "English",
        ("en", _) => "anglais",
        _ => code,
    };
    name.to_string()
}

/// Tokenizes one article: weighted word counts and its result view.
pub fn analyse(entry: &Entry, body: &str, site_lang: &str) -> Analysed {
    let front = &entry.article.front;
    let code = front.lang.clone().unwrap_or_else(|| site_lang.to_string());
    let body = tokenize::plain_text(body);
    let summary = front.summary.clone().unwrap_or_default();
    let mut counts: HashMap<(String, Option<String>), u32> = HashMap::new();
    let mut len = 0;
    for (text, weight) in [(&front.title, TITLE_WEIGHT), (&summary, SUMMARY_WEIGHT), (&body, 1)] {
        for word in tokenize::words_as_written(text) {
            *counts.entry(word).or_default() += weight;
            len += 1;
        }
    }
    let mut counted: Vec<((String, Option<String>), u32)> = counts.into_iter().collect();
    // Interning order decides nothing in the output, but a fixed order keeps builds easy to debug.
    counted.sort_unstable();
    let mut words = Words::default();
    for ((word, written), tf) in &counted {
        words.push(word, written.as_deref(), *tf);
    }
    Analysed {
        lang: Lang::of(&code),
        len,
        words,
        doc: DocView {
            title: front.title.clone(),
            path: format!("articles/{}.html", entry.slug),
            date: front
                .date
                .map(|d| d.day().format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            date_display: front.date.map(|d| format_date(&d, &code)).unwrap_or_default(),
            source: front.site_name.clone().or_else(|| front.agency.clone()),
            section: front.section.clone(),
            excerpt: excerpt(&summary, &body),
            lang: code,
            also: Vec::new(),
        },
    }
}

/// The summary, then the body, cut at a word boundary near [`EXCERPT_CHARS`].
fn excerpt(summary: &str, body: &str) -> String {
    let text = format!("{summary} {body}");
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = String::new();
    for word in words.iter() {
        if out.chars().count() + word.chars().count() > EXCERPT_CHARS {
            out.push('…');
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, FrontMatter, PubDate};
    use crate::config::Config;
    use crate::site::load::Loaded;

    fn archive(articles: &[(&str, &str, &str, &[&str])]) -> Archive {
        Archive::new(
            articles
                .iter()
                .enumerate()
                .map(|(i, (title, lang, body, countries))| {
                    let article = Article {
                        front: FrontMatter {
                            title: title.to_string(),
                            date: PubDate::parse_iso(&format!("2025-01-{:02}", 28 - i)),
                            lang: Some(lang.to_string()),
                            countries: countries.iter().map(|c| c.to_string()).collect(),
                            ..FrontMatter::default()
                        },
                        body: body.to_string(),
                    };
                    Loaded::in_memory(article, format!("a{i}.md"))
                })
                .collect(),
        )
    }

    fn build(archive: &Archive) -> BTreeMap<String, Vec<u8>> {
        let site = SiteView::new(&Config::default());
        let filters = filters(archive, &Glossary::default(), &site);
        files(archive, &filters, &site)
            .unwrap()
            .into_iter()
            .map(|f| (f.path, f.bytes))
            .collect()
    }

    fn json(files: &BTreeMap<String, Vec<u8>>, path: &str) -> serde_json::Value {
        serde_json::from_slice(&files[path]).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn folded_words_lead_to_their_stems_postings() {
        let archive = archive(&[
            (
                "Le retour des réfugiés",
                "fr",
                "Goïta a parlé aux **réfugiés** de Kidal.",
                &["Mali"],
            ),
            ("Refugees return", "en", "Refugees and a refugee camp.", &["Chad"]),
            ("Sans rapport", "fr", "Le marché de Goita.", &[]),
        ]);
        let files = build(&archive);
        let meta = json(&files, "search/meta.json");
        assert_eq!(meta["docs"], 3);
        let shards: Vec<&str> = meta["shards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        assert!(shards.contains(&"re") && shards.contains(&"go"), "{shards:?}");
        let re = json(&files, "search/w/re.json");
        let french = &re["words"]["refugies"];
        assert_eq!(french.as_array().unwrap().len(), 1, "one French stem");
        assert_eq!(french[0][3], 1, "df");
        assert_ne!(re["words"]["refugees"], *french, "English articles have their own stem");
        let go = json(&files, "search/w/go.json");
        assert_eq!(go["words"]["goita"][0][3], 2, "« Goïta » and « Goita » are one word");
        assert!(go["words"].get("goïta").is_none());
        let docs = json(&files, "search/d/0.json");
        assert_eq!(docs[0]["title"], "Le retour des réfugiés");
        assert_eq!(docs[0]["path"], "articles/a0.html");
        assert!(
            docs[0]["excerpt"]
                .as_str()
                .unwrap()
                .starts_with("Goïta a parlé aux réfugiés")
        );
    }

    #[test]
    fn filters_list_values_and_their_documents() {
        let archive = archive(&[
            ("Un", "fr", "texte", &["Mali"]),
            ("Deux", "en", "text", &["Mali", "Niger"]),
            ("Trois", "fr", "texte", &["Niger"]),
        ]);
        let files = build(&archive);
        let meta = json(&files, "search/meta.json");
        let filters = meta["filters"].as_array().unwrap();
        let fields: Vec<&str> = filters.iter().map(|f| f["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["country", "actor", "section", "lang", "year"]);
        assert_eq!(filters[0]["values"][0]["value"], "Mali");
        assert_eq!(filters[0]["values"][0]["count"], 2);
        assert_eq!(
            files["search/f/country/0.bin"],
            [1, 0b011],
            "docs 0 and 1: a bitmap is smaller here"
        );
        assert_eq!(filters[3]["values"][1]["value"], "fr");
        assert_eq!(files["search/f/lang/1.bin"], [1, 0b101]);
    }

    #[test]
    fn two_builds_are_identical_and_every_file_is_under_search() {
        let archive = archive(&[("Un", "fr", "texte un", &["Mali"]), ("Deux", "en", "text two", &[])]);
        let first = build(&archive);
        assert_eq!(first, build(&archive));
        assert!(first.keys().all(|p| p.starts_with("search/")));
    }

    #[test]
    fn excerpts_are_cut_at_a_word() {
        let long = "mot ".repeat(200);
        let cut = excerpt("Résumé.", &long);
        assert!(cut.starts_with("Résumé. mot mot") && cut.ends_with("mot…"));
        assert!(cut.chars().count() <= EXCERPT_CHARS + 1);
        assert_eq!(excerpt("", "court"), "court");
    }
}
