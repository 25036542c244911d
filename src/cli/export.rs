//! `veille export`: the archive as CSV, JSON or GEXF, on standard output or into a file.

use std::io::Write as _;
use std::process::ExitCode;

use anyhow::Context as _;

use super::{ExportArgs, Reporter};
use veille::site::{self, ExportFormat};

pub fn run(args: ExportArgs, reporter: &Reporter) -> anyhow::Result<ExitCode> {
    let config = veille::config::Config::load(&args.root)?;
    let format = match args.format.as_str() {
        "csv" => ExportFormat::Csv,
        "json" => ExportFormat::Json,
        "gexf" => ExportFormat::Gexf,
        other => anyhow::bail!("unknown format {other:?}: csv, json or gexf"),
    };
    let (bytes, skipped) = site::export(&args.root, &config, format)?;
    for error in &skipped {
        reporter.error(&format!("{error} (skipped)"));
    }
    match &args.output {
        None => std::io::stdout()
            .lock()
            .write_all(&bytes)
            .context("writing to standard output")?,
        Some(path) => {
            if path.exists() && !args.force {
                anyhow::bail!("{} exists; --force replaces it", path.display());
            }
            // Through a temporary file beside it: a failed export leaves the old file whole.
            let dir = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(std::path::Path::new("."));
            let mut file =
                tempfile::NamedTempFile::new_in(dir).with_context(|| format!("writing in {}", dir.display()))?;
            file.write_all(&bytes)
                .with_context(|| format!("writing {}", path.display()))?;
            file.persist(path)
                .with_context(|| format!("writing {}", path.display()))?;
            reporter.info(&format!("wrote {} ({} bytes)", path.display(), bytes.len()));
        }
    }
    Ok(if skipped.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
