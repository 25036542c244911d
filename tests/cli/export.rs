//! The archive as data: `veille build` writes public/data/, `veille export` prints the same,
//! and pandas reads the tables with the counts the site shows.

use std::path::Path;
use std::process::Command;

use crate::tools;
use crate::util::*;

fn built_fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    crate::site::copy_dir(&repo().join("tests/fixtures/site/tagged"), dir.path());
    let output = run(dir.path(), &["build"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    dir
}

/// The count an actor's page shows.
fn page_count(public: &Path, page: &str) -> usize {
    let html = std::fs::read_to_string(public.join(page)).unwrap();
    let at = html.find(r#"<span class="count">"#).unwrap() + r#"<span class="count">"#.len();
    html[at..].split('<').next().unwrap().parse().unwrap()
}

#[test]
fn build_writes_the_tables_the_network_and_a_file_per_term() {
    let dir = built_fixture();
    let data = dir.path().join("public/data");
    let mentions = std::fs::read_to_string(data.join("mentions.csv")).unwrap();
    let mut lines = mentions.lines();
    assert_eq!(
        lines.next(),
        Some("article,title,date,source_url,site_name,lang,section,actor,country")
    );
    // aes-sommet: 2 actors × 3 countries; ecowas-exit 2 × 3; jnim-kayes 2 × 1; wagner-depart
    // 3 × 2; sans-date one blank row.
    assert_eq!(lines.count(), 6 + 6 + 2 + 6 + 1);
    let jnim: serde_json::Value =
        serde_json::from_slice(&std::fs::read(data.join("actors/jnim.json")).unwrap()).unwrap();
    assert_eq!(jnim["count"], 2);
    assert_eq!(jnim["months"]["2025-06"], 2);
    assert_eq!(jnim["articles"].as_array().unwrap().len(), 2);
    assert_eq!(jnim["partners"][0]["name"], "Mali");
    let gexf = std::fs::read_to_string(data.join("network.gexf")).unwrap();
    assert!(gexf.starts_with(r#"<?xml version="1.0" encoding="UTF-8"?>"#));
    assert!(
        gexf.contains(r#"<node id="actors/jnim" label="JNIM (GSIM)">"#),
        "{gexf}"
    );
    // `veille export` prints the same table.
    let output = run(dir.path(), &["export", "--format", "csv"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(String::from_utf8_lossy(&output.stdout), mentions);
}

#[test]
fn export_into_a_file_never_replaces_one_without_force() {
    let dir = built_fixture();
    let target = dir.path().join("network.gexf");
    std::fs::write(&target, "mine").unwrap();
    let output = run(dir.path(), &["export", "--format", "gexf", "-o", "network.gexf"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("network.gexf exists; --force replaces it"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "mine");
    let output = run(
        dir.path(),
        &["export", "--format", "gexf", "-o", "network.gexf", "--force"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(std::fs::read_to_string(&target).unwrap().contains("<gexf"));
    let output = run(dir.path(), &["export", "--format", "json"]);
    let terms: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(
        terms
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["name"] == "Mali" && t["count"] == 4)
    );
}

#[test]
fn pandas_reads_the_tables_with_the_site_counts() {
    // The python3 on PATH (a virtualenv, pyenv), else Debian's, where apt installs pandas.
    let python = ["python3", "/usr/bin/python3"].into_iter().find(|python| {
        Command::new(python)
            .args(["-c", "import pandas"])
            .output()
            .is_ok_and(|o| o.status.success())
    });
    let Some(python) = python else {
        tools::skip::<()>("python3 with pandas not found; apt-get install python3-pandas (bash .ci/run installs it)");
        return;
    };
    let dir = built_fixture();
    let public = dir.path().join("public");
    let script = r#"
import sys, pandas
m = pandas.read_csv(sys.argv[1] + "/data/mentions.csv", keep_default_na=False)
a = pandas.read_csv(sys.argv[1] + "/data/articles.csv", keep_default_na=False)
print(len(a), m["article"].nunique(), m[m.actor == "JNIM"]["article"].nunique(),
      m[m.country == "Mali"]["article"].nunique(), a["title"].str.contains("«").sum())
"#;
    let output = Command::new(python).args(["-c", script]).arg(&public).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let numbers: Vec<usize> = String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    let titles_with_guillemets = std::fs::read_dir(dir.path().join("content"))
        .unwrap()
        .filter(|e| {
            let text = std::fs::read_to_string(e.as_ref().unwrap().path()).unwrap();
            text.lines().any(|l| l.starts_with("title:") && l.contains('«'))
        })
        .count();
    assert_eq!(
        numbers,
        [
            5,
            5,
            page_count(&public, "actors/jnim/index.html"),
            page_count(&public, "countries/mali/index.html"),
            titles_with_guillemets
        ]
    );
}
