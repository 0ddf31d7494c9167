//! How spaCy names a string in a DocBin: its reserved symbol's index where it is one (`PERSON` is
//! 380, see [`super::symbols`]), else the 64-bit MurmurHash64A (seed 1) of its UTF-8 bytes
//! (`spacy.strings.hash_string`, murmurhash's `hash64` on a 64-bit little-endian machine); the empty
//! string is 0.

use super::symbols::NAMES;

/// MurmurHash64A of `key` with `seed` (Austin Appleby's, as the `murmurhash` package builds it).
pub fn hash64(key: &[u8], seed: u64) -> u64 {
    const M: u64 = 0xc6a4_a793_5bd1_e995;
    const R: u32 = 47;
    let mix = |k: u64| {
        let k = k.wrapping_mul(M);
        (k ^ (k >> R)).wrapping_mul(M)
    };
    let mut h = seed ^ (key.len() as u64).wrapping_mul(M);
    let mut blocks = key.chunks_exact(8);
    for block in &mut blocks {
        let mut word = [0u8; 8];
        word.copy_from_slice(block);
        h = (h ^ mix(u64::from_le_bytes(word))).wrapping_mul(M);
    }
    let tail = blocks.remainder();
    if !tail.is_empty() {
        for (i, &b) in tail.iter().enumerate() {
            h ^= u64::from(b) << (8 * i);
        }
        h = h.wrapping_mul(M);
    }
    h ^= h >> R;
    h = h.wrapping_mul(M);
    h ^ (h >> R)
}

/// The id spaCy stores for `s` (`StringStore.__getitem__`).
pub fn string_id(s: &str) -> u64 {
    if s.is_empty() {
        return 0;
    }
    static BY_NAME: std::sync::OnceLock<std::collections::HashMap<&str, u64>> = std::sync::OnceLock::new();
    let by_name = BY_NAME.get_or_init(|| NAMES.iter().enumerate().map(|(i, &n)| (n, i as u64)).collect());
    by_name.get(s).copied().unwrap_or_else(|| hash64(s.as_bytes(), 1))
}

/// The reserved symbol with this id, if it is one (0, the empty string, included).
pub fn symbol(id: u64) -> Option<&'static str> {
    usize::try_from(id).ok().and_then(|i| NAMES.get(i)).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Printed by spaCy 3.8: `spacy.strings.hash_string(s)` and `nlp.vocab.strings[s]`.
    #[test]
    fn strings_are_named_as_spacy_names_them() {
        for (s, hash) in [
            ("PERSON", 11121653176597302729),
            ("ORG", 8419042386026509531),
            ("", 14313749767032693980),
            ("a", 11901859001352538922),
            ("Ünïcödé 😀", 6603327225989619301),
            ("hello world, a longer string of text", 7005525050126586260),
        ] {
            assert_eq!(hash64(s.as_bytes(), 1), hash, "{s:?}");
        }
        assert_eq!((string_id("PERSON"), string_id("ORG"), string_id("root"), string_id("")), (380, 383, 449, 0));
        assert_eq!(string_id("Paris"), hash64(b"Paris", 1));
        assert_eq!((symbol(380), symbol(65), symbol(1 << 40)), (Some("PERSON"), Some("ORTH"), None));
    }
}
