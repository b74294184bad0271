"""What a figure measures: a short noun phrase read from its clause, returned as a span.

Counts and measures look right of the unit first (52名金融从业者, 30亩羊肚菌);
percents and money look left of the number (授信额度50万元, 化解率达98.17%);
each falls back to the other side.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from ..datafiles import load_toml
from ..text.affixes import Affixes
from ..text.lexicon import lexicon, segment
from .tables import tables

_OPEN_QUOTES = {"“": "”", "‘": "’", '"': '"', "《": "》"}
_OPEN_QUOTE = regex.compile("[" + "".join(_OPEN_QUOTES) + "]")


@dataclass(frozen=True, slots=True)
class _Rules:
    stop_tags: frozenset[str]
    noun_tags: frozenset[str]
    stop_words: frozenset[str]
    inner: frozenset[str]
    skip: tuple[str, ...]
    before_first: frozenset[str]
    max_chars: int
    open_words: frozenset[str]
    noun_units: frozenset[str]
    stop_prefixes: tuple[str, ...]
    terms: regex.Pattern
    distance: regex.Pattern
    distance_units: frozenset[str]
    skip_date: regex.Pattern
    held_verbs: frozenset[str]
    comparison_openers: tuple[str, ...]
    keep_before: tuple[str, ...]


@cache
def rules() -> _Rules:
    raw = load_toml("subjects.toml")
    return _Rules(
        frozenset(raw["stop_tags"]), frozenset(raw["noun_tags"]), frozenset(raw["stop_words"]),
        frozenset(raw["inner_chars"]), tuple(sorted(raw["skip_before"], key=len, reverse=True)),
        frozenset(raw["before_first"]), int(raw["max_chars"]), frozenset(raw.get("open_words", [])),
        frozenset(raw["noun_units"]), tuple(raw["stop_prefixes"]),
        regex.compile("|".join(regex.escape(w) for w in sorted(raw["terms"], key=len, reverse=True))),
        regex.compile(rf"(?:{'|'.join(sorted(raw['distance_from'], key=len, reverse=True))})\p{{Han}}{{1,6}}?"
                      r"(?=(?:有|约有|约|近|不到|超过|大约)?$)"),
        frozenset(raw["distance_units"]),
        regex.compile(raw["skip_date_before"]),
        frozenset(raw["held_verbs"]),
        tuple(raw["comparison_openers"]),
        tuple(raw["keep_before"]),
    )


@lru_cache(maxsize=1 << 16)
def tag(word: str) -> str:
    """The word's dictionary tag (m for one holding a digit): a pure function of the word, asked for every
    word of every subject window, so kept for the words met."""
    if any(c.isdigit() for c in word):
        return "m"
    return lexicon().tags.get(word, "x")


def cut(s: str) -> list[str]:
    """Words of ``s``; a quoted name is kept as one word."""
    if not s:
        return []
    out: list[str] = []
    i = 0
    while i < len(s):
        close = _OPEN_QUOTES.get(s[i])
        j = s.find(close, i + 1) if close else -1
        if close and 0 < j - i <= 20:
            out.append(s[i : j + 1])
            i = j + 1
            continue
        m = _OPEN_QUOTE.search(s, i)  # the next opening mark (a C search, not a loop per character)
        k = m.start() if m is not None else len(s)
        out.extend(_cut_plain(s[i:k]) if k > i else [])
        if k == i:
            out.append(s[i])
            k += 1
        i = k
    return out


_last: tuple[str, int, dict[int, int], list[str]] = ("", -1, {}, [])  # text, end, word start → word number, words


def _words(text: str, a: int, b: int) -> list[str]:
    """``cut(text[a:b])``, the tail of the last span cut when that ends at ``b`` too and has a word starting at
    ``a``: the segmentation from a word boundary on is the tail of the segmentation (jieba's route from a
    position depends only on the text after it, and quotes and terms are read left to right), and the rules
    for one figure cut tails of the phrase before it several times (_past_verb, _lone_verb, _ends_in_verb)."""
    global _last
    last_text, last_end, starts, words = _last
    if b == last_end and text is last_text and (k := starts.get(a)) is not None:
        return words[k:]
    words = cut(text[a:b])
    starts, at = {}, a
    for k, w in enumerate(words):
        starts[at] = k
        at += len(w)
    _last = (text, b, starts, words)
    return words


def _cut_plain(s: str) -> list[str]:
    """Dictionary words of ``s``, with the data's terms kept whole."""
    out: list[str] = []
    pos = 0
    for m in rules().terms.finditer(s):
        out.extend(segment(s[pos:m.start()]) if m.start() > pos else ())
        out.append(m.group())
        pos = m.end()
    out.extend(segment(s[pos:]) if pos < len(s) else ())
    return out


