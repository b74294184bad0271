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


def is_word(s: str) -> bool:
    """A word of the dictionary (not merely the prefix of one, which jieba stores with frequency 0)."""
    return lexicon()[1].get(s, 0) > 0
