//! The measures of agreement, on plain data: span F1 (exact and overlapping), Cohen's κ and
//! Krippendorff's α (nominal) over token labels, and claim matching. Kept apart from files so that
//! each formula can be checked against a hand computation and an independent implementation.

use std::collections::BTreeMap;
use std::ops::Range;

/// An accepted span: byte range and label.
pub type SpanItem = (Range<usize>, String);

/// Counts behind a span F1: how many each side marked, and how many match.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SpanCounts {
    pub a: usize,
    pub b: usize,
    pub exact: usize,
    pub overlap: usize,
}

impl SpanCounts {
    pub fn add(&mut self, o: SpanCounts) {
        self.a += o.a;
        self.b += o.b;
        self.exact += o.exact;
        self.overlap += o.overlap;
    }

    /// F1 of exact matches: 2·agreed / (|A| + |B|); `None` when neither marked anything.
    pub fn f1(&self) -> Option<f64> {
        f1(self.exact, self.a + self.b)
    }

    pub fn overlap_f1(&self) -> Option<f64> {
        f1(self.overlap, self.a + self.b)
    }
}

pub fn f1(matched: usize, total: usize) -> Option<f64> {
    (total > 0).then(|| 2.0 * matched as f64 / total as f64)
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Span counts of two analysts' spans of one document (each a set), with only those of `label`
/// when given.
/// Overlapping matches pair spans of the same label one to one, in document order.
pub fn span_counts(a: &[SpanItem], b: &[SpanItem], label: Option<&str>) -> SpanCounts {
    // The same span marked twice is one annotation: each side is a set.
    fn distinct<'a>(spans: &'a [SpanItem], label: Option<&str>) -> Vec<&'a SpanItem> {
        let mut v: Vec<&SpanItem> = spans.iter().filter(|s| label.is_none_or(|l| s.1 == l)).collect();
        v.sort_by_key(|s| (s.0.start, s.0.end, &s.1));
        v.dedup();
        v
    }
    let (a, b) = (distinct(a, label), distinct(b, label));
    let exact = a.iter().filter(|x| b.contains(x)).count();
    let mut used = vec![false; b.len()];
    let mut overlap = 0;
    for x in &a {
        // An exact partner first, else the first overlapping one of the same label.
        let pick = b
            .iter()
            .enumerate()
            .position(|(i, y)| !used[i] && *y == *x)
            .or_else(|| b.iter().enumerate().position(|(i, y)| !used[i] && y.1 == x.1 && overlaps(&y.0, &x.0)));
        if let Some(i) = pick {
            used[i] = true;
            overlap += 1;
        }
    }
    SpanCounts { a: a.len(), b: b.len(), exact, overlap }
}

/// Pairs of token labels (one per token of a document both annotated): what Cohen's κ is computed on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TokenPairs {
    pub pairs: BTreeMap<(String, String), usize>,
}

impl TokenPairs {
    pub fn add(&mut self, a: &[String], b: &[String]) {
        for (x, y) in a.iter().zip(b) {
            *self.pairs.entry((x.clone(), y.clone())).or_default() += 1;
        }
    }

    pub fn merge(&mut self, o: &TokenPairs) {
        for (k, n) in &o.pairs {
            *self.pairs.entry(k.clone()).or_default() += n;
        }
    }

    /// Cohen's κ = (p_o − p_e) / (1 − p_e); `None` with no tokens, or when chance agreement is
    /// certain (both gave every token one label) and κ is undefined.
    pub fn kappa(&self) -> Option<f64> {
        let n: usize = self.pairs.values().sum();
        if n == 0 {
            return None;
        }
        let (mut agree, mut a, mut b) = (0usize, BTreeMap::<&str, usize>::new(), BTreeMap::<&str, usize>::new());
        for ((x, y), k) in &self.pairs {
            if x == y {
                agree += k;
            }
            *a.entry(x).or_default() += k;
            *b.entry(y).or_default() += k;
        }
        let n = n as f64;
        let po = agree as f64 / n;
        let pe: f64 = a.iter().map(|(l, k)| *k as f64 / n * b.get(l).copied().unwrap_or(0) as f64 / n).sum();
        (pe < 1.0).then(|| (po - pe) / (1.0 - pe))
    }
}

