//! What the tagger reads: each token's feature keys, hashed by the task that made them (the entity
//! features of `ner::features`, the claim features on top of them).

/// The features of one sentence, token by token, kept in one allocation (tagging makes hundreds of
/// thousands of them a second; a vector per token made allocation a fifth of the time).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SentenceFeatures {
    keys: Vec<u64>,
    /// Where each token's keys end in `keys`.
    ends: Vec<u32>,
}

impl SentenceFeatures {
    /// Room for `tokens` tokens of about `per_token` keys each, to build with [`Self::building`].
    pub fn with_capacity(tokens: usize, per_token: usize) -> Self {
        Self { keys: Vec::with_capacity(tokens * per_token), ends: Vec::with_capacity(tokens) }
    }

    /// The keys of the token being built (the one after the last [`Self::end_token`]), to push onto.
    pub fn building(&mut self) -> &mut Vec<u64> {
        &mut self.keys
    }

    /// Ends the token being built: the keys pushed since the last one are its own.
    pub fn end_token(&mut self) {
        self.ends.push(self.keys.len() as u32);
    }

    /// Tokens in the sentence.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The feature keys of token `i`.
    pub fn token(&self, i: usize) -> &[u64] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.keys[start..self.ends[i] as usize]
    }

    pub fn tokens(&self) -> impl Iterator<Item = &[u64]> {
        (0..self.len()).map(|i| self.token(i))
    }

    /// The same features with `more(i, keys)` appended to each token `i`'s (another tagger's own).
    pub fn extended(&self, mut more: impl FnMut(usize, &mut Vec<u64>)) -> SentenceFeatures {
        let mut out = SentenceFeatures { keys: Vec::with_capacity(self.keys.len() * 3 / 2), ends: Vec::new() };
        for (i, fs) in self.tokens().enumerate() {
            out.keys.extend_from_slice(fs);
            more(i, &mut out.keys);
            out.end_token();
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_their_own_keys() {
        let mut f = SentenceFeatures::with_capacity(2, 2);
        f.building().extend([1, 2]);
        f.end_token();
        f.end_token();
        f.building().push(3);
        f.end_token();
        assert_eq!(f.tokens().collect::<Vec<_>>(), vec![&[1u64, 2][..], &[], &[3]]);
        let more = f.extended(|i, keys| keys.push(10 + i as u64));
        assert_eq!(more.token(1), &[11]);
        assert_eq!(more.token(2), &[3, 12]);
    }
}
