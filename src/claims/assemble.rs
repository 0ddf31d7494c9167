//! From tagged roles to claims. In a sentence, each piece of content belongs to the nearest cue
//! (`“A,” he said, “B.”` is one claim in two pieces; two cues make two claims), and the claimant is
//! the source nearest to that cue. Content in a sentence with no cue continues the claim of the
//! sentence before it in the same paragraph (a quotation running over several sentences); otherwise
//! it is a claim without a cue.

use super::tagger::{CONTENT, CUE, RoleSpan, SOURCE};
use super::{ClaimSuggestion, Claimant};
use crate::doc::Document;
use crate::offsets::TokenRange;
use std::collections::VecDeque;

/// Tokens between two token ranges (0 when they touch or overlap).
fn gap(a: TokenRange, b: TokenRange) -> usize {
    if a.end <= b.start { b.start - a.end } else { a.start.saturating_sub(b.end) }
}

fn nearest<'a>(to: TokenRange, among: &[&'a RoleSpan]) -> Option<&'a RoleSpan> {
    among.iter().min_by_key(|r| gap(r.tokens, to)).copied()
}

/// The source that makes the claim a cue attributes: the one before the cue — the cue verb's subject
/// (`Clinton cited derogatory comments Trump made`) — unless the source follows the cue at once
/// (`said Bali`) or the cue looks ahead (`according to the police`); the nearest one otherwise.
fn source_of_cue<'a>(doc: &Document, cue: TokenRange, among: &[&'a RoleSpan]) -> Option<&'a RoleSpan> {
    let before: Vec<_> = among.iter().copied().filter(|s| s.tokens.end <= cue.start).collect();
    let after: Vec<_> = among.iter().copied().filter(|s| s.tokens.start >= cue.end).collect();
    let looks_ahead = doc.text()[doc.bytes_of_tokens(cue)].to_lowercase().starts_with("according");
    if let Some(s) = after.iter().copied().find(|s| s.tokens.start == cue.end) {
        return Some(s);
    }
    let (first, then) = if looks_ahead { (&after, &before) } else { (&before, &after) };
    nearest(cue, first).or_else(|| nearest(cue, then))
}

/// The cues that attribute content, when a sentence has several: a cue with content on both sides and
/// no source of its own (`Gowdy said that claim smacked of hypocrisy, because Democrats led in
/// questioning the FBI's decisions`) is a word of the content around it, which belongs to the cue
/// that has a source; left as a cue, it would take the content after it away from `said`.
fn outer_cues<'a>(cues: Vec<&'a RoleSpan>, sources: &[&RoleSpan], contents: &[&RoleSpan]) -> Vec<&'a RoleSpan> {
    let touches = |among: &[&RoleSpan], at: usize, before: bool| {
        among.iter().any(|s| if before { s.tokens.end == at } else { s.tokens.start == at })
    };
    let inner = |cue: &&RoleSpan| {
        let c = cue.tokens;
        touches(contents, c.start, true)
            && touches(contents, c.end, false)
            && !touches(sources, c.start, true)
            && !touches(sources, c.end, false)
    };
    if cues.len() < 2 || cues.iter().all(inner) {
        return cues;
    }
    cues.into_iter().filter(|c| !inner(c)).collect()
}

/// A sentence that ends in its attribution, set off by a comma (`Secret Service protocol called for
/// her to be taken to a trauma center, sources said.`): what comes before the comma is what is
/// claimed, and a cue or source the tagger saw in it (`called for`, `Secret Service protocol`) is part
/// of it — left as roles, they would make the claim `protocol called for …` and leave `sources said`
/// none. Returns the sentence's roles rewritten so, or `None` when it is not such a sentence.
/// (The same for an attribution between commas inside a sentence, `The museum, Mr. Bush said,
/// celebrated …`, lost more claimants than it won on PolNeAR dev: 1 against 3.)
fn closing_attribution(doc: &Document, sentence: TokenRange, roles: &[RoleSpan]) -> Option<Vec<RoleSpan>> {
    let cues: Vec<&RoleSpan> = roles.iter().filter(|s| s.role == CUE).collect();
    let cue = **cues.last().filter(|_| cues.len() > 1)?;
    let touching = |t: TokenRange| t.end == cue.tokens.start || t.start == cue.tokens.end;
    let source = *roles.iter().find(|s| s.role == SOURCE && touching(s.tokens))?;
    let block = TokenRange::new(source.tokens.start.min(cue.tokens.start), source.tokens.end.max(cue.tokens.end));
    let comma = block.start.checked_sub(1).filter(|&c| doc.token_text(c) == ",")?;
    let first = roles.iter().map(|s| s.tokens.start).min().filter(|&s| s < comma)?;
    // Nothing claimed after it, and at most a few words (`on Thursday.`) to the sentence's end.
    if roles.iter().any(|s| s.tokens.start >= block.end) || sentence.end.saturating_sub(block.end) > 4 {
        return None;
    }
    let confidence = roles.iter().map(|s| s.confidence).sum::<f32>() / roles.len() as f32;
    Some(vec![RoleSpan { role: CONTENT, tokens: TokenRange::new(first, comma), confidence }, source, cue])
}

