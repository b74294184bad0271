"""The discourse frame: what each article, section, paragraph and sentence of a document is about.

A news text states its place, acting body, programme and period once — in the title, the lead, a
heading, a paragraph's first sentence — and then reports figures that refer back to them. The frame
is computed once per document, in one pass per kind over the mentions in reading order; every linker
reads it when a figure's own clause and sentence are silent, instead of walking back over the text.

A value is *stated* somewhere (title, lead, heading or a sentence) and carries as far as its reach
(``data/discourse.toml``): the sentence, the paragraph, the section (up to the next heading) or the
article. Stating a value clears the narrower ones, so the frame in force at a sentence is the
narrowest value still alive. Each value keeps where it came from (:class:`Stated`).

Interface (normalised offsets):
  DiscourseFrame(ctx)                       sections and the lead of every article
  .add(kind, events)                        one track: "place", "organization", "programme", "period"
  .at(kind, pos) -> Stated | None           the value in force at the start of pos's sentence
  place_role(text, start, end, ...)         how a place mention stands in its sentence
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from .context import DocContext
from .datafiles import load_toml

REACHES = ("sentence", "paragraph", "section", "article")
_RANK = {r: i for i, r in enumerate(REACHES)}

# How a place mention stands in its sentence.
TOPIC = "topic"  # what the sentence is about: it moves the frame
PERSON = "person"  # a person's place (甲村村民李某): theirs, for their sentence
DESCRIBES = "describes"  # describes the place before it (甲村位于乙镇东部)
ELSEWHERE = "elsewhere"  # somewhere the text is not (赴甲省考察, 学习乙县经验)
COMPARED = "compared"  # a yardstick (保持全省前列, 高于全市平均)


@dataclass(frozen=True, slots=True)
class Stated:
    """A frame value and where the text stated it (``source``: title, lead, heading or sentence)."""

    value: Any
    source: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Event:
    """A value stated at ``start`` that carries as far as ``reach`` (or ``None``: the default for its
    place in the text: title and lead → article, heading → section)."""

    start: int
    end: int
    value: Any
    reach: str | None = None
    refines: bool = False  # only states something narrower than the value in force (a body's seat)


@dataclass(frozen=True, slots=True)
class _Rules:
    reach_title: str
    reach_lead: str
    reach_heading: str
    place_reach: dict[str, str]
    programme_reach: dict[str, str]
    place_reach_later: dict[str, str]
    body_reach: dict[str, str]
    describes_before: tuple[str, ...]
    elsewhere_before: tuple[str, ...]
    elsewhere_after: tuple[str, ...]
    ranked_after: regex.Pattern[str]
    person_after: tuple[str, ...]
    person_before: tuple[str, ...]
    speech_verbs: tuple[str, ...]
    national: regex.Pattern[str]


@cache
def rules() -> _Rules:
    d = load_toml("discourse.toml")
    r, p = d["reach"], d["place"]

    def longest(words: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(words, key=len, reverse=True))

    for reach in (r["title"], r["lead"], r["heading"], *r["place"].values(), *r["place_later"].values(),
                  *r["body"].values(), *r["programme"].values()):
        if reach not in _RANK:
            raise ValueError(f"discourse.toml: unknown reach {reach!r} (one of {', '.join(REACHES)})")
    return _Rules(r["title"], r["lead"], r["heading"], dict(r["place"]), dict(r["programme"]), dict(r["place_later"]),
                  dict(r["body"]),
                  longest(p["describes_before"]), longest(p["elsewhere_before"]), longest(p["elsewhere_after"]),
                  regex.compile(rf"[^，。；：！？、\n]{{0,{p['ranked_gap']}}}?(?:{'|'.join(map(regex.escape, longest(p['ranked_after'])))})"),
                  longest(p["person_after"]),
                  longest(p["person_before"]), longest(p["speech_verbs"]),
                  regex.compile("|".join(regex.escape(w) for w in longest(p["national"]))))


def place_role(text: str, start: int, end: int, prev_end: int | None, prev_is_place: bool) -> str:
    """How the place at ``text[start:end]`` stands: :data:`DESCRIBES` right after 位于/是… that follows
    another place, :data:`ELSEWHERE` after 赴/来自/学习… or before 考察时…, :data:`COMPARED` before a rank
    (全省前列), :data:`PERSON` before 村民/居民… or after 家住…, else :data:`TOPIC`. ``prev_end``: end of the place mention before it, if any."""
    r = rules()
    lo = max(0, start - 4)
    before = text[lo:start]
    describes, ranked, reach = _role_words()
    # a describing word is what lies between the place before and this one (looked up, not tried one by one)
    if prev_is_place and prev_end is not None and start - prev_end <= 4 and text[prev_end:start] in describes:
        return DESCRIBES
    if before.endswith(r.elsewhere_before) or text.startswith(r.elsewhere_after, end):
        return ELSEWHERE
    window = text[end:end + reach]  # a rank word lies within the gap's reach: the regex runs only if one is there
    if any(w in window for w in ranked) and r.ranked_after.match(text, end):
        return COMPARED
    if before.endswith(r.person_before) or text.startswith(r.person_after, end):
        return PERSON
    return TOPIC


@cache
def _role_words() -> tuple[frozenset[str], tuple[str, ...], int]:
    """The describing words as a set, the rank words, and how far after a place a rank word can end."""
    p = load_toml("discourse.toml")["place"]
    ranked = tuple(p["ranked_after"])
    return frozenset(p["describes_before"]), ranked, p["ranked_gap"] + max(map(len, ranked), default=0)


def national_scope(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` holds a word that makes its statement nationwide (全国, 各地)."""
    chunk = text[start:end]  # a few literal words: C substring tests beat the alternation's scan
    return any(w in chunk for w in _national_words())


