//! `veille build`: pages from content, errors with path and line, atomic output.

use std::path::Path;

use crate::util::*;

fn article(dir: &Path, name: &str, title: &str, date: &str, body: &str) {
    let text = format!(
        "---\ntitle: '{title}'\ndate: {date}\nlang: fr\nsection: Afrique\nactors: []\ncountries: []\n---\n\n{body}\n"
    );
    std::fs::write(dir.join("content").join(name), text).unwrap();
}

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    article(
        dir.path(),
        "ancien.md",
        "Un ancien article",
        "2024-01-05",
        "Texte ancien.",
    );
    article(
        dir.path(),
        "recent.md",
        "Un article récent",
        "2025-06-09",
        "Texte *récent*.\n\n<script>alert(1)</script>",
    );
    dir
}

#[test]
fn builds_home_and_article_pages() {
    let dir = site();
    let output = run(dir.path(), &["build"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let public = dir.path().join("public");
    let home = std::fs::read_to_string(public.join("index.html")).unwrap();
    let recent = home.find("Un article récent").expect("recent listed");
    let old = home.find("Un ancien article").expect("old listed");
    assert!(recent < old, "newest first");
    assert!(home.contains(r#"href="./articles/recent.html""#), "relative links");

    let page = std::fs::read_to_string(public.join("articles/recent.html")).unwrap();
    assert!(page.contains("<h1>Un article récent</h1>"));
    assert!(page.contains("9 juin 2025"), "date in the article's language");
    assert!(page.contains("<em>récent</em>"));
    assert!(!page.contains("<script>alert"), "body sanitized");
    assert!(page.contains(r#"href="../static/style.css""#));
    assert!(public.join("404.html").is_file() && public.join("static/style.css").is_file());
}

#[test]
fn broken_front_matter_is_reported_and_the_rest_builds() {
    let dir = site();
    std::fs::write(
        dir.path().join("content/casse.md"),
        "---\ntitle: Cassé\ndate: 9 juin\n---\n\nx\n",
    )
    .unwrap();
    let output = run(dir.path(), &["build"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains("casse.md:3: front matter: date \"9 juin\" is not YYYY-MM-DD"),
        "{err}"
    );
    assert!(err.contains("built 2 articles"), "{err}");
}

#[test]
fn strict_failure_leaves_public_byte_for_byte() {
    let dir = site();
    assert_eq!(run(dir.path(), &["build"]).status.code(), Some(0));
    let index = dir.path().join("public/index.html");
    let before = std::fs::read(&index).unwrap();
    article(dir.path(), "nouveau.md", "Nouveau", "2025-07-01", "Texte.");
    std::fs::write(dir.path().join("content/casse.md"), "---\ntitle: [\n---\n").unwrap();
    let output = run(dir.path(), &["build", "--strict"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(std::fs::read(&index).unwrap(), before);
    let entries: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(entries.iter().all(|e| !e.contains("staging")), "{entries:?}");
}

#[test]
fn config_errors_exit_2() {
    let dir = site();
    std::fs::write(dir.path().join("veille.toml"), "titel = \"x\"\n").unwrap();
    let output = run(dir.path(), &["build"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("veille.toml: line 1: unknown field `titel`"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_rebuild_after_edits_equals_a_fresh_build() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir(&content).unwrap();
    std::fs::write(dir.path().join("veille.toml"), "title = \"Archive\"\nper_page = 3\n").unwrap();
    let write = |i: usize, title: &str, actors: &str| {
        let text = format!(
            "---\ntitle: '{title}'\ndate: 2025-01-{:02}\nlang: fr\nsection: Sahel\nactors: [{actors}]\ncountries: [Mali]\n---\n\nTexte {i}.\n",
            i + 1
        );
        std::fs::write(content.join(format!("a{i}.md")), text).unwrap();
    };
    for i in 0..12 {
        write(i, &format!("Article {i}"), if i % 2 == 0 { "JNIM" } else { "Wagner" });
    }
    // One dispatch run by two outlets: long enough to sign, so the second build takes the
    // first one's stored signatures.
    let dispatch =
        "Les habitants de Ménaka décrivent l’arrivée des déplacés, venus à pied des villages voisins. ".repeat(3);
    let copy = |name: &str, outlet: &str, lede: &str| {
        let text = format!(
            "---\ntitle: 'Ménaka, {outlet}'\ndate: 2025-02-01\nlang: fr\nsite_name: {outlet}\n---\n\n{lede} {dispatch}\n"
        );
        std::fs::write(content.join(name), text).unwrap();
    };
    copy("d1.md", "Le Républicain", "Un reportage.");
    let edits: [&dyn Fn(); 6] = [
        // A title: its page, its neighbours, the list pages and feeds that show it.
        &|| write(5, "Titre changé", "Wagner"),
        // A copy of a dispatch from another outlet: both pages name the other, the exports list it.
        &|| copy("d2.md", "L’Indépendant", "Une dépêche reprise."),
        // The site's dictionary: the actor's kind in the exports and on its pages.
        &|| {
            std::fs::create_dir_all(dir.path().join("dictionary")).unwrap();
            std::fs::write(
                dir.path().join("dictionary/actors.yaml"),
                "- name: Wagner\n  kind: person\n  aliases: [Wagner]\n",
            )
            .unwrap();
        },
        // A new tag: a new term page, the counts on the index.
        &|| write(7, "Article 7", "Wagner, ECOWAS"),
        // A deleted article: its page goes, the pagers shift.
        &|| std::fs::remove_file(content.join("a3.md")).unwrap(),
        // The configuration: every page's header.
        &|| std::fs::write(dir.path().join("veille.toml"), "title = \"Autre\"\nper_page = 3\n").unwrap(),
    ];
    assert_eq!(run(dir.path(), &["build"]).status.code(), Some(0));
    for edit in edits {
        edit();
        let output = run(dir.path(), &["build"]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let fresh = tempfile::tempdir().unwrap();
        std::fs::create_dir(fresh.path().join("content")).unwrap();
        for file in markdown_files(&content) {
            std::fs::copy(&file, fresh.path().join("content").join(file.file_name().unwrap())).unwrap();
        }
        std::fs::copy(dir.path().join("veille.toml"), fresh.path().join("veille.toml")).unwrap();
        if dir.path().join("dictionary").is_dir() {
            std::fs::create_dir(fresh.path().join("dictionary")).unwrap();
            std::fs::copy(
                dir.path().join("dictionary/actors.yaml"),
                fresh.path().join("dictionary/actors.yaml"),
            )
            .unwrap();
        }
        assert_eq!(run(fresh.path(), &["build"]).status.code(), Some(0));
        let (incremental, full) = (tree(&dir.path().join("public")), tree(&fresh.path().join("public")));
        assert_eq!(incremental.keys().collect::<Vec<_>>(), full.keys().collect::<Vec<_>>());
        for (path, bytes) in &full {
            assert!(incremental[path] == *bytes, "{path} differs from a fresh build");
        }
    }
    let dispatches = std::fs::read_to_string(dir.path().join("public/data/dispatches.csv")).unwrap();
    assert!(
        dispatches.contains("Ménaka, L’Indépendant") && dispatches.contains("Ménaka, Le Républicain"),
        "{dispatches}"
    );
    let terms = std::fs::read_to_string(dir.path().join("public/data/actors/wagner.json")).unwrap();
    assert!(
        terms.contains(r#""kind":"person""#),
        "the site dictionary's kind: {terms}"
    );
}
