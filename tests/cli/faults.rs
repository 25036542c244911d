//! Faults: a build or an import killed at any moment, a disk that fills up. Whatever happens,
//! `public/` is one whole site (the previous one or the next) and `content/` holds only whole
//! articles.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::*;

/// `n` moments in [0, 1) of a run to kill it at, denser towards the end (where a build commits).
fn moments(n: usize) -> Vec<f64> {
    (0..n).map(|i| ((i as f64 + 0.5) / n as f64).sqrt()).collect()
}

/// What a dead build may leave beside `public/`: staging and old folders.
fn leftovers(parent: &Path) -> Vec<String> {
    std::fs::read_dir(parent)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public.staging-") || n.starts_with(".public.old-"))
        .collect()
}

fn veille(dir: &Path, args: &[&str]) -> Command {
    let mut command = bin();
    command
        .current_dir(dir)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// Starts `command`, SIGKILLs it after `after` (if still running); true if it was cut short.
fn kill_after(mut command: Command, after: Duration) -> bool {
    let mut child = command.spawn().unwrap();
    std::thread::sleep(after);
    let _ = child.kill();
    !child.wait().unwrap().success()
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_previous_site_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (content, public) = (dir.path().join("content"), dir.path().join("public"));
    generated_archive(&content, 600, 240, "a");
    assert!(veille(dir.path(), &["build"]).status().unwrap().success());
    // How long a rebuild of every page takes, as in the rounds below.
    generated_archive(&content, 600, 240, "b");
    let started = Instant::now();
    assert!(veille(dir.path(), &["build"]).status().unwrap().success());
    let full = started.elapsed();
    let mut previous = tree(&public);
    let mut cut_short = 0;
    for (round, moment) in moments(8).into_iter().enumerate() {
        // A loaded machine makes a build's length vary: when one finished before its kill,
        // try again sooner, so each round ends with a build that was really cut short.
        let mut after = full.mul_f64(moment);
        for attempt in 0..6 {
            // Every title changes: each build renders and writes the whole site again.
            generated_archive(&content, 600, 240, &format!("r{round}-{attempt}"));
            let killed = kill_after(veille(dir.path(), &["build"]), after);
            let seen = tree(&public);
            let output = run(dir.path(), &["build"]);
            assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
            let next = tree(&public);
            assert!(
                seen == previous || seen == next,
                "round {round}, killed after {after:?} (a build takes {full:?}): \
                 public/ is neither the previous site nor the next"
            );
            assert_eq!(
                leftovers(dir.path()),
                Vec::<String>::new(),
                "the next build removes what a killed one left"
            );
            previous = next;
            if killed {
                cut_short += 1;
                break;
            }
            after /= 2;
        }
    }
    // A kill after the build ended proves nothing: the rounds must have cut builds short.
    assert!(
        cut_short >= 7,
        "only {cut_short} of 8 rounds killed a build before it finished"
    );
}

/// `count` saved pages in `dir`, each an article of a few paragraphs.
fn pages(dir: &Path, count: usize) {
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..count {
        let paragraphs: String = (0..5)
            .map(|p| {
                format!(
                    "<p>Paragraphe {p} de la dépêche {i} : les patrouilles ont repris sur la route de Gao, \
                     selon des sources locales jointes par téléphone, et les marchés rouvrent peu à peu.</p>"
                )
            })
            .collect();
        let page = format!(
            "<!DOCTYPE html><html lang=fr><head><meta charset=utf-8><title>Dépêche {i}</title>\
             <meta property=\"article:published_time\" content=\"2024-03-{:02}\"></head><body><article>\
             <h1>Dépêche numéro {i} sur la situation à Gao</h1>{paragraphs}</article></body></html>",
            1 + i % 28
        );
        std::fs::write(dir.join(format!("page-{i:03}.html")), page).unwrap();
    }
}

/// Every Markdown file in `content` is a whole article; returns how many there are.
fn whole_articles(content: &Path) -> usize {
    let files = markdown_files(content);
    for file in &files {
        let (yaml, body) = front(file);
        assert!(str_field(&yaml, "title").is_some(), "{}", file.display());
        assert!(
            body.trim_end().ends_with("peu à peu."),
            "cut body in {}",
            file.display()
        );
    }
    files.len()
}

fn temp_files(content: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(content)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .filter(|p: &PathBuf| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(".veille-"))
        })
        .collect()
}

