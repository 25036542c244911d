//! (I/O) Puts the rendered files into `public/` atomically, and leaves unchanged files alone.
//!
//! Files stream into a staging folder beside `public/` as they are rendered ([`Staging`] is the
//! renderer's [`Sink`]); the folder replaces `public/` only once complete, so a failed or killed
//! build leaves the previous site as it was, and files the build no longer produces disappear
//! with the old folder. A file whose bytes (or whose render key) are the same as in the previous
//! build is hard-linked from it instead of written: it keeps its inode and mtime, so `rsync` or
//! an S3 sync uploads only what changed, and a page whose inputs did not change is not even
//! rendered. The previous build is described by a manifest beside the output folder
//! (`.public.manifest`); each record also holds the file's size, mtime and inode, so a file
//! changed by hand since is never taken for the build's own. Nothing outside the output folder
//! and its siblings named `.public.*` is touched.

use std::collections::{HashMap, HashSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;

use super::SiteError;
use super::render::{Key, OutputFile, Sink};

/// What the manifest remembers of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Record {
    /// What the file was rendered from (0: written without a key).
    key: Key,
    /// xxh3-128 of its bytes.
    hash: u128,
    size: u64,
    /// Nanoseconds since the epoch, and inode (0 where the platform has none).
    mtime: u128,
    inode: u64,
}

/// How much of the site a build wrote.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Files in the new site.
    pub files: usize,
    /// Files whose bytes changed or are new (the others are the previous build's, linked).
    pub changed: usize,
}

/// A build in progress: the staging folder, the previous build's manifest, the new one.
pub struct Staging {
    output: PathBuf,
    manifest: PathBuf,
    dir: tempfile::TempDir,
    previous: HashMap<String, Record>,
    records: Mutex<Vec<(String, Record)>>,
    /// Previous files found intact and wanted again, linked into the staging folder only at
    /// commit, and only if something else changed: a no-op build touches no file.
    kept: Mutex<Vec<(String, Record)>>,
    made_dirs: Mutex<HashSet<PathBuf>>,
    changed: AtomicUsize,
    /// Commit moves the new and changed files into `public/` one by one instead of swapping
    /// the folder (see [`Staging::begin_in_place`]).
    in_place: bool,
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> SiteError + '_ {
    move |source| SiteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

impl Staging {
    /// Starts a build of `output`: removes what killed builds left beside it, reads the manifest.
    pub fn begin(output: &Path) -> Result<Staging, SiteError> {
        let parent = output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(io_error(parent))?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        remove_leftovers(parent, &name, output);
        let dir = tempfile::Builder::new()
            .prefix(&crate::tempfiles::prefix(&format!(".{name}.staging-")))
            .tempdir_in(parent)
            .map_err(io_error(parent))?;
        let manifest = beside(output, "manifest");
        let previous = if output.is_dir() {
            read_manifest(&manifest)
        } else {
            HashMap::new()
        };
        Ok(Staging {
            output: output.to_path_buf(),
            manifest,
            dir,
            previous,
            records: Mutex::new(Vec::new()),
            kept: Mutex::new(Vec::new()),
            made_dirs: Mutex::new(HashSet::new()),
            changed: AtomicUsize::new(0),
            in_place: false,
        })
    }

    /// `error` with a path in the staging folder named as the file in the output folder it was
    /// to become: the staging folder is gone by the time the user reads the message.
    pub fn in_output_terms(&self, error: SiteError) -> SiteError {
        match error {
            SiteError::Io { path, source } => match path.strip_prefix(self.dir.path()) {
                Ok(relative) => SiteError::Io {
                    path: self.output.join(relative),
                    source,
                },
                Err(_) => SiteError::Io { path, source },
            },
            other => other,
        }
    }

    /// Like [`Staging::begin`], but the commit moves each new or changed file into the output
    /// folder (each move is atomic: a reader sees the old file or the new one) and removes the
    /// files the build no longer makes, instead of swapping the whole folder: a build that
    /// changes one page of a large site costs one page. A failed build still changes nothing;
    /// a build killed while committing leaves some files new and some old. For the preview,
    /// whose folder is its own and whose pages reload once the build is done.
    pub fn begin_in_place(output: &Path) -> Result<Staging, SiteError> {
        Ok(Staging {
            in_place: true,
            ..Staging::begin(output)?
        })
    }

