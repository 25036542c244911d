//! (pure) The archive as data for a spreadsheet, pandas or Gephi: written by `veille build`
//! under `data/` and by `veille export`. UTF-8; CSV with a header row (RFC 4180 quoting, the
//! `csv` crate); GEXF 1.3 for the network.
//!
//! | file | rows |
//! |---|---|
//! | `data/mentions.csv` | one per article × actor × country (an article without actors or countries still has one row, with that column empty): `article, title, date, source_url, site_name, lang, section, actor, country` |
//! | `data/articles.csv` | one per article: `article, title, date, source_url, site_name, lang, section, authors, actors, countries` (lists joined by `; `) |
//! | `data/dispatches.csv` | one per article that has copies in other outlets: `dispatch` (the path of the group's earliest article), then the article columns |
//! | `data/network.gexf` | actors and countries as nodes (`taxonomy`, `kind`, `articles`); every pair seen together as an edge weighted by shared articles, with `lift` and `g2` |
//! | `data/<actors or countries>/<slug>.json` | one term: `name`, `label`, `taxonomy`, `kind`, `count`, `months`, `partners`, `articles` |

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use super::archive::{Archive, Entry, Taxonomy, Term};
use super::cooccur::{Association, PARTNER_TAXONOMIES, Partners, TermRef, membership};
use super::glossary::Glossary;
use super::theme::escape_html as xml;

/// The CSV columns shared by both tables.
const ARTICLE_COLUMNS: [&str; 7] = ["article", "title", "date", "source_url", "site_name", "lang", "section"];

fn article_fields(entry: &Entry) -> [String; 7] {
    let front = &entry.article.front;
    [
        format!("articles/{}.html", entry.slug),
        front.title.clone(),
        front.date.map(|d| d.day().to_string()).unwrap_or_default(),
        front.source_url.clone().unwrap_or_default(),
        front.site_name.clone().unwrap_or_default(),
        front.lang.clone().unwrap_or_default(),
        front.section.clone().unwrap_or_default(),
    ]
}

fn finish(writer: csv::Writer<Vec<u8>>) -> Vec<u8> {
    // Writing into a Vec cannot fail; an empty table beats a panic if it ever did.
    writer.into_inner().unwrap_or_default()
}

/// `dispatches.csv`: one row per article in a group of copies of one dispatch, grouped, the
/// earliest first in each group; `dispatch` names the group by its earliest article.
pub fn dispatches_csv(archive: &Archive) -> Vec<u8> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let _ = out.write_record(["dispatch"].into_iter().chain(ARTICLE_COLUMNS));
    for group in archive.dispatches.groups() {
        // Archive order is newest first (undated last): the earliest dated member is the last
        // dated one.
        let mut members = group.clone();
        members.sort_by_key(|&i| (archive.articles[i].article.front.date.is_none(), std::cmp::Reverse(i)));
        let first = format!("articles/{}.html", archive.articles[members[0]].slug);
        for i in members {
            let fields = article_fields(&archive.articles[i]);
            let _ = out.write_record([first.as_str()].into_iter().chain(fields.iter().map(String::as_str)));
        }
    }
    finish(out)
}

/// `mentions.csv`: one row per article × actor × country.
pub fn mentions_csv(archive: &Archive) -> Vec<u8> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let header = ARTICLE_COLUMNS.iter().copied().chain(["actor", "country"]);
    let _ = out.write_record(header);
    for entry in &archive.articles {
        let fields = article_fields(entry);
        let front = &entry.article.front;
        for actor in distinct_or_blank(&front.actors) {
            for country in distinct_or_blank(&front.countries) {
                let row = fields.iter().map(String::as_str).chain([actor, country]);
                let _ = out.write_record(row);
            }
        }
    }
    finish(out)
}

/// The distinct names of a list as the site counts them (trimmed, each once), or one blank.
fn distinct_or_blank(list: &[String]) -> Vec<&str> {
    let mut seen = Vec::new();
    for name in list.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        if !seen.contains(&name) {
            seen.push(name);
        }
    }
    if seen.is_empty() {
        seen.push("");
    }
    seen
}