/// Krippendorff's α for nominal data: each unit (a token) with the values the coders who saw it
/// gave; a coder who did not annotate a document is a missing value. `None` when there is nothing
/// to pair or no disagreement could be expected.
pub fn alpha_nominal<'a>(units: impl IntoIterator<Item = Vec<&'a str>>) -> Option<f64> {
    let mut o: BTreeMap<(&str, &str), f64> = BTreeMap::new();
    for values in units {
        let m = values.len();
        if m < 2 {
            continue;
        }
        for (i, c) in values.iter().enumerate() {
            for (j, k) in values.iter().enumerate() {
                if i != j {
                    *o.entry((c, k)).or_default() += 1.0 / (m - 1) as f64;
                }
            }
        }
    }
    let mut nc: BTreeMap<&str, f64> = BTreeMap::new();
    for ((c, _), v) in &o {
        *nc.entry(c).or_default() += v;
    }
    let n: f64 = nc.values().sum();
    let observed: f64 = o.iter().filter(|((c, k), _)| c != k).map(|(_, v)| v).sum();
    let expected: f64 =
        nc.iter().flat_map(|(c, x)| nc.iter().filter(move |(k, _)| *k != c).map(move |(_, y)| x * y)).sum();
    (n > 1.0 && expected > 0.0).then(|| 1.0 - (n - 1.0) * observed / expected)
}

/// An accepted claim, as compared: what is claimed, the cue and the claimant's words (bytes).
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimItem {
    pub content: Range<usize>,
    pub cue: Option<Range<usize>>,
    pub claimant: Option<Range<usize>>,
}

/// Counts behind claim agreement.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClaimCounts {
    pub a: usize,
    pub b: usize,
    /// Claims paired by overlapping content (one to one, largest overlap first, as claims are scored).
    pub matched: usize,
    /// Of the matched, those whose cues agree (both none, or overlapping).
    pub same_cue: usize,
    pub same_claimant: usize,
}

impl ClaimCounts {
    pub fn add(&mut self, o: ClaimCounts) {
        self.a += o.a;
        self.b += o.b;
        self.matched += o.matched;
        self.same_cue += o.same_cue;
        self.same_claimant += o.same_claimant;
    }
}

fn same_part(a: &Option<Range<usize>>, b: &Option<Range<usize>>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => overlaps(x, y),
        _ => false,
    }
}

