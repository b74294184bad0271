"""jieba's dictionary, loaded once and shared: segmentation, word frequencies and part-of-speech tags.

Only the dictionary (no HMM) is used; tags come from jieba's word→tag table (a dict lookup), never
from ``jieba.posseg``'s tagger, which is far too slow for the hot path.
"""

from __future__ import annotations

from functools import cache
from types import ModuleType


@cache
def lexicon() -> tuple[ModuleType, dict[str, int], dict[str, str]]:
    """(the jieba module, word → frequency, word → tag)."""
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba, jieba.dt.FREQ, jieba.posseg.dt.word_tag_tab


def splits_word(text: str, pos: int, lo: int, hi: int) -> bool:
    """Does the dictionary's segmentation of ``text[lo:hi]`` run a word across ``pos``?

    (中学|习 in 从成功经验中学习, 运|行 in 规范运行.) A cheap look-up first: with no dictionary word over
    ``pos`` there is nothing to segment."""
    jieba, freq, _ = lexicon()
    lo, hi = max(0, lo), min(len(text), hi)
    if not any(freq.get(text[p:q], 0) for p in range(lo, pos) for q in range(pos + 1, min(hi, pos + 2) + 1)):
        return False
    at = lo
    for w in jieba.lcut(text[lo:hi], HMM=False):
        if at < pos < at + len(w):
            return True
        at += len(w)
    return False
