"""Sorted, merged spans with O(log n) overlap and containment queries (no scans per candidate)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable


class SpanIndex:
    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if e <= s:
                continue
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    # the bisection is written out in each query: they run for every candidate mention
    def covers(self, start: int, end: int) -> bool:
        """Some span contains [start, end) whole."""
        i = bisect_right(self.starts, start) - 1
        return i >= 0 and end <= self.ends[i]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, max(start, end - 1)) - 1
        return i >= 0 and self.ends[i] > start and self.starts[i] < end

    def __bool__(self) -> bool:
        return bool(self.starts)
