//! `veille check`: what is wrong with a site before anyone reads it. Content files that do not
//! parse or say something implausible, links inside the built site that lead nowhere, and
//! dictionary forms claimed by two owners, each named by file and line. Nothing is written
//! where the user can see it: the site is built into a temporary folder, read back and dropped.
//!
//! The recipe is one step per kind of problem; the judgements are pure functions in
//! [`content`], [`links`] and [`dictionary`].

pub mod content;
pub mod dictionary;
pub mod links;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::config::Config;
use crate::site::{self, SiteError, archive::Archive};

/// What kind of problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Content,
    Link,
    Dictionary,
    Build,
}

/// One problem, where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub kind: Kind,
    pub path: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// What a check found.
#[derive(Debug, Default)]
pub struct Report {
    pub articles: usize,
    pub pages: usize,
    pub problems: Vec<Problem>,
}

impl Report {
    pub fn count(&self, kind: Kind) -> usize {
        self.problems.iter().filter(|p| p.kind == kind).count()
    }
}

/// Checks the site at `root`. `today` bounds plausible dates. Only a configuration that cannot
/// be used, or a temporary folder that cannot be made, is an error: everything else is a problem
/// in the report.
pub fn check(root: &Path, config: &Config, today: chrono::NaiveDate) -> Result<Report, SiteError> {
    let mut report = Report::default();
    let (dictionary_problems, dictionary_loads) = check_dictionary(root);
    report.problems.extend(dictionary_problems);

    let (loaded, texts, content_problems) = check_content(config, root, today);
    report.articles = loaded.len();
    report.problems.extend(content_problems);
    if dictionary_loads {
        let archive = Archive::new(loaded);
        let (pages, problems) = check_links(root, config, &archive, &texts)?;
        report.pages = pages;
        report.problems.extend(problems);
    }
    Ok(report)
}

/// Each content file's text, read once: the lints, the duplicate check and the link check all
/// point at lines in it.
type Texts = HashMap<PathBuf, String>;

/// Content files that do not load, front matter that says something implausible, and source
/// URLs imported twice; with the articles that loaded and their files' texts.
fn check_content(
    config: &Config,
    root: &Path,
    today: chrono::NaiveDate,
) -> (Vec<site::load::Loaded>, Texts, Vec<Problem>) {
    let (loaded, skipped) = site::load::load(&config.content_dir);
    let mut problems: Vec<Problem> = skipped
        .iter()
        .map(|error| from_site_error(error, Kind::Content, root))
        .collect();
    let texts: Texts = loaded
        .iter()
        .filter_map(|article| {
            let source = article.source.as_ref()?;
            Some((source.clone(), std::fs::read_to_string(source).ok()?))
        })
        .collect();
    for article in &loaded {
        let Some(source) = &article.source else { continue };
        let Some(text) = texts.get(source) else { continue };
        for (line, message) in content::lint(text, &article.article.front, today) {
            problems.push(Problem {
                kind: Kind::Content,
                path: source.clone(),
                line,
                message,
            });
        }
    }
    let sources = loaded
        .iter()
        .filter_map(|l| Some((l.source.as_deref()?, &l.article.front)));
    for (path, url, first) in content::same_source(sources) {
        let line = texts.get(&path).and_then(|t| content::key_line(t, "source_url"));
        problems.push(Problem {
            kind: Kind::Content,
            path,
            line,
            message: format!(
                "source_url {url} is also the source of {}: the same page imported twice?",
                first.display()
            ),
        });
    }

    (loaded, texts, problems)
}

/// A dictionary file that does not load (then no build can follow: the flag is false), or the
/// conflicts among the loaded forms.
fn check_dictionary(root: &Path) -> (Vec<Problem>, bool) {
    use crate::dictionary::{Dictionary, DictionaryError, read_site_file};
    let dir = root.join("dictionary");
    let dictionary = match Dictionary::load(root) {
        Ok(dictionary) => dictionary,
        Err(error) => {
            let (path, line, message) = match error {
                DictionaryError::Read { path, source } => (path, None, format!("cannot read: {source}")),
                DictionaryError::Parse { path, line, message } => (path, line, message),
            };
            let problem = Problem {
                kind: Kind::Dictionary,
                path,
                line,
                message,
            };
            return (vec![problem], false);
        }
    };
    let file = |name: &str| read_site_file(&dir, name).unwrap_or_default();
    let problems = dictionary::conflicts(&dictionary, &dir, &file)
        .into_iter()
        .map(|conflict| {
            let owners: Vec<String> = conflict.owners.iter().map(ToString::to_string).collect();
            Problem {
                kind: Kind::Dictionary,
                path: conflict.at.0,
                line: conflict.at.1,
                message: format!(
                    "{:?} names {}: the tagger gives its articles to one of them only",
                    conflict.form,
                    join_and(&owners)
                ),
            }
        })
        .collect();
    (problems, true)
}

