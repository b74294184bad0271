"""Places: gazetteer lookup, sub-county patterns, and resolution of a fact's place through the article.

Interface used by the pipeline (normalised offsets throughout):
  recognise_places(ctx) -> list[PlaceHit]
  PlaceLinker(ctx, hits).place_for(start, end) -> Place | None

Resolution walks each article in reading order keeping a *chain*: the path of the
place the text is about at that point. A named division replaces it, a village or
town named by pattern hangs under it, 全市/该县/当地 point back into it. The chain
starts empty in every article, so a place never leaks into the next one.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import regex

from ..context import DocContext
from ..discourse import (
    COMPARED,
    DESCRIBES,
    ELSEWHERE,
    PERSON,
    TOPIC,
    DiscourseFrame,
    Event,
    Stated,
    national_scope,
    place_role,
)
from ..discourse import rules as discourse_rules
from ..models import Place
from ..text.chars import is_han
from ..text.lexicon import lexicon
from ..text.spans import SpanIndex
from .gazetteer import LEVEL_RANK, NOT_A_LEVEL, Division, county_of_village, gazetteer, rules
from .mentions import Mention, find_mentions

__all__ = ["PlaceHit", "PlaceLinker", "lookup", "recognise_places"]


@dataclass(slots=True)
class PlaceHit:
    start: int
    end: int
    place: Place
    ambiguous: bool = False
    kind: str = "gazetteer"
    article: int = 0
    role: str = TOPIC  # how it stands in its sentence (discourse.place_role)


@lru_cache(maxsize=8192)
def _place(d: Division) -> Place:
    """One shared Place per division (built once: pydantic construction is the cost here)."""
    g = gazetteer()
    chain = g.path(d)
    return Place(name=d.name, level=d.level, path=[x.name for x in chain], code=d.gb_code)  # type: ignore[arg-type]


@lru_cache(maxsize=8192)
def _division_chain(d: Division) -> tuple[Place, ...]:
    """The places of ``d``'s path, top first (built once per division: every name resolved asks for it)."""
    return tuple(_place(x) for x in gazetteer().path(d))


def _chain_of(p: Place) -> list[Place]:
    """The places of ``p``'s path, each as its own Place (codes from the gazetteer where they exist)."""
    known = _division(p)
    out: list[Place] = list(_division_chain(known)) if known is not None else []
    extra = p.path[len(out):]
    for i, name in enumerate(extra):
        is_last = i == len(extra) - 1
        out.append(Place(name=name, level=p.level if is_last else None,
                         path=[x.name for x in out] + [name], code=None))
    return out


def _division(p: Place) -> Division | None:
    """The gazetteer row of ``p`` (by its code, or by name and path for rows GB/T 2260 does not code)."""
    g = gazetteer()
    if p.code:
        return g.by_code.get(p.code)
    if p.level in (None, "village", "community") or not p.path:
        return None
    for d in g.by_name.get(p.name, []):
        if d.gb_code is None and [x.name for x in g.path(d)] == p.path:
            return d
    return None


def _figure_place(p: Place | None) -> Place | None:
    """Hong Kong's and Macau's districts are not levels of a figure's place: its place is the region."""
    if p is None or p.level != NOT_A_LEVEL:
        return p
    d = _division(p)
    parent = gazetteer().parent(d) if d is not None else None
    return _place(parent) if parent is not None else p


def _rank(level: str | None) -> int:
    return LEVEL_RANK.get(level or "", 9)


def _choose(cands: list[Division], chain: list[Place]) -> tuple[Division | None, bool, bool]:
    """The division a name means here: one of the chain, under it, or the only/highest one.

    Returns (division, ambiguous, backed by the chain).
    """
    codes = [p.code for p in chain if p.code]
    for c in cands:
        if c.code in codes or any(code.startswith(c.code) for code in codes):
            return c, False, True
    for code in reversed(codes):
        under = [c for c in cands if c.code.startswith(code)]
        if under:
            top = min(_rank(c.level) for c in under)
            best = [c for c in under if _rank(c.level) == top]
            return best[0], len(best) > 1, True
    admin = [c for c in cands if c.level != "township"]
    if admin:
        top = min(_rank(c.level) for c in admin)
        best = [c for c in admin if _rank(c.level) == top]
        return best[0], len(best) > 1, False
    if len(cands) == 1 and not codes:
        return cands[0], False, False
    return None, len(cands) > 1, False


