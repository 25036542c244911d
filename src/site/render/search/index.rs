//! (pure) Words per article → the index's three levels, as bytes: postings packed into chunks
//! (`p/<n>.bin`), the word dictionary sharded by prefix (`w/<prefix>.json`), document metadata
//! in small chunks (`d/<n>.json`). No file here is larger than its bound, whatever the archive:
//! a word common to every article keeps its best [`POSTINGS_CAP`] documents with their scores,
//! and the set of all its documents as a membership list (a bitmap at worst: one bit per
//! article), so an AND of common words is exact and its cost bounded.
//!
//! Binary formats, read by `search.js`:
//! - a posting list is a run of `(varint doc-id delta, u8 score)` pairs, doc ids ascending from
//!   0; its dictionary entry gives chunk, byte offset and byte length;
//! - a filter list (`f/<field>/<n>.bin`) is `0` then varint doc-id deltas, or `1` then a bitmap
//!   of every document (bit `i % 8` of byte `i / 8`), whichever is smaller;
//! - a stem over the cap also has a membership list, encoded as a filter list, in the postings
//!   chunks; its dictionary entry then has three more numbers: chunk, offset and length of it.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use super::tokenize::Lang;

/// Most documents kept per stem: a word in every article costs at most this many postings.
pub const POSTINGS_CAP: usize = 5000;
/// A postings chunk is closed once it reaches this size (a single list may exceed it).
pub const CHUNK_BYTES: usize = 32 * 1024;
/// A dictionary shard larger than this is split by one more letter of prefix…
pub const SHARD_BYTES: usize = 24 * 1024;
/// …down to prefixes of this many letters.
pub const MAX_PREFIX: usize = 4;
/// BM25 parameters: saturation of term frequency, weight of document length.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// A word of a document: folded, lowercase as written when that differs, weighted frequency.
pub type Word<'a> = (&'a str, Option<&'a str>, u32);

/// One stem's documents: `(doc id, weighted term frequency)`, doc ids ascending.
pub type Postings = Vec<(u32, u32)>;

/// Where a stem's postings are, and how many documents have it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub chunk: u32,
    pub offset: u32,
    pub len: u32,
    pub df: u32,
    /// For a stem over the cap: chunk, offset and length of the list of all its documents.
    pub members: Option<(u32, u32, u32)>,
}

impl Location {
    /// The dictionary entry: `[chunk, offset, len, df]`, then the membership list's place.
    fn entry(&self) -> Vec<u32> {
        let mut entry = vec![self.chunk, self.offset, self.len, self.df];
        if let Some((chunk, offset, len)) = self.members {
            entry.extend([chunk, offset, len]);
        }
        entry
    }
}

/// Quantized BM25 term weight in 1..=255 (the idf part is applied by the client, from `df`).
pub fn score(tf: u32, doc_len: u32, avg_len: f64) -> u8 {
    let tf = f64::from(tf);
    let norm = 1.0 - B + B * f64::from(doc_len) / avg_len.max(1.0);
    let weight = tf * (K1 + 1.0) / (tf + K1 * norm) / (K1 + 1.0);
    (weight * 255.0).round().clamp(1.0, 255.0) as u8
}

pub fn push_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Scores a stem's postings, keeps the best [`POSTINGS_CAP`], encodes them.
pub fn encode_postings(postings: &Postings, doc_lens: &[u32], avg_len: f64) -> Vec<u8> {
    let mut scored: Vec<(u32, u8)> = postings
        .iter()
        .map(|&(doc, tf)| (doc, score(tf, doc_lens[doc as usize], avg_len)))
        .collect();
    if scored.len() > POSTINGS_CAP {
        // Best scores first, newer (lower id) first among equals: deterministic.
        scored.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        scored.truncate(POSTINGS_CAP);
        scored.sort_unstable_by_key(|p| p.0);
    }
    let mut out = Vec::with_capacity(scored.len() * 2);
    let mut previous = 0;
    for (doc, s) in scored {
        push_varint(&mut out, doc - previous);
        out.push(s);
        previous = doc;
    }
    out
}