    /// Swaps the staging folder in for `public/` and saves the manifest. When every file is the
    /// previous build's, `public/` is left as it is.
    pub fn commit(self) -> Result<Written, SiteError> {
        let kept = std::mem::take(&mut *self.kept.lock().unwrap_or_else(|e| e.into_inner()));
        let mut records = std::mem::take(&mut *self.records.lock().unwrap_or_else(|e| e.into_inner()));
        let written = Written {
            files: records.len() + kept.len(),
            changed: self.changed.load(Ordering::Relaxed),
        };
        if written.changed == 0 && records.is_empty() && kept.len() == self.previous.len() && self.output.is_dir() {
            // The same files as before, all intact: nothing to swap. Keys may have moved.
            if kept.iter().any(|(path, r)| self.previous.get(path) != Some(r)) {
                let _ = write_manifest(&self.manifest, &kept);
            }
            return Ok(written);
        }
        if self.in_place && self.output.is_dir() {
            return self.commit_in_place(kept, records, written);
        }
        let linked: Vec<Result<(String, Record), SiteError>> = kept
            .into_par_iter()
            .map(|(path, record)| self.link_kept(path, record))
            .collect();
        for entry in linked {
            records.push(entry?);
        }
        let paths: HashSet<&str> = records.iter().map(|(p, _)| p.as_str()).collect();
        // A README.md that documents public/ in the repository is carried over so the swap never
        // deletes a tracked file.
        let readme = self.output.join("README.md");
        if readme.is_file() && !paths.contains("README.md") {
            std::fs::copy(&readme, self.dir.path().join("README.md")).map_err(io_error(&readme))?;
        }
        let written = Written {
            changed: self.changed.load(Ordering::Relaxed),
            ..written
        };
        let staged = self.dir.keep();
        let parent = staged.parent().unwrap_or(Path::new("."));
        let name = self.output.file_name().unwrap_or_default().to_string_lossy();
        let old = parent.join(crate::tempfiles::prefix(&format!(".{name}.old-")));
        let previous = swap_in(&staged, &self.output, old)?;
        // The site is in place; a manifest that fails to save only costs the next build time.
        let _ = write_manifest(&self.manifest, &records);
        if let Some(old) = previous {
            std::fs::remove_dir_all(&old).map_err(io_error(&old))?;
        }
        Ok(written)
    }

    /// Moves the staged files over the output folder's, removes what the build no longer makes.
    fn commit_in_place(
        self,
        kept: Vec<(String, Record)>,
        records: Vec<(String, Record)>,
        written: Written,
    ) -> Result<Written, SiteError> {
        for (path, _) in &records {
            let (Some(from), Some(to)) = (safe_join(self.dir.path(), path), safe_join(&self.output, path)) else {
                continue;
            };
            if let Some(dir) = to.parent() {
                std::fs::create_dir_all(dir).map_err(io_error(dir))?;
            }
            std::fs::rename(&from, &to).map_err(io_error(&to))?;
        }
        let mut all = kept;
        all.extend(records);
        let made: HashSet<&str> = all.iter().map(|(p, _)| p.as_str()).collect();
        for path in self.previous.keys().filter(|p| !made.contains(p.as_str())) {
            if let Some(old) = safe_join(&self.output, path) {
                let _ = std::fs::remove_file(&old);
                // Folders the removal emptied go too (a deleted article's term pages).
                let mut dir = old.parent();
                while let Some(d) = dir.filter(|d| *d != self.output && std::fs::remove_dir(d).is_ok()) {
                    dir = d.parent();
                }
            }
        }
        let _ = write_manifest(&self.manifest, &all);
        Ok(written)
    }

    fn target(&self, relative: &str) -> Result<PathBuf, SiteError> {
        let path = safe_join(self.dir.path(), relative).ok_or_else(|| SiteError::Render {
            page: relative.to_string(),
            message: "output path escapes the output folder".into(),
        })?;
        if let Some(dir) = path.parent() {
            let known = self.made_dirs.lock().map(|d| d.contains(dir)).unwrap_or(false);
            if !known {
                std::fs::create_dir_all(dir).map_err(io_error(dir))?;
                if let Ok(mut made) = self.made_dirs.lock() {
                    made.insert(dir.to_path_buf());
                }
            }
        }
        Ok(path)
    }

