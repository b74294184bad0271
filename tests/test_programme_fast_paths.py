"""The programme recogniser's fast paths give exactly what their general paths give."""

from __future__ import annotations

from pathlib import Path

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from policyfacts.programmes import recognise
from policyfacts.programmes.rules import QUOTES, normalise_name, rules

FIXTURES = Path(__file__).parent / "fixtures"


def _texts() -> list[str]:
    return [p.read_text("utf-8") for p in sorted(FIXTURES.rglob("*.txt"))]


def _name_pieces() -> list[str]:
    r = rules()
    return [*list(r.head_kind)[:30], *r.contrast_anchors[:4], *r.verbs[:6], *recognise._NOT_IN_MODIFIER[::3],
            *QUOTES, " ", "\u3000", "\n", "甲", "乙", "3", "+", "a", "·", "𠀀", "[1]", "三", "年"]


_SOUP = st.lists(st.sampled_from(_name_pieces()), max_size=30).map("".join) | st.text(max_size=30)


# --- normalise_name: re's deletion of the marks and spaces, not str.translate ---

_TRANSLATE = str.maketrans("", "", QUOTES + " \t\r\n\u3000\xa0")


def _normalised_by_translate(s: str) -> str:
    out = s.translate(_TRANSLATE)
    for suffix in rules().drop_suffixes:
        if out.endswith(suffix) and len(out) > len(suffix) + 1:
            out = out[: -len(suffix)]
    return out


def test_names_normalise_as_by_translate_on_every_quote_of_the_fixtures() -> None:
    for text in _texts():
        for m in recognise._QUOTED.finditer(text):
            s = text[max(0, m.start() - 2):m.end() + 6]
            assert normalise_name(s) == _normalised_by_translate(s), s


@settings(max_examples=300, deadline=None)
@given(_SOUP)
def test_names_normalise_as_by_translate_on_random_strings(s: str) -> None:
    assert normalise_name(s) == _normalised_by_translate(s)


# --- the patterns read by re: they hold literal classes only, where re and regex agree ---

def _re_patterns():  # type: ignore[no-untyped-def]
    return [recognise._QUOTED, recognise._FORMULA, recognise._FREE_RUN]


def _same_matches(text: str) -> None:
    for fast in _re_patterns():
        slow = regex.compile(fast.pattern)
        for pos in range(len(text) + 1):
            for endpos in (len(text), min(len(text), pos + 9)):
                a, b = fast.match(text, pos, endpos), slow.match(text, pos, endpos)
                assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), (fast.pattern, pos)
        got = [m.span() + m.groups() for m in fast.finditer(text)] if fast is not recognise._FREE_RUN else []
        assert got == ([m.span() + m.groups() for m in slow.finditer(text)] if got else []), fast.pattern


def test_re_patterns_equal_regex_on_the_fixtures() -> None:
    for text in _texts()[:8]:
        for m in recognise._QUOTED.finditer(text):  # around the quotes, where they are read
            _same_matches(text[max(0, m.start() - 3):m.end() + 12])


@settings(max_examples=300, deadline=None)
@given(_SOUP)
def test_re_patterns_equal_regex_on_random_strings(text: str) -> None:
    _same_matches(text)


# --- the heads after a quote: look-ups where a head can start, not an overlapped regex scan ---

def _heads_by_regex(text: str, pos: int, stop: int) -> dict[int, int]:
    longest: dict[int, regex.Match] = {}
    for m in rules().heads_re.finditer(text, pos, stop, overlapped=True):
        if m.end() not in longest or m.start() < longest[m.end()].start():
            longest[m.end()] = m
    return {end: m.start() for end, m in longest.items()}


def test_heads_between_equal_the_overlapped_scan_after_every_quote() -> None:
    r = rules()
    for text in _texts():
        for m in recognise._QUOTED.finditer(text):
            for stop in (m.end() + 6, m.end() + 17, len(text) + 3):
                assert recognise._heads_between(text, m.end(), stop, r) == _heads_by_regex(text, m.end(), stop)


