//! Article pages, paginated lists (home, sections) and the 404 page.

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::context::{ArticleView, SiteView, root_for};
use super::{Body, Key, Target, markdown};
use crate::site::SiteError;
use crate::site::archive::Archive;
use crate::site::theme::error_chain;

/// Renders `template` for the page at `path` with the common keys (`site`, `root`,
/// `canonical`, `page_path`) plus `extra`, unless the previous build made the page from the same
/// context and theme: then its file is kept as it is.
pub fn render_page(out: &Target, path: &str, template: &str, extra: Context) -> Result<(), SiteError> {
    let json = serde_json::to_vec(&extra.clone().into_json()).unwrap_or_default();
    let key = out.key(&[b"page", template.as_bytes(), path.as_bytes(), &json]);
    render_unless_reused(out, path, template, extra, key)
}

/// Renders `template` at `path` unless the previous build's file there was made from `key`
/// (which must cover `extra`: the common keys are in every key's salt).
fn render_unless_reused(out: &Target, path: &str, template: &str, extra: Context, key: Key) -> Result<(), SiteError> {
    if out.reuse(path, key)? {
        return Ok(());
    }
    render_with_key(out, path, template, &page_context(out.site, path, extra), key)
}

/// The common keys of every page, plus `extra`.
fn page_context(site: &SiteView, path: &str, extra: Context) -> Context {
    let mut context = Context::new();
    context.insert("site", site);
    context.insert("root", &root_for(path));
    context.insert("page_path", path);
    let canonical_path = path.strip_suffix("index.html").unwrap_or(path);
    context.insert("canonical", &format!("{}{}", site.base_url, canonical_path));
    context.extend(extra);
    context
}

fn render_with_key(out: &Target, path: &str, template: &str, context: &Context, key: Key) -> Result<(), SiteError> {
    let html = out
        .theme
        .tera
        .render(template, context)
        .map_err(|e| SiteError::Render {
            page: path.to_string(),
            message: format!("{}: {}", out.theme.origin(template), error_chain(&e)),
        })?;
    out.write(path, html.as_bytes(), Some(key))
}

/// A neighbour link for previous/next navigation.
#[derive(Serialize)]
struct Neighbour<'a> {
    title: &'a str,
    path: &'a str,
}

/// The page of article `i`, with links to the next newer and older ones. A page whose article
/// file, neighbours and links are what they were is not rendered again: its key is taken before
/// the body is read.
pub fn article(
    archive: &Archive,
    views: &[ArticleView],
    i: usize,
    body: &mut Body,
    out: &Target,
) -> Result<(), SiteError> {
    let view = &views[i];
    let newer = i.checked_sub(1).map(|j| Neighbour {
        title: &views[j].title,
        path: &views[j].path,
    });
    let older = views.get(i + 1).map(|v| Neighbour {
        title: &v.title,
        path: &v.path,
    });
    // The same dispatch in other outlets, oldest first: who published it before.
    let mut copies: Vec<CompactItem> = archive
        .dispatches
        .others(i)
        .map(|j| CompactItem::from(&views[j]))
        .collect();
    copies.reverse();
    let fingerprint = archive.articles[i].fingerprint.to_le_bytes();
    let neighbour = |n: &Option<Neighbour>| {
        n.as_ref()
            .map_or(Vec::new(), |n| [n.title, "\0", n.path].concat().into_bytes())
    };
    let copy_keys: Vec<u8> = archive
        .dispatches
        .others(i)
        .flat_map(|j| out.view_key(j).to_le_bytes())
        .collect();
    let key = out.key(&[
        b"article",
        &out.view_key(i).to_le_bytes(),
        &fingerprint,
        &neighbour(&newer),
        &neighbour(&older),
        &copy_keys,
    ]);
    if out.reuse(&view.path, key)? {
        return Ok(());
    }
    let mut full = view.clone();
    full.body_html = markdown::to_html(body.get()?);
    let mut extra = Context::new();
    extra.insert("article", &full);
    extra.insert("newer", &newer);
    extra.insert("older", &older);
    extra.insert("also_published", &copies);
    render_with_key(
        out,
        &view.path,
        "article.html",
        &page_context(out.site, &view.path, extra),
        key,
    )
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
    /// Keys only the first page gets (the timeline): later pages neither carry nor depend on them.
    pub first_page: Context,
    /// How much of each article the template gets.
    pub items: Items,
}