def _under(chain: list[Place], level: str | None) -> list[Place]:
    r = _rank(level)
    return [p for p in chain if _rank(p.level) < r]


def lookup(name: str) -> list[Place]:
    """Every division written ``name`` (official or short form), highest level first."""
    cands = gazetteer().by_name.get(name, [])
    return [_place(d) for d in sorted(cands, key=lambda d: (_rank(d.level), d.code))]


class _Resolver:
    def __init__(self) -> None:
        self.chain: list[Place] = []
        self.seen: dict[str, list[Place]] = {}  # sub-county names already placed in this article
        self.history: list[Place] = []  # every place the article was about, in order
        self.support: frozenset[str] = frozenset()  # codes of the places the article names unmistakably

    def resolve(self, m: Mention, run: bool = False) -> tuple[Place | None, bool]:
        """The place ``m`` means here. ``run``: it follows another name directly (福建省宁德市蕉城区…)."""
        if m.kind == "anaphora":
            return self._anaphora(m.name), False
        if m.name in self.seen and m.kind in ("pattern", "zone"):
            known = self.seen[m.name]
            parents = {p.name for p in known[:-1]}
            if run and self.chain and _rank(self.chain[-1].level) < _rank(known[-1].level) and parents <= {
                    p.name for p in self.chain} and len(self.chain) >= len(known):
                return self._attach(m.name, known[-1].level), False  # named again with a fuller path
            self.chain = list(known)
            return self.chain[-1], False
        if m.kind == "gazetteer":
            d, ambiguous, backed = _choose(m.candidates, self.chain)
            if m.common_area and not backed:
                # 平房区 in an article that never names that district's city or province: bungalows
                backed = any(c.code[:4] in self.support for c in m.candidates)
                d, ambiguous = (next(c for c in m.candidates if c.code[:4] in self.support),
                                False) if backed else (d, ambiguous)
            if m.weak and not backed:
                return None, False
            if d is not None and not ambiguous:
                self.chain = list(_division_chain(d))
                return self.chain[-1], False
            if d is not None:
                return Place(name=d.name, level=d.level, path=[], code=None), True  # type: ignore[arg-type]
            # a township name the gazetteer can't place here: hang it under the chain like a pattern name
            return self._attach(m.name, m.candidates[0].level if m.candidates else "township"), False
        if m.kind == "zone" and m.candidates:
            d, ambiguous, _ = _choose(m.candidates, self.chain)
            if d is None or ambiguous:
                return Place(name=m.name, level="zone", path=[], code=None), True
            parent = list(_division_chain(d))
            p = Place(name=m.name, level="zone", path=[x.name for x in parent] + [m.name])
            self.chain = [*parent, p]
            self.seen[m.name] = self.chain
            return p, False
        level = m.level
        if level == "zone":
            base = [p for p in self.chain if _rank(p.level) <= 1]
            p = Place(name=m.name, level="zone", path=[x.name for x in base] + [m.name])
            self.chain = [*base, p]
            self.seen[m.name] = self.chain
            return p, False
        return self._attach(m.name, level), False

    def _attach(self, name: str, level: str | None) -> Place:
        base = _under(self.chain, level)
        if level in ("village", "community") and base and base[-1].code and _rank(base[-1].level) < _rank("county"):
            # 东营玉景社区: the one county of that city with such a community fills the gap (no township
            # is added: the text does not give it)
            county = county_of_village(name, base[-1].code)
            if county is not None and county in gazetteer().by_code:
                base = list(_division_chain(gazetteer().by_code[county]))
        p = Place(name=name, level=level, path=[x.name for x in base] + [name])  # type: ignore[arg-type]
        self.chain = [*base, p]
        self.seen[name] = self.chain
        return p

    def _anaphora(self, word: str) -> Place | None:
        ana = rules()["anaphora"]
        if word in ana["any"]:
            return self.chain[-1] if self.chain else None
        head = word[1:]
        for prefix in ana["prefixes"]:
            if word.startswith(prefix):
                head = word[len(prefix):]
                break
        endings = tuple(ana["heads"].get(head, [head]))
        # a longer head ending alike names another level: 全区 is not 纱縠行社区
        longer = tuple(e for k, v in ana["heads"].items() if k != head and k.endswith(head) for e in v)

        def means(name: str) -> bool:
            return name.endswith(endings) and not name.endswith(longer)

        for i in range(len(self.chain) - 1, -1, -1):
            if means(self.chain[i].name):
                return self.chain[i]
        # 本村 after a passing mention of a city (兰州来的客人): the village named before, if it lies there
        here = self.chain[-1].path if self.chain else []
        for chain in reversed(list(self.seen.values())):
            if means(chain[-1].name) and chain[-1].path[: len(here)] == here:
                self.chain = list(chain)
                return self.chain[-1]
        # 全市 after the province was named alone (总书记在福建…; 全市…): the city the article was about there
        for p in reversed(self.history):
            if means(p.name) and p.path[: len(here)] == here:
                return p
        return None


