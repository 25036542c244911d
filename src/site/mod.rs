//! `veille build`: load → render → write.
//!
//! [`load`] reads `content/` into an [`archive::Archive`] (I/O), [`render`] turns the archive,
//! the theme and the configuration into output files (pure), [`write`] puts them into `public/`
//! atomically (I/O). A content file that does not parse is reported and skipped; with `strict`
//! it fails the build, and `public/` stays as it was.

pub mod archive;
pub mod glossary;
pub mod load;
pub mod render;
pub mod serve;
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
    pub files_written: usize,
    /// Content files skipped, with why.
    pub skipped: Vec<SiteError>,
}

/// Builds the site at `root` with `config` into `config.output_dir`.
pub fn build(root: &Path, config: &Config, strict: bool) -> Result<BuildReport, SiteError> {
    let (articles, skipped) = load::load(&config.content_dir);
    if strict && !skipped.is_empty() {
        return Err(SiteError::Strict(skipped));
    }
    let archive = archive::Archive::new(articles);
    let theme = theme::Theme::load(root, &config.theme)?;
    let glossary = glossary::Glossary::load(root)?;
    let files = render::render(&archive, &theme, &glossary, config)?;
    write::write_atomically(&config.output_dir, &files)?;
    Ok(BuildReport {
        articles: archive.articles.len(),
        files_written: files.len(),
        skipped,
    })
}
