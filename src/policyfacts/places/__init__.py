"""Places: gazetteer lookup, sub-county patterns, and resolution of a fact's place through the article.

Interface used by the pipeline (normalised offsets throughout):
  recognise_places(ctx) -> list[PlaceHit]
  PlaceLinker(ctx, hits).place_for(start, end) -> Place | None
"""

from __future__ import annotations

from dataclasses import dataclass

from ..context import DocContext
from ..models import Place


@dataclass(slots=True)
class PlaceHit:
    start: int
    end: int
    place: Place
    ambiguous: bool = False


def recognise_places(ctx: DocContext) -> list[PlaceHit]:
    return []


class PlaceLinker:
    def __init__(self, ctx: DocContext, hits: list[PlaceHit]) -> None:
        self.ctx = ctx
        self.hits = hits

    def place_for(self, start: int, end: int) -> Place | None:
        return None
