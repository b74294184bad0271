"""Regenerate the facts snapshot of the fixtures: ``python tools/snapshot.py``.

tests/test_snapshot.py compares the facts of every fixture (seeds and dev-set articles,
tests/fixtures/**/*.txt) with tests/data/facts_snapshot.jsonl, so a speed change provably leaves the
facts unchanged. Only a deliberate change of what is extracted or linked regenerates it (and the diff
of the snapshot shows what changed). ``--check`` reports differences without writing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SNAPSHOT = ROOT / "tests" / "data" / "facts_snapshot.jsonl"


def fixture_paths() -> list[Path]:
    return sorted(FIXTURES.rglob("*.txt"), key=lambda p: p.relative_to(FIXTURES).as_posix())


def snapshot_lines() -> list[str]:
    """One line per fact, sorted by fixture then position: the fact as the CLI writes it, path left out."""
    from policyfacts import extract_file

    lines = []
    for p in fixture_paths():
        name = p.relative_to(FIXTURES).as_posix()
        doc = extract_file(p)
        for f in doc.facts:
            record = f.model_dump(mode="json", exclude={"path"})
            lines.append(json.dumps({"fixture": name, **record}, ensure_ascii=False, sort_keys=True))
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="compare with the stored snapshot, write nothing")
    args = ap.parse_args(argv)
    lines = snapshot_lines()
    if args.check:
        old = SNAPSHOT.read_text("utf-8").splitlines() if SNAPSHOT.exists() else []
        gone, new = sorted(set(old) - set(lines)), sorted(set(lines) - set(old))
        for line in gone:
            print("-", line)
        for line in new:
            print("+", line)
        return 1 if gone or new else 0
    SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
    SNAPSHOT.write_text("".join(line + "\n" for line in lines), "utf-8")
    print(f"{SNAPSHOT.relative_to(ROOT)}: {len(lines)} facts of {len(fixture_paths())} fixtures")
    return 0


if __name__ == "__main__":
    sys.exit(main())
