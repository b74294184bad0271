"""The reach of a pattern's matches around its anchors, read off the pattern (text/pattern_reach.py): the
bounds hold on every match of generated texts, are tight on written-out longest forms, and are refused where
no bound exists."""

from __future__ import annotations

import re
from itertools import pairwise

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from policyfacts.text.pattern_reach import anchor_reach, first_chars, opening_lookahead


def _holds(pattern: str, anchors: str, text: str) -> None:
    """Every match of ``pattern`` in ``text`` lies within the reach around its anchors."""
    before, after = anchor_reach(pattern, 0, anchors)
    for m in regex.finditer(pattern, text):
        at = [m.start() + i for i, ch in enumerate(m.group()) if ch in anchors]
        assert at, m
        assert at[0] - m.start() <= before
        assert m.end() - at[-1] <= after
        assert all(b - a <= before + after for a, b in pairwise(at))


def test_a_fixed_form_has_the_reach_of_its_longest_spelling() -> None:
    # 截至2019年, 截至到19年: up to six characters before 年, the anchor itself one after
    assert anchor_reach(r"(?:截至到?|自)?\d{2,4}年", 0, "年") == (7, 1)
    assert anchor_reach(r"\d{1,2}月(?:\d{1,2}日)?(?:以来)?", 0, "月") == (2, 6)


def test_a_lookahead_past_the_end_is_read_too() -> None:
    assert anchor_reach(r"\d月(?!份)", 0, "月") == (1, 2)
    assert anchor_reach(r"(?<!\d)\d月", 0, "月") == (1, 1)  # a lookbehind reads before the match: not counted


def test_two_anchors_of_one_match_are_within_the_window() -> None:
    before, after = anchor_reach(r"\d{4}年x{0,20}月", 0, "年月")
    assert before + after >= 21


def test_no_bound_is_given_where_there_is_none() -> None:
    assert anchor_reach(r"\d+年", 0, "年") is None  # unbounded before its anchor
    assert anchor_reach(r"\d{4}(?:年)?", 0, "年") is None  # a match may hold no anchor
    assert anchor_reach(r"[^，]{1,5}年", 0, "年") == (5, 1)  # a negated class may be an anchor: still bounded
    assert anchor_reach(r"\p{Han}年", 0, "年") is None  # a syntax the standard parser does not read


def test_a_name_given_to_two_groups_is_read() -> None:
    month = r"(?P<m>\d{1,2})月"
    assert anchor_reach(rf"{month}|今年{month}", 0, "年月") == (2, 1)  # 12|月, 今|年12月


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["2019", "19", "年", "月", "截至", "到", "自", "日", "以来", "份", "6", "x"]),
                max_size=14).map("".join))
def test_the_reach_holds_on_every_match(text: str) -> None:
    _holds(r"(?:截至到?|自)?(?:\d{4}年(?:\d{1,2}月份?)?|\d{1,2}月(?:\d{1,2}日)?)(?:以来)?", "年月", text)


def test_the_first_characters_of_a_pattern() -> None:
    cls = first_chars(r"(?:截至|自)?(?:\d{4}|[一二])年", 0)
    assert cls is not None and cls.chars == frozenset("截自一二") and cls.categories == {"CATEGORY_DIGIT"}
    assert first_chars(r"(?:截至)?", 0) is None  # may be empty: every position may start one
    assert first_chars(r"[^年]月", 0) is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="截至自12一二年月x", max_size=12))
def test_the_opening_lookahead_changes_no_match(text: str) -> None:
    body = r"(?:截至|自)?(?:\d{4}|[一二]{2})年(?:\d月)?|\d{1,2}月"
    led = opening_lookahead(body, 0)
    assert led.startswith("(?=[")
    assert [m.span() for m in re.finditer(led + body, text)] == [m.span() for m in re.finditer(body, text)]


def test_the_date_patterns_are_scanned_in_windows() -> None:
    from policyfacts.quantities import dates

    for scan in (dates._DATE_SCAN, dates._ISO_SCAN, dates._REL_MONTH_SCAN):
        assert scan.reach is not None
    assert dates._DATE.pattern.startswith("(?=[")


def test_the_numeral_pattern_is_led_by_its_first_characters() -> None:
    from policyfacts.quantities import recognise

    start = recognise._NUM_START.pattern
    assert start.startswith("[") and "数" in start and "半" in start and r"\d" in start  # listed, not any
    assert recognise._NUM.pattern.startswith(f"(?={start})")
