//! What the two import targets share: any bytes go through the whole import recipe, and the
//! article it produces, written out, reads back as the same article.

use std::path::Path;

use veille::article::Article;
use veille::convert::{self, tag::Tagger};

pub fn import(bytes: &[u8], name: &str) {
    let path = Path::new(name);
    let extracted = convert::extract_bytes(bytes, path);
    let Ok(converted) = convert::finish(extracted, path, name, "2026-01-01T00:00:00Z", Tagger::bundled()) else {
        return;
    };
    let markdown = converted.article.to_markdown();
    let read = Article::from_markdown(&markdown).expect("what import writes, the site reads");
    assert_eq!(read.front.title, converted.article.front.title, "the title survives the round trip");
    assert_eq!(read.to_markdown(), markdown, "reading and writing again changes nothing");
}
