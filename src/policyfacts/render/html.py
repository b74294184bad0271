"""Self-contained HTML views of extraction results: highlighted text, fact tables, a filterable report.

Every page is one string with inline CSS/JS, no network and no external assets; every piece of text
from a document goes through :func:`html.escape`. Highlights are built from the facts' offsets into
``doc.text``; overlapping spans are nested properly (a span that crosses another is split into pieces
that share one ``data-fact`` id), so a programme span may contain the counts inside it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime
from html import escape
from typing import Any

from .assets import CSS, JS, KIND_COLOURS

KINDS: tuple[str, ...] = tuple(KIND_COLOURS)
TABLE_COLUMNS: tuple[str, ...] = (
    "#", "kind", "text", "value", "unit", "qualifier", "subject", "change", "time",
    "place", "organization", "programme",
)


def _e(value: Any) -> str:
    """Escape anything for element content and double-quoted attributes."""
    return escape("" if value is None else str(value), quote=True)


def format_number(value: Any) -> str:
    """Numbers as a reader wants them: ints plain, floats without a spurious ``.0`` or exponent."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        text = f"{value:.10f}".rstrip("0").rstrip(".")
        return text if text not in ("", "-0") else repr(value)
    return str(value)


def format_value(fact: Any) -> str:
    """The normalised value, with the upper bound of a range: ``3–4``, ``500000``, ``2024-02``."""
    value = getattr(fact, "value", None)
    high = getattr(fact, "high", None)
    text = format_number(value) if value is not None else "—"
    if high is not None:
        text += "–" + format_number(high)
    return text


def place_label(place: Any) -> str:
    """A place as its path from the province down (``江苏省/南京市``), or its name."""
    if place is None:
        return ""
    return "/".join(place.path) if place.path else place.name


def organization_label(org: Any) -> str:
    if org is None:
        return ""
    return org.name + (f" ({'/'.join(org.place)})" if org.place else "")


def fact_details(fact: Any) -> list[tuple[str, str]]:
    """The (label, value) pairs a tooltip or fact card shows; empty fields are left out."""
    unit = getattr(fact, "unit", None)
    pairs: list[tuple[str, str]] = [
        ("kind", fact.kind),
        ("text", fact.text),
        ("value", format_value(fact) + (f" {unit}" if unit and unit != "date" else "")),
        ("qualifier", fact.qualifier if fact.qualifier != "exact" else ""),
        ("subject", getattr(fact, "subject", None) or ""),
        ("change", getattr(fact, "change", None) or ""),
        ("time", getattr(fact, "time", None) or ""),
        ("place", place_label(fact.place)),
        ("place code", fact.place.code if fact.place is not None and fact.place.code else ""),
        ("organization", organization_label(fact.organization)),
        ("programme", fact.programme or ""),
        ("span", f"{fact.start}–{fact.end}, article {fact.article}"),
    ]
    return [(k, v) for k, v in pairs if v]


def fact_tooltip(fact: Any) -> str:
    """Plain-text tooltip (for a ``title`` attribute; the caller escapes it)."""
    return "\n".join(f"{k}: {v}" for k, v in fact_details(fact) if k != "text")


# --------------------------------------------------------------------------------------------------
# Highlighting


def _mark_open(fact: Any, fid: str, *, first: bool, anchor: str | None) -> str:
    attrs = [f'class="k-{_e(fact.kind)}"', f'data-fact="{_e(fid)}"', f'data-kind="{_e(fact.kind)}"']
    if anchor:
        attrs.insert(0, f'id="{_e(anchor)}"')
    if not first:
        attrs.append('data-cont="1"')
    attrs.append(f'title="{_e(fact_tooltip(fact))}"')
    return "<mark " + " ".join(attrs) + ">"


