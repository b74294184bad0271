"""Find place mentions in one article: gazetteer names, sub-county names by suffix, zones, anaphora.

Mentions are found here and resolved (which division, which path) in ``resolve``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from ..text.affixes import Literals
from ..text.chars import is_han
from ..text.lexicon import _TAG_BITS, lexicon, segment
from .gazetteer import LEVEL_RANK, Division, gazetteer, rules


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    name: str
    kind: str  # "gazetteer" | "pattern" | "zone" | "anaphora"
    candidates: list[Division]
    level: str | None = None  # for pattern, zone: the level its suffix gives; anaphora: the head
    short: bool = False  # written in a short form (陕西 for 陕西省)
    weak: bool = False  # could be an ordinary word (城区, 乐业): only taken when the article's place backs it
    common_area: bool = False  # a common noun + 区 (平房区: bungalows): taken when the article names its city


@cache
def _names() -> list[str]:
    """Every name and short form of two or more characters: what both matchers look for."""
    return [n for n in gazetteer().by_name if len(n) >= 2]


@cache
def _automaton():
    """Leftmost-longest matcher over every name and short form (Rust Aho–Corasick). The contiguous NFA
    of ~40k names builds in ~0.11 s and scans ~30M chars/s of CJK; the default choice here (a DFA) takes
    ~0.16 s and scans at ~18M."""
    import ahocorasick_rs

    names = _names()
    return names, ahocorasick_rs.AhoCorasick(names, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
                                             implementation=ahocorasick_rs.Implementation.ContiguousNFA)


@cache
def _name_heads() -> tuple[re.Pattern[str], dict[str, tuple[int, ...]]]:
    """A matcher of the places where a name may start (a name's first character before a name's second
    one: C finds them, a third of the characters), and the lengths of the names under each first two
    characters, longest first."""
    lengths: dict[str, set[int]] = {}
    for n in _names():
        lengths.setdefault(n[:2], set()).add(len(n))
    first = "".join(map(re.escape, sorted({h[0] for h in lengths})))
    second = "".join(map(re.escape, sorted({h[1] for h in lengths})))
    return re.compile(f"[{first}](?=[{second}])"), {h: tuple(sorted(ks, reverse=True)) for h, ks in lengths.items()}


@cache
def _head_automaton():
    """Every name's first two characters, matched overlapping: exactly where a name may start (the
    regex above passes a third of the characters, and C's match call per candidate costs more than the
    walk's look-ups; this one costs ~30 ms to build, a third of the full automaton)."""
    import ahocorasick_rs

    heads = list(_name_heads()[1])
    return heads, ahocorasick_rs.AhoCorasick(heads, matchkind=ahocorasick_rs.MatchKind.Standard)


# Building the automaton costs ~0.1 s, a tenth of a fresh process's first call; below this many
# characters scanned in the process, a walk over the name dict (from each possible start) is cheaper.
AUTOMATON_AFTER = 200_000
# The head automaton's ~30 ms is what the regex-led walk spends on ~50k characters.
HEADS_AFTER = 50_000
_walked = 0


def _starts(chunk: str) -> Iterator[tuple[int, str | None]]:
    """Where a name may start in ``chunk``, in order, with its first two characters when known."""
    if _walked < HEADS_AFTER and not _head_automaton.cache_info().currsize:
        return ((m.start(), None) for m in _name_heads()[0].finditer(chunk))
    heads, automaton = _head_automaton()
    return ((a, heads[idx]) for idx, a, _ in automaton.find_matches_as_indexes(chunk, overlapping=True))


def _walk(chunk: str) -> list[tuple[str, int, int]]:
    """The automaton's matches (leftmost, then longest, not overlapping), by dictionary look-ups."""
    by_name = gazetteer().by_name
    heads = _name_heads()[1]
    out = []
    at, n = 0, len(chunk)
    for i, head in _starts(chunk):
        if i < at:
            continue  # inside the name found last
        lengths = heads.get(head or chunk[i:i + 2])
        if lengths is None:
            continue
        for k in lengths:
            if i + k <= n and chunk[i:i + k] in by_name:
                out.append((chunk[i:i + k], i, i + k))
                at = i + k
                break
    return out


