"""The offset map (runs in machine-integer arrays) maps as a brute-force per-character map, on random
deletions."""

from __future__ import annotations

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from policyfacts.text.normalize import normalize
from policyfacts.text.offsets import OffsetMap

# (characters kept before the run, run length, attached to the previous character)
_edits = st.lists(st.tuples(st.integers(0, 6), st.integers(1, 5), st.booleans()), max_size=40)


def _build(edits: list[tuple[int, int, bool]], tail: int) -> tuple[OffsetMap, list[int], dict[int, int], int]:
    """The map, and its brute-force meaning: each kept character's original position, and at each cut the
    deleted characters that belong to the character before it (all of the cut's deletions so far attached)."""
    m = OffsetMap()
    kept_orig: list[int] = []
    attached: dict[int, int] = {}
    all_attached: dict[int, bool] = {}
    orig = kept = 0
    for keep, length, attach in edits:
        kept_orig.extend(range(orig, orig + keep))
        orig += keep
        kept += keep
        m.add_deletion(kept, length, attach)
        if kept not in attached:
            attached[kept], all_attached[kept] = (length if attach else 0), attach
        elif attach and all_attached[kept]:
            attached[kept] += length
        else:
            all_attached[kept] = False
        orig += length
    kept_orig.extend(range(orig, orig + tail))
    return m, kept_orig, attached, kept + tail


@settings(max_examples=300, deadline=None)
@given(_edits, st.integers(0, 5))
def test_array_map_equals_the_brute_force_map(edits: list[tuple[int, int, bool]], tail: int) -> None:
    m, kept_orig, attached, n = _build(edits, tail)
    for pos in range(n + 1):
        if pos < n:
            assert m.start(pos) == kept_orig[pos]  # the character at pos came from there
        if pos > 0:
            assert m.end(pos) == kept_orig[pos - 1] + 1 + attached.get(pos, 0)
        for end in range(pos, min(n, pos + 4) + 1):
            expected = (m.start(pos), m.start(pos)) if end == pos else (m.start(pos), m.end(end))
            assert m.span(pos, end) == expected


def test_runs_merge_where_the_shift_does_not_change_between_them() -> None:
    m = OffsetMap()
    m.add_deletion(3, 2, True)
    m.add_deletion(3, 1, True)  # the same cut: one run of 3, all attached
    m.add_deletion(7, 4, False)
    assert len(m) == 2
    assert list(m.cuts) == [3, 7] and list(m.shift) == [3, 7] and list(m.attached) == [3, 0]
    assert m.span(0, 3) == (0, 6)  # the annotation after the third character belongs to it
    assert m.span(3, 7) == (6, 10)
    assert m.start(7) == 14


def test_a_normalised_text_maps_back_and_pickles() -> None:
    norm = normalize("学(xué)习\u200b共 3000 元")
    assert norm.text == "学习共3000元"
    assert norm.original_slice(0, 1) == "学(xué)"
    assert norm.original_slice(2, 8) == "共 3000 元"
    again = pickle.loads(pickle.dumps(norm.offsets))
    assert [again.start(i) for i in range(len(norm.text))] == [norm.offsets.start(i) for i in range(len(norm.text))]


_PUNCT_TEXT = st.text(alphabet=st.sampled_from('他说增长共元年:"\',，：；;!?（）() 0123456789０１％%Ａａ．\r\n\u3000'),
                      max_size=60)


@settings(max_examples=200, deadline=None)
@given(_PUNCT_TEXT, st.data())
def test_display_strings_equal_slices_of_the_full_plain_text(text: str, data: st.DataObject) -> None:
    import policyfacts.text.normalize as nz

    seen: list[str] = []
    real = nz._differences

    def spy(plain: str, working: str):  # type: ignore[no-untyped-def]
        seen.append(plain)
        return real(plain, working)

    nz._differences = spy
    try:
        norm = normalize(text)
    finally:
        nz._differences = real
    plain = seen[0]
    assert len(plain) == len(norm.text)
    assert norm.plain == plain
    start = data.draw(st.integers(0, len(plain)))
    end = data.draw(st.integers(0, len(plain)))
    assert norm.display(start, end) == plain[start:end]


def test_display_keeps_the_original_punctuation() -> None:
    norm = normalize('他说:"增长50%,共1，000元"')
    assert norm.text == "他说：“增长50%，共1,000元”"
    assert norm.display(3, 10) == '"增长50%,'
    assert list(norm.plain_at) == [2, 3, 9, 12, 17]  # five characters differ: five entries, no copy
