//! The crate's one table of month and weekday names, French and English: the date reader
//! parses with it, the site writes dates with it, the name finder knows these words are no
//! one's name.

use std::sync::LazyLock;

/// One month: its names as written, and the abbreviations the press uses (lowercase, folded).
struct Month {
    fr: &'static str,
    en: &'static str,
    short: &'static [&'static str],
}

const MONTHS: [Month; 12] = [
    Month {
        fr: "janvier",
        en: "January",
        short: &["janv", "jan"],
    },
    Month {
        fr: "février",
        en: "February",
        short: &["fevr", "fev", "feb"],
    },
    Month {
        fr: "mars",
        en: "March",
        short: &["mar"],
    },
    Month {
        fr: "avril",
        en: "April",
        short: &["avr", "apr"],
    },
    Month {
        fr: "mai",
        en: "May",
        short: &[],
    },
    Month {
        fr: "juin",
        en: "June",
        short: &["jun"],
    },
    Month {
        fr: "juillet",
        en: "July",
        short: &["juil", "jul"],
    },
    Month {
        fr: "août",
        en: "August",
        short: &["aug"],
    },
    Month {
        fr: "septembre",
        en: "September",
        short: &["sept", "sep"],
    },
    Month {
        fr: "octobre",
        en: "October",
        short: &["oct"],
    },
    Month {
        fr: "novembre",
        en: "November",
        short: &["nov"],
    },
    Month {
        fr: "décembre",
        en: "December",
        short: &["dec"],
    },
];

const WEEKDAYS: [(&str, &str); 7] = [
    ("lundi", "Monday"),
    ("mardi", "Tuesday"),
    ("mercredi", "Wednesday"),
    ("jeudi", "Thursday"),
    ("vendredi", "Friday"),
    ("samedi", "Saturday"),
    ("dimanche", "Sunday"),
];

/// Lowercase without accents, the form the date reader matches on.
fn folded(name: &str) -> String {
    deunicode::deunicode(name).to_lowercase()
}

/// Every folded month name and abbreviation with its number (1-12), longest first: a regex
/// alternation of them then prefers "juillet" to "juil" and "mars" to "mar".
fn folded_months() -> &'static [(String, u32)] {
    static TABLE: LazyLock<Vec<(String, u32)>> = LazyLock::new(|| {
        let mut table: Vec<(String, u32)> = MONTHS
            .iter()
            .zip(1..)
            .flat_map(|(month, number)| {
                [folded(month.fr), folded(month.en)]
                    .into_iter()
                    .chain(month.short.iter().map(|s| s.to_string()))
                    .map(move |name| (name, number))
            })
            .collect();
        table.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        table.dedup();
        table
    });
    &TABLE
}

/// The month a folded name or abbreviation stands for ("aout" → 8, "sept" → 9).
pub fn month_number(folded_name: &str) -> Option<u32> {
    folded_months()
        .iter()
        .find(|(name, _)| name == folded_name)
        .map(|(_, n)| *n)
}

/// A regex alternation of every folded month name, longest first.
pub fn month_alternation() -> String {
    folded_months()
        .iter()
        .map(|(name, _)| name.as_str())
        .collect::<Vec<_>>()
        .join("|")
}

/// The name of month `number` (1-12) as written in `lang` ("fr": « août », else "August").
pub fn month_name(number: u32, lang: &str) -> Option<&'static str> {
    let month = MONTHS.get(usize::try_from(number).ok()?.checked_sub(1)?)?;
    Some(if lang == "fr" { month.fr } else { month.en })
}

/// True for a capitalised month or weekday name, French or English ("Juin", "Août", "Monday"):
/// words that start a dateline, never a person's name.
pub fn is_date_word(word: &str) -> bool {
    let mut chars = word.chars();
    if !chars.next().is_some_and(char::is_uppercase) {
        return false;
    }
    // The name finder asks for every capitalised word: no allocation for the English names.
    if MONTHS.iter().any(|m| m.en.eq_ignore_ascii_case(word))
        || WEEKDAYS.iter().any(|(_, en)| en.eq_ignore_ascii_case(word))
    {
        return true;
    }
    let lower = word.to_lowercase();
    MONTHS.iter().any(|m| m.fr == lower) || WEEKDAYS.iter().any(|(fr, _)| *fr == lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_and_abbreviation_reads_back_its_month() {
        for (month, number) in MONTHS.iter().zip(1..) {
            assert_eq!(month_number(&folded(month.fr)), Some(number), "{}", month.fr);
            assert_eq!(month_number(&folded(month.en)), Some(number), "{}", month.en);
            for short in month.short {
                assert_eq!(month_number(short), Some(number), "{short}");
            }
            assert_eq!(month_name(number, "fr"), Some(month.fr));
            assert_eq!(month_name(number, "en"), Some(month.en));
        }
        assert_eq!(month_number("aout"), Some(8));
        assert_eq!(month_number("août"), None, "the reader folds first");
        assert_eq!((month_name(0, "fr"), month_name(13, "en")), (None, None));
    }

    #[test]
    fn the_alternation_tries_longer_names_first() {
        let alternation = month_alternation();
        let position = |name: &str| alternation.split('|').position(|n| n == name);
        assert!(position("juillet") < position("juil") && position("juil") < position("jul"));
        assert!(position("mars") < position("mar") && position("march") < position("mar"));
        assert_eq!(alternation.split('|').count(), folded_months().len());
    }

    #[test]
    fn date_words_are_capitalised_months_and_weekdays() {
        for word in ["Juin", "Août", "Décembre", "May", "Lundi", "Sunday"] {
            assert!(is_date_word(word), "{word}");
        }
        for word in ["juin", "Mali", "Awa", "Mars2", ""] {
            assert!(!is_date_word(word), "{word}");
        }
    }
}
