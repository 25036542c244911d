//! `veille build`: load → render → write.
//!
//! [`load`] reads the front matter of `content/` into an [`archive::Archive`] (I/O), [`render`]
//! turns the archive, the theme and the configuration into output files (pure but for the
//! bodies it reads back), and hands them one by one to [`write`], which streams them into a
//! staging folder and swaps it in for `public/` (I/O). Unchanged files are the previous build's
//! own; a page whose inputs did not change is not rendered. A content file that does not parse
//! is reported and skipped; with `strict` it fails the build, and `public/` stays as it was.

pub mod archive;
pub mod cooccur;
pub mod export;
pub mod glossary;
pub mod load;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod syndication;
pub mod theme;
pub mod write;

use std::path::Path;

use crate::config::Config;

/// A problem with one content file: the build goes on without it unless strict.
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    #[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
    Content {
        path: std::path::PathBuf,
        line: Option<usize>,
        message: String,
    },
    #[error("theme: {0}")]
    Theme(String),
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error(transparent)]
    Dictionary(#[from] crate::dictionary::DictionaryError),
    #[error("render {page}: {message}")]
    Render { page: String, message: String },
    #[error("{}: {source}", path.display())]
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    /// The content errors that made a strict build fail.
    #[error("{} content file(s) had errors and --strict is set; public/ was left unchanged", .0.len())]
    Strict(Vec<SiteError>),
}

/// What a build did.
#[derive(Debug, Default)]
pub struct BuildReport {
    pub articles: usize,
    /// Files in the site.
    pub files_written: usize,
    /// Files new or changed since the previous build (the others were left untouched).
    pub files_changed: usize,
    /// Content files skipped, with why.
    pub skipped: Vec<SiteError>,
}

/// Builds the site at `root` with `config` into `config.output_dir`.
pub fn build(root: &Path, config: &Config, strict: bool) -> Result<BuildReport, SiteError> {
    build_with_cache(root, config, strict, None)
}

/// What `veille export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One row per article × actor × country.
    Csv,
    /// Every actor and country with its months, partners and articles.
    Json,
    /// The co-occurrence network, for Gephi.
    Gexf,
}

/// The archive at `config.content_dir` in `format`, and the content files skipped (as a build
/// would skip them).
pub fn export(root: &Path, config: &Config, format: ExportFormat) -> Result<(Vec<u8>, Vec<SiteError>), SiteError> {
    let (articles, skipped) = load::load(&config.content_dir);
    let archive = archive::Archive::new(articles);
    let glossary = glossary::Glossary::load(root)?;
    let lang = config.language.as_str();
    let bytes = match format {
        ExportFormat::Csv => export::mentions_csv(&archive),
        ExportFormat::Gexf => export::network_gexf(&archive, &glossary, lang),
        ExportFormat::Json => {
            let partners = cooccur::Partners::of(&archive, render::terms::RELATED);
            export::terms_json(&archive, &partners, &glossary, lang)
        }
    };
    Ok((bytes, skipped))
}

/// What a preview keeps between its builds: articles read and analysed for search, so that a
/// rebuild after one edit reads and tokenizes one file. Memory for speed, where builds follow
/// each other.
#[derive(Default)]
pub struct Cache {
    load: load::Cache,
    search: render::search::Cache,
}

/// [`build`] for the preview: takes what did not change from `cache` (and leaves this build's
/// there), and updates the output folder in place instead of swapping it (see
/// [`write::Staging::begin_in_place`]).
pub fn build_for_preview(root: &Path, config: &Config, strict: bool, cache: &Cache) -> Result<BuildReport, SiteError> {
    build_with_cache(root, config, strict, Some(cache))
}

