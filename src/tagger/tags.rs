//! The tag set of the sequence tagger: IOB2 over a task's types (entity types, claim roles), with the
//! transition constraints that Viterbi decoding enforces (an `I-X` only continues a `B-X` or `I-X`).

/// Tags are indices: 0 is `O`; for entity type `k` (0-based), `B` is `1 + 2k` and `I` is `2 + 2k`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagSet {
    types: Vec<String>,
}

pub const O: usize = 0;

impl TagSet {
    pub fn new(types: Vec<String>) -> Self {
        Self { types }
    }

    pub fn types(&self) -> &[String] {
        &self.types
    }

    pub fn len(&self) -> usize {
        1 + 2 * self.types.len()
    }

    pub fn is_empty(&self) -> bool {
        false
    }

    pub fn begin(&self, ty: usize) -> usize {
        1 + 2 * ty
    }

    pub fn inside(&self, ty: usize) -> usize {
        2 + 2 * ty
    }

    /// The entity type of a tag (`None` for `O`).
    pub fn type_of(&self, tag: usize) -> Option<usize> {
        (tag != O).then(|| (tag - 1) / 2)
    }

    pub fn is_inside(&self, tag: usize) -> bool {
        tag != O && (tag - 1) % 2 == 1
    }

    /// Whether `to` may follow `from` (`None` = sentence start).
    pub fn allowed(&self, from: Option<usize>, to: usize) -> bool {
        if !self.is_inside(to) {
            return true;
        }
        matches!(from, Some(f) if f != O && self.type_of(f) == self.type_of(to))
    }

    pub fn name(&self, tag: usize) -> String {
        match self.type_of(tag) {
            None => "O".to_string(),
            Some(t) => format!("{}-{}", if self.is_inside(tag) { "I" } else { "B" }, self.types[t]),
        }
    }

    /// Reads `O`, `B-X`, `I-X` (IOB1's `I-X` at an entity's start is handled by [`spans_of`]).
    /// Unknown types give `None`.
    pub fn parse(&self, s: &str) -> Option<usize> {
        if s == "O" {
            return Some(O);
        }
        let (prefix, ty) = s.split_once('-')?;
        let t = self.types.iter().position(|x| x == ty)?;
        match prefix {
            "B" | "S" | "U" => Some(self.begin(t)),
            "I" | "E" | "L" => Some(self.inside(t)),
            _ => None,
        }
    }

    /// Repairs a tag sequence read from IOB1 or a sloppy file: an `I-X` that does not continue an
    /// `X` becomes `B-X`.
    pub fn to_iob2(&self, tags: &mut [usize]) {
        let mut prev = None;
        for t in tags.iter_mut() {
            if !self.allowed(prev, *t) {
                *t = self.begin(self.type_of(*t).unwrap_or(0));
            }
            prev = Some(*t);
        }
    }
}

/// Entity spans `(type, start token, end token exclusive)` of a valid IOB2 sequence.
pub fn spans_of(set: &TagSet, tags: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let continues = set.is_inside(t) && open.is_some_and(|(ty, _)| Some(ty) == set.type_of(t));
        if !continues {
            if let Some((ty, s)) = open.take() {
                out.push((ty, s, i));
            }
            if let Some(ty) = set.type_of(t) {
                open = Some((ty, i));
            }
        }
    }
    if let Some((ty, s)) = open {
        out.push((ty, s, tags.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_and_constraints() {
        let s = TagSet::new(["PER", "ORG", "LOC", "MISC"].map(String::from).to_vec());
        assert_eq!(s.len(), 9);
        for t in 0..s.len() {
            assert_eq!(s.parse(&s.name(t)), Some(t));
        }
        let (b_per, i_per, i_org) = (s.begin(0), s.inside(0), s.inside(1));
        assert!(!s.allowed(None, i_per));
        assert!(!s.allowed(Some(O), i_per), "no I-X after O");
        assert!(!s.allowed(Some(b_per), i_org));
        assert!(s.allowed(Some(b_per), i_per));
        let mut iob1 = vec![i_per, i_per, O, i_org];
        s.to_iob2(&mut iob1);
        assert_eq!(iob1, vec![b_per, i_per, O, s.begin(1)]);
        assert_eq!(spans_of(&s, &iob1), vec![(0, 0, 2), (1, 3, 4)]);
    }
}