pub fn claim_counts(a: &[ClaimItem], b: &[ClaimItem]) -> ClaimCounts {
    let overlap = |x: &Range<usize>, y: &Range<usize>| x.end.min(y.end).saturating_sub(x.start.max(y.start));
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
    for (i, x) in a.iter().enumerate() {
        for (j, y) in b.iter().enumerate() {
            let o = overlap(&x.content, &y.content);
            if o > 0 {
                candidates.push((o, i, j));
            }
        }
    }
    let mut c = ClaimCounts { a: a.len(), b: b.len(), ..Default::default() };
    for (i, j) in crate::claims::score::pair_by_overlap(candidates, a.len(), b.len()) {
        c.matched += 1;
        c.same_cue += usize::from(same_part(&a[i].cue, &b[j].cue));
        c.same_claimant += usize::from(same_part(&a[i].claimant, &b[j].claimant));
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn kappa_by_hand() {
        // 10 tokens: 8 agree (6 O, 2 PER); A says PER where B says O once, and O where B says PER once.
        // p_o = 0.8; A: O 7, PER 3; B: O 7, PER 3 → p_e = 0.49 + 0.09 = 0.58; κ = 0.22 / 0.42.
        let mut t = TokenPairs::default();
        t.add(&labels("O O O O O O PER PER PER O"), &labels("O O O O O O PER PER O PER"));
        assert!((t.kappa().unwrap() - 0.22 / 0.42).abs() < 1e-12);
    }

    #[test]
    fn alpha_matches_the_krippendorff_package() {
        // krippendorff.alpha(reliability_data=[[0,0,1,1,0,2,nan],[0,1,1,1,0,2,2],[nan,0,1,0,0,2,2]],
        // level_of_measurement="nominal") with the `krippendorff` package 0.9.0 (PyPI) → 0.6949152542372881
        let rows = [
            [Some("O"), Some("O"), Some("P"), Some("P"), Some("O"), Some("L"), None],
            [Some("O"), Some("P"), Some("P"), Some("P"), Some("O"), Some("L"), Some("L")],
            [None, Some("O"), Some("P"), Some("O"), Some("O"), Some("L"), Some("L")],
        ];
        let units = (0..7).map(|u| rows.iter().filter_map(|r| r[u]).collect::<Vec<_>>());
        let alpha = alpha_nominal(units).unwrap();
        assert!((alpha - 0.6949152542372881).abs() < 1e-9, "{alpha}");
    }

    #[test]
    fn exact_and_overlapping_spans() {
        let a = vec![(0..4, "P".to_string()), (10..15, "O".to_string()), (20..25, "L".to_string())];
        let b = vec![(0..4, "P".to_string()), (10..12, "O".to_string()), (20..25, "O".to_string())];
        let c = span_counts(&a, &b, None);
        assert_eq!(c, SpanCounts { a: 3, b: 3, exact: 1, overlap: 2 });
        assert_eq!(span_counts(&a, &b, Some("O")), SpanCounts { a: 1, b: 2, exact: 0, overlap: 1 });
    }

    fn arb_spans() -> impl proptest::strategy::Strategy<Value = Vec<SpanItem>> {
        use proptest::prelude::*;
        prop::collection::vec((0usize..20, 1usize..4, prop::sample::select(vec!["P", "O", "L"])), 0..8)
            .prop_map(|v| v.into_iter().map(|(s, n, l)| (s..s + n, l.to_string())).collect())
    }

    proptest::proptest! {
        #[test]
        fn agreement_is_symmetric_bounded_and_perfect_with_oneself(a in arb_spans(), b in arb_spans()) {
            let ab = span_counts(&a, &b, None);
            let ba = span_counts(&b, &a, None);
            proptest::prop_assert_eq!(ab.f1(), ba.f1());
            proptest::prop_assert!(ab.f1().is_none_or(|f| (0.0..=1.0).contains(&f)));
            proptest::prop_assert!(ab.exact <= ab.overlap);
            let mut distinct = a.clone();
            distinct.sort_by_key(|s| (s.0.start, s.0.end, s.1.clone()));
            distinct.dedup();
            let aa = span_counts(&distinct, &distinct, None);
            proptest::prop_assert!(aa.f1().is_none_or(|f| f == 1.0));
            // κ from token labels: symmetric, and 1 against oneself whenever labels vary.
            let tokens = |spans: &[SpanItem]| -> Vec<String> {
                (0..24).map(|t| spans.iter().find(|s| s.0.contains(&t)).map_or("O".into(), |s| s.1.clone())).collect()
            };
            let (ta, tb) = (tokens(&a), tokens(&b));
            let (mut x, mut y, mut z) = (TokenPairs::default(), TokenPairs::default(), TokenPairs::default());
            x.add(&ta, &tb);
            y.add(&tb, &ta);
            z.add(&ta, &ta);
            proptest::prop_assert_eq!(x.kappa().map(|k| (k * 1e9).round()), y.kappa().map(|k| (k * 1e9).round()));
            proptest::prop_assert!(z.kappa().is_none_or(|k| (k - 1.0).abs() < 1e-12));
            let units = ta.iter().zip(&tb).map(|(p, q)| vec![p.as_str(), q.as_str()]);
            let back = tb.iter().zip(&ta).map(|(p, q)| vec![p.as_str(), q.as_str()]);
            proptest::prop_assert_eq!(alpha_nominal(units).map(|v| (v * 1e9).round()), alpha_nominal(back).map(|v| (v * 1e9).round()));
        }
    }
}
