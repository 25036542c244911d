//! Bytes → text, in the HTML standard's order: BOM, then a declared charset, then detection.
//!
//! Differences from a browser, on purpose: a declared charset the bytes are not valid in (a
//! "lying" `<meta charset=utf-8>` over windows-1252 bytes) is caught and replaced by detection,
//! with a warning; and a file that is mostly valid UTF-8 with a few broken sequences stays
//! UTF-8 (the bad bytes become U+FFFD, with a warning) instead of turning into mojibake.

use std::borrow::Cow;
use std::sync::LazyLock;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};
use regex::bytes::Regex;

/// Decoded text and how it was decoded. Valid UTF-8 is borrowed, not copied.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// WHATWG name of the encoding used (`UTF-8`, `windows-1252`…).
    pub encoding: &'static str,
    /// Things a user should know (a lying declaration, replaced bytes).
    pub warnings: Vec<String>,
}

/// How far into an HTML file the standard looks for a `<meta charset>` (its prescan reads 1024
/// bytes; saved pages often have long `<head>`s, so we read more).
const PRESCAN_BYTES: usize = 4096;

static META_CHARSET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?i-u)<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#).expect("valid regex"));

/// Decodes bytes; `is_html` enables the `<meta charset>` prescan.
pub fn decode(bytes: &[u8], is_html: bool) -> Decoded<'_> {
    let mut warnings = Vec::new();
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return finish(encoding, &bytes[bom_len..], warnings);
    }
    if is_html && let Some(declared) = declared_charset(bytes) {
        // A page saved as UTF-8 keeps no UTF-16 meaning in its meta: the standard maps it to UTF-8.
        let declared = if declared == UTF_16LE || declared == UTF_16BE {
            UTF_8
        } else {
            declared
        };
        if let Some(text) = declared.decode_without_bom_handling_and_without_replacement(bytes) {
            return Decoded {
                text: without_invisible_characters(text),
                encoding: declared.name(),
                warnings,
            };
        }
        let detected = detect(bytes);
        if detected == declared {
            return finish(declared, bytes, warnings);
        }
        warnings.push(format!(
            "declares charset {} but its bytes are not valid {}; decoded as {} instead",
            declared.name(),
            declared.name(),
            detected.name()
        ));
        return finish(detected, bytes, warnings);
    }
    finish(detect(bytes), bytes, warnings)
}

fn finish<'a>(encoding: &'static Encoding, bytes: &'a [u8], mut warnings: Vec<String>) -> Decoded<'a> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        let bad = text.chars().filter(|&c| c == '\u{fffd}').count();
        warnings.push(format!(
            "{bad} invalid byte sequence(s) in {} replaced by U+FFFD",
            encoding.name()
        ));
    }
    Decoded {
        text: without_invisible_characters(text),
        encoding: encoding.name(),
        warnings,
    }
}

/// A stray BOM inside the text (files concatenated by a scraper) is never content, nor are
/// control characters (a terminal escape, a bell): they would reach the Markdown, and XML
/// feeds may not hold them at all. Tabs and line ends stay; a form feed is a space.
fn without_invisible_characters(text: Cow<'_, str>) -> Cow<'_, str> {
    let is_junk_byte = |b: &u8| (*b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || *b == 0x7f;
    let bytes = text.as_bytes();
    let c1 = memchr::memchr(0xC2, bytes).is_some_and(|_| text.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)));
    if !c1 && !bytes.iter().any(is_junk_byte) && memchr::memmem::find(bytes, "\u{feff}".as_bytes()).is_none() {
        return text;
    }
    let kept = text.chars().filter_map(|c| match c {
        '\u{c}' => Some(' '),
        '\t' | '\n' | '\r' => Some(c),
        '\u{feff}' => None,
        c if c.is_control() => None,
        c => Some(c),
    });
    Cow::Owned(kept.collect())
}

/// The charset a `<meta>` in the head declares, if encoding_rs knows its label.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let label = META_CHARSET.captures(head)?.get(1)?.as_bytes();
    Encoding::for_label(label)
}