    fn record(&self, path: &str, record: Record) {
        if let Ok(mut records) = self.records.lock() {
            records.push((path.to_string(), record));
        }
    }

    /// Keeps the previous build's `path` if it is still what the manifest says it is; `key`
    /// becomes its key in the new manifest.
    fn keep_previous(&self, path: &str, record: Record, key: Key) -> bool {
        if !self.intact(path, &record) {
            return false;
        }
        if let Ok(mut kept) = self.kept.lock() {
            kept.push((path.to_string(), Record { key, ..record }));
        }
        true
    }

    /// The previous build's file at `path` has the size, mtime and inode the manifest gives.
    fn intact(&self, path: &str, record: &Record) -> bool {
        safe_join(&self.output, path)
            .and_then(|old| stat(&old))
            .is_some_and(|s| s == (record.size, record.mtime, record.inode))
    }

    /// Links a kept file into the staging folder (copies it where links are not supported).
    fn link_kept(&self, path: String, record: Record) -> Result<(String, Record), SiteError> {
        let changed = || SiteError::Render {
            page: path.clone(),
            message: "changed in the output folder while the build was reusing it".into(),
        };
        let old = safe_join(&self.output, &path).ok_or_else(changed)?;
        if !self.intact(&path, &record) {
            return Err(changed());
        }
        let new = self.target(&path)?;
        if std::fs::hard_link(&old, &new).is_ok() {
            return Ok((path, record));
        }
        std::fs::copy(&old, &new).map_err(io_error(&new))?;
        self.changed.fetch_add(1, Ordering::Relaxed);
        let (size, mtime, inode) = stat(&new).ok_or_else(changed)?;
        Ok((
            path,
            Record {
                size,
                mtime,
                inode,
                ..record
            },
        ))
    }
}

impl Sink for Staging {
    fn reuse(&self, path: &str, key: Key) -> Result<bool, SiteError> {
        match self.previous.get(path) {
            Some(&record) if record.key == key && key != 0 => Ok(self.keep_previous(path, record, key)),
            _ => Ok(false),
        }
    }

    fn reuse_all(&self, prefix: &str, key: Key) -> Result<bool, SiteError> {
        if key == 0 {
            return Ok(false);
        }
        let group: Vec<(&String, &Record)> = self
            .previous
            .iter()
            .filter(|(path, record)| path.starts_with(prefix) && record.key == key)
            .collect();
        // All or nothing: half of an index would be worse than rendering it again.
        if group.is_empty() || !group.iter().all(|(path, record)| self.intact(path, record)) {
            return Ok(false);
        }
        for (path, record) in group {
            self.keep_previous(path, *record, key);
        }
        Ok(true)
    }

    fn write(&self, path: &str, bytes: &[u8], key: Option<Key>) -> Result<(), SiteError> {
        let key = key.unwrap_or(0);
        let hash = xxhash_rust::xxh3::xxh3_128(bytes);
        if let Some(&record) = self.previous.get(path)
            && record.hash == hash
            && record.size == bytes.len() as u64
            && self.keep_previous(path, record, key)
        {
            return Ok(());
        }
        let target = self.target(path)?;
        std::fs::write(&target, bytes).map_err(io_error(&target))?;
        self.changed.fetch_add(1, Ordering::Relaxed);
        let (size, mtime, inode) = stat(&target).unwrap_or((bytes.len() as u64, 0, 0));
        self.record(
            path,
            Record {
                key,
                hash,
                size,
                mtime,
                inode,
            },
        );
        Ok(())
    }
}

/// Writes `files` as one build: for callers that have every file in hand.
pub fn write_atomically(output: &Path, files: &[OutputFile]) -> Result<Written, SiteError> {
    let staging = Staging::begin(output)?;
    for file in files {
        staging.write(&file.path, &file.bytes, None)?;
    }
    staging.commit()
}

/// Size, mtime (ns) and inode of a file.
fn stat(path: &Path) -> Option<(u64, u128, u64)> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    let mtime = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?.as_nanos();
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    Some((meta.len(), mtime, inode))
}

