"""Finding programme mentions: what the text marks as a name, and what it names.

A name is taken when the text marks it as one: a 《book title》 that is not a medium; a quoted term
followed by a head noun (“三零”工作室), typed by a head it does not take (“一键呼叫”系统), introduced by
a cue verb (推出‘头雁贷’), ending in a head itself (“三长制”) or counted like a thing (建成20个“文心书坊”);
an unquoted name after a cue verb ending in a document or campaign head (开展教育惠民补短板专项行动);
a nationwide campaign (主题教育). Once a programme is named, its short forms are mentions of it
(“三长” for 三长制, 专项治理以来 after 基层负担问题专项治理).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import regex

from ..context import DocContext
from ..text.automata import for_one_text
from ..text.lexicon import lexicon, segment, splits_word
from ..text.spans import SpanIndex
from .rules import CONTRAST_SIDE, Rules, ends_with_head, normalise_name, rules

_CLAUSE_BREAK = "，。！？；：\n"
# A modifier joined between a quoted name and its head holds none of these (“…”被无力遏制 is no name).
_NOT_IN_MODIFIER = _CLAUSE_BREAK + "“‘《、的和与及被把将了在是为对从向或等让使0123456789一二两三四五六七八九十百千万"
_CLOSING = "”’」"
_CLAUSE_BREAK_BACK = regex.compile("(?r)[" + regex.escape(_CLAUSE_BREAK, special_only=False) + "]")
# a run of characters a modifier may hold, scanned in C (without a list's numeral words, see _head_after); by
# re, which tests a literal class by a bitmap where regex tries its ~40 members one by one
_FREE_RUN = re.compile("[^" + re.escape(_NOT_IN_MODIFIER) + "]*")
# Numerals a list's or formula's modifier may hold (三级, 一体化): they are words there, not counts.
_MODIFIER_NUMERALS = "一二两三四五六七八九十"
_SHORT_LIST = 10  # ...of a short list or formula; a long quoted list spells out what the thing holds
_PAIRS = {"“": "”", "‘": "’", "「": "」", "《": "》"}
# re, not regex: literal classes only, which re tests by a bitmap, regex member by member (it scans every text)
_QUOTED = re.compile(r"“([^“”\n]{1,60})”|‘([^‘’\n]{1,60})’|「([^「」\n]{1,60})」")
# A quoted part that cannot stand alone as a name: a formula or a list (“3+X”, “发现、反映、解决、反馈”).
_FORMULA = re.compile(r"[0-9A-Za-z+＋·]")  # (re: a literal class, and re's call costs less on a short name)
_TITLE = regex.compile(r"《([^《》\n]{2,60})》")
_ALL_HAN = regex.compile(r"\p{Han}+")


@dataclass(slots=True)
class ProgrammeHit:
    start: int
    end: int
    name: str
    kind: str | None = None
    written: str | None = None  # the name as this mention writes it, when the text defines another as canonical
    defined: tuple[str, ...] = ()  # alias names the text defines for this programme
    carried: bool = False  # the statement carries it out (实施“…”, 开展社保扩面“幸福行动”), not just names it
    titled: bool = False  # written as a 《book title》: its numerals are part of its name
    heads_section: bool = False  # opens a section heading: the section is about it
    roles: tuple[str, ...] = ()  # what a numeral abbreviation stands for (片、组、邻“三长制” → 片长, 组长, 邻长)
    inner: str | None = None  # a quoted name's quoted part (三零 of “三零”工作室)
    joined_head: str | None = None  # the head joined after the quotes (工作室)


def _subject(text: str, pos: int) -> bool:
    """The programme opens its clause as what it is about (目前，市县两级“某某直通车”已开通…): the
    clause's rest and the clauses that continue it report on it. Only modifiers (no verb) before it."""
    a = _after_break(text, max(0, pos - 12), pos)
    lead = text[a:pos].rstrip("“‘「《")
    if not lead:
        return a > 0 or pos == 0
    if len(lead) > 8:
        return False
    tags = lexicon().tags
    return not any(tags.get(w, "x").startswith(("v", "p", "c", "d")) for w in segment(lead))


