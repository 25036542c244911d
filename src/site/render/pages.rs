//! Article pages, paginated lists (home, sections) and the 404 page.

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

/// `dir/index.html`, `dir/page/2/index.html`… (`dir` empty or ending in `/`).
pub fn page_path(dir: &str, n: usize) -> String {
    if n == 1 {
        format!("{dir}index.html")
    } else {
        format!("{dir}page/{n}/index.html")
    }
}

/// A paginated list of articles: which ones, where, through which template.
pub struct List<'a> {
    /// Indices into the article views, in display order.
    pub indices: &'a [usize],
    /// Folder of the list, empty or ending in `/`.
    pub dir: String,
    pub template: &'a str,
    /// The list's own keys, the same on every page.
    pub extra: Context,
}

/// Splits a list into pages of `per_page` and renders each.
pub fn paginated(
    list: &List,
    views: &[ArticleView],
    per_page: usize,
    theme: &Theme,
    site: &SiteView,
) -> Result<Vec<OutputFile>, SiteError> {
    let List {
        indices,
        dir,
        template,
        extra,
    } = list;
    let chunks: Vec<&[usize]> = if indices.is_empty() {
        vec![&[]]
    } else {
        indices.chunks(per_page).collect()
    };
    let total = chunks.len();
    chunks
        .into_iter()
        .enumerate()
        .map(|(i, chunk)| {
            let n = i + 1;
            let mut context = extra.clone();
            let articles: Vec<&ArticleView> = chunk.iter().map(|&j| &views[j]).collect();
            context.insert("articles", &articles);
            context.insert(
                "paginator",
                &Paginator {
                    current: n,
                    total,
                    previous: (n > 1).then(|| page_path(dir, n - 1)),
                    next: (n < total).then(|| page_path(dir, n + 1)),
                },
            );
            render_page(theme, site, &page_path(dir, n), template, context)
        })
        .collect()
}

/// The home page: every article, newest first.
pub fn home(
    views: &[ArticleView],
    theme: &Theme,
    site: &SiteView,
    per_page: usize,
) -> Result<Vec<OutputFile>, SiteError> {
    let all: Vec<usize> = (0..views.len()).collect();
    let list = List {
        indices: &all,
        dir: String::new(),
        template: "index.html",
        extra: Context::new(),
    };
    paginated(&list, views, per_page, theme, site)
}

pub fn not_found(theme: &Theme, site: &SiteView) -> Result<OutputFile, SiteError> {
    render_page(theme, site, "404.html", "404.html", Context::new())
}