/// Whether a quotation in paragraph `from` runs on into paragraph `to`, which opens a quotation: by
/// the English convention the first paragraph leaves its quotation mark open; or the first paragraph
/// is a quotation with its attribution (`“A,” he said.`) and the next goes on quoting (`“B.”`).
fn quote_runs_on(doc: &Document, from: usize, to: usize) -> bool {
    let paras = doc.paragraphs();
    let (Some(a), Some(b)) = (paras.get(from), paras.get(to)) else { return false };
    let text = doc.text();
    let (opens, closes) = (text[a.clone()].matches('“').count(), text[a.clone()].matches('”').count());
    let quoted_then_attributed = text[a.clone()].trim_start().starts_with('“');
    to == from + 1 && (opens > closes || quoted_then_attributed) && text[b.clone()].trim_start().starts_with('“')
}

/// Claims from the roles of each sentence (see [`super::tagger::roles`]).
pub fn claims(doc: &Document, roles: &[Vec<RoleSpan>]) -> Vec<ClaimSuggestion> {
    let sentences = super::tagger::sentence_tokens(doc);
    let roles: Vec<Vec<RoleSpan>> = roles
        .iter()
        .enumerate()
        .map(|(k, r)| sentences.get(k).and_then(|&s| closing_attribution(doc, s, r)).unwrap_or_else(|| r.clone()))
        .collect();
    let mut out: Vec<ClaimSuggestion> = Vec::new();
    // Claims with no cue in their sentence, by sentence: they may take a cue left over next door.
    let mut cueless: Vec<(usize, usize)> = Vec::new();
    // Cues no content claimed, by sentence, in order.
    let mut spare_cues: Vec<VecDeque<&RoleSpan>> = vec![VecDeque::new(); roles.len()];
    // The claim the previous sentence ended with, and that sentence's paragraph.
    let mut open: Option<(usize, usize)> = None;
    let bytes = |toks: TokenRange| doc.bytes_of_tokens(toks).range();
    let claimant = |s: &RoleSpan| Claimant { range: bytes(s.tokens), refers_to: None };
    // A cue is words, or the colon or dash that introduces a quotation; anything else the tagger
    // marks as a cue (an emoji, a stray symbol) is not one.
    let is_cue_text = |toks: TokenRange| {
        let t = &doc.text()[doc.bytes_of_tokens(toks)];
        t.chars().any(char::is_alphanumeric) || matches!(t, ":" | "—" | "–" | "-")
    };
    let of = |k: usize, role: usize| -> Vec<&RoleSpan> {
        roles[k].iter().filter(|s| s.role == role && (role != CUE || is_cue_text(s.tokens))).collect()
    };
    for (k, spare) in spare_cues.iter_mut().enumerate() {
        let (cues, sources, contents) = (of(k, CUE), of(k, SOURCE), of(k, CONTENT));
        let cues = outer_cues(cues, &sources, &contents);
        let Some(first) = contents.first().map(|s| s.tokens) else {
            spare.extend(cues);
            open = None;
            continue;
        };
        let paragraph = doc.paragraph_of(doc.token_bytes(first.start).start);
        let mean = |items: &[&RoleSpan]| items.iter().map(|s| s.confidence).sum::<f32>() / items.len().max(1) as f32;
        if cues.is_empty() {
            if let Some((c, _)) = open.filter(|&(_, p)| p == paragraph || quote_runs_on(doc, p, paragraph)) {
                let last = contents.last().map_or(first, |s| s.tokens);
                out[c].content.end = bytes(last).end;
                open = Some((c, paragraph));
                continue;
            }
            let extent = TokenRange::new(first.start, contents[contents.len() - 1].tokens.end);
            out.push(ClaimSuggestion {
                content: bytes(extent),
                cue: None,
                claimant: nearest(extent, &sources).map(claimant),
                checkworthy: 0.0,
                score: 0.8 * mean(&contents),
            });
            cueless.push((out.len() - 1, k));
            open = Some((out.len() - 1, paragraph));
            continue;
        }
        // Each piece of content goes to its nearest cue.
        let mut groups: Vec<Vec<&RoleSpan>> = vec![Vec::new(); cues.len()];
        for c in &contents {
            let n = (0..cues.len()).min_by_key(|&n| gap(cues[n].tokens, c.tokens)).unwrap_or(0);
            groups[n].push(c);
        }
        for (cue, group) in cues.iter().zip(&groups) {
            let (Some(a), Some(b)) = (group.first(), group.last()) else { continue };
            let extent = TokenRange::new(a.tokens.start, b.tokens.end);
            let mut parts = group.clone();
            parts.push(cue);
            out.push(ClaimSuggestion {
                content: bytes(extent),
                cue: Some(bytes(cue.tokens)),
                claimant: source_of_cue(doc, cue.tokens, &sources).map(claimant),
                checkworthy: 0.0,
                score: mean(&parts),
            });
            open = Some((out.len() - 1, paragraph));
        }
    }
    // A quotation and its attribution in neighbouring sentences (`He told reporters:` / `“…”`, or
    // `“…”` / `That is what she said.`): a claim without a cue takes the spare cue next to it, the
    // first left in the sentence before, else in the one after.
    for (c, k) in cueless {
        let spare = [k.checked_sub(1), Some(k + 1)]
            .into_iter()
            .flatten()
            .find_map(|s| Some((s, spare_cues.get_mut(s)?.pop_front()?)));
        let Some((s, cue)) = spare else { continue };
        out[c].cue = Some(bytes(cue.tokens));
        if out[c].claimant.is_none() {
            out[c].claimant = source_of_cue(doc, cue.tokens, &of(s, SOURCE)).map(claimant);
        }
        out[c].score /= 0.8;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(doc: &Document, words: &str) -> TokenRange {
        let at = doc.text().find(words).expect("in the text");
        doc.tokens_in(crate::offsets::ByteRange::new(at, at + words.len()))
    }

    #[test]
    fn pieces_join_their_cue_and_quotes_run_on() {
        let doc =
            Document::new("“Prices will fall,” she said, “and soon.” Nobody doubts it. “Really.” Then more.".into());
        let s = |role, w| RoleSpan { role, tokens: toks(&doc, w), confidence: 0.9 };
        let roles = vec![
            vec![s(CONTENT, "Prices will fall"), s(SOURCE, "she"), s(CUE, "said"), s(CONTENT, "and soon")],
            vec![],
            vec![s(CONTENT, "Really")],
        ];
        let c = claims(&doc, &roles);
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(&doc.text()[c[0].content.clone()], "Prices will fall,” she said, “and soon");
        assert_eq!(&doc.text()[c[0].cue.clone().unwrap()], "said");
        assert_eq!(&doc.text()[c[0].claimant.clone().unwrap().range], "she");
        assert!(c[1].cue.is_none(), "a sentence between ends the quotation");
    }

    #[test]
    fn a_quotation_over_paragraphs_is_one_claim() {
        let doc = Document::new(
            "“We will not stop,” she said. “The work goes on.\n“And it will be done.”\nThe end came.".into(),
        );
        let s = |role, w| RoleSpan { role, tokens: toks(&doc, w), confidence: 0.9 };
        let roles = vec![
            vec![s(CONTENT, "We will not stop"), s(SOURCE, "she"), s(CUE, "said")],
            vec![s(CONTENT, "The work goes on")],
            vec![s(CONTENT, "And it will be done")],
            vec![s(CONTENT, "The end came")],
        ];
        let c = claims(&doc, &roles);
        assert_eq!(
            &doc.text()[c[0].content.clone()],
            "We will not stop,” she said. “The work goes on.\n“And it will be done"
        );
        assert_eq!(c.len(), 2, "a paragraph not opening a quotation starts afresh: {c:?}");
    }

    #[test]
    fn the_claimant_is_the_cue_verbs_subject_unless_it_follows_the_cue_at_once() {
        let doc = Document::new(
            "Clinton, at the debate on Monday, cited comments Trump made. Prices rose, said Bali. Rain, according to Reuters."
                .into(),
        );
        let s = |role, w| RoleSpan { role, tokens: toks(&doc, w), confidence: 0.9 };
        let roles = vec![
            vec![s(SOURCE, "Clinton"), s(CUE, "cited"), s(CONTENT, "comments"), s(SOURCE, "Trump")],
            vec![s(CONTENT, "Prices rose"), s(CUE, "said"), s(SOURCE, "Bali")],
            vec![s(CONTENT, "Rain"), s(CUE, "according to"), s(SOURCE, "Reuters")],
        ];
        let who: Vec<&str> =
            claims(&doc, &roles).iter().map(|c| &doc.text()[c.claimant.as_ref().unwrap().range.clone()]).collect();
        assert_eq!(who, ["Clinton", "Bali", "Reuters"]);
    }

    #[test]
    fn a_cue_inside_content_without_a_source_is_part_of_the_content() {
        let doc = Document::new(
            "Gowdy said that claim smacked of hypocrisy by those questioning the FBI's decisions.".into(),
        );
        let s = |role, w| RoleSpan { role, tokens: toks(&doc, w), confidence: 0.9 };
        let roles = vec![vec![
            s(SOURCE, "Gowdy"),
            s(CUE, "said"),
            s(CONTENT, "that claim smacked of hypocrisy by those"),
            s(CUE, "questioning"),
            s(CONTENT, "the FBI's decisions"),
        ]];
        let c = claims(&doc, &roles);
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(&doc.text()[c[0].cue.clone().unwrap()], "said");
        assert_eq!(
            &doc.text()[c[0].content.clone()],
            "that claim smacked of hypocrisy by those questioning the FBI's decisions"
        );
    }

    #[test]
    fn an_attribution_closing_the_sentence_claims_all_before_its_comma() {
        let doc = Document::new(
            "Secret Service protocol called for her to be taken to a trauma center, sources said on Sunday.".into(),
        );
        let s = |role, w| RoleSpan { role, tokens: toks(&doc, w), confidence: 0.9 };
        let roles = vec![vec![
            s(SOURCE, "Secret Service protocol"),
            s(CUE, "called for"),
            s(CONTENT, "her to be taken to a trauma center"),
            s(SOURCE, "sources"),
            s(CUE, "said"),
        ]];
        let c = claims(&doc, &roles);
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(&doc.text()[c[0].cue.clone().unwrap()], "said");
        assert_eq!(&doc.text()[c[0].claimant.clone().unwrap().range], "sources");
        assert_eq!(
            &doc.text()[c[0].content.clone()],
            "Secret Service protocol called for her to be taken to a trauma center"
        );
        // One cue is left as the tagger found it.
        let doc = Document::new("Prices will fall, she said.".into());
        let s = |role, w| RoleSpan { role, tokens: toks(&doc, w), confidence: 0.9 };
        let c = claims(&doc, &[vec![s(CONTENT, "Prices will"), s(SOURCE, "she"), s(CUE, "said")]]);
        assert_eq!(&doc.text()[c[0].content.clone()], "Prices will");
    }

    #[test]
    fn a_quoted_paragraph_after_its_attribution_goes_on_quoting() {
        let doc =
            Document::new("“No one writes songs for her,” he said.\n\n“The vote is against Trump.”\n\nShe won.".into());
        let s = |role, w| RoleSpan { role, tokens: toks(&doc, w), confidence: 0.9 };
        let roles = vec![
            vec![s(CONTENT, "No one writes songs for her"), s(SOURCE, "he"), s(CUE, "said")],
            vec![s(CONTENT, "The vote is against Trump")],
            vec![s(CONTENT, "She won")],
        ];
        let c = claims(&doc, &roles);
        assert_eq!(
            &doc.text()[c[0].content.clone()],
            "No one writes songs for her,” he said.\n\n“The vote is against Trump"
        );
        assert_eq!(c.len(), 2, "{c:?}");
    }

    #[test]
    fn an_attribution_in_the_sentence_before_lends_its_cue() {
        let doc = Document::new("The mayor told reporters this: \n“Taxes will rise.”".into());
        let s = |role, w| RoleSpan { role, tokens: toks(&doc, w), confidence: 0.9 };
        let roles = vec![vec![s(SOURCE, "The mayor"), s(CUE, "told")], vec![s(CONTENT, "Taxes will rise")]];
        let c = claims(&doc, &roles);
        assert_eq!(c.len(), 1);
        assert_eq!(&doc.text()[c[0].cue.clone().unwrap()], "told");
        assert_eq!(&doc.text()[c[0].claimant.clone().unwrap().range], "The mayor");
    }

    #[test]
    fn a_quotation_over_several_sentences_is_one_claim() {
        let doc = Document::new("He said: “We won. We will win again.”".into());
        let s = |role, w| RoleSpan { role, tokens: toks(&doc, w), confidence: 0.9 };
        let roles =
            vec![vec![s(SOURCE, "He"), s(CUE, "said"), s(CONTENT, "We won")], vec![s(CONTENT, "We will win again")]];
        let c = claims(&doc, &roles);
        assert_eq!(c.len(), 1);
        assert_eq!(&doc.text()[c[0].content.clone()], "We won. We will win again");
    }
}
