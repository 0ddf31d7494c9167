//! Scoring claims against PolNeAR-style gold, the way `../shared/tools/claims_score.py` does: a
//! predicted claim matches a gold one when they share at least half of the shorter of the two
//! (one to one, largest overlap first); for matched pairs the claimant is right when it overlaps the
//! gold source, the cue when it overlaps the gold cue. Ranges are code points, as in the files.

use crate::offsets::CharRange;

/// A claim reduced to what is scored.
#[derive(Debug, Clone, Default)]
pub struct Scored {
    pub extent: CharRange,
    pub claimant: Option<CharRange>,
    pub cue: Option<CharRange>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
    pub claimant_right: usize,
    pub claimant_total: usize,
    pub cue_right: usize,
    pub cue_total: usize,
}

/// Pairs items of two lists one to one, largest overlap first: `candidates` are the
/// `(overlap, i, j)` of the pairs that may match (item `i` of the first list of `a` items, `j` of
/// the second of `b`); gives the `(i, j)` chosen. Scoring claims and the team's claim agreement
/// both pair claims this way.
pub fn pair_by_overlap(mut candidates: Vec<(usize, usize, usize)>, a: usize, b: usize) -> Vec<(usize, usize)> {
    candidates.sort_unstable_by(|x, y| y.cmp(x));
    let (mut used_a, mut used_b) = (vec![false; a], vec![false; b]);
    let mut pairs = Vec::new();
    for (_, i, j) in candidates {
        if used_a[i] || used_b[j] {
            continue;
        }
        used_a[i] = true;
        used_b[j] = true;
        pairs.push((i, j));
    }
    pairs
}

fn overlap(a: &CharRange, b: &CharRange) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

impl Tally {
    /// Adds one document.
    pub fn add(&mut self, gold: &[Scored], predicted: &[Scored]) {
        let mut candidates = Vec::new();
        for (i, g) in gold.iter().enumerate() {
            for (j, p) in predicted.iter().enumerate() {
                let o = overlap(&g.extent, &p.extent);
                let shorter = g.extent.len().min(p.extent.len());
                if o > 0 && 2 * o >= shorter {
                    candidates.push((o, i, j));
                }
            }
        }
        for (i, j) in pair_by_overlap(candidates, gold.len(), predicted.len()) {
            self.matched += 1;
            let (g, p) = (&gold[i], &predicted[j]);
            if let Some(gc) = &g.claimant {
                self.claimant_total += 1;
                self.claimant_right += usize::from(p.claimant.as_ref().is_some_and(|c| overlap(c, gc) > 0));
            }
            if let Some(gc) = &g.cue {
                self.cue_total += 1;
                self.cue_right += usize::from(p.cue.as_ref().is_some_and(|c| overlap(c, gc) > 0));
            }
        }
        self.gold += gold.len();
        self.predicted += predicted.len();
    }

    pub fn precision(&self) -> f64 {
        self.matched as f64 / self.predicted.max(1) as f64
    }

    pub fn recall(&self) -> f64 {
        self.matched as f64 / self.gold.max(1) as f64
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }

    pub fn claimant_accuracy(&self) -> f64 {
        self.claimant_right as f64 / self.claimant_total.max(1) as f64
    }

    pub fn cue_accuracy(&self) -> f64 {
        self.cue_right as f64 / self.cue_total.max(1) as f64
    }

    pub fn report(&self) -> String {
        format!(
            "claims: gold={} predicted={} matched={}\n\
             cue accuracy on matched: {}/{} = {:.3}\n\
             claimant accuracy on matched: {}/{} = {:.3}\n\
             claim detection P={:.4} R={:.4} F1={:.4}\n",
            self.gold,
            self.predicted,
            self.matched,
            self.cue_right,
            self.cue_total,
            self.cue_accuracy(),
            self.claimant_right,
            self.claimant_total,
            self.claimant_accuracy(),
            self.precision(),
            self.recall(),
            self.f1()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_of_the_shorter_matches_one_to_one() {
        let c = CharRange::new;
        let g = |a, b| Scored { extent: c(a, b), claimant: Some(c(0, 2)), cue: Some(c(3, 5)) };
        let gold = [g(10, 20), g(30, 40)];
        let predicted = [
            Scored { extent: c(12, 22), claimant: Some(c(1, 2)), cue: None },
            Scored { extent: c(10, 20), claimant: None, cue: Some(c(4, 6)) },
            Scored { extent: c(38, 60), claimant: None, cue: None },
        ];
        let mut t = Tally::default();
        t.add(&gold, &predicted);
        assert_eq!((t.matched, t.gold, t.predicted), (1, 2, 3), "38..60 shares 2 of 10: too little");
        assert_eq!((t.cue_right, t.claimant_right), (1, 0), "the exact extent wins the match");
    }
}
