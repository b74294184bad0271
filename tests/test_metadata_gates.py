"""The metadata rules' character gates (text/metadata._needs) skip only scans that would find nothing."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from policyfacts.text import metadata as md

_ALPHABET = "来源稿信息新闻出处：:|发布时间日期更新2024-05/.12年月日记者通讯员编辑责审核摄影本报新华社网电讯在会上《》（）第版— 　abhtp://"


def _items(text: str, rules: md._Rules) -> list[tuple]:
    saved = md._rules
    md._rules = lambda: rules  # type: ignore[assignment]
    try:
        return [(i.start, i.end, i.rule.name, i.groups) for i in md.line_items(text, 0, len(text))]
    finally:
        md._rules = saved  # type: ignore[assignment]


def test_needs_are_read_off_the_patterns() -> None:
    assert md._needs("《[^》]{2,4}》") == (frozenset("《"), frozenset("》"))
    assert md._needs(r"(?:来源|稿源)\s*[：:]\d{4}") == (frozenset(":："), frozenset("来稿"), frozenset([md._DIGIT]))
    assert md._needs(r"(?=甲)乙?") == ()  # a lookahead consumes nothing; an optional item is no need
    assert md._needs(r"\p{Han}+") == () and md._needs("(?i)ab") == () and md._needs("[^a]") == ()
    assert md._needs(r"(?P<a>x)?(?(a)|y)") == ()  # an empty branch of a conditional needs nothing


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_gated_rules_find_what_every_rule_finds(line: str) -> None:
    rules = md._rules()
    ungated = dataclasses.replace(rules, items=tuple(dataclasses.replace(r, needs=(), words=()) for r in rules.items))
    assert _items(line, rules) == _items(line, ungated)


def test_made_up_metadata_lines_still_match() -> None:
    line = "发布时间：2024-05-12 来源：某某网 甲市下降3%。"
    assert [i[2] for i in _items(line, md._rules())] == ["repost_header"]


def test_declared_words_gate_a_rule() -> None:
    rule = next(r for r in md._rules().items if r.name == "source_and_time")
    assert rule.words == (("来源", "稿源"),)
    line = "某某网 2024-05-12 08:30 来源：某某网"
    assert [i[2] for i in _items(line, md._rules())] == ["source_and_time"]
