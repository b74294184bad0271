"""Normalise messy article text into one working form, keeping a map back to the original.

The working text is simplified script with canonical punctuation and digits, and
without scraper noise (inline pinyin, injected spam words, zero-width marks).
Every recogniser runs on it; every offset it reports goes back through the map.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache

import regex

from ..datafiles import load_toml
from .offsets import OffsetMap

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
# A pinyin annotation a scraper put after a Han character: 學(xué), 個（gè）.
_PINYIN = regex.compile(
    rf"(?<=\p{{Han}})[(（](?=[a-z{_TONED}]*[{_TONED}])[a-z{_TONED}]{{1,8}}[)）]", regex.V1
)
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"
_INVISIBLE = regex.compile(f"[{_INVISIBLE_CHARS}]+")
# Layout spaces between a number and the Han text around it (共 3000 元, 增长 50 %): a figure is one word.
_NUMBER_SPACE = regex.compile(r"(?<=[0-9０-９])[ \u3000\xa0]{1,3}(?=[\p{Han}%％‰])|(?<=\p{Han})[ \u3000\xa0]{1,3}(?=[0-9０-９])")
_DIGIT_COMMA = regex.compile(r"(?<=\d)，(?=\d{3}(?!\d))|(?<=\d)：(?=\d\d)")

_WIDTH = {i: i - 0xFEE0 for i in range(0xFF10, 0xFF1A)}  # ０-９
_WIDTH.update({i: i - 0xFEE0 for i in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_WIDTH.update({i: i - 0xFEE0 for i in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_WIDTH.update({ord("．"): ".", ord("％"): "%", ord("＋"): "+", ord("／"): "/", ord("－"): "-", ord("｜"): "|",
               ord("\u3000"): " ", ord("\u00a0"): " ", ord("\r"): "\n",
               ord(","): "，", ord("!"): "！", ord("?"): "？", ord(";"): "；", ord(":"): "：",
               ord("("): "（", ord(")"): "）"})
# Other line breaks (U+2028 LINE SEPARATOR, U+2029, NEL, VT, FF, the C0 separators) are line breaks.
_WIDTH.update(dict.fromkeys(map(ord, "\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e"), "\n"))
_WIDTH = {k: (chr(v) if isinstance(v, int) else v) for k, v in _WIDTH.items()}
_TABLE = str.maketrans(_WIDTH)
# The same mapping as one ``str.replace`` per character present: ``translate`` pays a failed dict look-up
# per character of the text (~80 ns each), a presence test and a replace are C scans. No value is a key
# (asserted), so replacing one character after another maps the text as ``translate`` does, all at once.
_WIDTH_PAIRS = tuple((chr(k), v) for k, v in _WIDTH.items())
assert not any(ord(v) in _WIDTH for v in _WIDTH.values())


def _canonical_width(s: str) -> str:
    """``s.translate(_TABLE)``, by replacing each mapped character the text holds."""
    for k, v in _WIDTH_PAIRS:
        if k in s:
            s = s.replace(k, v)
    return s


@dataclass(slots=True)
class NormalizedText:
    original: str
    text: str
    offsets: OffsetMap
    # `text` before punctuation/width canonicalisation, for display strings: kept as the positions where it
    # differs from `text` and its characters there (a full copy of a 20 MB page would be ~14 MB more)
    plain_at: array = field(default_factory=lambda: array("q"))
    plain_chars: str = ""

    @property
    def plain(self) -> str:
        return self.display(0, len(self.text))

    def display(self, start: int, end: int) -> str:
        """Simplified text of a span with the original's own punctuation (for subjects and names)."""
        out = self.text[start:end]
        i = bisect_left(self.plain_at, start)
        j = bisect_left(self.plain_at, max(start, end), i)
        if i == j:
            return out
        chars = list(out)
        for k in range(i, j):
            chars[self.plain_at[k] - start] = self.plain_chars[k]
        return "".join(chars)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.span(start, end)

    def original_slice(self, start: int, end: int) -> str:
        s, e = self.offsets.span(start, end)
        return self.original[s:e]


@cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@cache
def _spam_words() -> tuple[str, ...]:
    return tuple(sorted(load_toml("noise.toml").get("spam_words", []), key=len, reverse=True))


@cache
def _spam_pattern() -> regex.Pattern[str] | None:
    words = _spam_words()
    return regex.compile("|".join(map(regex.escape, words))) if words else None


def to_simplified(text: str) -> str:
    """Traditional → simplified, character for character (same length, guaranteed)."""
    if not text:
        return text
    if len(text) <= _CHUNK:
        return _simplified_chunk(text)
    # OpenCC holds ~10 bytes per character while it converts: a long text goes in chunks cut at line
    # breaks, which no phrase rule spans, so the result is that of one call.
    out, pos = [], 0
    while pos < len(text):
        cut = text.find("\n", pos + _CHUNK)
        cut = len(text) if cut < 0 else cut + 1
        out.append(_simplified_chunk(text[pos:cut]))
        pos = cut
    return "".join(out)