def _after_break(text: str, lo: int, hi: int) -> int:
    """Just past the last clause break in ``text[lo:hi]``, else 0: ``max(text.rfind(ch, lo, hi) for ch in
    _CLAUSE_BREAK) + 1`` by one reverse C search."""
    m = _CLAUSE_BREAK_BACK.search(text, lo, hi)
    return 0 if m is None else m.end()


def _cued(text: str, pos: int, r: Rules, listed: bool = False) -> bool:
    """A cue verb ends right before ``pos`` (fillers allowed between): 推出‘头雁贷’. Before a quoted list,
    not a verb of standards (按照“甲、乙、丙”的原则 lists principles)."""
    lead = text[max(0, pos - 12):pos]
    if lead.rstrip("“‘「《")[-1:] not in r.cue_ends and not lead.endswith("\n"):
        return False  # no cue word ends right before the marks (nor before a line's end, as ``$`` allows)
    m = r.cued.search(text, max(0, pos - 12), pos)
    return m is not None and not (listed and m.group(1) in r.standard_verbs)


def _carried(text: str, pos: int, r: Rules, end: int | None = None) -> bool:
    """A cue verb that carries the programme out stands shortly before it (开展集群式“访企拓岗专项行动”);
    names listed as examples of a kind (通过“甲”“乙”等激励机制) are not what is carried out."""
    m = r.carried.search(text, max(0, pos - 16), pos)
    if m is None or m.group(1).endswith(r.not_carried):
        return False
    if end is None:
        return True
    past = _past_run(text, end + (text[end:end + 1] in _CLOSING))
    return text[past - 1:past] != "等"


_SPEECH_MARKS = frozenset("，。！？；,.!?;")  # a quoted part holding one is a sentence


def _speech(text: str, qs: int, inner: str, r: Rules) -> bool:
    if not _SPEECH_MARKS.isdisjoint(inner) or len(inner) > r.max_quoted:
        return True
    before = text[max(0, qs - 6):qs].rstrip("：:，, ")
    return before.endswith(r.speech_before) or text[qs - 1:qs] in ("：", ":")


def _stands_alone(inner: str) -> bool:
    """A quoted part that is a name by itself, not a short label, a formula (“3+X”) or a list (“发现、反映…”)."""
    return len(inner) > 3 and "、" not in inner and not (_FORMULA.search(inner) and len(inner) <= 6)


_FOOTNOTE = regex.compile(r"\[\d{1,2}\]|［\d{1,2}］|（\d{1,2}）")
_FOOTNOTE_OPENERS = frozenset("[［（")
_YEARS = regex.compile(r"[一二三四五六七八九十两\d]{1,2}年")


def _list_like(inner: str) -> bool:
    """A quoted list or formula (“听民意、定承诺…”, “村—镇—县”, “1+8+N”): it names nothing by itself and
    takes whatever head follows it."""
    return "、" in inner or "—" in inner or (len(inner) <= 8 and _FORMULA.search(inner) is not None)


def _numeral_abbreviation(inner: str) -> bool:
    """“六个一”, “三零”, “九统两分”: a numeral shorthand, which takes the head after it."""
    return 2 <= len(inner) <= 5 and inner[0] in _NUMERALS


