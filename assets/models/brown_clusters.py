#!/usr/bin/env python3
"""Brown clusters for the entity tagger's features (`brown-clusters.txt`).

Reads `en_lexeme_cluster.json.gz` from spacy-lookups-data 1.0.5 (MIT): 1,000 hierarchical Brown clusters of
English words from a large news corpus, copied by spaCy from its v2.2 models; each word's cluster is its path
in the cluster tree stored as an integer with the first step in the lowest bit (0: no cluster). Keeps the
words with a cluster and writes `word<TAB>path`, the path as a string of 0s and 1s from the root (a path's
trailing 0s cannot be told from the integer and are left off), one line a word, sorted by word.

usage: brown_clusters.py en_lexeme_cluster.json.gz OUT
"""
import gzip
import json
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    clusters = json.load(gzip.open(sys.argv[1]))
    rows = sorted((w, format(c, "b")[::-1]) for w, c in clusters.items() if c and w.strip() and "\t" not in w and "\n" not in w)
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        for w, path in rows:
            out.write(f"{w}\t{path}\n")


if __name__ == "__main__":
    main()
