"""Document warnings: what the facts alone would hide (a long article with no fact, a text that is
mostly page metadata), so that no document is lost without a word. Thresholds: ``[warnings]`` in
``data/structure.toml``."""

from __future__ import annotations

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


def document_warnings(text: str, structure: DocumentStructure, n_facts: int) -> list[DocumentWarning]:
    """Warnings for one document (``text`` is the normalised text ``structure`` describes)."""
    min_han, share = _limits()
    out: list[DocumentWarning] = []
    if n_facts == 0:
        han = _count(_HAN, text)
        if han >= min_han:
            out.append(DocumentWarning(code="no_facts", message=f"{han} Han characters and no fact"))
    index = SpanIndex(structure.metadata_spans)
    meta_chars = sum(e - s - _count(_SPACE, text[s:e]) for s, e in zip(index.starts, index.ends, strict=True))
    if meta_chars:
        solid = len(text) - _count(_SPACE, text)
        if solid and meta_chars / solid > share:
            out.append(DocumentWarning(
                code="mostly_metadata",
                message=f"page metadata covers {meta_chars / solid:.0%} of the text ({meta_chars} of {solid} characters)"))
    return out
