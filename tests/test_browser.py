"""The HTML report in a real browser (headless Debian chromium): highlights, table rows, the URL filter.

Skips cleanly when chromium is not installed. Screenshots go to tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest

import policyfacts
from htmlprobe import probe
from policyfacts.models import DocumentFacts
from policyfacts.render import render_report

FIXTURES = Path(__file__).parent / "fixtures"
ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM = next((c for c in ("chromium", "chromium-browser") if shutil.which(c)), None)
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--hide-scrollbars",
]

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")


def _chromium(tmp_path: Path, *args: str, timeout: float = 120) -> str:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    env = {**os.environ, "HOME": str(tmp_path)}
    try:
        proc = subprocess.run(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],  # type: ignore[list-item]
            capture_output=True, text=True, timeout=timeout, env=env, check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.skip("chromium did not finish in time")
    if proc.returncode != 0 and not proc.stdout:
        pytest.skip(f"chromium failed to run: {proc.stderr[-500:]}")
    return proc.stdout


@pytest.fixture(scope="module")
def seed_docs() -> list[DocumentFacts]:
    return [policyfacts.extract_file(p) for p in sorted(FIXTURES.glob("0*.txt"))]


@pytest.fixture(scope="module")
def report(seed_docs: list[DocumentFacts], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_report(seed_docs, title="policyfacts seeds"), encoding="utf-8")
    return path


def _dump(report: Path, tmp_path: Path, fragment: str = "") -> str:
    return _chromium(tmp_path, "--dump-dom", report.as_uri() + fragment)


def test_script_runs_and_every_fact_is_shown(report: Path, seed_docs: list[DocumentFacts], tmp_path: Path) -> None:
    p = probe(_dump(report, tmp_path))
    total = sum(len(d.facts) for d in seed_docs)
    assert p.root.get("data-ready") == "1", "the report's script did not run"
    assert p.root.get("data-shown") == str(total)
    assert len(p.mark_facts) == total
    assert len(p.visible_rows) == len(p.rows) == total


def test_filter_from_the_url_hash(report: Path, seed_docs: list[DocumentFacts], tmp_path: Path) -> None:
    money = sum(1 for d in seed_docs for f in d.facts if f.kind == "money")
    assert money > 0
    p = probe(_dump(report, tmp_path, "#kind=money"))
    assert p.root.get("data-ready") == "1"
    assert {r["data-kind"] for r in p.visible_rows} == {"money"}
    assert len(p.visible_rows) == money
    assert p.root.get("data-shown") == str(money)
    assert len(p.rows) == sum(len(d.facts) for d in seed_docs)  # the others are hidden, not removed


def test_filter_combines_document_kind_and_text(report: Path, seed_docs: list[DocumentFacts], tmp_path: Path) -> None:
    doc = seed_docs[1]
    fact = next(f for f in doc.facts if f.kind == "count")
    expected = [
        f for f in doc.facts
        if f.kind == "count" and fact.text in " ".join(x for x in (f.text, f.sentence.text) if x)
    ]
    frag = f"#doc={quote(doc.doc_id)}&kind=count&q={quote(fact.text)}"
    p = probe(_dump(report, tmp_path, frag))
    rows = p.visible_rows
    assert rows and all(r["data-doc"] == doc.doc_id and r["data-kind"] == "count" for r in rows)
    assert len(rows) >= len(expected) >= 1


def test_place_filter_matches_the_path(report: Path, seed_docs: list[DocumentFacts], tmp_path: Path) -> None:
    placed = [f for d in seed_docs for f in d.facts if f.place is not None and f.place.path]
    if not placed:
        p = probe(_dump(report, tmp_path, "#place=(none)"))
        assert len(p.visible_rows) == sum(len(d.facts) for d in seed_docs)
        return
    province = placed[0].place.path[0]  # type: ignore[union-attr]
    expected = sum(1 for f in placed if f.place.path[0] == province)  # type: ignore[union-attr]
    p = probe(_dump(report, tmp_path, "#place=" + quote(province)))
    assert len(p.visible_rows) == expected
    assert all(province in (r["data-place"] or "") for r in p.visible_rows)


def test_query_string_filter_and_screenshot(report: Path, tmp_path: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    ignore = ARTIFACTS / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n", encoding="utf-8")
    p = probe(_dump(report, tmp_path, "?kind=percent"))
    assert p.visible_rows and {r["data-kind"] for r in p.visible_rows} == {"percent"}
    shot = ARTIFACTS / "report.png"
    shot.unlink(missing_ok=True)
    _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", report.as_uri())
    assert shot.exists() and shot.stat().st_size > 10_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
