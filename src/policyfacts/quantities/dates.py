"""Calendar references: absolute (2019年4月), partial (10月25日), relative (去年5月) and since/until forms.

Relative dates resolve against the document's publication date; without one the
value is null, never a guess.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache

import regex

from ..context import DocContext
from ..datafiles import load_toml
from ..text.pattern_reach import anchor_reach, opening_lookahead
from .numerals import NumeralError, parse_cn

_CNM = "一二三四五六七八九十〇零"
_REL_YEAR = {"今年": 0, "本年": 0, "去年": -1, "上一年": -1, "上年": -1, "前年": -2, "明年": 1, "下一年": 1}
_MONTH = rf"""
        (?P<m>(?<![\d.])\d{{1,2}}|[{_CNM}]{{1,3}})
        (?:[—\-–~～至到](?P<m2>\d{{1,2}}|[{_CNM}]{{1,3}}))?月份?
        (?:(?P<d>\d{{1,2}}|[{_CNM}]{{1,3}})[日号])?"""
_DATE_BODY = rf"""
    (?P<pre>截至到|截止到|截至|截止|自从|自|从|于)?
    (?:
        (?:(?P<rel>今年|本年|去年|上一年|上年|前年|明年|下一年)
          | (?P<y>(?<![\d.])\d{{4}}|[〇零一二三四五六七八九]{{4}})(?:/(?:\d{{4}}|\d{{2}}))?年(?P<fy>度)?
        )(?:{_MONTH})?
      | (?P<y2>(?<![\d.])\d{{2}}|(?<![〇零一二三四五六七八九十])[〇零一二三四五六七八九]{{2}})年
        (?=(?:\d{{1,2}}|[一二三四五六七八九十]{{1,2}})月)(?:{_MONTH})
      | {_MONTH}
    )
    (?P<part>上半年|下半年|年初|年底|年末|年中|月初|月底|月末|中旬|上旬|下旬|初|底|末
      |第?[一二三四1-4]季度|前[一二三1-3]季度|前(?:\d{{1,2}}|[一二两三四五六七八九十]{{1,3}})个?月)?
    (?P<post>以来|以后|之后|开始|起|以前|之前|前(?![一二两三四五六七八九十\d]))?
    """
# led by a lookahead of the characters a match can start with, read off the pattern: a scan fails at once at
# every other position
_DATE = regex.compile(opening_lookahead(_DATE_BODY, regex.X) + _DATE_BODY, regex.X)


def _positions(text: str, chars: str) -> list[int]:
    """Every position of one of ``chars`` in ``text``, ascending: a ``str.find`` loop per character, a C scan
    far cheaper than a regex's (and its match object per hit)."""
    out: list[int] = []
    for ch in chars:
        p = text.find(ch)
        while p >= 0:
            out.append(p)
            p = text.find(ch, p + 1)
    out.sort()
    return out


def _windowed(pattern: regex.Pattern[str], anchors: Iterable[int], before: int, after: int,
              text: str) -> list[regex.Match[str]]:
    """``pattern.finditer(text)``, run only over the merged windows ``[p - before, p + after)`` around the
    ``anchors`` ``p`` (ascending positions; every match of the pattern holds one or more, and lies between
    ``before`` its first and ``after`` its last, what its lookaheads read included, since a scan's ``endpos``
    hides the text after it): no match crosses a window's edge and a lookbehind still sees the text before
    one, so the matches are the full scan's, without the pattern's cost at every position (most of a news
    text is far from any anchor)."""
    out: list[regex.Match[str]] = []
    lo = hi = -before - after - 1  # no window yet
    n = len(text)
    for p in anchors:
        if p - before > hi:
            if hi > lo:
                out += pattern.finditer(text, lo, hi)
            lo = max(0, p - before)
        hi = min(n, p + after)
    if hi > lo:
        out += pattern.finditer(text, lo, hi)
    return out