def recognise_places(ctx: DocContext) -> list[PlaceHit]:
    """Every place mention of the document, resolved in reading order, article by article, with the
    role it plays in its sentence (what the text is about, a person's place, a description of the place
    before it, somewhere else)."""
    hits: list[PlaceHit] = []
    text = ctx.text
    for ai, art in enumerate(ctx.structure.articles):
        resolver = _Resolver()
        for a, b in ctx.structure.meta.datelines:  # 新华社兰州电…全省: the dateline says where the text stands
            dl = _dateline_place(text, a, b) if art.start - 40 <= a < art.end else None
            if dl is not None:
                resolver.chain = _chain_of(dl)
        meta = [(s, e) for s, e in ctx.structure.metadata_spans if s < art.end and e > art.start]
        quoted = [q.span(1) for q in _SHORT_QUOTE.finditer(text, art.start, art.end)]
        starts = [a for a, _ in quoted]
        prev: PlaceHit | None = None
        subject: PlaceHit | None = None  # the place a description (位于…) is about
        run_start, run_first, before_run = art.start, len(hits), None
        first = len(hits)
        mentions = find_mentions(text, art.start, art.end, skip=meta)
        resolver.support = frozenset(c.code for m in mentions if m.kind == "gazetteer" and not m.weak
                                     and len(m.candidates) == 1 for c in m.candidates)
        for m in mentions:
            k = bisect_right(starts, m.start) - 1
            if k >= 0 and m.end <= quoted[k][1] and (m.start, m.end) != quoted[k]:
                continue  # part of a quoted name (“浦江经验”), not a place the text is about
            run = prev is not None and prev.end == m.start
            if run and prev is not None:
                # 山西临县白文镇: a run of names stands as a whole (its first's lead, its last's tail)
                role = place_role(text, run_start, m.end, before_run, before_run is not None)
                for h in hits[run_first:]:
                    h.role = role
            else:
                run_start, run_first = m.start, len(hits)
                before_run = prev.end if prev else None
                role = place_role(text, m.start, m.end, before_run, prev is not None)
            saved = list(resolver.chain)
            place, ambiguous = resolver.resolve(m, run)
            if role in (ELSEWHERE, DESCRIBES, COMPARED):
                resolver.chain = saved  # a place in passing does not move what the text is about
            if place is None:
                continue
            hit = PlaceHit(m.start, m.end, place, ambiguous, m.kind, ai, role)
            hits.append(hit)
            if role == TOPIC and not ambiguous:
                resolver.history.append(place)
            if role == DESCRIBES and subject is not None and not ambiguous:
                _hang_under(resolver, subject, place)
            elif role != DESCRIBES:
                subject = hit
            prev = hit
        _fullest_paths(hits[first:])
    return hits


