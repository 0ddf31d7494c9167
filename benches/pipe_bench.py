#!/usr/bin/env python3
"""`marginalia suggest -` as a line filter: one process, GNU parallel with N jobs, and Spark's
RDD.pipe in local[N] mode, over the same JSON Lines; checks that they print the same lines and
reports documents/s for each beside one process (and spaCy's, when its venv is there).

Not run by `cargo test`. Run it from the repository root, after `cargo build --release`:

    ~/.cache/marginalia-spark/bin/python benches/pipe_bench.py [--jobs 2]

(that venv holds pyspark: `python3 -m venv ~/.cache/marginalia-spark &&
~/.cache/marginalia-spark/bin/pip install pyspark`; Spark needs Java 17). Without pyspark the Spark
run is skipped, saying so; without GNU parallel, `split` + `xargs -P` stand in for it.

The documents are the paragraphs of PolNeAR's dev and test articles (news, 2016; 3,461
paragraphs, four times over by default: 13,844 documents), read from ../shared/data and written to
a temporary folder, never into the repository. Each run is repeated and the fastest kept, since
other work on a shared machine only slows runs down; the CPU time column is robust to that.
"""
import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "data" / "claims" / "polnear"
SPACY_PYTHON = Path.home() / ".cache" / "marginalia-peer" / "bin" / "python"
SPACY_PEER = ROOT.parent / "shared" / "tools" / "spacy_peer.py"


def documents(polnear: Path, out: Path, copies: int = 1) -> int:
    """Writes one JSON line per paragraph of the dev and test articles, `copies` times (each copy's ids
    end in `/2`, `/3`, …); returns how many."""
    n = 0
    with out.open("w", encoding="utf-8") as f:
        for copy, split in ((c, s) for c in range(1, copies + 1) for s in ("dev", "test")):
            for article in sorted((polnear / split / "text").glob("*.txt")):
                text = article.read_text(encoding="utf-8")
                paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
                for k, p in enumerate(paragraphs, 1):
                    meta = {"source": f"{split}/{article.name}", "paragraph": k}
                    id = f"{split}/{article.stem}#{k}" + (f"/{copy}" if copy > 1 else "")
                    f.write(json.dumps({"id": id, "text": p, "meta": meta}, ensure_ascii=False) + "\n")
                    n += 1
    return n


def timed(run):
    started = time.perf_counter()
    result = run()
    return result, time.perf_counter() - started


REPEAT = 3


def cpu_of_children(run, repeat=None):
    """`run`'s result, and the wall seconds and the CPU seconds of the processes it started and waited
    for, of the fastest of `REPEAT` runs: other work on a shared machine only ever slows a run down.
    (The wall time says how many cores were free; the CPU time what the work costs.)"""
    best = None
    for _ in range(repeat or REPEAT):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        result, wall = timed(run)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if best is None or wall < best[1]:
            best = (result, wall, cpu)
    return best


def one_process(binary: Path, docs: Path) -> bytes:
    with docs.open("rb") as f:
        return subprocess.run([str(binary), "suggest", "-"], stdin=f, capture_output=True, check=True).stdout


