//! `veille tag`: re-tag every article under the content folder with the current dictionaries
//! (bundled + the site's `dictionary/`); write the review queue of names the dictionaries miss
//! (`--suggest`) and apply its marks (`--apply`); or time the tagger (`--bench`, hidden; see
//! bench/tag.sh).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context as _;

use super::{Reporter, TagArgs};
use veille::article::Article;
use veille::config::Config;
use veille::convert::tag::retag::{self, Retagged};
use veille::convert::tag::{Dictionary, Tagger, review};
use veille::convert::{self, extract, read};
use veille::dictionary::{ALIASES_FILE, IGNORE_FILE, read_site_file};

pub fn run(args: TagArgs, reporter: &Reporter) -> anyhow::Result<ExitCode> {
    if !args.bench.is_empty() {
        return bench(&args.bench, reporter);
    }
    let config = Config::load(&args.root)?;
    let mut problems = 0;
    if let Some(queue) = &args.apply {
        problems = apply(&args.root, queue, args.dry_run, reporter)?;
    }
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
        let queue = args.review.clone().unwrap_or_else(|| args.root.join("review.yaml"));
        return suggest(&files, &tagger, args.top, &queue, reporter);
    }
    let failed = retag_all(&files, &tagger, args.dry_run, reporter);
    Ok(if failed + problems > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Re-tags every file; returns how many failed.
fn retag_all(files: &[PathBuf], tagger: &Tagger, dry_run: bool, reporter: &Reporter) -> usize {
    let (mut changed, mut unchanged, mut locked, mut failed) = (0, 0, 0, 0);
    for path in files {
        let outcome = std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|text| retag::retag(&text, tagger).map_err(|e| e.to_string()));
        match outcome {
            Ok(Retagged::Changed(text)) => {
                if !dry_run && let Err(error) = write_atomically(path, &text) {
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
    let verb = if dry_run { "would retag" } else { "retagged" };
    reporter.info(&format!(
        "{verb} {changed}, unchanged {unchanged}, locked {locked}, failed {failed}"
    ));
    failed
}

/// Applies a review queue's marks to `root/dictionary/` and rewrites the queue with what stays
/// in it. Checks the new dictionary loads before writing anything. Returns the number of marks
/// that could not be applied (each reported with its line).
fn apply(root: &Path, queue: &Path, dry_run: bool, reporter: &Reporter) -> anyhow::Result<usize> {
    let text = std::fs::read_to_string(queue).with_context(|| format!("{}: cannot read", queue.display()))?;
    let entries = review::parse(&text, queue)?;
    let plan = review::plan(entries, &text, queue, &Dictionary::load(root)?);
    for problem in &plan.problems {
        reporter.error(problem);
    }
    let dir = root.join("dictionary");
    let aliases: Vec<review::AliasItem> = plan
        .aliases
        .iter()
        .map(|(alias, of)| review::AliasItem { alias, of })
        .collect();
    // Each file read once: (name, text after, text before).
    let appended = |name: &'static str, add: &dyn Fn(&str) -> String| {
        read_site_file(&dir, name).map(|before| (name, add(&before), before))
    };
    let files = [
        appended("actors.yaml", &|t| review::append(t, &plan.actors))?,
        appended(ALIASES_FILE, &|t| review::append(t, &aliases))?,
        appended(IGNORE_FILE, &|t| review::append(t, &plan.ignored))?,
    ];
    // The dictionary these files make must load: a queue never leaves a site untaggable.
    Dictionary::with_site_files(&dir, |name| match files.iter().find(|(n, ..)| *n == name) {
        Some((_, after, _)) => Ok(after.clone()),
        None => read_site_file(&dir, name),
    })?;
    if !dry_run {
        std::fs::create_dir_all(&dir).with_context(|| format!("{}: cannot create", dir.display()))?;
        for (name, after, before) in &files {
            if after != before {
                write_atomically(&dir.join(name), after)
                    .with_context(|| format!("{}: cannot write", dir.join(name).display()))?;
            }
        }
        write_atomically(queue, &review::render(&plan.pending))
            .with_context(|| format!("{}: cannot write", queue.display()))?;
    }
    let verb = if dry_run { "would add" } else { "added" };
    reporter.info(&format!(
        "{verb} {} actors, {} aliases, {} ignored names to {}; {} entries left in {}",
        plan.actors.len(),
        plan.aliases.len(),
        plan.ignored.len(),
        dir.display(),
        plan.pending.len(),
        queue.display()
    ));
    Ok(plan.problems.len())
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

/// Writes the review queue: the most frequent names (counted once per article) that match no
/// dictionary entry and are not ignored, keeping the marks of the queue already there; prints
/// them too.
fn suggest(
    files: &[PathBuf],
    tagger: &Tagger,
    top: usize,
    queue: &Path,
    reporter: &Reporter,
) -> anyhow::Result<ExitCode> {
    // Read the old queue first: one that does not parse is the user's work, never replaced.
    let previous = match std::fs::read_to_string(queue) {
        Ok(text) => review::parse(&text, queue).context("fix it or move it away; it was not replaced")?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(e).with_context(|| format!("{}: cannot read", queue.display())),
    };
    let mentions = files.iter().filter_map(|path| {
        let article = std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|t| Article::from_markdown(&t).map_err(|e| e.to_string()));
        match article {
            Ok(article) => {
                let (title, paragraphs) = retag::text_of(&article);
                Some(tagger.unknown_mentions(&title, &paragraphs))
            }
            Err(error) => {
                reporter.warning(&format!("{}: not an article, skipped: {error}", path.display()));
                None
            }
        }
    });
    let fresh = review::collect(mentions, &tagger.dictionary().ignored, top);
    let mut out = String::from("articles  name (matches no dictionary entry)  guessed kind\n");
    for e in &fresh {
        out.push_str(&format!(
            "{:>8}  {}  {}\n",
            e.articles,
            e.name,
            e.kind.as_deref().unwrap_or_default()
        ));
    }
    print!("{out}");
    let entries = review::merge(previous, fresh);
    write_atomically(queue, &review::render(&entries)).with_context(|| format!("{}: cannot write", queue.display()))?;
    reporter.info(&format!(
        "wrote {} names to {}: mark them, then `veille tag --apply {}`",
        entries.len(),
        queue.display(),
        queue.display()
    ));
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