def _head_after(text: str, pos: int, inner: str, r: Rules, *, typing: bool = False) -> tuple[int, str] | None:
    """A head noun within a short modifier after a closing quote: (end of the joined name, head).

    With ``typing`` every head counts, joinable or not: it tells what kind of thing the quote names.
    A footnote marker right after the quote (“1135”[1]发展思路) is skipped. A list, a formula or a numeral
    shorthand takes any head, past a longer modifier (“分类指导、争先进位”三年行动)."""
    note = _FOOTNOTE.match(text, pos) if text[pos:pos + 1] in _FOOTNOTE_OPENERS else None
    if note is not None:
        pos = note.end()
    takes_any = _list_like(inner) or _numeral_abbreviation(inner)
    reach = r.max_modifier + (3 if takes_any else 0)
    stop = pos if takes_any else _FREE_RUN.match(text, pos, pos + reach + 7).end()  # type: ignore[union-attr]
    while takes_any and stop < len(text) and stop - pos <= reach + 6:
        if text[stop] in _NOT_IN_MODIFIER:
            if takes_any and len(inner) <= _SHORT_LIST and text[stop] in _MODIFIER_NUMERALS:
                stop += 1  # “村—镇—县”三级联动机制, ‘1+8+N’一体化机制: a numeral word inside the modifier
                continue
            years = _YEARS.match(text, stop) if takes_any else None
            if years is None:
                break
            stop = years.end()
            continue
        stop += 1
    best = None
    for end, start in _heads_between(text, pos, stop, r).items():
        head, gap = text[start:end], start - pos
        if gap > reach or any(v in text[pos:start] for v in r.modifier_verbs):
            continue
        if gap and _own_head(normalise_name(inner), r) and not takes_any:
            continue  # a name with a head of its own takes no modifier: “两山贷”获得贷款 is a predicate
        generic = text[pos:start] in r.generic_modifiers
        if gap and r.head_kind[head] == "document" and not (takes_any and generic):
            continue  # a document head takes no modifier (but “三个一”工作要求)
        if gap and len(head) == 1 and (typing or splits_word(text, start, start - 2, end + 2)):
            continue  # a one-character head inside a word (规范运行) is none
        if text.startswith(r.org_after, end):
            continue  # 志愿服务队: an organisation's name, not a programme's head
        if gap and _noun_after(text, end):
            continue  # “五老”人员经验资源: the head word runs on into a longer noun phrase, no name ends there
        if gap == 0 and head in r.not_after_named and ends_with_head(normalise_name(inner)):
            continue  # “千万工程”经验: the experience of a named programme is that programme
        joinable = (head not in r.never_join or takes_any
                    or (head in r.join_with_modifier and gap > 0 and (not _stands_alone(inner) or generic)))
        if not typing and not joinable:
            continue
        if best is None or end > best[0]:
            best = (end, head)
    return best


def _heads_between(text: str, pos: int, stop: int, r: Rules) -> dict[int, int]:
    """{end: start} of the heads in ``text[pos:stop]``: at each start the longest head there, and per end the
    one starting first (晾晒机制 ends in 机制, not in 制). What ``r.heads_re.finditer(text, pos, stop,
    overlapped=True)`` finds (its alternation is sorted longest first), by a look-up per head length where a
    head can start: the window is a few characters, and a regex call costs more than its scan."""
    found: dict[int, int] = {}
    stop = min(stop, len(text))
    for i in range(pos, stop):
        if text[i] in r.head_firsts:
            for n in r.head_lengths:
                if i + n <= stop and text[i:i + n] in r.head_kind:
                    found.setdefault(i + n, i)
                    break
    return found


def _noun_after(text: str, pos: int) -> bool:
    """A noun of two or more characters stands right at ``pos`` (经验|资源优势)."""
    tags = lexicon().tags
    words = segment(text[pos:pos + 6])
    return bool(words) and len(words[0]) >= 2 and tags.get(words[0], "x")[:1] == "n"


def _own_head(name: str, r: Rules) -> str | None:
    """The head a quoted name ends in; a one-character head that fuses with the character before it into a
    word is none (“畅通”, “银行”), while one standing alone is (“政策一页通”, “长安减负行”)."""
    head = ends_with_head(name)
    if head in r.standalone_heads and segment(name)[-1] != head:
        return None
    return head


_MAX_RUN = 8  # names sharing one head are a short list; a longer run of quotes is no list of names


def _past_run(text: str, pos: int) -> int:
    """Past the quoted names that follow in a run (“一键报表”“一键证实”模块, “A”“B”等活动)."""
    for _ in range(_MAX_RUN):
        at = pos + (text[pos:pos + 1] == "、")
        m = _QUOTED.match(text, at) if text[at:at + 1] in _OPENING else None  # (most quotes stand alone)
        if m is None:
            break
        pos = m.end()
    return pos + 1 if text[pos:pos + 1] == "等" else pos


def _heads_section(ctx: DocContext, pos: int, end: int) -> bool:
    """A quoted name that opens a section heading (“三进三解”，从解决一个问题到…) names the section's programme;
    a heading that is nothing but a quotation (“不登门不放心”) is a saying."""
    sent = ctx.sentence_at(pos)
    if sent is None:
        return False
    para = ctx.structure.paragraphs[sent.paragraph]
    return para.heading and pos == para.start and len(ctx.text[end:para.end].strip()) >= 2


