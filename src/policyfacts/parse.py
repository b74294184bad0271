"""Parse one phrase: ``parse_number``, ``parse_quantity``, ``parse_date``.

The same grammar and tables as ``extract``, applied to a single phrase; a
phrase that holds no such value raises ``ParseError`` (a ``ValueError``).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cache
from itertools import pairwise

import regex

from .context import DocContext
from .models import ParsedDate, ParsedNumber, ParsedQuantity
from .quantities.dates import recognise_dates
from .quantities.numerals import NumeralError, canonical, parse_any, parse_cn, to_number
from .quantities.recognise import _SUB_YUAN, _sub_yuan, recognise_quantities
from .quantities.tables import tables
from .text.normalize import normalize
from .text.structure import analyse


class ParseError(ValueError):
    """The phrase holds no value of the kind asked for."""


_RANGE = regex.compile(r"^(?P<a>[^—\-–~～至到]+?)(?:[—\-–~～]|至|到)(?P<b>[^—\-–~～至到]+)$")
_MULT_SUFFIX = regex.compile(r"(万亿|万万|千万|百万|亿|万|兆)$")
_FRACTION = regex.compile(r"^(?P<den>.+?)分之(?P<num>.+)$")
_CN_RANGE_CHARS = set("零〇一二两三四五六七八九十百千万亿兆几")
_WHOLE_AND = regex.compile(r"^(?P<whole>[^又]+)又(?P<frac>.+分之.+)$")
_SLASH = regex.compile(r"^(?P<num>\d+(?:\.\d+)?)/(?P<den>\d+(?:\.\d+)?)$")


def _context(text: str, reference: date | None) -> DocContext:
    norm = normalize(text)
    structure = analyse(norm.text)
    return DocContext("phrase", norm, structure, reference)


def _strip_qualifiers(s: str) -> tuple[str, str | None]:
    t = tables()
    qualifier = None
    for word, q in t.q_before.items():
        if s.startswith(word) and len(s) > len(word) and word != "上":
            s, qualifier = s[len(word):], q
            break
    for word, q in t.q_after.items():
        if s.endswith(word) and len(s) > len(word):
            s, qualifier = s[: -len(word)], q
            break
    # 1.5万余, 70余万, 三十多: an approximation inside the numeral
    m = regex.search(r"([多余来])(万亿|亿|万|千|百)?$", s)
    if m and len(s) > len(m.group()):
        s = s[: m.start()] + (m.group(2) or "")
        qualifier = qualifier or t.q_inside[m.group(1)]
    return s, qualifier


def _one(s: str) -> tuple[Decimal, Decimal | None]:
    if s and all(c in _CN_RANGE_CHARS for c in s):
        return parse_cn(s)
    return parse_any(s), None


def _core_value(core: str) -> tuple[Decimal, Decimal | None]:
    """(low, high) of a numeral phrase without its approximation words."""
    if core.startswith("百分之"):
        low, high = _core_value(core[3:]) if "又" in core else _one(core[3:])
        return low / 100, (high / 100 if high is not None else None)
    if (w := _WHOLE_AND.match(core)) is not None:  # 三又二分之一: a whole and a fraction
        return _one(w["whole"])[0] + _core_value(w["frac"])[0], None
    if (f := _FRACTION.match(core)) is not None:
        return _one(f["num"])[0] / _one(f["den"])[0], None
    if (f := _SLASH.match(core)) is not None:
        return parse_any(f["num"]) / parse_any(f["den"]), None
    if core.endswith("%"):
        low, high = _one(core[:-1])
        return low / 100, (high / 100 if high is not None else None)
    if (r := _RANGE.match(core)) is not None and not core.startswith("-"):
        a, b = r["a"], r["b"]
        shared = _MULT_SUFFIX.search(b)
        # 二百到三百五十万: the first end shares the place of the second, when it is below the second's figure
        if shared and not _MULT_SUFFIX.search(a) and _one(a)[0] < _one(b[: shared.start()] or "一")[0]:
            a += shared.group()
        return _one(a)[0], _one(b)[0]
    return _one(core)


@cache
def _bounds() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """Two-sided comparatives (大于15小于30) and 3000与8000之间, from the qualifier words of the data."""
    before = tables().q_before
    low = sorted((w for w, q in before.items() if q in ("at_least", "more_than") and w not in ("上", "满")),
                 key=len, reverse=True)
    high = sorted((w for w, q in before.items() if q in ("at_most", "less_than")), key=len, reverse=True)
    alt = lambda ws: "|".join(map(regex.escape, ws))  # noqa: E731
    two = regex.compile(rf"^(?:{alt(low)})(?P<a>.+?)[,、且并而]?(?:{alt(high)})(?P<b>.+)$")
    between = regex.compile(r"^(?:介于|在)?(?P<a>.+?)(?:与|和|到|至|-|~)(?P<b>.+?)(?:之间|中间)$")
    return two, between


def parse_number(text: str) -> ParsedNumber:
    """``"1.5万余"`` → 15000 more_than; ``"两三万"`` → 20000–30000 range; ``"三分之一"`` → 0.333…;
    ``"大于15小于30"`` → 15–30 range. Percents are fractions here (``"5%"`` → 0.05)."""
    if not isinstance(text, str) or not text.strip():
        raise ParseError("parse_number needs a non-empty string")
    s = canonical(normalize(text.strip()).text.replace(" ", "").replace("\u3000", "").replace("，", ","))
    two, between = _bounds()
    try:
        if (b := two.match(s) or between.match(s)) is not None:
            a_core, _ = _strip_qualifiers(b["a"])
            b_core, _ = _strip_qualifiers(b["b"])
            low, high = _core_value(a_core)[0], _core_value(b_core)[0]
            if high is None or not low < high:
                raise ParseError(f"not a range: {text!r}")
            return ParsedNumber(text=text, value=_num(low), high=_num(high), qualifier="range")
        core, qualifier = _strip_qualifiers(s)
        low, high = _core_value(core)
    except (NumeralError, ArithmeticError) as exc:
        share = _share(text)
        if share is None:
            raise ParseError(f"not a number: {text!r}") from exc
        return share
    if high is not None:
        qualifier = "range"
    return ParsedNumber(text=text, value=_num(low), high=_num(high), qualifier=qualifier or "exact")


def _share(text: str) -> ParsedNumber | None:
    """六点五成, 七成半, 九折: a share written with the percent units of the quantity grammar, as a fraction."""
    phrase = regex.sub(r"\s+", "", text)
    hits = recognise_quantities(_context(phrase, None), blocked=[], dates=[])
    if len(hits) != 1 or (hits[0].start, hits[0].end) != (0, len(phrase)):
        return None  # the share must be the whole phrase, never a part of it
    h = hits[0]
    if h.kind != "percent" or h.unit not in ("%", "折"):
        return None
    return ParsedNumber(text=text, value=_num(h.value / 100), high=_num(h.high / 100 if h.high is not None else None),
                        qualifier=h.qualifier)


def _num(d: Decimal | None) -> int | float | None:
    if d is None:
        return None
    if d != d.to_integral_value() and abs(d.as_tuple().exponent) > 12:  # type: ignore[operator]
        return float(d)
    return to_number(d)


def parse_quantity(text: str) -> ParsedQuantity:
    """``"两三万元"`` → money 20000–30000 元; ``"超过九成"`` → percent 90 more_than; ``"30亩"`` → measure."""
    if not isinstance(text, str) or not text.strip():
        raise ParseError("parse_quantity needs a non-empty string")
    phrase = regex.sub(r"\s+", "", text)  # 百 分 之 3.6: a phrase has no spaces of its own
    ctx = _context(phrase, None)
    hits = recognise_quantities(ctx, blocked=[], dates=[])
    if not hits:
        if (sm := _SUB_YUAN.fullmatch(ctx.text)) is not None:  # 五毛, 伍角陆分: yuan below one
            return ParsedQuantity(text=text, kind="money", value=to_number(_sub_yuan(sm)), unit="元")
        raise ParseError(f"no quantity in {text!r}")
    two, between = _bounds()
    if len(hits) == 2 and (two.match(ctx.text) or between.match(ctx.text)):
        a, b = hits  # 大于15人小于30人, 3000元与8000元之间: one range
        if (a.kind, a.unit) == (b.kind, b.unit) and a.high is None and b.high is None and a.value < b.value:
            return ParsedQuantity(text=text, kind=a.kind, value=to_number(a.value), high=to_number(b.value),
                                  qualifier="range", unit=a.unit)
    h = max(hits, key=lambda x: x.end - x.start)
    return ParsedQuantity(text=text, kind=h.kind, value=to_number(h.value), high=to_number(h.high),
                          qualifier=h.qualifier, unit=h.unit)


_ISO = regex.compile(r"^(?P<pre>截至|截止|自|从)?(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?:日)?"
                     r"(?P<post>以后|之后|以来|开始|起|以前|之前|前)?$")
_ISO_SINCE = {"以后", "之后", "以来", "开始", "起"}
_DAY_WORDS = {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "前天": -2, "明天": 1, "明日": 1, "后天": 2,
              "大前天": -3, "大后天": 3}
# 某某二十年: a year counted in another calendar (an era or reign name, then a Chinese-numeral year)
_OTHER_CALENDAR = regex.compile(r"^\p{Han}{1,4}?(?<![\d〇零一二三四五六七八九十])(?:元|[一二三四五六七八九十廿]{1,3})年"
                                r"(?:[一二三四五六七八九十正冬腊]{1,2}月(?:[初一二三四五六七八九十廿]{1,3}日?)?)?$")
_MONTH_WORDS = {"本月": 0, "这个月": 0, "当月": 0, "上月": -1, "上个月": -1, "下月": 1, "下个月": 1}


def parse_date(text: str, reference: date | datetime | str | None = None) -> ParsedDate:
    """``"去年5月"`` with reference 2024-02-20 → 2023-05; ``"2022年7月以来"`` → 2022-07 since.

    Relative dates without a ``reference`` get value None, never a guess.
    """
    if not isinstance(text, str) or not text.strip():
        raise ParseError("parse_date needs a non-empty string")
    if isinstance(reference, str):
        reference = date.fromisoformat(reference[:10])
    if isinstance(reference, datetime):
        reference = reference.date()
    s = normalize(text.strip()).text.strip()
    if (m := _ISO.match(s)) is not None:
        y, mo, d = int(m[2]), int(m[3]), m[4]
        try:
            value = date(y, mo, int(d)).isoformat() if d else f"{y:04d}-{mo:02d}"
        except ValueError as exc:
            raise ParseError(f"not a calendar date: {text!r}") from exc
        post, pre = m["post"], m["pre"]
        qualifier = ("since" if post in _ISO_SINCE or (pre in ("自", "从") and post is None) else
                     "until" if post or pre in ("截至", "截止") else "exact")
        return ParsedDate(text=text, value=value, qualifier=qualifier)
    if s in _DAY_WORDS:
        return ParsedDate(text=text, value=(reference + timedelta(days=_DAY_WORDS[s])).isoformat() if reference else None)
    if s in _MONTH_WORDS:
        if reference is None:
            return ParsedDate(text=text, value=None)
        k = reference.year * 12 + reference.month - 1 + _MONTH_WORDS[s]
        return ParsedDate(text=text, value=f"{k // 12:04d}-{k % 12 + 1:02d}")
    ctx = _context(s, reference)
    hits = recognise_dates(ctx)
    if not hits:
        if _OTHER_CALENDAR.match(s) and not regex.match(r"^[一二三四五六七八九十两几]", s):
            return ParsedDate(text=text, value=None)  # 某某二十年: never replaced by a Gregorian year
        raise ParseError(f"no date in {text!r}")
    h = max(hits, key=lambda x: x.end - x.start)
    if any(x.multi_year for x in hits) or any(
            regex.fullmatch(r"\s*(?:至|到|—|–|-|~|～|——)\s*", ctx.text[a.end:b.start]) for a, b in pairwise(hits)):
        return ParsedDate(text=text, value=None, qualifier="range")  # 2016至2019年间, 5月8日至2014年: no single date
    return ParsedDate(text=text, value=h.value, qualifier=h.qualifier)