@dataclass(frozen=True, slots=True)
class _Scan:
    """A pattern scanned only around its anchor characters, as far from them as its matches can reach (read off
    the pattern by :func:`anchor_reach`, so a longer form added to the pattern widens the windows); the whole
    text when the pattern's reach cannot be bounded."""

    pattern: regex.Pattern[str]
    anchors: str
    reach: tuple[int, int] | None

    @classmethod
    def of(cls, pattern: regex.Pattern[str], anchors: str) -> _Scan:
        return cls(pattern, anchors, anchor_reach(pattern.pattern, pattern.flags, anchors))

    def matches(self, text: str) -> list[regex.Match[str]]:
        if self.reach is None:
            return list(self.pattern.finditer(text))
        return _windowed(self.pattern, _positions(text, self.anchors), *self.reach, text)


_DATE_NAMES = tuple(sorted(_DATE.groupindex, key=_DATE.groupindex.__getitem__))  # cheaper than groupdict()
_MODAL = regex.compile(
    r"^[^，。；！？]{0,12}?(?:能|(?<!工|协|学|委员|商|理事|社|年|大|晚|峰|博览|展|运动|议|例|省|都市|机|宴|聚|茶|酒|舞)会"
    r"(?!议|员|长|场|展|计|所|址|馆|堂|务|费|谈|见|同|期|演|战|诊|审|签|商|考)|将|要|预计|有望|可望|确定|肯定|估计|打算|计划)")
_QUESTION_END = regex.compile(r"[吗呢？?]")
_SINCE = {"以来", "以后", "之后", "开始", "起"}
# 2018-06-01, 2018/6/1, 2018.06.01 (one separator throughout), with the since/until words of the Chinese forms
_ISO_DATE = regex.compile(
    r"(?P<pre>截至到|截止到|截至|截止|自从|自|从)?(?<![\d.\-/])(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?:(?P=sep)(?P<d>\d{1,2}))?"
    r"(?![\d.\-/:])日?(?P<post>以来|以后|之后|开始|起|以前|之前|前(?![一二两三四五六七八九十\d]))?")
_UNTIL_PRE = {"截至到", "截止到", "截至", "截止"}
_UNTIL_POST = {"以前", "之前", "前"}


@dataclass(slots=True)
class DateHit:
    start: int
    end: int
    value: str | None
    qualifier: str = "exact"
    year: int | None = None
    multi_year: bool = False  # an end of a span of several years (2016至2019年间): no single year