_SMALL = regex.compile(r"[一二两三四五六七八九十](?:个|项|条|大)")


def _counted(text: str, qs: int, qe: int, r: Rules) -> bool:
    """Counted like things (建成20个“文心书坊”); a small spelled-out count is a slogan's (两个“全覆盖”)."""
    before = r.count_before.search(text, max(0, qs - 10), qs)
    if before is not None and _SMALL.fullmatch(before.group()):
        return False
    return bool(before or r.count_after.match(text[qe:qe + 16]))


# A size or capacity inside a quoted project's name (年产5000吨, 三千亩): it names a construction, not a scheme.
_SIZED = regex.compile(r"\d|[一二两三四五六七八九十][百千万]")
_QUANTITY = regex.compile(r"^\d+(?:[×xX*]\d+)*(?:小时|天|分钟|年|月|日|周)$|^\d+(?:[×xX*]\d+)+$")


def _not_a_name(text: str, qs: int, qe: int, alone: str, r: Rules) -> bool:
    """A quoted body, team or medium (“邻里帮帮团”, “甲乙”志愿服务队, “某某”专栏), a time span (“7×24小时”)."""
    if alone.endswith(r.org_heads) or (alone[:1].isdigit() and _QUANTITY.match(alone)):
        return True
    after = text[qe:qe + 8]
    return after.startswith(r.org_heads) or after.startswith(r.media_after)


@dataclass(slots=True)
class _Quote:
    """A quotation of the text, as the name recognisers read it."""

    start: int
    end: int
    inner: str  # the quoted part, in the working text
    alone: str  # the quotation as a name: its display text less marks and spaces


def _quotes(ctx: DocContext) -> list[_Quote]:
    """The text's quotations, left to right: read once, by the quoted names and by their short forms."""
    show = ctx.norm.display  # names keep the punctuation the article wrote: 三零社区(村)建设
    return [_Quote(*m.span(), m.group(m.lastindex), normalise_name(show(*m.span()))) for m in _QUOTED.finditer(ctx.text)]


def _contrasts(text: str, r: Rules) -> list[regex.Match]:
    """``r.contrast.finditer(text)`` (“甲”变为“乙”), near the closing marks followed by a contrast word (”变为):
    every contrast holds one, its first quoted side before it, its second after it."""
    after = max(map(len, r.contrast_anchors)) + CONTRAST_SIDE + 2
    return _near(r.contrast, text, r.contrast_anchors, CONTRAST_SIDE + 1, after)


