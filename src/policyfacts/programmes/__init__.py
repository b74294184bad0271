"""Named programmes: recognition by quote/book-title cues and head nouns, grouping, and linking figures.

Interface used by the pipeline (normalised offsets throughout):
  recognise_programmes(ctx) -> list[ProgrammeHit]   (every mention, each with its normalised name)
  ProgrammeLinker(ctx, hits).programme_for(start, end) -> str | None
  ProgrammeLinker.blocked_spans() -> spans whose numerals are part of names, never counts

A name is taken when the text marks it as one: a 《book title》 that is not a medium, a quoted
term followed by a head noun (“三零”工作室), introduced by a cue verb (推出‘头雁贷’) or ending
in a head itself (“三长制”), or an unquoted name after a cue verb ending in a document or
campaign head (开展教育惠民补短板专项行动). Cues and heads are data (``data/programmes.toml``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache

import regex

from ..context import DocContext
from ..datafiles import load_toml

QUOTES = "“”‘’「」『』\"'《》"
_CLAUSE_BREAK = "，。！？；：\n"
# A modifier joined between a quoted name and its head holds none of these (“…”被无力遏制 is no name).
_NOT_IN_MODIFIER = _CLAUSE_BREAK + "“‘《、的和与及被把将了在是为对从向或等让使0123456789一二两三四五六七八九十百千万"


@dataclass(slots=True)
class ProgrammeHit:
    start: int
    end: int
    name: str
    kind: str | None = None
    written: str | None = None  # the name as this mention writes it, when the text defines another as canonical
    defined: tuple[str, ...] = ()  # alias names the text defines for this programme


@dataclass(frozen=True, slots=True)
class _Rules:
    head_kind: dict[str, str]
    heads_re: regex.Pattern
    never_join: frozenset[str]
    join_with_modifier: frozenset[str]
    max_modifier: int
    drop_suffixes: tuple[str, ...]
    verbs: tuple[str, ...]
    fillers: tuple[str, ...]
    media_suffixes: tuple[str, ...]
    media: frozenset[str]
    speech_before: tuple[str, ...]
    max_quoted: int
    max_unquoted: int
    unquoted: regex.Pattern
    unquoted_lead: regex.Pattern
    issue_verbs: tuple[str, ...]
    results_openers: tuple[str, ...]
    results_lookback: int


@cache
def rules() -> _Rules:
    d = load_toml("programmes.toml")
    head_kind: dict[str, str] = {}
    for kind, words in d["heads"].items():
        for w in words:
            head_kind.setdefault(w, kind)
    heads = sorted(head_kind, key=len, reverse=True)
    c = d["cues"]
    verbs = tuple(sorted(c["verbs"], key=len, reverse=True))
    uq_heads = "|".join(regex.escape(h) for h in sorted(c["unquoted_heads"], key=len, reverse=True))
    verb_alt = "|".join(regex.escape(v) for v in verbs)
    unquoted = regex.compile(rf"(?:{verb_alt})(?:了)?([^，。！？；：、\n（）《》]{{2,{c['max_unquoted']}}}?(?:{uq_heads}))")
    after = "|".join(regex.escape(w) for w in c["unquoted_after"])
    lead = regex.compile(rf"(?:^|(?<=[，。！？；：\n]))([^，。！？；：、\n（）《》“”]{{2,{c['max_unquoted']}}}?(?:{uq_heads}))(?={after})",
                         regex.M)
    return _Rules(
        head_kind, regex.compile("|".join(regex.escape(h) for h in heads)),
        frozenset(d["join"]["never"]), frozenset(d["join"]["with_modifier"]), d["join"]["max_modifier"],
        tuple(d["join"]["drop_suffixes"]), verbs, tuple(c["fillers"]), tuple(c["media_suffixes"]), frozenset(c["media"]),
        tuple(c["speech_before"]), c["max_quoted"], c["max_unquoted"], unquoted, lead,
        tuple(c["issue_verbs"]), tuple(d["results"]["openers"]), d["results"]["lookback"],
    )


def normalise_name(s: str) -> str:
    """Quote marks and spaces out; the text is already in simplified script."""
    r = rules()
    out = "".join(ch for ch in s if ch not in QUOTES and not ch.isspace())
    for suffix in r.drop_suffixes:
        if out.endswith(suffix) and len(out) > len(suffix) + 1:
            out = out[: -len(suffix)]
    return out


@cache
def _head_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(h) for h in rules().head_kind}, reverse=True))


def _ends_with_head(s: str, r: _Rules) -> str | None:
    for n in _head_lengths():
        if len(s) > n and s[-n:] in r.head_kind:
            return s[-n:]
    return None


def _cued(text: str, pos: int, r: _Rules) -> bool:
    """A cue verb ends right before ``pos`` (fillers allowed between)."""
    window = text[max(0, pos - 8):pos]
    for f in ("", *r.fillers):
        if f and not window.endswith(f):
            continue
        w = window[: len(window) - len(f)] if f else window
        if w.endswith(r.verbs):
            return True
    return False


def _speech(text: str, qs: int, inner: str, r: _Rules) -> bool:
    if any(ch in inner for ch in "，。！？；,.!?;") or len(inner) > r.max_quoted:
        return True
    before = text[max(0, qs - 6):qs].rstrip("：:，, ")
    return before.endswith(r.speech_before) or text[qs - 1:qs] in ("：", ":")


def _head_after(text: str, pos: int, limit: int, r: _Rules) -> tuple[int, str] | None:
    """A head noun within a short modifier after a closing quote: (end of the joined name, head)."""
    stop = pos
    while stop < limit and stop - pos <= r.max_modifier + 6 and text[stop] not in _NOT_IN_MODIFIER:
        stop += 1
    best = None
    for m in r.heads_re.finditer(text, pos, stop, overlapped=True):
        head = m.group()
        gap = m.start() - pos
        if gap > r.max_modifier:
            continue
        if head in r.never_join and not (head in r.join_with_modifier and gap > 0):
            continue
        if best is None or m.end() > best[0]:
            best = (m.end(), head)
    return best


def _heads_section(ctx: DocContext, pos: int) -> bool:
    """A quoted name that opens a section heading (“三进三解”，从解决一个问题到…) names the section's programme."""
    sent = ctx.sentence_at(pos)
    if sent is None:
        return False
    para = ctx.structure.paragraphs[sent.paragraph]
    return para.heading and pos == para.start