def _hang_under(resolver: _Resolver, subject: PlaceHit, parent: Place) -> None:
    """甲村位于乙县丙镇: a village or town named before the places that describe it hangs under them."""
    if subject.kind != "pattern" or _rank(parent.level) >= _rank(subject.place.level):
        return
    if not all(n in parent.path for n in subject.place.path[:-1]):
        return  # already placed elsewhere: the description is of something else
    chain = _chain_of(parent)
    p = Place(name=subject.place.name, level=subject.place.level, path=[x.name for x in chain] + [subject.place.name])
    if len(p.path) <= len(subject.place.path):
        return
    subject.place = p
    resolver.chain = [*chain, p]
    resolver.seen[p.name] = resolver.chain


def _fullest_paths(hits: list[PlaceHit]) -> None:
    """A name below the county placed several times in an article takes its fullest path everywhere
    (a title's 甲市乙社区 is the body's 甲市丙街道乙社区)."""
    best: dict[str, Place] = {}
    for h in hits:
        if h.kind == "pattern" and not h.ambiguous:
            b = best.get(h.place.name)
            if b is None or len(h.place.path) > len(b.path):
                best[h.place.name] = h.place
    for h in hits:
        b = best.get(h.place.name) if h.kind == "pattern" else None
        if b is not None and b is not h.place and len(b.path) > len(h.place.path) and _subsequence(h.place.path, b.path):
            h.place = b


def _subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(x in it for x in short)


# A short quoted term: a place inside it is part of a name (“浦江经验”, “平安诸暨”); a quote that is only
# the place's name still names the place. (The quote patterns are re's: literal classes only, which re
# tests by a bitmap, regex member by member.)
_SHORT_QUOTE = re.compile(r"[“‘]([^“”‘’\n，。！？；：、]{2,10})[”’]")


_NOT_NAMES = set("这那该此其他她它我你们这里目前如今现在")


_PEOPLE_RECALLED = 16  # the people introduced last before a figure that may be the one it is about


def _people(text: str, hits: list[PlaceHit]) -> list[tuple[int, str, Place, int]]:
    """People the text introduces with their place: NAME是PLACE… (顾晓坤是云南省昆明市晋宁区六街镇六街村
    致富带头人) → (where, name, the place at the end of that run of names, article), in text order. A name
    is two or three characters opening a clause that the dictionary doesn't know as a word."""
    freq = lexicon().freq
    out: list[tuple[int, str, Place, int]] = []
    for k, h in enumerate(hits):
        if h.start < 3 or text[h.start - 1] != "是":
            continue
        for n in (3, 2):
            a = h.start - 1 - n
            name = text[a:h.start - 1]
            if (a >= 0 and all(is_han(c) for c in name) and (a == 0 or text[a - 1] in "，。！？；：\n“”")
                    and name[0] not in _NOT_NAMES and not freq.get(name)):
                last = k
                while last + 1 < len(hits) and hits[last + 1].start == hits[last].end:
                    last += 1  # 云南省昆明市晋宁区六街镇六街村: the run's last, most specific name
                out.append((h.start, name, hits[last].place, h.article))
                break
    return out


_QUOTE_REACH = 1000  # how far a quotation around a figure may open or close
_LIST_JOINERS = ("、", "和", "与", "及", "以及")
_CLAUSE_MARKS = "，；：,;:"
_LAST_CLAUSE_MARK = regex.compile(f"[{_CLAUSE_MARKS}]", regex.REVERSE)  # one backward scan, not a rfind per mark


def local_currency(unit: str | None, place: Place | None, text: str, end: int) -> str | None:
    """The unit of an amount in 元 about a place with a currency of its own (香港 → 港元), unless the text
    says renminbi right after it (1万元人民币)."""
    if unit != "元" or place is None or not place.path:
        return unit
    cur = rules()["currency"]
    local = cur["local"].get(place.path[0])
    if local is None or text.startswith(tuple(cur["mainland_marks"]), end):
        return unit
    return local