def _num(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    try:
        return int(parse_cn(s)[0])
    except (NumeralError, ValueError):
        return None


# 本月15日, 上个月: a month relative to the publication date (当月 points back at a date already stated, and
# is read by the time linker instead).
_REL_MONTH = regex.compile(
    rf"(?P<pre>截至|截止)?(?P<ry>今年|去年|前年|明年)?(?P<rm>本月|上个月|上月|下个月|下月)(?:(?P<d>\d{{1,2}}|[{_CNM}]{{1,3}})[日号])?"
    r"(?P<post>以来|起|底|初|末)?")
# each scanned around what every match holds: a 年 or 月 (each branch of _DATE spells one), an ISO date's
# separator, a relative month's 月
_DATE_SCAN, _ISO_SCAN, _REL_MONTH_SCAN = _Scan.of(_DATE, "年月"), _Scan.of(_ISO_DATE, "-/."), _Scan.of(_REL_MONTH, "月")
# Years of other calendars (光绪二十年, 民国三十年, 令和元年): recognised so that they are never read as a
# Gregorian year nor as a duration; their value is null.
@cache
def _era() -> regex.Pattern[str]:
    names = sorted(load_toml("quantities.toml")["time"]["era_names"], key=len, reverse=True)
    return regex.compile(rf"(?:{'|'.join(map(regex.escape, names))})(?:元|[一二三四五六七八九十廿]{{1,3}})年")

_REL_MONTH_OFFSET = {"本月": 0, "上个月": -1, "上月": -1, "下个月": 1, "下月": 1}


def recognise_dates(ctx: DocContext) -> list[DateHit]:
    text = ctx.text
    out: list[DateHit] = []
    for m in _DATE_SCAN.matches(text):
        hit = _read(ctx, m, out)
        if hit is not None and not ctx.in_metadata(hit.start, hit.end):
            out.append(hit)
    for m in _ISO_SCAN.matches(text):
        hit = _iso_date(m)
        if hit is not None and not ctx.in_metadata(hit.start, hit.end) and not any(
                h.start < hit.end and hit.start < h.end for h in out):
            out.append(hit)
    for m in _REL_MONTH_SCAN.matches(text):
        if ctx.in_metadata(*m.span()):
            continue
        inside = [h for h in out if m.start() <= h.start and h.end <= m.end()]
        if any(h.start < m.end() and m.start() < h.end for h in out if h not in inside):
            continue
        out = [h for h in out if h not in inside]  # 去年本月八日: one date, not 去年 and 本月八日
        out.append(_relative_month(ctx, m))
    for m in _era().finditer(text):
        if not any(h.start < m.end() and m.start() < h.end for h in out):
            out.append(DateHit(m.start(), m.end(), None))  # 光绪二十年: a year of another calendar, value null
    out.sort(key=lambda h: h.start)
    return _gloss_years(text, out)


def _gloss_years(text: str, hits: list[DateHit]) -> list[DateHit]:
    """去年（2018年）: a relative year glossed by the written year in brackets is that year, one date."""
    out: list[DateHit] = []
    for h in hits:
        prev = out[-1] if out else None
        if (prev is not None and prev.value is not None and len(prev.value) == 4 and h.value is not None
                and text[prev.end:h.start] in ("（", "(") and text[h.end:h.end + 1] in ("）", ")")
                and regex.fullmatch(r"今年|本年|去年|上一年|上年|前年|明年|下一年", text[prev.start:prev.end])):
            out[-1] = DateHit(prev.start, h.end + 1, h.value, h.qualifier, h.year)
            continue
        out.append(h)
    return out


def _iso_date(m: regex.Match[str]) -> DateHit | None:
    """2018-06-01以后, 2018-06起: a day (or with a since/until word, a month) in digits; 自/从 belong to it
    only with a since-word."""
    pre, post = m["pre"], m["post"]
    if m["d"] is None and (m["sep"] == "." or not (post or pre in _UNTIL_PRE)):
        return None  # 2018-06 alone may be a span of years' shorthand, 2018.06 a decimal: a month only with 起/截至
    year, month, day = int(m["y"]), int(m["m"]), int(m["d"] or 1)
    if not 1000 <= year <= 2200 or not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    start = m.start() if pre in _UNTIL_PRE or (pre and post) else m.start("y")
    qualifier = "since" if post in _SINCE else "until" if post in _UNTIL_POST or pre in _UNTIL_PRE else "exact"
    value = date(year, month, day).isoformat() if m["d"] else f"{year:04d}-{month:02d}"
    return DateHit(start, m.end(), value, qualifier, year)


def _relative_month(ctx: DocContext, m: regex.Match[str]) -> DateHit:
    day = _num(m.group("d")) if m.group("d") else None
    post, pre = m.group("post"), m.group("pre")
    qualifier = "since" if post in _SINCE else "until" if pre else "exact"
    value, year = None, None
    if ctx.published is not None:
        k = ((ctx.published.year + (_REL_YEAR[m["ry"]] if m["ry"] else 0)) * 12 + ctx.published.month - 1
             + _REL_MONTH_OFFSET[m.group("rm")])  # 去年本月八日: this month of last year
        year, month = divmod(k, 12)
        value = _iso(year, month + 1, None, day if day is not None and 1 <= day <= 31 else None, True)
    return DateHit(m.start(), m.end(), value, qualifier, year)


def _read(ctx: DocContext, m: regex.Match[str], earlier: list[DateHit]) -> DateHit | None:
    g = dict(zip(_DATE_NAMES, m.groups(), strict=True))
    text = ctx.text
    if not (g["rel"] or g["y"] or g["y2"] or g["m"]):
        return None
    if g["m"] is None and g["d"] is None and not (g["rel"] or g["y"]):
        return None
    s, e = m.span()
    # trim leading/trailing words that aren't part of this date
    pre, post = g["pre"], g["post"]
    start = s
    if pre and pre not in _UNTIL_PRE and not post:
        start += len(pre)  # 从/自 only belong to the text with a since-word (自2021年开始)
        pre = None
    if pre in ("于",):
        start += 1
        pre = None
    end = e
    if post in _UNTIL_POST and not (g["y"] or g["rel"]) and not g["m"]:
        return None
    month = _num(g["m"]) if g["m"] else None
    month2 = _num(g["m2"]) if g["m2"] else None
    day = _num(g["d"]) if g["d"] else None
    if g["m"] and (month is None or not 1 <= month <= 12):
        return None
    if g["m"] and not g["m"].isdigit() and not (g["y"] or g["y2"] or g["rel"]) and day is None:
        return None  # 三月 alone is too often not a date (三月份 in idioms, names); keep with a year or a day
    if day is not None and not 1 <= day <= 31:
        return None
    if g["m"] and not (g["y"] or g["rel"]) and day is None and text.startswith("个", m.start("m") + len(g["m"])):
        return None
    if g["m"] and m.start("m") > 0 and text[m.start("m") - 1] in "第个":
        return None
    year: int | None = None
    if g["y2"]:
        # 97年6月, 13年5月8日: the written year, in the century nearest the publication date (null without one)
        yy = int("".join(str("〇一二三四五六七八九".index(c)) if c in "〇一二三四五六七八九" else "0" if c == "零" else c
                         for c in g["y2"]))
        if yy is None or yy > 99:
            return None
        if ctx.published is not None:
            ref = ctx.published.year
            year = min((c * 100 + yy for c in range(ref // 100 - 1, ref // 100 + 2)), key=lambda y: abs(y - ref))
    elif g["y"]:
        year = _num(g["y"])
        if year is None or not 1000 <= year <= 2200:
            return None
    elif g["rel"]:
        if not g["m"] and not g["part"] and post not in _SINCE:
            rest = text[e : e + 20]
            sent = ctx.sentence_at(s)
            tail = text[max(sent.start, sent.end - 2) : sent.end] if sent else rest
            if _MODAL.match(rest) or _QUESTION_END.search(tail):
                return None  # 今年能卖完吗: a forecast or question, not a calendar reference
        if ctx.published is not None:
            year = ctx.published.year + _REL_YEAR[g["rel"]]
    else:
        # month/day without a year: the year of an explicit date earlier in the same sentence
        sent_idx = ctx.sentence_index(s)
        for d in reversed(earlier):
            if d.year is not None and ctx.sentence_index(d.start) == sent_idx and sent_idx is not None:
                year = d.year
                break
        else:
            if ctx.published is not None and g["m"]:
                year = ctx.published.year
    qualifier = "exact"
    if post in _SINCE:
        qualifier = "since"
    elif post in _UNTIL_POST or pre in _UNTIL_PRE:
        qualifier = "until"
    if post and post in _UNTIL_POST and qualifier != "until":
        end -= len(post)
    value = _iso(year, month, month2, day, g["rel"] is not None or g["y"] is not None or g["y2"] is not None)
    if value is None and year is None and not (g["rel"] or g["m"]):
        return None
    if year is None:
        value = None
    multi = bool(g["y"]) and _SPAN_START.search(text, max(0, start - 8), start) is not None
    return DateHit(start, end, value, qualifier, year, multi)


# 2016至2019年, 2016年—2019年间: the end of a span of years, not one year
_SPAN_START = regex.compile(r"(?<![\d.])\d{4}年?\s*[至到—–\-~～]\s*$")


def _iso(year: int | None, month: int | None, month2: int | None, day: int | None, has_year: bool) -> str | None:
    if year is None:
        return None
    if month is None or month2 is not None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    if day > calendar.monthrange(year, month)[1]:
        return f"{year:04d}-{month:02d}"
    return date(year, month, day).isoformat()
