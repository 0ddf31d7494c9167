//! Claims whose attribution is a label, not a sentence: a transcript's speaker (`PENCE: …`) and a pull
//! quote's byline (`“…” ― Esther Tapia`). The tagger finds their content but neither cue nor claimant;
//! the label names the claimant and its colon or dash is the cue.

use super::{Context, Found, is_quote_mark};
use crate::offsets::{ByteRange, TokenRange};

/// A speaker's label opening a paragraph of a transcript (`PENCE: …`, also after an opening quotation
/// mark: `"PENCE: …`) whose words are the content (which may take the label in): the label, and its
/// colon as the cue.
pub fn speaker_label(c: &Context) -> Option<Found> {
    let (doc, content) = (c.doc, c.content);
    let paragraph = doc.paragraphs().get(doc.paragraph_of(content.start))?;
    let mut toks = doc.tokens_in(paragraph);
    while toks.start < toks.end && is_quote_mark(doc.token_text(toks.start)) {
        toks.start += 1;
    }
    let colon = toks.range().take(4).find(|&i| doc.token_text(i) == ":")?;
    let name = TokenRange::new(toks.start, colon);
    let all_caps = !name.is_empty()
        && name.range().all(|i| {
            let w = doc.token_text(i);
            w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
        });
    let colon = doc.token_bytes(colon);
    (all_caps && content.start <= colon.end + 2)
        .then(|| Found { claimant: doc.bytes_of_tokens(name), cue: Some(colon) })
}

/// A pull quote's byline on the same line: `“…” ― Krystal Correa` (or `—`, `–`): the name, and the
/// dash as the cue.
pub fn dash_byline(c: &Context) -> Option<Found> {
    let (doc, content) = (c.doc, c.content);
    let tokens = doc.tokens();
    let mut i = doc.first_token_from(content.end);
    while tokens.get(i).is_some_and(|t| is_quote_mark(&doc.text()[t.range.clone()])) {
        i += 1;
    }
    let dash = ByteRange::from(&tokens.get(i)?.range);
    let same_line = |end: usize| !doc.text()[content.end..end].contains('\n');
    if !matches!(&doc.text()[dash], "―" | "—" | "–") || !same_line(dash.end) {
        return None;
    }
    // Capitalised words, and the dot after an initial (`Julie A. Diaz`), on the dash's line.
    let mut name: Option<ByteRange> = None;
    let mut previous = "";
    for t in &tokens[i + 1..] {
        let w = &doc.text()[t.range.clone()];
        let after_initial = w == "." && previous.len() == 1 && previous.chars().all(char::is_uppercase);
        let capitalised = w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '’' | '\''));
        if !same_line(t.range.end) || !(capitalised || after_initial) {
            break;
        }
        name = Some(name.map_or((&t.range).into(), |n| ByteRange::new(n.start, t.range.end)));
        previous = w;
    }
    let name = name?;
    let name = ByteRange::new(name.start, name.start + doc.text()[name].trim_end_matches('.').len());
    Some(Found { claimant: name, cue: Some(dash) })
}

#[cfg(test)]
mod tests {
    use super::super::Entities;
    use super::super::testing::at;
    use super::*;
    use crate::doc::Document;

    /// What a rule finds for a claim with this content and nothing else: (claimant, cue).
    fn label(doc: &Document, content: ByteRange, rule: fn(&Context) -> Option<Found>) -> Option<(&str, &str)> {
        let entities = Entities::new(&[]);
        let c = Context { doc, quoted: &[], entities: &entities, content, cue: None, claimant: None };
        let found = rule(&c)?;
        Some((&doc.text()[found.claimant], &doc.text()[found.cue?]))
    }

    #[test]
    fn a_transcript_speaker_label_is_a_claimant() {
        let doc = Document::new("WALLACE: Let me ask you about taxes.\nNo label here: just text.".into());
        let content = ByteRange::new(at(&doc, "Let me").start, at(&doc, " about").start);
        assert_eq!(label(&doc, content, speaker_label), Some(("WALLACE", ":")));
        let other = ByteRange::new(at(&doc, "just").start, doc.text().len());
        assert!(label(&doc, other, speaker_label).is_none(), "not in capitals");
        let quoted = Document::new("Intro.\n\n\"PENCE: Well, look, Mark Cuban has been out there.".into());
        let content = ByteRange::new(at(&quoted, "\"PENCE").start, quoted.text().len());
        let (who, _) = label(&quoted, content, speaker_label).expect("a label after a quotation mark");
        assert_eq!(who, "PENCE");
    }

    #[test]
    fn a_pull_quote_byline_after_a_dash_is_the_claimant() {
        let doc =
            Document::new("“Donald Trump scares me.” ― Julie A. Diaz Martinez.\n“He can’t.” ― Krystal Correa\n".into());
        for (quote, name) in [("Donald Trump scares me.", "Julie A. Diaz Martinez"), ("He can’t.", "Krystal Correa")]
        {
            assert_eq!(label(&doc, at(&doc, quote), dash_byline), Some((name, "―")));
        }
        let plain = Document::new("“It works,” she said — and left.".into());
        assert!(
            label(&plain, ByteRange::new(3, 11), dash_byline).is_none(),
            "a dash after the attribution is not a byline"
        );
    }
}
