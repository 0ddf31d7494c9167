//! The hash that turns a model's features into keys: 64-bit FNV-1a.
//!
//! A trained model is a table from feature keys to weights, so the keys are part of every model file:
//! a hash whose output changed between versions or platforms would silently turn a model into noise.
//! FNV-1a's output is fixed by its specification (draft-eastlake-fnv), byte for byte, and numbers are
//! fed to it as little-endian bytes, so a key is the same on every machine and with every version of
//! the `fnv` crate. Model files name this scheme ([`SCHEME`]) in their header, and refuse to load under
//! another one. (`rustc-hash`'s `FxHasher`, used before, promises neither.)

use std::hash::Hasher;

/// The name model files record for this scheme.
pub const SCHEME: &str = "fnv1a-64";

/// Builds one key from a feature's parts.
#[derive(Default)]
pub struct FeatureHasher(fnv::FnvHasher);

impl FeatureHasher {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn bytes(mut self, bytes: &[u8]) -> Self {
        self.0.write(bytes);
        self
    }

    pub fn byte(self, b: u8) -> Self {
        self.bytes(&[b])
    }

    pub fn u16(self, n: u16) -> Self {
        self.bytes(&n.to_le_bytes())
    }

    pub fn u32(self, n: u32) -> Self {
        self.bytes(&n.to_le_bytes())
    }

    pub fn finish(&self) -> u64 {
        self.0.finish()
    }
}

/// The key of a byte string on its own (the word-class table's keys).
pub fn of_bytes(bytes: &[u8]) -> u64 {
    FeatureHasher::new().bytes(bytes).finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The published FNV-1a 64 test vectors, and keys of the shipped models' own kind: if one of these
    /// changes, every shipped model must be retrained.
    #[test]
    fn keys_are_the_specified_fnv1a_values() {
        assert_eq!(of_bytes(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(of_bytes(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(of_bytes(b"foobar"), 0x8594_4171_f739_67e8);
        assert_eq!(FeatureHasher::new().byte(3).bytes(b"Reuters").byte(0xff).finish(), 0xa43e_1a50_4a26_dce3);
        assert_eq!(FeatureHasher::new().byte(7).u16(513).finish(), FeatureHasher::new().bytes(&[7, 1, 2]).finish());
        assert_eq!(FeatureHasher::new().byte(9).u32(0x0403_0201).finish(), of_bytes(&[9, 1, 2, 3, 4]));
    }
}