def _dateline_place(text: str, a: int, b: int) -> Place | None:
    """The one division a dateline's name can be (本报兰州3月5日电 → 兰州市), else none."""
    named = [m for m in find_mentions(text, a, b, skip=[]) if m.kind == "gazetteer" and len(m.candidates) == 1]
    if not named:
        return None
    d = named[-1].candidates[0]
    return next((p for p in lookup(d.name) if p.code == d.code), None)


class PlaceLinker:
    """The place a fact is about: the place its sentence names (the nearest before it, else the first after
    it), the speaker's or the person's place, else the place of the discourse frame at that sentence."""

    def __init__(self, ctx: DocContext, hits: list[PlaceHit], frame: DiscourseFrame | None = None) -> None:
        self.ctx = ctx
        self.frame = frame if frame is not None else DiscourseFrame(ctx)
        compared = tuple(rules()["comparison"]["before"])
        # 高于全省平均水平: the place compared with is not the place a figure is about
        self.all = [h for h in hits if not h.ambiguous and not ctx.text.endswith(compared, max(0, h.start - 2), h.start)]
        self._people = _people(ctx.text, self.all)
        self._people_at = [p[0] for p in self._people]
        self._quotes: SpanIndex | None = None  # the text's quotations, found once
        self._events: dict[int, tuple[PlaceHit, Event | None]] = {}  # by mention: see _frame_event
        self._use([h for h in self.all if h.role in (TOPIC, PERSON)])

    def _use(self, hits: list[PlaceHit], frame_hits: list[PlaceHit] | None = None) -> None:
        """Places a figure's sentence may name for it, and (``frame_hits``, default the same) the places
        that state what the text is about from there on. The frame's place track is built when a figure
        first asks for its place (:meth:`_frame_places`): the pipeline's first call here is replaced by
        :meth:`set_org_spans` before most documents ask, so its track would be built for nothing."""
        self.hits = sorted(hits, key=lambda h: h.start)
        self._starts = [h.start for h in self.hits]
        if not hasattr(self, "_seats"):
            self._seats: set[int] = set()
        self._pending = frame_hits if frame_hits is not None else hits

    def _frame_places(self) -> None:
        """The frame's place track from the pending frame hits of the last :meth:`_use` (once)."""
        hits, self._pending = self._pending, None
        if hits is None:
            return
        in_names = getattr(self, "_in_names", ())
        events = []
        for h in sorted(hits, key=lambda h: h.start):
            ev = self._frame_event(h)
            if ev is not None:
                events.append(Event(ev.start, ev.end, ev.value, ev.reach, refines=True) if id(h) in in_names else ev)
        events += self._dateline_events()
        self.frame.add("place", events, wider=_contains)

    def _frame_event(self, h: PlaceHit) -> Event | None:
        """What a place mention states for the frame (None: nothing). Worked out once per mention: most
        documents build the track twice (their organisations ask for it before :meth:`set_org_spans`),
        from mostly the same mentions."""
        got = self._events.get(id(h))
        if got is not None and got[0] is h:
            return got[1]
        if self._quotes is None:
            self._quotes = _quotations(self.ctx.text)
        ev: Event | None = None
        if h.role == PERSON and not self.frame.in_lead_or_title(h.start) and self._attributes(h.start):
            pass  # the place of a person quoted (…”甲村村民李某说) is theirs, not the article's
        elif self._quotes.covers(h.start, h.end):
            pass  # inside a quotation: the speaker's words, not where the article moves on to
        else:
            r = discourse_rules()
            reach = r.place_reach if self.frame.opens_paragraph(h.start) else r.place_reach_later
            ev = Event(h.start, h.end, h.place, reach.get(h.place.level or "", "sentence"))
        self._events[id(h)] = (h, ev)
        return ev

    def _dateline_events(self) -> list[Event]:
        """A dateline's place (本报兰州3月5日电) is where the article stands from its first sentence on: the
        one division the name can be, else none."""
        out = []
        for a, b in self.ctx.structure.meta.datelines:
            place = _dateline_place(self.ctx.text, a, b)
            if place is not None:
                out.append(Event(a, b, place, "article"))
        return out

    def _attributes(self, pos: int) -> bool:
        """The sentence at ``pos`` only says who spoke (…”甲村村民李某连连称赞。)."""
        sent = self.ctx.sentence_at(pos)
        if sent is None:
            return False
        tail = self.ctx.text[sent.start:sent.end].rstrip("。！？!?”’」 ")
        return tail.endswith(discourse_rules().speech_verbs)

    def set_org_spans(self, spans: list[tuple[int, int]], organs: list[PlaceHit] | None = None,
                      companies: list[tuple[int, int]] | None = None,
                      fields: list[tuple[int, int]] | None = None) -> None:
        """Places inside organisation names: a company's (陕西某某有限公司) is its registration, never a
        figure's place; another body's is its seat, the place of its sentence unless the title or the lead
        put the article somewhere inside it. A level-prefixed organ (省政府) names its place."""
        body, firm = SpanIndex(spans), SpanIndex(companies or [])
        field = set(fields or [])

        def inside(h: PlaceHit, idx: SpanIndex) -> bool:
            return idx.covers(h.start, h.end + 1)  # in a name that goes on after the place

        kept, seats = [], set()
        for h in self.hits:
            if inside(h, firm) or (h.start, h.end) in field:
                continue
            if inside(h, body):
                seats.add(id(h))
            kept.append(h)
        self._seats = seats | {id(h) for h in organs or []}
        # a county's or a lower place's in a body's name (晋宁区农村信用合作联社, 甲村幼儿园) says where
        # the text is, when it narrows what the frame says; a province's or a city's (南通市委某办) does not
        self._in_names = {id(h) for h in kept if id(h) in seats}
        frame_hits = [h for h in kept if id(h) not in seats or _rank(h.place.level) >= _rank("county")]
        self._use([*kept, *(organs or [])], frame_hits=[*frame_hits, *(organs or [])])

    def _speaker_place(self, sent, pos: int) -> Place | None:  # type: ignore[no-untyped-def]
        """Inside a quotation, the place of the speaker named right after it (“…一桌喜宴400元…”在山东省诸城市
        枳沟镇乔庄社区昆阳馆，…说): the last place of the attribution, up to its sentence's end."""
        text = self.ctx.text
        para = self.ctx.structure.paragraphs[sent.paragraph]
        lo, hi = max(para.start, pos - _QUOTE_REACH), min(para.end, pos + _QUOTE_REACH)  # a quotation is short
        opened = text.rfind("“", lo, pos)
        if opened < 0 or text.rfind("”", opened, pos) >= 0:
            return None
        closed = text.find("”", pos, hi)
        if closed < 0:
            return None
        end = min(para.end, closed + 200)
        stop = min([k for k in (text.find(ch, closed, end) for ch in "。！？“") if k >= 0] or [end])
        lo, hi = bisect_left(self._starts, closed), bisect_left(self._starts, stop)
        return self.hits[hi - 1].place if hi > lo else None

    def _person_place(self, lo: int, pos: int, article: int | None) -> Place | None:
        """The place of the last person introduced with one (顾晓坤是…六街镇六街村致富带头人) whom the
        sentence names before the figure (…顾晓坤顺利通过了申请,不久便扩种了30亩羊肚菌)."""
        best: tuple[int, Place] | None = None
        n = bisect_left(self._people_at, pos)
        for at, name, place, art in self._people[max(0, n - _PEOPLE_RECALLED):n]:
            k = self.ctx.text.rfind(name, max(lo, at), pos)
            if k > at and art == article and (best is None or k > best[0]):
                best = (k, place)
        return best[1] if best else None

    def _with_siblings(self, i: int, lo: int) -> Place:
        """甲镇乙社区、丙社区…: places of one level under one parent, listed before a figure, are their
        parent (two of them joined by 、/和/与/及 make the list)."""
        h = self.hits[i]
        parent = h.place.path[:-1]
        if not parent:
            return h.place
        text = self.ctx.text
        same = [h]
        j = i - 1
        while j >= 0 and self.hits[j].start >= lo:
            p = self.hits[j].place
            if p.level == h.place.level and p.path[:-1] == parent:
                same.append(self.hits[j])
            j -= 1
        listed = any(text[b.end:a.start] in _LIST_JOINERS and a.place.name != b.place.name
                     for a, b in pairwise(same))
        if not listed:
            return h.place
        named = next((self.hits[k].place for k in range(i - 1, j, -1) if self.hits[k].place.path == parent), None)
        return named or _place_of_path(parent)

    def _below_frame(self, hit: PlaceHit, place: Place, pos: int) -> Place:
        """A body of a higher level acting where the whole article is (市委某办 in the community its title
        names): the figure keeps the more specific place of the frame."""
        if id(hit) not in self._seats:
            return place
        framed = self._framed(pos)
        if (framed is not None and framed.source in ("title", "lead") and len(framed.value.path) > len(place.path)
                and _contains(place, framed.value)):
            return framed.value
        return place

    def place_for(self, start: int, end: int) -> Place | None:
        return _figure_place(self._place_for(start, end))

    def _framed(self, pos: int) -> Stated | None:
        """The frame's place at ``pos``; its track is built here, when a figure first falls back on it (most
        of the organisations' early questions, before :meth:`set_org_spans`, are answered by their sentence)."""
        if self._pending is not None:
            self._frame_places()
        return self.frame.at("place", pos)

    def _frame_value(self, pos: int) -> Place | None:
        stated = self._framed(pos)
        return None if stated is None else stated.value

    def _place_for(self, start: int, end: int) -> Place | None:
        ctx, text = self.ctx, self.ctx.text
        sent = ctx.sentence_at(start)
        if sent is None:
            return self._frame_value(start)
        lo = sent.start
        i = bisect_right(self._starts, start) - 1
        while i >= 0 and self.hits[i].end > start:
            i -= 1
        if i >= 0 and self.hits[i].start >= lo:  # named before in the sentence
            mark = _LAST_CLAUSE_MARK.search(text, lo, start)
            clause = mark.end() if mark else lo
            if self.hits[i].start < clause and national_scope(text, clause, start):
                return None  # 全国31个省份…, 各地…: a nationwide statement has no place (the name is before its clause)
            return self._below_frame(self.hits[i], self._with_siblings(i, lo), start)
        if national_scope(text, lo, start):  # (a nationwide word of the clause is one of the sentence's too)
            return None
        j = bisect_left(self._starts, end)
        if j < len(self.hits) and self.hits[j].start < sent.end:
            while j + 1 < len(self.hits) and self.hits[j + 1].start == self.hits[j].end:
                j += 1  # 山东东营玉景社区: a run of names is one place, the last
            return self._below_frame(self.hits[j], self.hits[j].place, start)  # named later in the sentence
        said = self._speaker_place(sent, start)
        if said is not None:
            return said
        person = self._person_place(sent.start, start, ctx.article_at(start))
        if person is not None:
            return person
        return self._frame_value(start)  # what the article, section or paragraph is about here


def _contains(a: Place, b: Place) -> bool:
    """``a`` is ``b`` or a division above it."""
    return len(a.path) <= len(b.path) and b.path[:len(a.path)] == a.path


def _quotations(text: str) -> SpanIndex:
    return SpanIndex(m.span() for m in _QUOTATION.finditer(text))


_QUOTATION = re.compile(r"“[^“”\n]{1,400}”|「[^「」\n]{1,400}」")


def _place_of_path(path: list[str]) -> Place:
    """The Place a path names: the gazetteer's division when it has one, else the bare path."""
    for d in gazetteer().by_name.get(path[-1], []):
        p = _place(d)
        if p.path == path:
            return p
    return Place(name=path[-1], level=None, path=list(path), code=None)
