"""The scripts in examples/ run as a user would run them, and print sensible output."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

import policyfacts
from htmlprobe import probe

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ARTICLES = EXAMPLES / "articles"


def run(script: str, *args: str, cwd: Path) -> str:
    proc = subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        capture_output=True, text=True, timeout=300, cwd=cwd, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


@pytest.fixture(scope="module")
def expected() -> dict[str, policyfacts.DocumentFacts]:
    return {p.stem: policyfacts.extract_file(p) for p in sorted(ARTICLES.glob("*.txt"))}


def test_extract_one(tmp_path: Path, expected: dict[str, policyfacts.DocumentFacts]) -> None:
    out = run("extract_one.py", cwd=tmp_path).splitlines()
    doc = expected["renmin_2024-02-20"]
    assert out[0] == repr(doc)
    assert out[1] == "published=2024-02-20 outlet=人民日报"
    assert len(out) == 2 + len(doc.facts)
    money = next(f for f in doc.facts if f.kind == "money")
    assert any(line.startswith("money") and repr(money.text) in line and f"{money.value}元" in line for line in out)


def test_build_dataset_jsonl_and_csv(tmp_path: Path, expected: dict[str, policyfacts.DocumentFacts]) -> None:
    total = sum(len(d.facts) for d in expected.values())
    msg = run("build_dataset.py", str(ARTICLES), "-o", "facts.jsonl", cwd=tmp_path)
    assert msg.strip() == f"facts.jsonl: {total} facts from {len(expected)} documents"
    lines = [json.loads(x) for x in (tmp_path / "facts.jsonl").read_text("utf-8").splitlines()]
    assert len(lines) == total and {x["doc"] for x in lines} == set(expected)
    run("build_dataset.py", "-o", "facts.csv", cwd=tmp_path)
    with open(tmp_path / "facts.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == total
    assert [r["text"] for r in rows] == [x["text"] for x in lines]


def test_group_by_place(tmp_path: Path, expected: dict[str, policyfacts.DocumentFacts]) -> None:
    out = run("group_by_place.py", cwd=tmp_path).splitlines()
    figures = [f for d in expected.values() for f in d.facts if f.kind in ("count", "percent", "money", "measure")]
    assert out[0] == f"{len(expected)} documents, {len(figures)} figures"
    assert out[1].split()[:2] == ["province", "programme"]
    body = out[2:]
    assert body
    # every group line ends with its counts; they add up to the number of figures
    assert sum(sum(int(x) for x in line.split()[-5:-1]) for line in body) == len(figures)
    provinces = {f.place.path[0] if f.place.path else f.place.name for f in figures if f.place is not None}
    for prov in provinces:
        assert any(line.startswith(prov) for line in body)


def test_report(tmp_path: Path, expected: dict[str, policyfacts.DocumentFacts]) -> None:
    total = sum(len(d.facts) for d in expected.values())
    out = run("report.py", "-o", "r.html", cwd=tmp_path)
    assert out.strip() == f"r.html: {len(expected)} documents, {total} facts"
    p = probe((tmp_path / "r.html").read_text("utf-8"))
    assert len(p.rows) == total and len(p.mark_facts) == total
