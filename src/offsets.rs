//! The one place that converts between Unicode code points and UTF-8 bytes.
//!
//! Every file Marginalia reads or writes (RON annotation files, JSON Lines, exports) counts offsets in
//! code points, like Python `str`, spaCy, brat and the W3C selectors. Rust slices and egui layouts count
//! UTF-8 bytes. Keeping the conversion here, behind one small type, is what stops offsets drifting after
//! an emoji or a curly quote (the bug other tools ship).

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
}

const STRIDE: usize = 64;

impl CharMap {
    pub fn new(text: &str) -> Self {
        let ascii = text.is_ascii();
        let mut checkpoints = Vec::new();
        let mut char_len = 0;
        if ascii {
            char_len = text.len();
        } else {
            for (i, (byte, _)) in text.char_indices().enumerate() {
                if i % STRIDE == 0 {
                    checkpoints.push(byte);
                }
                char_len = i + 1;
            }
        }
        Self { checkpoints, char_len, byte_len: text.len(), ascii }
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

    /// Converts a code-point range to a byte range.
    pub fn byte_range(&self, text: &str, chars: std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
        Some(self.byte_of(text, chars.start)?..self.byte_of(text, chars.end)?)
    }

    /// Converts a byte range to a code-point range.
    pub fn char_range(&self, text: &str, bytes: std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
        if bytes.start > bytes.end {
            return None;
        }
        Some(self.char_of(text, bytes.start)?..self.char_of(text, bytes.end)?)
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

    proptest! {
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