/// Items of `articles` in a list.
/// A template always gets the same kind, so the template's name in a page's key covers it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Items {
    /// Every field of the article but its body.
    Full,
    /// What one line needs ([`CompactItem`]): lists of hundreds, such as pair pages, stay cheap.
    Compact,
}

/// An article as one line of a compact list.
#[derive(Serialize)]
struct CompactItem<'a> {
    title: &'a str,
    path: &'a str,
    date: &'a str,
    date_display: &'a str,
    site_name: Option<&'a str>,
    lang: &'a str,
}

impl<'a> From<&'a ArticleView> for CompactItem<'a> {
    fn from(view: &'a ArticleView) -> Self {
        CompactItem {
            title: &view.title,
            path: &view.path,
            date: &view.date,
            date_display: &view.date_display,
            site_name: view.site_name.as_deref(),
            lang: &view.lang,
        }
    }
}

/// Splits a list into pages of `per_page` and renders each.
pub fn paginated(list: &List, views: &[ArticleView], per_page: usize, out: &Target) -> Result<(), SiteError> {
    let List {
        indices,
        dir,
        template,
        extra,
        first_page,
        items,
    } = list;
    let chunks: Vec<&[usize]> = if indices.is_empty() {
        vec![&[]]
    } else {
        indices.chunks(per_page).collect()
    };
    let total = chunks.len();
    // The list's own keys are the same on every page: serialised once for all the page keys.
    let list_key = serde_json::to_vec(&extra.clone().into_json()).unwrap_or_default();
    let first_key = serde_json::to_vec(&first_page.clone().into_json()).unwrap_or_default();
    chunks.into_par_iter().enumerate().try_for_each(|(i, chunk)| {
        let n = i + 1;
        let path = page_path(dir, n);
        let paginator = Paginator {
            current: n,
            total,
            previous: (n > 1).then(|| page_path(dir, n - 1)),
            next: (n < total).then(|| page_path(dir, n + 1)),
        };
        let shown: Vec<u8> = chunk.iter().flat_map(|&j| out.view_key(j).to_le_bytes()).collect();
        let key = out.key(&[
            b"list",
            template.as_bytes(),
            path.as_bytes(),
            &list_key,
            if n == 1 { &first_key } else { &[] },
            &serde_json::to_vec(&paginator).unwrap_or_default(),
            &shown,
        ]);
        if out.reuse(&path, key)? {
            return Ok(());
        }
        let mut context = extra.clone();
        if n == 1 {
            context.extend(first_page.clone());
        }
        match items {
            Items::Full => {
                let articles: Vec<&ArticleView> = chunk.iter().map(|&j| &views[j]).collect();
                context.insert("articles", &articles);
            }
            Items::Compact => {
                let articles: Vec<CompactItem> = chunk.iter().map(|&j| CompactItem::from(&views[j])).collect();
                context.insert("articles", &articles);
            }
        }
        context.insert("paginator", &paginator);
        render_with_key(out, &path, template, &page_context(out.site, &path, context), key)
    })
}

/// The home page: every article, newest first, and the archive's timeline (an SVG).
pub fn home(views: &[ArticleView], per_page: usize, timeline_svg: String, out: &Target) -> Result<(), SiteError> {
    let all: Vec<usize> = (0..views.len()).collect();
    let mut extra = Context::new();
    extra.insert("timeline_svg", "");
    let mut first_page = Context::new();
    first_page.insert("timeline_svg", &timeline_svg);
    let list = List {
        indices: &all,
        dir: String::new(),
        template: "index.html",
        extra,
        first_page,
        items: Items::Full,
    };
    paginated(&list, views, per_page, out)
}

pub fn not_found(out: &Target) -> Result<(), SiteError> {
    render_page(out, "404.html", "404.html", Context::new())
}
