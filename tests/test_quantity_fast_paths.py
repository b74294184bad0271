"""The quantity recogniser's fast paths give exactly what the plain paths give."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from policyfacts.quantities import recognise

FIXTURES = Path(__file__).parent / "fixtures"
_TEXTS = [p.read_text("utf-8") for p in sorted(FIXTURES.rglob("*.txt"))]
# _NUM as the regex module compiles it (the recogniser's engine before the standard library's)
_REGEX_NUM = regex.compile(recognise._NUM.pattern, regex.X)


def _everywhere(pattern: re.Pattern[str] | regex.Pattern[str], text: str) -> list[tuple]:
    """Span, groups and last group of the pattern's match at every position (lookbehinds see the text before)."""
    return [(m.span(), m.groups(), m.lastgroup) for p in range(len(text) + 1) if (m := pattern.match(text, p))]


def test_numeral_engines_agree_on_every_fixture() -> None:
    for text in _TEXTS:
        assert _everywhere(recognise._NUM, text) == _everywhere(_REGEX_NUM, text)


def test_the_engines_digits_differ_only_where_python_knows_no_digit() -> None:
    """The regex module's Unicode tables are newer than Python's: its extra \\d are no digits to str.isdigit
    (nor to Decimal), so no reading of them was ever a figure."""
    py, rx = re.compile(r"\d"), regex.compile(r"\d")
    differ = [chr(c) for c in range(sys.maxunicode + 1) if bool(py.match(chr(c))) != bool(rx.match(chr(c)))]
    assert all(rx.match(c) and not c.isdigit() and ord(c) > 0xFFFF for c in differ)


_NUMERAL_CHARS = ("0123456789０５" "零〇一二两三四五六七八九十百千万亿几兆" "壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億参"
                  "半对数分之又点负%多余来" " \u3000\u2009\u202f\u00a0" "—-–~～至到/.,"
                  "元圆角瓦赫另这那天年个会儿合算叠射折a")
_PIECES = ["一半", "另一半", "百分之", "百 分 之", "分之", "又", "对折", "兆瓦", "万亿", "千万", "点", "数十", "1/3", "2,000",
           "3 000", "1.5", "—"]
_SNIPPETS = sorted({text[max(0, m.start() - 6):m.start() + 10] for text in _TEXTS
                    for m in recognise._NUM_START.finditer(text)})


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(alphabet=_NUMERAL_CHARS, max_size=6) | st.sampled_from(_PIECES) | st.sampled_from(_SNIPPETS),
                max_size=8).map("".join))
def test_numeral_engines_agree_on_numeral_soups(text: str) -> None:
    assert _everywhere(recognise._NUM, text) == _everywhere(_REGEX_NUM, text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30).filter(lambda s: not any(regex.match(r"\d", c) and not re.match(r"\d", c) for c in s)))
def test_numeral_engines_agree_on_any_string_of_known_digits(text: str) -> None:
    assert _everywhere(recognise._NUM, text) == _everywhere(_REGEX_NUM, text)


def _bound_in_clause(text: str, start: int) -> str | None:
    """The plain reading: the first bound word in the last 12 characters of the figure's clause."""
    a, _ = recognise._clause_bounds(text, start)
    window = text[max(a, start - 12):start]
    return next((q for word, q in recognise._NONADJ_Q.items() if word in window), None)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*recognise._NONADJ_Q, "，", "。", "\n", "贷", "可", "人", "1", "元"]), max_size=14)
       .map("".join), st.integers(0, 40))
def test_bound_word_gate_is_the_clause_window_reading(text: str, start: int) -> None:
    start = min(start, len(text))
    assert recognise._bound_before(text, start) == _bound_in_clause(text, start)


def _change_by_word(text: str, clause_start: int, q_start: int) -> str | None:
    """The plain reading of a figure's change: each word's last occurrence in the window, the one ending last
    (the first of increase-then-decrease order on a tie)."""
    from policyfacts.quantities.tables import tables

    t = tables()
    window = text[max(clause_start, q_start - t.change_window):q_start]
    best: tuple[int, str] | None = None
    for words, label in ((t.increase, "increase"), (t.decrease, "decrease")):
        for w in words:
            i = window.rfind(w)
            if i >= 0 and (best is None or i + len(w) > best[0]):
                best = (i + len(w), label)
    if best is None or window[best[0]:best[0] + 1] in ("到", "至"):
        return None
    lo = max(clause_start, q_start - t.change_window - 4)
    return None if any(w in text[lo:q_start] for w in t.upgrade) else best[1]