def recognise_programmes(ctx: DocContext) -> list[ProgrammeHit]:
    r = rules()
    text = ctx.text
    show = ctx.norm.display  # names keep the punctuation the article wrote: 三零社区(村)建设
    hits: list[ProgrammeHit] = []

    for m in regex.finditer(r"《([^《》\n]{2,60})》", text):
        inner = m.group(1)
        if inner in r.media or inner.endswith(r.media_suffixes) or ctx.in_metadata(*m.span()):
            continue
        hits.append(ProgrammeHit(m.start(), m.end(), normalise_name(show(m.start(1), m.end(1))), "document"))

    for m in regex.finditer(r"“([^“”\n]{1,60})”|‘([^‘’\n]{1,60})’|「([^「」\n]{1,60})」", text):
        inner = next(g for g in m.groups() if g is not None)
        qs, qe = m.span()
        if len(normalise_name(inner)) < 2 or _speech(text, qs, inner, r) or ctx.in_metadata(qs, qe):
            continue
        joined = _head_after(text, qe, len(text), r)
        own_head = _ends_with_head(inner, r)
        if joined is not None:
            end, head = joined
            name = normalise_name(show(qs, end))
            hits.append(ProgrammeHit(qs, end, name, r.head_kind.get(head)))
        elif own_head is not None or _cued(text, qs, r) or _heads_section(ctx, qs):
            kind = r.head_kind.get(own_head) if own_head else None
            hits.append(ProgrammeHit(qs, qe, normalise_name(show(qs, qe)), kind))

    quoted = [(h.start, h.end) for h in hits]
    unquoted = sorted([*r.unquoted.finditer(text), *r.unquoted_lead.finditer(text)], key=lambda m: m.start(1))
    for m in unquoted:
        s, e = m.span(1)
        name = normalise_name(show(s, e))
        if len(name) < 4 or ctx.in_metadata(s, e):
            continue
        if any(a < e and s < b and not (s <= a and b < e) for a, b in quoted):
            continue  # a quoted name overlaps it: the quotes say where the name is
        head = _ends_with_head(name, r)
        hits.append(ProgrammeHit(s, e, name, r.head_kind.get(head) if head else None))

    hits.sort(key=lambda h: (h.start, -h.end))
    out: list[ProgrammeHit] = []
    for h in hits:
        if out and h.start < out[-1].end:
            if h.end > out[-1].end and h.start == out[-1].start:
                out[-1] = h
            continue  # nested or overlapping: the outer name stands
        out.append(h)
    aliases = find_aliases(ctx)  # {long form: short form}
    defined: dict[str, set[str]] = {}
    for long, short in aliases.items():
        defined.setdefault(short, set()).add(long)
    for h in out:
        if h.name in aliases:
            h.written, h.name = h.name, aliases[h.name]
        h.defined = tuple(sorted(defined.get(h.name, ())))
    return out


_ALIAS = regex.compile(
    r"(?P<short>[“‘][^“”‘’\n]{1,20}[”’]\p{Han}{0,4}?)(?:正|就|即|也)?(?:是|为)(?P<long>[“‘][^“”‘’\n]{1,40}[”’]\p{Han}{0,4})的(?:简称|缩写)"
    r"|(?P<long2>[“‘][^“”‘’\n]{1,40}[”’]\p{Han}{0,4}?)[，,（(]?(?:以下)?简称(?:为)?(?P<short2>[“‘][^“”‘’\n]{1,20}[”’])")


