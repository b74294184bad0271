"""Invariants on any input: extraction never raises, spans index the original, output is deterministic."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import policyfacts
from policyfacts.batch import fact_line
from policyfacts.errors import EmptyDocumentError

_PIECES = st.sampled_from([
    "2019年4月", "去年5月", "1.5万余个", "两三万元", "超过九成", "“三零”工作室", "學(xué)", "個(gè)", "，", "。", ",", "!",
    "\n", "\n\n", "******", "《人民日报》（2024年02月20日 19 版）", "发布时间:2024-11-23 01:28:10", "近", "多", "余",
    "万", "亿", "一", "两", "十几", "%", "元", "人", "分别", "同比下降", "以来", "本报记者 张三", "包養", "（", "）",
    "“", "”", "‘", "’", "省", "市", "县", "镇", "村", "社区", "纪委监委", "贷", "年", "月", "日", "半", "个", "小时",
])
_MIXED = st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=40).map("".join)


def _check(text: str) -> None:
    if not text.strip():
        with pytest.raises(EmptyDocumentError):
            policyfacts.extract(text)
        return
    doc = policyfacts.extract(text, doc_id="x")
    for f in doc.facts:
        assert text[f.start:f.end] == f.text
        assert text[f.sentence.start:f.sentence.end] == f.sentence.text
    for m in [*doc.places, *doc.organizations]:
        assert text[m.start:m.end] == m.text
    again = policyfacts.extract(text, doc_id="x")
    assert again.model_dump() == doc.model_dump()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_any_text(text: str) -> None:
    _check(text)


# Every code point, lone surrogates included (JSON input can carry "\ud800"), control characters, line
# and paragraph separators, noncharacters, private use, unassigned.
_ANY_CODE_POINT = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, codec=None, categories=None,
                                exclude_categories=())
_ANY_WITH_NEWS = st.lists(st.one_of(_PIECES, st.text(_ANY_CODE_POINT, max_size=4)), max_size=30).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(_ANY_CODE_POINT, max_size=120), _ANY_WITH_NEWS))
def test_any_code_point(text: str) -> None:
    """extract() raises nothing but its documented errors on any str, and its output serialises."""
    _check(text)
    if text.strip():
        for f in policyfacts.extract(text).facts:
            line = fact_line(f)
            line.encode("utf-8")  # a JSONL line is valid UTF-8 even for a lone surrogate
            assert json.loads(line)["sentence"]["text"] == f.sentence.text


def test_a_lone_surrogate_is_read_as_a_replacement_character() -> None:
    text = "\ud800全县新增就业1200人。\udfff"
    doc = policyfacts.extract(text)
    assert [(f.text, f.start, f.end) for f in doc.facts] == [("1200人", 7, 12)]
    assert doc.facts[0].sentence.text == "\ud800全县新增就业1200人。"
    line = fact_line(doc.facts[0])
    line.encode("utf-8")
    assert json.loads(line)["sentence"]["text"] == "\ud800全县新增就业1200人。"


def test_empty_text_is_the_error_an_empty_file_gives() -> None:
    for text in ("", "  \n\u3000"):
        with pytest.raises(EmptyDocumentError):
            policyfacts.extract(text)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_MIXED)
def test_text_made_of_policy_news_pieces(text: str) -> None:
    _check(text)


def test_non_string_input_is_a_clear_error() -> None:
    with pytest.raises(TypeError, match="decode bytes first"):
        policyfacts.extract(b"bytes")  # type: ignore[arg-type]
