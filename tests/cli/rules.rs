//! The extraction rules name no site: a rule that fixes one publisher's pages is tuned to the
//! corpus, not learned from it (issue #13). Reads the rule code itself, tests left out.

use std::path::Path;

use crate::util::repo;

/// The rule code of `file`: what comes before its unit tests, comments left out (they may
/// quote a page, "(rfi.fr)", to say what a rule is for).
fn rules(file: &Path) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    let code = text.find("#[cfg(test)]").map_or(text.as_str(), |at| &text[..at]);
    // A comment starts a line or follows a space; "https://" has a colon before its slashes.
    let comment = regex::Regex::new(r"(?m)(?:^|\s)//.*$").unwrap();
    comment.replace_all(code, "").into_owned()
}

/// Every `.rs` file of the converter.
fn converter_files() -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(repo().join("src/convert"))
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect()
}

/// A host name in a string literal: `lemonde.fr`, `www.bbc.co.uk`, `"nytimes"`-style site
/// names aside (those a reviewer reads), the dotted form a rule would match a URL with.
fn host_names(code: &str) -> Vec<String> {
    let host = regex::Regex::new(
        r"(?i)\b[a-z0-9-]{2,}\.(?:com|net|org|info|fr|uk|de|ml|sn|bf|ne|ci|cm|tg|bj|gn|mr|td|news|io|co)\b",
    )
    .unwrap();
    let literal = regex::Regex::new(r#""(?:[^"\\]|\\.)*""#).unwrap();
    literal
        .find_iter(code)
        .flat_map(|l| {
            host.find_iter(l.as_str())
                .map(|m| m.as_str().to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn no_rule_names_a_site() {
    let files = converter_files();
    assert!(files.len() > 10, "the converter's files were found");
    let mut named = Vec::new();
    for file in &files {
        for host in host_names(&rules(file)) {
            named.push(format!("{}: {host}", file.display()));
        }
    }
    assert!(named.is_empty(), "rules that name a site:\n{}", named.join("\n"));
}

#[test]
fn the_check_sees_a_host_in_a_rule() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("rule.rs");
    let code = "/// For \"lemonde.fr\" pages.\nconst SITES: &[&str] = &[\"maliweb.net\", \"https://www.jeuneafrique.com/\"]; // \"rfi.fr\"\n#[cfg(test)]\nconst T: &str = \"example.org\";";
    std::fs::write(&file, code).unwrap();
    assert_eq!(host_names(&rules(&file)), ["maliweb.net", "jeuneafrique.com"]);
    assert_eq!(
        host_names(r#"let s = "article.body"; let t = "fig.caption";"#),
        Vec::<String>::new()
    );
}
