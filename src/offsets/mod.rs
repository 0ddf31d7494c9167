//! The one place that converts between Unicode code points, UTF-16 code units and UTF-8 bytes.
//!
//! Every file Marginalia reads or writes (RON annotation files, JSON Lines, exports) counts offsets in
//! code points, like Python `str`, spaCy, brat and the W3C selectors — except where a format counts
//! otherwise: Label Studio's editor counts JavaScript string positions and WebAnno TSV Java's, both
//! UTF-16 code units (a character outside the Basic Multilingual Plane, an emoji, is two). Rust slices
//! and egui layouts count UTF-8 bytes. Keeping the conversion here, behind one small type, is what stops offsets drifting after
//! an emoji or a curly quote (the bug other tools ship). Byte, code-point and token ranges are distinct
//! types ([`ByteRange`], [`CharRange`], [`TokenRange`]), so one cannot be passed where another is meant.

mod covered;
mod ranges;

pub use covered::Covered;
pub use ranges::{ByteRange, CharRange, TokenRange};

/// Code-point ↔ byte conversion for one text, in O(1) memory per 64 characters.
///
/// Stores the byte offset of every 64th character; a lookup jumps to the nearest checkpoint and walks
/// at most 63 characters from there.
#[derive(Debug, Clone)]
pub struct CharMap {
    checkpoints: Vec<usize>,
    char_len: usize,
    byte_len: usize,
    ascii: bool,
    /// The code-point index of every character outside the Basic Multilingual Plane (two UTF-16
    /// units), in order.
    astral: Vec<usize>,
}

const STRIDE: usize = 64;

impl CharMap {
    pub fn new(text: &str) -> Self {
        let ascii = text.is_ascii();
        let mut checkpoints = Vec::new();
        let mut char_len = 0;
        let mut astral = Vec::new();
        if ascii {
            char_len = text.len();
        } else {
            for (i, (byte, c)) in text.char_indices().enumerate() {
                if i % STRIDE == 0 {
                    checkpoints.push(byte);
                }
                if c.len_utf16() == 2 {
                    astral.push(i);
                }
                char_len = i + 1;
            }
        }
        Self { checkpoints, char_len, byte_len: text.len(), ascii, astral }
    }

    /// Number of UTF-16 code units in the text (JavaScript's and Java's `length`).
    pub fn utf16_len(&self) -> usize {
        self.char_len + self.astral.len()
    }

    /// The UTF-16 position of byte offset `byte`, or `None` if it is not on a character boundary or
    /// past the end.
    pub fn utf16_of(&self, text: &str, byte: usize) -> Option<usize> {
        let c = self.char_of(text, byte)?;
        Some(c + self.astral.partition_point(|&a| a < c))
    }

    /// The byte offset of UTF-16 position `unit`, or `None` past the end or between the two halves
    /// of a surrogate pair (no character starts there).
    pub fn byte_of_utf16(&self, text: &str, unit: usize) -> Option<usize> {
        // Astral characters before the one at `unit`: those whose first unit (index + k) is below it.
        // `astral[k] + k` (the first unit of the k-th) rises with k: a binary search.
        let (mut before, mut hi) = (0, self.astral.len());
        while before < hi {
            let mid = (before + hi) / 2;
            if self.astral[mid] + mid < unit { before = mid + 1 } else { hi = mid }
        }
        if before > 0 && self.astral[before - 1] + before == unit {
            return None;
        }
        self.byte_of(text, unit - before)
    }

    /// Converts a UTF-16 range to a byte range.
    pub fn byte_range_of_utf16(&self, text: &str, units: std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
        Some(self.byte_of_utf16(text, units.start)?..self.byte_of_utf16(text, units.end)?)
    }

    /// Converts a byte range to a UTF-16 range.
    pub fn utf16_range(&self, text: &str, bytes: std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
        if bytes.start > bytes.end {
            return None;
        }
        Some(self.utf16_of(text, bytes.start)?..self.utf16_of(text, bytes.end)?)
    }

    /// Number of code points in the text.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// The byte offset of code point `char_index`, or `None` past the end.
    /// `char_index == char_len()` maps to the text's byte length.
    pub fn byte_of(&self, text: &str, char_index: usize) -> Option<usize> {
        if char_index > self.char_len {
            return None;
        }
        if char_index == self.char_len {
            return Some(self.byte_len);
        }
        if self.ascii {
            return Some(char_index);
        }
        let base = *self.checkpoints.get(char_index / STRIDE)?;
        let skip = char_index % STRIDE;
        text.get(base..)?.char_indices().nth(skip).map(|(b, _)| base + b)
    }