fn build_with_cache(
    root: &Path,
    config: &Config,
    strict: bool,
    cache: Option<&Cache>,
) -> Result<BuildReport, SiteError> {
    let timer = Timer::start();
    let (articles, skipped) = load_signed(config, cache);
    timer.lap("load");
    if strict && !skipped.is_empty() {
        return Err(SiteError::Strict(skipped));
    }
    let mut archive = archive::Archive::new(articles);
    archive.find_dispatches()?;
    timer.lap("dispatches");
    let theme = theme::Theme::load(root, &config.theme)?;
    let glossary = glossary::Glossary::load(root)?;
    // A preview's builds follow each other and change a few pages: they update its folder in
    // place; a real build swaps public/ whole.
    let staging = match cache {
        Some(_) => write::Staging::begin_in_place(&config.output_dir)?,
        None => write::Staging::begin(&config.output_dir)?,
    };
    timer.lap("prepare");
    render::render(
        &archive,
        &theme,
        &glossary,
        config,
        salt(&theme),
        &staging,
        cache.map(|c| &c.search),
    )
    .map_err(|e| staging.in_output_terms(e))?;
    timer.lap("render");
    let written = staging.commit()?;
    timer.lap("commit");
    Ok(BuildReport {
        articles: archive.articles.len(),
        files_written: written.files,
        files_changed: written.changed,
        skipped,
    })
}

/// The articles, with the signatures an earlier build stored beside the output taken from the
/// store and this build's saved there when they changed.
fn load_signed(config: &Config, cache: Option<&Cache>) -> (Vec<load::Loaded>, Vec<SiteError>) {
    let store = write::beside(&config.output_dir, "signatures");
    let identity = binary_identity();
    // A preview's later builds take unchanged articles, signatures included, from its cache.
    let signed = match cache {
        Some(cache) if !cache.load.is_empty() => syndication::store::Known::new(),
        _ => syndication::store::read(&store, identity),
    };
    let (articles, skipped) = load::load_with_cache(&config.content_dir, cache.map(|c| &c.load), &signed);
    // Saved when a body was signed anew or one is gone; a failed save only costs time later.
    // A preview keeps its signatures in memory: its edits are saved by the next real build.
    let unchanged = articles.len() == signed.len() && articles.iter().all(|a| signed.contains_key(&a.fingerprint));
    if !unchanged && cache.is_none() {
        let entries = articles.iter().map(|a| (a.fingerprint, a.signature.as_deref()));
        let _ = syndication::store::write(&store, identity, entries);
    }
    (articles, skipped)
}

/// With `VEILLE_TIMINGS` set (for `bench/`), prints how long each stage of a build took.
pub(crate) struct Timer(Option<std::cell::Cell<std::time::Instant>>);

impl Timer {
    pub(crate) fn start() -> Timer {
        Timer(std::env::var_os("VEILLE_TIMINGS").map(|_| std::cell::Cell::new(std::time::Instant::now())))
    }

    pub(crate) fn lap(&self, stage: &str) {
        if let Some(last) = &self.0 {
            let now = std::time::Instant::now();
            eprintln!("timing: {stage} {:.3} s", (now - last.get()).as_secs_f64());
            last.set(now);
        }
    }
}

/// What ties a cached page to the renderer: the theme's files and this veille binary (its
/// version, size and mtime), so a new theme or a new veille renders everything again.
fn salt(theme: &theme::Theme) -> render::Key {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(&binary_identity().to_le_bytes());
    hasher.update(&theme.fingerprint.to_le_bytes());
    hasher.digest128()
}

/// This veille binary: its version, size and modification time. What it made before is only
/// reused by the same binary (a rebuilt veille may render or sign differently).
fn binary_identity() -> u128 {
    let exe = std::env::current_exe().and_then(std::fs::metadata).ok();
    let stamp = exe
        .and_then(|m| Some((m.len(), m.modified().ok()?)))
        .map(|(len, mtime)| format!("{len} {mtime:?}"))
        .unwrap_or_default();
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    hasher.update(stamp.as_bytes());
    hasher.digest128()
}