def _quoted(w: str) -> bool:
    return len(w) >= 2 and w[0] in _OPEN_QUOTES and w[-1] == _OPEN_QUOTES[w[0]]


_BREAKING = frozenset("，。；：、！？ \n…—")  # a word holding one of these ends a subject


@lru_cache(maxsize=1 << 16)
def _stop(w: str) -> bool:
    """Does the word end a subject? A pure function of the word (like :func:`tag`), asked for most words of
    every subject window, so kept for the words met."""
    r = rules()
    if _quoted(w) or r.inner.issuperset(w):
        return False
    if not _BREAKING.isdisjoint(w) or w in r.stop_words or w.startswith(r.stop_prefixes):
        return True
    t = tag(w)
    return t in r.stop_tags or t[:1] in ("p", "c", "u", "r", "d", "m", "q", "y")


@lru_cache(maxsize=1 << 16)
def _noun(w: str) -> bool:
    """Can the word be (part of) what a figure measures? Kept for the words met, as :func:`_stop`."""
    r = rules()
    if _quoted(w) or r.inner.issuperset(w):
        return True
    t = tag(w)
    return t in r.noun_tags or t[:1] == "n"


def _balanced(s: str, a: int, b: int) -> tuple[int, int]:
    """Trim unmatched brackets and stray punctuation at the edges of s[a:b]."""
    while a < b and s[a] in "）)、的”’":
        a += 1
    while b > a and s[b - 1] in "（(、“‘":
        b -= 1
    seg = s[a:b]
    if seg.count("（") + seg.count("(") > seg.count("）") + seg.count(")"):
        cut_at = max(seg.rfind("（"), seg.rfind("("))
        b = a + cut_at
    return a, b


def after(text: str, pos: int, clause_end: int, kind: str, unit: str | None = None) -> tuple[int, int] | None:
    r, t = rules(), tables()
    if text.startswith(t.increase, pos) or text.startswith(t.decrease, pos):
        return None  # 326项压减至98项: what happened to the figure, not what it counts
    span = text[pos:min(clause_end, pos + r.max_chars + 6)]
    words = cut(span)
    i = pos
    if kind in ("measure", "money") and words and words[0] == "的":
        i += 1
        words = words[1:]
    if len(words) > 2 and words[1] == "的" and tag(words[0])[:1] == "v" and _noun(words[2]):
        i += len(words[0]) + 1  # 500亩退还的林地: the land, described by a clause
        words = words[2:]
    start = i
    nominal = kind == "count" and unit not in r.noun_units  # a classifier is followed by what it counts, whatever the tagger says (三张清单)
    nouns = 0
    for n, w in enumerate(words):
        opener = n == 0 and (w in r.open_words or (w in r.stop_words and len(w) == 1 and tag(w)[:1] in ("v", "n")))
        nxt = words[n + 1] if n + 1 < len(words) else ""
        if opener:
            pass  # right after a measure word, 会 is a meeting and 各类 opens the phrase
        elif _stop(w) or w in t.attached:
            break  # (户均 opens the next figure: 3万户农户户均增收5000元)
        elif not _noun(w):
            if nominal and not nouns and (n == 0 or not nxt or _stop(nxt)):
                pass  # 3项生存认证, 一个村的: the counted thing, tagged verb or adjective
            elif n or not nxt or not _noun(nxt) or _stop(nxt):
                break  # a verb ends the phrase, unless it opens one (低保对象)
        else:
            nouns += 1
        i += len(w)
        if i - start >= r.max_chars:
            break
    a, b = _balanced(text, start, i)
    return (a, b) if b > a else None


@cache
def _skip_words() -> Affixes:
    return Affixes(rules().skip)


def _past_skips(text: str, clause_start: int, end: int, r: _Rules) -> int:
    """Back past the words between a subject and its number (达, 同比, 2019年的…)."""
    changed = True
    while changed and end > clause_start and not text.endswith(r.keep_before, clause_start, end):
        changed = False
        words = _skip_words().ending_at(text, end, clause_start)
        if words:
            end -= len(words[0])
            changed = True
        else:
            d = r.skip_date.search(text, max(clause_start, end - 10), end)
            if d is not None and d.start() < end:
                end, changed = d.start(), True
    return end


_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万亿"




