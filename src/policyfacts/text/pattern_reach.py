"""How far a regular expression's matches reach around the anchor characters they hold, read off the pattern.

A recogniser that scans only windows around some characters (年 and 月 for dates) is exact only if every
match holds one of them and lies within a known reach of it. Worked out by hand, that reach silently cuts the
matches of a longer form added to the pattern later. :func:`anchor_reach` reads it from the pattern's syntax
tree instead, so the window grows with the pattern; where it cannot bound the reach (an unbounded repeat, a
construct it does not know, a syntax the standard parser does not read) it answers None and the caller scans
the whole text. :func:`first_chars` does the same for a pattern's possible first characters.

The syntax tree is the standard library's (``re._parser``): the patterns it serves are written in the syntax
``re`` and ``regex`` share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import reduce

_INF = float("inf")
_NONE = -_INF  # "no such match" for the maxima below


@dataclass(frozen=True, slots=True)
class _Span:
    """What all the matches of one piece of a pattern may look like, with respect to the anchors.

    ``low``/``high``: least and greatest width. ``bare``: greatest width of a match holding no anchor
    (_NONE: every match holds one). ``first``: greatest offset of the first anchor in a match that holds one,
    ``last``: greatest distance from the last anchor to the match's end (the anchor counted), ``gap``: greatest
    distance between two consecutive anchors of one match (all _NONE when no match holds one). ``reads``: how
    far past the match's end a lookahead may read."""

    low: float
    high: float
    bare: float
    first: float = _NONE
    last: float = _NONE
    gap: float = _NONE
    reads: float = 0


_EMPTY = _Span(0, 0, 0)


def _then(a: _Span, b: _Span) -> _Span:
    """``a`` followed by ``b``."""
    return _Span(
        a.low + b.low, a.high + b.high, a.bare + b.bare,
        first=max(a.first, a.bare + b.first),
        last=max(b.last, a.last + b.bare),
        gap=max(a.gap, b.gap, a.last + b.first),
        reads=max(b.reads, a.reads - b.low),
    )


def _either(a: _Span, b: _Span) -> _Span:
    return _Span(min(a.low, b.low), max(a.high, b.high), max(a.bare, b.bare), max(a.first, b.first),
                 max(a.last, b.last), max(a.gap, b.gap), max(a.reads, b.reads))


def _char(chars: _Class, anchors: frozenset[str]) -> _Span:
    """One character of the class ``chars``."""
    hit = any(_holds(chars, a) for a in anchors)
    if not hit:
        return _Span(1, 1, 1)
    always = chars.negated is False and not chars.categories and chars.chars <= anchors
    return _Span(1, 1, _NONE if always else 1, first=0, last=1, gap=_NONE)


def _repeat(x: _Span, low: int, high: float) -> _Span:
    """``x{low,high}``: the union of its fixed counts, when ``high`` is small enough to write them out."""
    if high == _INF or high > 64:
        if x.high == 0:
            return x
        return _Span(x.low * low, _INF, _INF, _INF, _INF, _INF, _INF)
    out, power = None, _EMPTY
    for k in range(int(high) + 1):
        if k >= low:
            out = power if out is None else _either(out, power)
        power = _then(power, x)
    return out if out is not None else _EMPTY


class _Unknown(Exception):
    """A construct whose reach this module does not bound."""


def _walk(items: list, anchors: frozenset[str], groups: dict[int, _Span]) -> _Span:
    from re import _constants as c

    out = _EMPTY
    for op, av in items:
        out = _then(out, _node(op, av, anchors, groups, c))
    return out


