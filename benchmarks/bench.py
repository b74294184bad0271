"""Every speed target of issue 17, measured in one run, each with PASS/FAIL.

    python benchmarks/bench.py [--mb 2] [--jobs 2] [--linear-chars 1000000] [--big-mb 20] [--skip NAME ...]

The corpus is the seed and dev-set fixtures (tests/fixtures/**/*.txt) repeated to at least ``--mb``
MB of UTF-8, written to a temporary directory. Targets (issue 17, issue 16 for memory):

- rate: ``extract_many`` of those files, one process, as a multiple of ``jieba.lcut`` on the same
  texts (both warm: dictionary loads are start-up) — target ≥ 3×;
- start-up, each in fresh interpreters (median of 3): ``import policyfacts`` < 0.3 s; the first
  ``extract()`` of a short article < 1 s; the CLI (``policyfacts extract``) on a short file < 1.5 s wall;
- linear: one document of N chars costs no more per char than the same text as N/100 documents of
  100 chars (ratio of per-char times ≤ 1.10);
- memory: peak RSS of a fresh process extracting one ``--big-mb`` MB document ≤ 10× its size;
- parallel: ``extract_many(jobs=N, as_jsonl=True)`` (what ``policyfacts extract -j N`` runs) vs the same
  with jobs=1 (what ``-j 1`` runs), in a fresh process, best of 3 each — target ≥ 1.8×; the Dask integration on a two-worker local cluster (started with its ``CPU_BOUND_CONFIG``;
  one run with Dask's defaults is shown beside it) vs the same records in one process ≥ 1.7× (skipped
  without dask).

Ratios are what to compare across runs: the machine's own speed varies by about a tenth.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SHORT = ("2023年,陕西省石泉县池河镇新兴村推出“惠农贷”,授信1000万元,同比增长12%。"
         "全村累计发放贷款300余笔,带动200多户群众增收。")
TARGETS: list[tuple[str, str, bool | None]] = []


def report(name: str, value: str, ok: bool | None) -> None:
    verdict = {True: "PASS", False: "FAIL", None: "SKIP"}[ok]
    TARGETS.append((name, value, ok))
    print(f"{verdict}  {name:<34} {value}", flush=True)


def info(name: str, value: str) -> None:
    print(f"      {name:<34} {value}", flush=True)


def seed_texts() -> list[str]:
    texts = [p.read_text("utf-8") for p in sorted(FIXTURES.rglob("*.txt"))]
    if not texts:
        sys.exit(f"no fixtures in {FIXTURES}")
    return texts


def build_corpus(directory: Path, mb: float) -> tuple[list[Path], list[str]]:
    seeds = seed_texts()
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


def time_extract(items: list, jobs: int, as_jsonl: bool = False) -> tuple[float, int, int]:
    from policyfacts.batch import extract_many

    start = time.perf_counter()
    facts = errors = 0
    for r in extract_many(items, jobs=jobs, as_jsonl=as_jsonl, max_bytes=None):
        if r.ok:
            facts += r.n_facts
        else:
            errors += 1
    return time.perf_counter() - start, facts, errors


def jsonl_run(paths: list[Path], jobs: int) -> dict[str, float]:
    """Wall and CPU seconds of what ``policyfacts extract -j N`` runs (facts as JSONL lines), and how many
    CPUs other processes kept busy meanwhile. CPU counts this process and its finished children, so a
    pool's overhead shows beside the wall."""
    busy, cpu = _machine_busy(), _cpu_with_children()
    wall = time_extract(paths, jobs, as_jsonl=True)[0]
    cpu = _cpu_with_children() - cpu
    return {"wall": wall, "cpu": cpu, "others": max(0.0, _machine_busy() - busy - cpu) / wall}


def parallel_runs(directory: Path, jobs: int, repeats: int = 3) -> list[tuple[dict, dict]]:
    """``repeats`` pairs of (-j 1, -j N) runs over the files in ``directory``, in a fresh interpreter.

    Fresh, as the CLI starts: this process holds jieba's dictionary, the corpus and earlier results,
    which forked workers would inherit. Each pair runs back to back, so a change in the machine's other
    load hits both sides alike."""
    code = ("import json, sys; sys.path.insert(0, sys.argv[1]); import bench\n"
            "print(json.dumps(bench.parallel_child(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))))\n")
    out = subprocess.run([sys.executable, "-c", code, str(Path(__file__).parent), str(directory), str(jobs),
                          str(repeats)], capture_output=True, text=True, check=True).stdout
    return [tuple(pair) for pair in json.loads(out.splitlines()[-1])]


