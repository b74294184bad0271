"""A huge document is read in windows of whole articles (text.windows): the same facts as one reading.

The fixtures joined in one document, with a window of a few thousand characters, stand in for a 20 MB
archive (the benchmark measures the memory)."""

from __future__ import annotations

from pathlib import Path

import pytest

import policyfacts.text.windows as windows
from policyfacts import extract
from policyfacts.pipeline import extract_lines
from policyfacts.text.normalize import normalize
from policyfacts.text.structure import analyse
from policyfacts.text.windows import plan_windows

FIXTURES = Path(__file__).parent / "fixtures"
SMALL = 15_000


def _joined() -> str:
    texts = [p.read_text("utf-8") for p in sorted(FIXTURES.rglob("*.txt"))]
    if not texts:
        pytest.skip("no fixtures")
    return "\n\n".join(texts)


@pytest.fixture
def small_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(windows, "WINDOW_CHARS", SMALL)


def _line(fact) -> str:
    return fact.model_dump_json()


def test_windows_cover_the_text_and_cut_only_where_one_reading_starts_an_article() -> None:
    text = _joined()
    plan = plan_windows(text, SMALL, 2_000)
    assert len(plan.spans) > 2
    assert plan.spans[0][0] == 0 and plan.spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(plan.spans, plan.spans[1:], strict=False))
    norm = normalize(text)
    starts = {norm.to_original(a.start, a.start)[0] for a in analyse(norm.text).articles}
    assert {s for s, _ in plan.spans[1:]} <= starts


def test_a_short_text_or_one_long_article_is_one_window() -> None:
    assert plan_windows("全市粮食产量增长3%。", SMALL).spans == ((0, 11),)
    article = "全县新建村级活动场所12个，改造提升农村公路80公里，惠及群众3万余人。" * 2_000  # no article start
    assert plan_windows(article, 10_000, 1_000).spans == ((0, len(article)),)


def test_windowed_reading_gives_the_facts_of_one_reading(small_windows: None, monkeypatch: pytest.MonkeyPatch) -> None:
    text = _joined()
    assert len(plan_windows(text).spans) > 2
    windowed = extract(text)
    monkeypatch.setattr(windows, "WINDOW_CHARS", 10**9)
    whole = extract(text)
    # Programme names are matched within a window (a name quoted in one window is not looked for,
    # unquoted, in another): every other fact, with its links, is the same.
    assert [_line(f) for f in windowed.facts if f.kind != "programme"] == \
        [_line(f) for f in whole.facts if f.kind != "programme"]
    assert {f.value for f in windowed.facts if f.kind == "programme"} == \
        {f.value for f in whole.facts if f.kind == "programme"}
    assert windowed.meta == whole.meta
    assert windowed.articles == whole.articles
    assert windowed.places == whole.places
    assert windowed.organizations == whole.organizations
    assert windowed.warnings == whole.warnings
    assert sorted(p.name for p in windowed.programmes) == sorted(p.name for p in whole.programmes)
    assert all(text[f.start:f.end] == f.text for f in windowed.facts)


def test_windowed_lines_are_the_windowed_facts(small_windows: None) -> None:
    text = _joined()
    doc, lines = extract_lines(text, _line)
    assert list(lines) == [_line(f) for f in extract(text).facts]
    assert doc.meta == extract(text).meta


def test_the_date_of_a_later_window_resolves_relative_dates_as_one_reading_does(
        small_windows: None, monkeypatch: pytest.MonkeyPatch) -> None:
    body = "今年以来，某某县新建村级活动场所12个，改造农村公路80公里，惠及群众3万余人。\n" * 300
    text = body + "\n\n发布时间：2023-05-08 10:21 来源：某某网\n\n去年全县粮食产量增长3%。\n" + body
    assert len(plan_windows(text).spans) > 1
    windowed = extract(text)
    monkeypatch.setattr(windows, "WINDOW_CHARS", 10**9)
    whole = extract(text)
    assert windowed.meta.published == whole.meta.published
    assert [_line(f) for f in windowed.facts] == [_line(f) for f in whole.facts]