def highlight(
    text: str, facts: Sequence[Any], *, id_prefix: str = "f", anchors: bool = True, offset: int = 0
) -> str:
    """``text`` escaped, with one ``<mark>`` per fact (several pieces when spans cross).

    Each fact ``i`` gets ``data-fact="{id_prefix}-{i}"`` on all its pieces and ``id`` on the first, so a
    table row can link to it. Zero-length spans become an empty mark (shown as a small caret).
    ``offset`` is where ``text`` starts in the document (a sentence's start, for a fact card).
    """
    n = len(text)
    spans: list[tuple[int, int, int]] = []  # (start, end, index)
    empties: dict[int, list[int]] = {}
    for i, f in enumerate(facts):
        s, e = max(0, min(f.start - offset, n)), max(0, min(f.end - offset, n))
        if e <= s:
            empties.setdefault(s, []).append(i)
        else:
            spans.append((s, e, i))
    # Outer first: earlier start, then longer span, then fact order.
    order = {i: rank for rank, (_, _, i) in enumerate(sorted(spans, key=lambda t: (t[0], -t[1], t[2])))}
    by_start: dict[int, list[tuple[int, int, int]]] = {}
    for sp in spans:
        by_start.setdefault(sp[0], []).append(sp)
    cuts = sorted({0, n, *(s for s, _, _ in spans), *(e for _, e, _ in spans), *empties})
    out: list[str] = []
    stack: list[tuple[int, int, int]] = []  # open spans, outermost first
    active: list[tuple[int, int, int]] = []
    opened: set[int] = set()
    for k, pos in enumerate(cuts):
        # Desired active set on [pos, next cut).
        active = [sp for sp in active if sp[1] > pos] + by_start.get(pos, [])
        active.sort(key=lambda sp: order[sp[2]])
        common = 0
        while common < len(stack) and common < len(active) and stack[common] == active[common]:
            common += 1
        for _ in range(len(stack) - common):
            out.append("</mark>")
        stack = stack[:common]
        for i in empties.get(pos, []):
            f = facts[i]
            out.append(
                _mark_open(f, f"{id_prefix}-{i}", first=True, anchor=f"{id_prefix}-{i}" if anchors else None)
                .replace('class="', 'class="pf-empty ', 1)
                + "</mark>"
            )
        for sp in active[common:]:
            i = sp[2]
            first = i not in opened
            opened.add(i)
            anchor = f"{id_prefix}-{i}" if anchors and first else None
            out.append(_mark_open(facts[i], f"{id_prefix}-{i}", first=first, anchor=anchor))
            stack.append(sp)
        if k + 1 < len(cuts):
            out.append(_e(text[pos : cuts[k + 1]]))
    out.extend("</mark>" for _ in stack)
    return "".join(out)


# --------------------------------------------------------------------------------------------------
# Pieces


def legend(kinds: Iterable[str] = KINDS) -> str:
    return '<div class="pf-legend">' + "".join(
        f'<mark class="k-{_e(k)}">{_e(k)}</mark> ' for k in kinds
    ) + "</div>"


def kind_counts(facts: Iterable[Any]) -> str:
    counts = Counter(f.kind for f in facts)
    return ", ".join(f"{k} {counts[k]}" for k in KINDS if counts[k]) or "no facts"


def _some(names: Iterable[str], limit: int = 12) -> str:
    """Distinct names in order, at most ``limit`` of them, then how many more."""
    distinct = list(dict.fromkeys(n for n in names if n))
    more = f" … (+{len(distinct) - limit})" if len(distinct) > limit else ""
    return "、".join(distinct[:limit]) + more


def metadata(doc: Any) -> str:
    """Per-document metadata as a definition list."""
    meta = doc.meta
    rows: list[tuple[str, str]] = [
        ("document", doc.doc_id),
        ("published", meta.published.isoformat() if meta.published else ""),
        ("outlet", meta.outlet or ""),
        ("authors", "、".join(meta.authors)),
        ("source", meta.source or ""),
        ("encoding", meta.encoding or ""),
        ("articles", "；".join(a.title or f"({a.start}–{a.end})" for a in doc.articles) if doc.articles else ""),
        ("facts", f"{len(doc.facts)}: {kind_counts(doc.facts)}"),
        ("places", _some(place_label(m.place) for m in doc.places)),
        ("organizations", _some(m.organization.name for m in doc.organizations)),
        ("programmes", "、".join(p.name for p in doc.programmes)),
    ]
    body = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows if v)
    return f'<dl class="pf-meta">{body}</dl>'


