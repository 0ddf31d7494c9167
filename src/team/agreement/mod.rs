//! How far the analysts of a team project agree (`marginalia agree`, the window's agreement
//! panel): for each pair of analysts and overall, on the documents both annotated.
//!
//! An analyst's annotation of a document is what they accepted (hand-made spans are accepted);
//! a document counts for them once they decided something in it ([`merge::is_annotated`]), so a
//! file of untouched suggestions is not mistaken for agreement with the machine. Span F1 is
//! micro-averaged over the documents (2·agreed / (|A| + |B|)); κ and α label every token with the
//! label of the accepted span over it, or `O`; α is Krippendorff's, **nominal over tokens**
//! (not unitizing), with every analyst as a coder and a document an analyst did not annotate as
//! missing values. Figures with nothing to measure are `None` (`null` in JSON), never NaN.

pub mod measures;

use super::merge::{self, project::load_versions};
use super::{Project, TeamError};
use crate::doc::Document;
use measures::{ClaimCounts, ClaimItem, SpanCounts, SpanItem, TokenPairs};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What Krippendorff's α here is computed over.
pub const ALPHA_METHOD: &str = "nominal over tokens";

/// A figure as shown to a person: three decimals, or `—` where there was nothing to measure.
pub fn figure(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), |v| format!("{v:.3}"))
}

/// One analyst's annotation of one document, as compared.
struct Annotated {
    spans: Vec<SpanItem>,
    claims: Vec<ClaimItem>,
    /// One label per token of the document (`O` outside every accepted span).
    tokens: Vec<String>,
}

