//! File and URL slugs: ASCII, transliterated (not stripped), bounded, never a path.
//!
//! Titles come from scraped pages and are hostile: `../../etc`, control characters, a
//! right-to-left override, 400 characters, `CON`. A slug is only `[a-z0-9-]`, so it can never
//! contain a separator or escape its folder, and it is cut on a word boundary.

/// Longest slug in bytes: well under the 255-byte file-name limit, with room for `-NN.md`.
pub const MAX_SLUG_LEN: usize = 80;

/// Names Windows reserves for devices, with any extension.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt0",
    "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// `"Mali : l’armée à Kidal"` → `"mali-l-armee-a-kidal"`. Never empty (falls back to `fallback`).
pub fn slugify(text: &str, fallback: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut slug = String::with_capacity(ascii.len().min(MAX_SLUG_LEN * 2));
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() > MAX_SLUG_LEN + 1 {
            break;
        }
    }
    let mut slug = truncate_on_word(slug.trim_end_matches('-'), MAX_SLUG_LEN).to_string();
    if slug.is_empty() {
        slug = fallback.to_string();
    }
    if RESERVED.contains(&slug.as_str()) {
        slug.push_str("-1");
    }
    slug
}

/// Cuts an ASCII slug at most `max` bytes long, at the last `-` if there is one in the second half.
fn truncate_on_word(slug: &str, max: usize) -> &str {
    if slug.len() <= max {
        return slug;
    }
    let cut = &slug[..max];
    match cut.rfind('-') {
        Some(i) if i >= max / 2 => &cut[..i],
        _ => cut.trim_end_matches('-'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let cases = [
            (
                "Mali : le JNIM considère le départ de Wagner",
                "mali-le-jnim-considere-le-depart-de-wagner",
            ),
            ("Côte d’Ivoire : « œuvre » – été", "cote-d-ivoire-oeuvre-ete"),
            ("Ségou", "segou"),
            ("../../../etc/passwd", "etc-passwd"),
            ("..\\..\\windows\\system32", "windows-system32"),
            ("\u{1}\u{7}\u{1b}[31mMali\u{202e}", "31mmali"),
            ("CON", "con-1"),
            ("nul", "nul-1"),
            ("Com1", "com1-1"),
            ("", "article"),
            ("«»—…", "article"),
            ("Ниамей", "niamei"),
        ];
        for (title, want) in cases {
            assert_eq!(slugify(title, "article"), want, "{title:?}");
        }
    }

    #[test]
    fn long_titles_are_cut_on_a_word() {
        let title = "Ménaka : les déplacés affluent vers le chef-lieu de région ".repeat(10);
        let slug = slugify(&title, "article");
        assert!(slug.len() <= MAX_SLUG_LEN, "{}", slug.len());
        assert!(slug.starts_with("menaka-les-deplaces"));
        assert!(!slug.ends_with('-'));
        let word_cut = "menaka-les-deplaces-affluent-vers-le-chef-lieu-de-region"
            .split('-')
            .any(|w| slug.ends_with(w));
        assert!(word_cut, "{slug}");
    }

    #[test]
    fn only_safe_characters() {
        let slug = slugify("a/b\\c:d*e?f\"g<h>i|j\0k", "x");
        assert!(
            slug.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{slug}"
        );
    }

    /// A file name every common filesystem takes: Linux (no `/`, no NUL, ≤ 255 bytes), macOS
    /// (no `:`), Windows (none of `<>:"/\\|?*`, no control character, no trailing dot or
    /// space, no device name even with an extension).
    fn portable_file_name(name: &str) -> bool {
        let stem = name.split('.').next().unwrap_or(name).to_ascii_lowercase();
        !name.is_empty()
            && name.len() <= 255
            && !name.chars().any(|c| c.is_control() || "<>:\"/\\|?*".contains(c))
            && !name.ends_with(['.', ' '])
            && !RESERVED.contains(&stem.as_str())
            && name != "."
            && name != ".."
    }

    proptest::proptest! {
        #[test]
        fn any_title_gives_a_portable_name_inside_its_folder(title in "\\PC{0,500}", suffix in 0usize..200) {
            let slug = slugify(&title, "article");
            proptest::prop_assert!(!slug.is_empty() && slug.len() <= MAX_SLUG_LEN + 2, "{slug}");
            proptest::prop_assert!(slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{slug}");
            proptest::prop_assert!(!slug.starts_with('-') && !slug.ends_with('-'), "{slug}");
            // As import names it: `<slug>.md` or `<slug>-N.md`.
            for name in [format!("{slug}.md"), format!("{slug}-{suffix}.md")] {
                proptest::prop_assert!(portable_file_name(&name), "{name}");
                let root = std::path::Path::new("/site/content");
                let path = root.join(&name);
                proptest::prop_assert!(path.starts_with(root) && path.parent() == Some(root), "{name}");
            }
        }

        #[test]
        fn path_like_titles_never_keep_a_separator(parts in proptest::collection::vec("(\\.\\.|\\.|/|\\\\|[A-Za-z]:|~|%2e|%2f|con|nul|[a-zé]{1,8})", 0..30)) {
            let title = parts.concat();
            let slug = slugify(&title, "article");
            proptest::prop_assert!(portable_file_name(&format!("{slug}.md")), "{title:?} -> {slug}");
            proptest::prop_assert!(!slug.contains(['/', '\\', '.', ':']), "{title:?} -> {slug}");
        }
    }
}
