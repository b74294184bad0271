"""The facts of every fixture equal the stored snapshot: speed work must not change what is extracted.

After a deliberate change of extraction or linking, regenerate it with ``python tools/snapshot.py``
and review the diff of tests/data/facts_snapshot.jsonl.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _tool():
    spec = importlib.util.spec_from_file_location("snapshot_tool", ROOT / "tools" / "snapshot.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_facts_equal_the_snapshot() -> None:
    tool = _tool()
    stored = tool.SNAPSHOT.read_text("utf-8").splitlines()
    got = tool.snapshot_lines()
    assert len(tool.fixture_paths()) >= 20  # seeds and dev-set articles
    gone, new = sorted(set(stored) - set(got)), sorted(set(got) - set(stored))
    assert not gone and not new, (
        f"{len(gone)} facts gone, {len(new)} new (regenerate with `python tools/snapshot.py` only if meant); "
        f"first gone: {gone[:1]}, first new: {new[:1]}")
    assert got == stored  # same order too
