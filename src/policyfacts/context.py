"""What every recogniser and linker of one document shares: the working text and its structure."""

from __future__ import annotations

from array import array
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from .text.normalize import NormalizedText
from .text.structure import DocumentStructure, Sentence

_INDEXED = 2_000_000  # 8 MB of index at most; a longer text bisects


@dataclass(slots=True)
class DocContext:
    doc_id: str
    norm: NormalizedText
    structure: DocumentStructure
    published: date | None
    _sent_starts: list[int] = field(default_factory=list, repr=False)
    _article_starts: list[int] = field(default_factory=list, repr=False)
    _last_heading: list[int] = field(default_factory=list, repr=False)
    # sentence index per position (-1 outside every sentence), for texts up to _INDEXED characters: a lookup
    # instead of a bisection, for the tens of thousands of queries a document's rules make
    _sent_of: array | None = field(default=None, repr=False)
    # the normalised working text (simplified script, canonical punctuation): ``norm.text``, held as a plain
    # attribute because every rule reads it, often per character (a property cost ~1% of extract)
    text: str = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.text = self.norm.text
        self._sent_starts = [s.start for s in self.structure.sentences]
        self._article_starts = [a.start for a in self.structure.articles]
        last = -1
        for i, p in enumerate(self.structure.paragraphs):
            if p.heading:
                last = i
            self._last_heading.append(last)
        n = len(self.text)
        if n <= _INDEXED:
            of = array("i", [-1]) * n
            for k, sent in enumerate(self.structure.sentences):
                if sent.end > sent.start:
                    of[sent.start:sent.end] = array("i", [k]) * (sent.end - sent.start)
            self._sent_of = of

    def heading_before(self, paragraph: int) -> int | None:
        """Index of the nearest heading paragraph at or before ``paragraph``."""
        if 0 <= paragraph < len(self._last_heading) and self._last_heading[paragraph] >= 0:
            return self._last_heading[paragraph]
        return None

    def sentence_index(self, pos: int) -> int | None:
        of = self._sent_of
        if of is not None:
            if 0 <= pos < len(of):
                i = of[pos]
                return None if i < 0 else i
            return None
        i = bisect_right(self._sent_starts, pos) - 1
        if i >= 0 and pos < self.structure.sentences[i].end:
            return i
        return None

    def sentence_at(self, pos: int) -> Sentence | None:
        of = self._sent_of
        if of is not None:
            i = of[pos] if 0 <= pos < len(of) else -1
            return None if i < 0 else self.structure.sentences[i]
        i = self.sentence_index(pos)
        return None if i is None else self.structure.sentences[i]

    def sentences_before(self, pos: int, n: int) -> list[Sentence]:
        """Up to ``n`` sentences before the one holding ``pos``, nearest first, within its article."""
        k = self.sentence_index(pos)
        if k is None:
            return []
        sents = self.structure.sentences
        out = []
        for prev in reversed(sents[max(0, k - n):k]):
            if prev.article != sents[k].article:
                break
            out.append(prev)
        return out

    def article_at(self, pos: int) -> int:
        """Index of the article holding ``pos`` (text before the first article counts as the first)."""
        return max(0, bisect_right(self._article_starts, pos) - 1)

    def in_metadata(self, start: int, end: int) -> bool:
        return self.structure.in_metadata(start, end)
