"""Parse one phrase: ``parse_number``, ``parse_quantity``, ``parse_date``.

The same grammar and tables as ``extract``, applied to a single phrase; a
phrase that holds no such value raises ``ParseError`` (a ``ValueError``).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import regex

from .context import DocContext
from .models import ParsedDate, ParsedNumber, ParsedQuantity
from .quantities.dates import recognise_dates
from .quantities.numerals import NumeralError, canonical, parse_any, parse_cn, to_number
from .quantities.recognise import recognise_quantities
from .quantities.tables import tables
from .text.normalize import normalize
from .text.structure import analyse


class ParseError(ValueError):
    """The phrase holds no value of the kind asked for."""


_RANGE = regex.compile(r"^(?P<a>[^—\-–~～至到]+?)(?:[—\-–~～]|至|到)(?P<b>[^—\-–~～至到]+)$")
_MULT_SUFFIX = regex.compile(r"(万亿|千万|百万|亿|万|千|百)$")
_FRACTION = regex.compile(r"^(?P<den>.+?)分之(?P<num>.+)$")
_CN_RANGE_CHARS = set("零〇一二两三四五六七八九十百千万亿几")


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


def parse_number(text: str) -> ParsedNumber:
    """``"1.5万余"`` → 15000 more_than; ``"两三万"`` → 20000–30000 range; ``"三分之一"`` → 0.333…"""
    if not isinstance(text, str) or not text.strip():
        raise ParseError("parse_number needs a non-empty string")
    s = canonical(normalize(text.strip()).text.replace(" ", "").replace("，", ","))
    core, qualifier = _strip_qualifiers(s)
    try:
        if core.startswith("百分之"):
            low, high = _one(core[3:])
            low, high = low / 100, (high / 100 if high is not None else None)
        elif (f := _FRACTION.match(core)) is not None:
            low = _one(f["num"])[0] / _one(f["den"])[0]
            high = None
        elif core.endswith("%"):
            low, high = _one(core[:-1])
            low, high = low / 100, (high / 100 if high is not None else None)
        elif (r := _RANGE.match(core)) is not None and not core.startswith("-"):
            a, b = r["a"], r["b"]
            shared = _MULT_SUFFIX.search(b)
            if shared and not _MULT_SUFFIX.search(a):
                a += shared.group()
            low, high = _one(a)[0], _one(b)[0]
        else:
            low, high = _one(core)
    except (NumeralError, ArithmeticError) as exc:
        raise ParseError(f"not a number: {text!r}") from exc
    if high is not None:
        qualifier = "range"
    return ParsedNumber(text=text, value=_num(low), high=_num(high), qualifier=qualifier or "exact")


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
    ctx = _context(text.strip(), None)
    hits = recognise_quantities(ctx, blocked=[], dates=[])
    if not hits:
        raise ParseError(f"no quantity in {text!r}")
    h = max(hits, key=lambda x: x.end - x.start)
    return ParsedQuantity(text=text, kind=h.kind, value=to_number(h.value), high=to_number(h.high),
                          qualifier=h.qualifier, unit=h.unit)


_ISO = regex.compile(r"^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?$")
_DAY_WORDS = {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "前天": -2, "明天": 1, "明日": 1, "后天": 2}
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
        y, mo, d = int(m[1]), int(m[2]), m[3]
        try:
            value = date(y, mo, int(d)).isoformat() if d else f"{y:04d}-{mo:02d}"
        except ValueError as exc:
            raise ParseError(f"not a calendar date: {text!r}") from exc
        return ParsedDate(text=text, value=value)
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
        raise ParseError(f"no date in {text!r}")
    h = max(hits, key=lambda x: x.end - x.start)
    return ParsedDate(text=text, value=h.value, qualifier=h.qualifier)
