//! `veille check`: every problem of the site, one line each (`path:line: message`), a summary,
//! exit 1 when there is any.

use std::process::ExitCode;

use super::{CheckArgs, Reporter};
use veille::check::{self, Kind};

pub fn run(args: CheckArgs, reporter: &Reporter) -> anyhow::Result<ExitCode> {
    let config = veille::config::Config::load(&args.root)?;
    let today = chrono::Local::now().date_naive();
    let report = check::check(&args.root, &config, today)?;
    for problem in &report.problems {
        reporter.error(&problem.to_string());
    }
    let counts = [
        (Kind::Content, "content"),
        (Kind::Link, "link"),
        (Kind::Dictionary, "dictionary"),
        (Kind::Build, "build"),
    ]
    .iter()
    .filter_map(|&(kind, name)| {
        let n = report.count(kind);
        (n > 0).then(|| format!("{n} {name}"))
    })
    .collect::<Vec<_>>();
    let problems = report.problems.len();
    reporter.info(&format!(
        "checked {} article{} and {} page{}: {}",
        report.articles,
        plural(report.articles),
        report.pages,
        plural(report.pages),
        if problems == 0 {
            "no problem".to_string()
        } else {
            format!("{problems} problem{} ({})", plural(problems), counts.join(", "))
        }
    ));
    Ok(if problems == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
