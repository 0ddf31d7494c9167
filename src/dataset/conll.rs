//! CoNLL columns, read and written: a token per line with its tag in the last column, a blank line
//! between sentences, `-DOCSTART- -X- O O` between documents.
//!
//! Written as CoNLL-2003 is, `TOKEN _ _ TAG` in IOB2 (every entity starts with `B-`), with the
//! document line in exactly the form spaCy's converter looks for (`-DOCSTART- -X- O O`: with any
//! other it makes one document per sentence and keeps `-DOCSTART-` as a token of the training data).
//! A label is one column, so white space in it becomes `_` and the report says so.
//!
//! Read in every tag scheme the files come in — IOB2, IOB1 (CoNLL-2003's own, where `I-` opens an
//! entity and `B-` only separates two of one type), BIOES / BILOU (`E-`/`L-` ends one, `S-`/`U-` is
//! one token), IO (a bare type, `LOC`) — and a tag that is none of them is reported with its line,
//! read as `O`. The columns between the token and its tag (part of speech, chunk) are counted, not
//! kept.

use super::export::{LeftOut, Report, claims_kept, one_word, spans_kept, tell_renamed};
use super::import::{Batch, GivenSpan, Imported};
use super::{Entry, Selection};
use crate::annotation::{Span, Status};
use crate::tagger::tags::{O, TagSet, spans_of};
use std::fmt::Write as _;
use std::ops::Range;
use std::path::Path;

/// The line that starts a document, as CoNLL-2003 and spaCy's converter write it.
pub const DOCSTART: &str = "-DOCSTART- -X- O O";

/// How many invalid tags are reported one by one; the rest are counted.
const TAGS_TOLD: usize = 20;

/// A tag, in any of the schemes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag<'a> {
    Outside,
    /// `B-`: opens an entity.
    Begin(&'a str),
    /// `I-`: continues one of its type, or opens one (IOB1).
    Inside(&'a str),
    /// `E-` / `L-`: the last token of one.
    End(&'a str),
    /// `S-` / `U-`: an entity of one token.
    Single(&'a str),
}

impl<'a> Tag<'a> {
    /// The entity type the tag names (none for `O`).
    fn entity_type(self) -> Option<&'a str> {
        match self {
            Tag::Outside => None,
            Tag::Begin(ty) | Tag::Inside(ty) | Tag::End(ty) | Tag::Single(ty) => Some(ty),
        }
    }
}

/// Whether `tag` is a tag of one of the schemes read.
pub fn is_tag(tag: &str) -> bool {
    parse_tag(tag).is_some()
}

fn parse_tag(tag: &str) -> Option<Tag<'_>> {
    if tag == "O" {
        return Some(Tag::Outside);
    }
    let is_type = |ty: &str| {
        ty.starts_with(|c: char| c.is_alphabetic())
            && ty.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
    };
    let prefixed = tag.split_once('-').filter(|(_, ty)| is_type(ty)).and_then(|(prefix, ty)| {
        Some(match prefix {
            "B" => Tag::Begin(ty),
            "I" => Tag::Inside(ty),
            "E" | "L" => Tag::End(ty),
            "S" | "U" => Tag::Single(ty),
            _ => return None,
        })
    });
    // The IO scheme: a bare type (`LOC`), which a run of the same type continues.
    let bare = || {
        let io = is_type(tag) && tag.len() >= 2 && !tag.contains('-') && !tag.chars().any(char::is_lowercase);
        io.then_some(Tag::Inside(tag))
    };
    prefixed.or_else(bare)
}

/// The documents of a CoNLL file: tokens joined by spaces, a sentence a line.
pub fn read(path: &Path, stem: &str) -> anyhow::Result<Batch> {
    let source = crate::input::read_text(path, crate::input::MAX_DATA_FILE)?;
    Ok(parse(&source, stem, &path.display().to_string()))
}

/// [`read`] of a file's text (`at` names the file in messages).
pub fn parse<'a>(source: &'a str, stem: &str, at: &str) -> Batch {
    let mut batch = Batch::default();
    let mut doc = Builder::default();
    let mut invalid = 0;
    let sentence_a_line = is_sentence_a_line(source);
    for (n, line) in source.lines().enumerate() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let mut tag_of = |word: &str, tag: &'a str, batch: &mut Batch| {
            let tag = parse_tag(tag).unwrap_or_else(|| {
                invalid += 1;
                if invalid <= TAGS_TOLD {
                    batch.not_held.unreadable.push(format!(
                        "{at}, line {}: `{tag}` is not a tag (O, a type, or B-, I-, E-, S-, L-, U- and a type); read as O",
                        n + 1
                    ));
                }
                Tag::Outside
            });
            doc.token(word, tag);
        };
        if sentence_a_line {
            // spaCy's `word|POS|tag` form: a sentence a line, its tokens split by spaces.
            for token in &cols {
                let (word, tag) = match (token.split('|').next(), token.rsplit_once('|')) {
                    (Some(word), Some((_, tag))) => (word, tag),
                    _ => (*token, ""),
                };
                tag_of(word, tag, &mut batch);
            }
            doc.end_sentence();
            continue;
        }
        match cols.as_slice() {
            [] => doc.end_sentence(),
            ["-DOCSTART-", ..] => doc.finish(&mut batch, stem),
            [word, middle @ .., tag] => {
                if middle.iter().any(|c| !matches!(*c, "_" | "-X-" | "-")) {
                    batch.not_held.add("rows' other CoNLL columns (part of speech, chunk and the like)", 1);
                }
                tag_of(word, tag, &mut batch);
            }
            [word] => {
                batch.not_held.unreadable.push(format!("{at}, line {}: `{word}` has no tag column; read as O", n + 1));
                doc.token(word, Tag::Outside);
            }
        }
    }
    doc.finish(&mut batch, stem);
    if invalid > TAGS_TOLD {
        batch.not_held.unreadable.push(format!("{at}: {} more invalid tags, read as O", invalid - TAGS_TOLD));
    }
    batch
}