/// Puts the complete `staged` folder at `output` and returns where the previous site went (to
/// be removed). On Linux the two trade places in one atomic exchange, so at every instant
/// `output` is one whole site; elsewhere (or on a filesystem without the exchange) two renames,
/// with a moment between them when `output` is missing, which [`remove_leftovers`] repairs if
/// the build dies there.
fn swap_in(staged: &Path, output: &Path, old: PathBuf) -> Result<Option<PathBuf>, SiteError> {
    if !output.exists() {
        std::fs::rename(staged, output).map_err(io_error(output))?;
        return Ok(None);
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, staged, CWD, output, RenameFlags::EXCHANGE).is_ok() {
            return Ok(Some(staged.to_path_buf()));
        }
    }
    std::fs::rename(output, &old).map_err(io_error(output))?;
    if let Err(source) = std::fs::rename(staged, output) {
        // Put the previous site back before reporting.
        let _ = std::fs::rename(&old, output);
        let _ = std::fs::remove_dir_all(staged);
        return Err(SiteError::Io {
            path: output.to_path_buf(),
            source,
        });
    }
    Ok(Some(old))
}

/// Removes the staging and old folders of builds that were killed (their process is gone), and
/// puts back a previous site that a build killed in the middle of its swap had moved aside.
fn remove_leftovers(parent: &Path, name: &str, output: &Path) {
    let old = format!(".{name}.old-");
    if !output.exists()
        && let Ok(entries) = std::fs::read_dir(parent)
    {
        // Only where the platform had no atomic exchange: between its two renames there is no
        // output folder, and the previous site is the one old folder.
        let olds: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(&old))
            .map(|e| e.path())
            .collect();
        if let [only] = olds.as_slice() {
            let _ = std::fs::rename(only, output);
        }
    }
    let staging = format!(".{name}.staging-");
    crate::tempfiles::remove_leftovers(parent, &[&staging, &old]);
}

/// The file `.NAME.WHAT` beside the output folder `NAME` (`.public.manifest`): what a build
/// keeps for the next one, outside the folder it publishes.
pub fn beside(output: &Path, what: &str) -> PathBuf {
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    parent.join(format!(".{name}.{what}"))
}

/// One line per file: `key hash size mtime inode path`, hex for the hashes. A manifest that
/// does not read is no manifest: the build then renders and writes everything.
fn read_manifest(path: &Path) -> HashMap<String, Record> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return HashMap::new();
    };
    let parse = |line: &str| -> Option<(String, Record)> {
        let mut fields = line.splitn(6, ' ');
        let record = Record {
            key: u128::from_str_radix(fields.next()?, 16).ok()?,
            hash: u128::from_str_radix(fields.next()?, 16).ok()?,
            size: fields.next()?.parse().ok()?,
            mtime: fields.next()?.parse().ok()?,
            inode: fields.next()?.parse().ok()?,
        };
        Some((fields.next()?.to_string(), record))
    };
    let mut lines = text.lines();
    if lines.next() != Some(MANIFEST_HEADER) {
        return HashMap::new();
    }
    lines.map(parse).collect::<Option<HashMap<_, _>>>().unwrap_or_default()
}

const MANIFEST_HEADER: &str = "veille build manifest 1";

