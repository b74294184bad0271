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


def _ungated() -> md._Rules:
    """Every rule scanned on every line: no needs, no words."""
    rules = md._rules()
    plain = [dataclasses.replace(r, needs=(), words=()) for r, _, _ in (*rules.items, *rules.lines)]
    return md._gated(plain, rules.boundary, rules.heads)


def _text_items(text: str, rules: md._Rules) -> list[tuple]:
    """The items of every line of ``text``, each line's mask taken from one pass over the text."""
    saved = md._rules
    md._rules = lambda: rules  # type: ignore[assignment]
    try:
        out, pos = [], 0
        for line, held in zip(text.split("\n"), md.line_masks(text), strict=True):
            out += [(i.start, i.end, i.rule.name, i.groups) for i in md.line_items(text, pos, pos + len(line), held)]
            pos += len(line) + 1
        return out
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
    ungated = _ungated()
    assert all(chars == digits == 0 for _, chars, digits in (*ungated.items, *ungated.lines))
    assert _items(line, md._rules()) == _items(line, ungated)


_LINE_ALPHABET = _ALPHABET + "原标题转载声明责编刘文琦孟祥夫周强光明日通讯\n\t"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_LINE_ALPHABET, max_size=120))
def test_masks_of_one_pass_gate_as_each_line_alone(text: str) -> None:
    """line_masks(text) gives each line the mask its own characters give, and the gated rules, whole-line
    ones included, find what every rule finds on each line."""
    assert md.line_masks(text) == [md.line_masks(line)[0] for line in text.split("\n")]
    assert _text_items(text, md._rules()) == _text_items(text, _ungated())


_PIECES = ["记者", "通讯员", "本报", "光明日报", "记", "者", "通", "讯", "员", " ", "　", "\t", "孟祥夫", "张文", "周", "强",
           "·", "，", "原标题", "转载", "声明", "：", "来源", "稿源", "2024-05-12", "08:30", "某某网", "\n",
           "\n通讯员 孟祥夫\n", "\n本报记者 张文", "\n光明日报通讯员 周 强\n", "\n原标题：某某\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=24).map("".join))
def test_gated_rules_find_what_every_rule_finds_on_byline_soups(text: str) -> None:
    """Bylines and notices (whole-line rules, gated by their words) from the pieces they are made of."""
    assert _text_items(text, md._rules()) == _text_items(text, _ungated())


def test_a_need_with_a_digit_is_held_by_any_digit() -> None:
    rules = md._gated([md.MetaRule("d", 9, md.regex.compile(r"x[年\d]"), needs=md._needs(r"x[年\d]"))],
                      frozenset(" "), md.regex.compile("(?!)"))
    assert [i[2] for i in _items("x٣", rules)] == ["d"] and [i[2] for i in _items("x年", rules)] == ["d"]
    assert _items("xy", rules) == []


def test_made_up_metadata_lines_still_match() -> None:
    line = "发布时间：2024-05-12 来源：某某网 甲市下降3%。"
    assert [i[2] for i in _items(line, md._rules())] == ["repost_header"]


def test_declared_words_gate_a_rule() -> None:
    rule = next(r for r, _, _ in md._rules().items if r.name == "source_and_time")
    assert rule.words == (("来源", "稿源"),)
    byline = next(r for r, _, _ in md._rules().lines if r.name == "byline")
    assert byline.words == (("记者", "通讯员"),)
    assert [i[2] for i in _text_items("本报记者 孟祥夫 张文\n本报 孟祥夫 张文", md._rules())] == ["byline"]
    line = "某某网 2024-05-12 08:30 来源：某某网"
    assert [i[2] for i in _items(line, md._rules())] == ["source_and_time"]