def _quoted_hits(ctx: DocContext, r: Rules, quotes: list[_Quote]) -> list[ProgrammeHit]:
    text, show = ctx.text, ctx.norm.display
    contrasted = {(m.start(), m.end()) for c in _contrasts(text, r) for m in _QUOTED.finditer(text, *c.span())}
    hits = []
    run_cued = False  # a cue verb before the first quote of a run (用好“双报到”“四下基层”载体) cues them all
    bare: dict[str, tuple[int, int]] = {}  # numeral shorthands met alone, first place each
    for q in quotes:
        qs, qe, inner, alone = q.start, q.end, q.inner, q.alone
        in_run = text[qs - 1:qs] in _CLOSING or (text[qs - 1:qs] == "、" and text[qs - 2:qs - 1] in _CLOSING)
        cued = _cued(text, qs, r, "、" in inner or "—" in inner) or (in_run and run_cued)
        run_cued = cued
        if (len(alone) < 2 or alone in r.catchwords or alone in r.brands or (qs, qe) in contrasted or _speech(text, qs, inner, r)
                or ctx.in_metadata(qs, qe) or _not_a_name(text, qs, qe, alone, r)):
            continue
        if text[qe:qe + 1] in r.national_firsts and r.national.match(text, qe):
            continue  # “不忘初心、牢记使命”主题教育: the theme of a nationwide campaign, which is named after it
        joined = None if in_run else _head_after(text, qe, inner, r)
        if joined is not None:
            end, head = joined
            name = normalise_name(_FOOTNOTE.sub("", show(qs, end)))
            hits.append(ProgrammeHit(qs, end, name, r.head_kind.get(head), inner=alone,
                                     joined_head=head))
            continue
        if len(alone) == 2 and alone[0] in _NUMERALS:
            bare.setdefault(alone, (qs, qe))
            continue  # “两山”, “四风”, “三农”: a numeral abbreviation alone is a concept, not a programme
        if alone.endswith(r.manner_endings):
            continue  # “一站式”, “枫桥式”派出所: a manner or a model title, whatever introduces it
        if ("、" in inner or "—" in inner) and not cued:
            continue  # a quoted list with no head (“一件实事、一名责任人…”的X): what a programme holds
        typed = _head_after(text, _past_run(text, qe), inner, r, typing=True)
        own = _own_head(alone, r)
        if typed and not own and r.head_kind.get(typed[1]) == "project" and _SIZED.search(alone):
            continue  # 实施“年产5000吨某某”项目: a construction project named by its size, which is no programme
        if own or typed or cued or (len(alone) >= 3 and _heads_section(ctx, qs, qe)) or (
                len(alone) >= 3 and _counted(text, qs, qe, r)):
            head = own or (typed[1] if typed else None)
            hits.append(ProgrammeHit(qs, qe, alone, r.head_kind.get(head) if head else None, inner=alone))
    # “六联”为内核 … “六联”模式: a shorthand met alone before the programme it names is its first mention
    for h in list(hits):
        at = bare.get(h.inner or "")
        if at is not None and at[0] < h.start:
            hits.append(ProgrammeHit(at[0], at[1], h.inner, h.kind, inner=h.inner))  # type: ignore[arg-type]
            bare.pop(h.inner or "")
    return hits


def _national_first(hits: list[ProgrammeHit], r: Rules) -> None:
    """“我为群众办实事健身器材项目”: a quoted name that opens with a nationwide campaign's name is that
    campaign (what follows is what it built)."""
    for h in hits:
        m = r.national.match(h.name) if h.name[:1] in r.national_firsts else None
        if m is not None and m.end() < len(h.name) and h.inner is not None:
            h.name, h.kind = m.group(), "campaign"


_MIN_WRITTEN_AGAIN = 4  # shorter names recur by chance inside other words


def _written_again(ctx: DocContext, hits: list[ProgrammeHit]) -> list[ProgrammeHit]:
    """A programme is mentioned wherever the article writes its name again: in quotes whatever the
    words around it (“一站救”队伍…), or, once its name is long enough not to recur by chance, without
    them (“村企联建”工作 … 通过村企联建种植…)."""
    by_name: dict[str, ProgrammeHit] = {}
    for h in hits:
        for n in {h.name, h.inner or h.name}:
            if len(n) >= 2:
                by_name.setdefault(n, h)
    if not by_name:
        return []
    names = sorted(by_name)
    taken = SpanIndex((h.start, h.end) for h in hits)
    text = ctx.text
    out = []
    if len(names) * len(text) <= _FIND_BUDGET:
        matches: Iterable[tuple[int, int, int]] = _leftmost_longest(names, text)
    else:
        matches = _matches(for_one_text(names, leftmost_longest=True), names, text)
    for idx, s, e in matches:
        name = names[idx]
        quoted = text[s - 1:s] in _OPENING and text[e:e + 1] in _CLOSING
        if not quoted and len(name) < _MIN_WRITTEN_AGAIN:
            continue  # (the cheapest test first: most matches are short names outside quotes)
        if taken.overlaps(s, e) or ctx.in_metadata(s, e):
            continue
        if not quoted and taken.overlaps(max(0, s - 1), e + 1):
            continue
        known = by_name[name]
        if quoted:
            s, e = s - 1, e + 1
        out.append(ProgrammeHit(s, e, known.name, known.kind, inner=known.inner))
    return out


_OPENING = "“‘「"
_MATCH_CHUNK = 1 << 18
_FIND_BUDGET = 1 << 20  # names × characters up to which str.find costs less than building an automaton