def gnu_parallel(binary: Path, docs: Path, jobs: int, how: str) -> bytes:
    """GNU parallel, `jobs` processes of `marginalia suggest -`, each on a block of whole lines:
    - `part`: `--pipe-part -a FILE --block -1 -k`, one block per job read straight from the file, the
      outputs in the input's order (byte-identical to one process);
    - `round-robin`: `--pipe --round-robin` on standard input (for a stream that is no file), blocks of
      1 MB handed to whichever job is free, so the order is not kept;
    - `pipe`: `--pipe -k` on standard input, one block per job (its size is the input's over the
      jobs, so the input must be a file or its size known), the outputs in the input's order."""
    command = ["parallel", "-j", str(jobs)]
    command += {
        "part": ["--pipe-part", "-a", str(docs), "--block", "-1", "-k"],
        "round-robin": ["--pipe", "--round-robin", "--block", "1M"],
        "pipe": ["--pipe", "-k", "--block", str(docs.stat().st_size // jobs + 1)],
    }[how]
    with docs.open("rb") as f:
        return subprocess.run(command + [str(binary), "suggest", "-"], stdin=f, capture_output=True, check=True).stdout


def split_xargs(binary: Path, docs: Path, jobs: int, work: Path) -> bytes:
    """Without GNU parallel: `split -n l/N` into pieces, `xargs -P N` runs one process a piece."""
    pieces = work / "pieces"
    pieces.mkdir(exist_ok=True)
    subprocess.run(["split", "-n", f"l/{jobs}", "-d", str(docs), str(pieces / "part-")], check=True)
    script = f'"{binary}" suggest - < "$1" > "$1.out"'
    names = sorted(str(p) for p in pieces.glob("part-??"))
    subprocess.run(["xargs", "-P", str(jobs), "-n", "1", "sh", "-c", script, "sh"], input="\n".join(names).encode(), check=True)
    return b"".join(Path(n + ".out").read_bytes() for n in names)


def spark_pipe(binary: Path, docs: Path, jobs: int):
    """Spark local[N]: textFile → pipe(`marginalia suggest -`) → collect. Returns (lines, job s, start s)."""
    from pyspark import SparkConf, SparkContext

    started = time.perf_counter()
    conf = SparkConf().setMaster(f"local[{jobs}]").setAppName("marginalia-pipe")
    conf.set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false")
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    start_s = time.perf_counter() - started
    try:
        # One partition per job: each starts one process (loading the models takes about 1.5 s).
        rdd = sc.textFile(str(docs), minPartitions=jobs)
        lines, job_s = min((timed(lambda: rdd.pipe(f"{binary} suggest -").collect()) for _ in range(REPEAT)), key=lambda r: r[1])
    finally:
        sc.stop()
    return lines, job_s, start_s


def spacy(docs: Path, work: Path):
    if not (SPACY_PYTHON.exists() and SPACY_PEER.exists()):
        return None
    out = work / "spacy.jsonl"
    command = [str(SPACY_PYTHON), str(SPACY_PEER), "text", str(docs), str(out)]
    _, wall, cpu = cpu_of_children(lambda: subprocess.run(command, check=True, capture_output=True), repeat=1)
    return wall, cpu


def main():
    global REPEAT
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    ap.add_argument("--bin", type=Path, default=target / "release" / "marginalia")
    ap.add_argument("--copies", type=int, default=4, help="the paragraphs this many times over (startup is then a small part)")
    ap.add_argument("--repeat", type=int, default=REPEAT, help="runs of each, the fastest reported")
    ap.add_argument("--no-spacy", action="store_true", help="skip spaCy (about 100 s a run, on one copy)")
    args = ap.parse_args()
    REPEAT = args.repeat
    if not (POLNEAR / "dev" / "text").is_dir():
        sys.exit(f"pipe_bench: the documents come from {POLNEAR}/{{dev,test}}/text, which is absent here")
    if not args.bin.exists():
        sys.exit(f"pipe_bench: no {args.bin}; run `cargo build --release` first (or give --bin)")
    with tempfile.TemporaryDirectory(prefix="marginalia-pipe-") as tmp:
        work = Path(tmp)
        docs = work / "docs.jsonl"
        n = documents(POLNEAR, docs, args.copies)
        words = sum(len(json.loads(l)["text"].split()) for l in docs.open(encoding="utf-8"))
        size = docs.stat().st_size / 1e6
        print(f"{n} documents ({words} words, {size:.1f} MB): PolNeAR dev + test paragraphs, {args.copies} times; {args.jobs} jobs")
        _, startup = timed(lambda: subprocess.run([str(args.bin), "suggest", "-"], input=b'{"text": "Ana Lima."}', capture_output=True, check=True))
        print(f"one process's start (loading the models) and one short document: {startup:.2f} s")

        one, one_s, one_cpu = cpu_of_children(lambda: one_process(args.bin, docs))
        rows = [("one process", 1, one_s, one_cpu, "reference")]
        again = one_process(args.bin, docs)
        print(f"one process twice: {'byte-identical' if again == one else 'DIFFERENT'}")
        reference = one.splitlines()
        if len(reference) != n:
            sys.exit(f"pipe_bench: one process printed {len(reference)} lines for {n} documents")

        if shutil.which("parallel"):
            for how in ("part", "round-robin", "pipe"):
                par, par_s, cpu = cpu_of_children(lambda: gnu_parallel(args.bin, docs, args.jobs, how))
                same = "byte-identical (in order)" if par == one else ("same lines, other order" if sorted(par.splitlines()) == sorted(reference) else "DIFFERENT")
                what = {"part": "GNU parallel --pipe-part -a FILE --block -1 -k", "round-robin": "GNU parallel --pipe --round-robin (standard input)", "pipe": "GNU parallel --pipe -k --block SIZE/N (standard input)"}[how]
                rows.append((what, args.jobs, par_s, cpu, same))
        else:
            par, par_s, cpu = cpu_of_children(lambda: split_xargs(args.bin, docs, args.jobs, work))
            same = "byte-identical" if par == one else ("same lines" if sorted(par.splitlines()) == sorted(reference) else "DIFFERENT")
            rows.append(("split + xargs -P (no GNU parallel here)", args.jobs, par_s, cpu, same))

        try:
            lines, job_s, start_s = spark_pipe(args.bin, docs, args.jobs)
            got = sorted(l.encode("utf-8") for l in lines)
            same = "same lines (sorted)" if got == sorted(reference) else "DIFFERENT"
            rows.append((f"Spark local[{args.jobs}] RDD.pipe (+{start_s:.1f}s to start Spark)", args.jobs, job_s, None, same))
        except ImportError:
            print("Spark skipped: pyspark is not installed in this Python (see the top of this script)")

        spacy_n = n
        if not args.no_spacy:
            one_copy = work / "one-copy.jsonl"
            spacy_n = documents(POLNEAR, one_copy)
            measured = spacy(one_copy, work)
            if measured is None:
                print(f"spaCy skipped: no {SPACY_PYTHON} or {SPACY_PEER}")
            else:
                rows.append((f"spaCy en_core_web_sm, nlp(text) per document (spacy_peer.py text), {spacy_n} documents", 1, *measured, "(its own spans)"))

        load = os.getloadavg()[0]
        print(f"\nthe fastest of {REPEAT} runs each; load average {load:.1f} on {os.cpu_count()} cores at the end")
        print("| run | jobs | seconds | documents/s | × one process | CPU s | documents per CPU s | output |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        for what, jobs, s, cpu, same in rows:
            docs_n = spacy_n if what.startswith("spaCy") else n
            per_cpu = f"{docs_n / cpu:,.0f}" if cpu else "–"
            cpu = f"{cpu:.1f}" if cpu else "–"
            rate = docs_n / s
            print(f"| {what} | {jobs} | {s:.1f} | {rate:,.0f} | {rate / (n / one_s):.2f} | {cpu} | {per_cpu} | {same} |")
        if any("DIFFERENT" in r[-1] for r in rows):
            sys.exit(1)


if __name__ == "__main__":
    main()
