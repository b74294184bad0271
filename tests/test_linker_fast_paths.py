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


def test_bodies_acted_on_on_demand_equal_the_list_worked_out_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    import policyfacts.pipeline as pipeline
    from policyfacts.orgs import OrgLinker, _joined, _object_position

    linkers: list[OrgLinker] = []

    class Kept(OrgLinker):
        def __init__(self, *args) -> None:  # type: ignore[no-untyped-def]
            super().__init__(*args)
            linkers.append(self)

    monkeypatch.setattr(pipeline, "OrgLinker", Kept)
    for path in sorted(FIXTURES.rglob("*.txt")):
        policyfacts.extract(path.read_text("utf-8"), path.stem)
    checked = 0
    for linker in linkers:
        text, hits = linker.ctx.text, linker.hits
        eager = [_object_position(text, h) for h in hits]
        for k in range(1, len(hits)):  # a list after a verb is its object throughout
            eager[k] = eager[k] or (eager[k - 1] and _joined(text, hits[k - 1], hits[k]))
        asked = dict(linker._object)  # what the figures asked, then every body from the last one back
        assert all(eager[k] == v for k, v in asked.items())
        assert [linker._acted_on(k) for k in reversed(range(len(hits)))] == eager[::-1]
        checked += len(hits)
    assert checked > 100


def test_frame_events_worked_out_once_per_mention_equal_those_worked_out_each_build(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from policyfacts.places import PlaceLinker

    memo = _links("place")
    original = PlaceLinker._frame_event

    def fresh(self, h):  # type: ignore[no-untyped-def]
        self._events.clear()  # every build works every event out again
        return original(self, h)

    monkeypatch.setattr(PlaceLinker, "_frame_event", fresh)
    assert _links("place") == memo