fn annotated(doc: &Document, ann: &crate::annotation::Annotations) -> Annotated {
    use crate::annotation::Status::Accepted;
    let spans: Vec<SpanItem> =
        ann.spans().iter().filter(|s| s.status == Accepted).map(|s| (s.range.clone(), s.label.clone())).collect();
    let tokens = doc
        .tokens()
        .iter()
        .map(|t| {
            let over = ann.overlapping(t.range.clone()).find(|s| s.status == Accepted);
            over.map_or_else(|| "O".to_string(), |s| s.label.clone())
        })
        .collect();
    let claims = ann
        .claims
        .all()
        .iter()
        .filter(|c| c.status == Accepted)
        .map(|c| ClaimItem {
            content: c.content.clone(),
            cue: c.cue.clone(),
            claimant: c.claimant.as_ref().map(|c| c.range.clone()),
        })
        .collect();
    Annotated { spans, claims, tokens }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Report {
    pub pairs: Vec<PairReport>,
    pub overall: Overall,
    /// Files left out because they could not be read (path and why).
    pub unreadable: Vec<(String, String)>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Spans {
    pub f1: Option<f64>,
    pub overlap_f1: Option<f64>,
    pub agreed: usize,
    /// What only the first analyst marked (no exact match), and only the second.
    pub only_a: usize,
    pub only_b: usize,
    pub per_label: BTreeMap<String, LabelFigures>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LabelFigures {
    pub f1: Option<f64>,
    pub overlap_f1: Option<f64>,
    pub a: usize,
    pub b: usize,
    pub agreed: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Alpha {
    pub value: Option<f64>,
    pub method: &'static str,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Tokens {
    pub kappa: Option<f64>,
    pub alpha: Alpha,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ClaimFigures {
    /// F1 of claims paired by overlapping content.
    pub f1: Option<f64>,
    /// Of the paired claims, the share whose cues agree, and whose claimants do.
    pub cue: Option<f64>,
    pub claimant: Option<f64>,
    pub a: usize,
    pub b: usize,
    pub matched: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DocumentFigures {
    pub name: String,
    pub hash: String,
    pub spans_f1: Option<f64>,
    pub kappa: Option<f64>,
    pub only_a: usize,
    pub only_b: usize,
    /// Each analyst's file of it, for the window to open (not in the JSON: paths are one machine's).
    #[serde(skip)]
    pub files: BTreeMap<String, std::path::PathBuf>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PairReport {
    pub analysts: [String; 2],
    pub documents: usize,
    pub spans: Spans,
    pub tokens: Tokens,
    pub claims: ClaimFigures,
    /// Lowest span F1 first: where the guidelines may be unclear.
    pub per_document: Vec<DocumentFigures>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Overall {
    /// Documents at least two analysts annotated.
    pub documents: usize,
    pub analysts: Vec<String>,
    pub spans: Spans,
    pub tokens: Tokens,
    pub claims: ClaimFigures,
}

/// The counts of one pair (or all pairs pooled), before they become figures.
#[derive(Default)]
struct Tally {
    documents: usize,
    spans: SpanCounts,
    labels: BTreeMap<String, SpanCounts>,
    tokens: TokenPairs,
    claims: ClaimCounts,
}

impl Tally {
    fn add_document(&mut self, a: &Annotated, b: &Annotated) -> (SpanCounts, TokenPairs) {
        let spans = measures::span_counts(&a.spans, &b.spans, None);
        let labels: BTreeSet<&String> = a.spans.iter().chain(&b.spans).map(|s| &s.1).collect();
        for label in labels {
            self.labels.entry(label.clone()).or_default().add(measures::span_counts(&a.spans, &b.spans, Some(label)));
        }
        let mut tokens = TokenPairs::default();
        tokens.add(&a.tokens, &b.tokens);
        self.documents += 1;
        self.spans.add(spans);
        self.tokens.merge(&tokens);
        self.claims.add(measures::claim_counts(&a.claims, &b.claims));
        (spans, tokens)
    }

    fn spans(&self) -> Spans {
        let per_label = self
            .labels
            .iter()
            .map(|(l, c)| {
                let figures = LabelFigures { f1: c.f1(), overlap_f1: c.overlap_f1(), a: c.a, b: c.b, agreed: c.exact };
                (l.clone(), figures)
            })
            .collect();
        let s = self.spans;
        Spans {
            f1: s.f1(),
            overlap_f1: s.overlap_f1(),
            agreed: s.exact,
            only_a: s.a - s.exact,
            only_b: s.b - s.exact,
            per_label,
        }
    }

    fn claims(&self) -> ClaimFigures {
        let c = self.claims;
        let share = |n: usize| (c.matched > 0).then(|| n as f64 / c.matched as f64);
        ClaimFigures {
            f1: measures::f1(c.matched, c.a + c.b),
            cue: share(c.same_cue),
            claimant: share(c.same_claimant),
            a: c.a,
            b: c.b,
            matched: c.matched,
        }
    }
}

/// Agreement in `project`.
pub fn agreement(project: &Project) -> Result<Report, TeamError> {
    let (docs, unreadable) = super::documents(project)?;
    let mut unreadable: Vec<(String, String)> =
        unreadable.into_iter().map(|u| (u.path.display().to_string(), u.why)).collect();
    // Each document: its name, hash, the annotated versions by analyst, and their files.
    let mut loaded: Vec<(&super::TeamDocument, BTreeMap<String, Annotated>)> = Vec::new();
    for doc in &docs {
        let versions = match load_versions(doc) {
            Ok(v) => v,
            Err(why) => {
                unreadable.push((doc.name.clone(), why));
                continue;
            }
        };
        let by: BTreeMap<String, Annotated> = versions
            .iter()
            .filter(|(_, l)| merge::is_annotated(&l.annotations))
            .map(|(a, l)| (a.clone(), annotated(&l.doc, &l.annotations)))
            .collect();
        loaded.push((doc, by));
    }
    let analysts: BTreeSet<&String> = loaded.iter().flat_map(|(_, by)| by.keys()).collect();
    let analysts: Vec<&String> = analysts.into_iter().collect();
    let mut pairs = Vec::new();
    let mut pooled = Tally::default();
    for (i, a) in analysts.iter().enumerate() {
        for b in &analysts[i + 1..] {
            let mut tally = Tally::default();
            let mut per_document = Vec::new();
            let mut units: Vec<Vec<&str>> = Vec::new();
            for (doc, by) in &loaded {
                let (Some(x), Some(y)) = (by.get(*a), by.get(*b)) else { continue };
                let (spans, tokens) = tally.add_document(x, y);
                pooled.add_document(x, y);
                units.extend(x.tokens.iter().zip(&y.tokens).map(|(p, q)| vec![p.as_str(), q.as_str()]));
                per_document.push(DocumentFigures {
                    name: doc.name.clone(),
                    hash: doc.hash.clone(),
                    spans_f1: spans.f1(),
                    kappa: tokens.kappa(),
                    only_a: spans.a - spans.exact,
                    only_b: spans.b - spans.exact,
                    files: doc.versions.clone(),
                });
            }
            per_document.sort_by(|p, q| p.spans_f1.unwrap_or(1.0).total_cmp(&q.spans_f1.unwrap_or(1.0)));
            pairs.push(PairReport {
                analysts: [a.to_string(), b.to_string()],
                documents: tally.documents,
                spans: tally.spans(),
                tokens: Tokens {
                    kappa: tally.tokens.kappa(),
                    alpha: Alpha { value: measures::alpha_nominal(units), method: ALPHA_METHOD },
                    count: tally.tokens.pairs.values().sum(),
                },
                claims: tally.claims(),
                per_document,
            });
        }
    }
    // α over every analyst at once: each token of a document, with the labels of those who annotated it.
    let units = loaded.iter().flat_map(|(_, by)| {
        let n = by.values().map(|v| v.tokens.len()).min().unwrap_or(0);
        (0..n).map(move |t| by.values().map(|v| v.tokens[t].as_str()).collect::<Vec<&str>>())
    });
    let overall = Overall {
        documents: loaded.iter().filter(|(_, by)| by.len() >= 2).count(),
        analysts: analysts.iter().map(|a| a.to_string()).collect(),
        spans: pooled.spans(),
        tokens: Tokens {
            kappa: pooled.tokens.kappa(),
            alpha: Alpha { value: measures::alpha_nominal(units), method: ALPHA_METHOD },
            count: pooled.tokens.pairs.values().sum(),
        },
        claims: pooled.claims(),
    };
    Ok(Report { pairs, overall, unreadable })
}