/// spaCy's sentence-a-line IOB (`When|WRB|O Sebastian|NNP|B-PERSON …`): the first line's tokens all
/// end in `|` and a tag.
pub fn is_sentence_a_line(source: &str) -> bool {
    let first = source.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
    let tokens: Vec<&str> = first.split_whitespace().collect();
    tokens.len() >= 2 && tokens.iter().all(|t| t.rsplit_once('|').is_some_and(|(w, tag)| !w.is_empty() && is_tag(tag)))
}

/// One document being read.
#[derive(Default)]
struct Builder<'a> {
    text: String,
    spans: Vec<GivenSpan>,
    /// The tokens of the sentence being read: their bytes in the text, and their tags.
    sentence: Vec<(Range<usize>, Tag<'a>)>,
}

impl<'a> Builder<'a> {
    fn token(&mut self, word: &str, tag: Tag<'a>) {
        if !self.sentence.is_empty() {
            self.text.push(' ');
        }
        let start = self.text.len();
        self.text.push_str(word);
        self.sentence.push((start..self.text.len(), tag));
    }

    fn end_sentence(&mut self) {
        if !self.sentence.is_empty() {
            self.spans.extend(entities(&self.sentence));
            self.sentence.clear();
            self.text.push('\n');
        }
    }

    fn finish(&mut self, batch: &mut Batch, stem: &str) {
        self.end_sentence();
        let done = std::mem::take(self);
        if !done.text.trim().is_empty() {
            let name = format!("{stem}-{}", batch.docs.len() + 1);
            batch.docs.push(Imported { name, text: done.text, spans: done.spans, ..Default::default() });
        }
    }
}

