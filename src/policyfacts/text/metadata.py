"""Page metadata items (headers, footers, datelines, bylines) found inside lines, and what they say.

A metadata item is bounded: it may share its line with the body, which keeps its facts. Scraped and
JSONL corpora often carry an article as one line, header and all (``发布日期：2024-02-20 来源：某某网
沈阳市下降33%。``), so no rule may take "the rest of the line". Rules are ``[[metadata]]`` in
``data/structure.toml``; this module compiles them and resolves overlaps. Positions are offsets of the
normalised text.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from datetime import date
from functools import cache, reduce
from operator import or_

import regex

from ..datafiles import load_toml

try:  # re's own parser (private): a Python without it only loses the gates, every rule is scanned
    import re._constants as _sre
    import re._parser as _sre_parse
except ImportError:  # pragma: no cover
    _sre = _sre_parse = None  # type: ignore[assignment]

_FIELDS = ("y", "source", "views", "strong")


@dataclass(frozen=True, slots=True)
class MetaRule:
    name: str
    priority: int
    pattern: regex.Pattern[str]
    fact: bool = False  # the item dates the page but its figures stay facts
    anywhere: bool = False  # may start right after other text
    line: bool = False  # must be the whole line, or all that is left of it between other items
    needs: tuple[frozenset[str], ...] = ()  # every match holds one of each (a character, or _DIGIT)
    words: tuple[tuple[str, ...], ...] = ()  # every match holds one of each (declared: ``words`` of the rule)


@dataclass(frozen=True, slots=True)
class MetaItem:
    start: int
    end: int
    rule: MetaRule
    groups: dict[str, str | None]


@dataclass(slots=True)
class Metadata:
    published: date | None = None
    outlet: str | None = None
    source: str | None = None
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    datelines: list[tuple[int, int]] = field(default_factory=list)  # 本报某市3月5日电: where the story is filed
    credits: list[str] = field(default_factory=list)  # the authors from credit lines (文/图 某某), last in ``authors``
    _priority: int = 99

    def add(self, item: MetaItem) -> None:
        """Fill what the item says and the fields still empty (the date of the best-ranked rule wins)."""
        g = item.groups
        if g.get("y") and item.rule.priority < self._priority:
            try:
                self.published = date(int(g["y"] or 0), int(g["m"] or 0), int(g["d"] or 0))
                self._priority = item.rule.priority
            except ValueError:
                pass
        if item.rule.fact:
            return
        if item.rule.name == "dateline":
            self.datelines.append((item.start, item.end))
        outlet = (g.get("outlet") or "").strip()
        if outlet and not self.outlet and not outlet.startswith("本"):
            self.outlet = outlet
        if g.get("source") and not self.source:
            self.source = (g["source"] or "").strip() or None
        if g.get("authors"):
            names = regex.sub(r"(?:[^\s，。]{2,8}?)?(?:记者|通讯员)", " ", g["authors"] or "")
            self.authors += [n for n in split_names(names) if n not in self.authors]
        if g.get("editors"):
            self.editors += [n for n in split_names(g["editors"] or "") if n not in self.editors]


def split_names(s: str) -> list[str]:
    """Names in a byline: spaces or 、 separate people; a lone character joins its neighbour (周 强)."""
    toks = [t for t in regex.split(r"[\s、，,]+", s.strip()) if t]
    out: list[str] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if len(t) == 1 and i + 1 < len(toks) and len(toks[i + 1]) == 1:
            t += toks[i + 1]
            i += 1
        out.append(t)
        i += 1
    return out


Gate = tuple[MetaRule, int, int]  # a rule, the mask bits of its needs without a digit, of those with one


@dataclass(frozen=True, slots=True)
class _Rules:
    items: tuple[Gate, ...]
    lines: tuple[Gate, ...]
    boundary: frozenset[str]
    heads: regex.Pattern[str]
    others: re.Pattern[str]  # runs of what no need holds, but \n: what a text keeps are its needs' characters
    bits: dict[str, int]  # a need's character -> the mask bits of the needs holding it
    by_mask: dict[int, tuple[tuple[Gate, ...], tuple[Gate, ...]]] = field(default_factory=dict)

    def held(self, mask: int) -> tuple[tuple[Gate, ...], tuple[Gate, ...]]:
        """The item and line gates whose character needs ``mask`` holds (a line's mask is one of a few)."""
        got = self.by_mask.get(mask)
        if got is None:
            if len(self.by_mask) >= _MAX_MASKS:
                self.by_mask.clear()
            got = self.by_mask[mask] = (tuple(g for g in self.items if not g[1] & ~mask),
                                        tuple(g for g in self.lines if not g[1] & ~mask))
        return got


@cache
def _rules() -> _Rules:
    raw = load_toml("structure.toml")
    macros: dict[str, str] = raw.get("metadata_macros", {})

    def expand(pattern: str) -> str:
        for key, value in macros.items():
            pattern = pattern.replace("{" + key + "}", value)
        return pattern

    rules = [
        MetaRule(r["name"], int(r.get("priority", 9)), regex.compile(expand(r["pattern"]), regex.V0),
                 bool(r.get("fact", False)), bool(r.get("anywhere", False)), r.get("scope") == "line",
                 _needs(expand(r["pattern"])), tuple(tuple(ws) for ws in r.get("words", [])))
        for r in raw.get("metadata", [])
    ]
    bound = raw.get("metadata_boundary", {})
    after = regex.sub(r"\\s", " \t\u3000", bound.get("after", r"\s"))
    heads = sorted(bound.get("name_heads", []), key=len, reverse=True)
    head_re = regex.compile("|".join(map(regex.escape, heads)) or r"(?!)")
    return _gated(rules, frozenset(after), head_re)


def _gated(rules: list[MetaRule], boundary: frozenset[str], heads: regex.Pattern[str]) -> _Rules:
    """The rules, their needs as bits of a line's mask (a bit a distinct need; see ``line_masks``)."""
    index: dict[frozenset[str], int] = {}
    for r in rules:
        for need in r.needs:
            index.setdefault(need, 1 << len(index))
    bits: dict[str, int] = {}
    for need, bit in index.items():
        for c in need - {_DIGIT, "\n"}:  # a line holds no \n
            bits[c] = bits.get(c, 0) | bit
    gates = [(r, sum(index[n] for n in r.needs if _DIGIT not in n), sum(index[n] for n in r.needs if _DIGIT in n))
             for r in rules]
    # re, not regex: a class of literal characters is a bitmap test per character
    others = re.compile("[^\n" + re.escape("".join(sorted(bits))) + "]+")
    return _Rules(tuple(g for g in gates if not g[0].line), tuple(g for g in gates if g[0].line),
                  boundary, heads, others, bits)


_DIGIT = "\\d"  # a need that is any decimal digit (the rules' own \\d), not a literal character
_DIGITS = regex.compile(r"\d", regex.V0)
_MAX_CLASS = 24  # a character class of more characters is no useful need
_MAX_NEEDS = 3  # sets tested per rule and line
_MAX_MASKS = 4096  # masks whose open rules are kept


def literal_needs(pattern: str) -> tuple[frozenset[str], ...]:
    """The sets of characters every match of ``pattern`` holds one of each of, the digit need left out:
    for gating a pattern other than the metadata rules (a text lacking a set holds no match)."""
    return tuple(n for n in _needs(pattern) if _DIGIT not in n)


def _needs(pattern: str) -> tuple[frozenset[str], ...]:
    """Sets of characters such that every match of ``pattern`` consumes one of each, read off its syntax
    tree: a line missing all of one set cannot match, and the rule's (overlapped, so costly) scan is
    skipped. Conservative: what the analysis does not know (lookarounds, wide classes, \\p{…}, a pattern
    ``re`` cannot parse) gives no set, and no set means "always scan". Literal sets first, few of them."""
    if _sre_parse is None:
        return ()
    plain = regex.sub(r"\\[pP]\{[^}]*\}", r"\\w", pattern)  # a script class: too wide to be a need
    plain = regex.sub(r"\(\?P<\w+>", "(", plain)  # names dropped (a rule may reuse one); refs by number
    plain = regex.sub(r"\(\?\(\w+\)", "(?(1)", plain)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = _sre_parse.parse(plain)
    except Exception:  # re's syntax is not regex's: no need known, the rule is always scanned
        return ()
    if tree.state.flags & _sre.SRE_FLAG_IGNORECASE:
        return ()
    found = {n for op, av in tree if (n := _item_needs(op, av)) is not None}
    return tuple(sorted(found, key=lambda n: (_DIGIT in n, len(n), sorted(n))))[:_MAX_NEEDS]


def _seq_needs(seq) -> frozenset[str] | None:  # type: ignore[no-untyped-def]  # re._parser.SubPattern
    """The smallest need of the sequence's mandatory items (each is consumed by every match)."""
    best: frozenset[str] | None = None
    for op, av in seq:
        got = _item_needs(op, av)
        if got is not None and (best is None or len(got) < len(best)):
            best = got
    return best


def _item_needs(op, av) -> frozenset[str] | None:  # type: ignore[no-untyped-def]
    if op is _sre.LITERAL:
        return frozenset(chr(av))
    if op is _sre.IN:
        chars: set[str] = set()
        for iop, iav in av:
            if iop is _sre.LITERAL:
                chars.add(chr(iav))
            elif iop is _sre.RANGE and iav[1] - iav[0] < _MAX_CLASS:
                chars.update(map(chr, range(iav[0], iav[1] + 1)))
            elif iop is _sre.CATEGORY and iav is _sre.CATEGORY_DIGIT:
                chars.add(_DIGIT)
            else:
                return None  # NEGATE, a wide range, \\w, \\s…
        return frozenset(chars) if len(chars) <= _MAX_CLASS else None
    if op is _sre.CATEGORY:
        return frozenset([_DIGIT]) if av is _sre.CATEGORY_DIGIT else None
    if op is _sre.BRANCH:
        return _union(_seq_needs(b) for b in av[1])
    if op is _sre.SUBPATTERN:
        return None if av[1] & _sre.SRE_FLAG_IGNORECASE else _seq_needs(av[3])
    if op is _sre.ATOMIC_GROUP:
        return _seq_needs(av)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        return _seq_needs(av[2]) if av[0] >= 1 else None
    if op is _sre.GROUPREF_EXISTS:
        return _union([_seq_needs(av[1]), _seq_needs(av[2]) if av[2] is not None else None])
    return None  # lookarounds, anchors, any character, back-references: nothing consumed for sure


def _union(needs) -> frozenset[str] | None:  # type: ignore[no-untyped-def]
    out: set[str] = set()
    for n in needs:
        if n is None:
            return None
        out |= n
    return frozenset(out) if len(out) <= _MAX_CLASS else None


def _may_start(text: str, pos: int, line_start: int) -> bool:
    return pos == line_start or text[pos - 1] in _rules().boundary or not text[line_start:pos].strip()


def _strong(m: regex.Match[str]) -> bool:
    g = m.groupdict()
    return sum(1 for k in _FIELDS if g.get(k) is not None) >= 2


def _starts_item(text: str, pos: int, end: int) -> bool:
    return any(r.pattern.match(text, pos, end) for r, _, _ in _rules().items)


def _cut_name(text: str, m: regex.Match[str], line_end: int) -> int:
    """Where a source name that ends its item really ends: after its last head (某某日报|近日…), after an
    earlier head where another item follows (某某网|新华社某市1月11日电), or, with no head, where an ASCII
    token meets Han (sp20241123|今年以来)."""
    s, e = m.span("source")
    if e != m.end():
        return m.end()
    value = text[s:e]
    cuts = [h.end() + s for h in _rules().heads.finditer(value, overlapped=True)]
    if not cuts:
        ascii_token = regex.match(r"[A-Za-z0-9_.]+(?=\p{Han})", value)
        return s + ascii_token.end() if ascii_token else e
    for c in sorted(set(cuts), reverse=True):
        if c < e and _starts_item(text, c, line_end):
            return c
    return max(cuts)


def line_masks(text: str) -> list[int]:
    """For each line of ``text`` (split at \\n), the mask bits of the needs it holds a character of: one
    ``re`` pass strips the text to its needs' characters, a line is then a few characters, not a scan."""
    bits = _rules().bits
    return [reduce(or_, map(bits.__getitem__, kept), 0) for kept in _rules().others.sub("", text).split("\n")]


def _open(gates: tuple[Gate, ...], held: int, text: str, start: int, end: int) -> list[MetaRule]:
    """The rules (of ``gates``, whose character needs ``held`` holds) whose other needs the line holds: a
    need with a digit is held by any digit; and their words."""
    out = []
    digit: bool | None = None  # the line holds a digit: searched once, for the first rule that asks
    for rule, _, digits in gates:
        if digits & ~held:
            if digit is None:
                digit = _DIGITS.search(text, start, end) is not None
            if not digit:
                continue
        if rule.words and not holds_one_of_each(rule.words, text, start, end):
            continue  # ...or all of a set of words (来源|稿源, which the character sets cannot tell)
        out.append(rule)
    return out


def holds_one_of_each(words: tuple[tuple[str, ...], ...], text: str, start: int = 0, end: int | None = None) -> bool:
    """``text[start:end]`` holds a word (or character) of each set (plain loops: no generator frames for a
    few finds)."""
    if end is None:
        end = len(text)
    for ws in words:
        for w in ws:
            if text.find(w, start, end) >= 0:
                break
        else:
            return False
    return True


def line_items(text: str, start: int, end: int, held: int | None = None) -> list[MetaItem]:
    """The metadata items of one line ``text[start:end]``, in order, not overlapping. ``held``: the line's
    mask (``line_masks``), when known."""
    rules = _rules()
    if held is None:
        held = reduce(or_, line_masks(text[start:end]))
    item_gates, line_gates = rules.held(held)  # the rules the line lacks a character need of are not scanned
    if not item_gates and not line_gates:
        return []
    found: list[tuple[int, int, int, MetaRule, regex.Match[str]]] = []
    for rule in _open(item_gates, held, text, start, end):
        for m in rule.pattern.finditer(text, start, end, overlapped=True):
            if m.end() <= m.start():
                continue
            stop = _cut_name(text, m, end) if "source" in m.re.groupindex and m.group("source") else m.end()
            found.append((m.start(), -stop, rule.priority, rule, m))
    found.sort(key=lambda t: (t[0], t[1], t[2]))
    items: list[MetaItem] = []
    last = start
    for s, neg_e, _, rule, m in found:
        if s < last:
            continue
        # a weak item starts a line, follows a space, a sentence end or another item
        if not (rule.anywhere or _strong(m) or _may_start(text, s, start) or (items and s == last)):
            continue
        groups = m.groupdict()
        if groups.get("source"):
            src_start = m.start("source")
            groups["source"] = text[src_start:max(src_start, -neg_e)] if m.end("source") == m.end() else groups["source"]
        items.append(MetaItem(s, -neg_e, rule, groups))
        last = -neg_e
    line_rules = _open(line_gates, held, text, start, end)
    return _with_line_items(text, start, end, items, line_rules) if line_rules else items


def _with_line_items(text: str, start: int, end: int, items: list[MetaItem],
                     line_rules: list[MetaRule]) -> list[MetaItem]:
    """Add the whole-line rules (bylines, notices), tried on each stretch of the line between items."""
    out: list[MetaItem] = []
    pos = start
    for it in [*items, None]:
        gap_end = end if it is None else it.start
        if text[pos:gap_end].strip():
            for rule in line_rules:
                m = rule.pattern.match(text[pos:gap_end])
                if m:
                    out.append(MetaItem(pos + m.start(), pos + m.end(), rule,
                                        {k: v for k, v in m.groupdict().items()}))
                    break
        if it is not None:
            out.append(it)
            pos = it.end
    return out