@settings(max_examples=300, deadline=None)
@given(_SOUP, st.integers(0, 32), st.integers(0, 32))
def test_heads_between_equal_the_overlapped_scan_on_random_strings(text: str, pos: int, stop: int) -> None:
    assert recognise._heads_between(text, pos, stop, rules()) == _heads_by_regex(text, pos, stop)


# --- contrasts (“甲”变为“乙”): scanned near their closing mark and contrast word only ---

def _spans(matches) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    return [m.span() for m in matches]


def test_contrasts_equal_the_full_scan_on_every_fixture() -> None:
    r = rules()
    for text in _texts():
        assert _spans(recognise._contrasts(text, r)) == _spans(r.contrast.finditer(text))


def test_contrasts_with_the_longest_sides_are_found() -> None:
    from policyfacts.programmes.rules import CONTRAST_SIDE

    r = rules()
    side = "甲" * CONTRAST_SIDE
    for word in (a[1:] for a in r.contrast_anchors):
        text = f"从“{side}”{word}“{side}”，再‘乙’{word}‘{side}’"
        assert _spans(recognise._contrasts(text, r)) == _spans(r.contrast.finditer(text)) != []


def _contrast_soup() -> st.SearchStrategy[str]:
    words = [a[1:] for a in rules().contrast_anchors]
    pieces = [*words, "“", "”", "‘", "’", "\n", "甲", "乙乙乙乙乙", "，"]
    return st.lists(st.sampled_from(pieces), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(_contrast_soup())
def test_contrasts_equal_the_full_scan_on_random_strings(text: str) -> None:
    r = rules()
    assert _spans(recognise._contrasts(text, r)) == _spans(r.contrast.finditer(text))


# --- a run of quotes: the quote pattern tried only at an opening mark ---

def _past_run_by_match(text: str, pos: int) -> int:
    for _ in range(recognise._MAX_RUN):
        m = recognise._QUOTED.match(text, pos + (text[pos:pos + 1] == "、"))
        if m is None:
            break
        pos = m.end()
    return pos + 1 if text[pos:pos + 1] == "等" else pos


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["“甲”", "‘乙’", "「丙」", "、", "等", "“", "甲", "\n"]), max_size=12).map("".join),
       st.integers(0, 20))
def test_past_run_equals_the_plain_loop(text: str, pos: int) -> None:
    assert recognise._past_run(text, pos) == _past_run_by_match(text, pos)


# --- a programme's name written again: str.find for a short text, not an automaton built for it ---

def _by_automaton(names: list[str], text: str) -> list[tuple[int, int, int]]:
    from policyfacts.text.automata import for_one_text

    return [tuple(m) for m in for_one_text(names, leftmost_longest=True).find_matches_as_indexes(text)]


def test_names_found_again_equal_the_automatons_on_every_fixture() -> None:
    from policyfacts.context import DocContext
    from policyfacts.programmes import recognise_programmes
    from policyfacts.text.normalize import normalize
    from policyfacts.text.structure import analyse

    for text in _texts():
        norm = normalize(text)
        ctx = DocContext("t", norm, analyse(norm.text), None)
        hits = recognise_programmes(ctx)
        names = sorted({n for h in hits for n in (h.name, h.inner or h.name) if len(n) >= 2})
        if names:
            assert recognise._leftmost_longest(names, ctx.text) == _by_automaton(names, ctx.text)


_NAME_PIECES = ["三零", "三零工作室", "工作室", "零工", "村企联建", "联建", "甲", "“", "”", "\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_NAME_PIECES), max_size=30).map("".join),
       st.sets(st.sampled_from(_NAME_PIECES[:6]), min_size=1))
def test_names_found_again_equal_the_automatons_on_random_strings(text: str, names: set[str]) -> None:
    ordered = sorted(names)
    assert recognise._leftmost_longest(ordered, text) == _by_automaton(ordered, text)