/// The entities a sentence's tags make (`sentence`: each token's bytes and tag), decoded as IOB2
/// by the tagger's one decoder ([`spans_of`]) once each scheme is said in IOB2: `S-` begins an
/// entity, `E-` continues one, a tag after an `E-` or `S-` (which closed its entity) begins a new
/// one, and an `I-` that continues nothing (IOB1, IO) begins one ([`TagSet::to_iob2`]).
fn entities(sentence: &[(Range<usize>, Tag)]) -> Vec<GivenSpan> {
    let mut types: Vec<&str> = Vec::new();
    for ty in sentence.iter().filter_map(|(_, tag)| tag.entity_type()) {
        if !types.contains(&ty) {
            types.push(ty);
        }
    }
    let set = TagSet::new(types.iter().map(|t| t.to_string()).collect());
    let index = |ty: &str| types.iter().position(|t| *t == ty).unwrap_or_default();
    let mut closed = false;
    let mut tags: Vec<usize> = sentence
        .iter()
        .map(|(_, tag)| {
            let iob2 = match *tag {
                Tag::Outside => O,
                Tag::Begin(ty) | Tag::Single(ty) => set.begin(index(ty)),
                Tag::Inside(ty) | Tag::End(ty) if closed => set.begin(index(ty)),
                Tag::Inside(ty) | Tag::End(ty) => set.inside(index(ty)),
            };
            closed = matches!(tag, Tag::End(_) | Tag::Single(_));
            iob2
        })
        .collect();
    set.to_iob2(&mut tags);
    spans_of(&set, &tags)
        .into_iter()
        .map(|(ty, first, end)| GivenSpan {
            range: sentence[first].0.start..sentence[end - 1].0.end,
            label: types[ty].to_string(),
            status: Status::Accepted,
            suggested: None,
        })
        .collect()
}

