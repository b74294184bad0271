"""Figures in tables (`|`-separated rows): every numeric cell is a fact.

Its subject comes from the row and column labels; a unit in a column header
(``金额（万元）``, ``增长（%）``) gives the cells their kind, unit and scale, else a unit
in the row label does; a year column header gives the cells their time.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

from ..text.spans import SpanIndex
from .numerals import NumeralError, parse_any
from .recognise import QuantityHit
from .tables import tables

_ROW = regex.compile(r"^[^\n]*\|[^\n]*\|?[^\n]*$", regex.M)
_RULE = regex.compile(r"^[\s|:：\-—=+]+$")
_NUMBER = regex.compile(r"^(?P<sign>[-−+])?(?P<num>\d{1,16}(?:,\d{3})*(?:\.\d{1,8})?)(?P<mult>万亿|亿|万|千)?(?P<pct>%)?$")
_HEADER_UNIT = regex.compile(r"[（(]\s*(?P<unit>[^）)]{1,6})\s*[）)]\s*$")
_YEAR = regex.compile(r"^(?P<y>\d{4})\s*年?(?:度)?$")


@dataclass(slots=True)
class GridCell:
    hit: QuantityHit
    subject: str | None
    time: str | None


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cell spans of one row, stripped of spaces and the outer bars."""
    out, a = [], start
    for i in range(start, end + 1):
        if i == end or text[i] == "|":
            s, e = a, i
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            out.append((s, e))
            a = i + 1
    if out and out[0][0] == out[0][1] and text[start:start + 1] == "|":
        out = out[1:]
    if out and out[-1][0] == out[-1][1]:
        out = out[:-1]
    return out


def _header_unit(label: str) -> tuple[str, str, Decimal]:
    """(kind, unit, scale) a column header's bracketed unit implies."""
    m = _HEADER_UNIT.search(label)
    if not m:
        return "count", "", Decimal(1)
    u = m["unit"]
    t = tables()
    scale = Decimal(1)
    for prefix, mult in (("万亿", 10**12), ("亿", 10**8), ("万", 10**4), ("千", 1000)):
        if u.startswith(prefix) and len(u) > len(prefix):
            u, scale = u[len(prefix):], Decimal(mult)
            break
    unit = t.units.get(u)
    if unit is None:
        return "count", u, scale
    return unit.kind, unit.unit, scale * unit.scale


def recognise_grid(text: str, covered: list[tuple[int, int]]) -> list[GridCell]:
    """Numeric cells of every table block not already covered by a recognised figure."""
    index = SpanIndex(covered)
    rows = [m.span() for m in _ROW.finditer(text) if text.count("|", *m.span()) >= 1]
    out: list[GridCell] = []
    header: list[str] | None = None
    prev_end = -2
    for rs, re_ in rows:
        if rs > prev_end + 1:
            header = None  # a new table
        prev_end = re_
        cells = _cells(text, rs, re_)
        if len(cells) < 2 or _RULE.match(text[rs:re_]):
            continue
        labels = [text[s:e] for s, e in cells]
        if header is None:
            header = labels
            if any(_NUMBER.match(x.replace(" ", "")) for x in labels[1:]) and not all(_YEAR.match(x) for x in labels[1:]):
                header = [""] * len(labels)  # no header row: the first row holds data
            else:
                continue
        row_label = labels[0]
        for col, (s, e) in enumerate(cells[1:], start=1):
            raw = text[s:e].replace(" ", "")
            m = _NUMBER.match(raw)
            if not m or index.overlaps(s, e):
                continue
            col_label = header[col] if col < len(header) else ""
            # a column's own unit wins (增长（%）across rows in 亿元); else the row's (地区生产总值（亿元）)
            unit_label = col_label if _HEADER_UNIT.search(col_label) else row_label
            kind, unit, scale = _header_unit(unit_label)
            if m["pct"]:
                kind, unit, scale = "percent", "%", Decimal(1)
            try:
                value = parse_any(m["num"] + (m["mult"] or "")) * scale
            except NumeralError:
                continue
            if m["sign"] in ("-", "−"):
                value = -value
            year = _YEAR.match(col_label)
            label = _HEADER_UNIT.sub("", col_label).strip()
            row_name = _HEADER_UNIT.sub("", row_label).strip()
            subject = row_name if (year or not label) else f"{row_name}{label}" if row_name else label
            hit = QuantityHit(s, e, kind, value, None, "exact", unit, s, e)
            out.append(GridCell(hit, subject or None, year["y"] if year else None))
    return out


def cell_labels(text: str, pos: int) -> tuple[str, str] | None:
    """(row label, column header) of the table cell holding ``pos``, for a figure the quantity recogniser
    read itself (``120件`` in a cell): the header row is the first row of its block."""
    ls = text.rfind("\n", 0, pos) + 1
    le = text.find("\n", pos)
    le = len(text) if le < 0 else le
    if "|" not in text[ls:le]:
        return None
    cells = _cells(text, ls, le)
    col = next((k for k, (s, e) in enumerate(cells) if s <= pos < e), None)
    if not col:
        return None
    first = ls
    while first > 0:
        ps = text.rfind("\n", 0, first - 1) + 1
        if "|" not in text[ps:first - 1]:
            break
        first = ps
    if first == ls:
        return None
    fe = text.find("\n", first)
    header = [text[s:e] for s, e in _cells(text, first, fe if fe >= 0 else len(text))]
    if len(header) != len(cells):
        return None
    return text[cells[0][0]:cells[0][1]], header[col]


def table_cell_attrs(attrs: dict, labels: tuple[str, str]) -> dict:
    """A figure in a table cell: a year column header is its time, another header its subject, when its own
    text says neither."""
    header = labels[1].replace(" ", "")
    year = _YEAR.match(header)
    if year:
        return {**attrs, "time": attrs.get("time") or year["y"]}
    label = _HEADER_UNIT.sub("", labels[1]).strip()
    return {**attrs, "subject": attrs.get("subject") or label or None}
