//! Command-line interface: the clap definition and one module per command. The library never
//! sees clap or indicatif; this module turns their words into library calls.

mod build;
mod check;
mod export;
mod import;
mod init;
mod report;
mod serve;
mod tag;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

pub use report::{Reporter, Verbosity};

const EXAMPLES: &str = "\
Examples:
  veille init archive                     a new site in archive/: veille.toml, content/, themes/, README
  veille import samples/                  import every page under samples/ into content/
  veille import page.html dump.txt -o out write the articles into out/ instead
  veille import samples/ --force          re-import, replacing articles imported before
  veille build                            render content/ into public/ (see veille.toml)
  veille serve --port 8080                build, then preview on http://127.0.0.1:8080/
  veille export --format csv -o tags.csv  one row per article × actor × country, for a spreadsheet
  veille tag --suggest                    names the dictionaries miss, into review.yaml to mark
  veille tag --apply review.yaml          add the marked names to dictionary/, re-tag content/
  veille check                            content errors, broken links, dictionary conflicts";

#[derive(Debug, Parser)]
#[command(name = "veille", version, about = "Turn scraped news articles into a browsable, searchable static archive", after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print one line per input and every warning.
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Convert saved HTML pages and text dumps into Markdown articles.
    #[command(
        after_help = "Inputs are files or folders (searched recursively for .txt, .html, .htm, .xhtml).\nAn article already imported (same source URL, same input bytes or same text) is skipped."
    )]
    Import(ImportArgs),
    /// Render the articles into a static site.
    Build(SiteArgs),
    /// Build, then serve the site locally.
    Serve(ServeArgs),
    /// Re-tag the articles in content/ after a dictionary change, keeping manual edits.
    #[command(
        after_help = "Only `actors`, `countries` and `tags_auto` change; a tag you added or removed by hand stays so,\nand `tags_locked: true` freezes an article. Dictionaries: the bundled ones, overridden by DIR/dictionary/.\n\nReview flow: `veille tag --suggest` writes review.yaml; mark entries `accept: actor`, `accept: alias-of:NAME`\nor `accept: ignore`; `veille tag --apply review.yaml` adds them to dictionary/ and re-tags."
    )]
    Tag(TagArgs),
    /// Write the archive as data: CSV (article × actor × country), JSON (terms) or GEXF (network).
    #[command(
        after_help = "`veille build` writes the same files under public/data/ (mentions.csv, articles.csv, network.gexf,\nactors/<slug>.json, countries/<slug>.json); README.md documents the columns."
    )]
    Export(ExportArgs),
    /// Report content errors, broken internal links and dictionary conflicts (exit 1 if any).
    #[command(
        after_help = "Each problem is one line, `path:line: message`. The site is built into a temporary folder to follow\nits links; public/ is not touched."
    )]
    Check(CheckArgs),
    /// Create a new site: veille.toml, content/, a theme override folder, dictionary/, a README on publishing.
    #[command(after_help = "A file that already exists is kept as it is; nothing is ever replaced.")]
    Init(InitArgs),
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder of the new site (made if missing).
    #[arg(default_value = ".", value_name = "DIR")]
    pub dir: PathBuf,
    /// Site title (default: the folder's name).
    #[arg(long)]
    pub title: Option<String>,
    /// Interface language.
    #[arg(long, default_value = "fr", value_parser = ["fr", "en"])]
    pub language: String,
    /// Where the site will be published, with its subpath (feeds, sitemap, canonical links).
    #[arg(long, default_value = "http://127.0.0.1:1111/", value_name = "URL")]
    pub base_url: String,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Site folder (holds veille.toml, content/, themes/ and an optional dictionary/).
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Site folder (holds veille.toml and content/).
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// csv, json or gexf.
    #[arg(long, default_value = "csv", value_parser = ["csv", "json", "gexf"])]
    pub format: String,
    /// Write here instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct TagArgs {
    /// Site folder (holds veille.toml, content/ and an optional dictionary/).
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Write the review queue (see --review): the most frequent names in the archive that match
    /// no dictionary entry, with counts, contexts and a guessed kind. Articles are not changed.
    #[arg(long, conflicts_with = "apply")]
    pub suggest: bool,
    /// How many names `--suggest` proposes.
    #[arg(long, default_value_t = 40, value_name = "N")]
    pub top: usize,
    /// Where `--suggest` writes the queue (default: DIR/review.yaml); marks already in it are kept.
    #[arg(long, value_name = "FILE")]
    pub review: Option<PathBuf>,
    /// Apply the marks of a review queue to DIR/dictionary/, then re-tag the articles.
    #[arg(long, value_name = "FILE")]
    pub apply: Option<PathBuf>,
    /// Report what would change without writing.
    #[arg(long)]
    pub dry_run: bool,
    /// Print why each of these inputs gets its tags (every form found), write nothing.
    #[arg(long, value_name = "INPUT", num_args = 1.., conflicts_with = "bench")]
    pub explain: Vec<PathBuf>,
    /// Benchmark: time dictionary loading and tagging (one thread) over these inputs, write nothing.
    #[arg(long, hide = true, value_name = "INPUT", num_args = 1..)]
    pub bench: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files or folders to import.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Folder the Markdown files are written to.
    #[arg(short, long, default_value = "content", value_name = "DIR")]
    pub output: PathBuf,
    /// Replace an article imported before instead of skipping it as a duplicate.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct SiteArgs {
    /// Site folder (holds veille.toml, content/, themes/).
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Fail the build on any content error instead of skipping the file.
    #[arg(long)]
    pub strict: bool,
    /// Write the site here instead of the configured output_dir.
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Port to listen on (default: a free one).
    #[arg(short, long)]
    pub port: Option<u16>,
    /// Address to bind; anything but loopback exposes the preview to the network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
}

/// The site's configuration, with command-line overrides.
fn site_config(args: &SiteArgs) -> anyhow::Result<veille::config::Config> {
    let mut config = veille::config::Config::load(&args.root)?;
    if let Some(output) = &args.output {
        config.output_dir = output.clone();
    }
    Ok(config)
}

/// Runs a command and decides the exit code once.
pub fn run(cli: Cli) -> ExitCode {
    let verbosity = if cli.quiet {
        Verbosity::Quiet
    } else if cli.verbose {
        Verbosity::Verbose
    } else {
        Verbosity::Normal
    };
    let reporter = Reporter::new(verbosity);
    let outcome = match cli.command {
        Command::Import(args) => import::run(args, &reporter),
        Command::Build(args) => build::run(args, &reporter),
        Command::Serve(args) => serve::run(args, &reporter),
        Command::Tag(args) => tag::run(args, &reporter),
        Command::Export(args) => export::run(args, &reporter),
        Command::Check(args) => check::run(args, &reporter),
        Command::Init(args) => init::run(args, &reporter),
    };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            reporter.error(&format!("{error:#}"));
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
