//! `veille build`: load the configuration, build, report skipped content files.

use std::process::ExitCode;

use anyhow::Context as _;

use super::{Reporter, SiteArgs};
use veille::config::Config;
use veille::site;

pub fn run(args: SiteArgs, reporter: &Reporter) -> anyhow::Result<ExitCode> {
    let config = super::site_config(&args)?;
    build_and_report(&args, &config, reporter)
}

/// Builds once and prints the outcome; shared with `serve`.
pub fn build_and_report(args: &SiteArgs, config: &Config, reporter: &Reporter) -> anyhow::Result<ExitCode> {
    let started = std::time::Instant::now();
    let report = match site::build(&args.root, config, args.strict) {
        Ok(report) => report,
        Err(site::SiteError::Strict(errors)) => {
            // Show which files, then fail.
            for error in &errors {
                reporter.error(&error.to_string());
            }
            reporter.error(&site::SiteError::Strict(errors).to_string());
            return Ok(ExitCode::from(1));
        }
        Err(error @ (site::SiteError::Io { .. } | site::SiteError::Render { .. })) => {
            // The build ran and failed (a full disk, a template error on one page): exit 1 as
            // for content errors; exit 2 stays for configuration and theme errors.
            reporter.error(&format!(
                "build failed, {} left unchanged: {error}",
                config.output_dir.display()
            ));
            return Ok(ExitCode::from(1));
        }
        Err(error) => {
            return Err(error).with_context(|| format!("build failed; {} left unchanged", config.output_dir.display()));
        }
    };
    for skipped in &report.skipped {
        reporter.error(&format!("{skipped} (skipped)"));
    }
    reporter.info(&format!(
        "built {} article{} into {} ({} files, {} changed) in {:.2}s",
        report.articles,
        if report.articles == 1 { "" } else { "s" },
        config.output_dir.display(),
        report.files_written,
        report.files_changed,
        started.elapsed().as_secs_f64()
    ));
    Ok(if report.skipped.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
