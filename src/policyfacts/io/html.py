"""HTML pages → main text plus metadata, with trafilatura (optional extra ``policyfacts[html]``).

trafilatura drops navigation, footers and comments, so counts in menus ("共12条") don't become facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..errors import EmptyDocumentError, MissingExtraError

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
_SNIFF = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_AUTHOR_SPLIT = re.compile(r"\s*[;；,，、]\s*")


@dataclass(slots=True)
class HtmlText:
    """Main text of a page and the metadata trafilatura found."""

    text: str
    title: str | None = None
    published: date | None = None
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None


def looks_like_html(data: bytes | str, suffix: str = "") -> bool:
    """True for an ``.html``/``.htm`` suffix, or markup tags in the first 2 KB."""
    if suffix.lower() in HTML_SUFFIXES:
        return True
    head = data[:2048]
    if isinstance(head, str):
        head = head.encode("utf-8", "ignore")
    head = head.replace(b"\x00", b"")  # UTF-16 pages
    return _SNIFF.search(head) is not None


def _trafilatura() -> Any:
    try:
        import trafilatura
    except ImportError as exc:
        raise MissingExtraError(
            f"HTML input needs the optional extra: pip install 'policyfacts[html]' ({exc})") from exc
    return trafilatura


def _as_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def html_to_text(html: str, *, path: str | None = None, url: str | None = None) -> HtmlText:
    """Extract the main text; the title becomes the first line so it is analysed as the article title."""
    trafilatura = _trafilatura()
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=True)
    if doc is None:
        raise EmptyDocumentError("no main text found in the HTML page", path)
    meta = doc if isinstance(doc, dict) else doc.as_dict()
    body = (meta.get("text") or "").strip()
    title = (meta.get("title") or "").strip() or None
    if not body and not title:
        raise EmptyDocumentError("no main text found in the HTML page", path)
    text = body
    if title and not body.startswith(title):
        text = f"{title}\n\n{body}" if body else title
    authors = [a for a in _AUTHOR_SPLIT.split(meta.get("author") or "") if a]
    return HtmlText(text=text, title=title, published=_as_date(meta.get("date")), authors=authors,
                    outlet=(meta.get("sitename") or None))
