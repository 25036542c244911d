//! `veille tag`: re-tag every article under the content folder with the current dictionaries
//! (bundled + the site's `dictionary/`), or list names the dictionaries miss (`--suggest`), or
//! time the tagger (`--bench`, hidden; see bench/tag.sh).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context as _;

use super::{Reporter, TagArgs};
use veille::article::Article;
use veille::config::Config;
use veille::convert::tag::retag::{self, Retagged};
use veille::convert::tag::{Dictionary, Tagger};
use veille::convert::{self, extract, read};

pub fn run(args: TagArgs, reporter: &Reporter) -> anyhow::Result<ExitCode> {
    if !args.bench.is_empty() {
        return bench(&args.bench, reporter);
    }
    let config = Config::load(&args.root)?;
    let tagger = site_tagger(&args.root)?;
    if !args.explain.is_empty() {
        for draft in drafts(&args.explain) {
            println!("# {}", draft.title.as_deref().unwrap_or_default());
            for line in tagger.explain(draft.title.as_deref().unwrap_or_default(), &draft.paragraphs) {
                println!("{line}");
            }
            let tags = tagger.tag(draft.title.as_deref().unwrap_or_default(), &draft.paragraphs);
            println!("actors: {:?}\ncountries: {:?}", tags.actors, tags.countries);
        }
        return Ok(ExitCode::SUCCESS);
    }
    let files =
        markdown_files(&config.content_dir).with_context(|| format!("cannot read {}", config.content_dir.display()))?;
    if args.suggest {
        return suggest(&files, &tagger, args.top, reporter);
    }
    let (mut changed, mut unchanged, mut locked, mut failed) = (0, 0, 0, 0);
    for path in &files {
        let outcome = std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|text| retag::retag(&text, &tagger).map_err(|e| e.to_string()));
        match outcome {
            Ok(Retagged::Changed(text)) => {
                if !args.dry_run
                    && let Err(error) = write_atomically(path, &text)
                {
                    reporter.error(&format!("{}: cannot write: {error}", path.display()));
                    failed += 1;
                    continue;
                }
                reporter.detail(&format!("retagged {}", path.display()));
                changed += 1;
            }
            Ok(Retagged::Unchanged) => unchanged += 1,
            Ok(Retagged::Locked) => locked += 1,
            Err(error) => {
                reporter.error(&format!("{}: {error}", path.display()));
                failed += 1;
            }
        }
    }
    let verb = if args.dry_run { "would retag" } else { "retagged" };
    reporter.info(&format!(
        "{verb} {changed}, unchanged {unchanged}, locked {locked}, failed {failed}"
    ));
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The bundled dictionaries, with the site's own laid over them when it has some.
pub fn site_tagger(root: &Path) -> anyhow::Result<Tagger> {
    Ok(Tagger::new(Dictionary::load(root)?))
}

/// `.md` files under `dir`, sorted, so runs report in a stable order.
fn markdown_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    if !dir.is_dir() {
        return Err(std::io::Error::new(std::io::ErrorKind::NotFound, "no such folder"));
    }
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        // What a killed re-tag left goes on the way.
        .filter(|e| e.file_type().is_file() && !veille::tempfiles::remove_if_article_leftover(e.path()))
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    Ok(files)
}

/// Temp file in the same folder, then rename: a crash never leaves half an article.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut file = veille::tempfiles::article_temp_file(dir)?;
    file.write_all(text.as_bytes())?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Prints the most frequent names (counted once per article) that match no dictionary entry.
fn suggest(files: &[PathBuf], tagger: &Tagger, top: usize, reporter: &Reporter) -> anyhow::Result<ExitCode> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for path in files {
        let Ok(article) = std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|t| Article::from_markdown(&t).map_err(|e| e.to_string()))
        else {
            reporter.warning(&format!("{}: not an article, skipped", path.display()));
            continue;
        };
        let (title, paragraphs) = retag::text_of(&article);
        let mut names = tagger.unknown_names(&title, &paragraphs);
        names.sort();
        names.dedup();
        for name in names {
            *counts.entry(name).or_default() += 1;
        }
    }
    let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut out = String::from("articles  name (matches no dictionary entry)\n");
    for (name, n) in ranked.into_iter().take(top) {
        out.push_str(&format!("{n:>8}  {name}\n"));
    }
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

/// The drafts (title + body paragraphs, boilerplate out) of the readable inputs.
fn drafts(inputs: &[PathBuf]) -> Vec<extract::Draft> {
    read::discover(inputs)
        .inputs
        .iter()
        .filter_map(|input| {
            read::read_bytes(&input.path)
                .ok()
                .map(|bytes| convert::draft_of(&bytes, &input.path).0)
        })
        .collect()
}

/// Times dictionary loading (parse + compile, best of 5) and tagging (one thread, repeated for at
/// least a second) over the drafts of `inputs`. Reading and extraction are not timed.
fn bench(inputs: &[PathBuf], reporter: &Reporter) -> anyhow::Result<ExitCode> {
    let drafts = drafts(inputs);
    anyhow::ensure!(!drafts.is_empty(), "nothing to benchmark: no readable input");
    let (mut load, mut parse) = (Duration::MAX, Duration::MAX);
    let mut tagger = None;
    for _ in 0..5 {
        let start = Instant::now();
        let dictionary = Dictionary::bundled();
        parse = parse.min(start.elapsed());
        let t = Tagger::new(dictionary);
        load = load.min(start.elapsed());
        tagger = Some(t);
    }
    let tagger = tagger.context("tagger built")?;
    let bytes: usize = drafts
        .iter()
        .map(|d| d.paragraphs.iter().map(String::len).sum::<usize>())
        .sum();
    let (mut articles, mut found) = (0usize, 0usize);
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(1) {
        for d in &drafts {
            let tags = tagger.tag(d.title.as_deref().unwrap_or_default(), &d.paragraphs);
            found += tags.actors.len() + tags.countries.len();
            articles += 1;
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let rounds = articles / drafts.len();
    println!(
        "dictionary load (parse + compile, best of 5): {:.1} ms (parse {:.1} ms), {} forms",
        load.as_secs_f64() * 1000.0,
        parse.as_secs_f64() * 1000.0,
        tagger.form_count()
    );
    println!(
        "tagging, one thread: {} articles ({} rounds of {}), {:.0} articles/s, {:.1} MB/s of body text ({} tags)",
        articles,
        rounds,
        drafts.len(),
        articles as f64 / secs,
        (bytes * rounds) as f64 / secs / 1e6,
        found / rounds.max(1)
    );
    reporter.detail(&format!("{} inputs read", drafts.len()));
    Ok(ExitCode::SUCCESS)
}