/// Undeclared bytes: valid UTF-8 is UTF-8; UTF-8 with a few broken spots is still UTF-8 (a
/// legacy encoding almost never forms valid multi-byte UTF-8 sequences by chance); otherwise
/// chardetng guesses, windows-1252 being its answer for Western European text.
fn detect(bytes: &[u8]) -> &'static Encoding {
    // The common case, checked at SIMD speed before counting anything.
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let (valid_multibyte, invalid) = utf8_sequence_counts(bytes);
    if invalid == 0 || valid_multibyte >= invalid {
        return UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Allow);
    if guess == UTF_8 { WINDOWS_1252 } else { guess }
}

/// Counts valid multi-byte UTF-8 sequences and invalid spots.
fn utf8_sequence_counts(mut bytes: &[u8]) -> (usize, usize) {
    let (mut valid_multibyte, mut invalid) = (0, 0);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                valid_multibyte += text.chars().filter(|c| !c.is_ascii()).count();
                return (valid_multibyte, invalid);
            }
            Err(e) => {
                let (good, rest) = bytes.split_at(e.valid_up_to());
                // Valid up to here, so this cannot fail.
                valid_multibyte += std::str::from_utf8(good).map_or(0, |t| t.chars().filter(|c| !c.is_ascii()).count());
                invalid += 1;
                let skip = e.error_len().unwrap_or(rest.len()).max(1);
                bytes = &rest[skip.min(rest.len())..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Ségou : le cœur du marché céréalier frappé par l’insécurité – « Nous attendons »";

    fn cp1252(text: &str) -> Vec<u8> {
        WINDOWS_1252.encode(text).0.into_owned()
    }

    #[test]
    fn utf8_plain() {
        let d = decode(TEXT.as_bytes(), false);
        assert_eq!((&*d.text, d.encoding), (TEXT, "UTF-8"));
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn control_characters_go_tabs_and_line_ends_stay() {
        let d = decode(
            "Mali\u{1b}[2J :\u{7} un\u{feff} titre\u{85}\u{c}fin\tet\r\nsuite\u{7f}".as_bytes(),
            false,
        );
        assert_eq!(&*d.text, "Mali[2J : un titre fin\tet\r\nsuite");
        assert!(
            matches!(decode(TEXT.as_bytes(), false).text, Cow::Borrowed(_)),
            "clean text is borrowed"
        );
    }

    #[test]
    fn undeclared_windows_1252_is_detected() {
        let bytes = cp1252(TEXT);
        let d = decode(&bytes, true);
        assert_eq!((&*d.text, d.encoding), (TEXT, "windows-1252"));
    }

    #[test]
    fn boms_win_over_meta() {
        let mut bytes = vec![0xff, 0xfe];
        for unit in format!("<meta charset=\"utf-8\">{TEXT}").encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let d = decode(&bytes, true);
        assert_eq!(d.encoding, "UTF-16LE");
        assert!(d.text.ends_with(TEXT) && !d.text.contains('\u{feff}') && !d.text.contains('\0'));

        let bytes = [b"\xef\xbb\xbf".as_slice(), TEXT.as_bytes()].concat();
        let d = decode(&bytes, false);
        assert_eq!(d.text, TEXT);
    }

    #[test]
    fn latin1_label_means_windows_1252() {
        let page = format!("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">{TEXT}");
        let bytes = cp1252(&page);
        let d = decode(&bytes, true);
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.ends_with(TEXT));
    }

    #[test]
    fn lying_utf8_declaration_is_caught() {
        let page = format!("<meta charset=\"utf-8\">{TEXT}");
        let bytes = cp1252(&page);
        let d = decode(&bytes, true);
        assert!(d.text.ends_with(TEXT), "{}", d.text);
        assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
        assert!(d.warnings[0].contains("not valid UTF-8"));
    }

    #[test]
    fn broken_utf8_stays_utf8_with_a_warning() {
        let mut bytes =
            b"Djibo : la ville sous blocus depuis bient\xc3\xb4t deux ans \xff\xfe. R\xc3\xa9fugi\xc3\xa9s".to_vec();
        bytes.extend_from_slice(b"\xe2\x80");
        let d = decode(&bytes, false);
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.contains("bientôt") && d.text.contains("Réfugiés"));
        assert_eq!(d.warnings.len(), 1);
    }
}
