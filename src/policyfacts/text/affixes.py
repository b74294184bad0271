"""Word lists tested at one position, by length instead of word by word.

The quantity and subject rules ask "which word of this table ends (or begins) here?" for every
figure; a loop of ``endswith`` per word is ~50 calls a figure. An :class:`Affixes` slices the text
once per word length and looks the slice up, and returns the matching words in the table's order,
so a rule that takes the first match that passes its checks behaves exactly as its loop did.
"""

from __future__ import annotations

from collections.abc import Iterable


class Affixes:
    __slots__ = ("_lengths", "_order")

    def __init__(self, words: Iterable[str]) -> None:
        self._order: dict[str, int] = {}
        for w in words:
            if w:
                self._order.setdefault(w, len(self._order))
        self._lengths = tuple(sorted({len(w) for w in self._order}))

    def ending_at(self, text: str, end: int, floor: int = 0) -> list[str]:
        """The words ``w`` with ``text.endswith(w, floor, end)``, in table order."""
        order = self._order
        end = min(end, len(text))  # as endswith reads it
        found = [w for k in self._lengths if end - k >= floor and (w := text[end - k:end]) in order]
        if len(found) > 1:
            found.sort(key=order.__getitem__)
        return found

    def starting_at(self, text: str, pos: int) -> list[str]:
        """The words ``w`` with ``text.startswith(w, pos)``, in table order."""
        order = self._order
        found = [w for k in self._lengths if (w := text[pos:pos + k]) in order and len(w) == k]
        if len(found) > 1:
            found.sort(key=order.__getitem__)
        return found


class Literals:
    """Leftmost-longest search for a list of literal words (Rust Aho–Corasick): what a regex
    alternation of the words sorted longest first finds, at a fraction of its cost on long lists."""

    __slots__ = ("_automaton", "_words")

    def __init__(self, words: Iterable[str]) -> None:
        import ahocorasick_rs

        self._words = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
        self._automaton = ahocorasick_rs.AhoCorasick(self._words, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> list[tuple[str, int, int]]:
        """(word, start, end) of each match inside ``text[pos:endpos]``, left to right."""
        chunk = text[pos:endpos]
        words = self._words
        return [(words[i], pos + a, pos + b) for i, a, b in self._automaton.find_matches_as_indexes(chunk)]