_CHUNK = 1 << 16


def _simplified_chunk(text: str) -> str:
    conv = _t2s().convert(text)
    if len(conv) == len(text):
        return conv
    # A phrase rule changed the length somewhere: convert line by line, then char by char.
    out = []
    for line in text.splitlines(keepends=True):
        c = _t2s().convert(line)
        out.append(c if len(c) == len(line) else "".join(_char_t2s(ch) for ch in line))
    return "".join(out)


def _char_t2s(ch: str) -> str:
    c = _t2s().convert(ch)
    return c if len(c) == 1 else ch


def _deletions(original: str, simplified: str) -> list[tuple[int, int, bool]]:
    """Runs to delete, as (start, end, belongs_to_previous_char) in original offsets."""
    # (each pattern needs a character most texts lack: a C search for it spares the pattern's scan)
    runs = ([(m.start(), m.end(), True) for m in _PINYIN.finditer(original)]
            if ("(" in original or "（" in original) and any(ch in original for ch in _TONED) else [])
    if any(ch in original for ch in _INVISIBLE_CHARS):
        runs += [(m.start(), m.end(), False) for m in _INVISIBLE.finditer(original)]
    if " " in simplified or "\u3000" in simplified or "\xa0" in simplified:
        runs += [(m.start(), m.end(), False) for m in _NUMBER_SPACE.finditer(simplified)]
    spam = _spam_pattern()
    if spam is not None and any(w in simplified for w in _spam_words()):
        runs += [(m.start(), m.end(), False) for m in spam.finditer(simplified)]
    runs.sort()
    merged: list[tuple[int, int, bool]] = []
    for s, e, a in runs:
        if merged and s < merged[-1][1]:
            continue
        merged.append((s, e, a))
    return merged


# Code points that are not text: lone surrogates (from JSON's "\ud800" escapes). They are read as U+FFFD
# (one for one, so offsets hold); the original keeps them.
_NOT_TEXT = regex.compile(r"[\ud800-\udfff]")


def normalize(original: str) -> NormalizedText:
    source = _NOT_TEXT.sub("\ufffd", original)
    simplified = to_simplified(source)
    runs = _deletions(source, simplified)
    offsets = OffsetMap()
    if runs:
        parts, prev, kept = [], 0, 0
        for s, e, attach in runs:
            parts.append(simplified[prev:s])
            kept += s - prev
            offsets.add_deletion(kept, e - s, attach)
            prev = e
        parts.append(simplified[prev:])
        working = "".join(parts)
    else:
        working = simplified
    plain = working
    working = _canonical(plain)
    at, chars = _differences(plain, working)
    return NormalizedText(original, working, offsets, at, chars)


def _canonical(plain: str) -> str:
    """Canonical widths, digit-group marks and paired quotes: one character for one."""
    working = _canonical_width(plain)
    working = _DIGIT_COMMA.sub(lambda m: "," if m.group() == "，" else ":", working)
    if '"' in working or "'" in working:  # (the line pattern costs a scan of every line to find none)
        working = _ASCII_QUOTES.sub(_pair_quotes, working)
    return working


# What canonicalisation can change (one for one): the width table's characters, digit-group marks, quotes.
# (``re``: its class of ~90 literal characters is a bitmap test per character, ~4x faster than ``regex``'s.)
_CHANGEABLE = re.compile("[" + re.escape("".join(map(chr, _WIDTH)) + "，：\"'") + "]")


def _differences(plain: str, working: str) -> tuple[array, str]:
    """Positions where ``plain`` and ``working`` (the same length) differ, and ``plain``'s characters there."""
    at = array("q")
    chars = []
    n = len(plain)
    for a in range(0, n, _BLOCK):  # most blocks are equal (one C comparison): only the others are scanned
        b = min(n, a + _BLOCK)
        if plain[a:b] == working[a:b]:
            continue
        for m in _CHANGEABLE.finditer(plain, a, b):
            i = m.start()
            if working[i] != plain[i]:
                at.append(i)
                chars.append(plain[i])
    return at, "".join(chars)


_BLOCK = 256


# A line whose ASCII quotes pair up: "民生微实事" → “民生微实事” (a scraper flattened the marks). A single
# quote pairs only next to Han characters, so English apostrophes stay.
_ASCII_QUOTES = regex.compile(r"^[^\n]*['\"][^\n]*$", regex.M)
_SINGLE = regex.compile(r"(?<=\p{Han}|^|[\s，。：；、（])'(?=[^'\n]{1,40}'(?=\p{Han}|$|[\s，。：；、！？）]))")


def _pair_quotes(m: regex.Match[str]) -> str:
    line = m.group()
    if line.count('"') and line.count('"') % 2 == 0:
        parts = line.split('"')
        line = "".join(p + ("“" if k % 2 == 0 else "”") for k, p in enumerate(parts[:-1])) + parts[-1]
    if "'" in line:
        line = _SINGLE.sub("‘", line)
        line = regex.sub(r"(?<=‘[^'‘’\n]{1,40})'", "’", line)
    return line
