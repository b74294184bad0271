"""HTML views of extraction results (notebooks, ``policyfacts show``): at the edge, never imported by the core."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .html import (
    fact_details,
    fact_repr,
    fact_table,
    fact_tooltip,
    format_value,
    highlight,
    render_document,
    render_fact,
    render_report,
)

__all__ = [
    "fact_details",
    "fact_repr",
    "fact_table",
    "fact_tooltip",
    "format_value",
    "highlight",
    "render_document",
    "render_fact",
    "render_report",
    "write_report",
]


if TYPE_CHECKING:
    from ..models import DocumentFacts


def write_report(docs: Iterable[DocumentFacts], path: str | Path, *, title: str = "policyfacts report") -> int:
    """Write :func:`render_report` of ``docs`` to ``path`` (UTF-8); return the number of facts."""
    docs = list(docs)
    Path(path).write_text(render_report(docs, title=title), encoding="utf-8")
    return sum(len(d.facts) for d in docs)
