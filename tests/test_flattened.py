"""Flattened text: an article carried as one line (scraped or JSONL corpora) keeps every fact.

Joining lines with "", " " or U+2028 keeps each fact's kind and value (offsets move with the text), and
so does a repost header put in front of the body on the same line; the header still fills ``meta``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import policyfacts
from conftest import FIXTURES

ARTICLES = sorted([*FIXTURES.glob("0*.txt"), *(FIXTURES / "dev").glob("*.txt")])
JOINS = {"nothing": "", "space": " ", "U+2028": "\u2028"}

# A heading that opens with a quoted name names the section's programme (“云上”精准扶贫 …); run into
# the paragraph before it, it is no heading, and the quoted term alone is no programme. Nothing in the
# flat text says where the heading was, so these programmes are lost (the figures are not).
_HEADING_PROGRAMMES = {
    "101": "“一网清”强治理 … headings name 一网清, 一单明, 一队管",
    "106": "headings “小铃铛”警醒常在 … name 小铃铛, 小拐杖, 小嫩芽",
    "107": "heading “千企兴千村”提质扩面 names 千企兴千村",
}


def _facts(doc: policyfacts.DocumentFacts, kinds: set[str]) -> list[tuple[str, object]]:
    return [(f.kind, f.value) for f in doc.facts if f.kind in kinds]


_FIGURES = {"count", "percent", "money", "measure", "date"}


@pytest.fixture(scope="module")
def extracted() -> dict[Path, policyfacts.DocumentFacts]:
    return {p: policyfacts.extract(p.read_text("utf-8")) for p in ARTICLES}


def _ids(p: Path) -> str:
    return p.name[:3]


@pytest.mark.parametrize("join", JOINS.values(), ids=JOINS.keys())
@pytest.mark.parametrize("path", ARTICLES, ids=_ids)
def test_joined_lines_keep_every_figure_and_date(path: Path, join: str, extracted: dict) -> None:
    text = path.read_text("utf-8")
    flat = policyfacts.extract(text.replace("\n", join))
    assert _facts(flat, _FIGURES) == _facts(extracted[path], _FIGURES)
    assert flat.meta.published == extracted[path].meta.published


def _programme_cases() -> list:
    cases = []
    for path in ARTICLES:
        for name, join in JOINS.items():
            reason = _HEADING_PROGRAMMES.get(path.name[:3])
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason and join != "\u2028" else []
            cases.append(pytest.param(path, join, marks=marks, id=f"{_ids(path)}-{name}"))
    return cases


@pytest.mark.parametrize(("path", "join"), _programme_cases())
def test_joined_lines_keep_every_programme(path: Path, join: str, extracted: dict) -> None:
    flat = policyfacts.extract(path.read_text("utf-8").replace("\n", join))
    assert _facts(flat, {"programme"}) == _facts(extracted[path], {"programme"})


_HEADERS = [
    "发布日期：{d} 来源：某某网 ",
    "发布时间:{d} 10:21 浏览次数：1532 信息来源：某某县人民政府办公室 ",
    "来源：某某日报  {d} 08:30  ",
    "{d} 09:07:26 来源:某某网",
    "发布日期：{d} ",
]


@pytest.mark.parametrize("header", _HEADERS)
@pytest.mark.parametrize("path", ARTICLES, ids=_ids)
def test_a_repost_header_in_front_of_the_body_keeps_every_fact(path: Path, header: str,
                                                                   extracted: dict) -> None:
    text = path.read_text("utf-8")
    day = extracted[path].meta.published or date(2024, 2, 20)
    expected = policyfacts.extract(text, published=day)
    doc = policyfacts.extract(header.format(d=day.isoformat()) + text)
    assert _facts(doc, _FIGURES | {"programme"}) == _facts(expected, _FIGURES | {"programme"})
    assert doc.meta.published == day


def test_header_and_body_on_one_line() -> None:
    doc = policyfacts.extract("发布日期：2024-02-20 沈阳市下降33%。")
    assert doc.meta.published == date(2024, 2, 20)
    assert [(f.kind, f.text, f.value) for f in doc.facts] == [("percent", "33%", 33)]


def test_a_header_with_a_source_does_not_swallow_the_body() -> None:
    body = "2023年,沈阳市全市安全事故起数同比下降33%,2621个“三零”工作室覆盖所有社区。"
    doc = policyfacts.extract("发布日期：2024-02-20 来源：某某网 " + body)
    assert (doc.meta.published, doc.meta.source) == (date(2024, 2, 20), "某某网")
    assert [f.text for f in doc.facts] == [f.text for f in policyfacts.extract(body).facts]
    short = policyfacts.extract("来源：某某网 全县新增就业1200人。")
    assert short.meta.source == "某某网"
    assert [(f.text, f.value) for f in short.facts] == [("1200人", 1200)]


def test_a_source_name_run_into_the_body_ends_at_its_head() -> None:
    doc = policyfacts.extract("来源：某某日报近日，全县新增就业1200人。")
    assert doc.meta.source == "某某日报"
    assert [f.text for f in doc.facts] == ["1200人"]


def test_a_seed_article_flattened_keeps_its_facts_and_its_print_date() -> None:
    (path,) = FIXTURES.glob("000_*.txt")
    text = path.read_text("utf-8")
    flat = policyfacts.extract(text.replace("\n", ""))
    assert len(flat.facts) == len(policyfacts.extract(text).facts) > 30
    assert flat.meta.published == date(2024, 2, 20) and flat.meta.outlet == "人民日报"
    assert not flat.warnings
