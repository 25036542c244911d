//! `veille.toml`: the site's configuration, with documented defaults.
//!
//! [`Config::parse`] is pure; [`Config::load`] reads the file and falls back to the defaults
//! when there is none. Unknown keys are an error: a typo must not be ignored silently.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// File name looked up at the site root.
pub const CONFIG_FILE: &str = "veille.toml";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Site title, shown in the header and feeds. Default: `"veille"`.
    pub title: String,
    /// One line under the title and in feeds. Default: empty.
    pub description: String,
    /// Absolute URL the site is published at, with its subpath (`https://example.org/archive/`).
    /// Only feeds, the sitemap and canonical links use it; pages link relatively, so `public/`
    /// also works from disk or any subpath. Default: `"http://127.0.0.1:1111/"`.
    pub base_url: String,
    /// Language of the interface, `fr` or `en`. Default: `"fr"`.
    pub language: String,
    /// Theme folder under `themes/`; its templates override the embedded default one by one.
    /// Default: `"default"`.
    pub theme: String,
    /// Articles per list page (home, sections, tags). Default: 20.
    pub per_page: usize,
    /// Folder of Markdown articles. Default: `"content"`.
    pub content_dir: PathBuf,
    /// Build output. Default: `"public"`.
    pub output_dir: PathBuf,
    /// Build the full-text search index (`search/`) and page (`search.html`). Default: true.
    pub search: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "veille".into(),
            description: String::new(),
            base_url: "http://127.0.0.1:1111/".into(),
            language: "fr".into(),
            theme: "default".into(),
            per_page: 20,
            content_dir: "content".into(),
            output_dir: "public".into(),
            search: true,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

impl Config {
    /// Parses `veille.toml` text; `path` only names the file in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let invalid = |message: String| ConfigError::Invalid {
            path: path.to_path_buf(),
            message,
        };
        let mut config: Config = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            let message = e.message().to_string();
            invalid(match line {
                Some(line) => format!("line {line}: {message}"),
                None => message,
            })
        })?;
        if config.per_page == 0 {
            return Err(invalid("per_page must be at least 1".into()));
        }
        if !matches!(config.language.as_str(), "fr" | "en") {
            return Err(invalid(format!(
                "language \"{}\" is not supported: use \"fr\" or \"en\"",
                config.language
            )));
        }
        // A theme is a folder under themes/, never a path that leaves it.
        let mut parts = Path::new(&config.theme).components();
        if !matches!(
            (parts.next(), parts.next()),
            (Some(std::path::Component::Normal(_)), None)
        ) {
            return Err(invalid(format!(
                "theme \"{}\" is not a folder name under themes/",
                config.theme
            )));
        }
        if !config.base_url.ends_with('/') {
            config.base_url.push('/');
        }
        Ok(config)
    }

    /// Loads `root/veille.toml`; a missing file gives the defaults. Relative folders in the
    /// file are taken relative to `root`.
    pub fn load(root: &Path) -> Result<Config, ConfigError> {
        let path = root.join(CONFIG_FILE);
        let mut config = match std::fs::read_to_string(&path) {
            Ok(text) => Config::parse(&text, &path)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Config::default(),
            Err(source) => return Err(ConfigError::Io { path, source }),
        };
        config.content_dir = root.join(&config.content_dir);
        config.output_dir = root.join(&config.output_dir);
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_file_gives_defaults() {
        assert_eq!(Config::parse("", Path::new("veille.toml")).unwrap(), Config::default());
    }

    #[test]
    fn partial_file_keeps_other_defaults() {
        let config = Config::parse(
            "title = \"Sahel\"\nbase_url = \"https://x.org/archive\"",
            Path::new("v"),
        )
        .unwrap();
        assert_eq!(config.title, "Sahel");
        assert_eq!(config.base_url, "https://x.org/archive/");
        assert_eq!(config.per_page, Config::default().per_page);
    }

    #[test]
    fn typo_is_an_error_with_line() {
        let err = Config::parse("title = \"x\"\ntitel = \"y\"\n", Path::new("veille.toml")).unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("veille.toml: line 2"), "{text}");
        assert!(text.contains("titel"), "{text}");
    }

    #[test]
    fn bad_values_are_errors() {
        assert!(Config::parse("per_page = 0", Path::new("v")).is_err());
        assert!(Config::parse("language = \"de\"", Path::new("v")).is_err());
        for theme in ["../x", "/etc", "a/b", "..", ""] {
            assert!(
                Config::parse(&format!("theme = \"{theme}\""), Path::new("v")).is_err(),
                "{theme}"
            );
        }
        assert!(Config::parse("theme = \"sahel-2\"", Path::new("v")).is_ok());
    }
}
