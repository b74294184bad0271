"""Named programmes: recognition by quote/book-title cues and head nouns, grouping, and linking figures.

Interface used by the pipeline (normalised offsets throughout):
  recognise_programmes(ctx) -> list[ProgrammeHit]   (every mention, each with its normalised name)
  ProgrammeLinker(ctx, hits).programme_for(start, end) -> str | None
  ProgrammeLinker.blocked_spans() -> spans whose numerals are part of names, never counts
"""

from __future__ import annotations

from dataclasses import dataclass

from ..context import DocContext


@dataclass(slots=True)
class ProgrammeHit:
    start: int
    end: int
    name: str
    kind: str | None = None


def recognise_programmes(ctx: DocContext) -> list[ProgrammeHit]:
    return []


class ProgrammeLinker:
    def __init__(self, ctx: DocContext, hits: list[ProgrammeHit]) -> None:
        self.ctx = ctx
        self.hits = hits

    def programme_for(self, start: int, end: int) -> str | None:
        return None

    def blocked_spans(self) -> list[tuple[int, int]]:
        return [(h.start, h.end) for h in self.hits]
