"""The lexicon reads jieba's dictionary without jieba: the same frequencies, tags and segmentation."""

from __future__ import annotations

import logging
from math import log
from pathlib import Path

import jieba
from hypothesis import given, settings
from hypothesis import strategies as st

from policyfacts.text.lexicon import cut, lexicon, word_freq, word_tag

FIXTURES = Path(__file__).parent / "fixtures"
jieba.setLogLevel(logging.WARNING)


def test_frequencies_and_total_are_jiebas() -> None:
    jieba.initialize()
    lex = lexicon()
    assert lex.freq.as_dict() == jieba.dt.FREQ  # prefixes with 0 included: the segmentation's DAG needs them
    assert lex.log_total == log(jieba.dt.total)
    assert word_freq("增长") == jieba.dt.FREQ["增长"] > 0
    assert word_freq("增") > 0 and word_freq("不是一个词的串") == 0
    assert word_tag("增长") == "v" and word_tag("不是一个词的串", "x") == "x"


def test_cut_is_jieba_without_hmm_on_every_fixture_line() -> None:
    for path in sorted(FIXTURES.rglob("*.txt")):
        for line in path.read_text("utf-8").splitlines():
            assert cut(line) == jieba.lcut(line, HMM=False), line


def test_cut_of_mixed_scripts_and_spaces() -> None:
    s = "2024年GDP增长5.3%, 全市 新建 3000 个\r\n村卫生室—OK"
    assert cut(s) == jieba.lcut(s, HMM=False)
    assert cut("") == []


_ALPHABET = "的一是在不了有和人中大为上国年全市县镇村居民收入增长新建工作室" + "，。、“”（）%0123456789abcXY .-+#&_\r\n\t"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40) | st.text(max_size=20))
def test_cut_agrees_with_jieba_on_any_string(s: str) -> None:
    assert cut(s) == jieba.lcut(s, HMM=False)


def test_keys_are_unique_and_undone() -> None:
    from policyfacts.text.lexicon import _chars, _key

    samples = ["", "国", "华人民", "a", "GDP", "\U00020000村", "\uffff", "中\U0010ffff"]
    assert [_chars(_key(s)) for s in samples] == samples
    assert len({_key(s) for s in samples}) == len(samples)


def test_strings_no_word_can_be_are_missing() -> None:
    freq, tags = lexicon().freq, lexicon().tags
    assert freq.get("中国") > 0 and "中国" in freq and freq["中国"] == word_freq("中国")
    for s in ("中\0国", "中国\0", "\0", "中\ud800", "\ud800", "", "中\U00020000"):
        assert freq.get(s, -1) == -1 and s not in freq and tags.get(s, "?") == "?", repr(s)
    assert 3 not in freq  # not a str


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="中国人民共和华\0\ud800\U00020000ab", max_size=6))
def test_lookups_agree_with_jieba_on_any_string(s: str) -> None:
    import jieba.posseg

    jieba.initialize()
    assert lexicon().freq.get(s) == jieba.dt.FREQ.get(s)
    assert lexicon().tags.get(s) == jieba.posseg.dt.word_tag_tab.get(s)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="中国人民共和华周至少县\0\ud800\U00020000ab", max_size=8), st.integers(0, 8), st.integers(0, 9))
def test_keys_from_walks_every_key_a_slice_lookup_finds(s: str, start: int, stop: int) -> None:
    """keys_from(text, start, stop): the same (end, frequency, tag) as freq/tags on each slice that is a key."""
    lex = lexicon()
    stop = min(stop, len(s))
    walked = [(end, v >> 8, lex.tag_names[(v & 0xFF) - 1] if v & 0xFF else None)
              for end, v in lex.keys_from(s, start, stop)]
    looked = [(end, lex.freq.get(s[start:end]), lex.tags.get(s[start:end]))
              for end in range(start + 1, stop + 1) if s[start:end] in lex.freq]
    assert walked == looked


def test_keys_from_a_real_phrase() -> None:
    lex = lexicon()
    text = "每周至少"
    ends = [end for end, _ in lex.keys_from(text, 1, 4)]  # 周, 周至 (a county), 周至少 is no key
    assert ends[:2] == [2, 3] and all(text[1:e] in lex.freq for e in ends)
    assert lex.keys_from(text, 4, 4) == [] and lex.keys_from("\0国", 0, 2) == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="从成功经验中学习规范运行\0\ud800\U00020000a", max_size=12), st.integers(-2, 13),
       st.integers(-2, 13), st.integers(-2, 14))
def test_splits_word_gate_is_the_slice_lookup(s: str, pos: int, lo: int, hi: int) -> None:
    """splits_word's cheap gate (a word over ``pos``) walks the lexicon; the result is the slice lookups'."""
    from policyfacts.text.lexicon import segment, splits_word

    freq = lexicon().freq
    a, b = max(0, lo), min(len(s), hi)
    expected = any(freq.get(s[p:q], 0) for p in range(a, pos) for q in range(pos + 1, min(b, pos + 2) + 1))
    if expected:
        at, expected = a, False
        for w in segment(s[a:b]):
            expected = expected or at < pos < at + len(w)
            at += len(w)
    assert splits_word(s, pos, lo, hi) == expected


def test_splits_word_on_made_up_phrases() -> None:
    from policyfacts.text.lexicon import splits_word

    text = "从成功经验中学习"  # 从|成功经验|中|学习
    assert [splits_word(text, p, 0, 8) for p in range(9)] == [False, False, True, True, True, False, False, True, False]
    assert not splits_word(text, 7, 0, 7)  # 学习 cut off at hi
