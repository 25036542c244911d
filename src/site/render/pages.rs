//! Article pages, the paginated home page and the 404 page.

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::OutputFile;
use super::context::{ArticleView, SiteView, root_for};
use crate::site::SiteError;
use crate::site::theme::{Theme, error_chain};

/// Renders `template` for the page at `path` with the common keys (`site`, `root`,
/// `canonical`, `page_path`) plus `extra`.
pub fn render_page(
    theme: &Theme,
    site: &SiteView,
    path: &str,
    template: &str,
    extra: Context,
) -> Result<OutputFile, SiteError> {
    let mut context = Context::new();
    context.insert("site", site);
    context.insert("root", &root_for(path));
    context.insert("page_path", path);
    let canonical_path = path.strip_suffix("index.html").unwrap_or(path);
    context.insert("canonical", &format!("{}{}", site.base_url, canonical_path));
    context.extend(extra);
    let html = theme.tera.render(template, &context).map_err(|e| SiteError::Render {
        page: path.to_string(),
        message: error_chain(&e),
    })?;
    Ok(OutputFile {
        path: path.to_string(),
        bytes: html.into_bytes(),
    })
}

/// A neighbour link for previous/next navigation.
#[derive(Serialize)]
struct Neighbour<'a> {
    title: &'a str,
    path: &'a str,
}

/// One page per article, with links to the next newer and older ones.
pub fn articles(views: &[ArticleView], theme: &Theme, site: &SiteView) -> Result<Vec<OutputFile>, SiteError> {
    (0..views.len())
        .into_par_iter()
        .map(|i| {
            let view = &views[i];
            let mut extra = Context::new();
            extra.insert("article", view);
            let newer = i.checked_sub(1).map(|j| Neighbour {
                title: &views[j].title,
                path: &views[j].path,
            });
            let older = views.get(i + 1).map(|v| Neighbour {
                title: &v.title,
                path: &v.path,
            });
            extra.insert("newer", &newer);
            extra.insert("older", &older);
            render_page(theme, site, &view.path, "article.html", extra)
        })
        .collect()
}

/// Pagination state for list pages.
#[derive(Debug, Serialize)]
pub struct Paginator {
    pub current: usize,
    pub total: usize,
    /// Path from the root to the previous and next pages, if any.
    pub previous: Option<String>,
    pub next: Option<String>,
}

/// `index.html`, `page/2/index.html`… newest first, `per_page` each.
pub fn home(
    views: &[ArticleView],
    theme: &Theme,
    site: &SiteView,
    per_page: usize,
) -> Result<Vec<OutputFile>, SiteError> {
    let chunks: Vec<&[ArticleView]> = if views.is_empty() {
        vec![&[]]
    } else {
        views.chunks(per_page).collect()
    };
    let total = chunks.len();
    let page_path = |n: usize| {
        if n == 1 {
            "index.html".to_string()
        } else {
            format!("page/{n}/index.html")
        }
    };
    chunks
        .into_iter()
        .enumerate()
        .map(|(i, chunk)| {
            let n = i + 1;
            let mut extra = Context::new();
            extra.insert("articles", chunk);
            extra.insert(
                "paginator",
                &Paginator {
                    current: n,
                    total,
                    previous: (n > 1).then(|| page_path(n - 1)),
                    next: (n < total).then(|| page_path(n + 1)),
                },
            );
            render_page(theme, site, &page_path(n), "index.html", extra)
        })
        .collect()
}

pub fn not_found(theme: &Theme, site: &SiteView) -> Result<OutputFile, SiteError> {
    render_page(theme, site, "404.html", "404.html", Context::new())
}
