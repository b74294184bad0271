"""One generic test runs every example table in tests/examples/ (input → expected value)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import policyfacts

HERE = Path(__file__).parent / "examples"


def _cases(name: str) -> list[dict]:
    return tomllib.loads((HERE / f"{name}.toml").read_text("utf-8"))["case"]


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-4 * max(1.0, abs(b))


@pytest.mark.parametrize("case", _cases("numbers"), ids=lambda c: c["text"])
def test_parse_number(case: dict) -> None:
    got = policyfacts.parse_number(case["text"])
    assert _close(got.value, case["value"])
    assert _close(got.high, case.get("high"))
    assert got.qualifier == case.get("qualifier", "exact")


@pytest.mark.parametrize("case", _cases("quantities"), ids=lambda c: c["text"])
def test_parse_quantity(case: dict) -> None:
    got = policyfacts.parse_quantity(case["text"])
    assert got.kind == case["kind"]
    assert _close(got.value, case["value"])
    assert _close(got.high, case.get("high"))
    assert got.unit == case["unit"]
    assert got.qualifier == case.get("qualifier", "exact")


@pytest.mark.parametrize("case", _cases("dates"), ids=lambda c: c["text"] + "@" + c.get("reference", "-"))
def test_parse_date(case: dict) -> None:
    got = policyfacts.parse_date(case["text"], reference=case.get("reference"))
    assert got.value == (case["value"] or None)
    assert got.qualifier == case.get("qualifier", "exact")


@pytest.mark.parametrize("bad", ["", "   ", "没有数字", "abc"])
def test_parse_errors_are_clear(bad: str) -> None:
    with pytest.raises(policyfacts.ParseError):
        policyfacts.parse_number(bad)
    with pytest.raises(policyfacts.ParseError):
        policyfacts.parse_quantity(bad)


@pytest.mark.parametrize("case", _cases("metadata"), ids=lambda c: c["text"][:24])
def test_metadata(case: dict) -> None:
    doc = policyfacts.extract(case["text"])
    published = doc.meta.published.isoformat() if doc.meta.published else None
    assert (published, doc.meta.source, doc.meta.outlet) == (
        case.get("published"), case.get("source"), case.get("outlet"))
    assert [f.text for f in doc.facts if f.kind != "programme"] == case["facts"]


def _rule_case(case: dict):
    """A case named by its rule; ``xfail`` marks a known miss (strict: it must still fail)."""
    marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
    return pytest.param(case, marks=marks, id=case["rule"])


@pytest.mark.parametrize("case", [_rule_case(c) for c in _cases("organizations")])
def test_organization_rules(case: dict) -> None:
    doc = policyfacts.extract(case["text"])
    facts = [f for f in doc.facts if f.text == case["fact"]]
    assert facts, f"no fact {case['fact']!r}"
    got = facts[0].organization.name if facts[0].organization else ""
    assert got == case["org"]
    if "place" in case:
        assert facts[0].place is not None and facts[0].place.name == case["place"]


@pytest.mark.parametrize("case", _cases("subjects"), ids=lambda c: c["rule"])
def test_subject_rules(case: dict) -> None:
    doc = policyfacts.extract(case["text"])
    facts = [f for f in doc.facts if f.text == case["fact"]]
    assert facts, f"no fact {case['fact']!r}"
    assert facts[0].subject == case["subject"]


@pytest.mark.parametrize("case", [_rule_case(c) for c in _cases("frame")])
def test_frame_rules(case: dict) -> None:
    """One made-up document per rule of the discourse frame: what a figure refers back to."""
    doc = policyfacts.extract(case["text"])
    facts = [f for f in doc.facts if f.text == case["fact"]]
    assert facts, f"no fact {case['fact']!r}"
    fact = facts[0]
    if "place" in case:
        assert (fact.place.name if fact.place else "") == case["place"]
    if "programme" in case:
        assert (fact.programme or "") == case["programme"]
    if "time" in case:
        assert (fact.time or "") == case["time"]
    if "unit" in case:
        assert fact.unit == case["unit"]
    if "org" in case:
        assert (fact.organization.name if fact.organization else "") == case["org"]
    if "subject" in case:
        assert fact.subject == case["subject"]


def _fact_strings(text: str) -> list[str]:
    doc = policyfacts.extract(text, published="2024-03-05")
    return [f"{f.kind}:{f.text}={f.value}" + (f"–{f.high}" if f.high is not None else "")
            + (f" {f.unit}" if f.unit else "") for f in doc.facts if f.kind != "programme"]


@pytest.mark.parametrize("case", _cases("extract_forms"), ids=lambda c: c["text"][:24])
def test_extract_forms(case: dict) -> None:
    """Written forms of numbers, amounts and dates in running text: every fact of the sentence, nothing else."""
    assert _fact_strings(case["text"]) == case["facts"]
