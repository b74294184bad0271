"""Where a huge document is cut: at article starts, so that it can be read a window at a time.

An archive or a month of a paper in one file is read in windows of whole articles, so that memory
follows the window, not the document (the recognisers' hit lists, the normalised text and its
structure are per window). A cut is an article start that :func:`structure.analyse` finds on a chunk
reaching ``margin`` characters past it, so the analysis of the text before the cut ends there and
the analysis of the text after it begins a new article there, as in one reading of the whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .normalize import NormalizedText, normalize
from .structure import DocumentStructure, analyse

# Windows of about this many characters (~1 MB of UTF-8): peak memory per window stays ~30 MB. A text
# under 1.5 windows is read whole.
WINDOW_CHARS = 400_000
_MARGIN = 20_000  # how far past a cut the chunk reaches: the lines that decide an article start there


@dataclass(frozen=True, slots=True)
class Windows:
    spans: tuple[tuple[int, int], ...]  # (start, end) in the original text, in order, covering it
    published: date | None  # the publication date the whole text's metadata gives (best-ranked line)


def plan_windows(text: str, size: int | None = None, margin: int = _MARGIN) -> Windows:
    """Cut ``text`` (original) into windows of whole articles of about ``size`` characters.

    Where no article starts within a window's reach, the reach doubles until one does (an article
    longer than a window is read whole). The metadata of every chunk is read, so the document's date
    is the one a reading of the whole gives (the best-ranked metadata line, the first of equals)."""
    size = size or WINDOW_CHARS
    n = len(text)
    if n <= size * 3 // 2:
        return Windows(((0, n),), None)
    spans: list[tuple[int, int]] = []
    published: date | None = None
    rank = 99
    start = 0
    while start < n:
        reach = size
        while True:
            last = n - start <= reach * 3 // 2
            end = n if last else _line_end(text, start + reach + margin)
            norm = normalize(text[start:end])
            structure = analyse(norm.text, opens_article=start > 0)
            meta = structure.meta
            if meta.published is not None and meta._priority < rank:
                published, rank = meta.published, meta._priority
            cut = None if last else _last_article_start(norm, structure, reach)
            if last or cut is not None:
                break
            reach *= 2
        if cut is None:
            spans.append((start, n))
            break
        spans.append((start, start + cut))
        start += cut
    return Windows(tuple(spans), published)


def _line_end(text: str, pos: int) -> int:
    """The end of the line holding ``pos``: a chunk never ends mid-line (a metadata line read in half
    could give a wrong date)."""
    nl = text.find("\n", pos)
    return len(text) if nl < 0 else nl + 1


def _last_article_start(norm: NormalizedText, structure: DocumentStructure, reach: int) -> int | None:
    """The last article start within ``reach`` of the chunk's start (chunk offsets, original text)."""
    best = None
    for a in structure.articles[1:]:
        at = norm.to_original(a.start, a.start)[0]
        if 0 < at <= reach:
            best = at
    return best