def parallel_child(directory: str, jobs: int, repeats: int) -> list[list[dict]]:
    from policyfacts.batch import warm_up

    paths = sorted(Path(directory).glob("doc*.txt"))
    warm_up(full=True)  # what extract_many(jobs > 1) does before forking, and -j 1 builds on its way
    time_extract(paths[:1], 1)
    return [[jsonl_run(paths, 1), jsonl_run(paths, jobs)] for _ in range(repeats)]


def _cpu_with_children() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def time_jieba(texts: list[str]) -> float:
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()  # dictionary load is a one-off, not throughput
    start = time.perf_counter()
    for t in texts:
        jieba.lcut(t)
    return time.perf_counter() - start


def fresh(code: str, runs: int = 3) -> float:
    """Median of a number printed by ``code`` in fresh interpreters."""
    return statistics.median(float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                                  check=True).stdout.split()[-1]) for _ in range(runs))


def cli_wall(tmp: Path, runs: int = 3) -> float:
    short = tmp / "short.txt"
    short.write_text(SHORT, "utf-8")
    exe = shutil.which("policyfacts", path=str(Path(sys.executable).parent))
    cmd = [exe] if exe else [sys.executable, "-c", "import sys; from policyfacts.cli import main; sys.exit(main())"]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([*cmd, "extract", str(short), "--format", "jsonl", "-q"], capture_output=True, check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def peak_memory(path: Path) -> tuple[float, float, float]:
    """(baseline RSS after warm-up, peak RSS, seconds) of a fresh process extracting the file at ``path``.

    The peak is the process's own high-water mark (``VmHWM``): ``ru_maxrss`` survives ``exec`` on Linux,
    so a child started by this (large) benchmark process would report the parent's size as its own."""
    code = ("import resource, sys, time\n"
            "def hwm():\n"
            "    try:\n"
            "        with open('/proc/self/status') as f:\n"
            "            return next(int(x.split()[1]) for x in f if x.startswith('VmHWM'))\n"
            "    except (OSError, StopIteration):\n"
            "        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "from policyfacts.batch import extract_many, warm_up\n"
            "warm_up()\n"
            "base = hwm()\n"
            "t = time.perf_counter()\n"
            f"rs = list(extract_many([__import__('pathlib').Path({str(path)!r})], jobs=1, max_bytes=None,"
            " as_jsonl=True))\n"
            "assert rs[0].ok, rs[0].error\n"
            "print(base / 1024, hwm() / 1024, time.perf_counter() - t)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1]), float(out[2])


def _cpu() -> float:
    """User + system CPU seconds of this process, all threads (a Dask worker's event loop included)."""
    t = os.times()
    return t.user + t.system


def _machine_busy() -> float:
    """CPU seconds the whole machine has spent busy (steal included), from /proc/stat; 0 elsewhere."""
    try:
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:9]]
    except (OSError, ValueError):
        return 0.0
    return (sum(v) - v[3] - v[4]) / os.sysconf("SC_CLK_TCK")  # all but idle and iowait


