"""The fast paths (start-up and rate) give exactly what the plain paths give."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from policyfacts.places import mentions
from policyfacts.places.gazetteer import Gazetteer, _columns, _read_rows, _rows, gazetteer
from policyfacts.text.normalize import _canonical, _differences

FIXTURES = Path(__file__).parent / "fixtures"


def _by_automaton(text: str) -> list[tuple[str, int, int]]:
    names, automaton = mentions._automaton()
    return [(names[i], a, b) for i, a, b in automaton.find_matches_as_indexes(text)]


def test_name_walk_equals_the_automaton_on_every_fixture() -> None:
    for path in sorted(FIXTURES.rglob("*.txt")):
        text = path.read_text("utf-8")
        assert mentions._walk(text) == _by_automaton(text), path.name


def test_name_walk_takes_the_longest_name_at_the_leftmost_start() -> None:
    got = [name for name, _, _ in mentions._walk("记者从陕西省西安市雁塔区获悉，西安")]
    assert got == ["陕西省", "西安市", "雁塔区", "西安"]


_PIECES = ["陕西", "省", "西安", "市", "雁塔", "区", "石泉县", "池河镇", "北京", "的", "在", "，", "1", "州"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_name_walk_equals_the_automaton_on_name_soups(text: str) -> None:
    assert mentions._walk(text) == _by_automaton(text)


def test_cached_gazetteer_columns_rebuild_the_same_gazetteer() -> None:
    from policyfacts.datafiles import read_data

    rows, source = _read_rows(read_data("gazetteer.tsv"))
    direct = Gazetteer(rows, source)
    columns = _columns(rows, source)
    again = Gazetteer(_rows(columns), columns[-1])
    assert again.by_code == direct.by_code == gazetteer().by_code
    assert again.by_name == direct.by_name and again.short == direct.short and again.source == source
    levels = [d.level for d in again.by_code.values()]
    assert len({id(x) for x in levels}) == len(set(levels)) == len(set(columns[3].split(",")))  # one str a level


def test_word_ends_scan_equals_endswith_at_every_position() -> None:
    from policyfacts.orgs import _word_ends, rules

    r = rules()
    for path in sorted(FIXTURES.rglob("*.txt"))[:12]:
        text = path.read_text("utf-8")
        lists = ((r.role_words, 4), (r.boundary_words, 2), (r.connectors, 2))
        expected = [{i for i in range(len(text) + 1) if text.endswith(words, max(0, i - width), i)}
                    for words, width in lists]
        assert _word_ends(text, lists) == expected, path.name


def test_word_ends_keeps_a_shorter_word_under_a_longer_one() -> None:
    from policyfacts.orgs import _word_ends

    assert _word_ends("甲镇长助理乙", ((("镇长", "镇长助理"), 4),)) == [{3, 5}]
    assert _word_ends("甲镇长助理乙", ((("镇长", "镇长助理"), 2), (("镇长",), 4))) == [{3}, {3}]  # a word in two lists


_WORDS = st.lists(st.text(alphabet="近超过上下约余多", min_size=1, max_size=3), max_size=8)


@settings(max_examples=300, deadline=None)
@given(_WORDS, st.text(alphabet="近超过上下约余多5", max_size=12), st.integers(0, 12), st.integers(0, 12))
def test_affixes_match_the_word_loop_in_table_order(words: list[str], text: str, pos: int, floor: int) -> None:
    from policyfacts.text.affixes import Affixes

    table = Affixes(words)
    order = list(dict.fromkeys(w for w in words if w))
    assert table.ending_at(text, pos, floor) == [w for w in order if text.endswith(w, floor, pos)]
    assert table.starting_at(text, pos) == [w for w in order if text.startswith(w, pos)]


def test_literals_find_what_the_longest_first_alternation_finds() -> None:
    import regex

    from policyfacts.datafiles import load_toml
    from policyfacts.text.affixes import Literals

    d = load_toml("orgs.toml")
    words = set(d["strong_heads"]) | set(d["weak_heads"]) | set(d["not_orgs"])
    alternation = regex.compile("|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True)))
    literals = Literals(words)
    for path in sorted(FIXTURES.rglob("*.txt")):
        text = path.read_text("utf-8")
        for lo, hi in ((0, len(text)), (7, len(text) // 2)):
            expected = [(m.group(), m.start(), m.end()) for m in alternation.finditer(text, lo, hi)]
            assert literals.finditer(text, lo, hi) == expected, path.name


def test_a_full_warm_up_builds_the_whole_lexicon_and_the_automaton(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from policyfacts import batch
    from policyfacts.text.lexicon import lexicon

    monkeypatch.setattr(batch, "_warm", False)
    monkeypatch.setattr(batch, "_warm_full", False)
    batch.warm_up(full=True)
    assert set(lexicon().index) <= set(lexicon().buckets)
    assert mentions._automaton.cache_info().currsize == 1
    assert batch._warm and batch._warm_full


def test_both_start_finders_of_the_walk_give_the_automatons_matches(monkeypatch) -> None:
    """Below HEADS_AFTER characters the walk's starts come from a regex, past it from the head automaton."""
    texts = [p.read_text("utf-8") for p in sorted(FIXTURES.rglob("*.txt"))]
    texts.append("记者从陕西省西安市雁塔区获悉，西安北京石泉县池河镇")
    mentions._head_automaton.cache_clear()
    monkeypatch.setattr(mentions, "_walked", 0)  # the regex-led walk
    by_regex = [mentions._walk(t) for t in texts]
    assert not mentions._head_automaton.cache_info().currsize
    monkeypatch.setattr(mentions, "_walked", mentions.HEADS_AFTER)  # the head automaton
    by_heads = [mentions._walk(t) for t in texts]
    assert mentions._head_automaton.cache_info().currsize
    expected = [_by_automaton(t) for t in texts]
    assert by_regex == expected
    assert by_heads == expected


