"""Map offsets of the normalised working text back to the original text.

Normalisation only ever replaces characters one-for-one or deletes runs, so the
map is sparse: one entry per deleted run (where the shift changes), looked up by bisection.
The entries are machine integers in arrays (8 bytes each, not a 32-byte int object and a list slot):
a 20 MB page with a deleted run every few dozen characters holds ~20 MB less.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right


def _ints() -> array:
    return array("q")


class OffsetMap:
    """norm position -> original position.

    ``cuts[i]`` is the normalised position before which a run was deleted,
    ``shift[i]`` the total deleted length up to and including that run, and
    ``attached[i]`` how much of the run belongs to the character before it
    (a pinyin annotation belongs to its character; an injected spam word doesn't).
    """

    __slots__ = ("attached", "cuts", "shift")

    def __init__(self) -> None:
        self.cuts = _ints()
        self.shift = _ints()
        self.attached = _ints()

    def __len__(self) -> int:
        """Number of runs (places where the shift changes)."""
        return len(self.cuts)

    def add_deletion(self, norm_pos: int, length: int, attach_left: bool) -> None:
        """Record ``length`` original characters deleted just before normalised ``norm_pos``."""
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
        """Original offset of the character at normalised ``pos``."""
        i = bisect_right(self.cuts, pos)
        return pos + (self.shift[i - 1] if i else 0)

    def end(self, pos: int) -> int:
        """Original end offset (exclusive) for a normalised end ``pos``.

        Includes an annotation deleted right after the last character.
        """
        if pos <= 0:
            return 0
        out = self.start(pos - 1) + 1
        i = bisect_right(self.cuts, pos)
        if i and self.cuts[i - 1] == pos:
            out += self.attached[i - 1]
        return out

    def span(self, start: int, end: int) -> tuple[int, int]:
        if not self.cuts:  # nothing deleted (most texts): the identity
            return (start, end) if end > start else (start, start)
        if end <= start:
            s = self.start(start)
            return s, s
        return self.start(start), self.end(end)