def _row_cells(fact: Any, number: int, anchor: str | None) -> str:
    text = _e(fact.text)
    if anchor:
        text = f'<a class="pf-jump" href="#{_e(anchor)}" title="{_e(fact.sentence.text)}">{text}</a>'
    unit = getattr(fact, "unit", None)
    cells = [
        f'<td class="num">{number}</td>',
        f'<td class="kind"><mark class="k-{_e(fact.kind)}">{_e(fact.kind)}</mark></td>',
        f'<td class="pf-ftext">{text}</td>',
        f'<td class="num">{_e(format_value(fact))}</td>',
        f"<td>{_e(unit if unit != 'date' else '')}</td>",
        f"<td>{_e(fact.qualifier)}</td>",
        f"<td>{_e(getattr(fact, 'subject', None))}</td>",
        f"<td>{_e(getattr(fact, 'change', None))}</td>",
        f"<td>{_e(getattr(fact, 'time', None))}</td>",
        f'<td class="pf-place">{_e(place_label(fact.place))}</td>',
        f"<td>{_e(organization_label(fact.organization))}</td>",
        f"<td>{_e(fact.programme)}</td>",
    ]
    return "".join(cells)


def fact_table(facts: Sequence[Any], *, id_prefix: str = "f", doc_column: bool = False, doc_id: str = "") -> str:
    """A compact table of facts, one ``tr.pf-row`` per fact carrying ``data-*`` for the report's filter."""
    head = ("<th>doc</th>" if doc_column else "") + "".join(f"<th>{_e(c)}</th>" for c in TABLE_COLUMNS)
    rows = [_table_row(f, i, id_prefix=id_prefix, doc_id=doc_id, doc_column=doc_column) for i, f in enumerate(facts)]
    return f'<table class="pf-table"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _table_row(fact: Any, i: int, *, id_prefix: str, doc_id: str, doc_column: bool) -> str:
    fid = f"{id_prefix}-{i}"
    search = " ".join(
        x for x in (fact.text, fact.sentence.text, getattr(fact, "subject", None), fact.programme,
                    place_label(fact.place), organization_label(fact.organization)) if x
    )
    data = {
        "fact": fid, "doc": doc_id or fact.doc, "kind": fact.kind, "place": place_label(fact.place),
        "programme": fact.programme or "", "search": search,
    }
    attrs = " ".join(f'data-{k}="{_e(v)}"' for k, v in data.items())
    doc_cell = f"<td>{_e(doc_id or fact.doc)}</td>" if doc_column else ""
    return f'<tr class="pf-row" {attrs}>{doc_cell}{_row_cells(fact, i + 1, fid)}</tr>'


def _page(title: str, body: str, *, script: bool = False) -> str:
    js = f"<script>{JS}</script>" if script else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="generator" content="policyfacts">'
        f"<title>{_e(title)}</title><style>{CSS}</style></head>"
        f"<body>{body}{js}</body></html>\n"
    )


# --------------------------------------------------------------------------------------------------
# Public views


def render_document(doc: Any, *, full_page: bool = False, id_prefix: str | None = None) -> str:
    """One document: metadata, the text with every fact highlighted, and the fact table.

    ``full_page=False`` gives a fragment (for notebooks: ``DocumentFacts._repr_html_``);
    ``True`` a complete HTML page.
    """
    prefix = id_prefix or f"pf-{doc.doc_id}"
    if doc.text:
        text = f'<div class="pf-text">{highlight(doc.text, doc.facts, id_prefix=prefix)}</div>'
    else:
        text = '<p class="pf-muted">(original text not available: nothing to highlight)</p>'
    body = (
        f'<div class="pf pf-document" data-doc="{_e(doc.doc_id)}">'
        f"<h2>{_e(doc.doc_id)}</h2>{metadata(doc)}{legend()}{text}"
        f"{fact_table(doc.facts, id_prefix=prefix, doc_id=doc.doc_id) if doc.facts else ''}</div>"
    )
    if full_page:
        return _page(f"policyfacts: {doc.doc_id}", body)
    return f"<style>{CSS}</style>{body}"


def render_fact(fact: Any) -> str:
    """A fact card: its sentence with the fact highlighted, and every normalised field."""
    sent = fact.sentence
    start, end = fact.start - sent.start, fact.end - sent.start
    inside = 0 <= start <= end <= len(sent.text) and sent.text[start:end] == fact.text
    shown = (
        highlight(sent.text, [fact], id_prefix="pf-card", anchors=False, offset=sent.start)
        if inside
        else _e(sent.text)
    )
    rows = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in fact_details(fact))
    return (
        f"<style>{CSS}</style>"
        f'<div class="pf pf-fact" data-kind="{_e(fact.kind)}"><div class="pf-text">{shown}</div>'
        f'<table class="pf-kv">{rows}<tr><th>doc</th><td>{_e(fact.doc)}</td></tr></table></div>'
    )


