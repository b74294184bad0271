"""Link a figure to what its sentence says about it: subject, change and the period it refers to."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import cache

import regex

from ..context import DocContext
from . import subject as subjects
from .dates import DateHit
from .recognise import QuantityHit
from .tables import tables

_CLAUSE_END = set("，。；！？：")
_LIST_SEP = regex.compile(r"[、和及与]")


_BREAK = regex.compile("[" + "".join(sorted(_CLAUSE_END)) + "]")
_BREAK_BACK = regex.compile("(?r)[" + "".join(sorted(_CLAUSE_END)) + "]")  # reverse search: the last break


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around ``text[start:end]``, at most 60 characters either side: two C searches, not a
    Python loop per character (every figure asks, several times)."""
    m = _BREAK_BACK.search(text, max(0, start - 60), start)
    a = m.end() if m is not None else max(0, start - 60)
    m = _BREAK.search(text, end, end + 60)
    b = m.start() if m is not None else min(len(text), end + 60)
    return a, max(b, end)


@cache
def _change_words() -> tuple[regex.Pattern[str], dict[str, str]]:
    """The change words as one reverse search, increase words first, each table in its order: the match
    ends rightmost, and of the words ending there the first in that order, and its label."""
    t = tables()
    label = {**dict.fromkeys(t.decrease, "decrease"), **dict.fromkeys(t.increase, "increase")}
    return regex.compile("(?r)" + "|".join(map(regex.escape, (*t.increase, *t.decrease)))), label


def _change(text: str, clause_start: int, q: QuantityHit) -> str | None:
    """The change the figure states: the change word ending last in the few characters before it."""
    t = tables()
    words, label = _change_words()
    m = words.search(text, max(clause_start, q.start - t.change_window), q.start)
    if m is None:
        return None
    if text[m.end():min(m.end() + 1, q.start)] in ("到", "至"):
        return None  # 增加到近500人: the new level, not the change
    lo = max(clause_start, q.start - t.change_window - 4)
    if any(w in text[lo:q.start] for w in t.upgrade):
        return None  # 改造提升120个工作站: the stations are upgraded, their number does not change
    return label[m.group()]


def _time(ctx: DocContext, q: QuantityHit, dates: list[DateHit], date_starts: list[int],
          figure_starts: list[int]) -> str | None:
    """The period a figure refers to: a date of its own clause, or of an earlier clause of its sentence
    whose statement it continues; else 当月/同年 pointing back, else the year its section's heading states."""
    sent = ctx.sentence_at(q.start)
    if sent is None:
        return None
    found: DateHit | None = None
    i = bisect_right(date_starts, q.start) - 1
    t, text = tables(), ctx.text
    m = _CLAUSE_MARK_BACK.search(text, sent.start, q.start)  # the last clause mark before the figure
    clause = m.end() if m is not None else sent.start
    while i >= 0 and dates[i].start >= sent.start:
        d = dates[i]
        lead = max(sent.start, d.start - 3)
        # (较去年同期提高1.5个百分点: the year compared with is not the figure's time; 由2019年的6000元提高到
        # 1.2万元: the starting year is the time of the starting figure only)
        if d.end <= q.start and not text.endswith(t.baseline_before, lead, d.start) and not (
                text.endswith(t.start_before, lead, d.start)
                and bisect_left(figure_starts, d.end) < bisect_left(figure_starts, q.start)):
            found = d
            break
        i -= 1
    if found is not None:
        if found.start < clause and not _carries(text, found, clause, q.start):
            return None
        if _in_span(text, found):
            return None  # 2016至2019年间下降4%: a span of years gives no single year
        return found.value
    return _anaphoric_time(ctx, q, dates, date_starts) or heading_time(ctx, q.start, dates, date_starts)


_CLAUSE_MARK_BACK = regex.compile("(?r)[，；：,;:]")  # reverse searches: the last mark before a position
_OWN_START_BACK = regex.compile("(?r)[，；：。,;:\n]")


def _carries(text: str, d: DateHit, clause: int, pos: int) -> bool:
    """Does the date of an earlier clause still hold where the figure's clause starts? Not past a ； unless
    the date opens the sentence on its own (2022年以来，…；…), not past a clause that opens anew (但…,
    现有…), and not when its own clause dates a one-off event (该中心2017年成立，辖区有居民2万人)."""
    t = tables()
    m = _OWN_START_BACK.search(text, 0, d.start)
    own_start = m.end() if m is not None else 0
    adverbial = len(text[own_start:d.start].strip(" 在于自从到至截止")) == 0 and text[d.end:d.end + 1] in "，,"
    if not adverbial and ("；" in text[d.end:clause] or ";" in text[d.end:clause]):
        return False  # a date inside a statement holds to its ；; a date opening the sentence (2023年，…) beyond
    k = d.end
    while True:
        k = min([x for x in (text.find(ch, k, pos) for ch in "，,") if x >= 0] or [-1])
        if k < 0:
            break
        k += 1
        if text.startswith(t.time_breaks, k):
            return False
    own_end = min([x for x in (text.find(ch, d.end, pos) for ch in "，,") if x >= 0] or [pos])
    return not any(w in text[d.end:own_end] for w in t.event_verbs)


