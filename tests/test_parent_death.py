"""Workers of ``policyfacts extract -j 2`` end when the parent ends, however it ends (SIGKILL included)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table in /proc")


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            out.append(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"  # a zombie has ended; only its exit status waits for a reaper


def _wait_for(condition, limit: float = 60.0) -> bool:  # type: ignore[no-untyped-def]
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["KILL", "TERM"])
def test_no_worker_survives_its_parent(tmp_path: Path, seeds: dict[str, str], sig: signal.Signals) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    for i in range(200):  # enough work that the run is still going when it is killed
        for stem, text in seeds.items():
            (corpus / f"{i:03d}_{stem}.txt").write_text(text, "utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "policyfacts.cli", "extract", str(corpus), "-j", "2", "-q",
                             "-o", str(tmp_path / "out.jsonl")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        assert _wait_for(lambda: len(_children(proc.pid)) >= 2 or proc.poll() is not None)
        workers = _children(proc.pid)
        assert proc.poll() is None and len(workers) >= 2, "the run ended before its workers could be seen"
        os.kill(proc.pid, sig)
        proc.wait(timeout=60)
        assert _wait_for(lambda: not any(_alive(w) for w in workers)), [w for w in workers if _alive(w)]
    finally:
        if proc.poll() is None:
            proc.kill()
        for w in workers:  # a failed run must not leave them behind
            if _alive(w):
                os.kill(w, signal.SIGKILL)
