//! Content problems a build lets through: it skips a file that does not parse (that error comes
//! from the build itself), but renders these quietly, so only `veille check` names them. Pure:
//! takes a file's text and parsed front matter, returns (line, message) pairs.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::article::FrontMatter;

/// Problems of one article's front matter; `today` bounds plausible dates.
pub fn lint(text: &str, front: &FrontMatter, today: chrono::NaiveDate) -> Vec<(Option<usize>, String)> {
    let mut found = Vec::new();
    if let Some(url) = &front.source_url
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        found.push((
            key_line(text, "source_url"),
            format!("source_url {url:?} is not a web address (http or https): the page will not link to it"),
        ));
    }
    if let Some(date) = front.date
        && date.day() > today
    {
        found.push((
            key_line(text, "date"),
            format!("date {} is after today ({today})", date.day()),
        ));
    }
    if let (Some(date), Some(updated)) = (front.date, front.updated)
        && updated.day() < date.day()
    {
        found.push((
            key_line(text, "updated"),
            format!(
                "updated {} is before the publication date {}",
                updated.day(),
                date.day()
            ),
        ));
    }
    found
}

/// Files that share a source URL with an earlier one (by path): the same page imported twice
/// under two names. Returns (later file, its source URL, the first file).
pub fn same_source<'a>(
    articles: impl IntoIterator<Item = (&'a Path, &'a FrontMatter)>,
) -> Vec<(PathBuf, String, PathBuf)> {
    let mut sorted: Vec<(&Path, &str)> = articles
        .into_iter()
        .filter_map(|(path, front)| Some((path, front.source_url.as_deref()?.trim())))
        .filter(|(_, url)| !url.is_empty())
        .collect();
    sorted.sort();
    let mut first: HashMap<&str, &Path> = HashMap::new();
    let mut found = Vec::new();
    for (path, url) in sorted {
        match first.get(url) {
            Some(earlier) => found.push((path.to_path_buf(), url.to_string(), earlier.to_path_buf())),
            None => {
                first.insert(url, path);
            }
        }
    }
    found
}

/// The 1-based line of a top-level front-matter key.
pub fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .skip(1)
        .take_while(|line| line.trim_end() != "---")
        .position(|line| line.strip_prefix(key).is_some_and(|rest| rest.starts_with(':')))
        .map(|i| i + 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;

    fn day(text: &str) -> chrono::NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_script_url_a_future_date_and_an_update_before_publication_are_named_at_their_lines() {
        let text = "---\ntitle: T\ndate: 2031-01-02\nupdated: 2030-12-31\nsource_url: javascript:alert(1)\n---\n\nx\n";
        let front = Article::from_markdown(text).unwrap().front;
        let found = lint(text, &front, day("2026-12-07"));
        let lines: Vec<Option<usize>> = found.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [Some(5), Some(3), Some(4)], "{found:?}");
        assert!(found[0].1.contains("not a web address"), "{found:?}");
    }

    #[test]
    fn a_clean_article_has_no_problem() {
        let text = "---\ntitle: T\ndate: 2024-01-02\nsource_url: https://example.org/a\n---\n\nx\n";
        let front = Article::from_markdown(text).unwrap().front;
        assert_eq!(lint(text, &front, day("2026-12-07")), []);
    }

    #[test]
    fn the_second_file_of_a_source_url_is_named_with_the_first() {
        let front = |url: &str| FrontMatter {
            source_url: Some(url.into()),
            ..FrontMatter::default()
        };
        let (a, b, c) = (
            front("https://x.org/1"),
            front("https://x.org/2"),
            front("https://x.org/1"),
        );
        let found = same_source([
            (Path::new("c.md"), &c),
            (Path::new("a.md"), &a),
            (Path::new("b.md"), &b),
        ]);
        assert_eq!(
            found,
            [(
                PathBuf::from("c.md"),
                "https://x.org/1".to_string(),
                PathBuf::from("a.md")
            )]
        );
    }

    #[test]
    fn key_lines_stay_inside_the_front_matter() {
        let text = "---\ntitle: T\nsource_url: x\n---\n\nsource_url: y\n";
        assert_eq!(key_line(text, "source_url"), Some(3));
        assert_eq!(key_line(text, "date"), None);
    }
}
