"""End-to-end throughput of policyfacts on the seed articles, against jieba on the same text.

    python benchmarks/bench.py [--mb 5] [--jobs 2]

Writes the seeds (tests/fixtures/*.txt) repeated to at least ``--mb`` MB of UTF-8 into a temporary
directory, then measures, in one run:

- ``extract_many`` from those files (read + decode + extract), jobs=1 and jobs=N, in chars/s;
- ``jieba.lcut`` over the same texts (the reference point for "fast enough"), and the ratio;
- the cold start (first document: loads jieba's dictionary and the gazetteer), apart from throughput;
- the time to ``import policyfacts`` in a fresh interpreter (median of 5);
- peak RSS of this process and of the worker processes (``resource.getrusage``).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"


def build_corpus(directory: Path, mb: float) -> tuple[list[Path], list[str]]:
    seeds = [p.read_text("utf-8") for p in sorted(FIXTURES.glob("*.txt"))]
    if not seeds:
        sys.exit(f"no seeds in {FIXTURES}")
    paths, texts, size, i = [], [], 0, 0
    while size < mb * 1e6:
        text = seeds[i % len(seeds)]
        p = directory / f"doc{i:05d}.txt"
        p.write_text(text, "utf-8")
        paths.append(p)
        texts.append(text)
        size += len(text.encode("utf-8"))
        i += 1
    return paths, texts


def time_extract(paths: list[Path], jobs: int, as_jsonl: bool = False) -> tuple[float, int, int]:
    from policyfacts.batch import extract_many

    start = time.perf_counter()
    facts = errors = 0
    for r in extract_many(paths, jobs=jobs, as_jsonl=as_jsonl):
        if r.ok:
            facts += r.n_facts
        else:
            errors += 1
    return time.perf_counter() - start, facts, errors


def time_jieba(texts: list[str]) -> float:
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()  # dictionary load is a one-off, not throughput
    start = time.perf_counter()
    for t in texts:
        jieba.lcut(t)
    return time.perf_counter() - start


def import_time(runs: int = 5) -> float:
    code = "import time; t = time.perf_counter(); import policyfacts; print(time.perf_counter() - t)"
    times = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                  check=True).stdout) for _ in range(runs)]
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=5.0, help="corpus size in MB of UTF-8 (default 5)")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes for the parallel run (default 2)")
    args = ap.parse_args(argv)

    t_import = import_time()
    with tempfile.TemporaryDirectory() as tmp:
        paths, texts = build_corpus(Path(tmp), args.mb)
        chars = sum(len(t) for t in texts)
        mbytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        # one-off loads (jieba's dictionary, the gazetteer) are start-up cost, not throughput: like jieba
        # below, measure them apart, on the first document
        t_cold, _, _ = time_extract(paths[:1], 1)
        t1, facts1, err1 = time_extract(paths, 1)
        tn, factsn, errn = time_extract(paths, args.jobs)
        tl, _, _ = time_extract(paths, args.jobs, as_jsonl=True)
        tj = time_jieba(texts)
    assert (facts1, err1) == (factsn, errn), "parallel run differs from the serial one"
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    rows = [
        ("corpus", f"{len(paths)} docs, {mbytes:.1f} MB, {chars:,} chars, {facts1:,} facts, {err1} errors"),
        ("extract_many jobs=1", f"{chars / t1:,.0f} chars/s  ({t1:.2f} s)"),
        (f"extract_many jobs={args.jobs}", f"{chars / tn:,.0f} chars/s  ({tn:.2f} s, x{t1 / tn:.2f})"),
        ("  as JSONL lines", f"{chars / tl:,.0f} chars/s  ({tl:.2f} s, x{t1 / tl:.2f}; what the CLI does)"),
        ("jieba.lcut", f"{chars / tj:,.0f} chars/s  ({tj:.2f} s)"),
        ("policyfacts / jieba", f"{tj / t1:.2f}  (jobs=1 throughput as a multiple of jieba's)"),
        ("first document", f"{t_cold * 1000:.0f} ms  (cold: loads jieba's dictionary and the gazetteer)"),
        ("import policyfacts", f"{t_import * 1000:.0f} ms  (fresh interpreter, median of 5)"),
        ("peak RSS", f"{self_rss:.0f} MB main process, {child_rss:.0f} MB largest worker"),
    ]
    width = max(len(k) for k, _ in rows)
    for k, v in rows:
        print(f"{k:<{width}}  {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