/// Packs encoded lists into chunks in order; returns the chunks and each list's place.
pub fn pack<L: AsRef<[u8]>>(lists: &[L]) -> (Vec<Vec<u8>>, Vec<(u32, u32)>) {
    let mut chunks: Vec<Vec<u8>> = vec![Vec::new()];
    let mut places = Vec::with_capacity(lists.len());
    for list in lists {
        let list = list.as_ref();
        let last = chunks.last().map_or(0, Vec::len);
        if last > 0 && last + list.len() > CHUNK_BYTES {
            chunks.push(Vec::new());
        }
        let chunk = chunks.len() - 1;
        places.push((chunk as u32, chunks[chunk].len() as u32));
        chunks[chunk].extend_from_slice(list);
    }
    (chunks, places)
}

/// A filter value's documents (ascending ids), as the smaller of a delta list and a bitmap.
pub fn encode_filter(docs: &[u32], total: usize) -> Vec<u8> {
    let mut list = vec![0u8];
    let mut previous = 0;
    for &doc in docs {
        push_varint(&mut list, doc - previous);
        previous = doc;
    }
    let bitmap_len = 1 + total.div_ceil(8);
    if list.len() <= bitmap_len {
        return list;
    }
    let mut bitmap = vec![0u8; bitmap_len];
    bitmap[0] = 1;
    for &doc in docs {
        bitmap[1 + doc as usize / 8] |= 1 << (doc % 8);
    }
    bitmap
}

/// Serialized size of a dictionary entry, close enough to decide how to shard.
fn entry_size(word: &str, locations: &[Location]) -> usize {
    word.len()
        + 6
        + locations
            .iter()
            .map(|l| if l.members.is_some() { 42 } else { 24 })
            .sum::<usize>()
}

/// Chooses the dictionary shards: prefixes of 2 letters, split further while a shard is larger
/// than [`SHARD_BYTES`]. A word goes to the longest shard prefix it starts with; the client
/// applies the same rule with the list from `meta.json`.
pub fn shard_prefixes(words: &BTreeMap<String, Vec<Location>>) -> Vec<String> {
    fn split(prefix: &str, words: &[(&str, usize)], out: &mut Vec<String>) {
        out.push(prefix.to_string());
        let size: usize = words.iter().map(|w| w.1).sum();
        if size <= SHARD_BYTES || prefix.len() >= MAX_PREFIX {
            return;
        }
        let mut groups: BTreeMap<&str, Vec<(&str, usize)>> = BTreeMap::new();
        for &(word, size) in words.iter().filter(|w| w.0.len() > prefix.len()) {
            groups.entry(&word[..=prefix.len()]).or_default().push((word, size));
        }
        for (child, members) in groups {
            split(child, &members, out);
        }
    }
    let mut groups: BTreeMap<&str, Vec<(&str, usize)>> = BTreeMap::new();
    for (word, locations) in words {
        groups
            .entry(&word[..2])
            .or_default()
            .push((word.as_str(), entry_size(word, locations)));
    }
    let mut out = Vec::new();
    for (prefix, members) in groups {
        split(prefix, &members, &mut out);
    }
    out
}

/// The shard a word belongs to: its longest prefix among `prefixes` (sorted).
pub fn shard_of<'a>(word: &str, prefixes: &'a [String]) -> Option<&'a str> {
    (2..=word.len().min(MAX_PREFIX))
        .rev()
        .map(|n| &word[..n])
        .find_map(|p| prefixes.binary_search_by(|x| x.as_str().cmp(p)).ok())
        .map(|i| prefixes[i].as_str())
}

