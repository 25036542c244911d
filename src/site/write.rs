//! (I/O) Writes the rendered files into `public/` atomically: everything goes into a staging
//! folder beside it, which replaces `public/` only once complete. A failed build leaves the
//! previous `public/` as it was; files the build no longer produces disappear with the old
//! folder. Nothing outside the output folder and its two siblings is touched.

use std::path::{Path, PathBuf};

use super::SiteError;
use super::render::OutputFile;

pub fn write_atomically(output: &Path, files: &[OutputFile]) -> Result<(), SiteError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| SiteError::Io { path, source }
    };
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(io(parent))?;
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.staging-"))
        .tempdir_in(parent)
        .map_err(io(parent))?;
    for file in files {
        let path = safe_join(staging.path(), &file.path).ok_or_else(|| SiteError::Render {
            page: file.path.clone(),
            message: "output path escapes the output folder".into(),
        })?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io(dir))?;
        }
        std::fs::write(&path, &file.bytes).map_err(io(&path))?;
    }
    // Swap: old public/ aside, staging in, old removed. A README.md that documents public/ in
    // the repository is carried over so the swap never deletes a tracked file.
    let readme = output.join("README.md");
    if readme.is_file() && !files.iter().any(|f| f.path == "README.md") {
        std::fs::copy(&readme, staging.path().join("README.md")).map_err(io(&readme))?;
    }
    let staged = staging.keep();
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    if output.exists() {
        std::fs::rename(output, &old).map_err(io(output))?;
    }
    if let Err(source) = std::fs::rename(&staged, output) {
        // Put the previous site back before reporting.
        let _ = std::fs::rename(&old, output);
        let _ = std::fs::remove_dir_all(&staged);
        return Err(SiteError::Io {
            path: output.to_path_buf(),
            source,
        });
    }
    if old.exists() {
        std::fs::remove_dir_all(&old).map_err(io(&old))?;
    }
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
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, ["public"]);
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
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, ["public"], "staging folder removed");
    }
}
