//! The theme: tera templates and static files. The default theme (`themes/default/`) is
//! embedded in the binary, so `veille build` works anywhere; a site's `themes/<name>/` overrides
//! it file by file (a template with the same name wins), as Zola and mdBook do.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tera::Tera;

use super::SiteError;

/// The embedded default theme: (name, text).
const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../themes/default/templates/base.html")),
    ("index.html", include_str!("../../themes/default/templates/index.html")),
    (
        "article.html",
        include_str!("../../themes/default/templates/article.html"),
    ),
    ("404.html", include_str!("../../themes/default/templates/404.html")),
    (
        "_article_list.html",
        include_str!("../../themes/default/templates/_article_list.html"),
    ),
    ("terms.html", include_str!("../../themes/default/templates/terms.html")),
    ("term.html", include_str!("../../themes/default/templates/term.html")),
    ("pair.html", include_str!("../../themes/default/templates/pair.html")),
    (
        "_pagination.html",
        include_str!("../../themes/default/templates/_pagination.html"),
    ),
    (
        "_timeline.html",
        include_str!("../../themes/default/templates/_timeline.html"),
    ),
    (
        "search.html",
        include_str!("../../themes/default/templates/search.html"),
    ),
];
const DEFAULT_STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../themes/default/static/style.css")),
    ("sort.js", include_bytes!("../../themes/default/static/sort.js")),
    ("search.js", include_bytes!("../../themes/default/static/search.js")),
];

/// Parsed templates and the static files to copy, ready to render.
pub struct Theme {
    pub tera: Tera,
    /// Files copied to `public/static/`: (relative path, bytes).
    pub static_files: Vec<(String, Vec<u8>)>,
    /// Hash of every template: a page rendered by another theme is never reused.
    pub fingerprint: u128,
    /// The site's own templates: name → file, so an error names the file to fix.
    overrides: HashMap<String, PathBuf>,
}

impl Theme {
    /// The default theme with `root/themes/<name>/templates/*.html` and `static/**` laid over it.
    pub fn load(root: &Path, name: &str) -> Result<Theme, SiteError> {
        let dir = root.join("themes").join(name);
        let mut templates: Vec<(String, String)> = DEFAULT_TEMPLATES
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        let mut static_files: Vec<(String, Vec<u8>)> = DEFAULT_STATIC
            .iter()
            .map(|(n, b)| (n.to_string(), b.to_vec()))
            .collect();
        if name != "default" && !dir.is_dir() {
            return Err(SiteError::Theme(format!(
                "theme \"{name}\" not found: no folder {}",
                dir.display()
            )));
        }
        let template_dir = dir.join("templates");
        let overrides = overlay(&template_dir, &mut templates, |path| std::fs::read_to_string(path))?;
        overlay(&dir.join("static"), &mut static_files, |path| std::fs::read(path))?;
        let overrides: HashMap<String, PathBuf> = overrides
            .into_iter()
            .map(|name| (name.clone(), template_dir.join(name)))
            .collect();
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(escape_html);
        tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| SiteError::Theme(located(&error_chain(&e), &overrides)))?;
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        for (name, text) in &templates {
            for part in [name.as_bytes(), text.as_bytes()] {
                hasher.update(&(part.len() as u64).to_le_bytes());
                hasher.update(part);
            }
        }
        Ok(Theme {
            tera,
            static_files,
            fingerprint: hasher.digest128(),
            overrides,
        })
    }

    /// Where a template comes from, as a user would look for it: the site's file, or the
    /// built-in theme.
    pub fn origin(&self, name: &str) -> String {
        match self.overrides.get(name) {
            Some(path) => path.display().to_string(),
            None => format!("built-in template {name}"),
        }
    }
}

/// A tera parse error as `file:line:column: message`, tera's picture of the line below it.
/// tera says "Failed to parse 'NAME':  --> L:C" followed by the snippet.
fn located(chain: &str, overrides: &HashMap<String, PathBuf>) -> String {
    let parsed = chain.strip_prefix("Failed to parse '").and_then(|rest| {
        let (name, rest) = rest.split_once("':")?;
        let (_, at) = rest.split_once("--> ")?;
        let position: String = at.chars().take_while(|c| c.is_ascii_digit() || *c == ':').collect();
        let file = overrides
            .get(name)
            .map_or_else(|| format!("built-in template {name}"), |p| p.display().to_string());
        let snippet = at[position.len()..].trim_end().trim_start_matches(['\r', '\n']);
        Some(format!("{file}:{position}: template does not parse\n{snippet}"))
    });
    parsed.unwrap_or_else(|| chain.to_string())
}

/// Lays the files under `dir` over `list`, by relative name (missing folder: nothing to do),
/// and returns those names. Hidden files (`.keep`, `.DS_Store`, an editor's `.base.html.swp`)
/// are not part of a theme.
fn overlay<T>(
    dir: &Path,
    list: &mut Vec<(String, T)>,
    read: impl Fn(&Path) -> std::io::Result<T>,
) -> Result<Vec<String>, SiteError> {
    let mut names = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
    {
        if entry.file_type().is_file() {
            let value = read(entry.path()).map_err(|source| SiteError::Io {
                path: entry.path().to_path_buf(),
                source,
            })?;
            let name = relative_name(entry.path(), dir);
            replace_or_push(list, name.clone(), value);
            names.push(name);
        }
    }
    Ok(names)
}

fn relative_name(path: &Path, dir: &Path) -> String {
    path.strip_prefix(dir)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

fn replace_or_push<T>(list: &mut Vec<(String, T)>, name: String, value: T) {
    match list.iter_mut().find(|(n, _)| *n == name) {
        Some(slot) => slot.1 = value,
        None => list.push((name, value)),
    }
}

/// Escapes what HTML and XML need escaped, in text and quoted attributes. tera's default also
/// escapes `/`, which turns every relative link into `&#x2F;` soup.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// tera nests the useful message in its source chain.
pub fn error_chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_template_overrides_the_default_one() {
        let dir = tempfile::tempdir().unwrap();
        let templates = dir.path().join("themes/mine/templates");
        std::fs::create_dir_all(&templates).unwrap();
        std::fs::write(templates.join("404.html"), "mine").unwrap();
        let theme = Theme::load(dir.path(), "mine").unwrap();
        let page = theme.tera.render("404.html", &tera::Context::new()).unwrap();
        assert_eq!(page, "mine");
        assert!(theme.tera.get_template_names().any(|n| n == "article.html"));
    }

    #[test]
    fn broken_template_and_missing_theme_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Theme::load(dir.path(), "nope").is_err());
        let templates = dir.path().join("themes/bad/templates");
        std::fs::create_dir_all(&templates).unwrap();
        std::fs::write(templates.join("index.html"), "<h1>\n{{ title }</h1>").unwrap();
        let err = Theme::load(dir.path(), "bad").err().unwrap().to_string();
        let file = templates.join("index.html").display().to_string();
        assert!(err.starts_with(&format!("theme: {file}:2:")), "{err}");
        assert!(err.contains("{{ title }</h1>"), "the line is shown: {err}");
    }
}