/// Dictionary shards as JSON: `{"prefix": …, "words": {word: [[chunk, offset, len, df], …]}}`.
pub fn dictionary_shards(words: &BTreeMap<String, Vec<Location>>, prefixes: &[String]) -> Vec<(String, Vec<u8>)> {
    let mut shards: BTreeMap<&str, BTreeMap<&str, Vec<Vec<u32>>>> = BTreeMap::new();
    for (word, locations) in words {
        let Some(prefix) = shard_of(word, prefixes) else {
            continue;
        };
        let entries = locations.iter().map(Location::entry).collect();
        shards.entry(prefix).or_default().insert(word, entries);
    }
    shards
        .into_par_iter()
        .map(|(prefix, words)| {
            let json = serde_json::json!({ "prefix": prefix, "words": words });
            (prefix.to_string(), json.to_string().into_bytes())
        })
        .collect()
}

/// Maps looked up for every word of every article: xxh3 rather than SipHash, whose protection
/// against chosen keys costs time and buys nothing in a build.
type FastMap<K, V> = HashMap<K, V, xxhash_rust::xxh3::Xxh3DefaultBuilder>;

/// Interns words and stems while articles stream in, then lays the postings out.
#[derive(Default)]
pub struct Builder {
    words: FastMap<String, u32>,
    word_names: Vec<String>,
    stems: FastMap<String, u32>,
    stem_names: Vec<String>,
    /// (word id, language) → stem id for plain ASCII words, (lowercase word, language) for the
    /// others: each is stemmed once.
    stem_of: FastMap<(u32, Lang), u32>,
    stem_of_written: FastMap<(String, Lang), u32>,
    /// Stems each word maps to (a word may have a French and an English stem).
    word_stems: Vec<Vec<u32>>,
    postings: Vec<Postings>,
    pub doc_lens: Vec<u32>,
}

