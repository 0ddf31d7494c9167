//! Exact-span scoring with conlleval semantics: an entity counts only if its type and both boundaries
//! match; precision, recall and F1 per type and overall (micro-averaged).

use crate::tagger::tags::{TagSet, spans_of};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    pub tp: usize,
    pub predicted: usize,
    pub gold: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        if self.predicted == 0 { 0.0 } else { self.tp as f64 / self.predicted as f64 }
    }
    pub fn recall(&self) -> f64 {
        if self.gold == 0 { 0.0 } else { self.tp as f64 / self.gold as f64 }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub by_type: BTreeMap<String, Counts>,
    pub overall: Counts,
}

impl Scores {
    /// Adds one sentence (gold and predicted IOB2 tag sequences).
    pub fn add(&mut self, set: &TagSet, gold: &[usize], pred: &[usize]) {
        let g = spans_of(set, gold);
        let p = spans_of(set, pred);
        for s in &g {
            self.by_type.entry(set.types()[s.0].clone()).or_default().gold += 1;
        }
        for s in &p {
            let c = self.by_type.entry(set.types()[s.0].clone()).or_default();
            c.predicted += 1;
            if g.contains(s) {
                c.tp += 1;
                self.overall.tp += 1;
            }
        }
        self.overall.gold += g.len();
        self.overall.predicted += p.len();
    }

    pub fn report(&self) -> String {
        let mut s =
            format!("{:<8} {:>9} {:>9} {:>9} {:>7} {:>7}\n", "type", "precision", "recall", "F1", "gold", "found");
        let row = |name: &str, c: &Counts| {
            format!(
                "{:<8} {:>9.4} {:>9.4} {:>9.4} {:>7} {:>7}\n",
                name,
                c.precision(),
                c.recall(),
                c.f1(),
                c.gold,
                c.predicted
            )
        };
        for (t, c) in &self.by_type {
            s.push_str(&row(t, c));
        }
        s.push_str(&row("overall", &self.overall));
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tagger::tags::O;

    #[test]
    fn exact_spans_only() {
        let set = TagSet::conll();
        let (bp, ip, bl) = (set.begin(0), set.inside(0), set.begin(2));
        let mut s = Scores::default();
        s.add(&set, &[bp, ip, O, bl], &[bp, O, O, bl]);
        assert_eq!(s.overall, Counts { tp: 1, predicted: 2, gold: 2 });
        assert_eq!(s.by_type["PER"].tp, 0);
        assert!((s.overall.f1() - 0.5).abs() < 1e-9);
    }
}