@cache
def _national_words() -> tuple[str, ...]:
    return tuple(w for w in load_toml("discourse.toml")["place"]["national"] if w)


class DiscourseFrame:
    """Per document: the sections, the lead of each article, and one track per kind of value."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        st = ctx.structure
        self._starts = [s.start for s in st.sentences]
        # the heading that opens the section of each paragraph (-1: none), and each article's lead
        self.section: list[int] = []
        self.lead: dict[int, int] = {}
        title_paras: set[int] = set()
        for a in st.articles:
            if a.title is not None:
                title_paras.update(i for i, p in enumerate(st.paragraphs) if p.start == a.title[0])
        last = -1
        for i, p in enumerate(st.paragraphs):
            if i == 0 or p.article != st.paragraphs[i - 1].article:
                last = -1
            if p.heading and i not in title_paras:
                last = i
            self.section.append(last)
            if not p.heading and p.article not in self.lead:
                self.lead[p.article] = i
        self._title = title_paras
        self._tracks: dict[str, list[Stated | None]] = {}

    # -- where a position stands --------------------------------------------------------------

    def sentence_index(self, pos: int) -> int | None:
        return self.ctx.sentence_index(pos)

    def source_of(self, paragraph: int) -> str:
        """title, lead, heading or sentence: where a value stated in ``paragraph`` was stated."""
        p = self.ctx.structure.paragraphs[paragraph]
        if paragraph in self._title:
            return "title"
        if p.heading:
            return "heading"
        if self.lead.get(p.article) == paragraph:
            return "lead"
        return "sentence"

    def default_reach(self, source: str) -> str | None:
        r = rules()
        return {"title": r.reach_title, "lead": r.reach_lead, "heading": r.reach_heading}.get(source)

    # -- tracks -----------------------------------------------------------------------------------

    def add(self, kind: str, events: Iterable[Event], wider: Callable[[Any, Any], bool] | None = None,
            reaches: dict[str, str] | None = None) -> None:
        """Build the track of ``kind`` from its events (any order): one pass over the sentences.
        ``wider(a, b)``: ``a`` contains ``b`` — a refining event never replaces a narrower value.
        ``reaches``: this kind's own reach by source (title, lead, heading), over the defaults."""
        sents = self.ctx.structure.sentences
        by_sentence: dict[int, list[Event]] = {}
        header: dict[int, list[Event]] = {}  # stated outside any sentence (a dateline): from the next one on
        for ev in events:
            k = self.sentence_index(ev.start)
            if k is not None:
                by_sentence.setdefault(k, []).append(ev)
            elif (n := bisect_right(self._starts, ev.start)) < len(sents) and ev.reach:
                header.setdefault(n, []).append(ev)
        out: list[Stated | None] = [None] * len(sents)
        alive: dict[str, Stated | None] = {r: None for r in REACHES[1:]}
        prev = None
        for k, s in enumerate(sents):
            if prev is None or s.article != prev.article:
                alive = {r: None for r in REACHES[1:]}
            elif s.paragraph != prev.paragraph:
                alive["paragraph"] = None
                if self.section[s.paragraph] != self.section[prev.paragraph]:
                    alive["section"] = None
            if k in header:
                for ev in header[k]:
                    if alive["article"] is None:
                        alive[ev.reach or "article"] = Stated(ev.value, "dateline", ev.start, ev.end)
            out[k] = alive["paragraph"] or alive["section"] or alive["article"]
            if k not in by_sentence:  # (most sentences state nothing)
                prev = s
                continue
            for ev in sorted(by_sentence[k], key=lambda e: e.start):
                now = alive["paragraph"] or alive["section"] or alive["article"]
                if ev.refines and now is not None and wider is not None and wider(ev.value, now.value):
                    continue
                source = self.source_of(s.paragraph)
                reach = (reaches or {}).get(source) or self.default_reach(source) or ev.reach or "sentence"
                if reach == "sentence":
                    continue
                for r in REACHES[1:_RANK[reach]]:
                    alive[r] = None  # a wider statement replaces the narrower ones
                alive[reach] = Stated(ev.value, source, ev.start, ev.end)
            prev = s
        self._tracks[kind] = out

    def at(self, kind: str, pos: int) -> Stated | None:
        """The value of ``kind`` in force at the start of the sentence holding ``pos``."""
        track = self._tracks.get(kind)
        if track is None:
            return None
        k = self.sentence_index(pos)
        if k is None:
            k = bisect_right(self._starts, pos) - 1
            if k < 0 or self.ctx.structure.sentences[k].article != self.ctx.article_at(pos):
                return None
            return track[k + 1] if k + 1 < len(track) else None
        return track[k]

    def value(self, kind: str, pos: int) -> Any:
        stated = self.at(kind, pos)
        return None if stated is None else stated.value

    def opens_paragraph(self, pos: int) -> bool:
        """``pos`` stands in the first sentence of its paragraph."""
        k = self.sentence_index(pos)
        sents = self.ctx.structure.sentences
        return k is not None and (k == 0 or sents[k - 1].paragraph != sents[k].paragraph)

    def in_lead_or_title(self, pos: int) -> bool:
        k = self.sentence_index(pos)
        if k is None:
            return False
        return self.source_of(self.ctx.structure.sentences[k].paragraph) in ("title", "lead")
