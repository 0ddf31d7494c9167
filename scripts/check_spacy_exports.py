"""Checks Marginalia's spaCy JSONL and CoNLL exports with spaCy itself (not run by `cargo test`).

    python scripts/check_spacy_exports.py EXPORT.jsonl [CONVERTED.spacy]

For each task of the JSONL (`marginalia export --format spacy`): `Doc(words, spaces)` built from its
tokens must give back its text exactly, and every span must be whole tokens (`char_span`, with the
task's `token_start` / `token_end`). CONVERTED.spacy is what `python -m spacy convert OUT.conll DIR
--converter ner` made of `marginalia export --format conll`: its documents, entities, and any
`-DOCSTART-` token that leaked into the training data are counted. Run it with the peer venv's python
(`../shared/tools/peer-setup.sh`).
"""
import json
import sys

import spacy
from spacy.tokens import Doc, DocBin

nlp = spacy.blank("en")
bad_text = bad_span = tasks = spans = overlapping = 0
for line in open(sys.argv[1], encoding="utf-8"):
    task = json.loads(line)
    words = [t["text"] for t in task["tokens"]]
    spaces = [t["ws"] for t in task["tokens"]]
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    tasks += 1
    bad_text += doc.text != task["text"]
    found = []
    for s in task["spans"]:
        spans += 1
        span = doc.char_span(s["start"], s["end"], label=s["label"])
        if span is None or span.start != s["token_start"] or span.end - 1 != s["token_end"]:
            bad_span += 1
        else:
            found.append(span)
    try:
        doc.ents = found
    except ValueError:
        overlapping += 1
print(f"spaCy JSONL: {tasks} tasks, Doc(words, spaces).text differs in {bad_text}; "
      f"{spans} spans, {bad_span} not on tokens; {overlapping} tasks whose spans overlap (not all doc.ents)")
if len(sys.argv) > 2:
    docs = list(DocBin().from_disk(sys.argv[2]).get_docs(nlp.vocab))
    leaked = sum(1 for d in docs for t in d if t.text == "-DOCSTART-")
    print(f"spacy convert of the CoNLL export: {len(docs)} documents, {sum(len(d.ents) for d in docs)} entities, "
          f"{leaked} -DOCSTART- tokens in the documents")
