//! `veille init [DIR]`: a new site folder that builds as it is; files already there are kept.

use std::process::ExitCode;

use super::{InitArgs, Reporter};
use veille::site::scaffold::{self, Options};

pub fn run(args: InitArgs, reporter: &Reporter) -> anyhow::Result<ExitCode> {
    let title = args.title.clone().unwrap_or_else(|| {
        // The folder's name, as a user would call the site ("." → the current folder's).
        std::path::absolute(&args.dir)
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "veille".into())
    });
    let options = Options {
        title,
        language: args.language.clone(),
        base_url: args.base_url.clone(),
    };
    let created = scaffold::create(&args.dir, &options)?;
    for path in &created.written {
        reporter.detail(&format!("wrote {}", args.dir.join(path).display()));
    }
    for path in &created.kept {
        reporter.warning(&format!("{} exists: kept as it is", args.dir.join(path).display()));
    }
    let at = args.dir.display();
    reporter.info(&format!(
        "new site in {at} ({} files written, {} kept)\n  next: veille import --output {} PAGES…, then veille serve --root {at}",
        created.written.len(),
        created.kept.len(),
        args.dir.join("content").display(),
    ));
    Ok(ExitCode::SUCCESS)
}