/// Builds the site into a temporary folder and follows its internal links. A broken link in an
/// article's body is named at its line in the content file; one the theme makes, once per
/// target with the number of pages that carry it.
fn check_links(
    root: &Path,
    config: &Config,
    archive: &Archive,
    texts: &Texts,
) -> Result<(usize, Vec<Problem>), SiteError> {
    let scratch = tempfile::Builder::new()
        .prefix("veille-check-")
        .tempdir()
        .map_err(|source| SiteError::Io {
            path: std::env::temp_dir(),
            source,
        })?;
    let mut built = config.clone();
    built.output_dir = scratch.path().join("site");
    if let Err(error) = site::build(root, &built, false) {
        if let SiteError::Config(_) = error {
            return Err(error);
        }
        return Ok((0, vec![from_site_error(&error, Kind::Build, root)]));
    }
    let out = &built.output_dir;
    let files: Vec<String> = WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| Some(e.path().strip_prefix(out).ok()?.to_string_lossy().replace('\\', "/")))
        .collect();
    let pages: Vec<&String> = files.iter().filter(|f| f.ends_with(".html")).collect();
    let sources: HashMap<String, &Path> = archive
        .articles
        .iter()
        .filter_map(|entry| Some((format!("articles/{}.html", entry.slug), entry.source()?)))
        .collect();
    let index = links::Files::new(files.iter().cloned());
    let mut problems = Vec::new();
    // Theme links: target → (pages carrying it, first page).
    let mut theme: HashMap<String, (usize, String)> = HashMap::new();
    for page in &pages {
        let Ok(html) = std::fs::read_to_string(out.join(page)) else {
            continue;
        };
        for link in links::broken(page, &html, &index) {
            match sources
                .get(page.as_str())
                .and_then(|source| Some((*source, line_of(texts.get(*source)?, &link.href)?)))
            {
                Some((path, line)) => problems.push(Problem {
                    kind: Kind::Link,
                    path: path.to_path_buf(),
                    line: Some(line),
                    message: format!("link to {} leads nowhere in the built site", link.href),
                }),
                None => {
                    // Written relative to each page, one target: named once.
                    let target = link.target.unwrap_or(link.href);
                    theme.entry(target).or_insert((0, page.to_string())).0 += 1;
                }
            }
        }
    }
    let theme_folder = root.join("themes").join(&config.theme);
    let mut theme: Vec<(String, (usize, String))> = theme.into_iter().collect();
    theme.sort();
    for (target, (count, first)) in theme {
        problems.push(Problem {
            kind: Kind::Link,
            path: theme_folder.clone(),
            line: None,
            message: format!(
                "link to {target} (in the site root) leads nowhere, on {count} page{} (first: {first})",
                if count == 1 { "" } else { "s" }
            ),
        });
    }
    Ok((pages.len(), problems))
}

/// The line of a content file's `text` where its body writes a link to `href` (Markdown
/// `(href`, `<href>` or an HTML attribute).
fn line_of(text: &str, href: &str) -> Option<usize> {
    let forms = [format!("({href}"), format!("<{href}>"), format!("\"{href}\"")];
    let line = text
        .lines()
        .position(|l| forms.iter().any(|f| l.contains(f.as_str())))?;
    Some(line + 1)
}

fn from_site_error(error: &SiteError, kind: Kind, root: &Path) -> Problem {
    match error {
        SiteError::Content { path, line, message } => Problem {
            kind,
            path: path.clone(),
            line: *line,
            message: message.clone(),
        },
        other => Problem {
            kind,
            path: root.to_path_buf(),
            line: None,
            message: other.to_string(),
        },
    }
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
