"""The offset map (runs in machine-integer arrays) maps as the list-of-ints map it replaced, and as a
brute-force per-character map, on random deletions."""

from __future__ import annotations

import pickle
from bisect import bisect_right

from hypothesis import given, settings
from hypothesis import strategies as st

from policyfacts.text.normalize import normalize
from policyfacts.text.offsets import OffsetMap


class _ListOffsetMap:
    """The previous implementation (plain lists), kept here as the reference."""

    def __init__(self) -> None:
        self.cuts: list[int] = []
        self.shift: list[int] = []
        self.attached: list[int] = []

    def add_deletion(self, norm_pos: int, length: int, attach_left: bool) -> None:
        before = self.shift[-1] if self.shift else 0
        if self.cuts and self.cuts[-1] == norm_pos:
            run_so_far = before - (self.shift[-2] if len(self.shift) > 1 else 0)
            if attach_left and self.attached[-1] == run_so_far:
                self.attached[-1] += length
            self.shift[-1] = before + length
            return
        self.cuts.append(norm_pos)
        self.shift.append(before + length)
        self.attached.append(length if attach_left else 0)

    def start(self, pos: int) -> int:
        i = bisect_right(self.cuts, pos)
        return pos + (self.shift[i - 1] if i else 0)

    def end(self, pos: int) -> int:
        if pos <= 0:
            return 0
        out = self.start(pos - 1) + 1
        i = bisect_right(self.cuts, pos)
        if i and self.cuts[i - 1] == pos:
            out += self.attached[i - 1]
        return out

    def span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            s = self.start(start)
            return s, s
        return self.start(start), self.end(end)


# (characters kept before the run, run length, attached to the previous character)
_edits = st.lists(st.tuples(st.integers(0, 6), st.integers(1, 5), st.booleans()), max_size=40)


def _build(edits: list[tuple[int, int, bool]], tail: int) -> tuple[OffsetMap, _ListOffsetMap, list[int], int]:
    new, old = OffsetMap(), _ListOffsetMap()
    kept_orig: list[int] = []  # original position of each kept character: the brute-force map
    orig = kept = 0
    for keep, length, attach in edits:
        kept_orig.extend(range(orig, orig + keep))
        orig += keep
        kept += keep
        new.add_deletion(kept, length, attach)
        old.add_deletion(kept, length, attach)
        orig += length
    kept_orig.extend(range(orig, orig + tail))
    return new, old, kept_orig, kept + tail


@settings(max_examples=300, deadline=None)
@given(_edits, st.integers(0, 5))
def test_array_map_equals_the_list_map_and_brute_force(edits: list[tuple[int, int, bool]], tail: int) -> None:
    new, old, kept_orig, n = _build(edits, tail)
    assert list(new.cuts) == old.cuts and list(new.shift) == old.shift and list(new.attached) == old.attached
    for pos in range(n + 1):
        assert new.start(pos) == old.start(pos)
        assert new.end(pos) == old.end(pos)
        if pos < n:
            assert new.start(pos) == kept_orig[pos]  # the character at pos came from there
        for end in range(pos, min(n, pos + 4) + 1):
            assert new.span(pos, end) == old.span(pos, end)


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
