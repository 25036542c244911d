//! The Nu HTML checker's verdict on the built bundled sample and on the tagged fixture site.

use crate::tools;
use crate::util::*;

#[test]
fn the_built_html_validates() {
    let Some(jar) = tools::vnu_jar() else { return };
    let (_dir, public) = bundled_sample();
    let fixture = tempfile::tempdir().unwrap();
    crate::site::copy_dir(&repo().join("tests/fixtures/site/tagged"), fixture.path());
    assert_eq!(run(fixture.path(), &["build"]).status.code(), Some(0));
    for folder in [public, fixture.path().join("public")] {
        let output = std::process::Command::new("java")
            .args([
                "-jar",
                jar.to_str().unwrap(),
                "--skip-non-html",
                "--errors-only",
                folder.to_str().unwrap(),
            ])
            .output()
            .expect("java runs");
        let report = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success() && report.trim().is_empty(),
            "{}:\n{report}",
            folder.display()
        );
    }
}
