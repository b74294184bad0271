"""``policyfacts show`` and ``policyfacts schema``, through cli_view and (when wired) through cli.main."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import policyfacts
from htmlprobe import probe
from policyfacts import cli_view
from policyfacts.models import json_schema

FIXTURES = Path(__file__).parent / "fixtures"


def _extract_all() -> int:
    return sum(len(policyfacts.extract_file(p).facts) for p in sorted(FIXTURES.glob("0*.txt")))


def test_show_writes_a_report_with_every_fact(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.html"
    files = [str(p) for p in sorted(FIXTURES.glob("0*.txt"))]
    assert cli_view.main(["show", *files, "-o", str(out)]) == 0
    p = probe(out.read_text("utf-8"))
    total = _extract_all()
    assert len(p.rows) == total and len(p.mark_facts) == total
    assert p.root["data-docs"] == "5"
    assert "5 documents" in capsys.readouterr().err


def test_show_accepts_a_directory_and_writes_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_view.main(["show", str(FIXTURES), "--title", "种子<文章>"]) == 0
    html = capsys.readouterr().out
    assert html.startswith("<!DOCTYPE html>")
    assert "<title>种子&lt;文章&gt;</title>" in html
    assert probe(html).root["data-docs"] == str(len(list(FIXTURES.rglob("*.txt"))))


def test_show_reports_a_missing_file_but_still_writes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.html"
    seed = next(iter(sorted(FIXTURES.glob("0*.txt"))))
    assert cli_view.main(["show", str(seed), str(tmp_path / "missing.txt"), "-o", str(out)]) == 1
    assert "missing.txt" in capsys.readouterr().err
    assert probe(out.read_text("utf-8")).root["data-docs"] == "1"


def test_schema_prints_the_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_view.main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == json.loads(json.dumps(json_schema()))


def test_schema_to_file_matches_the_snapshot(tmp_path: Path) -> None:
    out = tmp_path / "schema.json"
    assert cli_view.main(["schema", "-o", str(out)]) == 0
    snapshot = Path(__file__).resolve().parents[1] / "docs" / "schema.json"
    assert json.loads(out.read_text("utf-8")) == json.loads(snapshot.read_text("utf-8"))


def _cli_has_view_commands() -> bool:
    from policyfacts import cli

    try:
        cli.main(["schema", "-o", "/dev/null"])
    except SystemExit:
        return False
    return True


def test_through_the_main_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from policyfacts import cli

    if not _cli_has_view_commands():
        capsys.readouterr()
        pytest.skip("cli.main does not call add_view_commands yet")
    out = tmp_path / "report.html"
    seed = next(iter(sorted(FIXTURES.glob("0*.txt"))))
    assert cli.main(["show", str(seed), "-o", str(out)]) == 0
    assert len(probe(out.read_text("utf-8")).rows) == len(policyfacts.extract_file(seed).facts)
    assert cli.main(["schema"]) == 0
    assert "DocumentFacts" in capsys.readouterr().out