#[test]
fn an_import_killed_at_any_moment_leaves_only_whole_articles() {
    let dir = tempfile::tempdir().unwrap();
    pages(&dir.path().join("in"), 300);
    let started = Instant::now();
    assert!(
        veille(dir.path(), &["import", "in", "-o", "probe"])
            .status()
            .unwrap()
            .success()
    );
    let full = started.elapsed();
    let content = dir.path().join("content");
    for moment in moments(5) {
        kill_after(
            veille(dir.path(), &["import", "in", "-o", "content"]),
            full.mul_f64(moment),
        );
        whole_articles(&content);
    }
    let output = run(dir.path(), &["import", "in", "-o", "content"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(whole_articles(&content), 300);
    assert_eq!(
        temp_files(&content),
        Vec::<PathBuf>::new(),
        "temp files of killed imports are removed"
    );
}

/// A small tmpfs mounted for one test, unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    /// Mounts one at `at` (needs root); `None` after saying why, failing under CI.
    fn mount(at: &Path, size: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(at).unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !mounted {
            return crate::tools::skip("cannot mount a tmpfs to fill (needs root): the full-disk test did not run");
        }
        Some(Tmpfs(at.to_path_buf()))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

fn error_lines(output: &std::process::Output) -> Vec<String> {
    stderr(output)
        .lines()
        .filter(|l| l.starts_with("error:"))
        .map(str::to_string)
        .collect()
}

#[test]
fn a_full_disk_fails_the_build_with_one_line_and_keeps_the_previous_site() {
    let dir = tempfile::tempdir().unwrap();
    let Some(disk) = Tmpfs::mount(&dir.path().join("disk"), "3m") else {
        return;
    };
    let content = dir.path().join("content");
    generated_archive(&content, 10, 100, "small");
    let public = disk.0.join("public");
    let build = |dir: &Path| run(dir, &["build", "--output", public.to_str().unwrap()]);
    let output = build(dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let before = tree(&public);

    // Six hundred articles do not fit in 3 MB.
    generated_archive(&content, 600, 240, "large");
    let output = build(dir.path());
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let errors = error_lines(&output);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("No space left on device"), "{errors:?}");
    assert!(
        errors[0].contains(&public.display().to_string()) && !errors[0].contains("staging"),
        "{errors:?}"
    );
    assert!(tree(&public) == before, "public/ changed");
    assert_eq!(
        leftovers(&disk.0),
        Vec::<String>::new(),
        "no staging folder left on the full disk"
    );

    // Space again: the next build goes through.
    std::fs::remove_dir_all(&content).unwrap();
    generated_archive(&content, 12, 100, "small again");
    let output = build(dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(markdown_files(&content).len(), 12);
}

#[test]
fn a_full_disk_stops_the_import_with_one_line_and_leaves_whole_articles() {
    let dir = tempfile::tempdir().unwrap();
    pages(&dir.path().join("in"), 200);
    let Some(disk) = Tmpfs::mount(&dir.path().join("disk"), "256k") else {
        return;
    };
    let content = disk.0.join("content");
    let output = run(dir.path(), &["import", "in", "-o", content.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let errors = error_lines(&output);
    assert_eq!(
        errors.len(),
        2,
        "one write error, one line saying the import stopped: {errors:?}"
    );
    assert!(errors[0].contains("No space left on device"), "{errors:?}");
    assert!(errors[1].contains("disk full: stopped before the"), "{errors:?}");
    let written = whole_articles(&content);
    assert!(written > 0 && written < 200, "{written} articles written");
    assert_eq!(temp_files(&content), Vec::<PathBuf>::new());
    assert!(
        stderr(&output).contains(&format!("imported {written},")),
        "{}",
        stderr(&output)
    );
}
