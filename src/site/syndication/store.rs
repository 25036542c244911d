//! Signatures of earlier builds, kept beside the output folder (`.public.signatures`) by the
//! hash of the content file they were computed from: a build reads every file anyway (for its
//! front matter and hash), but need not shingle and sign the bodies that did not change. A
//! signature is a pure function of the file's bytes and of the veille binary that made it, so
//! the store is keyed by both, and a store that does not read is an empty one.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use super::sketch::{BINS, Signature};

/// File hash → the signature its body had (`None`: too short to sign).
pub type Known = HashMap<u128, Option<Signature>>;

const MAGIC: &[u8; 8] = b"vsig\x00\x00\x00\x01";
/// Fingerprint, shingle count (0: no signature), then the bins when there is one.
const HEAD: usize = 16 + 4;

/// The signatures stored at `path` by the binary `identity`; empty when there are none, when
/// another binary made them, or when the file is damaged in any way.
pub fn read(path: &Path, identity: u128) -> Known {
    std::fs::read(path)
        .ok()
        .and_then(|bytes| decode(&bytes, identity))
        .unwrap_or_default()
}

/// Saves `entries` at `path` for the binary `identity`, atomically (a temporary file renamed).
pub fn write<'a>(
    path: &Path,
    identity: u128,
    entries: impl Iterator<Item = (u128, Option<&'a Signature>)>,
) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    let mut out = std::io::BufWriter::new(file.as_file_mut());
    out.write_all(&encode(identity, entries))?;
    out.flush()?;
    drop(out);
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

fn encode<'a>(identity: u128, entries: impl Iterator<Item = (u128, Option<&'a Signature>)>) -> Vec<u8> {
    let mut bytes = Vec::new();
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&identity.to_le_bytes());
    for (fingerprint, signature) in entries {
        bytes.extend_from_slice(&fingerprint.to_le_bytes());
        match signature {
            // A signature always has shingles (at least MIN_SHINGLES): 0 cannot be one.
            Some(s) if s.shingles > 0 => {
                bytes.extend_from_slice(&s.shingles.to_le_bytes());
                for bin in &s.bins {
                    bytes.extend_from_slice(&bin.to_le_bytes());
                }
            }
            _ => bytes.extend_from_slice(&0u32.to_le_bytes()),
        }
    }
    bytes
}

fn decode(bytes: &[u8], identity: u128) -> Option<Known> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let (stored, mut rest) = rest.split_at_checked(16)?;
    if u128::from_le_bytes(stored.try_into().ok()?) != identity {
        return None;
    }
    let mut known = Known::new();
    while !rest.is_empty() {
        let (head, tail) = rest.split_at_checked(HEAD)?;
        let fingerprint = u128::from_le_bytes(head[..16].try_into().ok()?);
        let shingles = u32::from_le_bytes(head[16..].try_into().ok()?);
        rest = tail;
        let signature = if shingles == 0 {
            None
        } else {
            let (bins_bytes, tail) = rest.split_at_checked(4 * BINS)?;
            rest = tail;
            let mut bins = [0u32; BINS];
            for (bin, chunk) in bins.iter_mut().zip(bins_bytes.chunks_exact(4)) {
                *bin = u32::from_le_bytes(chunk.try_into().ok()?);
            }
            Some(Signature { bins, shingles })
        };
        known.insert(fingerprint, signature);
    }
    Some(known)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signature(seed: u32) -> Signature {
        Signature {
            bins: std::array::from_fn(|i| seed.wrapping_mul(2_654_435_761).wrapping_add(i as u32)),
            shingles: 40 + seed,
        }
    }

    #[test]
    fn signatures_come_back_as_they_were_stored_and_only_for_the_same_binary() {
        let (a, b) = (signature(1), signature(2));
        let entries = [(11u128, Some(&a)), (12, None), (13, Some(&b))];
        let bytes = encode(7, entries.into_iter());
        let known = decode(&bytes, 7).unwrap();
        assert_eq!(known.len(), 3);
        assert_eq!(known[&11], Some(a));
        assert_eq!(known[&12], None);
        assert_eq!(known[&13], Some(b));
        assert!(decode(&bytes, 8).is_none(), "another binary's signatures are not used");
    }

    #[test]
    fn a_damaged_store_is_no_store() {
        let a = signature(1);
        let bytes = encode(7, [(11u128, Some(&a)), (12, None)].into_iter());
        for cut in [0, 5, 8, 30, bytes.len() - 1] {
            assert!(decode(&bytes[..cut], 7).is_none(), "cut at {cut}");
        }
        let mut other = bytes.clone();
        other[0] ^= 1;
        assert!(decode(&other, 7).is_none());
        let dir = tempfile::tempdir().unwrap();
        assert!(read(&dir.path().join("missing"), 7).is_empty());
        let path = dir.path().join(".public.signatures");
        write(&path, 7, [(11u128, Some(&a))].into_iter()).unwrap();
        assert_eq!(read(&path, 7)[&11], Some(a));
    }
}
