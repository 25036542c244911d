//! veille turns scraped news articles into a browsable, searchable static archive.
//!
//! The crate has two halves joined by one contract:
//! - [`convert`] (`veille import`): read → decode → extract → clean → tag → write, from saved
//!   pages and text dumps to Markdown files with YAML front matter;
//! - [`site`] (`veille build`, `veille serve`): load → render → write, from those Markdown
//!   files to a static site.
//!
//! [`article`] is the contract (one article = front matter + Markdown body), [`config`] the
//! site configuration and [`dictionary`] the knowledge both halves read: the tagger matches its
//! forms, the site shows its labels and descriptions. `convert` and `site` never import each
//! other; [`tempfiles`] is how both write files a kill must not leave half-written. [`check`]
//! (`veille check`) sits above both: it reads a site's content, dictionary and built pages.

pub mod article;
pub mod calendar;
pub mod check;
pub mod config;
pub mod convert;
pub mod dictionary;
pub mod site;
pub mod tempfiles;