def _cued_by_search(text: str, pos: int, listed: bool) -> bool:
    from policyfacts.programmes.rules import rules

    r = rules()
    m = _general_cue().search(text, max(0, pos - 12), pos)
    return m is not None and not (listed and m.group(1) in r.standard_verbs)


@cache
def _general_cue():  # type: ignore[no-untyped-def]
    """The cue pattern as the regex module reads it (``rules().cued`` is its re form)."""
    from policyfacts.programmes.rules import _cue, rules

    return _cue(rules().verbs, list(rules().fillers), 0)


def _cue_soup() -> st.SearchStrategy[str]:
    from policyfacts.programmes.rules import rules

    r = rules()
    pieces = [*r.verbs[:12], *r.fillers, *r.standard_verbs, "“", "‘", "《", "\n", "，", "的", "甲", "乙"]
    return st.lists(st.sampled_from(pieces), max_size=12).map("".join)


def test_cued_gate_agrees_with_the_search_before_every_quote() -> None:
    from policyfacts.programmes.recognise import _cued
    from policyfacts.programmes.rules import rules

    r = rules()
    for path in sorted(FIXTURES.rglob("*.txt")):
        text = path.read_text("utf-8")
        for pos in (i for i, ch in enumerate(text) if ch in "“‘「《"):
            for listed in (False, True):
                assert _cued(text, pos, r, listed) == _cued_by_search(text, pos, listed), (path.name, pos)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_cued_gate_agrees_with_the_search_on_cue_soups(data: st.DataObject) -> None:
    from policyfacts.programmes.recognise import _cued
    from policyfacts.programmes.rules import rules

    text = data.draw(_cue_soup()) + "“甲乙”"
    pos = len(text) - 4
    for listed in (False, True):
        assert _cued(text, pos, rules(), listed) == _cued_by_search(text, pos, listed)


def test_cued_reads_a_cue_verb_at_the_end_of_the_line_before() -> None:
    from policyfacts.programmes.recognise import _cued
    from policyfacts.programmes.rules import rules

    verb = rules().verbs[0]
    text = f"{verb}\n“甲乙”"  # ``$`` matches before a final line break: the search finds the verb
    assert _cued(text, text.index("“"), rules()) is True
    assert _cued_by_search(text, text.index("“"), False) is True


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="，。；：！？,;:“「‘\n甲乙", max_size=30), st.integers(0, 32), st.integers(0, 32))
def test_reverse_break_searches_equal_the_rfind_maxima(text: str, lo: int, hi: int) -> None:
    from policyfacts.orgs import _last_of
    from policyfacts.programmes.recognise import _CLAUSE_BREAK, _after_break

    for chars in ("，。；：！？,;:", "，；：", "“「‘"):
        assert _last_of(chars, text, lo, hi) == max(text.rfind(c, lo, hi) for c in chars)
    assert _after_break(text, lo, hi) == max(text.rfind(c, lo, hi) for c in _CLAUSE_BREAK) + 1