def _options(values: Iterable[str], *, none_option: bool = False) -> str:
    opts = ['<option value="">any</option>']
    if none_option:
        opts.append('<option value="(none)">(none)</option>')
    opts.extend(f'<option value="{_e(v)}">{_e(v)}</option>' for v in values)
    return "".join(opts)


def render_report(docs: Iterable[Any], *, title: str = "policyfacts report") -> str:
    """Many documents in one page: a filterable fact table (kind, place, programme, document, free text)
    above every document's highlighted text. The initial filter comes from the URL
    (``report.html#kind=money&place=江苏省``), and changing the controls updates the hash."""
    docs = list(docs)
    total = sum(len(d.facts) for d in docs)
    all_facts = [f for d in docs for f in d.facts]
    places = sorted({place_label(f.place) for f in all_facts if f.place is not None})
    programmes = sorted({f.programme for f in all_facts if f.programme})
    kinds = [k for k in KINDS if any(f.kind == k for f in all_facts)]
    kinds += sorted({f.kind for f in all_facts} - set(kinds))
    filters = (
        '<div class="pf-filters">'
        f'<label>document <select id="pf-f-doc">{_options(d.doc_id for d in docs)}</select></label>'
        f'<label>kind <select id="pf-f-kind">{_options(kinds)}</select></label>'
        f'<label>place <select id="pf-f-place">{_options(places, none_option=True)}</select></label>'
        f'<label>programme <select id="pf-f-programme">{_options(programmes, none_option=True)}</select></label>'
        '<label>text <input id="pf-f-q" type="search" placeholder="contains…"></label>'
        '<button id="pf-f-reset" type="button">reset</button>'
        f'<span><b id="pf-count">{total}</b> of {total} facts</span></div>'
    )
    rows: list[str] = []
    sections: list[str] = []
    for n, doc in enumerate(docs):
        prefix = f"d{n}"
        rows.extend(
            _table_row(f, i, id_prefix=prefix, doc_id=doc.doc_id, doc_column=True) for i, f in enumerate(doc.facts)
        )
        text = (
            f'<div class="pf-text">{highlight(doc.text, doc.facts, id_prefix=prefix)}</div>'
            if doc.text
            else '<p class="pf-muted">(original text not available)</p>'
        )
        sections.append(
            f'<details class="pf-doc" data-doc="{_e(doc.doc_id)}"{" open" if n == 0 else ""}>'
            f"<summary>{_e(doc.doc_id)} <span class=\"pf-muted\">— {len(doc.facts)} facts: "
            f"{_e(kind_counts(doc.facts))}</span></summary>{metadata(doc)}{text}</details>"
        )
    head = "<th>doc</th>" + "".join(f"<th>{_e(c)}</th>" for c in TABLE_COLUMNS)
    table = (
        f'<div class="pf-scroll"><table class="pf-table" id="pf-facts"><thead><tr>{head}</tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></div>'
    )
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
    body = (
        f'<div class="pf pf-report" id="pf-report" data-facts="{total}" data-docs="{len(docs)}">'
        f"<h1>{_e(title)}</h1>"
        f'<p class="pf-muted">{len(docs)} documents, {total} facts ({_e(kind_counts(all_facts))}); '
        f"generated {stamp} by policyfacts.</p>{legend(kinds or KINDS)}{filters}{table}"
        f"<h2>Documents</h2>{''.join(sections)}</div>"
    )
    return _page(title, body, script=True)


def fact_repr(fact: Any) -> str:
    """Short ``repr`` for a fact: kind, surface text, value and span."""
    unit = getattr(fact, "unit", None)
    value = format_value(fact)
    tail = f" {unit}" if unit and unit != "date" else ""
    qual = f", {fact.qualifier}" if fact.qualifier != "exact" else ""
    return f"{type(fact).__name__}({fact.text!r} → {value}{tail}{qual}, [{fact.start}:{fact.end}], doc={fact.doc!r})"
