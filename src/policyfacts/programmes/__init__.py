"""Named programmes: recognition by quote/book-title cues and head nouns, grouping, and linking figures.

Interface used by the pipeline (normalised offsets throughout):
  recognise_programmes(ctx) -> list[ProgrammeHit]   (every mention, each with its normalised name)
  ProgrammeLinker(ctx, hits).programme_for(start, end) -> str | None
  ProgrammeLinker.blocked_spans() -> spans whose numerals are part of names, never counts

Cues, heads and frames are data (``data/programmes.toml``); ``recognise`` finds the mentions and
``link`` ties figures to them.
"""

from .link import ProgrammeLinker
from .recognise import ProgrammeHit, find_aliases, recognise_programmes
from .rules import normalise_name, rules

__all__ = ["ProgrammeHit", "ProgrammeLinker", "find_aliases", "normalise_name", "recognise_programmes", "rules"]