def name_matcher() -> None:
    """Build the automaton now, whatever has been scanned (a long run, a parent about to fork)."""
    _automaton()


def name_matches(chunk: str) -> list[tuple[str, int, int]]:
    """Every gazetteer name in ``chunk`` (name, start, end), leftmost-longest."""
    global _walked
    if _walked < AUTOMATON_AFTER and not _automaton.cache_info().currsize:
        _walked += len(chunk)
        return _walk(chunk)
    names, automaton = _automaton()
    return [(names[idx], a, b) for idx, a, b in automaton.find_matches_as_indexes(chunk)]


@cache
def _patterns() -> tuple[regex.Pattern, regex.Pattern, Literals, dict[str, str], frozenset[str]]:
    r = rules()
    below = r["below_county"]
    suffixes = sorted(below["suffixes"], key=len, reverse=True)
    suffix_re = regex.compile("|".join(map(regex.escape, suffixes)))
    zone_re = regex.compile("|".join(map(regex.escape, sorted(below["zone_suffixes"], key=len, reverse=True))))
    ana = r["anaphora"]
    words = [p + h for p in ana["prefixes"] for h in ana["heads"]] + list(ana["any"])
    ana = Literals(words)  # leftmost-longest, as the longest-first alternation was
    return suffix_re, zone_re, ana, below["suffixes"], frozenset(below["generic_names"])


def _rank(level: str) -> int:
    return LEVEL_RANK.get(level, 9)


@cache
def _boundary_chars() -> frozenset[str]:
    return frozenset(rules()["below_county"]["boundary_chars"])


@cache
def _weak_full_names() -> frozenset[str]:
    return frozenset(rules()["full_names"]["weak"])


def _common_word(word: str, min_freq: int = 1000) -> bool:
    """A frequent word of the general dictionary that is not a proper name (推进, 强化, 城区)."""
    lex = lexicon()  # the frequency first: most words are rarer, and their tag is never read
    return lex.freq.get(word, 0) >= min_freq and not lex.tags.get(word, "").startswith(("ns", "nr", "nz", "nt", "b"))


def _common_area(name: str, cands: list[Division]) -> bool:
    """A district named like "common noun + 区" (平房区, bungalow area; 矿区): as likely a kind of area."""
    if not name.endswith("区") or not all(c.level == "county" for c in cands):
        return False
    lex = lexicon()
    freq, tags = lex.freq, lex.tags
    stem = name[:-1]
    tag = tags.get(stem, "")
    return freq.get(stem, 0) >= 100 and tag.startswith("n") and not tag.startswith(("ns", "nr", "nz", "nt"))


_TAG_MASK = (1 << _TAG_BITS) - 1  # a packed lexicon entry: frequency << _TAG_BITS | tag number


def _crosses_word(text: str, s: int, e: int) -> bool:
    """True when a more frequent dictionary word straddles the edge of ``text[s:e]`` (每周至少 ⊅ 周至).

    The dictionary words around the name are walked once from each start (:meth:`Lexicon.keys_from`),
    not looked up slice by slice."""
    lex = lexicon()
    hi = min(len(text), e + 3)
    words = [(x, y, v) for x in range(max(0, s - 3), e) for y, v in lex.keys_from(text, x, hi) if v >> _TAG_BITS]
    own = next((v >> _TAG_BITS for x, y, v in words if x == s and y == e), 0)
    over, twice = max(own, 20), max(own, 20) * 2
    names = lex.tag_names
    for x, y, v in words:
        f = v >> _TAG_BITS
        if x <= s and y >= e:
            # a longer word that contains the name (文山会海)
            if f > over and (x, y) != (s, e) and not (v & _TAG_MASK and names[(v & _TAG_MASK) - 1].startswith("ns")):
                return True
        elif (x < s < y or s < x < e < y) and f > twice:
            return True  # a word across one edge: ends inside the name from before it, or starts inside it and goes on
    return False


