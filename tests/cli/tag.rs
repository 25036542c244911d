//! `veille import` tags actors and countries; `veille tag` re-tags them and keeps manual edits.

use std::path::Path;

use super::util::{front, markdown_files, repo, run, stderr};

fn list(yaml: &serde_yaml::Value, key: &str) -> Vec<String> {
    yaml.get(key)
        .and_then(|v| v.as_sequence())
        .map(|s| s.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

fn import_fixtures(dir: &Path) {
    let out = run(
        dir,
        &[
            "import",
            repo().join("tests/fixtures/tag").to_str().unwrap(),
            "-o",
            "content",
            "-q",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
}

fn article(dir: &Path, source: &str) -> (std::path::PathBuf, serde_yaml::Value) {
    markdown_files(&dir.join("content"))
        .into_iter()
        .map(|p| {
            let (yaml, _) = front(&p);
            (p, yaml)
        })
        .find(|(_, yaml)| yaml.get("source_file").and_then(|v| v.as_str()) == Some(source))
        .expect("article imported")
}

#[test]
fn import_tags_a_french_article() {
    let dir = tempfile::tempdir().unwrap();
    import_fixtures(dir.path());
    let (_, yaml) = article(dir.path(), "bamako.txt");
    let actors = list(&yaml, "actors");
    for expected in ["FAMa", "JNIM", "Al-Qaeda", "Government of Mali", "Souleymane Dembélé"] {
        assert!(actors.contains(&expected.to_string()), "{expected} missing: {actors:?}");
    }
    // The river, the agency and the "Lire aussi" teaser add nothing.
    assert_eq!(list(&yaml, "countries"), vec!["Mali"]);
    assert!(!actors.iter().any(|a| a.contains("France")), "{actors:?}");
}

#[test]
fn import_tags_an_english_article() {
    let dir = tempfile::tempdir().unwrap();
    import_fixtures(dir.path());
    let (_, yaml) = article(dir.path(), "niamey.txt");
    let actors = list(&yaml, "actors");
    for expected in [
        "US Armed Forces",
        "Government of the United States",
        "Government of Niger",
        "Mohamed Bazoum",
        "Nigerien Armed Forces",
        "ECOWAS",
        "Amina Sow",
    ] {
        assert!(actors.contains(&expected.to_string()), "{expected} missing: {actors:?}");
    }
    // Lake Chad is not Chad.
    assert_eq!(list(&yaml, "countries"), vec!["Niger", "United States"]);
}

#[test]
fn retag_keeps_manual_edits() {
    let dir = tempfile::tempdir().unwrap();
    import_fixtures(dir.path());
    let (path, _) = article(dir.path(), "bamako.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    // By hand: add an actor, remove one the tagger found.
    let edited = text
        .replacen("actors:\n", "actors:\n- Dozo militia\n", 1)
        .replacen("- Al-Qaeda\n", "", 1);
    assert_ne!(edited, text);
    std::fs::write(&path, &edited).unwrap();

    let out = run(dir.path(), &["tag"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (yaml, body) = front(&path);
    let actors = list(&yaml, "actors");
    assert!(actors.contains(&"Dozo militia".to_string()), "{actors:?}");
    assert!(!actors.contains(&"Al-Qaeda".to_string()), "{actors:?}");
    assert!(actors.contains(&"JNIM".to_string()), "{actors:?}");
    assert!(body.contains("Bamako a démenti"));

    // A second run changes nothing.
    let before = std::fs::read_to_string(&path).unwrap();
    let out = run(dir.path(), &["tag"]);
    assert!(stderr(&out).contains("retagged 0"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
}

#[test]
fn a_site_dictionary_adds_an_actor_and_suggest_lists_unknown_names() {
    let dir = tempfile::tempdir().unwrap();
    import_fixtures(dir.path());
    let out = run(dir.path(), &["tag", "--suggest"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let listing = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(listing.contains("Kayes"), "{listing}");

    std::fs::create_dir(dir.path().join("dictionary")).unwrap();
    std::fs::write(
        dir.path().join("dictionary/actors.yaml"),
        "- name: Kayes Truckers Union\n  kind: organisation\n  description: test\n  aliases: [camions-citernes]\n",
    )
    .unwrap();
    let out = run(dir.path(), &["tag"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (_, yaml) = article(dir.path(), "bamako.txt");
    assert!(list(&yaml, "actors").contains(&"Kayes Truckers Union".to_string()));
}

#[test]
fn the_review_queue_adds_marked_names_to_the_dictionary_and_never_proposes_an_ignored_one() {
    let dir = tempfile::tempdir().unwrap();
    import_fixtures(dir.path());
    let out = run(dir.path(), &["tag", "--suggest"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let queue = dir.path().join("review.yaml");
    let text = std::fs::read_to_string(&queue).unwrap();
    let entries: Vec<serde_yaml::Value> = serde_yaml::from_str(&text).unwrap();
    let names: Vec<&str> = entries.iter().filter_map(|e| e["name"].as_str()).collect();
    assert!(names.contains(&"Kayes") && names.contains(&"Amina Sow"), "{names:?}");
    let sow = entries.iter().find(|e| e["name"] == "Amina Sow").unwrap();
    assert_eq!(sow["kind"], "person", "guessed from « the researcher Amina Sow »");
    assert!(sow["contexts"][0].as_str().unwrap().contains("researcher Amina Sow"));

    // The user marks two entries and adds a comment of their own to the dictionary first.
    std::fs::create_dir(dir.path().join("dictionary")).unwrap();
    std::fs::write(dir.path().join("dictionary/actors.yaml"), "# mine\n").unwrap();
    let marked = mark(&text, "Amina Sow", "actor");
    let marked = mark(&marked, "Kayes", "ignore");
    std::fs::write(&queue, marked).unwrap();
    let out = run(dir.path(), &["tag", "--apply", queue.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));

    let actors = std::fs::read_to_string(dir.path().join("dictionary/actors.yaml")).unwrap();
    assert!(
        actors.starts_with("# mine\n") && actors.contains("name: Amina Sow"),
        "{actors}"
    );
    let ignored = std::fs::read_to_string(dir.path().join("dictionary/ignore.yaml")).unwrap();
    assert!(ignored.contains("Kayes"), "{ignored}");
    let (_, yaml) = article(dir.path(), "niamey.txt");
    assert!(
        list(&yaml, "actors").contains(&"Amina Sow".to_string()),
        "re-tagged: {yaml:?}"
    );
    let left = std::fs::read_to_string(&queue).unwrap();
    assert!(!left.contains("Amina Sow") && !left.contains("Kayes"), "{left}");

    let out = run(dir.path(), &["tag", "--suggest"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let again = std::fs::read_to_string(&queue).unwrap();
    assert!(
        !again.contains("name: Kayes") && !again.contains("name: Amina Sow"),
        "{again}"
    );
}

#[test]
fn a_bad_mark_is_named_with_its_line_and_stays_in_the_queue() {
    let dir = tempfile::tempdir().unwrap();
    import_fixtures(dir.path());
    let queue = dir.path().join("review.yaml");
    std::fs::write(
        &queue,
        "- name: Nusrat\n  accept: alias-of:JNIM\n- name: Kayes\n  accept: alias-of:Nobody\n",
    )
    .unwrap();
    let out = run(dir.path(), &["tag", "--apply", "review.yaml"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("review.yaml:3: Kayes: `alias-of:Nobody`"),
        "{}",
        stderr(&out)
    );
    let aliases = std::fs::read_to_string(dir.path().join("dictionary/aliases.yaml")).unwrap();
    assert!(
        aliases.contains("alias: Nusrat") && aliases.contains("of: JNIM"),
        "{aliases}"
    );
    let left = std::fs::read_to_string(&queue).unwrap();
    assert!(left.contains("name: Kayes") && !left.contains("Nusrat"), "{left}");

    // A queue that does not parse is never replaced by --suggest.
    std::fs::write(&queue, "- name: [unclosed\n").unwrap();
    let out = run(dir.path(), &["tag", "--suggest"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("review.yaml:"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&queue).unwrap(), "- name: [unclosed\n");
}

/// `text` with the entry `name` marked `accept: mark`.
fn mark(text: &str, name: &str, mark: &str) -> String {
    let start = text.find(&format!("- name: {name}\n")).expect("entry in the queue");
    let at = start + text[start..].find("  accept:").unwrap() + "  accept:".len();
    format!("{} {mark}{}", &text[..at], &text[at..])
}