def test_reverse_break_searches_equal_the_rfind_maxima_on_the_fixtures() -> None:
    from policyfacts.orgs import _last_of
    from policyfacts.programmes.recognise import _CLAUSE_BREAK, _after_break

    for path in sorted(FIXTURES.rglob("*.txt"))[:6]:
        text = path.read_text("utf-8")
        for pos in range(0, len(text), 7):
            lo = max(0, pos - 17)
            assert _last_of("，。；：！？,;:", text, lo, pos) == max(text.rfind(c, lo, pos) for c in "，。；：！？,;:")
            assert _after_break(text, lo, pos) == max(text.rfind(c, lo, pos) for c in _CLAUSE_BREAK) + 1


_MIXED = ["，", "：", ",", ":", ";", "(", "（", "!", "？", '"', "'", "\u3000", "\xa0", "１２", "3", "１，０００", "2,500",
          "8：30", "ａＢ", "x", "年", "。", "\n", "\r\n", "说“", "”"]


def _naive_differences(plain: str, working: str) -> tuple[list[int], str]:
    at = [i for i, (p, w) in enumerate(zip(plain, working, strict=True)) if p != w]
    return at, "".join(plain[i] for i in at)


def test_differences_equal_a_character_by_character_comparison_on_every_fixture() -> None:
    for path in sorted(FIXTURES.rglob("*.txt")):
        plain = path.read_text("utf-8")
        working = _canonical(plain)
        at, chars = _differences(plain, working)
        assert (list(at), chars) == _naive_differences(plain, working), path.name


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_MIXED), max_size=200).map("".join))
def test_differences_equal_a_character_by_character_comparison(plain: str) -> None:
    working = _canonical(plain)
    at, chars = _differences(plain, working)
    assert (list(at), chars) == _naive_differences(plain, working)


def _sentence_spans(pattern, text: str) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    return [m.span() for m in pattern.finditer(text)]


def _regex_sentence():  # type: ignore[no-untyped-def]
    import regex

    from policyfacts.text import structure

    return regex.compile(structure._SENTENCE.pattern)


def test_sentence_split_by_re_equals_regex_on_every_fixture() -> None:
    from policyfacts.text import structure

    slow = _regex_sentence()
    for path in sorted(FIXTURES.rglob("*.txt")):
        text = path.read_text("utf-8").replace("\n", " ")
        assert _sentence_spans(structure._SENTENCE, text) == _sentence_spans(slow, text), path.name


_SENTENCE_PIECES = ["某市", "增长", "。", "！", "？", "!", "?", "”", "’", "」", "』", "）", ")", "】", '"', "'", " ", "\n", "3%", "𠀀"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_SENTENCE_PIECES), max_size=30).map("".join) | st.text(max_size=40))
def test_sentence_split_by_re_equals_regex_on_random_strings(text: str) -> None:
    from policyfacts.text import structure

    assert _sentence_spans(structure._SENTENCE, text) == _sentence_spans(_regex_sentence(), text)


def _quote_patterns():  # type: ignore[no-untyped-def]
    from policyfacts import places
    from policyfacts.quantities import recognise

    return [places._SHORT_QUOTE, places._QUOTATION, recognise._QUOTE_NAME]


def _spans_both(text: str) -> None:
    import regex

    for fast in _quote_patterns():
        slow = regex.compile(fast.pattern)
        got = [m.span() + m.groups() for m in fast.finditer(text)]
        assert got == [m.span() + m.groups() for m in slow.finditer(text)], fast.pattern
        got = [m.span() for m in fast.finditer(text, 3, len(text) - 2)]
        assert got == [m.span() for m in slow.finditer(text, 3, len(text) - 2)], fast.pattern


def test_quote_patterns_by_re_equal_regex_on_every_fixture() -> None:
    for path in sorted(FIXTURES.rglob("*.txt")):
        _spans_both(path.read_text("utf-8"))


_QUOTE_PIECES = ["“", "”", "‘", "’", "「", "」", '"', "《", "》", "\n", "，", "。", "、", "浦江", "经验", "某市", "𠀀", "a"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_QUOTE_PIECES), max_size=40).map("".join) | st.text(max_size=40))
def test_quote_patterns_by_re_equal_regex_on_random_strings(text: str) -> None:
    _spans_both(text)
