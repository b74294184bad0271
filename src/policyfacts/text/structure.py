"""Split a normalised document into articles, paragraphs and sentences, and read its metadata lines.

Works on the normalised text (see ``normalize``); every position here is a
normalised offset. Patterns live in ``data/structure.toml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache

import regex

from ..datafiles import load_toml
from .spans import SpanIndex

_SENT_END = "。！？!?"
_CLOSERS = "”’」』）)】\"'"
_SENTENCE = regex.compile(rf"[^{_SENT_END}\n]*(?:[{_SENT_END}]+[{_CLOSERS}]*|$)")
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
class Metadata:
    published: date | None = None
    outlet: str | None = None
    source: str | None = None
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)


@dataclass(slots=True)
class DocumentStructure:
    articles: list[ArticleBlock]
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    metadata_spans: list[tuple[int, int]]
    meta: Metadata
    _meta_index: SpanIndex | None = None

    def in_metadata(self, start: int, end: int) -> bool:
        if self._meta_index is None:
            self._meta_index = SpanIndex(self.metadata_spans)
        return self._meta_index.covers(start, end)


@dataclass(frozen=True, slots=True)
class _MetaRule:
    name: str
    priority: int
    pattern: regex.Pattern[str]
    fact: bool = False  # the line gives metadata but its figures stay facts


@cache
def _rules() -> tuple[regex.Pattern[str], tuple[_MetaRule, ...], regex.Pattern[str], regex.Pattern[str]]:
    raw = load_toml("structure.toml")
    sep = regex.compile(raw["article_separator"])
    rules = tuple(
        _MetaRule(r["name"], int(r.get("priority", 9)), regex.compile(r["pattern"]), bool(r.get("fact", False)))
        for r in raw.get("metadata", [])
    )
    credit = regex.compile(raw["inline_credit"]["pattern"])
    return sep, rules, credit, regex.compile(raw["paragraphs"]["marker"])


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


def _split_names(s: str) -> list[str]:
    """Names in a byline: spaces or 、 separate people; a lone character joins its neighbour (周 强)."""
    toks = [t for t in regex.split(r"[\s、，,]+", s.strip()) if t]
    out: list[str] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if len(t) == 1 and i + 1 < len(toks) and len(toks[i + 1]) == 1:
            t += toks[i + 1]
            i += 1
        out.append(t)
        i += 1
    return out


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def analyse(text: str) -> DocumentStructure:
    sep, rules, credit, marker = _rules()
    meta = Metadata()
    best_priority = 99
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

    for ls, le in _lines(text):
        line = text[ls:le]
        stripped = line.strip()
        if not stripped:
            if not prev_soft:
                close_paragraph()
            continue
        rule_hit = None
        for rule in rules:
            m = rule.pattern.search(line)
            if m:
                rule_hit = (rule, m)
                break
        if rule_hit is not None:
            rule, m = rule_hit
            if rule.fact:
                g = m.groupdict()
                if g.get("y") and rule.priority < best_priority:
                    try:
                        meta.published = date(int(g["y"]), int(g["m"]), int(g["d"]))
                        best_priority = rule.priority
                    except ValueError:
                        pass
                rule_hit = None
        rest = False
        if rule_hit is not None:
            rule, m = rule_hit
            close_paragraph()
            prev_soft = False
            # a dateline that opens the first paragraph (新华社北京3月5日电 今年以来,…): only it is metadata
            rest = bool(line[m.end():].strip()) and m.start() == len(line) - len(line.lstrip())
            metadata_spans.append((ls + m.start(), ls + m.end()) if rest else (ls, le))
            g = m.groupdict()
            if g.get("y") and rule.priority < best_priority:
                try:
                    meta.published = date(int(g["y"]), int(g["m"]), int(g["d"]))
                    best_priority = rule.priority
                except ValueError:
                    pass
            if g.get("outlet") and not meta.outlet and not g["outlet"].startswith("本"):
                meta.outlet = g["outlet"].strip()
            if g.get("source") and not meta.source:
                meta.source = g["source"].strip()
            if g.get("authors"):
                names = regex.sub(r"(?:[^\s，。]{2,8}?)?(?:记者|通讯员)", " ", g["authors"])
                meta.authors += [n for n in _split_names(names) if n not in meta.authors]
            if g.get("editors"):
                meta.editors += [n for n in _split_names(g["editors"]) if n not in meta.editors]
            # A byline right under a heading, after other text: that heading titles a new article.
            if rule.name == "byline" and len(paragraphs) >= 2 and paragraphs[-1].heading:
                head = paragraphs[-1]
                body_before = any(not q.heading for q in paragraphs[first_para[0]:-1])
                if head.article == len(articles) - 1 and body_before and cur_article is not None:
                    paragraphs.pop()
                    new_article(head.start)
                    paragraphs.append(Paragraph(head.start, head.end, len(articles) - 1, True))
                    cur_article.title = (head.start, head.end)
            # A repost header opens an article; a print footer closes one.
            if rule.name == "repost_header" and cur_article is not None and paragraphs and paragraphs[-1].article == len(articles) - 1:
                new_article(ls)
            if not rest:
                continue
            ls += m.end()
            line = text[ls:le]
            stripped = line.strip()
        sm = sep.search(line)
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
        names = [n for n in _split_names(m.group("authors")) if n not in meta.authors]
        meta.authors += names
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