/// The documents as CoNLL-2003 columns.
pub fn write(entries: &[&Entry], selection: Selection, report: &mut Report) -> String {
    let mut out = String::new();
    for e in entries {
        let doc = &e.doc;
        let mut tags: Vec<Option<(String, bool)>> = vec![None; doc.tokens().len()];
        // Longest first: a span inside another cannot be written and is counted as left out.
        let mut spans: Vec<&Span> = spans_kept(e, selection).filter(|s| s.status == Status::Accepted).collect();
        spans.sort_by_key(|s| std::cmp::Reverse(s.range.len()));
        let in_one_sentence = |r: &Range<usize>| doc.sentence_of(r.start).is_some_and(|s| r.end <= s.end);
        let mut written = Vec::new();
        for s in spans {
            let Some(toks) = doc.whole_tokens(&s.range) else {
                report.skip(LeftOut::Format("spans not on token boundaries (CoNLL labels whole tokens)"), 1);
                continue;
            };
            if !in_one_sentence(&s.range) {
                report.skip(LeftOut::Format("spans across a sentence boundary (CoNLL is split into sentences)"), 1);
            } else if tags[toks.clone()].iter().any(Option::is_some) {
                report.skip(LeftOut::Format("overlapping spans (CoNLL holds one label per token)"), 1);
            } else {
                let label = one_word(&s.label);
                for i in toks.clone() {
                    tags[i] = Some((label.clone(), i == toks.start));
                }
                written.push(s.label.as_str());
                report.spans += 1;
            }
        }
        tell_renamed(report, written.into_iter(), "CoNLL");
        report.skip(
            LeftOut::Format("rejected spans (CoNLL has no negative examples)"),
            spans_kept(e, selection).filter(|s| s.status == Status::Rejected).count(),
        );
        report.skip(LeftOut::Format("claims (CoNLL holds entity tags only)"), claims_kept(e, selection).count());
        let _ = writeln!(out, "{DOCSTART}\n");
        for sentence in doc.sentences() {
            let toks = doc.tokens_in(sentence.clone());
            if toks.is_empty() {
                continue;
            }
            for i in toks.range() {
                let tag = match &tags[i] {
                    Some((label, true)) => format!("B-{label}"),
                    Some((label, false)) => format!("I-{label}"),
                    None => "O".into(),
                };
                let _ = writeln!(out, "{} _ _ {tag}", doc.token_text(i));
            }
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each document's spans as (words, label).
    fn labels(batch: &Batch) -> Vec<Vec<(&str, &str)>> {
        batch
            .docs
            .iter()
            .map(|d| d.spans.iter().map(|s| (&d.text[s.range.clone()], s.label.as_str())).collect())
            .collect()
    }

    fn read_str(source: &str) -> Batch {
        parse(source, "t", "t.conll")
    }

    #[test]
    fn iob1_as_conll_2003_writes_it() {
        // CoNLL-2003's own files: `I-` opens an entity, `B-` only separates two of one type.
        let b = read_str(
            "-DOCSTART- -X- -X- O\n\nEU I-ORG\nrejects O\nGerman I-MISC\nPeter I-PER\nBlackburn I-PER\nJohn B-PER\n",
        );
        assert_eq!(labels(&b), [vec![("EU", "ORG"), ("German", "MISC"), ("Peter Blackburn", "PER"), ("John", "PER")]]);
        assert!(b.not_held.is_empty());
    }

    #[test]
    fn bioes_and_bilou_close_where_they_say() {
        let bioes = read_str("New B-LOC\nYork E-LOC\nParis S-LOC\nLyon S-LOC\nis O\n");
        assert_eq!(labels(&bioes), [vec![("New York", "LOC"), ("Paris", "LOC"), ("Lyon", "LOC")]]);
        let bilou = read_str("Ed B-PER\nMiliband L-PER\nMay U-PER\nsaid O\n");
        assert_eq!(labels(&bilou), [vec![("Ed Miliband", "PER"), ("May", "PER")]]);
        let io = read_str("New LOC\nYork LOC\nis O\nMay PER\n");
        assert_eq!(labels(&io), [vec![("New York", "LOC"), ("May", "PER")]]);
    }

    #[test]
    fn an_invalid_tag_is_reported_with_its_line_not_silently_o() {
        let b = read_str("Ed B-PER\nsaid X-VERB\nhi\nso o\n");
        assert_eq!(labels(&b), [vec![("Ed", "PER")]]);
        assert_eq!(b.not_held.unreadable.len(), 3, "{:?}", b.not_held.unreadable);
        assert!(b.not_held.unreadable[0].contains("line 2: `X-VERB` is not a tag"), "{:?}", b.not_held.unreadable);
        assert!(b.not_held.unreadable[1].contains("line 3"), "{:?}", b.not_held.unreadable);
    }

    #[test]
    fn spacy_s_sentence_a_line_iob_is_read() {
        let b = read_str(
            "When|WRB|O Sebastian|NNP|B-PERSON Thrun|NNP|I-PERSON started|VBD|O\nGoogle|NNP|B-ORG grew|VBD|O\n",
        );
        assert_eq!(labels(&b), [vec![("Sebastian Thrun", "PERSON"), ("Google", "ORG")]]);
        assert_eq!(b.docs[0].text, "When Sebastian Thrun started\nGoogle grew\n");
    }

    #[test]
    fn documents_split_at_docstart_and_sentences_are_lines() {
        let b = read_str("-DOCSTART- -X- O O\n\nA B-ORG\nb O\n\nc O\n-DOCSTART- -X- O O\n\nD B-PER\n");
        assert_eq!(b.docs.len(), 2);
        assert_eq!(b.docs[0].text, "A b\nc\n");
        assert_eq!(b.docs[1].text, "D\n");
        assert_eq!(b.docs[1].name, "t-2");
    }

    #[test]
    fn labels_with_white_space_are_one_column_and_the_report_says_so() {
        assert_eq!(one_word("a\tb\nc"), "a_b_c");
        let mut report = Report::default();
        tell_renamed(&mut report, ["Armed group", "ORG", "Armed group"].into_iter(), "CoNLL");
        let said = report.describe(|_| None);
        assert!(said.contains("2 spans labelled \"Armed group\" written as \"Armed_group\""), "{said}");
    }
}