@lru_cache(maxsize=16384)
def _name_kind(name: str) -> tuple[bool, bool, bool]:
    """What a gazetteer name is, wherever it stands (found again in every article, so looked up once):
    (a short form, could be an ordinary word, a common noun + 区)."""
    g = gazetteer()
    cands = g.by_name[name]
    short = name in g.short and not any(c.name == name for c in cands)
    county_short = short and all(_rank(c.level) >= 2 for c in cands)
    area = not short and _common_area(name, cands)
    weak = (county_short or _common_word(name, 100) or name in rules()["below_county"]["suffixes"]
            or name in _weak_full_names() or area)
    return short, weak, area


def _bad_name(name: str, suffix: str) -> bool:
    """A candidate sub-county name made of ordinary words (建成居家社区, 不断强化村, 全年城镇)."""
    if _common_word(name[-1] + suffix[0], 500) or any(ch in "省市县区镇乡村" for ch in name):
        return True
    return any(len(w) >= 2 and _common_word(w, 50) for w in segment(name))


def _below(parent: Mention, level: str) -> bool:
    """``level`` sits under the parent place's level (a county's township, a township's village)."""
    levels = [parent.level] if parent.level else [c.level for c in parent.candidates]
    return any(LEVEL_RANK.get(lv, 9) in (LEVEL_RANK[level] - 1, LEVEL_RANK[level] - 2) for lv in levels if lv)


def _chained_name(name: str, suffix: str, generic: frozenset[str]) -> bool:
    """A name right after its parent place: any run of characters but a generic or very common word; a long
    one (a gacha's Mongolian name) holds no function character. A character doubled across the suffix
    (某某嘎|嘎查) is the name's own, not a word with the suffix."""
    r = rules()["below_county"]
    if not (2 <= len(name) <= r.get("max_long_name", r["max_name"]) and all(is_han(ch) for ch in name)):
        return False
    if len(name) > r["max_name"] + 1 and any(ch in _boundary_chars() for ch in name):
        return False
    return (not any(ch in "，。！？；：、" for ch in name) and not _generic(name, generic)
            and not _common_word(name, 1000)
            and (name[-1] == suffix[0] or not _common_word(name[-1] + suffix[0], 500))
            and not _holds_verb(name))


def _holds_verb(name: str) -> bool:
    """A run holding a common verb is a predicate, not a name (武侯区|财政投入|社区发展治理)."""
    lex = lexicon()
    freq, tags = lex.freq, lex.tags
    words = (name[a:b] for a in range(len(name) - 1) for b in range(a + 2, len(name) + 1))
    return any(tags.get(w, "").startswith("v") and freq.get(w, 0) >= 50 for w in words)


def _name_start(text: str, floor: int, end: int) -> int | None:
    """Start of the proper name that ends at ``end`` (before its suffix), or None when there is none.

    A run of up to ``max_name`` characters after a boundary (a function character, the place before it) is
    the name; a longer one (后苏家山村, a gacha's long Mongolian name), up to ``max_long_name``, only when a
    punctuation mark or a line's start opens it. The caller still refuses a run made of ordinary words."""
    r = rules()["below_county"]
    bound = _boundary_chars()
    longest = r.get("max_long_name", r["max_name"])
    i = end
    freq = lexicon().freq
    while i > floor and is_han(text[i - 1]) and end - i < longest + 1 and (
            text[i - 1] not in bound
            # 其其格村, 在其甘村: an opener that makes no word with what follows is the name's own character
            or (text[i - 1] in _OPENERS and i < end and not freq.get(text[i - 1:i + 1], 0))):
        i -= 1
    if end - i > longest:
        return None  # a run too long to tell where the name starts: leave it out rather than guess
    if end - i > r["max_name"] and (i == 0 or is_han(text[i - 1]) or text[i - 1] in _OPENING_QUOTES):
        return None  # a long run opened by a word or a quote (“千企兴千村”), not by punctuation
    if end - i < r["min_name"]:
        return None
    return i