_SPAN = regex.compile(r"\d{4}年?\s*[至到—–\-~～]\s*(?:\d{4}|\d{2})年|\d{4}年\s*[至到—–\-~～]\s*$")


def _in_span(text: str, d: DateHit) -> bool:
    """The date is an end of a span of several years (2016至2019年, 2016年—2019年间)."""
    if getattr(d, "multi_year", False):
        return True
    around = text[max(0, d.start - 8):min(len(text), d.end + 8)]
    return bool(_SPAN.search(around)) and d.value is not None and len(d.value) == 4


_RANK = regex.compile(r"^\s*(?:(?P<r1>[一二三四五六七八九十]{1,3}、)|(?P<r2>[（(][一二三四五六七八九十]{1,3}[）)])"
                      r"|(?P<r3>\d{1,2}[.、．]))")


def _heading_rank(text: str) -> int:
    """一、 → 1, （一） → 2, 1. → 3; an unnumbered heading ranks as a sub-heading (2)."""
    m = _RANK.match(text)
    if m is None:
        return 2
    return 1 if m["r1"] else 2 if m["r2"] else 3


def heading_time(ctx: DocContext, pos: int, dates: list[DateHit], date_starts: list[int] | None = None) -> str | None:
    """A review's figures take the year its section heading states (一、2024年工作回顾), through its
    sub-headings, up to the next heading of the same rank."""
    sent = ctx.sentence_at(pos)
    if sent is None:
        return None
    starts = date_starts if date_starts is not None else [d.start for d in dates]
    paras = ctx.structure.paragraphs
    h = ctx.heading_before(sent.paragraph)
    best = 99
    while h is not None and paras[h].article == sent.article and paras[h].start < pos:
        p = paras[h]
        rank = _heading_rank(ctx.text[p.start:p.end])
        if rank < best:
            best = rank
            i = bisect_left(starts, p.start)
            while 0 <= i < len(dates) and dates[i].start < p.end:
                if dates[i].end <= p.end and dates[i].value:
                    return dates[i].value
                i += 1
            if rank <= 1:
                return None
        h = ctx.heading_before(h - 1) if h > 0 else None
    return None


_ANAPHORS = {"当月": 7, "同月": 7, "当年": 4, "同年": 4, "当天": 10, "同日": 10, "当日": 10}


def _anaphoric_time(ctx: DocContext, q: QuantityHit, dates: list[DateHit], date_starts: list[int]) -> str | None:
    """2022年3月，…印发方案。当月，…3项督查合并为1次: 当月 points back at the last date stated."""
    sent = ctx.sentence_at(q.start)
    if sent is None:
        return None
    # an anaphor opens the sentence (当月，…) or stands shortly before the figure
    lead = ctx.text[sent.start:min(q.start, sent.start + 6)] + "|" + ctx.text[max(sent.start, q.start - 40):q.start]
    width = next((w for word, w in _ANAPHORS.items() if word in lead), None)
    if width is None:
        return None
    i = bisect_right(date_starts, sent.start) - 1
    while i >= 0:
        d = dates[i]
        if ctx.article_at(d.start) != sent.article:
            return None
        if d.end <= sent.start and d.value:
            return d.value[:width] if len(d.value) >= width else d.value
        i -= 1
    return None


def _list_items(head: str) -> list[str]:
    for w in ("同比", "环比", "共", "累计"):
        head = head.replace(w, "")
    return [s for s in _LIST_SEP.split(head) if s]


