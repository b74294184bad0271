"""Document warnings: what the facts alone would hide (a long article with no fact, a text that is
mostly page metadata), so that no document is lost without a word. Thresholds: ``[warnings]`` in
``data/structure.toml``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from .datafiles import load_toml
from .models import DocumentWarning
from .text.spans import SpanIndex
from .text.structure import DocumentStructure

_HAN = regex.compile(r"\p{Han}")
_SPACE = regex.compile(r"\s")


@cache
def _limits() -> tuple[int, float]:
    raw = load_toml("structure.toml").get("warnings", {})
    return int(raw.get("no_facts_min_han", 300)), float(raw.get("metadata_share", 0.5))


def _count(pattern: regex.Pattern[str], text: str) -> int:
    return sum(1 for _ in pattern.finditer(text))


@dataclass(slots=True)
class WarningCounts:
    """What the warnings are judged on, added up over a document read in windows (text.windows)."""

    han: int = 0  # Han characters of the windows with no fact (all of them when the document has none)
    metadata: int = 0  # non-space characters of page metadata
    solid: int = 0  # non-space characters

    def add(self, text: str, structure: DocumentStructure, n_facts: int) -> None:
        """Count one window (``text`` is the normalised text ``structure`` describes)."""
        if n_facts == 0:
            self.han += _count(_HAN, text)
        index = SpanIndex(structure.metadata_spans)
        self.metadata += sum(e - s - _count(_SPACE, text[s:e]) for s, e in zip(index.starts, index.ends, strict=True))
        self.solid += len(text) - _count(_SPACE, text)

    def warnings(self, n_facts: int) -> list[DocumentWarning]:
        min_han, share = _limits()
        out: list[DocumentWarning] = []
        if n_facts == 0 and self.han >= min_han:
            out.append(DocumentWarning(code="no_facts", message=f"{self.han} Han characters and no fact"))
        if self.metadata and self.solid and self.metadata / self.solid > share:
            out.append(DocumentWarning(
                code="mostly_metadata",
                message=f"page metadata covers {self.metadata / self.solid:.0%} of the text "
                        f"({self.metadata} of {self.solid} characters)"))
        return out
