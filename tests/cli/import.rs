//! `veille import`: the seed, duplicates, bad inputs, hostile shapes.

use crate::util::*;

#[test]
fn seed_gives_the_contract_fields() {
    let dir = tempfile::tempdir().unwrap();
    let seed = repo().join("samples/dumps/seed-article.txt");
    let output = run(dir.path(), &["import", seed.to_str().unwrap(), "--output", "out"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("imported 1, skipped 0 duplicates, failed 0"),
        "{}",
        stderr(&output)
    );

    let files = markdown_files(&dir.path().join("out"));
    assert_eq!(files.len(), 1);
    let name = files[0].file_name().unwrap().to_str().unwrap();
    assert!(
        name.starts_with("mali-le-jnim-considere-le-depart-de-wagner") && name.is_ascii(),
        "{name}"
    );

    let (yaml, body) = front(&files[0]);
    assert_eq!(
        str_field(&yaml, "title"),
        Some("Mali : le JNIM considère le départ de Wagner comme une défaite de la Russie dans la région")
    );
    assert_eq!(str_field(&yaml, "section"), Some("Afrique"));
    assert_eq!(str_field(&yaml, "lang"), Some("fr"));
    assert_eq!(str_field(&yaml, "source_file"), Some("seed-article.txt"));
    assert!(
        yaml.get("date").is_none(),
        "the seed states no publication date; « le 9 juin » is in the story"
    );
    let summary = str_field(&yaml, "summary").unwrap();
    assert!(summary.chars().count() <= 300 && summary.ends_with('.'), "{summary}");
    assert!(summary.starts_with("Le groupe de paramilitaires russe Wagner"));
    for key in ["actors", "countries", "authors"] {
        assert!(yaml.get(key).is_some_and(|v| v.is_sequence()), "{key} is a list");
    }
    let provenance = yaml.get("provenance").unwrap();
    assert_eq!(str_field(provenance, "sha256").unwrap().len(), 64);
    assert_eq!(str_field(provenance, "encoding"), Some("UTF-8"));

    // The body: every paragraph, exact typography, nothing of the page around it.
    assert!(body.contains("Jama’at Nusratul Islam wal Muslimin (JNIM)"));
    assert!(body.contains("« cette annonce vient contredire les affirmations de Bamako"));
    assert!(body.trim_end().ends_with("tant politique que sécuritaire."));
    for junk in [
        "Home AFRIQUE",
        "LEAVE A REPLY",
        "Please enter",
        "Captcha",
        "CAPTCHA",
        "\n0\n",
    ] {
        assert!(!body.contains(junk), "{junk:?} in body");
    }
}

#[test]
fn reimport_is_a_duplicate_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let seed = repo().join("samples/dumps/seed-article.txt");
    let seed = seed.to_str().unwrap();
    assert_eq!(run(dir.path(), &["import", seed, "-o", "out"]).status.code(), Some(0));
    let file = markdown_files(&dir.path().join("out")).remove(0);
    let before = std::fs::read(&file).unwrap();

    let output = run(dir.path(), &["import", seed, "-o", "out"]);
    assert_eq!(output.status.code(), Some(0));
    let err = stderr(&output);
    assert!(
        err.contains("duplicate of") && err.contains("imported 0, skipped 1 duplicate, failed 0"),
        "{err}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), before, "file untouched");
    assert_eq!(markdown_files(&dir.path().join("out")).len(), 1);

    // --force replaces in place, never beside.
    let output = run(dir.path(), &["import", seed, "-o", "out", "--force"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(markdown_files(&dir.path().join("out")), vec![file]);
}

#[test]
fn bad_inputs_are_reported_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = repo().join("tests/fixtures/import/bad");
    let empty_folder = dir.path().join("nothing-here");
    std::fs::create_dir(&empty_folder).unwrap();
    std::fs::write(empty_folder.join("notes.json"), "{}").unwrap();
    let output = run(
        dir.path(),
        &[
            "import",
            fixtures.to_str().unwrap(),
            "missing.txt",
            "nothing-here",
            "-o",
            "out",
        ],
    );
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    let error_lines: Vec<&str> = err.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(error_lines.len(), 5, "{err}");
    for expected in [
        "empty.txt: empty file",
        "image.html: binary content (a PNG image)",
        "menu.html: no article found",
        "missing.txt: cannot read",
        "nothing-here: folder holds no .txt or .html file",
    ] {
        assert!(
            error_lines.iter().any(|l| l.contains(expected)),
            "{expected} not in {err}"
        );
    }
    assert!(err.contains("imported 1, skipped 0 duplicates, failed 5"), "{err}");

    let files = markdown_files(&dir.path().join("out"));
    assert_eq!(files.len(), 1);
    let (yaml, body) = front(&files[0]);
    assert_eq!(
        str_field(&yaml, "title"),
        Some("Burkina : une école rouvre ses portes à Djibo après deux ans de fermeture")
    );
    assert_eq!(str_field(&yaml, "section"), Some("Sécurité"));
    assert_eq!(str_field(&yaml, "date"), Some("2025-10-03"));
    assert_eq!(yaml.get("authors").unwrap()[0].as_str(), Some("Awa Traoré"));
    assert!(body.contains("trois cents élèves") && !body.contains("Laisser un commentaire"));
}

#[test]
fn hostile_titles_stay_inside_the_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let page = "<!DOCTYPE html><html><head><meta charset=utf-8><title>x</title></head><body><article>\
        <h1>../../../../tmp/veille-canary/..\\..\\etc/cron.d/\u{1}\u{1b}[31m\u{202e}Mali : le bilan</h1>\
        <p>Un paragraphe assez long pour former un article, avec des mots, des virgules et un point final.</p>\
        <p>Un second paragraphe assez long, lui aussi, pour que l’article ne soit pas rejeté.</p></article></body></html>";
    std::fs::write(dir.path().join("traversal.html"), page).unwrap();
    std::fs::write(
        dir.path().join("con.html"),
        page.replace("<title>x</title>", "<title>CON | Hebdo</title>").replace(
            &page[page.find("<h1>").unwrap() + 4..page.find("</h1>").unwrap()],
            "CON",
        ),
    )
    .unwrap();
    let output = run(dir.path(), &["import", "traversal.html", "con.html", "-o", "out"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let names: Vec<String> = markdown_files(&dir.path().join("out"))
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    for name in &names {
        assert!(
            name.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.'),
            "{name}"
        );
        assert!(name.len() < 100);
    }
    assert!(names.contains(&"con-1.md".to_string()), "{names:?}");
    assert!(!std::path::Path::new("/tmp/veille-canary").exists());
    let traversal = names.iter().find(|n| n.contains("mali-le-bilan")).unwrap();
    let (yaml, _) = front(&dir.path().join("out").join(traversal));
    let title = str_field(&yaml, "title").unwrap();
    assert!(!title.chars().any(|c| c.is_control() || c == '\u{202e}'), "{title:?}");
}

#[test]
fn legacy_encodings_come_out_exact() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Ségou : le cœur du marché céréalier frappé par l’insécurité";
    let body = "« Nous attendons des mesures concrètes », dit un commerçant – l’État promet une réponse rapide.";
    let page = format!(
        "<html><head><title>{text}</title></head><body><article><h1>{text}</h1><p>{body}</p><p>{body} Encore.</p></article></body></html>"
    );
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(&page);
    std::fs::write(dir.path().join("cp1252.html"), &cp1252).unwrap();
    let lying = page.replace("<head>", "<head><meta charset=\"utf-8\">");
    std::fs::write(
        dir.path().join("lying.html"),
        encoding_rs::WINDOWS_1252.encode(&lying).0,
    )
    .unwrap();
    let output = run(dir.path(), &["import", "cp1252.html", "-o", "a"]);
    assert_eq!(output.status.code(), Some(0));
    let output_lying = run(dir.path(), &["import", "lying.html", "-o", "b"]);
    assert!(
        stderr(&output_lying).contains("lying.html: declares charset UTF-8 but its bytes are not valid UTF-8"),
        "{}",
        stderr(&output_lying)
    );
    for folder in ["a", "b"] {
        let file = markdown_files(&dir.path().join(folder)).remove(0);
        let (yaml, body) = front(&file);
        assert_eq!(str_field(&yaml, "title"), Some(text));
        assert!(body.contains(body_start(body.as_str())), "unreachable");
        assert!(
            body.contains("« Nous attendons des mesures concrètes »") && body.contains('–'),
            "{body}"
        );
        assert!(!body.contains('\u{fffd}') && !body.contains("Ã"));
        assert_eq!(
            str_field(yaml.get("provenance").unwrap(), "encoding"),
            Some("windows-1252")
        );
    }
}

fn body_start(body: &str) -> &str {
    &body[..body.len().min(10)]
}

#[test]
fn the_bundled_samples_import_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let samples = repo().join("samples");
    let output = run(dir.path(), &["import", samples.to_str().unwrap(), "-o", "out"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let files = markdown_files(&dir.path().join("out"));
    assert!(files.len() >= 16, "{}", files.len());
    for file in &files {
        let (yaml, body) = front(file);
        assert!(
            !str_field(&yaml, "title").unwrap_or("").is_empty(),
            "{}",
            file.display()
        );
        assert!(
            matches!(str_field(&yaml, "lang"), Some("fr" | "en")),
            "{}",
            file.display()
        );
        for bad in ["<script", "javascript:", "onclick"] {
            assert!(!body.contains(bad), "{bad} in {}", file.display());
        }
    }
}

/// One article's paragraphs, for the malformed pages below.
fn paragraphs(count: usize) -> String {
    (0..count)
        .map(|i| format!("<p>Paragraphe {i} : les habitants de Ménaka décrivent l’arrivée des déplacés, venus à pied des villages voisins.</p>"))
        .collect()
}

#[test]
fn malformed_pages_import_with_their_text_or_fail_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let head =
        |title: &str| format!("<!DOCTYPE html><html lang=fr><head><meta charset=utf-8><title>{title}</title></head>");
    let nested = |depth: usize| {
        format!(
            "{}<body><article><h1>Ménaka : les déplacés affluent</h1>{}{}{}</article></body></html>",
            head("Ménaka : les déplacés affluent"),
            "<div>".repeat(depth),
            paragraphs(4),
            "</div>".repeat(depth)
        )
    };
    std::fs::write(dir.path().join("deep.html"), nested(100_000)).unwrap();
    // Never closed at all.
    std::fs::write(dir.path().join("unclosed.html"), nested(20_000).replace("</div>", "")).unwrap();
    // Cut inside a character (the first byte of ’) and inside a tag.
    let mut cut = format!(
        "{}<body><article><h1>Tombouctou : les manuscrits menacés</h1>{}<p>malgré l",
        head("Tombouctou"),
        paragraphs(3)
    )
    .into_bytes();
    cut.extend_from_slice(&[0xE2, 0x80]);
    cut.extend_from_slice(b" <a href=\"https://exa");
    std::fs::write(dir.path().join("cut.html"), &cut).unwrap();
    // UTF-16 with a BOM and a stale meta charset: the BOM wins.
    let utf16 = format!(
        "{}<body><article><h1>Kidal : nouvelles frappes</h1>{}</article></body></html>",
        head("Kidal : nouvelles frappes"),
        paragraphs(3)
    );
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(utf16.encode_utf16().flat_map(|u| u.to_le_bytes()));
    std::fs::write(dir.path().join("utf16.html"), bytes).unwrap();
    // 5 MB of words on one line, no newline, no markup.
    let line = "les convois humanitaires attendent à la frontière depuis des semaines ".repeat(75_000);
    std::fs::write(dir.path().join("one-line.txt"), &line).unwrap();
    // Control characters in the middle of a dump (a NUL would make it binary: refused in one line).
    std::fs::write(
        dir.path().join("controls.txt"),
        "Afrique\n\nMali : un titre \u{1b}[2J piégé\n\nUn paragraphe \u{7}assez long pour être un article, avec des mots, des virgules et une fin.\n\nUn second paragraphe, lui aussi assez long pour que l’article tienne debout.\n",
    )
    .unwrap();

    let output = run(dir.path(), &["import", ".", "-o", "out"]);
    let err = stderr(&output);
    assert!(!err.contains("panicked") && !err.contains("overflow"), "{err}");
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error: ")).collect();
    for line in &errors {
        assert!(
            [
                "deep.html",
                "unclosed.html",
                "cut.html",
                "utf16.html",
                "one-line.txt",
                "controls.txt"
            ]
            .iter()
            .any(|f| line.contains(f)),
            "an error names its file: {line}"
        );
    }
    let articles: Vec<(serde_yaml::Value, String)> = markdown_files(&dir.path().join("out"))
        .iter()
        .map(|f| front(f))
        .collect();
    let by_title = |start: &str| {
        articles
            .iter()
            .find(|(yaml, _)| str_field(yaml, "title").is_some_and(|t| t.starts_with(start)))
            .unwrap_or_else(|| panic!("no article titled {start}…: {err}"))
    };
    for (title, count) in [("Ménaka", 4), ("Kidal", 3), ("Tombouctou", 3)] {
        let (_, body) = by_title(title);
        let found = (0..count)
            .filter(|i| body.contains(&format!("Paragraphe {i} :")))
            .count();
        assert_eq!(found, count, "{title}: {body}");
        assert!(!body.contains("<div") && !body.contains('\u{0}'), "{title}");
    }
    assert_eq!(
        articles
            .iter()
            .filter(|(y, _)| str_field(y, "title") == Some("Ménaka : les déplacés affluent"))
            .count(),
        1,
        "the nested pages are one article twice: the second is a duplicate"
    );
    // The single line: either refused in one line or imported with bounded fields.
    if let Some((yaml, _)) = articles.iter().find(|(_, body)| body.contains("convois humanitaires")) {
        assert!(str_field(yaml, "title").unwrap().len() < 400);
        assert!(str_field(yaml, "summary").is_none_or(|s| s.chars().count() <= 320));
    } else {
        assert!(errors.iter().any(|l| l.contains("one-line.txt")), "{err}");
    }
    for (yaml, body) in &articles {
        let title = str_field(yaml, "title").unwrap();
        assert!(!title.chars().any(|c| c.is_control()), "{title:?}");
        assert!(!body.contains('\u{0}') && !body.contains('\u{1b}'), "{title}");
    }
    for name in markdown_files(&dir.path().join("out")) {
        assert!(name.file_name().unwrap().len() < 100);
    }
}
