//! `veille init`: a new site that builds as it is: `veille.toml` with every key documented, an
//! empty `content/`, a theme override folder, a `dictionary/` folder, a README on publishing it
//! (GitHub Pages, Netlify, a plain server) and a `.gitignore` for the build output.
//!
//! [`files`] is pure (what to write, from the options); [`create`] writes what is not there yet
//! and never replaces a file: an existing one is kept and reported.

use std::path::{Path, PathBuf};

use crate::config::{CONFIG_FILE, Config};

/// What the new site says about itself.
#[derive(Debug, Clone)]
pub struct Options {
    pub title: String,
    /// `fr` or `en`.
    pub language: String,
    pub base_url: String,
}

/// The files of a new site, by path relative to its folder.
pub fn files(options: &Options) -> Vec<(PathBuf, String)> {
    // TOML strings quoted by the toml crate: a title with quotes or backslashes stays valid.
    let quoted = |text: &str| toml::Value::String(text.to_string()).to_string();
    let config = include_str!("scaffold/veille.toml")
        .replace("{title}", &quoted(&options.title))
        .replace("{base_url}", &quoted(&options.base_url))
        .replace("{language}", &quoted(&options.language));
    let readme = include_str!("scaffold/README.md").replace("{title}", &options.title);
    [
        (CONFIG_FILE, config),
        ("README.md", readme),
        (".gitignore", include_str!("scaffold/gitignore").to_string()),
        (
            "content/README.md",
            include_str!("scaffold/content-README.md").to_string(),
        ),
        (
            "themes/default/README.md",
            include_str!("scaffold/theme-README.md").to_string(),
        ),
        ("themes/default/templates/.keep", String::new()),
        ("themes/default/static/.keep", String::new()),
        (
            "dictionary/README.md",
            include_str!("scaffold/dictionary-README.md").to_string(),
        ),
    ]
    .into_iter()
    .map(|(path, text)| (PathBuf::from(path), text))
    .collect()
}

/// What [`create`] did, by path relative to the site folder.
#[derive(Debug, Default)]
pub struct Created {
    pub written: Vec<PathBuf>,
    /// Already there: left as they were.
    pub kept: Vec<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("the configuration veille init would write does not load: {0}")]
    Config(#[from] crate::config::ConfigError),
}

/// Writes the files of a new site into `dir` (made if missing); a file that exists is kept.
pub fn create(dir: &Path, options: &Options) -> Result<Created, ScaffoldError> {
    let files = files(options);
    // Checked before anything is written: a title that breaks the file is an error, not a site.
    if let Some((_, text)) = files.iter().find(|(path, _)| path == Path::new(CONFIG_FILE)) {
        Config::parse(text, &dir.join(CONFIG_FILE))?;
    }
    let mut created = Created::default();
    for (relative, text) in files {
        let path = dir.join(&relative);
        let io = |source| ScaffoldError::Io {
            path: path.clone(),
            source,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        // create_new: never replaces a file, even one made between a check and the write.
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut file) => {
                use std::io::Write as _;
                file.write_all(text.as_bytes()).map_err(io)?;
                created.written.push(relative);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => created.kept.push(relative),
            Err(e) => return Err(io(e)),
        }
    }
    Ok(created)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(title: &str) -> Options {
        Options {
            title: title.into(),
            language: "en".into(),
            base_url: "https://example.org/archive/".into(),
        }
    }

    #[test]
    fn the_configuration_loads_with_the_options_even_a_title_with_quotes() {
        let title = "Revue \"Sahel\" \\ d’Afrique";
        let files = files(&options(title));
        let (_, text) = files.iter().find(|(p, _)| p == Path::new(CONFIG_FILE)).unwrap();
        let config = Config::parse(text, Path::new(CONFIG_FILE)).unwrap();
        assert_eq!(config.title, title);
        assert_eq!(config.language, "en");
        assert_eq!(config.base_url, "https://example.org/archive/");
        assert_eq!(
            config.per_page,
            Config::default().per_page,
            "the file shows the defaults"
        );
    }

    #[test]
    fn an_existing_file_is_kept_byte_for_byte() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("README.md"), "mine").unwrap();
        let created = create(dir.path(), &options("T")).unwrap();
        assert_eq!(created.kept, [PathBuf::from("README.md")]);
        assert!(created.written.contains(&PathBuf::from(CONFIG_FILE)));
        assert_eq!(std::fs::read_to_string(dir.path().join("README.md")).unwrap(), "mine");
        let again = create(dir.path(), &options("T")).unwrap();
        assert!(again.written.is_empty(), "{:?}", again.written);
    }
}
