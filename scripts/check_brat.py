"""Checks a Marginalia brat export with brat's own parser (not run by `cargo test`).

    python scripts/check_brat.py BRAT_SERVER_SRC EXPORT_DIR

BRAT_SERVER_SRC is `server/src` of a checkout of https://github.com/nlplab/brat (its
`annotation.py` reads `.ann` files exactly as the brat server does; on Python 3.11 change
`open_textfile`'s default mode from 'rU' to 'r', since 'U' is gone). brat leaves out a text-bound line
it refuses (for one, a text field that is not its pieces joined by single spaces), so the number of
text-bound annotations it reads must equal the number of `T` lines written.
"""
import glob
import sys

sys.path.insert(0, sys.argv[1])
from annotation import TextAnnotations  # noqa: E402

read = refused = textbound = written = 0
for ann in sorted(glob.glob(sys.argv[2] + "/*.ann")):
    written += sum(1 for line in open(ann, encoding="utf-8") if line.startswith("T"))
    try:
        textbound += len(list(TextAnnotations(ann[:-4], read_only=True).get_textbounds()))
        read += 1
    except Exception as e:  # brat raises its own error types for a file it refuses
        refused += 1
        print("refused", ann, type(e).__name__, e)
print(f"brat read {read} files and refused {refused}; {textbound} of {written} text-bound lines taken")
