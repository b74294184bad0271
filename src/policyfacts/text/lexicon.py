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
from typing import NamedTuple

from ..cache import cached, key_of


class Lexicon(NamedTuple):
    freq: dict[str, int]  # word → frequency; every prefix of a word is a key too, with 0 (jieba's FREQ)
    tags: dict[str, str]  # word → part-of-speech tag (jieba.posseg's word_tag_tab)
    log_total: float


def _dict_path() -> str:
    """jieba's shipped ``dict.txt``, found without importing jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("jieba is not installed")
    return os.path.join(next(iter(spec.submodule_search_locations)), "dict.txt")


def _columns(dict_path: str) -> tuple[str, bytes, bytes, list[str], int, int]:
    """The dictionary as flat columns: words (real words first, then the prefixes that are not words),
    their frequencies, tag numbers of the first ``n_tagged`` words, the tag names and the total."""
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
    tagged = list(tags)
    words = tagged + [w for w in freq if w not in tags]
    prefixes = {w[:k] for w in freq for k in range(1, len(w))} - freq.keys()
    words += sorted(prefixes)
    names = sorted(set(tags.values()))
    number = {t: i for i, t in enumerate(names)}
    freqs = array("I", (freq.get(w, 0) for w in words))
    tag_ids = array("H", (number[tags[w]] for w in tagged))
    return "\n".join(words), freqs.tobytes(), tag_ids.tobytes(), names, len(tagged), total


@cache
def lexicon() -> Lexicon:
    path = _dict_path()
    st = os.stat(path)
    text, freq_bytes, tag_bytes, names, n_tagged, total = cached(
        "lexicon", key_of(path, str(st.st_size), str(st.st_mtime_ns)), lambda: _columns(path),
        dumps=marshal.dumps, loads=marshal.loads)
    words = text.split("\n")
    freqs, tag_ids = array("I"), array("H")
    freqs.frombytes(freq_bytes)
    tag_ids.frombytes(tag_bytes)
    tags = dict(zip(words[:n_tagged], map(names.__getitem__, tag_ids), strict=True))
    return Lexicon(dict(zip(words, freqs, strict=True)), tags, log(total))


def word_freq(word: str) -> int:
    return lexicon().freq.get(word, 0)


def word_tag(word: str, default: str = "") -> str:
    return lexicon().tags.get(word, default)


_HAN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")
_SKIP = re.compile("(\r\n|\\s)")
_ENG = re.compile("[a-zA-Z0-9]")


def _cut_block(s: str, freq: dict[str, int], log_total: float) -> list[str]:
    """jieba's ``__cut_DAG_NO_HMM``: the most probable path through the dictionary words of ``s``."""
    n = len(s)
    get = freq.get
    route: list[tuple[float, int]] = [(0.0, 0)] * (n + 1)
    for k in range(n - 1, -1, -1):
        ends = []
        i = k
        frag = s[k]
        while i < n and frag in freq:
            if freq[frag]:
                ends.append(i)
            i += 1
            frag = s[k:i + 1]
        if not ends:
            ends.append(k)
        route[k] = max((log(get(s[k:x + 1]) or 1) - log_total + route[x + 1][0], x) for x in ends)
    out: list[str] = []
    x, buf = 0, ""
    while x < n:
        y = route[x][1] + 1
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
            out.extend(_cut_block(block, lex.freq, lex.log_total))
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
