//! `veille init`: a new site that builds, checks clean and takes imports as it is; a second init
//! keeps every file the user has.

use super::util::{repo, run, stderr};

#[test]
fn a_new_site_builds_checks_and_imports_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        dir.path(),
        &["init", "archive", "--title", "Revue \"Sahel\"", "--language", "en"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let site = dir.path().join("archive");
    for file in [
        "veille.toml",
        "README.md",
        ".gitignore",
        "content/README.md",
        "themes/default/README.md",
        "dictionary/README.md",
    ] {
        assert!(site.join(file).is_file(), "{file}");
    }
    assert!(site.join("themes/default/templates").is_dir() && site.join("themes/default/static").is_dir());
    let readme = std::fs::read_to_string(site.join("README.md")).unwrap();
    for host in ["GitHub Pages", "Netlify", "plain web server"] {
        assert!(readme.contains(host), "README explains {host}");
    }

    let out = run(&site, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let home = std::fs::read_to_string(site.join("public/index.html")).unwrap();
    assert!(
        home.contains("Revue &quot;Sahel&quot;") && home.contains("lang=\"en\""),
        "{home}"
    );
    assert!(
        !site.join("public/static/.keep").exists(),
        "hidden files are not part of the theme"
    );

    let pages = repo().join("tests/fixtures/tag");
    let out = run(&site, &["import", pages.to_str().unwrap(), "-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(&site, &["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("no problem"), "{}", stderr(&out));
    let out = run(&site, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site.join("public/actors/index.html").is_file());
}

#[test]
fn a_second_init_keeps_what_the_user_wrote() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(dir.path(), &["init"]).status.success());
    let config = dir.path().join("veille.toml");
    std::fs::write(&config, "title = \"Mine\"\n").unwrap();
    let out = run(dir.path(), &["init"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("veille.toml exists: kept as it is"), "{err}");
    assert!(err.contains("0 files written, 8 kept"), "{err}");
    assert_eq!(std::fs::read_to_string(&config).unwrap(), "title = \"Mine\"\n");
}
