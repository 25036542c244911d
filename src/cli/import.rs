//! `veille import`: discover inputs, convert them in parallel, write them in input order,
//! print one line per problem and one summary line.

use std::path::Path;
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use super::{ImportArgs, Reporter, Verbosity};
use veille::convert::{
    self, ConvertError, read,
    tag::{Dictionary, Tagger},
    write::{OutputIndex, Written},
};

/// Inputs extracted before the first is tagged: their extraction takes longer than compiling
/// the tagger (~70 ms) on any machine.
const FIRST_CHUNK: usize = 64;

pub fn run(args: ImportArgs, reporter: &Reporter) -> anyhow::Result<ExitCode> {
    // A site folder's own dictionary/ (beside veille.toml, the current folder) extends the bundled one.
    let site_tagger = match Dictionary::site_has_overrides(Path::new(".")) {
        true => Some(super::tag::site_tagger(Path::new("."))?),
        false => {
            // The tagger takes ~70 ms to compile: do it on the side while the inputs are found,
            // read and the first ones extracted (see FIRST_CHUNK below).
            std::thread::spawn(Tagger::prepare);
            None
        }
    };
    let discovery = read::discover(&args.inputs);
    let (mut index, existing_problems) = OutputIndex::scan(&args.output);
    for problem in &existing_problems {
        reporter.warning(&format!("{problem} (its name stays reserved)"));
    }
    let imported_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);

    let progress = progress_bar(discovery.inputs.len() as u64, reporter.verbosity);
    // The pure part runs on every core; results keep input order. The first inputs are all
    // extracted before any is tagged, so that their extraction covers the tagger's compilation
    // on the side; the rest go through in one pass, each as soon as a core is free.
    let (first, rest) = discovery.inputs.split_at(discovery.inputs.len().min(FIRST_CHUNK));
    let tagger = || site_tagger.as_ref().unwrap_or_else(|| Tagger::bundled());
    let finish = |input: &read::Input, extracted: Result<convert::Extracted, ConvertError>| {
        let result = extracted.and_then(|e| convert::finish(e, &input.path, &input.relative, &imported_at, tagger()));
        progress.inc(1);
        result
    };
    let extract =
        |input: &read::Input| read::read_bytes(&input.path).map(|bytes| convert::extract_bytes(&bytes, &input.path));
    let extracted: Vec<_> = first.par_iter().map(extract).collect();
    let mut results: Vec<Result<convert::Converted, ConvertError>> = first
        .par_iter()
        .zip(extracted)
        .map(|(input, e)| finish(input, e))
        .collect();
    results.par_extend(rest.par_iter().map(|input| finish(input, extract(input))));
    progress.finish_and_clear();

    let mut counts = Counts::default();
    for error in &discovery.errors {
        report_error(reporter, error);
        counts.failed += 1;
    }
    let total = discovery.inputs.len();
    for (done, (input, result)) in discovery.inputs.iter().zip(results).enumerate() {
        let converted = match result {
            Ok(converted) => converted,
            Err(error) => {
                report_error(reporter, &error);
                counts.failed += 1;
                continue;
            }
        };
        for warning in &converted.warnings {
            reporter.warning(&format!("{}: {warning}", input.path.display()));
        }
        match index.write(&converted.article, args.force) {
            Ok(Written::Created(path)) | Ok(Written::Replaced(path)) => {
                reporter.detail(&format!("{} → {}", input.path.display(), path.display()));
                counts.imported += 1;
            }
            Ok(Written::Duplicate { existing, by }) => {
                reporter.info(&format!(
                    "skipped: {}: duplicate of {} (same {by}); --force replaces it",
                    input.path.display(),
                    existing.display()
                ));
                counts.duplicates += 1;
            }
            Err(error) => {
                report_error(reporter, &error);
                counts.failed += 1;
                if error.is_disk_full() {
                    // One line, not one per remaining article: none of them would fit either.
                    let left = total - done - 1;
                    reporter.error(&format!("disk full: stopped before the {left} remaining input(s)"));
                    counts.failed += left;
                    break;
                }
            }
        }
    }
    reporter.info(&counts.summary());
    Ok(if counts.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn report_error(reporter: &Reporter, error: &ConvertError) {
    reporter.error(&error.to_string());
    if let Some(hint) = error.hint() {
        reporter.hint(hint);
    }
}

fn progress_bar(len: u64, verbosity: Verbosity) -> ProgressBar {
    // indicatif draws nothing when stderr is not a terminal, so tests and CI logs stay clean.
    if verbosity == Verbosity::Quiet || len < 2 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}") {
        bar.set_style(style);
    }
    bar
}

#[derive(Default)]
struct Counts {
    imported: usize,
    duplicates: usize,
    failed: usize,
}

impl Counts {
    fn summary(&self) -> String {
        format!(
            "imported {}, skipped {} duplicate{}, failed {}",
            self.imported,
            self.duplicates,
            if self.duplicates == 1 { "" } else { "s" },
            self.failed
        )
    }
}
