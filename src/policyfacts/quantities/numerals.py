"""Numeral values: Arabic, Chinese, mixed (1.5万), ranges (两三万, 六七十) and vague places (十几, 几百).

Values are Decimals here (exact); the models get int where whole, float where not.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .tables import tables

_VAGUE = "几"
_MULT = {"百": 100, "千": 1000, "万": 10**4, "亿": 10**8, "百万": 10**6, "千万": 10**7, "万亿": 10**12, "兆": 10**12}


class NumeralError(ValueError):
    """The string is not a numeral this grammar reads."""


def _cn_int(s: str) -> int:
    """Standard Chinese integer: 二十三, 一百零五, 三千零十, 三千二百万, 两亿, 三万万; digit strings (二〇二三)
    concatenate; a bare trailing digit counts in the next lower place (三万五, 千二)."""
    value = _place_value(s)
    if value != value.to_integral_value():
        raise NumeralError(f"not an integer: {s!r}")
    return int(value)


_ARABIC_TOKEN = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


def _tokens(s: str) -> list[tuple[str, Decimal]]:
    """Split a numeral into ('n', value), ('u', place) and ('z', 0) tokens: digits Chinese or Arabic."""
    t = tables()
    digits, small, large = t.digits, t.small_units, t.large_units
    out: list[tuple[str, Decimal]] = []
    i = 0
    while i < len(s):
        ch = s[i]
        if ch.isdigit():
            m = _ARABIC_TOKEN.match(s, i)
            assert m is not None
            out.append(("n", parse_arabic(m.group())))
            i = m.end()
            continue
        if ch in ("零", "〇"):
            out.append(("z", Decimal(0)))
        elif ch in digits:
            out.append(("n", Decimal(digits[ch])))
        elif ch in small:
            out.append(("u", Decimal(small[ch])))
        elif ch in large:
            out.append(("U", Decimal(large[ch])))
        else:
            raise NumeralError(f"not a Chinese numeral: {s!r}")
        i += 1
    return out


def _place_value(s: str) -> Decimal:
    """One integer-part numeral of places, Chinese or mixed with Arabic figures (2,300万, 3千零5, 200万五千)."""
    if not s:
        raise NumeralError("empty numeral")
    digits = tables().digits
    if len(s) > 1 and all(ch in digits for ch in s):
        return Decimal("".join(str(digits[ch]) for ch in s))  # 二〇二三: a digit string
    toks = _tokens(s)
    # a bare trailing single digit right after a place of 100 or more (三万五, 两百五, 千二, 3万5)
    tail: Decimal | None = None
    if (len(toks) >= 2 and toks[-1][0] == "n" and toks[-2][0] in "uU" and toks[-2][1] >= 100
            and toks[-1][1] == toks[-1][1].to_integral_value() and 0 < toks[-1][1] < 10):
        tail = toks[-1][1] * toks[-2][1] / 10
        toks = toks[:-1]
    total = section = Decimal(0)
    top = Decimal(1)  # the largest large place already applied to total
    digit: Decimal | None = None
    prev = ""
    last_small = Decimal(0)
    for kind, v in toks:
        if kind == "n":
            if digit is not None or prev == "n":
                raise NumeralError(f"two figures without a place: {s!r}")
            digit = v
        elif kind == "z":
            if digit is not None:
                raise NumeralError(f"zero after a figure: {s!r}")
        elif kind == "u":
            if prev == "u" and v >= last_small:
                raise NumeralError(f"places out of order: {s!r}")  # 十百, 千千
            last_small = v
            section += (Decimal(1) if digit is None else digit) * v
            digit = None
        else:
            section += digit if digit is not None else Decimal(0)
            digit = None
            if not section and prev == "U":
                total *= v  # 三万万, 一万亿: the places multiply
                top *= v
            elif not section and not total:
                total, top = v, v  # 万五: a bare leading place
            elif v > top:
                total, top = (total + section) * v, v
            else:
                total += section * v
            section = Decimal(0)
        prev = kind
    value = total + section + (digit or 0)
    if tail is not None:
        value += tail
    if not toks:
        raise NumeralError(f"not a numeral: {s!r}")
    return value


def _succ(a: str, b: str) -> bool:
    d = tables().digits
    return a in d and b in d and d[b] == d[a] + 1 and d[a] > 0


def parse_cn(s: str) -> tuple[Decimal, Decimal | None]:
    """Chinese numeral → (low, high); high is set for ranges and vague places."""
    if s == "半":
        return Decimal("0.5"), None
    if s.startswith("数"):
        s = _VAGUE + s[1:]  # 数十, 数百: like 几十, 几百
    if _VAGUE in s:
        if s == _VAGUE or s.count(_VAGUE) > 1:
            raise NumeralError("几 alone is vague")
        i = s.index(_VAGUE)
        t = tables()
        # 几十 → 10..90 (the vague digit leads a place); 十几 → 10..19 (it fills the last place).
        follows_place = i > 0 and s[i - 1] in t.small_units
        leads = not follows_place and i + 1 < len(s) and (s[i + 1] in t.small_units or s[i + 1] in t.large_units)
        low = _cn_int(s.replace(_VAGUE, "一" if leads else "", 1)) if (leads or i) else 0
        return Decimal(low), Decimal(_cn_int(s.replace(_VAGUE, "九", 1)))
    # Two successive digits make a range: 两三, 六七十, 三四万, 一两.
    if len(s) >= 2 and _succ(s[0], s[1]):
        rest = s[2:]
        if not rest or rest[0] in tables().small_units or rest[0] in tables().large_units:
            return Decimal(_cn_int(s[0] + rest)), Decimal(_cn_int(s[1] + rest))
    if len(s) >= 2 and s[0] == "一" and s[1] == "两":
        rest = s[2:]
        return Decimal(_cn_int("一" + rest)), Decimal(_cn_int("二" + rest))
    # 十一二 / 二十三四: a range in the last place.
    if len(s) >= 3 and _succ(s[-2], s[-1]) and s[-3] in tables().small_units:
        return Decimal(_cn_int(s[:-1])), Decimal(_cn_int(s[:-2] + s[-1]))
    return Decimal(_cn_int(s)), None


def canonical(s: str) -> str:
    """Map financial and other numeral spellings (壹, 廿) to the standard ones."""
    aliases = tables().aliases
    return "".join(aliases.get(ch, ch) for ch in s) if any(ch in aliases for ch in s) else s


def parse_any(s: str) -> Decimal:
    """One number in any spelling: 1,234.5 / 一万五千 / 三万五 / 十二点五亿 / 1.5万 / 负五 / 壹佰 / 2,300万 /
    3千零5 / 200万五千 / 三百点45."""
    s = canonical(s.strip().replace(" ", ""))
    sign = 1
    if s[:1] in ("负", "-", "−"):
        sign, s = -1, s[1:]
    if not s:
        raise NumeralError("empty number")
    if _PLAIN.fullmatch(s):
        return sign * parse_arabic(s)
    mult = Decimal(1)
    if "点" in s or "." in s:
        # a decimal: whole part, fraction digits, then large places that scale both (十二点五亿, 1.5万)
        m = _DECIMAL.fullmatch(s)
        if m is None:
            raise NumeralError(f"bad decimal: {s!r}")
        digits = tables().digits
        frac = m["frac"]
        frac_digits = "".join(c if c.isdigit() else str(digits[c]) for c in frac)
        whole = _place_value(m["whole"]) if m["whole"] else Decimal(0)
        places = {**tables().small_units, **tables().large_units}
        for ch in m["places"] or "":
            mult *= places[ch]
        return sign * (whole + Decimal("0." + frac_digits)) * mult
    return sign * _place_value(s)


_PLAIN = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_DECIMAL = re.compile(r"(?P<whole>[^点.]*)(?P<sep>[点.])(?P<frac>[\d零〇一二三四五六七八九]+)(?P<places>[十百千万亿兆]*)")


def parse_arabic(s: str) -> Decimal:
    try:
        return Decimal(s.replace(",", "").replace(" ", "").replace("\u2009", "").replace("\u202f", "").replace("\u00a0", ""))
    except InvalidOperation as exc:
        raise NumeralError(f"not a number: {s!r}") from exc


def multiplier(s: str) -> int:
    return _MULT.get(s, 1)


def to_number(d: Decimal | None) -> int | float | None:
    """int where whole, float where not (JSON has no Decimal)."""
    if d is None:
        return None
    if d == d.to_integral_value():
        return int(d)
    return float(d)