def _change_pieces() -> list[str]:
    from policyfacts.quantities.tables import tables

    t = tables()
    return [*t.increase, *t.decrease, *t.upgrade, "到", "至", "了", "长", "减", "增", "，", "人"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_change_pieces()), max_size=10).map("".join), st.integers(0, 6), st.integers(0, 40))
def test_change_search_is_the_word_by_word_reading(text: str, clause_start: int, start: int) -> None:
    from policyfacts.quantities import link
    from policyfacts.quantities.recognise import QuantityHit

    start = min(start, len(text))
    clause_start = min(clause_start, start)
    q = QuantityHit(start, start + 1, "percent", 0, None, "exact", "%", start, start + 1)  # type: ignore[arg-type]
    assert link._change(text, clause_start, q) == _change_by_word(text, clause_start, start)


_PHRASE_PIECES = ["人均可支配收入", "可支配收入", "地区生产总值", "安装", "智能", "充电桩", "召开", "会议", "村", "居民",
                  "收入", "增长", "的", "“", "”", "《", "》", "某某", "（", "）", "GDP", "a", "1", "2", " ", "\r\n", "，",
                  "中学", "学习", "规范", "运行", "了", "农户", "户均"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PHRASE_PIECES), max_size=12).map("".join))
def test_a_cut_from_a_word_boundary_is_the_tail_of_the_cut(s: str) -> None:
    """What _words relies on: jieba's route from a word boundary depends only on the text after it, and quotes
    and terms are read left to right, so cutting from any word start gives the words from there on."""
    from policyfacts.quantities.subject import cut

    words, at = cut(s), 0
    for k, w in enumerate(words):
        assert cut(s[at:]) == words[k:], (s, at)
        at += len(w)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PHRASE_PIECES), max_size=12).map("".join),
       st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=8))
def test_words_of_a_span_are_its_cut_whatever_was_cut_before(s: str, spans: list[tuple[int, int]]) -> None:
    from policyfacts.quantities import subject

    tails, at = [], 0
    for w in subject.cut(s):
        tails.append((at, len(s)))  # a word start of the last span cut, with its end: the tail is reused
        at += len(w)
    for a, b in [(0, len(s)), *tails, *spans, *tails]:
        a, b = sorted((min(a, len(s)), min(b, len(s))))
        assert subject._words(s, a, b) == subject.cut(s[a:b])


def _date_scans(text: str) -> list[list[tuple]]:
    from policyfacts.quantities import dates as d

    scans = (d._ISO_SCAN, d._REL_MONTH_SCAN, d._DATE_SCAN)
    assert all(scan.reach is not None for scan in scans)  # each read off its pattern: the windows are used
    return [[(m.span(), m.groups()) for m in scan.matches(text)] for scan in scans]


def _full_scans(text: str) -> list[list[tuple]]:
    from policyfacts.quantities import dates as d

    return [[(m.span(), m.groups()) for m in p.finditer(text)] for p in (d._ISO_DATE, d._REL_MONTH, d._DATE)]


def test_windowed_date_scans_are_the_full_scans_on_every_fixture() -> None:
    for text in _TEXTS:
        assert _date_scans(text) == _full_scans(text)


_DATE_PIECES = ["2018", "2019", "06", "6", "1", "-", "/", ".", ":", "截至", "截至到", "自", "从", "以来", "以前", "前", "起",
                "日", "年", "月", "本月", "上个月", "下月", "去年", "今年", "八", "十", "号", "底", "初", "，", "人", "x" * 30,
                "截至去年上个月十八日以来", "截至到2018-06-01日以来", "自2018/6/1以后", "2018.06.01前", "1999-12-31"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_DATE_PIECES), max_size=16).map("".join))
def test_windowed_date_scans_are_the_full_scans_on_date_soups(text: str) -> None:
    assert _date_scans(text) == _full_scans(text)


