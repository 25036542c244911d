//! (I/O) Temp files and folders named after the process that made them, so that the next run can
//! tell what a killed one left behind and remove it, and never touch what a live one is using.
//!
//! Every write of a user's file goes through a temp file beside it, renamed into place once
//! complete: a reader (or a crash) sees the old file or the new one, never half of one.

use std::path::Path;
use std::time::Duration;

/// Where the owner cannot be checked (no `/proc`), a leftover is removed once this old.
const STALE_AFTER: Duration = Duration::from_secs(24 * 3600);

/// Prefix and suffix of an article's temp file: hidden, so no reader takes it for an article.
const ARTICLE_PREFIX: &str = ".veille-";
const ARTICLE_SUFFIX: &str = ".tmp";

/// `.{stem}{pid}-`: the prefix of this process's temp entries of one kind.
pub fn prefix(stem: &str) -> String {
    format!("{stem}{}-", std::process::id())
}

/// A temp file in `dir` for an article about to be written there, readable like an ordinary
/// file (0644: tempfile's default of 0600 would carry over to the article on rename).
pub fn article_temp_file(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let prefix = prefix(ARTICLE_PREFIX);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(ARTICLE_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    builder.tempfile_in(dir)
}

/// Removes `path` if it is an article temp file that a killed import or re-tag left behind;
/// true if it went. Called on each file of the walks that read `content/` anyway, so the
/// sweep costs no listing of its own.
pub fn remove_if_article_leftover(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let Some(rest) = name.strip_prefix(ARTICLE_PREFIX) else {
        return false;
    };
    name.ends_with(ARTICLE_SUFFIX) && owner_is_gone(rest, path) && std::fs::remove_file(path).is_ok()
}

/// Removes the entries of `dir` named `{stem}{pid}-…` (for one of `stems`) whose process is gone,
/// files and folders alike. This process's own are kept.
pub fn remove_leftovers(dir: &Path, stems: &[&str]) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = stems.iter().find_map(|s| name.strip_prefix(s)) else {
            continue;
        };
        if !owner_is_gone(rest, &entry.path()) {
            continue;
        }
        let gone = match entry.file_type() {
            Ok(t) if t.is_dir() => std::fs::remove_dir_all(entry.path()),
            _ => std::fs::remove_file(entry.path()),
        };
        removed += usize::from(gone.is_ok());
    }
    removed
}

/// `rest` is what follows the stem in the name of `path`: `{pid}-…`. A name without a pid is
/// not ours to judge but by age.
fn owner_is_gone(rest: &str, path: &Path) -> bool {
    let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
    match pid {
        Some(pid) if pid == std::process::id() => false,
        Some(pid) if cfg!(target_os = "linux") => !Path::new("/proc").join(pid.to_string()).exists(),
        _ => std::fs::symlink_metadata(path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pid no process has: above Linux's pid_max ceiling (2^22).
    const DEAD_PID: u32 = 4_194_305;

    #[test]
    fn a_dead_process_leftovers_go_and_live_ones_stay() {
        let dir = tempfile::tempdir().unwrap();
        let dead = dir.path().join(format!(".veille-{DEAD_PID}-abc.tmp"));
        let mine = article_temp_file(dir.path()).unwrap();
        std::fs::create_dir(dir.path().join("2024")).unwrap();
        let nested = dir.path().join(format!("2024/.veille-{DEAD_PID}-def.tmp"));
        let article = dir.path().join("article.md");
        let unrelated = dir.path().join(format!(".veille-{DEAD_PID}-abc.md"));
        for path in [&dead, &nested, &article, &unrelated] {
            std::fs::write(path, "x").unwrap();
        }
        let removed = [&dead, &nested, &article, &unrelated, &mine.path().to_path_buf()]
            .into_iter()
            .filter(|p| remove_if_article_leftover(p))
            .count();
        assert_eq!(removed, 2);
        assert!(!dead.exists() && !nested.exists());
        assert!(mine.path().exists(), "this process's own temp file stays");
        assert!(article.exists() && unrelated.exists());
    }

    #[test]
    fn folders_of_a_dead_process_go_whole() {
        let dir = tempfile::tempdir().unwrap();
        let staging = dir.path().join(format!(".public.staging-{DEAD_PID}-x"));
        std::fs::create_dir_all(staging.join("a/b")).unwrap();
        std::fs::write(staging.join("a/b/c.html"), "x").unwrap();
        let live = dir.path().join(format!(".public.staging-{}-y", std::process::id()));
        std::fs::create_dir(&live).unwrap();
        assert_eq!(remove_leftovers(dir.path(), &[".public.staging-"]), 1);
        assert!(!staging.exists() && live.exists());
    }

    #[cfg(unix)]
    #[test]
    fn an_article_temp_file_is_world_readable() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let file = article_temp_file(dir.path()).unwrap();
        let mode = file.as_file().metadata().unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o644);
    }
}