def _node(op: object, av: object, anchors: frozenset[str], groups: dict[int, _Span], c: object) -> _Span:
    if op in (c.LITERAL, c.NOT_LITERAL, c.ANY, c.CATEGORY, c.IN):
        return _char(_class(op, av, c), anchors)
    if op is c.SUBPATTERN:
        group, _add, _del, body = av
        span = _walk(body, anchors, groups)
        if group is not None:
            groups[group] = span
        return span
    if op is c.BRANCH:
        return reduce(_either, (_walk(b, anchors, groups) for b in av[1]))
    if op is c.MAX_REPEAT or op is c.MIN_REPEAT or op is getattr(c, "POSSESSIVE_REPEAT", None):
        low, high, body = av
        return _repeat(_walk(body, anchors, groups), low, _INF if high is c.MAXREPEAT else high)
    if op is c.ASSERT or op is c.ASSERT_NOT:
        direction, body = av
        # a lookbehind reads before the match (a window's scan sees the text before it), a lookahead after it
        return _EMPTY if direction < 0 else replace(_EMPTY, reads=_walk(body, anchors, groups).high)
    if op is c.AT:
        return replace(_EMPTY, reads=1)  # \b and $ look at the next character
    if op is c.GROUPREF and av in groups:
        return groups[av]
    raise _Unknown(op)


@dataclass(frozen=True, slots=True)
class _Class:
    """A character class as the parser gives it: its characters, its categories (``\\d``, ``\\w``, ``\\s`` by the
    parser's names), negated or not."""

    chars: frozenset[str]
    categories: frozenset[str] = frozenset()
    negated: bool = False


_ANYTHING = _Class(frozenset(), negated=True)
_CATEGORY_TEST = {
    "CATEGORY_DIGIT": str.isdecimal, "CATEGORY_SPACE": str.isspace,
    "CATEGORY_WORD": lambda ch: ch.isalnum() or ch == "_",
}


def _in_category(category: str, ch: str) -> bool:
    negated = category.startswith("CATEGORY_NOT_")
    test = _CATEGORY_TEST.get(category.replace("NOT_", ""))
    if test is None:
        return True  # a category not known here: it may hold anything
    return test(ch) != negated


def _holds(cls: _Class, ch: str) -> bool:
    inside = ch in cls.chars or any(_in_category(k, ch) for k in cls.categories)
    return inside != cls.negated


def _class(op: object, av: object, c: object) -> _Class:
    """The class of one character-matching node (a literal, ``.``, a category, ``[...]``)."""
    if op is c.LITERAL:
        return _Class(frozenset(chr(av)))
    if op is c.NOT_LITERAL:
        return _Class(frozenset(chr(av)), negated=True)
    if op is c.CATEGORY:
        return _Class(frozenset(), frozenset({str(av)}))
    if op is c.ANY:
        return _ANYTHING
    chars: set[str] = set()
    categories: set[str] = set()
    negated = False
    for item, value in av:
        if item is c.NEGATE:
            negated = True
        elif item is c.LITERAL:
            chars.add(chr(value))
        elif item is c.RANGE and value[1] - value[0] <= 0x10000:
            chars.update(chr(x) for x in range(value[0], value[1] + 1))
        elif item is c.CATEGORY:
            categories.add(str(value))
        else:
            return _ANYTHING
    return _Class(frozenset(chars), frozenset(categories), negated)


_GROUP_NAME = re.compile(r"\(\?P<\w+>")


def _parse(pattern: str, flags: int) -> list | None:
    """The syntax tree, or None. ``regex`` lets one name stand for several groups (a sub-pattern written in
    twice), ``re`` does not: without back-references by name, the names change nothing here and are dropped."""
    from re import _parser

    flags &= re.I | re.M | re.S | re.X | re.U | re.A  # regex's own flags (V0, V1, …) mean nothing to re
    names = _GROUP_NAME.findall(pattern)
    if len(names) != len(set(names)):
        if "(?P=" in pattern:
            return None
        pattern = _GROUP_NAME.sub("(", pattern)
    try:
        return list(_parser.parse(pattern, flags))
    except Exception:  # a syntax only `regex` reads, or a changed private module: no bound
        return None


