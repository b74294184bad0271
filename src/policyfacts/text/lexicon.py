"""jieba's dictionary, loaded once and shared: segmentation, word frequencies and part-of-speech tags.

Only the dictionary is used, never jieba's HMM or its ``posseg`` tagger (far too slow for the hot
path). The dictionary is read from jieba's own ``dict.txt`` but not through jieba: ``jieba.initialize``
unmarshals a 500k-entry prefix dict (0.8–1.2 s, the largest part of a fresh process's first call),
where this module keeps the same words, frequencies and tags as per-first-character columns in the
user cache (see :mod:`policyfacts.cache`) and builds a character's lookup dict from them when first
asked (all of them: ~0.15 s, ~26 MB). :func:`cut` is jieba's dictionary-only segmentation
(``jieba.lcut(s, HMM=False)``: the same DAG and the same maximum-probability route), so every result
is the one jieba gives.
"""

from __future__ import annotations

import importlib.util
import marshal
import os
import re
from array import array
from codecs import utf_16_be_encode as _utf16  # the codec itself: str.encode's look-up of it costs 3x
from functools import cache, cached_property
from itertools import chain
from math import inf, log

from ..cache import cached, key_of

_Columns = tuple[dict[str, bytes], list[int], list[int], list[str], int]
_TAG_BITS = 8  # an entry is frequency << 8 | tag number (0: no tag); jieba has ~60 tags
_UNIT_BITS = 16  # a bucket's key: the characters after the first, as UTF-16 code units (see _key)


class _View:
    """One side of the lexicon (frequencies or tags) as a read-only mapping with ``get``."""

    __slots__ = ("_buckets", "_lex", "_tags")

    def __init__(self, lex: Lexicon, tags: bool) -> None:
        self._lex, self._buckets, self._tags = lex, lex.buckets, tags

    def get(self, word: str, default=None):
        n = len(word)  # the key is _key(word[1:]): one code unit for the commonest look-ups, else in C
        if n == 2 and (key := ord(word[1])) < 0x10000:
            pass
        elif n == 1:
            key = 0
        elif not n:
            return default
        else:
            try:
                key = int.from_bytes(_utf16(word[1:])[0], "big")
            except UnicodeEncodeError:  # a lone surrogate: in no word
                return default
        v = (self._buckets.get(word[0]) or self._lex.bucket(word[0])).get(key)
        if v is None or "\0" in word:  # no word holds NUL (it would be a leading zero digit of a key)
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
        words = (first + _chars(key) for first, b in self._buckets.items() for key in b)
        return {w: v for w in words if (v := self.get(w, _MISSING)) is not _MISSING}


def _key(rest: str) -> int:
    """The characters after a word's first as one int: its UTF-16 code units as digits in base 2**16,
    first highest (a character of the segmented blocks is one unit: ``key << 16 | ord(c)`` extends it).
    Unique for strings without NUL, the one character that would be a leading zero digit."""
    return int.from_bytes(_utf16(rest)[0], "big")