def _leftmost_longest(names: list[str], text: str) -> list[tuple[int, int, int]]:
    """(name index, start, end) of the leftmost-longest matches of the distinct ``names`` in ``text``: what the
    automaton of ``for_one_text(names, leftmost_longest=True)`` finds. Every occurrence by ``str.find``, then
    left to right the longest at each start past the last one taken: for a few names in a short text, far
    cheaper than building the automaton (~400k instructions), which only a long scan repays."""
    found = []
    for idx, name in enumerate(names):
        p = text.find(name)
        while p >= 0:
            found.append((p, -len(name), idx))
            p = text.find(name, p + 1)
    found.sort()
    out = []
    last = 0
    for p, minus_len, idx in found:
        if p >= last:
            last = p - minus_len
            out.append((idx, p, last))
    return out


def _matches(matcher: Any, names: list[str], text: str) -> Iterator[tuple[int, int, int]]:
    """``matcher.find_matches_as_indexes(text)``, a chunk of lines at a time (memory: the list of every
    match of a 20 MB page, mostly short names outside quotes, is ~150 MB). No name holds a line break, so
    no match crosses a chunk's end and leftmost-longest matching gives the same matches."""
    if len(text) <= _MATCH_CHUNK or any("\n" in n for n in names):
        yield from matcher.find_matches_as_indexes(text)
        return
    pos = 0
    while pos < len(text):
        cut = text.find("\n", pos + _MATCH_CHUNK)
        cut = len(text) if cut < 0 else cut + 1
        for idx, s, e in matcher.find_matches_as_indexes(text[pos:cut]):
            yield idx, pos + s, pos + e
        pos = cut


def _unify(hits: list[ProgrammeHit], r: Rules) -> None:
    """One programme, one name, the one it was first mentioned by: a quoted name named alone first
    (“六联”为内核 … “六联”模式) keeps that name; one named with its head first (“向群众汇报”工作机制 …
    “向群众汇报”会) gives its name to the later bare mentions. A document about it (“三长制”工作规程) is
    a programme of its own."""
    first: dict[str, ProgrammeHit] = {}
    for h in sorted(hits, key=lambda h: h.start):
        if h.inner is None or (h.joined_head and r.head_kind.get(h.joined_head) == "document"):
            continue
        known = first.setdefault(h.inner, h)
        if known is not h and (_no_head(known, r) or _no_head(h, r)):
            h.name = known.name  # two heads (“三零”工作室, “三零”社区建设) are two programmes
            h.kind = h.kind or known.kind


def _no_head(h: ProgrammeHit, r: Rules) -> bool:
    """Named by its quoted part alone: no head joined, or one the name drops (“某某”活动 is 某某)."""
    return h.joined_head is None or h.joined_head in r.drop_suffixes


def _near(pattern: regex.Pattern, text: str, anchors: tuple[str, ...], before: int, after: int) -> list[regex.Match]:
    """``pattern.finditer(text)``, scanning only near the words every match must hold or be followed by.

    Each match touches an occurrence ``p`` of an anchor within ``[p - before, p + after]``; the rare
    anchors (a few heads, 开展以来) are found by ``str.find``, and the pattern runs only over the merged
    windows around them. No match crosses a window's edge (its anchor's window holds it whole), lookbehind
    still sees the text before a window, and truncating a window can only make a match fail, so the
    matches are the full scan's, in order: without the per-position cost of the pattern's long leading
    alternation over the whole text."""
    windows = []
    for w in anchors:
        p = text.find(w)
        while p >= 0:
            windows.append((max(0, p - before), min(len(text), p + after)))
            p = text.find(w, p + 1)
    out: list[regex.Match] = []
    windows.sort()
    i = 0
    while i < len(windows):
        lo, hi = windows[i]
        i += 1
        while i < len(windows) and windows[i][0] <= hi:
            hi = max(hi, windows[i][1])
            i += 1
        out += pattern.finditer(text, lo, hi)
    return out