def anchor_reach(pattern: str, flags: int, anchors: str) -> tuple[int, int] | None:
    """(before, after): every match of ``pattern`` holds one of ``anchors`` and lies from ``before``
    characters before its first to ``after`` characters after its last (lookaheads' reading included), and
    two consecutive anchors of one match are at most ``before + after`` apart (``after`` is widened to that
    where they stand further apart), so the merged windows
    ``[p - before, p + after)`` around the anchors ``p`` hold every match whole. None when that cannot be
    shown from the pattern."""
    items = _parse(pattern, flags)
    if items is None:
        return None
    try:
        span = _walk(items, frozenset(anchors), {})
    except _Unknown:
        return None
    if span.bare != _NONE:  # a match without an anchor would be missed
        return None
    before, after = span.first, span.last + span.reads
    after = max(after, span.gap - before)  # anchors far apart in one match: windows wide enough to merge
    if _INF in (before, after):
        return None
    return int(before), int(after)


def first_chars(pattern: str, flags: int) -> _Class | None:
    """The class of every character a match of ``pattern`` can start with (leading lookarounds read, consume
    nothing), or None when a match may be empty, or start with a negated class or a construct not known here.
    :func:`opening_lookahead` writes it as a lookahead."""
    items = _parse(pattern, flags)
    if items is None:
        return None
    try:
        found, empty = _first(items)
    except _Unknown:
        return None
    if found is None or empty:
        return None
    chars: set[str] = set()
    categories: set[str] = set()
    for cls in found:
        chars |= cls.chars
        categories |= cls.categories
    return _Class(frozenset(chars), frozenset(categories))


_CATEGORY_ESCAPE = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
                    "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W"}


def first_class(pattern: str, flags: int) -> str | None:
    """A character class (``[...]``, in the syntax ``re`` and ``regex`` share) of every character a match of
    ``pattern`` can start with, or None when it cannot be listed."""
    cls = first_chars(pattern, flags)
    if cls is None or any(k not in _CATEGORY_ESCAPE for k in cls.categories):
        return None
    body = "".join(_CATEGORY_ESCAPE[k] for k in sorted(cls.categories))
    return "[" + body + "".join(re.escape(ch) for ch in sorted(cls.chars)) + "]"


def opening_lookahead(pattern: str, flags: int) -> str:
    """``(?=[...])`` of the characters ``pattern``'s matches start with, to put in front of it: a scan then
    fails at once at every other position, without entering the pattern's alternatives. The empty string
    (no lookahead) when they cannot be listed: the pattern alone is always right."""
    cls = first_class(pattern, flags)
    return "" if cls is None else f"(?={cls})"


def _first(items: list) -> tuple[list[_Class] | None, bool]:
    """(the classes ``items``' matches may start with, None for a construct not read here; whether a match
    may be empty)."""
    from re import _constants as c

    out: list[_Class] = []
    for op, av in items:
        found, empty = _first_node(op, av, c)
        if found is None:
            return None, False
        out += found
        if not empty:
            return out, False
    return out, True


def _first_node(op: object, av: object, c: object) -> tuple[list[_Class] | None, bool]:
    if op in (c.LITERAL, c.NOT_LITERAL, c.ANY, c.CATEGORY, c.IN):
        cls = _class(op, av, c)
        return (None if cls.negated else [cls]), False
    if op is c.SUBPATTERN:
        return _first(av[3])
    if op is c.BRANCH:
        out: list[_Class] = []
        empty = False
        for b in av[1]:
            found, e = _first(b)
            if found is None:
                return None, False
            out += found
            empty = empty or e
        return out, empty
    if op is c.MAX_REPEAT or op is c.MIN_REPEAT or op is getattr(c, "POSSESSIVE_REPEAT", None):
        found, empty = _first(av[2])
        return found, empty or av[0] == 0
    if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
        return [], True  # reads, consumes nothing
    raise _Unknown(op)
