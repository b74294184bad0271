"""Split a normalised document into articles, paragraphs and sentences, and read its metadata lines.

Works on the normalised text (see ``normalize``); every position here is a
normalised offset. Patterns live in ``data/structure.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import regex

from ..datafiles import load_toml
from .metadata import (
    Metadata,
    MetaItem,
    holds_one_of_each,
    line_items,
    line_masks,
    literal_needs,
    split_names,
)
from .spans import SpanIndex

_SENT_END = "。！？!?"
_CLOSERS = "”’」』）)】\"'"
# re, not regex: literal classes only (no \d, \w, \s), which re tests by a bitmap, regex member by member
_SENTENCE = re.compile(rf"[^{_SENT_END}\n]*(?:[{_SENT_END}]+[{_CLOSERS}]*|$)")
# A line break is layout, not a paragraph end, when the line runs on mid-sentence.
_SOFT_MIN_LINE = 24
_HARD_LINE_END = set(_SENT_END + _CLOSERS + "：:…—*】|") | {"；"}


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int
    article: int


@dataclass(slots=True)
class Paragraph:
    start: int
    end: int
    article: int
    heading: bool = False


@dataclass(slots=True)
class ArticleBlock:
    start: int
    end: int
    title: tuple[int, int] | None = None


@dataclass(slots=True)
class DocumentStructure:
    articles: list[ArticleBlock]
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    metadata_spans: list[tuple[int, int]]
    meta: Metadata
    _meta_index: SpanIndex | None = None

    def in_metadata(self, start: int, end: int) -> bool:
        """Any of ``[start, end)`` is metadata: a mention that runs out of a header into the body
        (``…08:30`` + ``本报…`` → ``30本``) is no mention."""
        if not self.metadata_spans:
            return False  # a page without metadata (asked for each candidate mention): no index to build
        if self._meta_index is None:
            self._meta_index = SpanIndex(self.metadata_spans)
        return self._meta_index.overlaps(start, end)


@cache
def _rules() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    raw = load_toml("structure.toml")
    sep = regex.compile(raw["article_separator"])
    credit = regex.compile(raw["inline_credit"]["pattern"])
    return sep, credit, regex.compile(raw["paragraphs"]["marker"])


@cache
def _separator_needs() -> tuple[frozenset[str], ...]:
    """Sets of characters a separator line holds one of each of."""
    return literal_needs(_rules()[0].pattern)


def _held_needs(text: str, needs: tuple[frozenset[str], ...]) -> tuple[tuple[str, ...], ...] | None:
    """The needs' characters ``text`` holds, for lines of it to be tested on; None when the
    text lacks all of one set: no line of it can match (a few ``in`` tests per text; a line is then tested by
    ``holds_one_of_each``)."""
    held = tuple(tuple(c for c in sorted(n) if c in text) for n in needs)
    return held if all(held) else None


@cache
def _inline_heading() -> regex.Pattern[str]:
    return regex.compile(load_toml("structure.toml")["paragraphs"]["inline_heading"])


def _split_inline_headings(text: str, paragraphs: list[Paragraph]) -> list[Paragraph]:
    """A section heading that a scraper ran into a body line (…提出意见。 一、2023年工作回顾 一年来，…) is
    a heading paragraph of its own, and the text after it a new paragraph."""
    pattern = _inline_heading()
    out: list[Paragraph] = []
    for p in paragraphs:
        if p.heading:
            out.append(p)
            continue
        at = p.start
        for m in pattern.finditer(text, p.start, p.end):
            hs, he = m.span("h")
            if hs > at and text[at:hs].strip():
                out.append(Paragraph(at, _rstrip_pos(text, at, hs), p.article))
            out.append(Paragraph(hs, he, p.article, True))
            at = he
            while at < p.end and text[at].isspace():
                at += 1
        if at == p.start:
            out.append(p)
        elif at < p.end:
            out.append(Paragraph(at, p.end, p.article))
    return out


def _lines(text: str) -> Iterator[tuple[int, int]]:
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line)
        pos += len(line) + 1


def _pieces(text: str, metadata_spans: list[tuple[int, int]],
            meta: Metadata) -> Iterator[tuple[int, int, MetaItem | None]]:
    """Each line, cut at its metadata items: (start, end, item) for an item, (start, end, None) for the
    text between. A line of metadata items only (and spaces) is recorded whole in ``metadata_spans``;
    an item that only dates the page (``fact``) goes to ``meta`` and leaves its line whole."""
    for (ls, le), held in zip(_lines(text), line_masks(text), strict=True):
        items = line_items(text, ls, le, held) if text[ls:le].strip() else []
        for it in items:
            if it.rule.fact:
                meta.add(it)
        items = [it for it in items if not it.rule.fact]
        if not items:
            yield ls, le, None
            continue
        gaps = []
        pos = ls
        for it in items:
            gaps.append((pos, it.start))
            pos = it.end
        gaps.append((pos, le))
        only_meta = not any(text[a:b].strip() for a, b in gaps)
        if only_meta:
            metadata_spans.append((ls, le))
        else:
            metadata_spans.extend((it.start, it.end) for it in items)
        for (a, b), it in zip(gaps, [*items, None], strict=True):
            if text[a:b].strip():
                yield a, b, None
            if it is not None:
                yield it.start, it.end, it


def analyse(text: str, opens_article: bool = False) -> DocumentStructure:
    """``opens_article``: the text is a window cut at an article start (text.windows), so its first article
    starts at 0, metadata lines included, as in a reading of the whole document."""
    sep, credit, marker = _rules()
    sep_held = _held_needs(text, _separator_needs())  # a line lacking them is no separator: not searched
    meta = Metadata()
    metadata_spans: list[tuple[int, int]] = []
    articles: list[ArticleBlock] = []
    paragraphs: list[Paragraph] = []
    cur_article: ArticleBlock | None = None
    para_start: int | None = None
    para_end = 0
    prev_soft = False
    first_para = [0]  # index of the current article's first paragraph

    def close_paragraph() -> None:
        nonlocal para_start
        if para_start is not None and cur_article is not None:
            body = text[para_start:para_end]
            heading = len(body) <= 40 and not any(c in body for c in "。！？")
            paragraphs.append(Paragraph(para_start, para_end, len(articles) - 1, heading))
            if cur_article.title is None and heading and first_para[0] == len(paragraphs) - 1:
                cur_article.title = (para_start, para_end)
        para_start = None

    def new_article(at: int) -> ArticleBlock:
        nonlocal cur_article
        close_paragraph()
        if cur_article is not None:
            cur_article.end = max(cur_article.start, _rstrip_pos(text, cur_article.start, at))
        cur_article = ArticleBlock(at, len(text))
        articles.append(cur_article)
        first_para[0] = len(paragraphs)
        return cur_article

    if opens_article:
        new_article(0)
    for ls, le, item in _pieces(text, metadata_spans, meta):
        line = text[ls:le]
        stripped = line.strip()
        if not stripped:
            if not prev_soft:
                close_paragraph()
            continue
        if item is not None:
            close_paragraph()
            prev_soft = False
            meta.add(item)
            # A byline right under a heading, after other text: that heading titles a new article.
            if item.rule.name == "byline" and len(paragraphs) >= 2 and paragraphs[-1].heading:
                head = paragraphs[-1]
                body_before = any(not q.heading for q in paragraphs[first_para[0]:-1])
                if head.article == len(articles) - 1 and body_before and cur_article is not None:
                    paragraphs.pop()
                    new_article(head.start)
                    paragraphs.append(Paragraph(head.start, head.end, len(articles) - 1, True))
                    cur_article.title = (head.start, head.end)
            # A repost header opens an article; a print footer closes one.
            if item.rule.name == "repost_header" and cur_article is not None and paragraphs and paragraphs[-1].article == len(articles) - 1:
                new_article(ls)
            continue
        sm = sep.search(line) if sep_held is not None and holds_one_of_each(sep_held, line) else None
        if sm:
            title_part = line[: sm.start()].strip()
            if cur_article is None or (paragraphs and paragraphs[-1].article == len(articles) - 1) or para_start is not None:
                new_article(ls)
            elif cur_article is not None and para_start is None:
                cur_article.start = min(cur_article.start, ls)
            if title_part:
                off = ls + line.index(title_part)
                paragraphs.append(Paragraph(off, off + len(title_part), len(articles) - 1, True))
                assert cur_article is not None
                cur_article.title = (off, off + len(title_part))
            metadata_spans.append((ls + sm.start(), le))
            prev_soft = False
            continue
        if cur_article is None:
            new_article(ls)
        if prev_soft and marker.match(line):
            close_paragraph()  # 一、2024年工作回顾 after a line that ran on: a new paragraph all the same
        lead = ls + (len(line) - len(line.lstrip()))
        if para_start is None:
            para_start = lead
        para_end = ls + len(line.rstrip())
        last = stripped[-1]
        prev_soft = len(stripped) >= _SOFT_MIN_LINE and last not in _HARD_LINE_END
        if not prev_soft:
            close_paragraph()
    close_paragraph()
    if cur_article is not None:
        cur_article.end = _rstrip_pos(text, cur_article.start, len(text))
    if not articles:
        articles.append(ArticleBlock(0, len(text)))

    for m in credit.finditer(text):
        metadata_spans.append((m.start(), m.end()))
        names = [n for n in split_names(m.group("authors")) if n not in meta.authors]
        meta.authors += names
        meta.credits += names
    metadata_spans.sort()

    paragraphs = _split_inline_headings(text, paragraphs)
    sentences = _sentences(text, paragraphs)
    return DocumentStructure(articles, paragraphs, sentences, metadata_spans, meta)


def _rstrip_pos(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _sentences(text: str, paragraphs: list[Paragraph]) -> list[Sentence]:
    out: list[Sentence] = []
    for pi, p in enumerate(paragraphs):
        # A layout break inside a paragraph is not a sentence end: join lines first.
        chunk = text[p.start : p.end]
        for m in _SENTENCE.finditer(chunk.replace("\n", " ")):
            s, e = m.span()
            while s < e and chunk[s].isspace():
                s += 1
            while e > s and chunk[e - 1].isspace():
                e -= 1
            if e > s:
                for a, b in _bounded(chunk, s, e):
                    out.append(Sentence(p.start + a, p.start + b, pi, p.article))
    return out


_MAX_SENTENCE = 400
_CLAUSE = set("，；、,;")


def _bounded(chunk: str, s: int, e: int) -> list[tuple[int, int]]:
    """Cut a run-on "sentence" (no end punctuation for pages) at clause marks so every later step stays linear."""
    if e - s <= _MAX_SENTENCE:
        return [(s, e)]
    out = []
    while e - s > _MAX_SENTENCE:
        cut = s + _MAX_SENTENCE
        back = cut
        while back > s + _MAX_SENTENCE // 2 and chunk[back - 1] not in _CLAUSE:
            back -= 1
        cut = back if chunk[back - 1] in _CLAUSE else cut
        out.append((s, cut))
        s = cut
    out.append((s, e))
    return out
