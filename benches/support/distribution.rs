//! The distribution of a count over decisions, as the learning benches print it.

#[derive(Default)]
pub struct Counts(pub Vec<usize>);

impl Counts {
    pub fn summary(&self) -> String {
        let mut v = self.0.clone();
        v.sort_unstable();
        let Some(&max) = v.last() else { return "none".into() };
        let at = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
        let mean = v.iter().sum::<usize>() as f64 / v.len() as f64;
        let zero = v.iter().filter(|&&x| x == 0).count();
        format!(
            "median {}, p90 {}, p99 {}, max {max}, mean {mean:.2}; 0 after {zero} of {} decisions",
            at(0.5),
            at(0.9),
            at(0.99),
            v.len()
        )
    }
}
