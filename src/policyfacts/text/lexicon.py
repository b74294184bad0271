"""jieba's dictionary, loaded once and shared: segmentation, word frequencies and part-of-speech tags.

Only the dictionary (no HMM) is used; tags come from jieba's word→tag table (a dict lookup), never
from ``jieba.posseg``'s tagger, which is far too slow for the hot path.
"""

from __future__ import annotations

import marshal
import os
import sys
from functools import cache
from types import ModuleType

from ..cache import cached, key_of


def _tag_table(dict_path: str) -> dict[str, str]:
    """jieba's word → tag table, as ``jieba.posseg`` reads it from the same dictionary file, kept as a
    marshal file keyed by the dictionary's path, size and mtime: reading it back is about 3× faster than
    parsing, and importing ``jieba.posseg`` (its HMM tables) is not needed at all."""
    st = os.stat(dict_path)

    def build() -> dict[str, str]:
        table = {}
        with open(dict_path, "rb") as f:
            for line in f.read().decode("utf-8").splitlines():
                parts = line.strip().split(" ")
                if len(parts) == 3:
                    table[parts[0]] = parts[2]
        return table

    return cached("jieba-tags", key_of(dict_path, str(st.st_size), str(st.st_mtime_ns)), build,
                  dumps=marshal.dumps, loads=marshal.loads)


def _import_jieba() -> ModuleType:
    """jieba, without ``pkg_resources`` (its resource lookup falls back to a plain path; importing
    setuptools' ``pkg_resources`` costs 0.1–0.2 s at start-up)."""
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba

        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes `import pkg_resources` fail
    try:
        import jieba
    finally:
        if sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    return jieba


@cache
def lexicon() -> tuple[ModuleType, dict[str, int], dict[str, str]]:
    """(the jieba module, word → frequency, word → tag)."""
    import logging

    jieba = _import_jieba()
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba, jieba.dt.FREQ, _tag_table(os.path.abspath(
        jieba.dt.dictionary or os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)))


def splits_word(text: str, pos: int, lo: int, hi: int) -> bool:
    """Does the dictionary's segmentation of ``text[lo:hi]`` run a word across ``pos``?

    (中学|习 in 从成功经验中学习, 运|行 in 规范运行.) A cheap look-up first: with no dictionary word over
    ``pos`` there is nothing to segment."""
    _, freq, _ = lexicon()
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
        words = _SEGMENTS[s] = tuple(lexicon()[0].lcut(s, HMM=False))
    return words


def new_document() -> None:
    """Forget the segmentations of the previous document."""
    _SEGMENTS.clear()
