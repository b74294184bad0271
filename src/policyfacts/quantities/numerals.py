"""Numeral values: Arabic, Chinese, mixed (1.5万), ranges (两三万, 六七十) and vague places (十几, 几百).

Values are Decimals here (exact); the models get int where whole, float where not.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .tables import tables

_VAGUE = "几"
_MIXED = re.compile(r"(\d+(?:\.\d+)?)(万亿|千万|百万|亿|万|千|百|十)?")
_MULT = {"百": 100, "千": 1000, "万": 10**4, "亿": 10**8, "百万": 10**6, "千万": 10**7, "万亿": 10**12}


class NumeralError(ValueError):
    """The string is not a numeral this grammar reads."""


def _cn_int(s: str) -> int:
    """Standard Chinese integer: 二十三, 一百零五, 三千二百万, 两亿; digit strings (二〇二三) concatenate."""
    t = tables()
    digits, small, large = t.digits, t.small_units, t.large_units
    if not s:
        raise NumeralError("empty numeral")
    if all(ch in digits for ch in s):
        if len(s) == 1:
            return digits[s]
        return int("".join(str(digits[ch]) for ch in s))
    # 三万五, 两百五, 一千二: a bare trailing digit counts in the next lower place
    if len(s) >= 3 and s[-1] in digits and s[-2] in {**small, **large} and s[-3] != "零":
        place = {**small, **large}[s[-2]]
        if place >= 100:
            head = _cn_int(s[:-1])
            return head + digits[s[-1]] * place // 10
    total = section = 0
    digit: int | None = None
    for ch in s:
        if ch in digits:
            digit = digits[ch]
        elif ch in small:
            section += (1 if digit is None else digit) * small[ch]
            digit = None
        elif ch in large:
            section += digit if digit is not None else (0 if section or total else 1)
            if large[ch] == 10**8:
                total = (total + section) * large[ch]
            else:
                total += section * large[ch]
            section = 0
            digit = None
        else:
            raise NumeralError(f"not a Chinese numeral: {s!r}")
    return total + section + (digit or 0)


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
    """One number in any spelling: 1,234.5 / 一万五千 / 三万五 / 十二点五亿 / 1.5万 / 负五 / 壹佰."""
    s = canonical(s.strip().replace(" ", ""))
    sign = 1
    if s[:1] in ("负", "-", "−"):
        sign, s = -1, s[1:]
    if not s:
        raise NumeralError("empty number")
    if any(c.isdigit() for c in s) and not s.replace(",", "").replace(".", "", 1).isdigit():
        # mixed: 1.5万, 1万2千, 3千5百
        total = Decimal(0)
        for num, unit in _MIXED.findall(s):
            total += parse_arabic(num) * (_MULT.get(unit, 1) if unit else 1)
        if _MIXED.sub("", s) or not total:
            raise NumeralError(f"not a number: {s!r}")
        return sign * total
    mult = 1
    for unit in ("万亿", "亿", "万"):
        if "点" in s and s.endswith(unit):
            mult, s = _MULT[unit], s[: -len(unit)]
            break
    if s.replace(",", "").replace(".", "", 1).isdigit():
        return sign * parse_arabic(s) * mult
    if "点" in s:
        whole, _, frac = s.partition("点")
        digits = tables().digits
        if not frac or not all(c in digits for c in frac):
            raise NumeralError(f"bad decimal: {s!r}")
        value = Decimal(_cn_int(whole) if whole else 0) + Decimal("0." + "".join(str(digits[c]) for c in frac))
        return sign * value * mult
    return sign * Decimal(_cn_int(s)) * mult


def parse_arabic(s: str) -> Decimal:
    try:
        return Decimal(s.replace(",", ""))
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
