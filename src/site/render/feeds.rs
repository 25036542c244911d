//! Machine-read files: Atom feeds (site, sections, actors, countries), the sitemap (split into a
//! sitemap index past the protocol's 50,000 URLs) and robots.txt. These need absolute URLs, so
//! they use `base_url`; every date comes from the articles, never the clock, so two builds of the
//! same content are identical.

use std::fmt::Write as _;

use super::OutputFile;
use super::context::{ArticleView, SiteView};
use crate::site::theme::escape_html as xml;

/// Entries per feed: the newest ones.
pub const FEED_ENTRIES: usize = 50;
/// The sitemap protocol's limit of URLs per file.
pub const SITEMAP_LIMIT: usize = 50_000;

/// An Atom feed at `path` of the newest of `articles` (already newest first).
pub fn atom(site: &SiteView, path: &str, title: &str, page_path: &str, articles: &[&ArticleView]) -> OutputFile {
    let base = &site.base_url;
    let updated = articles
        .iter()
        .find_map(|a| a.datetime.clone())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let mut out = String::with_capacity(1024 + articles.len().min(FEED_ENTRIES) * 600);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        out,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        xml(&site.lang)
    );
    let _ = writeln!(out, "  <title>{}</title>", xml(title));
    if !site.description.is_empty() {
        let _ = writeln!(out, "  <subtitle>{}</subtitle>", xml(&site.description));
    }
    let _ = writeln!(
        out,
        "  <link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>",
        xml(&format!("{base}{path}"))
    );
    let _ = writeln!(
        out,
        "  <link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>",
        xml(&page_url(base, page_path))
    );
    let _ = writeln!(out, "  <id>{}</id>", xml(&format!("{base}{path}")));
    let _ = writeln!(out, "  <updated>{updated}</updated>");
    let _ = writeln!(out, "  <author><name>{}</name></author>", xml(&site.title));
    let _ = writeln!(out, "  <generator>veille</generator>");
    for article in articles.iter().take(FEED_ENTRIES) {
        let url = format!("{base}{}", article.path);
        let date = article.datetime.clone().unwrap_or_else(|| updated.clone());
        let _ = writeln!(out, "  <entry xml:lang=\"{}\">", xml(&article.lang));
        let _ = writeln!(out, "    <title>{}</title>", xml(&article.title));
        let _ = writeln!(
            out,
            "    <link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>",
            xml(&url)
        );
        let _ = writeln!(out, "    <id>{}</id>", xml(&url));
        let _ = writeln!(out, "    <published>{date}</published>");
        let _ = writeln!(out, "    <updated>{date}</updated>");
        for author in &article.authors {
            let _ = writeln!(out, "    <author><name>{}</name></author>", xml(author));
        }
        for term in article.actors.iter().chain(&article.countries) {
            let _ = writeln!(out, "    <category term=\"{}\"/>", xml(term));
        }
        if let Some(summary) = &article.summary {
            let _ = writeln!(out, "    <summary>{}</summary>", xml(summary));
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    OutputFile {
        path: path.to_string(),
        bytes: out.into_bytes(),
    }
}

/// `base` + page path without a trailing `index.html`.
pub fn page_url(base: &str, page_path: &str) -> String {
    format!("{base}{}", page_path.strip_suffix("index.html").unwrap_or(page_path))
}

/// `sitemap.xml` for `urls` (absolute URL, optional lastmod); past `limit` URLs, `sitemap.xml`
/// becomes an index of `sitemap-1.xml`, `sitemap-2.xml`…
pub fn sitemap(base: &str, urls: &[(String, Option<String>)], limit: usize) -> Vec<OutputFile> {
    let urlset = |chunk: &[(String, Option<String>)]| {
        let mut out = String::from(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for (loc, lastmod) in chunk {
            let _ = write!(out, "  <url><loc>{}</loc>", xml(loc));
            if let Some(lastmod) = lastmod {
                let _ = write!(out, "<lastmod>{lastmod}</lastmod>");
            }
            out.push_str("</url>\n");
        }
        out.push_str("</urlset>\n");
        out.into_bytes()
    };
    if urls.len() <= limit {
        return vec![OutputFile {
            path: "sitemap.xml".into(),
            bytes: urlset(urls),
        }];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (i, chunk) in urls.chunks(limit).enumerate() {
        let name = format!("sitemap-{}.xml", i + 1);
        let _ = writeln!(
            index,
            "  <sitemap><loc>{}</loc></sitemap>",
            xml(&format!("{base}{name}"))
        );
        files.push(OutputFile {
            path: name,
            bytes: urlset(chunk),
        });
    }
    index.push_str("</sitemapindex>\n");
    files.push(OutputFile {
        path: "sitemap.xml".into(),
        bytes: index.into_bytes(),
    });
    files
}

pub fn robots(base: &str) -> OutputFile {
    OutputFile {
        path: "robots.txt".into(),
        bytes: format!("User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sitemap_splits_past_the_limit() {
        let urls: Vec<(String, Option<String>)> = (0..5).map(|i| (format!("https://x.org/a/{i}"), None)).collect();
        let files = sitemap("https://x.org/a/", &urls, 2);
        let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            names,
            ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]
        );
        let index = String::from_utf8(files[3].bytes.clone()).unwrap();
        assert!(index.contains("<sitemapindex") && index.contains("<loc>https://x.org/a/sitemap-3.xml</loc>"));
        assert_eq!(sitemap("https://x.org/", &urls, 10).len(), 1);
    }
}