# the longest reach of each form before its first anchor and after its last: the windows' bounds are exact
_LONGEST_DATES = [
    "截至到2019/2020年度十二至十二月份三十一日第四季度以来，", "截至到2019/2020年度第四季度前五", "截至到2019/2020年度第四季度前，",
    "截至到2019年十二至十二月份三十一日第四季度前五", "截至到二〇一九年十二至十二月份三十一日第四季度前，",
    "截至到十二至十二月份三十一号前三季度前八", "截至到上一年十二至十二月份三十一号前一十二个月以来",
    "截至到2018-12-31日以来，", "截止到2018/12/31日前五", "截止到2018.1.1前，", "2018-06-01日前1",
    "截至去年上个月三十一日以来", "截止今年下个月十八号起", "截至明年本月初"]


def test_windowed_date_scans_are_the_full_scans_on_the_longest_dates() -> None:
    for date in _LONGEST_DATES:
        for text in (date, f"x{date}y", f"{date}。{date}"):
            assert _date_scans(text) == _full_scans(text), text


# --- the fraction branch guarded by its 分之, and the lone numerals _NUM is not tried at ---

_UNGUARDED_NUM = re.compile(recognise._NUM.pattern.replace(recognise._FRACTION_GUARD, "", 1), re.X)


def test_the_fraction_guard_changes_no_match_on_every_fixture() -> None:
    assert _UNGUARDED_NUM.pattern != recognise._NUM.pattern
    for text in _TEXTS:
        assert _everywhere(recognise._NUM, text) == _everywhere(_UNGUARDED_NUM, text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(alphabet=_NUMERAL_CHARS, max_size=6) | st.sampled_from(_PIECES) | st.sampled_from(_SNIPPETS),
                max_size=8).map("".join))
def test_the_fraction_guard_changes_no_match_on_numeral_soups(text: str) -> None:
    assert _everywhere(recognise._NUM, text) == _everywhere(_UNGUARDED_NUM, text)


def _lone_numerals_read_nothing(text: str) -> None:
    goes_on = recognise._goes_on()
    for p in range(len(text)):
        if recognise._lone(text, p, goes_on):
            m = recognise._NUM.match(text, p)
            assert m is not None and m.span() == (p, p + 1) and m.lastgroup == "cn", (text, p)
            assert recognise._read(text, m) is None, (text, p)


def _reads(matches, text: str) -> list[tuple]:  # type: ignore[no-untyped-def]
    out, last_end = [], 0
    for m in matches:
        if m.start() < last_end:
            continue
        hit = recognise._read(text, m)
        if hit is not None:
            last_end = hit.end
            out.append((hit.start, hit.end, hit.kind, hit.value, hit.high, hit.unit))
    return out


def test_lone_numerals_read_nothing_on_every_fixture() -> None:
    for text in _TEXTS:
        _lone_numerals_read_nothing(text)
        assert _reads(recognise._numerals(text), text) == _reads(recognise._NUM.finditer(text), text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(alphabet=_NUMERAL_CHARS + "￥¥人次元米统再", max_size=6) | st.sampled_from(_PIECES)
                | st.sampled_from(_SNIPPETS), max_size=8).map("".join))
def test_lone_numerals_read_nothing_on_numeral_soups(text: str) -> None:
    _lone_numerals_read_nothing(text)
    assert _reads(recognise._numerals(text), text) == _reads(recognise._NUM.finditer(text), text)


_NUMERAL_FORMS = ["三又二分之一", "三又二分之一倍", "占一半", "百分之五", "百 分 之五", "五兆瓦", "三兆元", "十点五", "一 千元",
                  "三至五个", "三—五人", "伍元", "五参元", "一千零一", "二十余人", "三多", "三来", "一元", "三角", "统一",
                  "再三", "￥五", "¥ 五", "一、二", "五分", "十亿", "九成", "五参伍元"]


def test_lone_numerals_read_nothing_in_every_numeral_form() -> None:
    for form in _NUMERAL_FORMS:
        for text in (form, f"的{form}。", f"{form}{form}"):
            _lone_numerals_read_nothing(text)
            assert _reads(recognise._numerals(text), text) == _reads(recognise._NUM.finditer(text), text), text