def _distributed_subject(text: str, clause_start: int, q: QuantityHit, sent_start: int) -> str | None:
    """文件、会议同比分别减少25%、16%: the n-th number takes the n-th subject before 分别; a clause with no
    list of its own (…，分别增长4.8%和6.9%) takes the list of the 分别 clause before it."""
    i = text.rfind("分别", clause_start, q.start)
    if i < 0:
        return None
    between = text[i:q.start]
    index = sum(between.count(c) for c in "、，和及与")
    items = _list_items(text[clause_start:i])
    if len(items) < 2:
        j = text.rfind("分别", sent_start, clause_start)
        if j < 0:
            return None
        items = _list_items(text[max([sent_start] + [text.rfind(c, sent_start, j) + 1 for c in "，；："]):j])
    if len(items) < 2 or index >= len(items):
        return None
    item = items[index]
    width = len(items[-2])
    short = items[1:-1] or items[:1]  # the items before the last (a first one may carry a lead: 全市一)
    if len(items[-1]) > width + 1 and all(len(x) <= 4 and len(subjects.cut(x)) == 1 for x in short):
        # 城镇和农村居民人均可支配收入, 小学、初中入学率: past a modifier as long as the item before it, the
        # last item's tail is every item's (一、二、三产业增加值: 全市一 keeps its own lead)
        if index < len(items) - 1:
            item += items[-1][width:]
        return subjects.clean(item)
    # a modifier shared by the list (基层接收文件、参加会议) stays with every item
    first_words = subjects.cut(items[0])
    if index > 0 and len(first_words) > 1 and subjects.tag(first_words[0])[:1] == "n":
        item = first_words[0] + item
    return subjects.clean(item)


def link_quantities(ctx: DocContext, quantities: list[QuantityHit], dates: list[DateHit]) -> list[dict]:
    """Subject, change and time of each figure, in text order (a figure may inherit from its neighbours)."""
    text = ctx.text
    bounds = [clause_bounds(text, q.start, q.end) for q in quantities]  # each figure's clause, asked for thrice
    found: list[str | None] = []
    for i, q in enumerate(quantities):
        if i + 1 < len(quantities) and quantities[i + 1].start == q.end:
            found.append(None)  # 13类55件民生实事: take the noun after the chain (see _inherited)
            continue
        a, b = bounds[i]
        sent = ctx.sentence_at(q.start)
        subject = _distributed_subject(text, a, q, sent.start if sent else a)
        if subject is None:
            span = subjects.subject_span(text, a, b, q.start, q.end, q.kind, q.unit)
            counted = bool(span) and q.kind == "count" and span[0] == q.end and q.unit not in subjects.rules().noun_units
            subject = subjects.clean(ctx.norm.display(*span), counted) if span else None
        found.append(subject)
    out: list[dict] = []
    date_starts = [d.start for d in dates]
    figure_starts = [q.start for q in quantities]
    for i, q in enumerate(quantities):
        a = bounds[i][0]
        subject = found[i] or _inherited(ctx, quantities, found, i, a)
        found[i] = subject  # an inherited subject passes on (分别达到4.52万元和2.18万元，分别增长5.1%和7.3%)
        # a distance between two places (距县城约8公里) holds whatever the date of the sentence
        static = q.kind == "measure" and (subjects.distance_from(text, a, q.start, q.unit) is not None
                                          or text.startswith(tables().static_measures, q.start))
        out.append({"subject": subject, "change": _change(text, a, q),
                    "time": None if static else _time(ctx, q, dates, date_starts, figure_starts)})
    return out


def _inherited(ctx: DocContext, qs: list[QuantityHit], found: list[str | None], i: int,
               clause_start: int) -> str | None:
    """A figure with no subject of its own takes one from its neighbour in the same sentence (``clause_start``:
    where the figure's clause begins)."""
    text, q = ctx.text, qs[i]
    sent = ctx.sentence_index(q.start)
    nxt = qs[i + 1] if i + 1 < len(qs) else None
    if nxt is not None and nxt.start == q.end and found[i + 1]:
        return found[i + 1]  # 13类55件民生实事: the classifier chain shares the noun
    if i == 0 or ctx.sentence_index(qs[i - 1].start) != sent or not found[i - 1]:
        return None
    prev, prev_subject = qs[i - 1], found[i - 1]
    lead = text[clause_start:q.start]
    if text.startswith("人均", q.start):
        return "人均" + prev_subject  # 1.5万余个、人均1.2个: per head of the same thing
    if any(w in lead for w in ("同比", "环比", "比上年", "较上年")):
        return prev_subject  # 印发文件1147件，同比下降9.1%: the change of that figure
    if prev.unit == q.unit and prev.kind == q.kind:
        return prev_subject  # 175项工程已完成144项 / 由100多人增加到近500人
    if prev.kind == q.kind == "percent":
        return prev_subject  # 比例达到87.6%，下降了2.3个百分点: the points are that rate's
    if q.kind == "percent" and _change(text, clause_start, q) is not None:
        return prev_subject  # 地区生产总值达到1263亿元，增长5.8%: the growth of that figure
    return None