def find_aliases(ctx: DocContext) -> dict[str, str]:
    """Names the text defines as another's short form: {long form: short form} (“三零”工作室正是“零事故、…”工作室的简称)."""
    out: dict[str, str] = {}
    show = ctx.norm.display
    for m in _ALIAS.finditer(ctx.text):
        if m.group("short"):
            short, long = normalise_name(show(*m.span("short"))), normalise_name(show(*m.span("long")))
        else:
            short, long = normalise_name(show(*m.span("short2"))), normalise_name(show(*m.span("long2")))
        if short and long and short != long:
            out[long] = short
    return out


class ProgrammeLinker:
    """The programme a figure belongs to: the one its sentence names (before it, else after it)."""

    def __init__(self, ctx: DocContext, hits: list[ProgrammeHit]) -> None:
        self.ctx = ctx
        self.hits = hits
        self._starts = [h.start for h in hits]
        # a section whose heading opens with a programme's name is about that programme
        self._section: dict[int | None, str] = {}
        for h in hits:
            sent = ctx.sentence_at(h.start)
            if sent is not None and _heads_section(ctx, h.start):
                self._section.setdefault(sent.paragraph, h.name)

    def _segment(self, start: int, end: int, breaks: str) -> tuple[int, int]:
        text = self.ctx.text
        sent = self.ctx.sentence_at(start)
        lo, hi = (sent.start, sent.end) if sent else (max(0, start - 200), min(len(text), end + 200))
        a = max([lo] + [text.rfind(ch, lo, start) + 1 for ch in breaks])
        ends = [k for k in (text.find(ch, end, hi) for ch in breaks) if k >= 0]
        return a, min(ends) if ends else hi

    def programme_for(self, start: int, end: int) -> str | None:
        i = bisect_right(self._starts, start) - 1
        if i >= 0 and self.hits[i].start <= start and self.hits[i].end >= end:
            return None  # the number is part of the name itself
        # the comma clause, before or after the figure (打造近100个“有声阅读墙”); else named earlier in the
        # semicolon clause (实施“板凳警务工作法”,仅大义派出所就…解答群众问题120余个)
        a, b = self._segment(start, end, "，；：")
        if i >= 0 and self.hits[i].start >= a:
            return self.hits[i].name
        j = i + 1
        if j < len(self.hits) and self.hits[j].start < b:
            return self.hits[j].name
        a, _ = self._segment(start, end, "；")
        if i >= 0 and self.hits[i].start >= a:
            return self.hits[i].name
        sent = self.ctx.sentence_at(start)
        if sent is not None and not self._sentence_has_programme(sent.start, sent.end):
            earlier = self._results_of(sent)
            if earlier is not None:
                return earlier
            return self._section.get(self.ctx.heading_before(sent.paragraph))
        return None

    def _results_of(self, sent) -> str | None:  # type: ignore[no-untyped-def]
        """A results sentence (据统计…) reports on the programme named just before it."""
        r = rules()
        head = self.ctx.text[sent.start:sent.start + 8].lstrip("“")
        if not head.startswith(r.results_openers):
            return None
        k = self.ctx.sentence_index(sent.start)
        sents = self.ctx.structure.sentences
        for back in range(1, r.results_lookback + 1):
            if k is None or k - back < 0:
                break
            prev = sents[k - back]
            if prev.article != sent.article:
                break
            lo, hi = bisect_left(self._starts, prev.start), bisect_left(self._starts, prev.end)
            names = {h.name for h in self.hits[lo:hi]}
            if len(names) == 1:
                return names.pop()
            if names:
                break
        return None

    def _sentence_has_programme(self, lo: int, hi: int) -> bool:
        k = bisect_right(self._starts, hi - 1) - 1
        return k >= 0 and self.hits[k].end > lo

    def document_dated(self, start: int, end: int) -> str | None:
        """The 《document》 a date dates: issued (印发, 出台…) in the date's own statement."""
        text = self.ctx.text
        a, b = self._segment(start, end, "；。")
        j = bisect_left(self._starts, end)
        while j < len(self.hits) and self.hits[j].start < b:
            h = self.hits[j]
            if text.startswith("《", h.start) and text[max(a, h.start - 4):h.start].endswith(rules().issue_verbs):
                return h.name
            j += 1
        return None

    def blocked_spans(self) -> list[tuple[int, int]]:
        """Document titles: their numerals (十条措施) are part of the name. Quoted names are judged by the
        quantity recogniser's own quote rule, which keeps real counts inside longer quotes (办三张清单)."""
        return [(h.start, h.end) for h in self.hits if self.ctx.text.startswith("《", h.start)]
