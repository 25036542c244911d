//! Articles per month as a bar chart. Every month from the first to the last is a slot, so a
//! quiet month is a gap, never squeezed out; each bar links to where that month's articles are.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::num;
use crate::site::theme::escape_html as xml;

/// One month of the chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
    pub count: usize,
    /// Where the month's articles are listed, relative to the page (none for an empty month).
    pub href: Option<String>,
}

impl Bar {
    /// `2025-06`, as in `<time datetime>` and the list's anchors.
    pub fn key(&self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

/// Every month from the first counted to the last, empty ones included.
pub fn months(counts: &BTreeMap<(i32, u32), usize>) -> Vec<Bar> {
    let (Some((&first, _)), Some((&last, _))) = (counts.first_key_value(), counts.last_key_value()) else {
        return Vec::new();
    };
    let mut bars = Vec::new();
    let (mut year, mut month) = first;
    while (year, month) <= last {
        bars.push(Bar {
            year,
            month,
            count: counts.get(&(year, month)).copied().unwrap_or(0),
            href: None,
        });
        (year, month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    }
    bars
}

/// What the chart says in words, in the page's language.
pub struct Labels<'a> {
    /// The chart's `<title>`: "Articles par mois".
    pub title: &'a str,
    /// A month and its count, for a bar's link and tooltip: "juin 2025 : 12 articles".
    pub bar: &'a dyn Fn(&Bar) -> String,
}

const HEIGHT: f64 = 120.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 18.0;
const LEFT: f64 = 4.0;
/// The narrowest chart in SVG units: a few months get wide bars rather than huge text.
const MIN_WIDTH: f64 = 480.0;
/// Room a year label needs (4 digits at font size 10, and a space).
const YEAR_WIDTH: f64 = 30.0;

/// The chart as an inline `<svg>`; `id` makes its title's id unique on the page. Empty when no
/// article is dated.
pub fn svg(bars: &[Bar], labels: &Labels, id: &str) -> String {
    let Some(max) = bars.iter().map(|b| b.count).max().filter(|&m| m > 0) else {
        return String::new();
    };
    let slot = (MIN_WIDTH / bars.len() as f64).clamp(3.0, 24.0);
    let width = LEFT * 2.0 + slot * bars.len() as f64;
    let plot = HEIGHT - TOP - BOTTOM;
    let first = &bars[0];
    let last = &bars[bars.len() - 1];
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg class="timeline" viewBox="0 0 {w} {h}" width="100%" preserveAspectRatio="xMinYMin meet" aria-labelledby="{id}" xmlns="http://www.w3.org/2000/svg"><title id="{id}">{title}, {from} – {to}</title>"#,
        w = num(width),
        h = num(HEIGHT),
        title = xml(labels.title),
        from = first.key(),
        to = last.key(),
    );
    let baseline = HEIGHT - BOTTOM;
    let _ = write!(
        out,
        r##"<line class="axis" x1="{l}" y1="{y}" x2="{r}" y2="{y}" stroke="#5f6368" stroke-width="1"/>"##,
        l = num(LEFT),
        r = num(width - LEFT),
        y = num(baseline + 0.5),
    );
    let _ = write!(
        out,
        r##"<text class="tick" x="{x}" y="10" font-size="10" fill="#5f6368">{max}</text>"##,
        x = num(LEFT),
    );
    // A year under the first month and under each January that has room after the last one.
    let mut labelled_at = f64::NEG_INFINITY;
    for (i, bar) in bars.iter().enumerate() {
        let x = LEFT + slot * i as f64;
        if (i == 0 || bar.month == 1) && x - labelled_at >= YEAR_WIDTH {
            labelled_at = x;
            let _ = write!(
                out,
                r##"<text class="tick" x="{x}" y="{y}" font-size="10" fill="#5f6368">{year}</text>"##,
                x = num(x),
                y = num(HEIGHT - 4.0),
                year = bar.year,
            );
        }
        if bar.count == 0 {
            continue;
        }
        // A month with one article among hundreds still shows.
        let height = (plot * bar.count as f64 / max as f64).max(1.5);
        let label = xml(&(labels.bar)(bar));
        let rect = format!(
            r##"<rect class="bar" x="{x}" y="{y}" width="{w}" height="{h}" fill="#8a3b12"><title>{label}</title></rect>"##,
            x = num(x + slot * 0.1),
            y = num(baseline - height),
            w = num(slot * 0.8),
            h = num(height),
        );
        match &bar.href {
            Some(href) => {
                let _ = write!(out, r#"<a href="{}" aria-label="{label}">{rect}</a>"#, xml(href));
            }
            None => out.push_str(&rect),
        }
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(pairs: &[((i32, u32), usize)]) -> BTreeMap<(i32, u32), usize> {
        pairs.iter().copied().collect()
    }

    fn plain(bar: &Bar) -> String {
        format!("{}: {}", bar.key(), bar.count)
    }

    #[test]
    fn empty_months_are_slots_across_the_new_year() {
        let bars = months(&counts(&[((2024, 11), 3), ((2025, 2), 1)]));
        let keys: Vec<(String, usize)> = bars.iter().map(|b| (b.key(), b.count)).collect();
        assert_eq!(
            keys,
            [
                ("2024-11".to_string(), 3),
                ("2024-12".to_string(), 0),
                ("2025-01".to_string(), 0),
                ("2025-02".to_string(), 1)
            ]
        );
        assert!(months(&BTreeMap::new()).is_empty());
    }

    #[test]
    fn one_linked_bar_per_month_with_articles() {
        let mut bars = months(&counts(&[((2024, 11), 4), ((2025, 2), 1)]));
        bars[0].href = Some("page/2/index.html#m-2024-11".into());
        bars[3].href = Some("index.html#m-2025-02".into());
        let labels = Labels {
            title: "Articles <per> month",
            bar: &plain,
        };
        let svg = svg(&bars, &labels, "t1");
        assert_eq!(svg.matches("<rect").count(), 2, "{svg}");
        assert_eq!(svg.matches("<a href=").count(), 2);
        assert!(svg.contains(r#"<a href="page/2/index.html#m-2024-11" aria-label="2024-11: 4">"#));
        assert!(svg.contains(r#"<title id="t1">Articles &lt;per&gt; month, 2024-11 – 2025-02</title>"#));
        // The busiest month is the full plot height, the other a quarter of it.
        let plot = HEIGHT - TOP - BOTTOM;
        assert!(svg.contains(&format!(r#"height="{}""#, num(plot))));
        assert!(svg.contains(&format!(r#"height="{}""#, num(plot / 4.0))));
    }

    #[test]
    fn nothing_dated_draws_nothing() {
        let labels = Labels {
            title: "t",
            bar: &plain,
        };
        assert_eq!(svg(&[], &labels, "t"), "");
        let empty = [Bar {
            year: 2020,
            month: 1,
            count: 0,
            href: None,
        }];
        assert_eq!(svg(&empty, &labels, "t"), "");
    }

    #[test]
    fn a_tiny_month_beside_a_huge_one_still_shows() {
        let bars = months(&counts(&[((2020, 1), 1000), ((2020, 2), 1)]));
        let svg = svg(
            &bars,
            &Labels {
                title: "t",
                bar: &plain,
            },
            "t",
        );
        assert!(svg.contains(r#"height="1.5""#), "{svg}");
    }

    #[test]
    fn year_labels_never_overlap() {
        // Nov 2024 is labelled; Jan 2025, two narrow slots later, has no room.
        let mut c = counts(&[((2024, 11), 1), ((2030, 12), 1)]);
        c.insert((2025, 6), 1);
        let svg = svg(
            &months(&c),
            &Labels {
                title: "t",
                bar: &plain,
            },
            "t",
        );
        assert!(svg.contains(">2024</text>") && svg.contains(">2026</text>"), "{svg}");
        let xs: Vec<f64> = svg
            .split(r#"<text class="tick" x=""#)
            .skip(2)
            .map(|s| s.split('"').next().unwrap().parse().unwrap())
            .collect();
        assert!(xs.windows(2).all(|w| w[1] - w[0] >= YEAR_WIDTH), "{xs:?}");
    }
}
