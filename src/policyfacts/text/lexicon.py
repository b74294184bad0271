"""jieba's dictionary, loaded once and shared: segmentation, word frequencies and part-of-speech tags.

Only the dictionary is used, never jieba's HMM or its ``posseg`` tagger (far too slow for the hot
path). The dictionary is read from jieba's own ``dict.txt`` but not through jieba: ``jieba.initialize``
unmarshals a 500k-entry prefix dict (0.8–1.2 s, the largest part of a fresh process's first call),
where this module keeps the same words, frequencies and tags as three flat columns in the user cache
(see :mod:`policyfacts.cache`) and rebuilds the lookup dicts from them in about 0.15 s. :func:`cut` is
jieba's dictionary-only segmentation (``jieba.lcut(s, HMM=False)``: the same DAG and the same
maximum-probability route), so every result is the one jieba gives.
"""

from __future__ import annotations

import importlib.util
import marshal
import os
import re
from array import array
from functools import cache
from math import log

from ..cache import cached, key_of

_Columns = tuple[str, bytes, list[str], dict[str, tuple[int, int, int, int]], int]
_TAG_BITS = 8  # an entry is frequency << 8 | tag number (0: no tag); jieba has ~60 tags


class _View:
    """One side of the lexicon (frequencies or tags) as a read-only mapping with ``get``."""

    __slots__ = ("_buckets", "_lex", "_tags")

    def __init__(self, lex: Lexicon, tags: bool) -> None:
        self._lex, self._buckets, self._tags = lex, lex.buckets, tags

    def get(self, word: str, default=None):
        if not word:
            return default
        v = (self._buckets.get(word[0]) or self._lex.bucket(word[0])).get(word)
        if v is None:
            return default
        if not self._tags:
            return v >> _TAG_BITS
        t = v & 0xFF
        return self._lex.tag_names[t - 1] if t else default

    def __getitem__(self, word: str):
        value = self.get(word, _MISSING)
        if value is _MISSING:
            raise KeyError(word)
        return value

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word, _MISSING) is not _MISSING

    def as_dict(self) -> dict:
        """Every entry (builds every bucket): for tests and tools, not the hot path."""
        self._lex.load_all()
        words = (w for b in self._buckets.values() for w in b)
        return {w: v for w in words if (v := self.get(w, _MISSING)) is not _MISSING}


_MISSING = object()


class Lexicon:
    """Words → frequency and tag, built one first character at a time.

    A dict of all 500k entries costs ~0.3 s and ~50 MB to build; a short article touches the words of
    a few hundred first characters, so each character's bucket is built when first asked for. One
    dict holds both sides: an entry is the frequency and the tag number packed in one int."""

    def __init__(self, columns: _Columns) -> None:
        self._text, packed, self.tag_names, self.index, total = columns
        self._packed = array("Q")
        self._packed.frombytes(packed)
        self.log_total = log(total)
        self.buckets: dict[str, dict[str, int]] = {}
        self.freq = _View(self, tags=False)  # every prefix of a word is a key, with 0 (jieba's FREQ)
        self.tags = _View(self, tags=True)  # jieba.posseg's word_tag_tab

    def load_all(self) -> None:
        """Build every bucket now (a long run or a parent about to fork)."""
        for first in self.index:
            self.bucket(first)

    def bucket(self, first: str) -> dict[str, int]:
        """word → packed entry for the words (and word prefixes) that begin with ``first``."""
        got = self.buckets.get(first)
        if got is not None:
            return got
        lo, hi, a, b = self.index.get(first, (0, 0, 0, 0))
        words = self._text[a:b].split("\n") if hi > lo else []
        got = self.buckets[first] = dict(zip(words, self._packed[lo:hi], strict=True))
        return got


