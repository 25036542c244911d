#![no_main]
//! A Markdown file in `content/`, as a user may have edited it: the reader never panics, and an
//! article it accepts writes out to a file it reads back the same.

use veille::article::Article;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let Ok(article) = Article::from_markdown(text) else { return };
    let _ = Article::body_of(text);
    let written = article.to_markdown();
    let again = Article::from_markdown(&written).expect("a written article reads back");
    assert_eq!(again.to_markdown(), written);
});