def _past_verb(text: str, a: int, b: int, r: _Rules) -> int:
    """The object of a verb inside the phrase, not the verb (安装|智能充电桩3200个, 社区召开|“某某”会107场次)."""
    words = _words(text, a, b)
    at = a
    for n, w in enumerate(words[:-1]):
        if tag(w)[:1] == "v" and tag(w) != "vn" and not _quoted(w):
            rest = words[n + 1:]
            if any(_noun(x) for x in rest) and sum(map(len, rest)) >= 2:
                return at + len(w)
            return a
        at += len(w)
    return a


def before(text: str, clause_start: int, pos: int, kind: str) -> tuple[int, int] | None:
    r = rules()
    end = _past_skips(text, clause_start, pos, r)
    if end - 2 >= clause_start and (text[end - 2].isdigit() or text[end - 2] in _NUMERAL_CHARS) and (
            text[end - 1] in tables().units):
        return None  # 由326项压减至98项: right before is another figure, whose subject this one shares
    seg_start = max(clause_start, end - r.max_chars - 4)
    words = _words(text, seg_start, end)
    if kind == "count" and words and words[-1] in r.held_verbs:
        # 议事会累计召开3200余场: the meetings held, not the holding
        end = _past_skips(text, clause_start, end - len(words[-1]), r)
        words = _words(text, seg_start, end)
    i = end
    verb = False
    for n, w in enumerate(reversed(words)):
        prev = words[-n - 2] if n + 1 < len(words) else ""
        if n == 0 and len(w) == 1 and prev and (_quoted(prev) or _noun(prev) or tag(prev)[:1] == "v") and (
                tag(w)[:1] in ("q", "v") and not _stop(prev)):
            i -= 1  # a head noun right before the number (充电|桩3200个, “某某”|会107场次): no classifier or verb there
            continue
        if _stop(w) or (verb and _quoted(w)):
            break  # a quoted name before the verb is the means, not the thing measured (通过“惠农贷”获得贷款)
        verb = verb or tag(w)[:1] == "v"
        i -= len(w)
        if end - i >= r.max_chars:
            break
    a, b = _balanced(text, i, end)
    if kind == "count":
        a = _past_verb(text, a, b, r)  # 安装|路灯1200个: a count counts the verb's object
    if text.startswith(r.comparison_openers, a):
        return None  # 高于全省平均水平: the baseline, not what is measured
    return (a, b) if b > a else None


def distance_from(text: str, clause_start: int, start: int, unit: str | None) -> tuple[int, int] | None:
    """The 距X phrase a distance is measured from (距县城约8公里), if the figure is one."""
    r = rules()
    if unit not in r.distance_units:
        return None
    m = r.distance.search(text, max(clause_start, start - 10), start)
    return m.span() if m is not None else None


def _lone_verb(text: str, a: int, b: int) -> bool:
    words = _words(text, a, b)
    return len(words) == 1 and tag(words[0])[:1] == "v"


def subject_span(text: str, clause_start: int, clause_end: int, start: int, unit_end: int,
                 kind: str, unit: str | None = None) -> tuple[int, int] | None:
    r = rules()
    if kind == "measure":
        d = distance_from(text, clause_start, start, unit)
        if d is not None:
            return d  # 距县城约8公里: the distance from the county town
    if kind in r.before_first:
        left = before(text, clause_start, start, kind)
        linked = text[start - 1:start] == "的" or text[unit_end:unit_end + 1] == "的"  # the figure describes a noun
        if left is None or _lone_verb(text, *left) or (linked and _ends_in_verb(text, *left)):
            # 设立每年3000万元的产业发展基金, 现场安排了100亿元的信贷资金: a verb names nothing; the noun after
            # says what the figure is
            return after(text, unit_end, clause_end, kind, unit) or _before_verb(text, left)
        return left
    return after(text, unit_end, clause_end, kind, unit) or _before_verb(text, before(text, clause_start, start, kind))


def _ends_in_verb(text: str, a: int, b: int) -> bool:
    words = _words(text, a, b)
    return len(words) > 1 and len(words[-1]) > 1 and tag(words[-1])[:1] == "v" and tag(words[-1]) != "vn"


def _before_verb(text: str, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """A phrase ending in its verb (某村地处|海拔2000米, 销量翻番|达10万斤): what the verb is said of."""
    if span is None or not _ends_in_verb(text, *span):
        return span
    last = _words(text, *span)[-1]
    b = span[1] - len(last)
    return (span[0], b) if b - span[0] >= 2 else span


_NO_QUOTES = str.maketrans("", "", "“”‘’\"《》「」")


def clean(s: str, counted: bool = False) -> str | None:
    """``counted``: the word right after a count's classifier, a noun there even alone (三四个会, 一个村)."""
    s = s.translate(_NO_QUOTES).strip()
    return s if len(s) >= 2 or (s and (counted or tag(s)[:1] == "n")) else None