def _dict_path() -> str:
    """jieba's shipped ``dict.txt``, found without importing jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("jieba is not installed")
    return os.path.join(next(iter(spec.submodule_search_locations)), "dict.txt")


def _columns(dict_path: str) -> _Columns:
    """The dictionary as flat columns, sorted so that the words of one first character are one run:
    the words (and word prefixes) joined by newlines, their packed frequency and tag number, the
    tag names, first character → (first word, end word, text start, text end), and the total."""
    freq: dict[str, int] = {}
    tags: dict[str, str] = {}
    total = 0
    with open(dict_path, "rb") as f:
        for line in f.read().decode("utf-8").splitlines():
            parts = line.strip().split(" ")
            if len(parts) < 2:
                continue
            word, n = parts[0], int(parts[1])
            freq[word] = n
            total += n
            if len(parts) == 3:
                tags[word] = parts[2]
    for w in list(freq):
        for k in range(1, len(w)):
            freq.setdefault(w[:k], 0)
    words = sorted(freq)
    names = sorted(set(tags.values()))
    number = {t: i + 1 for i, t in enumerate(names)}
    index: dict[str, tuple[int, int, int, int]] = {}
    pos = 0
    for i, w in enumerate(words):
        lo, _, a, _ = index.get(w[0], (i, 0, pos, 0))
        index[w[0]] = (lo, i + 1, a, pos + len(w))
        pos += len(w) + 1
    packed = array("Q", (freq[w] << _TAG_BITS | number.get(tags.get(w, ""), 0) for w in words))
    return "\n".join(words), packed.tobytes(), names, index, total


@cache
def lexicon() -> Lexicon:
    path = _dict_path()
    st = os.stat(path)
    return Lexicon(cached("lexicon", key_of("packed", path, str(st.st_size), str(st.st_mtime_ns)),
                          lambda: _columns(path), dumps=marshal.dumps, loads=marshal.loads))


def word_freq(word: str) -> int:
    return lexicon().freq.get(word, 0)


def word_tag(word: str, default: str = "") -> str:
    return lexicon().tags.get(word, default)


_HAN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")
_SKIP = re.compile("(\r\n|\\s)")
_ENG = re.compile("[a-zA-Z0-9]")


def _cut_block(s: str, lex: Lexicon) -> list[str]:
    """jieba's ``__cut_DAG_NO_HMM``: the most probable path through the dictionary words of ``s``.

    The DAG and the route are one backward pass, with jieba's arithmetic (``log(f) - log_total +
    route``, in that order) and its tie-break (the longer word), so the floats and the cut are its own."""
    n = len(s)
    log_total = lex.log_total
    buckets = lex.buckets
    scores = [0.0] * (n + 1)
    ends = [0] * (n + 1)
    for k in range(n - 1, -1, -1):
        freq = buckets.get(s[k]) or lex.bucket(s[k])
        best, best_end = 0.0, -1
        i = k + 1
        frag = s[k]
        while frag in freq:
            f = freq[frag] >> _TAG_BITS
            if f:
                score = log(f) - log_total + scores[i]
                if best_end < 0 or score >= best:
                    best, best_end = score, i
            if i == n:
                break
            i += 1
            frag = s[k:i]
        if best_end < 0:
            best, best_end = 0.0 - log_total + scores[k + 1], k + 1
        scores[k] = best
        ends[k] = best_end
    out: list[str] = []
    x, buf = 0, ""
    while x < n:
        y = ends[x]
        word = s[x:y]
        if len(word) == 1 and _ENG.match(word):
            buf += word
        else:
            if buf:
                out.append(buf)
                buf = ""
            out.append(word)
        x = y
    if buf:
        out.append(buf)
    return out


def cut(s: str) -> list[str]:
    """``jieba.lcut(s, HMM=False)``, word for word."""
    lex = lexicon()
    out: list[str] = []
    for block in _HAN.split(s):
        if not block:
            continue
        if _HAN.match(block):
            out.extend(_cut_block(block, lex))
        else:
            for x in _SKIP.split(block):
                if _SKIP.match(x):
                    out.append(x)
                else:
                    out.extend(x)
    return out


def splits_word(text: str, pos: int, lo: int, hi: int) -> bool:
    """Does the dictionary's segmentation of ``text[lo:hi]`` run a word across ``pos``?

    (中学|习 in 从成功经验中学习, 运|行 in 规范运行.) A cheap look-up first: with no dictionary word over
    ``pos`` there is nothing to segment."""
    freq = lexicon().freq
    lo, hi = max(0, lo), min(len(text), hi)
    if not any(freq.get(text[p:q], 0) for p in range(lo, pos) for q in range(pos + 1, min(hi, pos + 2) + 1)):
        return False
    at = lo
    for w in segment(text[lo:hi]):
        if at < pos < at + len(w):
            return True
        at += len(w)
    return False


_SEGMENTS: dict[str, tuple[str, ...]] = {}
_SEGMENTS_MAX = 50_000


def segment(s: str) -> tuple[str, ...]:
    """``jieba.lcut(s, HMM=False)``, computed once per distinct string of a document: the subject of
    every figure of a clause re-reads the same clause, so most cuts repeat. A pure function of ``s``,
    so the memo changes no result; :func:`new_document` empties it (memory stays per document)."""
    words = _SEGMENTS.get(s)
    if words is None:
        if len(_SEGMENTS) >= _SEGMENTS_MAX:
            _SEGMENTS.clear()
        words = _SEGMENTS[s] = tuple(cut(s))
    return words


def new_document() -> None:
    """Forget the segmentations of the previous document."""
    _SEGMENTS.clear()