def _chars(key: int) -> str:
    """:func:`_key` undone."""
    return key.to_bytes((key.bit_length() + 15) // 16 * 2, "big").decode("utf-16-be")


_MISSING = object()


class Lexicon:
    """Words → frequency and tag, built one first character at a time.

    A dict of all 580k entries (words and their prefixes) costs ~0.1 s to build; a short article
    touches the words of a few hundred first characters, so each character's bucket is built when
    first asked for. A bucket is keyed by the characters after the first as one int (:func:`_key`:
    an int is 28-36 bytes where a str is ~80, and the segmentation extends it arithmetically instead
    of slicing a new str per step), and its value packs the frequency and the tag number in one int,
    one shared object per distinct value (17k of them)."""

    def __init__(self, columns: _Columns) -> None:
        self._pending, self.units, self.values, self.tag_names, total = columns
        self.index = frozenset(self._pending)  # the first characters of the dictionary's words
        self.log_total = log(total)
        self.buckets: dict[str, dict[int, int]] = {}
        self.freq = _View(self, tags=False)  # every prefix of a word is a key, with 0 (jieba's FREQ)
        self.tags = _View(self, tags=True)  # jieba.posseg's word_tag_tab

    @cached_property
    def weights(self) -> dict[int, float | None]:
        """Packed entry → ``log(frequency) - log_total`` (None for a frequency of 0, a word prefix only): the
        segmentation's per-word term, computed once per distinct value (17k) instead of once per DAG edge.
        The same float as jieba's ``log(f) - logtotal``, which it adds to the route after."""
        return {v: log(v >> _TAG_BITS) - self.log_total if v >> _TAG_BITS else None for v in self.values}

    def load_all(self) -> None:
        """Build every bucket now (a long run or a parent about to fork)."""
        for first in self.index:
            self.bucket(first)

    def bucket(self, first: str) -> dict[int, int]:
        """key (see :func:`_key`) → packed entry for the words (and word prefixes) that begin with ``first``."""
        got = self.buckets.get(first)
        if got is not None:
            return got
        blob = self._pending.get(first)
        if blob is None:  # no word begins with it (or a racing thread has just built it: stored, then popped)
            return self.buckets.setdefault(first, {})
        units, longer, numbers = marshal.loads(blob)  # one-unit keys as numbers into the shared ints
        keys = chain(map(self.units.__getitem__, memoryview(units).cast("H")), longer)
        got = self.buckets[first] = dict(zip(keys, map(self.values.__getitem__, memoryview(numbers).cast("H")),
                                             strict=True))
        self._pending.pop(first, None)  # built once: its column is dropped
        return got

    def keys_from(self, text: str, start: int, stop: int) -> list[tuple[int, int]]:
        """(end, packed entry) for every key ``text[start:end]`` with ``end <= stop`` (the words and the
        word prefixes that begin at ``start``), shortest first: every prefix of a key is a key, so the walk
        ends at the first fragment that is none, and a few dict look-ups find what a look-up per slice would."""
        if start >= stop:
            return []
        first = text[start]
        get = (self.buckets.get(first) or self.bucket(first)).get
        v = get(0)
        if v is None:
            return []
        out = [(start + 1, v)]
        key = 0
        for i in range(start + 1, stop):
            c = ord(text[i])
            if c > 0xFFFF:  # two UTF-16 code units, as _key encodes it
                c -= 0x10000
                key = (key << _UNIT_BITS | 0xD800 | c >> 10) << _UNIT_BITS | 0xDC00 | c & 0x3FF
            elif not c or 0xD800 <= c <= 0xDFFF:
                break  # NUL or a lone surrogate: in no word
            else:
                key = key << _UNIT_BITS | c
            v = get(key)
            if v is None:
                break
            out.append((i + 1, v))
        return out


def _dict_path() -> str:
    """jieba's shipped ``dict.txt``, found without importing jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("jieba is not installed")
    return os.path.join(next(iter(spec.submodule_search_locations)), "dict.txt")


def _columns(dict_path: str) -> _Columns:
    """The dictionary as columns: first character → its bucket's keys (:func:`_key` of every word and
    word prefix after the first character) and the numbers of their values, marshalled; the distinct
    values (frequency << 8 | tag number); the tag names; the total frequency."""
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
    if any("\0" in w for w in freq):
        raise ValueError("a dictionary word holds NUL")  # its key could be another word's (see _key)
    names = sorted(set(tags.values()))
    tag_number = {t: i + 1 for i, t in enumerate(names)}
    value_number: dict[int, int] = {0: 0}
    unit_number: dict[int, int] = {}
    buckets: dict[str, tuple[array, list[int], array, array]] = {}
    for w in sorted(freq):
        units, longer, unit_values, longer_values = buckets.setdefault(
            w[0], (array("H"), [], array("H"), array("H")))
        key = _key(w[1:])
        value = value_number.setdefault(  # 17k distinct: a two-byte number (array("H") raises past 65535)
            freq[w] << _TAG_BITS | tag_number.get(tags.get(w, ""), 0), len(value_number))
        if key < 1 << _UNIT_BITS:
            units.append(unit_number.setdefault(key, len(unit_number)))
            unit_values.append(value)
        else:
            longer.append(key)
            longer_values.append(value)
    blobs = {first: marshal.dumps((units.tobytes(), longer, (unit_values + longer_values).tobytes()))
             for first, (units, longer, unit_values, longer_values) in buckets.items()}
    return blobs, list(unit_number), list(value_number), names, total


@cache
def lexicon() -> Lexicon:
    path = _dict_path()
    st = os.stat(path)
    return Lexicon(cached("lexicon", key_of("utf16-keys-shared", path, str(st.st_size), str(st.st_mtime_ns)),
                          lambda: _columns(path), dumps=marshal.dumps, loads=marshal.loads))


def word_freq(word: str) -> int:
    return lexicon().freq.get(word, 0)


def word_tag(word: str, default: str = "") -> str:
    return lexicon().tags.get(word, default)


_HAN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")
_SKIP = re.compile("(\r\n|\\s)")
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")  # jieba's re_eng


def _cut_block(s: str, lex: Lexicon) -> list[str]:
    """jieba's ``__cut_DAG_NO_HMM``: the most probable path through the dictionary words of ``s``.

    The DAG and the route are one backward pass, with jieba's arithmetic (``log(f) - log_total +
    route``, in that order) and its tie-break (the longer word), so the floats and the cut are its own."""
    n = len(s)
    log_total = lex.log_total
    buckets, weights = lex.buckets, lex.weights
    scores = [0.0] * (n + 1)
    ends = [0] * (n + 1)
    for k in range(n - 1, -1, -1):
        get = (buckets.get(s[k]) or lex.bucket(s[k])).get
        best, best_end = -inf, -1
        i = k + 1
        key = 0  # the fragment s[k:i]'s key (see _key): extended by one character a step, never sliced
        v = get(key)
        while v is not None:
            w = weights[v]
            if w is not None:
                score = w + scores[i]
                if score >= best:  # (a tie goes to the longer word, as in jieba)
                    best, best_end = score, i
            if i == n:
                break
            key = key << _UNIT_BITS | ord(s[i])  # one code unit: the blocks' characters are all in the BMP
            i += 1
            v = get(key)
        if best_end < 0:
            best, best_end = 0.0 - log_total + scores[k + 1], k + 1
        scores[k] = best
        ends[k] = best_end
    out: list[str] = []
    x, buf = 0, ""
    while x < n:
        y = ends[x]
        word = s[x:y]
        if word in _ALNUM:  # one ASCII letter or digit: joined with its neighbours
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
    if _HAN.fullmatch(s):  # one block (most of the subjects' cuts): what the split below would give
        return _cut_block(s, lex)
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
    lex = lexicon()
    lo, hi = max(0, lo), min(len(text), hi)
    stop = min(hi, pos + 2)  # a word text[p:q], lo <= p < pos < q <= stop (walked, not sliced: keys_from)
    if not any(end > pos and v >> _TAG_BITS for p in range(lo, pos) for end, v in lex.keys_from(text, p, stop)):
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