/// `articles.csv`: one row per article, its lists joined by `; `.
pub fn articles_csv(archive: &Archive) -> Vec<u8> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let header = ARTICLE_COLUMNS
        .iter()
        .copied()
        .chain(["authors", "actors", "countries"]);
    let _ = out.write_record(header);
    for entry in &archive.articles {
        let front = &entry.article.front;
        let lists = [&front.authors, &front.actors, &front.countries].map(|l| l.join("; "));
        let fields = article_fields(entry);
        let _ = out.write_record(fields.iter().chain(lists.iter()));
    }
    finish(out)
}

/// `network.gexf`: every actor and country, and every pair seen in the same article.
pub fn network_gexf(archive: &Archive, glossary: &Glossary, lang: &str) -> Vec<u8> {
    let total = archive.articles.len();
    let id = |t: TermRef| format!("{}/{}", t.taxonomy.folder(), archive.terms(t.taxonomy)[t.index].slug);
    let mut out = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?>"#,
        "\n",
        r#"<gexf xmlns="http://gexf.net/1.3" version="1.3"><meta><creator>veille</creator></meta>"#,
        "\n",
        r#"<graph defaultedgetype="undirected"><attributes class="node"><attribute id="taxonomy" title="taxonomy" type="string"/><attribute id="kind" title="kind" type="string"/><attribute id="articles" title="articles" type="integer"/></attributes>"#,
        r#"<attributes class="edge"><attribute id="lift" title="lift" type="double"/><attribute id="g2" title="g2" type="double"/></attributes>"#,
        "\n<nodes>\n"
    ));
    for taxonomy in PARTNER_TAXONOMIES {
        for (index, term) in archive.terms(taxonomy).iter().enumerate() {
            let kind = kind(glossary, taxonomy, term);
            let _ = writeln!(
                out,
                r#"<node id="{}" label="{}"><attvalues><attvalue for="taxonomy" value="{}"/><attvalue for="kind" value="{}"/><attvalue for="articles" value="{}"/></attvalues></node>"#,
                xml(&id(TermRef { taxonomy, index })),
                xml(&glossary.label(&term.name, lang)),
                taxonomy.folder(),
                xml(&kind),
                term.articles.len(),
            );
        }
    }
    out.push_str("</nodes>\n<edges>\n");
    for (n, (a, b, shared)) in pairs(archive).into_iter().enumerate() {
        let (ta, tb) = (&archive.terms(a.taxonomy)[a.index], &archive.terms(b.taxonomy)[b.index]);
        let (na, nb) = (ta.articles.len(), tb.articles.len());
        let lift = shared as f64 * total as f64 / (na as f64 * nb as f64);
        // G² only where the pair is an association; 0 for chance or a single shared article.
        let g2 = Association::of(shared, na, nb, total).map_or(0.0, |x| x.score);
        let _ = writeln!(
            out,
            r#"<edge id="{n}" source="{}" target="{}" weight="{shared}"><attvalues><attvalue for="lift" value="{lift:.4}"/><attvalue for="g2" value="{g2:.4}"/></attvalues></edge>"#,
            xml(&id(a)),
            xml(&id(b)),
        );
    }
    out.push_str("</edges>\n</graph>\n</gexf>\n");
    out.into_bytes()
}

fn kind(glossary: &Glossary, taxonomy: Taxonomy, term: &Term) -> String {
    match taxonomy {
        Taxonomy::Actor => glossary.actor_kind(&term.name).to_string(),
        Taxonomy::Country => "country".into(),
        Taxonomy::Section => "section".into(),
    }
}