    /// The code-point index of byte offset `byte`, or `None` if it is not on a character boundary
    /// or past the end.
    pub fn char_of(&self, text: &str, byte: usize) -> Option<usize> {
        if byte > self.byte_len || !text.is_char_boundary(byte) {
            return None;
        }
        if self.ascii {
            return Some(byte);
        }
        let slot = self.checkpoints.partition_point(|&b| b <= byte).saturating_sub(1);
        let base = self.checkpoints.get(slot).copied().unwrap_or(0);
        Some(slot * STRIDE + text[base..byte].chars().count())
    }

    /// The bytes of a code-point range, or `None` when an end is past the text.
    pub fn bytes_of(&self, text: &str, chars: CharRange) -> Option<ByteRange> {
        Some(ByteRange::new(self.byte_of(text, chars.start)?, self.byte_of(text, chars.end)?))
    }

    /// The code points of a byte range, or `None` when it ends before it starts or an end is not on a
    /// character boundary or past the text.
    pub fn chars_of(&self, text: &str, bytes: ByteRange) -> Option<CharRange> {
        if bytes.start > bytes.end {
            return None;
        }
        Some(CharRange::new(self.char_of(text, bytes.start)?, self.char_of(text, bytes.end)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ascii_is_identity() {
        let t = "Ed Davey said";
        let m = CharMap::new(t);
        assert_eq!(m.byte_of(t, 3), Some(3));
        assert_eq!(m.char_of(t, 13), Some(13));
        assert_eq!(m.byte_of(t, 14), None);
    }

    #[test]
    fn curly_quotes_emoji_and_arabic() {
        let t = "‘Heavy’ 👍🏽 in سوريا\u{a0}now";
        let m = CharMap::new(t);
        for (ci, (bi, _)) in t.char_indices().enumerate() {
            assert_eq!(m.byte_of(t, ci), Some(bi));
            assert_eq!(m.char_of(t, bi), Some(ci));
        }
        assert_eq!(m.char_len(), t.chars().count());
        assert_eq!(m.char_of(t, 1), None, "inside the curly quote");
    }

    #[test]
    fn utf16_counts_an_emoji_as_two_units_as_javascript_does() {
        let t = "a👍🏽 ‘b’ 😀c";
        let m = CharMap::new(t);
        let js: Vec<usize> = t.char_indices().map(|(b, _)| t[..b].encode_utf16().count()).collect();
        for ((b, _), unit) in t.char_indices().zip(js) {
            assert_eq!(m.utf16_of(t, b), Some(unit));
            assert_eq!(m.byte_of_utf16(t, unit), Some(b));
        }
        assert_eq!(m.utf16_len(), t.encode_utf16().count());
        assert_eq!(m.byte_of_utf16(t, 2), None, "between the two halves of 👍");
        assert_eq!(m.byte_of_utf16(t, m.utf16_len()), Some(t.len()));
        assert_eq!(m.byte_of_utf16(t, m.utf16_len() + 1), None);
    }

    proptest! {
        #[test]
        fn utf16_round_trips_every_boundary(t in "\\PC{0,200}") {
            let m = CharMap::new(&t);
            for (b, _) in t.char_indices().chain(std::iter::once((t.len(), ' '))) {
                let unit = t[..b].encode_utf16().count();
                prop_assert_eq!(m.utf16_of(&t, b), Some(unit));
                prop_assert_eq!(m.byte_of_utf16(&t, unit), Some(b));
            }
        }

        #[test]
        fn round_trips_every_boundary(t in "\\PC{0,300}") {
            let m = CharMap::new(&t);
            let mut ci = 0;
            for (bi, _) in t.char_indices() {
                prop_assert_eq!(m.byte_of(&t, ci), Some(bi));
                prop_assert_eq!(m.char_of(&t, bi), Some(ci));
                ci += 1;
            }
            prop_assert_eq!(m.byte_of(&t, ci), Some(t.len()));
            prop_assert_eq!(m.char_of(&t, t.len()), Some(ci));
        }
    }
}