impl Builder {
    /// Adds the next document (ids are given in order): its words (folded, as written when
    /// that differs) with weighted frequencies.
    pub fn add<'a>(&mut self, lang: Lang, len: u32, words: impl IntoIterator<Item = Word<'a>>) {
        let doc = self.doc_lens.len() as u32;
        self.doc_lens.push(len);
        let mut per_stem: Vec<(u32, u32)> = Vec::new();
        for (word, written, tf) in words {
            let word_id = self.word_id(word);
            let known = match written {
                None => self.stem_of.get(&(word_id, lang)),
                Some(w) => self.stem_of_written.get(&(w.to_string(), lang)),
            };
            let stem_id = match known {
                Some(&id) => id,
                None => {
                    let stem = match written {
                        None => lang.stem(&self.word_names[word_id as usize]).into_owned(),
                        Some(w) => lang.stem(w).into_owned(),
                    };
                    let id = self.stem_id(stem);
                    match written {
                        None => self.stem_of.insert((word_id, lang), id),
                        Some(w) => self.stem_of_written.insert((w.to_string(), lang), id),
                    };
                    let stems = &mut self.word_stems[word_id as usize];
                    if !stems.contains(&id) {
                        stems.push(id);
                    }
                    id
                }
            };
            per_stem.push((stem_id, tf));
        }
        // Two forms of one word (« réfugié », « réfugiés ») count together.
        per_stem.sort_unstable();
        per_stem.dedup_by(|b, a| {
            if a.0 == b.0 {
                a.1 += b.1;
                true
            } else {
                false
            }
        });
        for (stem, tf) in per_stem {
            self.postings[stem as usize].push((doc, tf));
        }
    }

    /// The id of a folded word, interned on first sight.
    fn word_id(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.words.get(word) {
            return id;
        }
        let id = self.word_names.len() as u32;
        self.words.insert(word.to_string(), id);
        self.word_names.push(word.to_string());
        self.word_stems.push(Vec::new());
        id
    }

    /// The id of a stem, interned (with an empty postings list) on first sight.
    fn stem_id(&mut self, stem: String) -> u32 {
        if let Some(&id) = self.stems.get(&stem) {
            return id;
        }
        let id = self.stem_names.len() as u32;
        self.stems.insert(stem.clone(), id);
        self.stem_names.push(stem);
        self.postings.push(Vec::new());
        id
    }

    /// Appends `later`'s documents after this builder's: what adding them here one by one
    /// would give (their ids shift by this builder's count), so two halves of an archive can be
    /// built on two threads. [`Builder::finish`] lays stems and words out by name, so the files
    /// do not depend on the ids interning gave them.
    pub fn merge(mut self, later: Builder) -> Builder {
        let offset = self.doc_lens.len() as u32;
        let word_ids: Vec<u32> = later.word_names.iter().map(|word| self.word_id(word)).collect();
        let stem_ids: Vec<u32> = later.stem_names.into_iter().map(|stem| self.stem_id(stem)).collect();
        for (word, stems) in later.word_stems.into_iter().enumerate() {
            let known = &mut self.word_stems[word_ids[word] as usize];
            for stem in stems {
                let stem = stem_ids[stem as usize];
                if !known.contains(&stem) {
                    known.push(stem);
                }
            }
        }
        for ((word, lang), stem) in later.stem_of {
            self.stem_of
                .entry((word_ids[word as usize], lang))
                .or_insert(stem_ids[stem as usize]);
        }
        for (written, stem) in later.stem_of_written {
            self.stem_of_written.entry(written).or_insert(stem_ids[stem as usize]);
        }
        for (stem, postings) in later.postings.into_iter().enumerate() {
            let list = &mut self.postings[stem_ids[stem] as usize];
            list.extend(postings.into_iter().map(|(doc, tf)| (doc + offset, tf)));
        }
        self.doc_lens.extend(later.doc_lens);
        self
    }

    /// Postings chunks, and each folded word with the places of its stems' postings.
    pub fn finish(self) -> (Vec<Vec<u8>>, BTreeMap<String, Vec<Location>>) {
        let docs_total = self.doc_lens.len();
        let docs = docs_total.max(1);
        let avg_len = self.doc_lens.iter().map(|&l| f64::from(l)).sum::<f64>() / docs as f64;
        // Stems in name order, so chunk contents do not depend on the order articles came in.
        let mut order: Vec<u32> = (0..self.stem_names.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| self.stem_names[a as usize].cmp(&self.stem_names[b as usize]));
        // Each stem's scored list, then its membership list if it is over the cap.
        let encoded: Vec<(Vec<u8>, Option<Vec<u8>>)> = order
            .par_iter()
            .map(|&s| {
                let postings = &self.postings[s as usize];
                let members = (postings.len() > POSTINGS_CAP).then(|| {
                    let docs: Vec<u32> = postings.iter().map(|p| p.0).collect();
                    encode_filter(&docs, docs_total)
                });
                (encode_postings(postings, &self.doc_lens, avg_len), members)
            })
            .collect();
        let lists: Vec<&[u8]> = encoded
            .iter()
            .flat_map(|(scored, members)| std::iter::once(scored.as_slice()).chain(members.as_deref()))
            .collect();
        let (chunks, places) = pack(&lists);
        let mut locations = vec![None; self.stem_names.len()];
        let mut place = places.iter();
        for (i, &stem) in order.iter().enumerate() {
            let (scored, members) = &encoded[i];
            let &(chunk, offset) = place.next().unwrap_or(&(0, 0));
            let members = members.as_ref().map(|m| {
                let &(chunk, offset) = place.next().unwrap_or(&(0, 0));
                (chunk, offset, m.len() as u32)
            });
            locations[stem as usize] = Some(Location {
                chunk,
                offset,
                len: scored.len() as u32,
                df: self.postings[stem as usize].len() as u32,
                members,
            });
        }
        let words = self
            .word_names
            .into_iter()
            .zip(self.word_stems)
            .map(|(word, stems)| {
                let mut places: Vec<Location> = stems.iter().filter_map(|&s| locations[s as usize]).collect();
                places.sort_unstable_by_key(|l| (l.chunk, l.offset));
                (word, places)
            })
            .collect();
        (chunks, words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The varint at `bytes[*i]`; moves `i` past it.
    fn read_varint(bytes: &[u8], i: &mut usize) -> u32 {
        let (mut n, mut shift) = (0u32, 0);
        loop {
            let b = bytes[*i];
            *i += 1;
            n |= u32::from(b & 0x7f) << shift;
            shift += 7;
            if b < 0x80 {
                return n;
            }
        }
    }

    fn decode(bytes: &[u8]) -> Vec<(u32, u8)> {
        let mut out = Vec::new();
        let (mut i, mut doc) = (0, 0u32);
        while i < bytes.len() {
            doc += read_varint(bytes, &mut i);
            out.push((doc, bytes[i]));
            i += 1;
        }
        out
    }

    #[test]
    fn postings_round_trip_and_are_capped_to_the_best() {
        let lens = vec![100; POSTINGS_CAP + 10];
        let mut postings: Postings = (0..POSTINGS_CAP as u32 + 10).map(|d| (d, 1)).collect();
        postings[300].1 = 9;
        postings[POSTINGS_CAP + 5].1 = 9;
        let decoded = decode(&encode_postings(&postings, &lens, 100.0));
        assert_eq!(decoded.len(), POSTINGS_CAP);
        assert!(decoded.windows(2).all(|w| w[0].0 < w[1].0), "ascending ids");
        assert!(
            decoded.contains(&(POSTINGS_CAP as u32 + 5, score(9, 100, 100.0))),
            "a high score survives the cap"
        );
        assert_eq!(
            decoded.last().unwrap().0,
            POSTINGS_CAP as u32 + 5,
            "low-score tail cut, newest kept"
        );
        assert!(score(9, 100, 100.0) > score(1, 100, 100.0));
        assert!(score(1, 50, 100.0) > score(1, 400, 100.0), "short documents weigh more");
    }

    /// The documents of a membership (filter-format) list.
    fn members(bytes: &[u8], total: u32) -> Vec<u32> {
        if bytes[0] == 1 {
            return (0..total)
                .filter(|&d| bytes[1 + (d as usize >> 3)] >> (d & 7) & 1 == 1)
                .collect();
        }
        let (mut out, mut i, mut doc) = (Vec::new(), 1, 0u32);
        while i < bytes.len() {
            doc += read_varint(bytes, &mut i);
            out.push(doc);
        }
        out
    }

    #[test]
    fn two_halves_merged_lay_out_the_same_files_as_one_pass() {
        let vocabulary = [
            "convoi",
            "frontière",
            "frontieres",
            "réfugiés",
            "mali",
            "armée",
            "route",
        ];
        let doc = |d: usize| -> Vec<Word<'static>> {
            (0..vocabulary.len())
                .filter(|w| !(d + w).is_multiple_of(3))
                .map(|w| {
                    let word = vocabulary[w];
                    let written = (!word.is_ascii()).then_some(word);
                    (word, written, 1 + (d % 4) as u32)
                })
                .collect()
        };
        let lang = |d: usize| {
            if d.is_multiple_of(5) {
                Lang::English
            } else {
                Lang::French
            }
        };
        let mut one = Builder::default();
        let (mut first, mut second) = (Builder::default(), Builder::default());
        for d in 0..40 {
            one.add(lang(d), 10 + d as u32, doc(d));
            let half = if d < 17 { &mut first } else { &mut second };
            half.add(lang(d), 10 + d as u32, doc(d));
        }
        assert_eq!(first.merge(second).finish(), one.finish());
    }

    #[test]
    fn stems_over_the_cap_list_all_their_documents() {
        let total = POSTINGS_CAP as u32 + 500;
        let mut builder = Builder::default();
        for d in 0..total {
            let mut words = vec![("commun", None, 1 + d % 3)];
            if d % 20 != 0 {
                words.push(("frequent", None, 1));
            }
            if d % 1000 == 0 {
                words.push(("rare", None, 1));
            }
            builder.add(Lang::French, 10, words);
        }
        let (chunks, words) = builder.finish();
        let listed = |word: &str| {
            let at = words[word][0];
            let scored = decode(&chunks[at.chunk as usize][at.offset as usize..][..at.len as usize]);
            let all = at
                .members
                .map(|(c, o, l)| members(&chunks[c as usize][o as usize..][..l as usize], total));
            (at, scored, all)
        };
        let (at, scored, all) = listed("commun");
        assert_eq!((at.df, scored.len()), (total, POSTINGS_CAP), "scores capped");
        assert_eq!(all.unwrap(), (0..total).collect::<Vec<_>>(), "membership complete");
        let (_, _, frequent) = listed("frequent");
        let frequent = frequent.expect("over the cap too");
        assert_eq!(frequent, (0..total).filter(|d| d % 20 != 0).collect::<Vec<_>>());
        let (rare, scored, none) = listed("rare");
        assert_eq!(
            (rare.df as usize, scored.len(), none),
            (6, 6, None),
            "under the cap: scores only"
        );
        let entry = at.entry();
        assert_eq!(entry.len(), 7, "dictionary entry names the membership list");
        assert_eq!(rare.entry().len(), 4);
    }

    #[test]
    fn chunks_are_bounded() {
        let lists: Vec<Vec<u8>> = (0..40).map(|i| vec![i as u8; 5000]).collect();
        let (chunks, places) = pack(&lists);
        assert!(chunks.iter().all(|c| c.len() <= CHUNK_BYTES));
        assert_eq!(chunks.len(), 7);
        assert_eq!(places[6], (1, 0));
        let (chunk, offset) = places[20];
        assert_eq!(chunks[chunk as usize][offset as usize], 20);
    }

    #[test]
    fn filters_pick_the_smaller_encoding() {
        assert_eq!(encode_filter(&[3, 10], 100_000), [0, 3, 7]);
        let dense: Vec<u32> = (0..1000).step_by(2).collect();
        let bitmap = encode_filter(&dense, 1000);
        assert_eq!(bitmap.len(), 1 + 125);
        assert_eq!((bitmap[0], bitmap[1]), (1, 0b0101_0101));
    }

    #[test]
    fn big_shards_split_by_longer_prefixes() {
        let mut words = BTreeMap::new();
        let at = Location {
            chunk: 0,
            offset: 0,
            len: 1,
            df: 1,
            members: None,
        };
        for i in 0..3000 {
            words.insert(format!("co{:04}x", i), vec![at]);
        }
        words.insert("co".to_string(), vec![at]);
        words.insert("mali".to_string(), vec![at]);
        let prefixes = shard_prefixes(&words);
        assert!(prefixes.contains(&"co".to_string()) && prefixes.contains(&"co0".to_string()));
        assert!(prefixes.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(shard_of("co", &prefixes), Some("co"));
        assert_eq!(shard_of("mali", &prefixes), Some("ma"));
        let shards = dictionary_shards(&words, &prefixes);
        assert!(
            shards.iter().all(|(_, bytes)| bytes.len() <= SHARD_BYTES * 2),
            "bounded"
        );
        let total: usize = shards
            .iter()
            .map(|(_, b)| {
                serde_json::from_slice::<serde_json::Value>(b).unwrap()["words"]
                    .as_object()
                    .unwrap()
                    .len()
            })
            .sum();
        assert_eq!(total, words.len(), "every word in exactly one shard");
    }

    #[test]
    fn forms_of_a_word_share_postings_and_languages_keep_their_stems() {
        let mut builder = Builder::default();
        builder.add(
            Lang::French,
            3,
            [("refugiee", Some("réfugiée"), 1), ("refugies", Some("réfugiés"), 2)],
        );
        builder.add(Lang::English, 1, [("refugees", None, 1)]);
        builder.add(Lang::French, 1, [("refugies", Some("réfugiés"), 1)]);
        let (chunks, words) = builder.finish();
        let french = words["refugies"][0];
        assert_eq!(words["refugiee"], [french]);
        assert_eq!(french.df, 2);
        let list = &chunks[french.chunk as usize][french.offset as usize..][..french.len as usize];
        assert_eq!(decode(list).iter().map(|p| p.0).collect::<Vec<_>>(), [0, 2]);
        assert_ne!(words["refugees"], words["refugies"]);
    }
}