def dask_time(paths: list[Path], workers: int, repeats: int = 3, config: dict | None = None) -> dict | None:
    """Serial vs cluster seconds of the Dask integration's records of ``paths``, best of ``repeats``.

    Each repeat times the serial records in this process, then starts a fresh ``LocalCluster``, lets
    the warm-up plugin run (start-up, once per worker, outside the timing) and times the bag of the
    same paths, end to end: graph, scheduling, reading the files on the workers, records, count.
    CPU seconds (this process, the workers) show the overhead apart from other load on the machine.
    ``config``: Dask settings the cluster starts with (default: the documented ``CPU_BOUND_CONFIG``).
    """
    try:
        import dask
        import dask.bag as db
        import distributed
    except ImportError:
        return None
    from policyfacts.integrations.dask import (
        CPU_BOUND_CONFIG,
        facts_from_bag,
        records_from_items,
        warm_workers,
    )

    strs = [str(p) for p in paths]
    runs = []
    for _ in range(repeats):
        m, c, t = _machine_busy(), _cpu(), time.perf_counter()
        n = sum(1 for _ in records_from_items(strs, kind="paths"))  # the same records, in this process
        serial, serial_cpu = time.perf_counter() - t, _cpu() - c
        serial_others = max(0.0, _machine_busy() - m - serial_cpu) / serial
        with dask.config.set(CPU_BOUND_CONFIG if config is None else config), distributed.LocalCluster(
                n_workers=workers, processes=True, threads_per_worker=1, dashboard_address=None) as cluster, \
                distributed.Client(cluster) as client:
            client.wait_for_workers(workers)
            warm_workers(client)  # start-up, once per worker (what facts_from_bag does on first use)
            w0, m, c, t = client.run(_cpu), _machine_busy(), _cpu(), time.perf_counter()
            bag = facts_from_bag(db.from_sequence(strs, npartitions=max(workers * 4, len(strs) // 50)),
                                 kind="paths")
            assert bag.count().compute() == n
            wall, here, busy = time.perf_counter() - t, _cpu() - c, _machine_busy() - m
            w1 = client.run(_cpu)
        ours = here + sum(w1[k] - w0[k] for k in w1)
        runs.append({"serial": serial, "serial_cpu": serial_cpu, "cluster": wall, "client_cpu": here,
                     "workers_cpu": ours - here, "serial_others": serial_others,
                     "cluster_others": max(0.0, busy - ours) / wall})
    return {"serial": min(r["serial"] for r in runs), "cluster": min(r["cluster"] for r in runs), "runs": runs}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=2.0, help="throughput corpus in MB of UTF-8 (default 2)")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes for the parallel runs (default 2)")
    ap.add_argument("--linear-chars", type=int, default=1_000_000, help="N of the linearity test (default 1M)")
    ap.add_argument("--big-mb", type=float, default=20.0, help="size of the one-document memory test (default 20)")
    ap.add_argument("--skip", nargs="*", default=[], choices=["startup", "rate", "linear", "memory", "parallel",
                                                               "dask"], help="targets not to measure")
    args = ap.parse_args(argv)
    skip = set(args.skip)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs", flush=True)

    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        if "startup" not in skip:
            t_import = fresh("import time; t = time.perf_counter(); import policyfacts; "
                             "print(time.perf_counter() - t)")
            report("import policyfacts", f"{t_import:.3f} s  (target < 0.3 s)", t_import < 0.3)
            t_first = fresh("import time, policyfacts; t = time.perf_counter(); "
                            f"policyfacts.extract({SHORT!r}); print(time.perf_counter() - t)")
            report("first extract() of a short text", f"{t_first:.3f} s  (target < 1 s; after the import)",
                   t_first < 1.0)
            t_cli = cli_wall(tmp)
            report("CLI on a short file, wall", f"{t_cli:.3f} s  (target < 1.5 s)", t_cli < 1.5)

        paths, texts = build_corpus(tmp, args.mb)
        chars = sum(len(t) for t in texts)
        mbytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        from policyfacts.batch import warm_up

        warm_up(full=True)  # one-off loads (what a long batch loads on its way) are start-up, measured above
        time_extract(paths[:1], 1)
        t1 = facts1 = None
        if not {"rate", "parallel", "dask"} <= skip:
            t1, facts1, err1 = time_extract(paths, 1)
            info("corpus", f"{len(paths)} docs, {mbytes:.1f} MB, {chars:,} chars, {facts1:,} facts, {err1} errors")
            info("extract_many jobs=1", f"{chars / t1:,.0f} chars/s  ({t1:.2f} s)")
        if "rate" not in skip and t1:
            tj = time_jieba(texts)
            info("jieba.lcut", f"{chars / tj:,.0f} chars/s  ({tj:.2f} s)")
            report("rate / jieba.lcut", f"x{tj / t1:.2f}  (target >= 3)", tj / t1 >= 3)

        if "linear" not in skip:
            seeds = seed_texts()
            big, n = [], 0
            while n < args.linear_chars:
                big.append(seeds[len(big) % len(seeds)])
                n += len(big[-1])
            one = "\n\n".join(big)[:args.linear_chars]
            pieces = [(f"p{i}", one[i:i + 100]) for i in range(0, len(one), 100)]
            pieces = [p for p in pieces if p[1].strip()]
            t_one, _, _ = time_extract([("one", one)], 1)
            t_pieces, _, _ = time_extract(pieces, 1)
            ratio = t_one / t_pieces
            info("one document", f"{len(one):,} chars in {t_one:.2f} s")
            info("same text, 100-char documents", f"{len(pieces):,} docs in {t_pieces:.2f} s")
            report("linear: one doc / 100-char docs", f"x{ratio:.2f} per char  (target <= 1.10)", ratio <= 1.10)

        if "memory" not in skip:
            seeds = seed_texts()
            big_path = tmp / "big.txt"
            parts, size = [], 0
            while size < args.big_mb * 1e6:
                parts.append(seeds[len(parts) % len(seeds)])
                size += len(parts[-1].encode("utf-8")) + 2
            big_path.write_text("\n\n".join(parts), "utf-8")
            mb = big_path.stat().st_size / 1e6
            base, peak, secs = peak_memory(big_path)
            info("one big document", f"{mb:.1f} MB in {secs:.1f} s; RSS {base:.0f} MB after warm-up")
            report(f"peak memory, one {mb:.0f} MB document", f"{peak:.0f} MB = x{peak / mb:.1f} its size  "
                   "(target <= 10)", peak / mb <= 10)

        if "parallel" not in skip and t1:
            tn, factsn, _ = time_extract(paths, args.jobs)
            assert factsn == facts1, "parallel run differs from the serial one"
            info(f"extract_many jobs={args.jobs}, models", f"{chars / tn:,.0f} chars/s  (x{t1 / tn:.2f} of "
                 "jobs=1 models; the models are pickled back to this process)")
            pairs = parallel_runs(tmp, args.jobs)
            for a, b in pairs:
                info("JSONL run, fresh process", f"-j 1 {a['wall']:.2f} s ({a['cpu']:.2f} s CPU), -j {args.jobs} "
                     f"{b['wall']:.2f} s ({b['cpu']:.2f} s CPU in all processes): x{a['wall'] / b['wall']:.2f}; "
                     f"other load {a['others']:.1f} / {b['others']:.1f} CPUs")
            t1l, tnl = min(a["wall"] for a, _ in pairs), min(b["wall"] for _, b in pairs)
            report(f"-j {args.jobs} / -j 1 (JSONL lines)", f"x{t1l / tnl:.2f}  (target >= 1.8; best of "
                   f"{len(pairs)}: {t1l:.2f} s, {tnl:.2f} s)", t1l / tnl >= 1.8)

        if "dask" not in skip and t1:
            got = dask_time(paths, 2)
            if got is None:
                report("Dask, 2 workers / serial", "dask not installed", None)
            else:
                ts, td = got["serial"], got["cluster"]
                for r in got["runs"]:
                    info("Dask run", f"x{r['serial'] / r['cluster']:.2f}: serial {r['serial']:.2f} s "
                         f"({r['serial_cpu']:.2f} s CPU), cluster {r['cluster']:.2f} s (CPU: workers "
                         f"{r['workers_cpu']:.2f} s, client+scheduler {r['client_cpu']:.2f} s = "
                         f"x{(r['workers_cpu'] + r['client_cpu']) / r['serial_cpu']:.2f} serial); other load "
                         f"{r['serial_others']:.1f} / {r['cluster_others']:.1f} CPUs")
                report("Dask, 2 workers / serial", f"x{ts / td:.2f}  (target >= 1.7; best of {len(got['runs'])}: "
                       f"{ts:.2f} s serial records, {td:.2f} s on the cluster)", ts / td >= 1.7)
                default = dask_time(paths, 2, repeats=1, config={})["runs"][0]
                info("Dask, default config", f"x{default['serial'] / default['cluster']:.2f}: cluster "
                     f"{default['cluster']:.2f} s (CPU: workers {default['workers_cpu']:.2f} s, client+scheduler "
                     f"{default['client_cpu']:.2f} s = x{(default['workers_cpu'] + default['client_cpu']) / default['serial_cpu']:.2f} "
                     f"serial); other load {default['cluster_others']:.1f} CPUs")

    failed = [name for name, _, ok in TARGETS if ok is False]
    print(json.dumps({"pass": sum(ok is True for _, _, ok in TARGETS), "fail": len(failed)}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
