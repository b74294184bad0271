"""The linkers' per-sentence shortcuts give what their full clause-by-clause rules give."""

from __future__ import annotations

from pathlib import Path

import pytest

import policyfacts
from policyfacts.programmes.link import ProgrammeLinker

FIXTURES = Path(__file__).parent / "fixtures"


def _links(kind: str) -> list[list[object]]:
    out = []
    for path in sorted(FIXTURES.rglob("*.txt")):
        doc = policyfacts.extract(path.read_text("utf-8"), path.stem)
        out.append([(f.start, f.end, getattr(f, kind)) for f in doc.facts])
    return out


def test_a_sentence_naming_no_programme_links_as_the_full_rules_do(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _links("programme")
    assert any(p for doc in fast for _, _, p in doc)  # the fixtures do link programmes
    monkeypatch.setattr(ProgrammeLinker, "_names_any", lambda self, sent: True)  # every figure the long way
    assert _links("programme") == fast
