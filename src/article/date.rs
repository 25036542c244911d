//! [`PubDate`]: a publication date at the precision the page gave it.
//!
//! A page may state a day ("9 juin 2025"), a local time ("à 10h30") or an instant with its
//! offset (`2025-06-09T10:30:00+02:00`). We keep exactly that precision: inventing a time or a
//! time zone would misstate the source. Serialized as ISO 8601 text.

use std::fmt;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PubDate {
    Day(NaiveDate),
    Local(NaiveDateTime),
    Instant(DateTime<FixedOffset>),
}

impl PubDate {
    /// Parses the ISO 8601 / RFC 3339 forms that pages and front matter use.
    pub fn parse_iso(text: &str) -> Option<PubDate> {
        let text = text.trim();
        // Four-digit years only: chrono's %Y also takes "-2024" or "+12024", which print back
        // as text this parser (and every reader of the front matter) refuses.
        let bytes = text.as_bytes();
        if !(bytes.len() >= 5 && bytes[..4].iter().all(u8::is_ascii_digit) && bytes[4] == b'-') {
            return None;
        }
        if let Ok(instant) = DateTime::parse_from_rfc3339(text) {
            return Some(PubDate::Instant(instant));
        }
        for format in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%dT%H:%M%z", "%Y-%m-%d %H:%M:%S%z"] {
            if let Ok(instant) = DateTime::parse_from_str(text, format) {
                return Some(PubDate::Instant(instant));
            }
        }
        for format in [
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%d %H:%M",
        ] {
            if let Ok(local) = NaiveDateTime::parse_from_str(text, format) {
                return Some(PubDate::Local(local));
            }
        }
        // A bare date, possibly followed by junk such as "2025-06-09T" or a weekday.
        let head = text.get(..10).unwrap_or(text);
        NaiveDate::parse_from_str(head, "%Y-%m-%d").ok().map(PubDate::Day)
    }

    /// The calendar day, whatever the precision.
    pub fn day(&self) -> NaiveDate {
        match self {
            PubDate::Day(d) => *d,
            PubDate::Local(dt) => dt.date(),
            PubDate::Instant(dt) => dt.date_naive(),
        }
    }

    /// A key that orders dates chronologically (instants by their local wall time).
    pub fn sort_key(&self) -> NaiveDateTime {
        match self {
            PubDate::Day(d) => d.and_hms_opt(0, 0, 0).unwrap_or_default(),
            PubDate::Local(dt) => *dt,
            PubDate::Instant(dt) => dt.naive_local(),
        }
    }

    /// RFC 3339 instant for feeds and sitemaps (a day or local time is taken as UTC).
    pub fn to_rfc3339(&self) -> String {
        match self {
            PubDate::Instant(dt) => dt.to_rfc3339(),
            other => format!("{}Z", other.sort_key().format("%Y-%m-%dT%H:%M:%S")),
        }
    }

    pub fn year(&self) -> i32 {
        self.day().year()
    }
}

impl fmt::Display for PubDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PubDate::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            PubDate::Local(dt) => write!(f, "{}", dt.format("%Y-%m-%dT%H:%M:%S")),
            PubDate::Instant(dt) => write!(f, "{}", dt.to_rfc3339()),
        }
    }
}

impl Serialize for PubDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PubDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        PubDate::parse_iso(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("date \"{text}\" is not YYYY-MM-DD or an ISO 8601 date-time"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_precision_it_was_given() {
        for text in ["2025-06-09", "2025-06-09T10:30:00", "2025-06-09T10:30:00+02:00"] {
            let date = PubDate::parse_iso(text).unwrap();
            assert_eq!(date.to_string(), text);
        }
        assert_eq!(
            PubDate::parse_iso("2025-06-09T10:30:00Z").unwrap().to_string(),
            "2025-06-09T10:30:00+00:00"
        );
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for text in ["9 juin", "", "2025-13-01", "yesterday"] {
            assert_eq!(PubDate::parse_iso(text), None, "{text}");
        }
    }

    #[test]
    fn orders_mixed_precisions() {
        let a = PubDate::parse_iso("2025-06-09").unwrap();
        let b = PubDate::parse_iso("2025-06-09T10:30:00+02:00").unwrap();
        assert!(a.sort_key() < b.sort_key());
    }
}
