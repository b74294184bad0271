"""Compressed lines (a huge document's JSONL facts): the same lines back, in a stable sort's order."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policyfacts.io.lines as lines_mod
from policyfacts import extract
from policyfacts.batch import extract_many, fact_line
from policyfacts.io.lines import Lines, SortedLines

FIXTURES = Path(__file__).parent / "fixtures"
_line = st.text(st.characters(blacklist_characters="\n", blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=100, deadline=None)
@given(st.lists(_line, max_size=60))
def test_lines_give_back_what_went_in(items: list[str]) -> None:
    lines = Lines(items)
    assert len(lines) == len(items)
    assert list(lines) == items
    assert lines == items
    assert [lines[i] for i in range(len(items))] == items
    assert lines[-1:] == items[-1:]
    assert list(pickle.loads(pickle.dumps(lines))) == items


def test_lines_span_many_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lines_mod, "_BLOCK", 64)  # a block every few lines
    items = [f"{{\"text\": \"第{i}行增长{i}%\"}}" for i in range(500)]
    lines = Lines(items)
    assert len(lines._blocks) > 50
    assert list(lines) == items and lines[0] == items[0] and lines[257] == items[257] and lines[-1] == items[-1]
    with pytest.raises(IndexError):
        lines[500]
    with pytest.raises(ValueError):
        lines.append("two\nlines")


_key = st.tuples(st.integers(0, 8), st.integers(0, 8), st.sampled_from(["count", "date", "money"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_key, max_size=80))
def test_sorted_lines_are_a_stable_sort_by_key(keys: list[tuple[int, int, str]]) -> None:
    sorter = SortedLines()
    items = [(k, f"{i}") for i, k in enumerate(keys)]  # the line names its arrival: ties must keep it
    for (s, e, kind), line in items:
        sorter.add(s, e, kind, line)
    assert len(sorter) == len(items)
    assert list(sorter.lines()) == [line for _, line in sorted(items, key=lambda kv: kv[0])]


def test_jsonl_lines_equal_the_models_lines() -> None:
    path = sorted(FIXTURES.glob("*.txt"))[0]
    text = path.read_text("utf-8")
    [r] = extract_many([("d", text)], as_jsonl=True)
    assert isinstance(r.lines, Lines)
    want = [fact_line(f) for f in extract(text, doc_id="d").facts]
    assert len(want) > 10
    assert list(r.lines) == want
    assert r.n_facts == len(want) and r.facts is None
