"""Organisations: recognition by suffix rules over place prefixes, and linking facts to them.

Interface used by the pipeline (normalised offsets throughout):
  recognise_organizations(ctx, places) -> list[OrgHit]
  OrgLinker(ctx, hits).organization_for(start, end) -> Organization | None
"""

from __future__ import annotations

from dataclasses import dataclass

from ..context import DocContext
from ..models import Organization
from ..places import PlaceLinker


@dataclass(slots=True)
class OrgHit:
    start: int
    end: int
    organization: Organization


def recognise_organizations(ctx: DocContext, places: PlaceLinker) -> list[OrgHit]:
    return []


class OrgLinker:
    def __init__(self, ctx: DocContext, hits: list[OrgHit]) -> None:
        self.ctx = ctx
        self.hits = hits

    def organization_for(self, start: int, end: int) -> Organization | None:
        return None
