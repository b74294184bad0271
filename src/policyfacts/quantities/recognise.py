"""Find quantities (counts, percents, money, measures) in the working text.

extract (find a numeral core with one linear regex) → read the unit and the
approximation words around it from the data tables → filter what is not a
fact (ordinals, names, idioms, the article 一, denominators, years).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

import regex

from ..context import DocContext
from ..datafiles import load_toml
from ..text.affixes import Affixes, Literals
from ..text.chars import is_han
from ..text.lexicon import lexicon
from ..text.pattern_reach import first_class
from ..text.spans import SpanIndex
from .dates import DateHit
from .numerals import NumeralError, canonical, multiplier, parse_any, parse_arabic, parse_cn, to_number
from .tables import Tables, Unit, tables

_CN = "零〇一二两三四五六七八九十百千万亿几"
_FIN = "壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億"  # financial (大写) numerals: read only before a money unit
# (参, the simplified 參, is a common word too: it counts as a figure only beside another financial numeral)
_TERA = r"兆(?![瓦赫帕焦字比欧伏])"  # 兆 = 10^12, not the prefix of 兆瓦, 兆赫, 兆字节
_FIG = r"(?:\d{1,4}|[一二两三四五六七八九])"  # one figure of a mixed numeral (2万5千, 200万五千, 3千零5)
_FIG1 = r"(?:\d|[一二两三四五六七八九])"  # a last figure without its place (3万5, 3千零5)
_FIG3 = r"(?:\d{1,3}|[一二两三四五六七八九])"  # a last figure after 零 (3万5千零50, 3千零5)
# Every fraction (三又二分之一, 2分之1) spells 分之 within 21 characters, after nothing but its figures and 又 (no
# 分): the lookahead fails the branch at once where none follows, before its figures are matched and backtracked.
_FRACTION_GUARD = r"(?=[^分]{1,21}分之)"
# The standard library's engine (a third cheaper a match than the regex module's, and the recogniser tries
# one at every numeral character): the pattern needs nothing of the regex module's. Its \d is Python's own
# Unicode digits (str.isdigit's), where the regex module's newer tables add ~110 digits of
# scripts encoded since; tests/test_numeral_forms.py checks both engines give the same matches.
_NUM_BODY = rf"""(?:
    (?P<pctw>百分之)(?P<pw>[{_CN}]{{1,8}})又(?P<pwd>[{_CN}]{{1,8}})分之(?P<pwn>[{_CN}]{{1,8}})
  | (?P<pct>百[ \u3000]?分[ \u3000]?之)[ \u3000]?(?P<pv>负?(?:\d{{1,12}}(?:,\d{{3}}){{0,4}}(?:\.\d{{1,8}})?|[{_CN}点]{{1,12}}))
  | {_FRACTION_GUARD}(?:(?P<fw>\d{{1,4}}|[{_CN}]{{1,8}})又)?(?P<fd>\d{{1,12}}|[{_CN}]{{1,10}})分之(?P<fn>\d{{1,12}}(?:\.\d{{1,8}})?|[{_CN}]{{1,10}})
  | (?<![\d/.])(?P<sn>\d{{1,3}})/(?P<sd>\d{{1,3}})(?![\d/.])
  | (?<![另这那])(?<!一半)(?P<halfof>一半)(?!一半|天|年|个|会|儿)
  | (?P<duizhe>对折)(?![合算叠射])
  | (?P<mx>\d{{1,4}}(?:,\d{{3}})?[万亿千百](?:(?:零?{_FIG}(?:千万|百万|[万亿千百十])|零十)+(?:{_FIG1}|零{_FIG3})?|{_FIG1}|零{_FIG3})(?![\d.,])
      | [一二两三四五六七八九十][零〇一二两三四五六七八九十百千]{{0,8}}[万亿]\d{{1,4}}(?:千万|百万|[万千百])?(?![\d.,]))
  | (?P<ar>(?:(?<!\d[ \u2009\u202f\u00a0])\d{{1,3}}(?:[ \u2009\u202f\u00a0]\d{{3}})+(?![\d ])|\d{{1,16}}(?:,\d{{3}}){{0,6}})(?:\.\d{{1,8}})?)(?P<ai>[多余来])?(?P<am>万亿|千万|百万|亿|万|千|百|{_TERA})?(?P<ai2>[多余])?
    (?:(?P<rsep>[—\-–~～至到])(?P<ar2>\d{{1,16}}(?:,\d{{3}}){{0,6}}(?:\.\d{{1,8}})?)(?P<am2>万亿|千万|百万|亿|万|千|百|{_TERA})?)?
  | (?P<fin>(?=[{_CN}{_FIN}参]{{0,15}}[{_FIN}])[{_CN}{_FIN}参]{{1,31}})(?=[元圆角])
  | (?P<cn>(?:数(?=[十百千万亿]))?[{_CN}](?:[ \u3000]?[{_CN}]){{0,31}}(?:点(?:[零〇一二三四五六七八九]{{1,8}}|\d{{1,8}}))?)(?P<ci>[多余来])?(?P<cm>[万亿]|{_TERA})?
    (?:(?P<crsep>[—~～至到])(?P<cn2>[{_CN}]{{1,32}})(?P<cm2>[万亿]|{_TERA})?)?
  | (?P<half>半)
    )"""
# Every branch of _NUM starts with a figure, a numeral, 参, 半, 对 (对折) or 数 (数十): a lookahead of these
# characters, read off the pattern, fails the scan at once at every other position (most of the text), where
# each branch was tried; _NUM_START finds them with the standard library's scan (a C loop over a character
# class, where the regex module enters the lookahead at every position).
_NUM_START = re.compile(first_class(_NUM_BODY, re.X) or "(?s:.)")
_NUM = re.compile(f"(?={_NUM_START.pattern})" + _NUM_BODY, re.X)
# the group names in group order: ``dict(zip(names, m.groups()))`` is a quarter of the cost of ``m.groupdict()``
# (the regex module builds its dict slowly), and the recogniser reads the groups of every numeral match
_NUM_NAMES = tuple(sorted(_NUM.groupindex, key=_NUM.groupindex.__getitem__))
if _NUM_NAMES != ("pctw", "pw", "pwd", "pwn", "pct", "pv", "fw", "fd", "fn", "sn", "sd", "halfof", "duizhe", "mx", "ar",
                  "ai", "am", "ai2", "rsep", "ar2", "am2", "fin", "cn", "ci", "cm", "crsep", "cn2", "cm2", "half"):
    raise AssertionError("_NUM's groups moved: update the unpacking in _value and _read_core")
_CN_INDEX = _NUM_NAMES.index("cn")


def _numerals(text: str) -> Iterator[re.Match[str]]:
    """``_NUM.finditer(text)``, match for match, less the lone numerals (:func:`_lone`): _NUM is tried only
    where it can start (a lookbehind of ``match(text, pos)`` still sees the text before ``pos``), and after a
    match from its end on."""
    match = _NUM.match
    goes_on = _goes_on()
    pos = 0
    for c in _NUM_START.finditer(text):
        p = c.start()
        if p < pos or _lone(text, p, goes_on):
            continue
        m = match(text, p)
        if m is not None:
            pos = m.end()
            yield m


_CN_CHARS = frozenset(_CN)


@cache
def _goes_on() -> frozenset[str]:
    """What can follow the first character of a Chinese numeral in a match of _NUM longer than it, or in a
    quantity read at it: a numeral, a financial numeral, a space, a decimal point, 多/余/来, 兆, a range mark,
    又 and 分 (of fractions and percentages), 半 (一半), 元/圆/角, and the first character of a unit."""
    return _CN_CHARS | frozenset(_FIN) | frozenset("参 \u3000点多余来兆又分半元圆角—~～至到") | _after_bare_numeral()


def _lone(text: str, p: int, goes_on: frozenset[str]) -> bool:
    """A lone Chinese numeral at ``p`` (一 of 统一, 三 of 再三, most numeral characters of a text): nothing that
    could go on with it follows, and no yuan sign stands before it, so _NUM matches it alone as a bare ``cn``
    and _read_core reads no quantity there; _NUM need not be tried."""
    return text[p] in _CN_CHARS and text[p + 1:p + 2] not in goes_on and text[p - 1:p] not in ("￥", "¥", " ")


# 元 followed by 角/毛 and 分 (八元五毛, 20元4角5分, 伍角陆分): the sub-units of the yuan
_SUB_YUAN = regex.compile(
    rf"(?:(?P<j>\d|[{_CN[:10]}{_FIN[:10]}])[角毛](?:(?P<f>\d|[{_CN[:10]}{_FIN[:10]}])分(?!钟)|(?P<f3>[一二三四五六七八九])(?!\p{{Han}}))?"
    rf"|(?P<f2>\d|[{_CN[:10]}{_FIN[:10]}])分(?!钟|之|别|期|批|类|级|区|局|行|公司|数|值))(?P<q>钱)?")
_COLLOQUIAL_TENTHS = regex.compile(r"([一二三四五六七八九])(?:毛钱?|钱)?(?!\p{Han})")  # 三块五: 3.5 yuan
_SIGN_BEFORE_OK = set("为是达至到在由从：:（( \n")
_BARE_PLACE = set("百千万亿")
_JOINS_ARABIC = set("零〇十百千万亿")  # an Arabic figure right after one of these belongs to a Chinese numeral
# 千二, 万五, 百八: a place, then one figure counting the next lower place (not 一: 万一 is "in case"; not 两:
# 千两 weighs taels)
_SHORT = regex.compile(r"[百千万][二三四五六七八九]")
_LATIN = regex.compile(r"[A-Za-z]")
_TENTHS = "一二三四五六七八九"
_ACRONYM = regex.compile(r"(?<![A-Za-z])(?:GDP|CPI|PPI|PMI|GNP|GNI|R&D)$")
_CLAUSE_END = set("，。；！？：,;!?:\n")
# re, not regex: literal classes only, which re tests by a bitmap, regex member by member
_QUOTE_NAME = re.compile(r"“[^“”\n]{1,40}?”|‘[^‘’\n]{1,40}?’|「[^「」\n]{1,40}?」|\"[^\"\n]{1,40}?\"|《[^《》\n]{1,80}?》")
_SENTENCE_PUNCT = set("。！？；，")
_NAMED_AFTER = regex.compile(r"(?:项目|工程|行动|计划|活动|品牌|机制|模式|工作法|平台|专项|系统|口号|目标|标准)")
_NAMED_BEFORE = regex.compile(r"(?:名为|称为|叫做|叫作|命名为|简称|号称)$")
_DURATION_UNITS = {"年", "月", "天", "星期", "周", "小时", "分钟", "秒", "工作日"}
_AGO = ("以前", "之前")
_ADJACENT_CUES = {"就", "再", "又", "由"}  # these stress 一 only right before it
_FRONT_VERB = set("往进去来行面列沿提夕")  # 前往, 前进: 前 is a verb here, not "ago"


def _is_ago(after: str) -> bool:
    if after.startswith(_AGO):
        return True
    return after.startswith("前") and (len(after) < 2 or after[1] not in _FRONT_VERB)
_NONADJ_Q = {"最多": "at_most", "至多": "at_most", "不超过": "at_most", "顶多": "at_most",
             "至少": "at_least", "不少于": "at_least", "不低于": "at_least"}


@dataclass(slots=True)
class QuantityHit:
    start: int
    end: int
    kind: str
    value: Decimal
    high: Decimal | None
    qualifier: str
    unit: str
    num_start: int
    unit_end: int

    @staticmethod
    def number(d: Decimal | None) -> int | float | None:
        return to_number(d)


@cache
def _idioms() -> Literals | None:
    """The idioms, found leftmost-longest by Aho–Corasick (what their longest-first alternation found)."""
    raw = load_toml("quantities.toml")
    words = [w for w in raw.get("idioms", {}).get("words", []) if w]
    return Literals(words) if words else None


def name_spans(text: str) -> list[tuple[int, int]]:
    """Short quoted names and book titles: numerals inside them are parts of names, never facts."""
    out = []
    for m in _QUOTE_NAME.finditer(text):
        inner = m.group()[1:-1]
        if not _SENTENCE_PUNCT.isdisjoint(inner) and m.group()[0] != "《":  # (a C test over the characters)
            continue  # quoted speech: its figures are facts
        # short quotes are names; a longer one only when something names it (“年产5000吨…”项目)
        if m.group()[0] == "《" or len(inner) <= 12 or _NAMED_AFTER.match(text, m.end()) or _NAMED_BEFORE.search(text[max(0, m.start() - 4):m.start()]):
            out.append(m.span())
    idioms = _idioms()
    out += [(a, b) for _, a, b in idioms.finditer(text)] if idioms is not None else []
    return out


_BREAK = regex.compile("[" + regex.escape("".join(sorted(_CLAUSE_END))) + "]")
_BREAK_BACK = regex.compile("(?r)[" + regex.escape("".join(sorted(_CLAUSE_END))) + "]")  # the last break


def _clause_bounds(text: str, pos: int, end: int | None = None) -> tuple[int, int]:
    """The clause around ``pos`` (to ``end``), reaching at most 80 characters from ``pos`` either way:
    two C searches, not a Python loop per character."""
    m = _BREAK_BACK.search(text, max(0, pos - 80), pos)
    a = m.end() if m is not None else max(0, pos - 80)
    b = pos if end is None else end
    if b < len(text) and b - pos < 80:
        m = _BREAK.search(text, b, pos + 80)
        b = m.start() if m is not None else min(len(text), pos + 80)
    return a, b


def _unit_at(text: str, pos: int) -> Unit | None:
    t = tables()
    for n in range(min(t.max_unit_len, len(text) - pos), 0, -1):
        u = t.units.get(text[pos : pos + n])
        if u is not None:
            return u
    return None


def _value(groups: tuple[str | None, ...]) -> tuple[Decimal, Decimal | None, str | None, bool]:
    """(low, high, inside-qualifier, is_bare_round) of the numeral core (``groups``: its match's groups)."""
    t = tables()
    (_, _, _, _, _, _, _, _, _, _, _, _, _, mx, ar, ai, am, ai2, _, ar2, am2, fin, cn, ci, cm, _, cn2, cm2,
     half) = groups
    if ar:
        low = parse_arabic(ar) * multiplier(am or "")
        high = None
        if ar2:
            high = parse_arabic(ar2) * multiplier(am2 or am or "")
            if am2 and not am:
                low = parse_arabic(ar) * multiplier(am2)  # 30~50万元: both ends in 万
            if not low < high:
                raise NumeralError("range ends out of order")  # 2018-06: no range of 2018 to 6
        inside = ai or ai2
        return low, high, t.q_inside.get(inside) if inside else None, False
    if fin:
        return parse_cn(canonical(fin))[0], None, None, False
    if mx:
        return parse_any(mx), None, None, False
    if cn and cn2:
        a, b = cn, cn2 + (cm2 or "")
        a += cm or ""
        low, high = parse_any(a), parse_any(b)
        mantissa = b.rstrip("万亿兆")
        if mantissa != b and not any(c in a for c in "万亿兆") and mantissa and low < parse_any(mantissa):
            low = low * parse_any("一" + b[len(mantissa):])  # 二百到三百五十万: both ends in 万
        if not low < high:
            raise NumeralError("not a range")
        return low, high, None, False
    if cn and "点" in cn:
        low = parse_any(cn + (cm or ""))
        return low, None, t.q_inside.get(ci or ""), False
    if cn:
        s = cn
        if cm:
            low, high = parse_cn(s)
            mult = multiplier(cm)
            return low * mult, (high * mult if high is not None else None), t.q_inside.get(ci or ""), False
        low, high = parse_cn(s)
        return low, high, t.q_inside.get(ci) if ci else None, all(c in t.up_round for c in s)
    if half:
        return Decimal("0.5"), None, None, False
    raise NumeralError("not a quantity core")


def recognise_quantities(ctx: DocContext, blocked: list[tuple[int, int]], dates: list[DateHit]) -> list[QuantityHit]:
    text = ctx.text
    index = SpanIndex([*blocked, *name_spans(text), *((d.start, d.end) for d in dates)])
    out: list[QuantityHit] = []
    last_end = 0
    for m in _numerals(text):
        if m.start() < last_end:
            continue
        hit = _read(text, m)
        if hit is None:
            continue
        last_end = hit.end
        if ctx.in_metadata(hit.start, hit.end) or index.overlaps(hit.num_start, hit.unit_end):
            continue
        out.append(hit)
    return _drop_denominators(text, _merge_ranges(text, out))


def _read(text: str, m: re.Match[str]) -> QuantityHit | None:
    """One quantity at a numeral match, with a minus sign right before it (负2.7%, 增长-2.7%)."""
    hit = _read_core(text, m)
    s = m.start()
    if hit is not None and hit.high is None and hit.start == s and s > 0 and _signed(text, s, hit):
        hit.value, hit.start = -hit.value, s - (2 if text.endswith("零下", 0, s) else 1)
    return hit


@cache
def _unit_finals() -> frozenset[str]:
    return frozenset(u[-1] for u in tables().units) | frozenset(_CN)


def _signed(text: str, s: int, hit: QuantityHit) -> bool:
    """负 before a percent or a measure; a hyphen only before a percent or a temperature, and only where it
    cannot join two figures (5%-8%, 2万元-8万元)."""
    sign, before = text[s - 1], text[s - 2] if s > 1 else ""
    if hit.unit == "℃" and text.endswith("零下", 0, s):
        return True
    if sign == "负":
        return hit.kind in ("percent", "measure") and before not in ("胜", "正", "抱", "担", "背", "自")
    if sign in ("-", "−") and (hit.kind == "percent" or hit.unit == "℃") and hit.unit != "折":
        return before == "" or before in _SIGN_BEFORE_OK or (is_han(before) and before not in _unit_finals())
    return False


def _sub_yuan(sm: regex.Match[str]) -> Decimal:
    """八元五毛 → 0.5 of the tail; 4角5分 → 0.45."""
    def digit(ch: str | None) -> Decimal:
        return Decimal(0) if not ch else (Decimal(ch) if ch.isdigit() else parse_cn(canonical(ch))[0])
    return digit(sm["j"]) / 10 + digit(sm["f"] or sm["f2"] or sm["f3"]) / 100  # 一毛五: five fen


@cache
def _after_bare_numeral() -> frozenset[str]:
    """What may follow a bare Chinese numeral that makes a quantity: a unit's first character, a sub-unit
    of the yuan (角, 毛, 分), 个 (个半, 个多) or 半 (一年半)."""
    return frozenset(u[0] for u in tables().units) | frozenset("角毛分个半")


def _read_core(text: str, m: re.Match[str]) -> QuantityHit | None:
    t = tables()
    s, e = m.span()
    prev = text[s - 1] if s else ""
    if m.lastgroup == "cn" and text[e:e + 1] not in _after_bare_numeral() and prev not in ("￥", "¥", " "):
        # a bare numeral (一 of 统一, 三 of 再三) with no unit after it and no yuan sign before it: no quantity,
        # whatever the reading below would find (most numeral matches; decided before their groups are read)
        return None
    groups = m.groups()  # unpacked into locals: a dict of them (or m.group(name)) costs several times more
    (pctw, pw, pwd, pwn, pct, pv, fw, fd, fn, sn, sd, halfof, duizhe, mx, ar, _, am, _, _, _, _, fin, cn, ci, cm, _,
     _, _, half) = groups
    cn0 = cn  # as matched (spaces and all): what _finish tests for the article 一
    if cn and (" " in cn or "\u3000" in cn):
        cn = regex.sub(r"[ \u3000]", "", cn)  # 三 千元: spaces inside a Chinese numeral with places
        if not any(c in "十百千万亿" for c in cn):
            return None  # 一 二 三: a list of figures, not one number
        groups = (*groups[:_CN_INDEX], cn, *groups[_CN_INDEX + 1:])
    if prev == "," and s > 1 and text[s - 2].isdigit():
        return None  # ,500 of 1,200-1,500 (a figure this grammar could not read whole): never its tail alone
    if ar and len(ar) > 1 and ar[0] == "0" and ar[1].isdigit():
        return None  # 000 of 3 000, 01 of a code or a date: a leading zero is no amount
    if (ar or mx) and (prev in _JOINS_ARABIC or (prev == "点" and s > 1 and text[s - 2] in _CN)):
        return None  # 三百点45, 一万5000: the Arabic tail of a mixed numeral not read whole, never a figure alone
    if prev == "第" or prev.isdigit() or prev == "." or (_LATIN.match(prev or " ") and not _ACRONYM.search(text, max(0, s - 8), s)):
        return None  # 5G, iPhone15; but an indicator's acronym may stand right before (人均GDP1.2万美元)
    if e < len(text) and _LATIN.match(text[e]):
        return None
    if cn and not cm:
        core = cn
        if core[0] in _BARE_PLACE and not _SHORT.fullmatch(core) and not (all(c in t.up_round for c in core) and (
                text.endswith(t.bare_round_after, 0, s) or ci in ("余", "多"))):
            return None  # 万家, 千米矿井: a bare place value is a word, not a number (but 百余人, 千多名 count)
    try:
        if pct:
            v = pv.removeprefix("负")
            low = parse_arabic(v) if v[0].isdigit() else (parse_any(v) if "点" in v else parse_cn(v)[0])
            low = -low if pv.startswith("负") else low  # 百分之负五
            return _finish(text, s, e, e, "percent", "%", low, None, None, s, cn0, e)
        if pctw:  # 百分之三又二分之一: 3.5 %
            low = parse_cn(pw)[0] + parse_cn(pwn)[0] / parse_cn(pwd)[0]
            return _finish(text, s, e, e, "percent", "%", low, None, None, s, cn0, e)
        if duizhe:  # 对折: half price, a discount of 50 %
            return _finish(text, s, e, e, "percent", "折", Decimal(50), None, None, s, cn0, e)
        if halfof:  # 一半 → 50%, 近一半 → 50% nearly (CHANGES.md); not 另一半 (a partner) or 一半一半
            return _finish(text, s, e, e, "percent", "%", Decimal(50), None, None, s, cn0, e)
        if sn:
            num, den = parse_arabic(sn), parse_arabic(sd)
            if not 0 < num < den:
                return None  # 24/7, 3/2: not a share
            return _finish(text, s, e, e, "percent", "%", (num * 100 / den).quantize(Decimal("0.0001")), None,
                           None, s, cn0, e)
        if fd:
            den = parse_arabic(fd) if fd[0].isdigit() else parse_cn(fd)[0]
            num = parse_arabic(fn) if fn[0].isdigit() else parse_cn(fn)[0]
            if den == 0:
                return None
            if fw:  # 三又二分之一倍: a whole and a fraction, a measure of its unit (no share, no count)
                u = _unit_at(text, e)
                if u is None or u.kind not in ("measure", "money"):
                    return None
                whole = parse_arabic(fw) if fw[0].isdigit() else parse_cn(fw)[0]
                return _finish(text, s, e, e + len(u.surface), u.kind, u.unit, (whole + num / den) * u.scale, None,
                               None, s, cn0, e)
            return _finish(text, s, e, e, "percent", "%", (num * 100 / den).quantize(Decimal("0.0001")), None,
                           None, s, cn0, e)
        low, high, inside, bare_round = _value(groups)
    except NumeralError:
        return None
    start0 = s - 1 if prev in ("￥", "¥") else s  # ￥450: the sign of the yuan before the figure
    if prev == " " and s > 1 and text[s - 2] in ("￥", "¥"):
        start0 = s - 2  # ¥ 450
    if high is None and text[e:e + 1] in ("角", "毛", "分") and (sm := _SUB_YUAN.match(text, s)) is not None and (
            fin or sm["q"] or sm["f"] or sm["f3"]):
        return _finish(text, s, sm.end(), sm.end(), "money", "元", _sub_yuan(sm), None, inside, s, cn0, e)  # 伍角陆分, 五毛钱

    pos = e
    extra = Decimal(0)
    inside_after = None
    if text.startswith("个半", pos):
        extra, pos = Decimal("0.5"), pos + 2
    elif text.startswith("个多", pos):
        inside_after, pos = "more_than", pos + 2
    elif half is None and text.startswith("半", pos) and _unit_at(text, pos + 1) is not None:
        pass
    if half and text.startswith("月", pos):
        unit: Unit | None = tables().units["个月"]
        unit_end = pos + 1
    else:
        unit = _unit_at(text, pos)
        unit_end = pos + len(unit.surface) if unit is not None else pos
        if unit is None and (extra or inside_after):
            # 两个多月, 一个半月: the unit is 个月, split by 多 or 半
            unit = next((u for k in range(t.max_unit_len - 1, 0, -1)
                         if (u := t.units.get("个" + text[pos:pos + k])) is not None), None)
            unit_end = pos + len(unit.surface) - 1 if unit is not None else pos
        if unit is None and inside_after and text.startswith("个多", e):
            unit, unit_end, inside_after = t.units["个"], e + 1, None  # 3个多功能厅: 多 opens the next word
        if unit is None and (am or cm) and not extra:
            unit = _bare_counted(text, s, e)  # 注册用户突破520万
            unit_end = e
        if unit is None and start0 < s:
            unit, unit_end = Unit("", "money", "元"), e
        if unit is None:
            return None
        if (extra or inside_after) and unit.surface[0] != "个":
            unit = t.units.get("个" + unit.surface, unit)
    if unit.kind == "count" and text.endswith("前", 0, s) and _ranked(text, s - 1):
        return None  # 排名前10位: a rank
    if unit.surface == "成" and high is None and unit_end < len(text) and text[unit_end] in _TENTHS and (
            unit_end + 1 == len(text) or not is_han(text[unit_end + 1]) or text[unit_end + 1] in "以左多的"):
        low, unit_end = low + Decimal(_TENTHS.index(text[unit_end]) + 1) / 10, unit_end + 1  # 九成五: 95%
    if unit.surface == "成" and high is None and text.startswith("半", unit_end):
        low, unit_end = low + Decimal("0.5"), unit_end + 1  # 七成半: 75%
    if unit.surface == "折":
        if text[unit_end:unit_end + 1] in ("合", "算", "叠", "旧", "射", "腾", "返", "扣") or (
                high is not None and high >= 10):
            return None  # 折合, 折算: a conversion, not a discount
        if high is not None and high < 10:
            low, high = low * 10, high * 10  # 八至九折
        elif low < 10:
            low *= 10  # 九折, 8.5折: tenths of the price
        elif not (low < 100 and low == low.to_integral_value()):
            return None
    if unit.surface in t.colloquial_money and high is None and (
            (sm := _SUB_YUAN.match(text, unit_end)) is not None or _COLLOQUIAL_TENTHS.match(text, unit_end)):
        unit = Unit(unit.surface, "money", t.colloquial_money[unit.surface])  # 二十块五毛, 三块五
        if sm is None and (ct := _COLLOQUIAL_TENTHS.match(text, unit_end)) is not None:
            low, unit_end = low + Decimal(_TENTHS.index(ct[1]) + 1) / 10, ct.end()
    if unit.surface in t.colloquial_money and (text.startswith("人民币", unit_end) or _colloquial_money(text, s, unit_end)):
        unit = Unit(unit.surface, "money", t.colloquial_money[unit.surface])
    if unit.kind == "money" and unit.unit == "元" and high is None and (
            sm := _SUB_YUAN.match(text, unit_end)) is not None:
        low, unit_end = low + _sub_yuan(sm), sm.end()  # 八元五毛, 20元4角5分
    if unit.kind == "money" and text.startswith("整", unit_end) and (
            unit_end + 1 == len(text) or not is_han(text[unit_end + 1])):
        unit_end += 1  # 贰拾叁元整
    if half and (unit.kind not in ("measure",) or prev in ("上", "下")):
        return None  # 上半年: a period of the calendar, not half a year
    # 一年半 / 两年半: a trailing half
    if text.startswith("半", unit_end) and unit.unit in _DURATION_UNITS and not extra:
        extra, unit_end = Decimal("0.5"), unit_end + 1
    low = low + extra
    if high is not None:
        high = high + extra
    if unit.kind == "measure" and unit.unit == "年" and ar and 1000 <= low <= 2200 and "." not in ar:
        return None  # a year, handled by the date recogniser
    if unit.kind == "measure" and unit.unit == "年" and cn and len(cn) == 4:
        return None
    if unit.unit == "年" and text.startswith("代", unit_end):
        return None  # 80年代: a decade, vague
    after = text[unit_end : unit_end + 3]
    if unit.unit in _DURATION_UNITS and _is_ago(after):
        return None  # 半年前: an offset from now, not a quantity
    scale = unit.scale
    low = low * scale
    if high is not None:
        high = high * scale
    return _finish(text, start0, e, unit_end, unit.kind, unit.unit, low, high, inside or inside_after, s, cn0, e,
                   bare_round=bare_round)


@cache
def _affixes() -> tuple[Affixes, Affixes, Affixes]:
    """The qualifier words before and after a figure and the attached prefixes, looked up by length."""
    t = tables()
    return Affixes(t.q_before), Affixes(t.attached), Affixes(t.q_after)


def _finish(text: str, s: int, e: int, unit_end: int, kind: str, unit: str, low: Decimal, high: Decimal | None,
            inside: str | None, num_start: int, core: str | None, core_end: int,
            bare_round: bool = False) -> QuantityHit | None:
    """The hit, with the words around it read (``core``: the match's Chinese numeral, ``core_end``: its end)."""
    t = tables()
    start, end = s, unit_end
    qualifier = inside
    # words before: approximation (近, 超过) then attached prefixes (人均, 海拔)
    for word in _affixes()[0].ending_at(text, start):
        q = t.q_before[word]
        if word == "上" and not bare_round:
            continue
        if word == "近" and text.endswith("最近", 0, start):
            continue
        if word == "不过" and kind == "count":
            continue
        qualifier = q if qualifier is None or q != "approx" else qualifier
        start -= len(word)
        break
    for word in _affixes()[1].ending_at(text, start)[:1]:
        start -= len(word)
    for word in _affixes()[2].starting_at(text, end):
        q = t.q_after[word]
        if word == "内" and kind != "measure":
            continue
        if word == "上下" and text.startswith("上下班", end):
            continue
        qualifier = q
        end += len(word)
        break
    if (qualifier is None and (kind in ("measure", "money") or (unit == "%" and text[end - 1] == "成"))
            and text[end:end + 1] in t.q_after_unit and not _opens_word(text, end)):
        qualifier = t.q_after_unit[text[end]]
        end += 1  # 4吨多: more than four tonnes
    if high is not None:
        qualifier = "range"
    elif qualifier is None:
        qualifier = _bound_before(text, start)
    # the article 一: a count only when the text stresses it
    if core == "一" and high is None and kind == "count" and not _stressed_one(text, s, unit, core_end):
        return None
    return QuantityHit(start, end, kind, low, high, qualifier or "exact", unit, num_start, unit_end)


def _bound_before(text: str, start: int) -> str | None:
    """至少, 最多, 不超过 … in the 12 characters before the figure, within its clause: a bound on it. The
    clause is looked for only when one of the words is there at all (for few figures)."""
    window = text[max(0, start - 12):start]
    if not any(word in window for word in _NONADJ_Q):
        return None
    a, _ = _clause_bounds(text, start)
    window = text[max(a, start - 12):start]
    return next((q for word, q in _NONADJ_Q.items() if word in window), None)


def _stressed_one(text: str, s: int, unit: str, after: int) -> bool:
    t = tables()
    a, b = _clause_bounds(text, s)
    before = text[a:s]
    tail = before[-12:]
    for w in t.one_stress:
        if w == "每":
            if _EACH.search(tail):
                return True
            continue
        i = tail.rfind(w)
        if i < 0 or (i > 0 and tail[i - 1] == "不"):
            continue  # 不仅是一名: not a stress
        if w not in _ADJACENT_CUES or tail.endswith(w):
            return True
    # set against other numbers of the same unit in the clause (一个村…多个地点)
    rest = text[a:b]
    return bool(_other_count(unit).search(rest.replace(text[s:after], "", 1)))


_EACH = regex.compile(r"每[^一\s，]")


@cache
def _other_count(unit: str) -> regex.Pattern[str]:
    """Another count of ``unit`` (多个, 三个): compiled once per unit, not per figure."""
    return regex.compile(rf"(?:多|几|[二两三四五六七八九十\d])\s*{regex.escape(unit)}")


def _bare_counted(text: str, s: int, e: int) -> Unit | None:
    """A round large number ending its phrase (注册用户突破520万，) counts the noun before it, if one of the
    data's counted nouns stands there (only linking words between); after a money noun it is yuan
    (投入资金2亿)."""
    t = tables()
    if e < len(text) and is_han(text[e]) and not text.startswith(tuple(t.q_after), e):
        return None
    pos = s
    for w in t.q_before:
        if text.endswith(w, 0, pos):
            pos -= len(w)
            break
    for _ in range(2):
        w = next((w for w in t.bare_linkers if text.endswith(w, 0, pos)), None)
        if w is None:
            break
        pos -= len(w)
    noun = next((n for n in t.bare_counted if text.endswith(n, 0, pos)), None)
    if noun is not None:
        return Unit("", "count", t.bare_counted[noun])
    return Unit("", "money", "元") if text.endswith(t.bare_money, 0, pos) else None


def _ranked(text: str, front: int) -> bool:
    """排名前10位, 跻身全国前十名: a rank word shortly before 前 (a place name may stand between)."""
    return any(w in text[max(0, front - 8):front] for w in tables().rank_before)


def _colloquial_money(text: str, s: int, unit_end: int) -> bool:
    """一个月能挣3000多块: the classifier ends the phrase and the clause earns or spends."""
    if unit_end < len(text) and is_han(text[unit_end]):
        return False
    a, _ = _clause_bounds(text, s)
    return any(w in text[max(a, s - 10):s] for w in tables().money_cues)


def _opens_word(text: str, pos: int) -> bool:
    """Does a common dictionary word start at ``pos`` (多功能, 多元化; not 多地 of 2亩多地)?"""
    freq = lexicon().freq
    return any(pos + n <= len(text) and freq.get(text[pos:pos + n], 0) >= 200 for n in (2, 3, 4))


def _merge_ranges(text: str, hits: list[QuantityHit]) -> list[QuantityHit]:
    """每天120元至150元, 满1年不足5年: two figures of one unit, joined by a range separator or bounded on
    both sides, are one range."""
    t = tables()
    out: list[QuantityHit] = []
    for h in hits:
        prev = out[-1] if out else None
        if prev is not None and _one_range(text, prev, h, t):
            out[-1] = QuantityHit(prev.start, h.end, h.kind, prev.value, h.value, "range", h.unit, prev.num_start,
                                  h.unit_end)
            continue
        out.append(h)
    return out


def _one_range(text: str, a: QuantityHit, b: QuantityHit, t: Tables) -> bool:
    if a.unit != b.unit or a.kind != b.kind or a.high is not None or b.high is not None or b.value <= a.value:
        return False
    if text[a.end:b.start] in t.range_separators and a.qualifier == b.qualifier == "exact":
        return not text[max(0, a.start - 4):a.start].endswith(t.range_not_after)  # 由100人到500人: a change
    if text[a.end:b.start] in ("与", "和") and text.startswith(("之间", "中间"), b.end):
        return a.qualifier == b.qualifier == "exact"  # 在3000元与8000元之间
    return a.end == b.start and a.qualifier in ("at_least", "more_than") and b.qualifier in ("less_than", "at_most")


def _drop_denominators(text: str, hits: list[QuantityHit]) -> list[QuantityHit]:
    """一亩收入近两万元, 300元一天: a `一`-unit beside another figure in its clause is a rate's denominator."""
    out = []
    for i, h in enumerate(hits):
        if text[h.num_start] == "一" and h.kind in ("measure", "money") and h.high is None and h.value == 1:
            a, b = _clause_bounds(text, h.start, h.end)
            before = i > 0 and hits[i - 1].start >= a
            after = i + 1 < len(hits) and hits[i + 1].end <= b
            if before or after or text.endswith("每", 0, h.start):
                continue
        out.append(h)
    return out
