"""structure's character gates (the article separator's needs) skip only searches that would find nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyfacts.text import structure
from policyfacts.text.normalize import normalize

FIXTURES = Path(__file__).parent / "fixtures"


def _analysed(text: str) -> structure.DocumentStructure:
    doc = structure.analyse(text)
    doc._meta_index = None
    return doc


def _ungated(text: str, monkeypatch: pytest.MonkeyPatch) -> structure.DocumentStructure:
    with monkeypatch.context() as m:
        m.setattr(structure, "_separator_needs", lambda: ())  # no needs: every line searched
        return _analysed(text)


def test_separator_needs_are_read_off_the_pattern() -> None:
    assert structure._separator_needs() == (frozenset("*=—-#"),)
    assert structure._held_needs("甲——乙", structure._separator_needs()) == (("—",),)
    assert structure._held_needs("甲乙", structure._separator_needs()) is None


def test_gated_separators_on_every_fixture(monkeypatch: pytest.MonkeyPatch) -> None:
    for path in sorted(FIXTURES.rglob("*.txt")):
        text = normalize(path.read_text("utf-8")).text
        assert _analysed(text) == _ungated(text, monkeypatch), path.name


_PIECES = ["***", "====", "————", "------", "###", "*", "=", "—", "-", "#", " ", "\u3000", "\n", "\n\n", "标题",
           "正文。", "2024-05-12", "本报记者 孟祥夫"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_gated_separators_on_separator_soups(text: str) -> None:
    with pytest.MonkeyPatch.context() as m:
        ungated = _ungated(text, m)
    assert _analysed(text) == ungated


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=4), st.integers(0, 40), st.integers(0, 40))
def test_in_metadata_without_spans_is_what_the_index_says(spans: list[tuple[int, int]], start: int, end: int) -> None:
    from policyfacts.text.metadata import Metadata
    from policyfacts.text.spans import SpanIndex

    doc = structure.DocumentStructure([], [], [], spans, Metadata())
    assert doc.in_metadata(start, end) == SpanIndex(spans).overlaps(start, end)
