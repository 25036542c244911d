//! `veille check`: every problem named by file and line, exit 1 when any; a clean site passes;
//! nothing is written where the user can see it.

use super::site::copy_dir;
use super::util::{repo, run, stderr};

#[test]
fn content_links_and_dictionary_problems_are_named_with_their_lines() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/fixtures/check/broken"), dir.path());
    let out = run(dir.path(), &["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for expected in [
        "content/date-illisible.md:3: front matter: date \"9 juin\"",
        "content/attaque-kayes.md:11: link to article-disparu.html leads nowhere",
        "content/bilan-semaine.md:4: source_url https://journal.example/2024/03/attaque-kayes is also the source of",
        "content/lien-piege.md:4: source_url \"javascript:alert(1)\" is not a web address",
        "content/lien-piege.md:3: date 2099-01-01 is after today",
        "dictionary/actors.yaml:6: \"JNIM\" names actor JNIM and actor Katiba Serma",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert!(
        !err.contains("bilan-semaine.html leads"),
        "a link that resolves is fine:\n{err}"
    );
    assert!(
        err.contains("checked 3 articles and") && err.contains(": 6 problems (4 content, 1 link, 1 dictionary)"),
        "{err}"
    );
    assert!(!dir.path().join("public").exists(), "check writes no site");
}

#[test]
fn a_clean_site_passes() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/fixtures/site/tagged"), dir.path());
    let out = run(dir.path(), &["check"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("no problem"), "{err}");
}

#[test]
fn a_dictionary_that_does_not_load_is_named_and_no_build_follows() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/fixtures/site/tagged"), dir.path());
    std::fs::create_dir_all(dir.path().join("dictionary")).unwrap();
    std::fs::write(dir.path().join("dictionary/actors.yaml"), "- name: X\n  kind: wizard\n").unwrap();
    let out = run(dir.path(), &["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("dictionary/actors.yaml:"), "{err}");
    assert!(err.contains("1 problem (1 dictionary)"), "{err}");
}

#[test]
fn a_broken_link_the_theme_makes_is_named_once_with_its_page_count() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/fixtures/site/tagged"), dir.path());
    let templates = dir.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    let base = std::fs::read_to_string(repo().join("themes/default/templates/base.html")).unwrap();
    let broken = base.replacen("</body>", "<a href=\"{{ root }}about.html\">about</a></body>", 1);
    assert_ne!(base, broken, "base.html has a </body> to put the link before");
    std::fs::write(templates.join("base.html"), broken).unwrap();
    let out = run(dir.path(), &["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let lines: Vec<&str> = err.lines().filter(|l| l.contains("about.html")).collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(
        lines[0].contains("themes/default: link to about.html (in the site root) leads nowhere, on "),
        "{err}"
    );
    assert!(lines[0].contains(" pages (first: "), "{err}");
}
