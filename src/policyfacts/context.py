"""What every recogniser and linker of one document shares: the working text and its structure."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from .text.normalize import NormalizedText
from .text.structure import DocumentStructure, Sentence


@dataclass(slots=True)
class DocContext:
    doc_id: str
    norm: NormalizedText
    structure: DocumentStructure
    published: date | None
    _sent_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._sent_starts = [s.start for s in self.structure.sentences]

    @property
    def text(self) -> str:
        """The normalised working text (simplified script, canonical punctuation)."""
        return self.norm.text

    def sentence_index(self, pos: int) -> int | None:
        i = bisect_right(self._sent_starts, pos) - 1
        if i >= 0 and pos < self.structure.sentences[i].end:
            return i
        return None

    def sentence_at(self, pos: int) -> Sentence | None:
        i = self.sentence_index(pos)
        return None if i is None else self.structure.sentences[i]

    def article_at(self, pos: int) -> int:
        for i, a in enumerate(self.structure.articles):
            if a.start <= pos < max(a.end, a.start + 1):
                return i
        return max(0, len(self.structure.articles) - 1)

    def in_metadata(self, start: int, end: int) -> bool:
        return self.structure.in_metadata(start, end)
