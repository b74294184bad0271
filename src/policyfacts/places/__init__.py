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

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..context import DocContext
from ..models import Place
from ..text.chars import is_han
from ..text.lexicon import lexicon
from .gazetteer import LEVEL_RANK, Division, county_of_village, gazetteer, rules
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


@lru_cache(maxsize=8192)
def _place(d: Division) -> Place:
    """One shared Place per division (built once: pydantic construction is the cost here)."""
    g = gazetteer()
    chain = g.path(d)
    return Place(name=d.name, level=d.level, path=[x.name for x in chain], code=d.code)  # type: ignore[arg-type]


def _chain_of(p: Place) -> list[Place]:
    """The places of ``p``'s path, each as its own Place (codes from the gazetteer where they exist)."""
    g = gazetteer()
    out: list[Place] = []
    if p.code:
        for d in g.path(g.by_code[p.code]):
            out.append(_place(d))
        extra = p.path[len(out):]
    else:
        extra = p.path
    for i, name in enumerate(extra):
        is_last = i == len(extra) - 1
        out.append(Place(name=name, level=p.level if is_last else None,
                         path=[x.name for x in out] + [name], code=None))
    return out


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

    def resolve(self, m: Mention) -> tuple[Place | None, bool]:
        if m.kind == "anaphora":
            return self._anaphora(m.name), False
        if m.name in self.seen and m.kind in ("pattern", "zone"):
            self.chain = list(self.seen[m.name])
            return self.chain[-1], False
        if m.kind == "gazetteer":
            d, ambiguous, backed = _choose(m.candidates, self.chain)
            if m.weak and not backed:
                return None, False
            if d is not None and not ambiguous:
                p = _place(d)
                self.chain = _chain_of(p)
                return p, False
            if d is not None:
                return Place(name=d.name, level=d.level, path=[], code=None), True  # type: ignore[arg-type]
            # a township name the gazetteer can't place here: hang it under the chain like a pattern name
            return self._attach(m.name, m.candidates[0].level if m.candidates else "township"), False
        if m.kind == "zone" and m.candidates:
            d, ambiguous, _ = _choose(m.candidates, self.chain)
            if d is None or ambiguous:
                return Place(name=m.name, level="zone", path=[], code=None), True
            parent = _chain_of(_place(d))
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
                base = _chain_of(_place(gazetteer().by_code[county]))
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
                self.chain = self.chain[: i + 1]
                return self.chain[-1]
        # 本村 after a passing mention of a city (兰州来的客人): the village named before, if it lies there
        here = self.chain[-1].path if self.chain else []
        for chain in reversed(list(self.seen.values())):
            if means(chain[-1].name) and chain[-1].path[: len(here)] == here:
                self.chain = list(chain)
                return self.chain[-1]
        return None


def recognise_places(ctx: DocContext) -> list[PlaceHit]:
    """Every place mention of the document, resolved in reading order, article by article."""
    hits: list[PlaceHit] = []
    text = ctx.text
    for ai, art in enumerate(ctx.structure.articles):
        resolver = _Resolver()
        meta = [(s, e) for s, e in ctx.structure.metadata_spans if s < art.end and e > art.start]
        quoted = [q.span(1) for q in _SHORT_QUOTE.finditer(text, art.start, art.end)]
        starts = [a for a, _ in quoted]
        for m in find_mentions(text, art.start, art.end, skip=meta):
            k = bisect_right(starts, m.start) - 1
            if k >= 0 and m.end <= quoted[k][1] and (m.start, m.end) != quoted[k]:
                continue  # part of a quoted name (“浦江经验”), not a place the text is about
            place, ambiguous = resolver.resolve(m)
            if place is None:
                continue
            hits.append(PlaceHit(m.start, m.end, place, ambiguous, m.kind, ai))
    return hits


# A short quoted term: a place inside it is part of a name (“浦江经验”, “平安诸暨”); a quote that is only
# the place's name still names the place.
_SHORT_QUOTE = regex.compile(r"[“‘]([^“”‘’\n，。！？；：、]{2,10})[”’]")


_NOT_NAMES = set("这那该此其他她它我你们这里目前如今现在")


_PEOPLE_RECALLED = 16  # the people introduced last before a figure that may be the one it is about


def _people(text: str, hits: list[PlaceHit]) -> list[tuple[int, str, Place, int]]:
    """People the text introduces with their place: NAME是PLACE… (顾晓坤是云南省昆明市晋宁区六街镇六街村
    致富带头人) → (where, name, the place at the end of that run of names, article), in text order. A name
    is two or three characters opening a clause that the dictionary doesn't know as a word."""
    freq = lexicon()[1]
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


class PlaceLinker:
    """The place a fact is about: its sentence's latest place before it, else the article's place so far."""

    def __init__(self, ctx: DocContext, hits: list[PlaceHit]) -> None:
        self.ctx = ctx
        compared = tuple(rules()["comparison"]["before"])
        # 高于全省平均水平: the place compared with is not the place a figure is about
        self.hits = [h for h in hits if not h.ambiguous and not ctx.text.endswith(compared, max(0, h.start - 2), h.start)]
        self._starts = [h.start for h in self.hits]
        self.topic = self.hits
        self._topic_starts = self._starts
        self._people = _people(ctx.text, self.hits)
        self._people_at = [p[0] for p in self._people]

    def set_org_spans(self, spans: list[tuple[int, int]], organs: list[PlaceHit] | None = None) -> None:
        """Places inside organisation names (沈阳市公安局) qualify the body, not what the text is about next;
        a level-prefixed organ (省政府) names its place for its own sentence."""
        starts = sorted(spans)
        keys = [s for s, _ in starts]

        def inside(h: PlaceHit) -> bool:
            k = bisect_right(keys, h.start) - 1
            return k >= 0 and starts[k][0] <= h.start and h.end <= starts[k][1] and h.end < starts[k][1]

        self.topic = [h for h in self.hits if not inside(h)]
        self._topic_starts = [h.start for h in self.topic]
        if organs:
            self.hits = sorted([*self.hits, *organs], key=lambda h: h.start)
            self._starts = [h.start for h in self.hits]

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

    def place_for(self, start: int, end: int) -> Place | None:
        art = self.ctx.article_at(start)
        sent = self.ctx.sentence_at(start)
        lo = sent.start if sent is not None else start
        i = bisect_right(self._starts, start) - 1
        while i >= 0 and self.hits[i].end > start:
            i -= 1
        if i >= 0 and self.hits[i].start >= lo:
            return self.hits[i].place  # named earlier in the same sentence
        if sent is not None:
            j = bisect_left(self._starts, end)
            if j < len(self.hits) and self.hits[j].start < sent.end:
                while j + 1 < len(self.hits) and self.hits[j + 1].start == self.hits[j].end:
                    j += 1  # 山东东营玉景社区: a run of names is one place, the last
                return self.hits[j].place  # named later in the same sentence
            said = self._speaker_place(sent, start)
            if said is not None:
                return said
            person = self._person_place(sent.start, start, art)
            if person is not None:
                return person
        k = bisect_right(self._topic_starts, start) - 1
        while k >= 0 and self.topic[k].end > start:
            k -= 1
        if k >= 0 and self.topic[k].article == art:
            return self.topic[k].place  # what the article is about at this point
        return None
