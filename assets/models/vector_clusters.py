#!/usr/bin/env python3
"""Word classes from word vectors, for the entity tagger's features (`vector-clusters.txt`).

Reads the word vectors of spaCy's en_core_web_md (MIT; 684,830 keys sharing 20,000 distinct 300-d vectors),
keeps the words that look like words (letters, digits, inner ' . & -) and that wordfreq rates at Zipf >= MIN_ZIPF,
and clusters their vectors by spherical k-means twice: K_FINE and K_COARSE classes (seeds 1 and 2, 15 rounds),
so the same inputs give the same file. Output: `word<TAB>fine<TAB>coarse`, one line a word, sorted by word
(the format of `marginalia clusters`). Needs numpy, spacy and wordfreq; see assets/models/README.md.

usage: vector_clusters.py VOCAB_DIR MIN_ZIPF K_FINE K_COARSE OUT
"""
import re
import sys

import numpy as np
from spacy.strings import StringStore
from spacy.vectors import Vectors
from wordfreq import zipf_frequency


def kmeans(x, k, seed, rounds=15):
    rng = np.random.default_rng(seed)
    centres = x[rng.choice(len(x), k, replace=False)].copy()
    for _ in range(rounds):
        nearest = np.argmax(x @ centres.T, axis=1)
        for j in range(k):
            members = x[nearest == j]
            if len(members):
                centres[j] = members.mean(0)
                centres[j] /= np.linalg.norm(centres[j]) + 1e-9
    return np.argmax(x @ centres.T, axis=1)


def main():
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    vocab, min_zipf, k_fine, k_coarse, out = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    vectors = Vectors()
    vectors.from_disk(vocab)
    strings = StringStore().from_disk(vocab + "/strings.json")
    wordlike = re.compile(r"^[A-Za-z0-9][A-Za-z0-9'’.&-]{0,24}$")
    words = sorted(
        (strings[key], row)
        for key, row in vectors.key2row.items()
        if key in strings and wordlike.match(strings[key]) and zipf_frequency(strings[key].lower(), "en") >= min_zipf
    )
    x = np.asarray(vectors.data, dtype=np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-9
    rows = sorted({row for _, row in words})
    at = {row: i for i, row in enumerate(rows)}
    fine, coarse = kmeans(x[rows], k_fine, seed=1), kmeans(x[rows], k_coarse, seed=2)
    with open(out, "w", encoding="utf-8") as f:
        for word, row in words:
            f.write(f"{word}\t{fine[at[row]]}\t{coarse[at[row]]}\n")
    print(f"{len(words)} words in {len(rows)} distinct vectors -> {out}")


if __name__ == "__main__":
    main()