/// Every pair of actors and countries seen in one article, with how many they share, in a
/// stable order.
fn pairs(archive: &Archive) -> Vec<(TermRef, TermRef, usize)> {
    let of = PARTNER_TAXONOMIES.map(|t| membership(archive, t));
    let mut counts: BTreeMap<(TermRef, TermRef), usize> = BTreeMap::new();
    for article in 0..archive.articles.len() {
        let terms: Vec<TermRef> = PARTNER_TAXONOMIES
            .iter()
            .zip(&of)
            .flat_map(|(&taxonomy, of)| of[article].iter().map(move |&index| TermRef { taxonomy, index }))
            .collect();
        for (i, &a) in terms.iter().enumerate() {
            for &b in &terms[i + 1..] {
                *counts.entry(super::cooccur::ordered(a, b)).or_default() += 1;
            }
        }
    }
    counts.into_iter().map(|((a, b), n)| (a, b, n)).collect()
}

/// One term as JSON.
#[derive(Serialize)]
pub struct TermData<'a> {
    name: &'a str,
    label: String,
    taxonomy: &'static str,
    kind: String,
    count: usize,
    /// `{"2025-06": 3}`, oldest first.
    months: BTreeMap<String, usize>,
    partners: Vec<PartnerData>,
    articles: Vec<ArticleData<'a>>,
}

#[derive(Serialize)]
struct PartnerData {
    name: String,
    taxonomy: &'static str,
    shared: usize,
    lift: f64,
    g2: f64,
}

#[derive(Serialize)]
struct ArticleData<'a> {
    path: String,
    title: &'a str,
    date: Option<String>,
    source_url: Option<&'a str>,
}

/// `data/<taxonomy>/<slug>.json` for every actor and country: path and bytes, one at a time.
pub fn term_files<'a>(
    archive: &'a Archive,
    partners: &'a Partners,
    glossary: &'a Glossary,
    lang: &'a str,
) -> impl Iterator<Item = (String, Vec<u8>)> + Send + 'a {
    term_data(archive, partners, glossary, lang)
        .map(|(path, data)| (path, serde_json::to_vec(&data).unwrap_or_default()))
}

/// Every actor and country in one JSON array (what `veille export --format json` prints).
pub fn terms_json(archive: &Archive, partners: &Partners, glossary: &Glossary, lang: &str) -> Vec<u8> {
    let all: Vec<TermData> = term_data(archive, partners, glossary, lang)
        .map(|(_, data)| data)
        .collect();
    serde_json::to_vec(&all).unwrap_or_default()
}

