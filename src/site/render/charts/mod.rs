//! (pure) Pictures drawn at build time as inline SVG: no script, readable from disk. Each one
//! carries a `<title>`, links that name what they lead to, and the page gives the same data as
//! a table or list beside it. Colours come from the theme's CSS when it styles the classes,
//! with fills that pass WCAG AA (3:1 for graphics) on a light background when it does not.

pub mod network;
pub mod timeline;

/// Numbers in SVG coordinates: one decimal is finer than a pixel at any size a page shows.
fn num(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn coordinates_are_short() {
        assert_eq!(super::num(12.0), "12");
        assert_eq!(super::num(12.34), "12.3");
        assert_eq!(super::num(-0.04), "0");
    }
}