def _unquoted_hits(ctx: DocContext, r: Rules, quoted: list[ProgrammeHit]) -> list[ProgrammeHit]:
    text, show = ctx.text, ctx.norm.display
    hits = []
    verb_reach = max(map(len, r.verbs)) + 1 + r.max_unquoted  # 了 may follow the verb
    head_len = max(map(len, r.unquoted_heads))
    found = sorted([*_near(r.unquoted, text, r.unquoted_heads, verb_reach, head_len),
                    *_near(r.unquoted_lead, text, r.unquoted_after, r.max_unquoted + head_len,
                           max(map(len, r.unquoted_after)))], key=lambda m: m.start(1))
    for m in found:
        s, e = m.span(1)
        name = normalise_name(show(s, e))
        if len(name) < 4 or "了" in name or ctx.in_metadata(s, e) or name.startswith(r.generic_openers):
            continue  # 了 marks a completed action (推动解决了政绩工程); 系列…方案 is a kind, not a name
        if any(h.start < e and s < h.end and not (s <= h.start and h.end <= e) for h in quoted):
            continue  # a quoted name overlaps it: the quotes say where the name is
        head = ends_with_head(name)
        hits.append(ProgrammeHit(s, e, name, r.head_kind.get(head) if head else None))
    for m in _near(r.national, text, r.national_names, 0, max(map(len, r.national_names))):
        if not ctx.in_metadata(*m.span()):
            hits.append(ProgrammeHit(m.start(), m.end(), m.group(), "campaign"))
    return hits


def _short_forms(ctx: DocContext, r: Rules, hits: list[ProgrammeHit], quotes: list[_Quote]) -> list[ProgrammeHit]:
    """Short forms of programmes already named: “三长” (三长制 less its head), 专项治理以来 (its tail)."""
    if not hits:
        return []
    text = ctx.text
    first = {h.name: h for h in sorted(hits, key=lambda h: -h.start)}  # name -> first mention
    taken = SpanIndex((h.start, h.end) for h in hits)
    bare: dict[str, list[str]] = {}  # 三长 -> [三长制]
    tails: dict[str, list[str]] = {}  # 专项治理 -> [基层负担问题专项治理, 一卡通专项治理]
    for n in first:
        for k in range(2, len(n)):
            if n[k:] in r.head_kind:
                bare.setdefault(n[:k], []).append(n)
        for k in range(1, len(n) - 3):
            if len(n) - k <= 16:
                tails.setdefault(n[k:], []).append(n)
    out = []

    def free(s: int, e: int) -> bool:
        return not taken.overlaps(s, e)

    for q in quotes if bare else ():  # (no name has a head to drop: no quote to read)
        qs, qe = q.start, q.end
        # named in full before, or the title announcing what the article then names in full
        full = [n for n in bare.get(q.alone, ()) if first[n].start < qs or _in_title(ctx, qs)]
        if len(full) == 1 and free(qs, qe):
            out.append(ProgrammeHit(qs, qe, full[0], first[full[0]].kind))
    for m in _near(r.frame_end, text, r.frame_end_anchors, r.frame_verb_len, max(map(len, r.frame_end_anchors))):
        e = m.start()
        s = _after_break(text, max(0, e - 17), e)
        tail = text[s:e]
        if not (4 <= len(tail) <= 16 and _ALL_HAN.fullmatch(tail)):
            continue
        if tail in r.head_kind or ends_with_head(tail):
            full = _closest([n for n in tails.get(tail, ()) if first[n].start < s], tail, ctx, e)
            if full is not None and free(s, e):
                out.append(ProgrammeHit(s, e, full, first[full].kind))
    return out


_MAX_CANDIDATES = 8


def _in_title(ctx: DocContext, pos: int) -> bool:
    art = ctx.structure.articles[ctx.article_at(pos)]
    return art.title is not None and art.title[0] <= pos < art.title[1]


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)}


def _closest(candidates: list[str], short: str, ctx: DocContext, pos: int) -> str | None:
    """The one programme a short form stands for; between several, the one whose distinguishing words
    the sentence goes on to use (专项治理以来,基层接收文件… is 基层负担问题专项治理)."""
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    if len(candidates) > _MAX_CANDIDATES:
        return None  # a short form that many names end in stands for none of them in particular
    sent = ctx.sentence_at(pos)
    rest = _bigrams(ctx.text[pos:sent.end] if sent else "")
    scored = sorted(((len(_bigrams(n[: len(n) - len(short)]) & rest), n) for n in candidates), reverse=True)
    return scored[0][1] if scored[0][0] > scored[1][0] else None


