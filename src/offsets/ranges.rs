//! Typed ranges: a range of UTF-8 bytes, a range of code points and a range of tokens are different
//! things, and one `Range<usize>` for all three let a token range be sliced into the text or code
//! points be compared with bytes without a word from the compiler. Each is its own type here, and
//! going from one to another is a call that says so: bytes ↔ code points through
//! [`super::CharMap`] ([`super::CharMap::chars_of`], [`super::CharMap::bytes_of`]), tokens ↔ bytes
//! through the document, which knows its tokens (`Document::tokens_in`, `Document::bytes_of_tokens`).
//!
//! They are `Copy` (a `Range<usize>` is not: it is an iterator), and turn into and from `Range<usize>`
//! (`From` both ways) where the rest of the program still speaks it.

use std::ops::Range;

macro_rules! typed_range {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub struct $name {
            pub start: usize,
            pub end: usize,
        }

        impl $name {
            pub const fn new(start: usize, end: usize) -> Self {
                Self { start, end }
            }

            /// How many units it spans (0 when it ends before it starts).
            pub const fn len(self) -> usize {
                self.end.saturating_sub(self.start)
            }

            pub const fn is_empty(self) -> bool {
                self.end <= self.start
            }

            /// Whether unit `i` is inside.
            pub const fn contains(self, i: usize) -> bool {
                self.start <= i && i < self.end
            }

            /// The plain range, to iterate over or to hand to code that takes one.
            pub const fn range(self) -> Range<usize> {
                self.start..self.end
            }
        }

        impl From<Range<usize>> for $name {
            fn from(r: Range<usize>) -> Self {
                Self::new(r.start, r.end)
            }
        }

        impl From<&Range<usize>> for $name {
            fn from(r: &Range<usize>) -> Self {
                Self::new(r.start, r.end)
            }
        }

        impl From<$name> for Range<usize> {
            fn from(r: $name) -> Self {
                r.range()
            }
        }
    };
}

typed_range!(
    /// UTF-8 byte offsets into a text: what Rust slices and egui layouts count, and what everything
    /// inside the program speaks. A text can be indexed with one (`&text[range]`).
    ByteRange
);

typed_range!(
    /// Code-point offsets: what the file formats count (Python `str`, spaCy, brat, the W3C selectors).
    CharRange
);

typed_range!(
    /// Indices into a document's tokens (`Document::tokens`), end exclusive.
    TokenRange
);

/// Only a byte range slices a text.
impl std::ops::Index<ByteRange> for str {
    type Output = str;

    fn index(&self, r: ByteRange) -> &str {
        &self[r.range()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_range_slices_and_converts_both_ways() {
        let text = "‘Heavy’ rain";
        let r = ByteRange::new(3, 8);
        assert_eq!(&text[r], "Heavy");
        assert_eq!(ByteRange::from(3..8), r);
        assert_eq!(Range::from(r), 3..8);
        assert_eq!((r.len(), r.is_empty()), (5, false));
        let backwards = TokenRange::new(4, 2);
        assert!(backwards.is_empty(), "backwards is empty");
        assert_eq!(backwards.len(), 0);
    }
}