fn write_manifest(path: &Path, records: &[(String, Record)]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    let mut out = std::io::BufWriter::new(file.as_file_mut());
    writeln!(out, "{MANIFEST_HEADER}")?;
    for (name, r) in records {
        writeln!(
            out,
            "{:x} {:x} {} {} {} {name}",
            r.key, r.hash, r.size, r.mtime, r.inode
        )?;
    }
    out.flush()?;
    drop(out);
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Joins a relative output path, refusing anything that could leave `dir`.
fn safe_join(dir: &Path, relative: &str) -> Option<PathBuf> {
    let path = Path::new(relative);
    let safe = path.components().all(|c| matches!(c, std::path::Component::Normal(_)));
    safe.then(|| dir.join(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    fn siblings(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[cfg(unix)]
    fn inode(path: &Path) -> u64 {
        std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(path).unwrap())
    }

    proptest::proptest! {
        /// An output path (made from slugs, but checked again here) never leaves the folder.
        #[test]
        fn any_relative_path_joins_inside_the_folder(relative in "(\\.\\.|\\.|/|\\\\|[a-z]{1,4}|C:|\\PC)*") {
            let dir = Path::new("/site/public");
            if let Some(path) = safe_join(dir, &relative) {
                let inside = path.strip_prefix(dir).map(|rest| rest.components().all(|c| matches!(c, std::path::Component::Normal(_))));
                proptest::prop_assert_eq!(inside, Ok(true), "{:?} -> {}", relative, path.display());
            }
        }
    }

    #[test]
    fn a_site_moved_aside_by_a_killed_swap_is_put_back() {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        // What the two-rename swap leaves when killed between its renames (pid: none alive).
        let old = dir.path().join(".public.old-4194305-");
        std::fs::create_dir(&old).unwrap();
        std::fs::write(old.join("a.html"), "previous").unwrap();
        let staging = Staging::begin(&public).unwrap();
        assert_eq!(std::fs::read_to_string(public.join("a.html")).unwrap(), "previous");
        assert!(!old.exists());
        drop(staging);
    }

    #[test]
    fn replaces_the_whole_folder() {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        write_atomically(&public, &[file("index.html", "v1"), file("old/x.html", "gone soon")]).unwrap();
        std::fs::write(public.join("README.md"), "kept").unwrap();
        write_atomically(&public, &[file("index.html", "v2")]).unwrap();
        assert_eq!(std::fs::read_to_string(public.join("index.html")).unwrap(), "v2");
        assert!(!public.join("old").exists());
        assert_eq!(std::fs::read_to_string(public.join("README.md")).unwrap(), "kept");
        assert_eq!(siblings(dir.path()), [".public.manifest", "public"]);
    }

    #[test]
    fn failed_write_leaves_public_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        write_atomically(&public, &[file("index.html", "v1")]).unwrap();
        let err = write_atomically(&public, &[file("index.html", "v2"), file("../escape.html", "x")]);
        assert!(err.is_err());
        assert_eq!(std::fs::read_to_string(public.join("index.html")).unwrap(), "v1");
        assert!(!dir.path().join("escape.html").exists());
        assert_eq!(
            siblings(dir.path()),
            [".public.manifest", "public"],
            "staging folder removed"
        );
    }

    #[cfg(unix)]
    #[test]
    fn unchanged_files_keep_their_inode_and_changed_ones_do_not() {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        write_atomically(&public, &[file("a.html", "same"), file("b.html", "v1")]).unwrap();
        let (a, b) = (inode(&public.join("a.html")), inode(&public.join("b.html")));
        let written = write_atomically(&public, &[file("a.html", "same"), file("b.html", "v2")]).unwrap();
        assert_eq!(written, Written { files: 2, changed: 1 });
        assert_eq!(inode(&public.join("a.html")), a, "unchanged file is the same file");
        assert_ne!(inode(&public.join("b.html")), b);
        assert_eq!(std::fs::read_to_string(public.join("b.html")).unwrap(), "v2");
    }

    #[cfg(unix)]
    #[test]
    fn a_file_edited_by_hand_is_never_taken_for_the_builds_own() {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        let staging = Staging::begin(&public).unwrap();
        staging.write("a.html", b"rendered", Some(7)).unwrap();
        staging.commit().unwrap();
        // Replaced by hand with other bytes: the next build must render it again.
        std::fs::remove_file(public.join("a.html")).unwrap();
        std::fs::write(public.join("a.html"), "edited by hand").unwrap();
        let staging = Staging::begin(&public).unwrap();
        assert!(!staging.reuse("a.html", 7).unwrap());
        staging.write("a.html", b"rendered", Some(7)).unwrap();
        staging.commit().unwrap();
        assert_eq!(std::fs::read_to_string(public.join("a.html")).unwrap(), "rendered");
        // Untouched since: the same key reuses it without rendering.
        let staging = Staging::begin(&public).unwrap();
        assert!(staging.reuse("a.html", 7).unwrap());
        assert!(!staging.reuse("a.html", 8).unwrap(), "another key is another page");
        assert_eq!(staging.commit().unwrap(), Written { files: 1, changed: 0 });
    }

    #[cfg(unix)]
    #[test]
    fn a_build_that_changes_nothing_leaves_public_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        write_atomically(&public, &[file("a.html", "a"), file("b.html", "b")]).unwrap();
        let folder = inode(&public);
        let same = write_atomically(&public, &[file("a.html", "a"), file("b.html", "b")]).unwrap();
        assert_eq!(same, Written { files: 2, changed: 0 });
        assert_eq!(inode(&public), folder, "no swap when nothing changed");
        assert_eq!(siblings(dir.path()), [".public.manifest", "public"]);
        // One file fewer is a change: the folder is swapped and the file is gone.
        let fewer = write_atomically(&public, &[file("a.html", "a")]).unwrap();
        assert_eq!(fewer, Written { files: 1, changed: 0 });
        assert_ne!(inode(&public), folder);
        assert!(!public.join("b.html").exists());
        assert_eq!(std::fs::read_to_string(public.join("a.html")).unwrap(), "a");
    }

    #[cfg(unix)]
    #[test]
    fn a_kept_file_edited_before_commit_fails_the_build_and_keeps_public() {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        write_atomically(&public, &[file("a.html", "a"), file("b.html", "b")]).unwrap();
        let staging = Staging::begin(&public).unwrap();
        staging.write("a.html", b"a", None).unwrap();
        staging.write("b.html", b"b2", None).unwrap();
        // Edited by hand while the build runs: it must not be linked as the build's own.
        std::fs::remove_file(public.join("a.html")).unwrap();
        std::fs::write(public.join("a.html"), "by hand").unwrap();
        assert!(staging.commit().is_err());
        assert_eq!(std::fs::read_to_string(public.join("a.html")).unwrap(), "by hand");
        assert_eq!(std::fs::read_to_string(public.join("b.html")).unwrap(), "b");
        assert_eq!(siblings(dir.path()), [".public.manifest", "public"]);
    }

    #[cfg(unix)]
    #[test]
    fn in_place_commit_moves_changes_and_removes_what_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        write_atomically(
            &public,
            &[file("a.html", "a"), file("b.html", "b"), file("t/x/index.html", "x")],
        )
        .unwrap();
        let (folder, a) = (inode(&public), inode(&public.join("a.html")));
        let staging = Staging::begin_in_place(&public).unwrap();
        staging.write("a.html", b"a", None).unwrap();
        staging.write("b.html", b"b2", None).unwrap();
        staging.write("c.html", b"c", None).unwrap();
        assert_eq!(staging.commit().unwrap(), Written { files: 3, changed: 2 });
        assert_eq!(inode(&public), folder, "the folder is not swapped");
        assert_eq!(inode(&public.join("a.html")), a, "an unchanged file is not touched");
        assert_eq!(std::fs::read_to_string(public.join("b.html")).unwrap(), "b2");
        assert_eq!(std::fs::read_to_string(public.join("c.html")).unwrap(), "c");
        assert!(
            !public.join("t").exists(),
            "a file no longer made goes, with its emptied folders"
        );
        assert_eq!(siblings(dir.path()), [".public.manifest", "public"]);
        // The manifest follows: the next build sees every file as its own.
        let staging = Staging::begin(&public).unwrap();
        for (path, bytes) in [("a.html", "a"), ("b.html", "b2"), ("c.html", "c")] {
            staging.write(path, bytes.as_bytes(), None).unwrap();
        }
        assert_eq!(staging.commit().unwrap(), Written { files: 3, changed: 0 });
    }

    #[test]
    fn a_group_is_reused_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        let staging = Staging::begin(&public).unwrap();
        staging.write("search/a.json", b"a", Some(3)).unwrap();
        staging.write("search/b.json", b"b", Some(3)).unwrap();
        staging.commit().unwrap();
        let staging = Staging::begin(&public).unwrap();
        assert!(staging.reuse_all("search/", 3).unwrap());
        assert_eq!(staging.commit().unwrap(), Written { files: 2, changed: 0 });
        std::fs::remove_file(public.join("search/b.json")).unwrap();
        let staging = Staging::begin(&public).unwrap();
        assert!(!staging.reuse_all("search/", 3).unwrap(), "one file missing");
    }

    #[test]
    fn leftovers_of_killed_builds_are_removed_and_a_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        // A pid no process has (above Linux's pid_max), and this process's own.
        let dead = dir.path().join(".public.staging-4194999-abc");
        let old = dir.path().join(".public.old-4194999");
        let live = dir.path().join(format!(".public.staging-{}-xyz", std::process::id()));
        for folder in [&dead, &old, &live] {
            std::fs::create_dir_all(folder.join("articles")).unwrap();
        }
        write_atomically(&public, &[file("index.html", "v1")]).unwrap();
        if cfg!(target_os = "linux") {
            assert!(!dead.exists() && !old.exists());
        }
        assert!(live.exists(), "a running build's folder stays");
    }
}