/// Each term's data, made when asked for: a build holds one term's file at a time.
fn term_data<'a>(
    archive: &'a Archive,
    partners: &'a Partners,
    glossary: &'a Glossary,
    lang: &'a str,
) -> impl Iterator<Item = (String, TermData<'a>)> + Send + 'a {
    PARTNER_TAXONOMIES.into_iter().flat_map(move |taxonomy| {
        archive.terms(taxonomy).iter().enumerate().map(move |(index, term)| {
            let mut months = BTreeMap::new();
            let articles = term
                .articles
                .iter()
                .map(|&a| {
                    let entry = &archive.articles[a];
                    let front = &entry.article.front;
                    if let Some((year, month)) = entry.month() {
                        *months.entry(format!("{year:04}-{month:02}")).or_default() += 1;
                    }
                    ArticleData {
                        path: format!("articles/{}.html", entry.slug),
                        title: &front.title,
                        date: front.date.map(|d| d.day().to_string()),
                        source_url: front.source_url.as_deref(),
                    }
                })
                .collect();
            let lists = partners.of_term(TermRef { taxonomy, index });
            let partners = PARTNER_TAXONOMIES
                .iter()
                .zip(lists)
                .flat_map(|(&with, list)| {
                    list.iter().map(move |&(other, a)| PartnerData {
                        name: archive.terms(with)[other].name.clone(),
                        taxonomy: with.folder(),
                        shared: a.shared,
                        lift: (a.lift * 1e4).round() / 1e4,
                        g2: (a.score * 1e4).round() / 1e4,
                    })
                })
                .collect();
            let data = TermData {
                name: &term.name,
                label: glossary.label(&term.name, lang),
                taxonomy: taxonomy.folder(),
                kind: kind(glossary, taxonomy, term),
                count: term.articles.len(),
                months,
                partners,
                articles,
            };
            (format!("data/{}/{}.json", taxonomy.folder(), term.slug), data)
        })
    })
}

/// Every file of `data/`: path and bytes, each made when the iterator reaches it, so a build
/// never holds more than one of them.
pub fn files<'a>(
    archive: &'a Archive,
    partners: &'a Partners,
    glossary: &'a Glossary,
    lang: &'a str,
) -> impl Iterator<Item = (String, Vec<u8>)> + Send + 'a {
    type Table<'a> = Box<dyn Fn() -> Vec<u8> + Send + 'a>;
    let tables: [(&str, Table<'a>); 4] = [
        ("data/mentions.csv", Box::new(move || mentions_csv(archive))),
        ("data/articles.csv", Box::new(move || articles_csv(archive))),
        ("data/dispatches.csv", Box::new(move || dispatches_csv(archive))),
        (
            "data/network.gexf",
            Box::new(move || network_gexf(archive, glossary, lang)),
        ),
    ];
    tables
        .into_iter()
        .map(|(path, make)| (path.to_string(), make()))
        .chain(term_files(archive, partners, glossary, lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, FrontMatter, PubDate};

    /// How many rows `mentions.csv` should have (its header aside).
    fn mention_rows(archive: &Archive) -> usize {
        archive
            .articles
            .iter()
            .map(|e| {
                distinct_or_blank(&e.article.front.actors).len() * distinct_or_blank(&e.article.front.countries).len()
            })
            .sum()
    }

    fn archive() -> Archive {
        let article = |title: &str, actors: &[&str], countries: &[&str]| {
            let article = Article {
                front: FrontMatter {
                    title: title.into(),
                    date: PubDate::parse_iso("2025-06-09"),
                    actors: actors.iter().map(|s| s.to_string()).collect(),
                    countries: countries.iter().map(|s| s.to_string()).collect(),
                    ..FrontMatter::default()
                },
                body: String::new(),
            };
            crate::site::load::Loaded::in_memory(article, format!("{}.md", title.len()))
        };
        Archive::new(vec![
            article(
                "Le « JNIM », Wagner; et \"Mali\"",
                &["JNIM", "Wagner Group"],
                &["Mali", "Niger", "Niger"],
            ),
            article("Sans tags", &[], &[]),
        ])
    }

    #[test]
    fn one_row_per_article_actor_and_country_read_back_by_a_csv_reader() {
        let archive = archive();
        let bytes = mentions_csv(&archive);
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
        assert_eq!(header.last().map(String::as_str), Some("country"));
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        // 2 actors × 2 distinct countries, and one blank row for the untagged article.
        assert_eq!(rows.len(), 5, "{rows:?}");
        assert_eq!(&rows[0][1], "Le « JNIM », Wagner; et \"Mali\"");
        assert_eq!(&rows[0][2], "2025-06-09");
        assert_eq!((&rows[4][7], &rows[4][8]), ("", ""));
        assert_eq!(mention_rows(&archive), rows.len());
    }

    #[test]
    fn articles_table_joins_lists() {
        let bytes = articles_csv(&archive());
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[0][8], "JNIM; Wagner Group");
    }

    #[test]
    fn the_network_has_every_term_and_every_pair_once() {
        let archive = archive();
        let gexf = String::from_utf8(network_gexf(&archive, &Glossary::default(), "fr")).unwrap();
        assert_eq!(gexf.matches("<node ").count(), 4);
        // JNIM, Wagner, Mali, Niger all in one article: 6 pairs, each weight 1.
        assert_eq!(gexf.matches("<edge ").count(), 6);
        assert_eq!(gexf.matches(r#"weight="1""#).count(), 6);
        assert!(
            gexf.contains(r#"source="actors/jnim" target="actors/wagner-group""#),
            "{gexf}"
        );
    }
}
