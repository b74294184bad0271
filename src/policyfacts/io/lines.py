"""Many text lines (a huge document's JSONL facts), held zlib-compressed, and put in order as they come.

JSONL facts repeat their keys, and facts of one sentence repeat its text: in blocks of ~256 KB they
compress about 7× (a Chinese JSON line is ~1.1 KB as a ``str``), so the facts of a 20 MB page take
~15 MB instead of ~100 MB, and cross a process boundary as a few bytes objects.
"""

from __future__ import annotations

import heapq
import zlib
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from operator import itemgetter
from typing import Any, overload

_BLOCK = 1 << 18  # UTF-8 bytes of lines per compressed block
_LEVEL = 1  # fastest: ~7× on JSONL already; higher levels gain little for the time


class Lines(Sequence[str]):
    """An append-only sequence of lines (strings without ``"\\n"``), compressed block by block.

    Iteration decompresses one block at a time; indexing decompresses the block it falls in.
    """

    __slots__ = ("_blocks", "_ends", "_pending", "_pending_size")

    def __init__(self, lines: Iterable[str] = ()) -> None:
        self._blocks: list[bytes] = []
        self._ends = array("q")  # lines up to the end of each block
        self._pending: list[str] = []
        self._pending_size = 0
        self.extend(lines)

    def append(self, line: str) -> None:
        if "\n" in line:
            raise ValueError("a line holds no line break")
        self._pending.append(line)
        self._pending_size += len(line)
        if self._pending_size * 2 >= _BLOCK:  # ~2 UTF-8 bytes a character in Chinese JSON
            self._flush()

    def extend(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.append(line)

    def _flush(self) -> None:
        if not self._pending:
            return
        data = "\n".join(self._pending).encode("utf-8", "surrogatepass")
        self._blocks.append(zlib.compress(data, _LEVEL))
        self._ends.append(len(self))
        self._pending = []
        self._pending_size = 0

    @staticmethod
    def _block_lines(block: bytes) -> list[str]:
        return zlib.decompress(block).decode("utf-8", "surrogatepass").split("\n")

    def __len__(self) -> int:
        return (self._ends[-1] if self._ends else 0) + len(self._pending)

    def __iter__(self) -> Iterator[str]:
        for block in self._blocks:
            yield from self._block_lines(block)
        yield from list(self._pending)

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> list[str]: ...

    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("line index out of range")
        b = bisect_right(self._ends, i)
        if b == len(self._blocks):
            return self._pending[i - (self._ends[-1] if self._ends else 0)]
        return self._block_lines(self._blocks[b])[i - (self._ends[b - 1] if b else 0)]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Lines | list | tuple):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, like a list

    def __repr__(self) -> str:
        return f"Lines({len(self)} lines, {self.nbytes:,} bytes)"

    @property
    def nbytes(self) -> int:
        """Bytes held: the compressed blocks and the lines not yet compressed."""
        return sum(map(len, self._blocks)) + sum(map(len, self._pending)) * 2

    def __getstate__(self) -> dict[str, Any]:
        return {"blocks": self._blocks, "ends": self._ends, "pending": self._pending}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._blocks, self._ends, self._pending = state["blocks"], state["ends"], state["pending"]
        self._pending_size = sum(map(len, self._pending))


class SortedLines:
    """Lines that arrive as a few runs ascending by a key ``(start, end, kind)``, given back as
    ``sorted(…, key=key)`` would (stable): each run is compressed as it comes, and the runs are merged
    at the end, so the uncompressed lines are never all held at once.

    A new run starts wherever a key is smaller than the one before; equal keys stay in their run, in the
    order they came, and ties between runs go to the earlier run: exactly a stable sort of the whole.
    """

    __slots__ = ("_ends", "_kinds", "_runs", "_starts")

    def __init__(self) -> None:
        self._runs: list[Lines] = []
        self._starts: list[array] = []
        self._ends: list[array] = []
        self._kinds: list[list[str]] = []

    def add(self, start: int, end: int, kind: str, line: str) -> None:
        if not self._runs or (start, end, kind) < (self._starts[-1][-1], self._ends[-1][-1], self._kinds[-1][-1]):
            self._runs.append(Lines())
            self._starts.append(array("q"))
            self._ends.append(array("q"))
            self._kinds.append([])
        self._runs[-1].append(line)
        self._starts[-1].append(start)
        self._ends[-1].append(end)
        self._kinds[-1].append(kind)

    def __len__(self) -> int:
        return sum(map(len, self._runs))

    def lines(self) -> Lines:
        """All lines in key order (the builder is emptied)."""
        runs, self._runs = self._runs, []
        keyed = [zip(zip(s, e, k, strict=True), run, strict=True)
                 for s, e, k, run in zip(self._starts, self._ends, self._kinds, runs, strict=True)]
        self._starts, self._ends, self._kinds = [], [], []
        if not runs:
            return Lines()
        if len(runs) == 1:
            return runs[0]
        out = Lines()
        for _, line in heapq.merge(*keyed, key=itemgetter(0)):
            out.append(line)
        return out