def recognise_programmes(ctx: DocContext) -> list[ProgrammeHit]:
    r = rules()
    text, show = ctx.text, ctx.norm.display
    hits = []
    for m in _TITLE.finditer(text):
        inner = m.group(1)
        if inner in r.media or inner.endswith(r.media_suffixes) or ctx.in_metadata(*m.span()):
            continue
        hits.append(ProgrammeHit(m.start(), m.end(), normalise_name(show(m.start(1), m.end(1))), "document", titled=True))
    quotes = _quotes(ctx)
    hits += _quoted_hits(ctx, r, quotes)
    hits += _unquoted_hits(ctx, r, hits)

    hits.sort(key=lambda h: (h.start, -h.end))
    out: list[ProgrammeHit] = []
    for h in hits:
        if out and h.start < out[-1].end:
            if h.end > out[-1].end and h.start == out[-1].start:
                out[-1] = h
            continue  # nested or overlapping: the outer name stands
        out.append(h)
    _national_first(out, r)
    _unify(out, r)
    out = sorted(out + _short_forms(ctx, r, out, quotes), key=lambda h: h.start)
    out = sorted(out + _written_again(ctx, out), key=lambda h: h.start)
    aliases = find_aliases(ctx)  # {long form: short form}
    defined: dict[str, set[str]] = {}
    for long, short in aliases.items():
        defined.setdefault(short, set()).add(long)
    for h in out:
        if h.name in aliases:
            h.written, h.name = h.name, aliases[h.name]
        h.defined = tuple(sorted(defined.get(h.name, ())))
        h.carried = _carried(text, h.start, r, h.end) or (_subject(text, h.start) and not r.frame.match(
            text, h.end + (text[h.end:h.end + 1] in _CLOSING)))  # 主题教育期间，…: a frame, read by the linker
        h.heads_section = _heads_section(ctx, h.start, h.end)
        h.roles = _spelled_out(text, h)
        if _PAIRS.get(text[h.start]) == text[h.end - 1]:
            h.start, h.end = h.start + 1, h.end - 1  # a mention is the name, not its marks (“三零”工作室 keeps them)
    return out


_NUMERALS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _spelled_out(text: str, h: ProgrammeHit) -> tuple[str, ...]:
    """The parts a numeral abbreviation (三长 = 片长、组长、邻长) stands for, when the text lists their
    distinguishing characters right before it: 片、组、邻“三长制”."""
    n, name = _NUMERALS.get(h.name[:1]), h.name
    if n is None or len(name) < 2 or not (len(name) == 2 or name[2:] in rules().head_kind):
        return ()
    m = regex.search(rf"(\p{{Han}})(?:、(\p{{Han}})){{{n - 1}}}[“‘]?$", text[max(0, h.start - 2 * n - 1):h.start])
    if m is None:
        return ()
    return tuple(ch + name[1] for ch in m.captures(1) + m.captures(2))


_ALIAS = regex.compile(
    r"(?P<short>[“‘][^“”‘’\n]{1,20}[”’]\p{Han}{0,4}?)(?:正|就|即|也)?(?:是|为)(?P<long>[“‘][^“”‘’\n]{1,40}[”’]\p{Han}{0,4})的(?:简称|缩写)"
    r"|(?P<long2>[“‘][^“”‘’\n]{1,40}[”’]\p{Han}{0,4}?)[，,（(]?(?:以下)?简称(?:为)?(?P<short2>[“‘][^“”‘’\n]{1,20}[”’])")


def find_aliases(ctx: DocContext) -> dict[str, str]:
    """Names the text defines as another's short form: {long form: short form} (“三零”工作室正是“零事故、…”工作室的简称)."""
    out: dict[str, str] = {}
    show = ctx.norm.display
    if "简称" not in ctx.text and "缩写" not in ctx.text:
        return out  # every alias pattern spells one of them: no need to scan the text with it
    for m in _ALIAS.finditer(ctx.text):
        if m.group("short"):
            short, long = normalise_name(show(*m.span("short"))), normalise_name(show(*m.span("long")))
        else:
            short, long = normalise_name(show(*m.span("short2"))), normalise_name(show(*m.span("long2")))
        if short and long and short != long:
            out[long] = short
    return out
