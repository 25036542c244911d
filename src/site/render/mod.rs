//! (pure) Archive + theme + configuration → the files of the site.
//!
//! Each kind of page has its own module; [`render`] lists them, one line each. Pages link to
//! each other relatively (`root` in every context), so `public/` works at a domain root, under
//! a subpath and from disk; only formats that need absolute URLs use `base_url`.

pub mod context;
pub mod markdown;
pub mod pages;

use rayon::prelude::*;

use super::SiteError;
use super::archive::Archive;
use super::theme::Theme;
use crate::config::Config;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, `/`-separated.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Renders every page of the site, sorted by path so two builds are byte-identical.
pub fn render(archive: &Archive, theme: &Theme, config: &Config) -> Result<Vec<OutputFile>, SiteError> {
    let site = context::SiteView::new(config);
    let views: Vec<context::ArticleView> = archive
        .articles
        .par_iter()
        .map(|e| context::ArticleView::new(e, &site))
        .collect();
    let mut files = pages::articles(&views, theme, &site)?;
    files.extend(pages::home(&views, theme, &site, config.per_page)?);
    files.push(pages::not_found(theme, &site)?);
    files.extend(theme.static_files.iter().map(|(name, bytes)| OutputFile {
        path: format!("static/{name}"),
        bytes: bytes.clone(),
    }));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}
