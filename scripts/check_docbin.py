"""Checks a Marginalia DocBin export with spaCy itself: `DocBin().from_disk` must give back each
document's text exactly, tokens on Marginalia's token boundaries, every accepted span in
`doc.spans["sc"]`, `doc.ents` the longest of overlapping spans, rejected spans in
`doc.spans["rejected"]`, and the document's name in `doc.user_data`. The expectation is Marginalia's
spaCy JSONL export of the same annotation files (code points, like spaCy's).

Not part of `cargo test`: it needs spaCy 3.8. Make both exports from the same files, then run it:

    marginalia export --format spacy --include-rejected ANNOTATIONS -o x.jsonl
    marginalia export --format spacy-docbin --include-rejected ANNOTATIONS -o x.spacy
    python scripts/check_docbin.py x.spacy x.jsonl

It prints what it compared and each mismatch, and exits 1 if there was one.
"""

import json
import sys
from collections import Counter

import spacy
from spacy.tokens import DocBin


def expectations(jsonl_path):
    """Per document, in order: its text, tokens, accepted and rejected spans (start, end, label)."""
    docs = []
    for line in open(jsonl_path, encoding="utf-8"):
        task = json.loads(line)
        spans = [(s["start"], s["end"], s["label"]) for s in task["spans"]]
        if task["answer"] == "reject":
            docs[-1]["rejected"].extend(spans)
            continue
        tokens = [(t["start"], t["end"]) for t in task["tokens"]]
        docs.append({"text": task["text"], "name": task["meta"]["source"], "tokens": tokens, "accepted": spans, "rejected": []})
    return docs


def longest_first(spans):
    """The spans that are entities: longest first (then the earliest), none overlapping."""
    kept = []
    for s in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(s[1] <= k[0] or k[1] <= s[0] for k in kept):
            kept.append(s)
    return sorted(kept)


def check(doc, want):
    """The ways `doc` differs from `want`."""
    wrong = []
    if doc.text != want["text"]:
        return [f"text differs: {doc.text[:60]!r} vs {want['text'][:60]!r}"]
    starts = {t.idx for t in doc}
    ends = {t.idx + len(t.text) for t in doc}
    for a, b in want["tokens"]:
        if a not in starts or b not in ends:
            wrong.append(f"token {want['text'][a:b]!r} at {a} is not whole spaCy tokens")
    bounds = {x for s in want["accepted"] + want["rejected"] for x in s[:2]}
    inside = [(a, b) for a, b in want["tokens"]]
    for t in doc:
        a, b = t.idx, t.idx + len(t.text)
        if t.is_space or t.text.isspace():
            continue
        if not any(x <= a and b <= y for x, y in inside):
            wrong.append(f"spaCy token {t.text!r} at {a} is not inside one of Marginalia's")
        elif (a, b) not in set(inside) and not ({a, b} - {x for tok in inside for x in tok}) <= bounds:
            wrong.append(f"spaCy token {t.text!r} at {a} is cut where no span starts or ends")
    of = lambda spans: Counter((s.start_char, s.end_char, s.label_) for s in spans)
    if of(doc.ents) != Counter(longest_first(want["accepted"])):
        wrong.append(f"ents {sorted(of(doc.ents))} vs {longest_first(want['accepted'])}")
    if of(doc.spans.get("sc", [])) != Counter(want["accepted"]):
        wrong.append("spans['sc'] are not the accepted spans")
    if of(doc.spans.get("rejected", [])) != Counter(want["rejected"]):
        wrong.append("spans['rejected'] are not the rejected spans")
    if doc.user_data.get("name") != want["name"]:
        wrong.append(f"user_data name {doc.user_data.get('name')!r} vs {want['name']!r}")
    return wrong


def main(docbin_path, jsonl_path):
    nlp = spacy.blank("en")
    docs = list(DocBin().from_disk(docbin_path).get_docs(nlp.vocab))
    wants = expectations(jsonl_path)
    mismatches = 0
    if len(docs) != len(wants):
        print(f"{len(docs)} documents in the DocBin, {len(wants)} in the JSONL")
        mismatches += 1
    for n, (doc, want) in enumerate(zip(docs, wants), 1):
        for why in check(doc, want):
            mismatches += 1
            print(f"document {n} ({want['name']}): {why}")
    tokens = sum(len(d) for d in docs)
    ents = sum(len(d.ents) for d in docs)
    spans = sum(len(d.spans.get("sc", [])) + len(d.spans.get("rejected", [])) for d in docs)
    print(f"spaCy {spacy.__version__} read {len(docs)} documents, {tokens} tokens, {ents} ents, {spans} spans in span groups; {mismatches} mismatches")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
