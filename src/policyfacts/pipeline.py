"""The one pipeline: normalise → structure → recognise mentions → link → typed facts.

Every stage works on normalised offsets; only ``_ground`` maps back to the original.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from .context import DocContext
from .diagnostics import WarningCounts
from .discourse import DiscourseFrame
from .errors import EmptyDocumentError
from .io.lines import Lines, SortedLines
from .models import (
    Article,
    CountFact,
    DateFact,
    DocumentFacts,
    DocumentMeta,
    MeasureFact,
    MoneyFact,
    OrganizationMention,
    PercentFact,
    PlaceMention,
    Programme,
    ProgrammeFact,
    ProgrammeMention,
    SentenceRef,
)
from .orgs import OrgLinker, recognise_organizations
from .places import PlaceLinker, local_currency, recognise_places
from .programmes import ProgrammeLinker, recognise_programmes
from .quantities.dates import recognise_dates
from .quantities.grid import cell_labels, recognise_grid, table_cell_attrs
from .quantities.link import heading_time, link_quantities
from .quantities.recognise import recognise_quantities
from .text.lexicon import new_document
from .text.metadata import Metadata
from .text.normalize import normalize
from .text.structure import analyse
from .text.windows import plan_windows

_QUANTITY_MODELS = {"count": CountFact, "percent": PercentFact, "money": MoneyFact, "measure": MeasureFact}


def _as_date(published: date | str | None) -> date | None:
    if published is None or isinstance(published, date):
        return published
    return date.fromisoformat(str(published)[:10])


def extract(text: str, doc_id: str = "doc", published: date | str | None = None) -> DocumentFacts:
    """Extract every quantitative fact, date and programme of one document.

    ``published`` resolves relative dates (今年, 去年5月) when the text's own
    metadata gives no publication date. Raises :class:`TypeError` for a non-``str`` and
    :class:`policyfacts.errors.EmptyDocumentError` for an empty or blank text; nothing else, on any ``str``.
    """
    return _extract(text, doc_id, published, None)[0]


def extract_lines(text: str, form: Callable[[Any], str], doc_id: str = "doc",
                  published: date | str | None = None) -> tuple[DocumentFacts, Lines]:
    """:func:`extract`, with each fact turned into a line by ``form`` (its JSONL line) as soon as it is
    made; the lines come back compressed, in the order of ``DocumentFacts.facts``.

    Memory: a huge document never holds all its fact models, nor all its lines uncompressed. The document
    returned carries meta and warnings but no facts, articles, mentions or programmes.
    """
    return _extract(text, doc_id, published, form)


def _extract(text: str, doc_id: str, published: date | str | None,
             form: Callable[[Any], str] | None) -> tuple[DocumentFacts, Lines]:
    if not isinstance(text, str):
        raise TypeError(f"extract() needs str, got {type(text).__name__}; decode bytes first (see extract_file)")
    if not text.strip():
        raise EmptyDocumentError("empty document")  # as for an empty file
    given = _as_date(published)
    plan = plan_windows(text)
    doc = _Document(doc_id, form)
    for start, end in plan.spans:
        # one window alone: the whole text, or whole articles of a huge one (text.windows)
        _read_window(text[start:end], start, doc, (plan.published or given) if len(plan.spans) > 1 else None, given)
    return doc.result(text)


class _Document:
    """What the windows of one document add up to: their facts (or lines) in order, and the
    document-wide parts (articles, programmes by name, metadata, warning counts)."""

    def __init__(self, doc_id: str, form: Callable[[Any], str] | None) -> None:
        self.doc_id, self.form = doc_id, form
        self.facts: list = []
        self.lines = Lines()
        self.articles: list[Article] = []
        self.n_articles = 0
        self.places: list[PlaceMention] = []
        self.organizations: list[OrganizationMention] = []
        self.programmes: dict[str, Programme] = {}
        self.named: set[str] = set()  # programmes that have their fact (at the first mention)
        self.meta: Metadata | None = None
        self.published: date | None = None
        self.counts = WarningCounts()

    def add_meta(self, meta: Metadata, published: date | None) -> None:
        if self.meta is None:
            self.meta, self.published = meta, published
            return
        first = self.meta
        first.outlet = first.outlet or meta.outlet
        first.source = first.source or meta.source
        # as one reading gives them: the bylines' authors in order, then the credit lines' (文/某某)
        lines = [a for a in first.authors if a not in first.credits]
        lines += [a for a in meta.authors if a not in meta.credits and a not in lines]
        credits = [a for a in first.credits + meta.credits if a not in lines]
        first.credits = list(dict.fromkeys(credits))
        first.authors = lines + first.credits

    def add_programme(self, model: Programme) -> None:
        got = self.programmes.get(model.name)
        if got is None:
            self.programmes[model.name] = model
            return
        got.kind = got.kind or model.kind
        got.aliases = sorted(set(got.aliases) | set(model.aliases))
        got.mentions += model.mentions

    def result(self, text: str) -> tuple[DocumentFacts, Lines]:
        assert self.meta is not None
        meta = DocumentMeta(published=self.published, outlet=self.meta.outlet, authors=list(self.meta.authors),
                            source=self.meta.source)
        warnings = self.counts.warnings(len(self.facts) + len(self.lines))
        if self.form is not None:
            return DocumentFacts(doc_id=self.doc_id, meta=meta, text=text, warnings=warnings), self.lines
        return DocumentFacts(
            doc_id=self.doc_id, meta=meta, articles=self.articles, facts=self.facts, places=self.places,
            organizations=self.organizations, programmes=list(self.programmes.values()), text=text,
            warnings=warnings,
        ), Lines()


def _read_window(text: str, base: int, doc: _Document, published: date | None, given: date | None) -> None:
    """Extract one window (``text``, at ``base`` in the document) into ``doc``. ``published``: the
    document's date when it is read in windows (from all of its metadata), else None (this text's own
    metadata, then ``given``)."""
    doc_id, form = doc.doc_id, doc.form
    new_document()  # per-document memos (segmentation) start empty
    norm = normalize(text)
    structure = analyse(norm.text, opens_article=base > 0)
    pub = published or structure.meta.published or given
    doc.add_meta(structure.meta, pub)
    ctx = DocContext(doc_id, norm, structure, pub)
    article_base = doc.n_articles
    doc.n_articles += len(structure.articles)

    frame = DiscourseFrame(ctx)  # what each article, section, paragraph is about: read by every linker
    place_hits = recognise_places(ctx)
    places = PlaceLinker(ctx, place_hits, frame)
    org_hits = recognise_organizations(ctx, place_hits, places)
    orgs = OrgLinker(ctx, org_hits)
    places.set_org_spans(orgs.spans(), orgs.organ_places(), orgs.company_spans(), orgs.field_spans())
    prog_hits = recognise_programmes(ctx)
    programmes = ProgrammeLinker(ctx, prog_hits, frame)

    blocked = programmes.blocked_spans()
    dates = recognise_dates(ctx)
    quantities = recognise_quantities(ctx, blocked=blocked, dates=dates)

    def ground(start: int, end: int) -> dict:
        s, e = norm.to_original(start, end)
        return {"text": text[s:e], "start": base + s, "end": base + e}

    sentence_refs: dict[int, SentenceRef] = {}  # one model per sentence, shared by its facts (memory)

    def sentence_ref(pos: int) -> SentenceRef:
        sent = ctx.sentence_at(pos)
        if sent is None:
            return SentenceRef(**ground(pos, pos))
        ref = sentence_refs.get(sent.start)
        if ref is None:
            if form is not None:  # each fact is formed at once: keep the last sentence's model only
                sentence_refs.clear()
            ref = sentence_refs[sent.start] = SentenceRef(**ground(sent.start, sent.end))
        return ref

    def links(start: int, end: int, unit: str | None = None) -> dict:
        return {
            "doc": doc_id,
            "article": article_base + ctx.article_at(start),
            "sentence": sentence_ref(start),
            "place": places.place_for(start, end),
            "organization": orgs.organization_for(start, end),
            "programme": programmes.programme_for(start, end, unit),
        }

    facts: list = []
    formed = SortedLines()  # with ``form``: each fact's line, no model kept

    def add(fact: Any) -> None:
        if form is None:
            facts.append(fact)
        else:
            formed.add(fact.start, fact.end, fact.kind, form(fact))

    for d in dates:
        # a date says when, not what: it belongs to a programme only as the date a document was issued
        add(DateFact(**ground(d.start, d.end),
                     **{**links(d.start, d.end), "programme": programmes.document_dated(d.start, d.end)},
                     value=d.value, qualifier=d.qualifier))
    for q, attrs in zip(quantities, link_quantities(ctx, quantities, dates), strict=True):
        model = _QUANTITY_MODELS[q.kind]
        link = links(q.start, q.end, q.unit)
        unit = local_currency(q.unit, link["place"], norm.text, q.end) if q.kind == "money" else q.unit
        if "|" in norm.text and (labels := cell_labels(norm.text, q.start)) is not None:
            attrs = table_cell_attrs(attrs, labels)  # the column header says when or what
        add(model(**ground(q.start, q.end), **link, value=q.number(q.value),
                  high=q.number(q.high), qualifier=q.qualifier, unit=unit, **attrs))

    covered = [(q.start, q.end) for q in quantities] + [(d.start, d.end) for d in dates]
    date_starts = [d.start for d in dates]
    for cell in recognise_grid(norm.text, covered):
        q = cell.hit
        if ctx.in_metadata(q.start, q.end):
            continue
        add(_QUANTITY_MODELS[q.kind](
            **ground(q.start, q.end), **links(q.start, q.end), value=q.number(q.value), high=None,
            qualifier="exact", unit=q.unit, subject=cell.subject,
            time=cell.time or heading_time(ctx, q.start, dates, date_starts)))

    grouped: dict[str, list] = {}
    for h in prog_hits:
        grouped.setdefault(h.name, []).append(h)
    for name, hits in grouped.items():
        first = hits[0]
        if form is not None and name in doc.named:
            continue  # a later window's mentions of a named programme: no fact, no model to fill
        link = links(first.start, first.end)
        if name not in doc.named:  # a programme's fact is its first mention in the document
            doc.named.add(name)
            add(ProgrammeFact(**ground(first.start, first.end), **{**link, "programme": name}, value=name))
        if form is not None:
            continue
        doc.add_programme(Programme(
            name=name, kind=first.kind or next((h.kind for h in hits if h.kind), None), place=link["place"],
            organization=link["organization"],
            aliases=sorted({h.written for h in hits if h.written} | {a for h in hits for a in h.defined}),
            mentions=[ProgrammeMention(**ground(h.start, h.end)) for h in hits],
        ))
    n_facts = len(facts) + len(formed)
    doc.counts.add(norm.text, structure, n_facts)
    if form is not None:
        doc.lines.extend(formed.lines())
        return
    facts.sort(key=lambda f: (f.start, f.end, f.kind))
    doc.facts += facts
    for a in structure.articles:
        title = None
        if a.title:
            title = norm.text[a.title[0]:a.title[1]].strip() or None
        doc.articles.append(Article(**ground(a.start, a.end), title=title))
    doc.places += [PlaceMention(**ground(h.start, h.end), place=h.place, ambiguous=h.ambiguous) for h in place_hits]
    doc.organizations += [OrganizationMention(**ground(h.start, h.end), organization=h.organization)
                          for h in org_hits]


def extract_file(path: str | Path, published: date | str | None = None, encoding: str | None = None,
                 doc_id: str | None = None, max_bytes: int | None = None) -> DocumentFacts:
    """Read one file and extract its facts.

    Bytes are decoded by :func:`policyfacts.io.decode_bytes` (``encoding`` override, BOM, strict UTF-8,
    then detection); the codec used is recorded in ``meta.encoding``. HTML pages (``.html``/``.htm`` or
    sniffed) are reduced to their main text (extra ``policyfacts[html]``). Failures raise a
    :class:`policyfacts.errors.InputError` subclass; ``max_bytes`` defaults to 64 MiB.
    """
    from .batch import extract_loaded
    from .io.decode import DEFAULT_MAX_BYTES
    from .io.sources import Source, load_source

    p = Path(path)
    src = Source(doc_id or p.stem, path=str(p), encoding=encoding)
    loaded = load_source(src, max_bytes=DEFAULT_MAX_BYTES if max_bytes is None else max_bytes)
    return extract_loaded(loaded, published)