_OPENING_QUOTES = "“‘「『《\"'"
_OPENERS = "本该各每此这那其某"  # boundary characters that also begin proper names


def _after_date(text: str, ns: int) -> bool:
    """A run starting right after a date with a date's tail (2025年|底前社区服务) goes on with the date."""
    return (ns >= 2 and text[ns - 1] in "年月日" and (text[ns - 2].isdigit() or text[ns - 2] in "〇零一二三四五六七八九十")
            and text[ns] in rules()["below_county"]["date_tails"])


def _generic(name: str, generic: frozenset[str]) -> bool:
    """A generic word, or a name opening with one (城市社区, 每个村); a one-character opener (其, 本, 该)
    counts only when it makes a dictionary word with the next character (其他村, 每个村, not 其甘村)."""
    if name in generic:
        return True
    freq = lexicon().freq
    # the name's proper prefixes looked up, not every generic word tried on it
    return any(name[:k] in generic and (k >= 2 or freq.get(name[:2], 0) > 0) for k in range(1, len(name)))


class _Taken:
    """Non-overlapping spans kept sorted: overlap and "last end before" in log time (linear overall)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]

    def add(self, s: int, e: int) -> None:
        i = bisect_right(self.starts, s)
        self.starts.insert(i, s)
        self.spans.insert(i, (s, e))

    def remove(self, s: int, e: int) -> None:
        i = bisect_left(self.starts, s)
        if i < len(self.spans) and self.spans[i] == (s, e):
            del self.starts[i], self.spans[i]

    def free(self, s: int, e: int) -> bool:
        i = bisect_right(self.starts, s) - 1
        if i >= 0 and self.spans[i][1] > s:
            return False
        j = bisect_left(self.starts, s)
        while j < len(self.spans) and self.spans[j][0] < e:
            if self.spans[j][1] > s and self.spans[j][0] < e:
                return False
            j += 1
        return True

    def end_before(self, pos: int) -> int:
        i = bisect_right(self.starts, pos) - 1
        while i >= 0 and self.spans[i][1] > pos:
            i -= 1
        return self.spans[i][1] if i >= 0 else -1


def _parent_over_short_forms(out: list[Mention], by_end: dict[int, Mention], p: int,
                             s_suf: int) -> tuple[Mention | None, list[Mention]]:
    """The place that ends right before the short forms (each a mention in ``out``) that run up to ``p``."""
    longest = rules()["below_county"].get("max_long_name", 7)
    inner = [m for m in out if m.end <= p and m.start >= s_suf - longest and m.kind == "gazetteer" and m.short]
    if not inner or inner[-1].end != p:
        return None, []
    at = p
    chain: list[Mention] = []
    for m in reversed(inner):
        if m.end != at:
            break
        chain.append(m)
        at = m.start
    parent = by_end.get(at)
    return (parent, chain) if parent is not None and not parent.weak else (None, [])


def find_mentions(text: str, start: int, end: int, skip: list[tuple[int, int]] | None = None) -> list[Mention]:
    """Every place mention in ``text[start:end]``, in order, non-overlapping."""
    g = gazetteer()
    suffix_re, zone_re, ana_re, suffix_level, generic = _patterns()
    chunk = text[start:end]
    out: list[Mention] = []

    # 1. Gazetteer names, leftmost-longest.
    for name, a, b in name_matches(chunk):
        s, e = start + a, start + b
        cands = g.by_name[name]
        short, weak, area = _name_kind(name)
        if short and _crosses_word(text, s, e):
            continue
        out.append(Mention(s, e, name, "gazetteer", list(cands), short=short, weak=weak, common_area=area))

    # A short form glued to a sub-county suffix is part of that place's name (红安社区 is not 红安县).
    kept: list[Mention] = []
    for m in out:
        nxt = suffix_re.match(text, m.end)
        if m.short and nxt and m.end < end:
            continue
        kept.append(m)
    out = kept

    taken = _Taken([(m.start, m.end) for m in out])
    skips = _Taken(sorted(skip or []))

    def free(s: int, e: int) -> bool:
        return taken.free(s, e) and skips.free(s, e)

    def floor_before(pos: int) -> int:
        return max(start, taken.end_before(pos))

    # 2. Sub-county places by suffix.
    by_end = {x.end: x for x in out if not x.weak}
    chained: set[str] = set()  # names taken on their parent's word, recognised again alone
    max_chained = rules()["below_county"]["max_name"] + 1
    for m in suffix_re.finditer(text, start, end):
        s_suf, e_suf = m.span()
        if not free(s_suf, e_suf):
            continue
        suffix = m.group()
        if suffix == "乡" and text[e_suf:e_suf + 1] in ("村", "镇", "亲", "里", "土", "情", "间", "下", "贤"):
            continue
        if suffix == "村" and text[e_suf:e_suf + 1] in ("民", "里", "庄", "落", "级", "医", "小"):
            continue  # 村民, 村里, 村庄: the word, not a village's name
        p = floor_before(s_suf)
        parent = by_end.get(p)
        again = next((text[k:e_suf] for k in range(max(p, s_suf - max_chained), s_suf - 1)
                      if text[k:e_suf] in chained), None)
        if parent is None:
            # 某镇|巴彦图嘎|嘎查: a short form inside a long name right after its parent is part of the name
            parent, inner = _parent_over_short_forms(out, by_end, p, s_suf)
            if parent is not None and _below(parent, suffix_level[suffix]) and _chained_name(
                    text[parent.end:s_suf], suffix, generic):
                for x in inner:
                    out.remove(x)
                    taken.remove(x.start, x.end)
                p = parent.end
            else:
                parent = None
        if parent is not None and _below(parent, suffix_level[suffix]) and _chained_name(text[p:s_suf], suffix, generic):
            ns = p  # 大东区魁星社区, 沙塘镇十八里村: the place above says where the name starts
            chained.add(text[p:s_suf] + suffix)
        elif again is not None:
            ns = s_suf - len(again) + len(suffix)  # named again without its parent (魁星社区党委书记)
        else:
            ns = _name_start(text, p, s_suf)
            if ns is None or _after_date(text, ns):
                continue
            if _generic(text[ns:s_suf], generic) or _bad_name(text[ns:s_suf], suffix):
                continue
        name = text[ns:s_suf]
        if not free(ns, e_suf):
            continue
        mention = Mention(ns, e_suf, name + suffix, "pattern", [], level=suffix_level[suffix])
        out.append(mention)
        by_end[e_suf] = mention
        taken.add(ns, e_suf)

    # 3. Zones named by the text (苏州高新区, 河东新区).
    gaz_by_end = {x.end: x for x in out if x.kind == "gazetteer"}
    dropped: set[int] = set()
    for m in zone_re.finditer(text, start, end):
        s_suf, e_suf = m.span()
        glued = gaz_by_end.pop(s_suf, None)
        if glued is not None:
            dropped.add(id(glued))
            taken.remove(glued.start, glued.end)
            out.append(Mention(glued.start, e_suf, glued.name + m.group(), "zone", glued.candidates, level="zone"))
            taken.add(glued.start, e_suf)
            continue
        if not free(s_suf, e_suf):
            continue
        ns = _name_start(text, floor_before(s_suf), s_suf)
        if ns is None or s_suf - ns > 3:
            continue
        name = text[ns:s_suf]
        if _generic(name, generic) or _bad_name(name, m.group()) or not free(ns, e_suf):
            continue
        out.append(Mention(ns, e_suf, name + m.group(), "zone", [], level="zone"))
        taken.add(ns, e_suf)

    # 4. Anaphora: 全市, 我省, 当地.
    for word, a, b in ana_re.finditer(text, start, end):
        if free(a, b):
            out.append(Mention(a, b, word, "anaphora", []))
    out = [m for m in out if id(m) not in dropped]
    out.sort(key=lambda m: m.start)
    return out

