"""Tying figures to programmes, from the figure's clause outwards: the clause names it; a neighbouring clause
points at it (上面印着…, 担任“…”成员) or the figure counts one of its roles (65名邻长); the statement carried
it out; the clause echoes its name; the sentence is framed by it (主题教育期间,…); or a sentence naming none
reports results (据统计…), takes a loan up (申请…) or points back by a head (该机制…) at the programme just
named."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import cache
from itertools import accumulate

import regex

from ..context import DocContext
from ..datafiles import load_toml
from ..discourse import DiscourseFrame, Event
from ..discourse import rules as discourse_rules
from ..text.lexicon import lexicon, segment, splits_word
from .recognise import ProgrammeHit
from .rules import rules


@cache
def _last_word(name: str) -> str | None:
    """The noun a name ends in, when it is a thing and not a head (一键报表 → 报表; not 三零工作室 → 工作室)."""
    tags = lexicon().tags
    words = segment(name)
    if len(words) < 2:
        return None
    w = words[-1]
    return w if len(w) >= 2 and w not in rules().head_kind and tags.get(w, "x")[:1] == "n" else None




@cache
def _theme_rules() -> tuple[regex.Pattern, regex.Pattern, int]:
    """(a paragraph opening on a span of time, the means after a name, how many opening paragraphs):
    data/discourse.toml [theme]."""
    t = load_toml("discourse.toml")["theme"]
    alt = "|".join(regex.escape(w) for w in sorted(t["span_openers"], key=len, reverse=True))
    means = "|".join(regex.escape(w) for w in sorted(t["means"], key=len, reverse=True))
    opener = regex.compile(rf"[“\s]*(?:为[^，。；]{{2,30}}[，,])?(?:{alt}|\d{{4}}年以来|(?:\d{{4}}年)?\d{{1,2}}月\d{{1,2}}日)[，,]")  # 为破解…，近年来，
    return opener, regex.compile(rf"[”’」》]?(?:活动|行动|工程)?(?:{means})"), int(t["paragraphs"])


_QUOTED_TERM = regex.compile(r"[“‘「《]([^“”‘’「」《》\n]{1,40})[”’」》]")
# a numeral slogan (“五个优先”, “两个确立”) names a concept, not a programme the frame may have missed
_CONCEPT = regex.compile(r"[一二两三四五六七八九十]个?[\p{Han}]{1,3}")


_MIN_CLIPPED = 6  # a shorter name less a character recurs in a title by chance


@cache
def _break_patterns(breaks: str) -> tuple[regex.Pattern, regex.Pattern]:
    """A reverse and a forward search for any of ``breaks``."""
    cls = "[" + regex.escape(breaks, special_only=False) + "]"
    return regex.compile("(?r)" + cls), regex.compile(cls)


class ProgrammeLinker:
    """The programme a figure belongs to, from its clause outwards."""

    def __init__(self, ctx: DocContext, hits: list[ProgrammeHit], frame: DiscourseFrame | None = None) -> None:
        self.ctx = ctx
        self.hits = hits
        self.frame = frame if frame is not None else DiscourseFrame(ctx)
        self._starts = [h.start for h in hits]
        self._reach = list(accumulate((h.end for h in hits), max))  # the furthest end of the hits up to each
        # sentence start -> (what its context settles, the frame in force, the theme): for sentences naming none
        self._context: dict[int, tuple[str | None, str | None, str | None]] = {}
        # a section whose heading opens with a programme's name is about that programme
        self._section: dict[int | None, str] = {}
        # a role a numeral abbreviation stands for, once spelled out (邻长 of 片、组、邻“三长制”)
        self._roles: dict[str, tuple[int, str]] = {}
        self._by_first: dict[str, set[str]] = {}
        for h in hits:
            for role in h.roles:
                self._roles.setdefault(role, (h.start, h.name))
            # a programme's name counted without its quotes (划分为1260个微网格), by first character
            if len(h.name) >= 3:
                self._by_first.setdefault(h.name[0], set()).add(h.name)
            sent = ctx.sentence_at(h.start) if h.heads_section else None
            if sent is not None:
                self._section.setdefault(sent.paragraph, h.name)
        self._acting: set[int] = set()  # where a paragraph's opening sentence carried its programme out
        themes: list[Event] = []
        self.frame.add("programme", self._frame_events(themes), reaches=discourse_rules().programme_reach)
        # the article's theme is a track of its own: it holds for the article wherever it is stated
        self.frame.add("theme", themes, reaches={"title": "article", "lead": "article", "heading": "article"})

    def _frame_events(self, themes: list[Event]) -> list[Event]:
        """What the text goes on about: a programme in the title (the article's), in a heading (its
        section's: a paragraph that names it at length, 某某数字平台 under “某某”, still reports on the
        heading's), the time frame of a sentence (某某行动开展以来，…: its paragraph's, data/discourse.toml).
        A programme only carried out in a sentence reaches the next ones through their results cues
        (半年来，…), not as a frame: the next subject or topic ends it. The article's theme (data/discourse.toml
        [theme]) goes to ``themes``."""
        ctx, text, r = self.ctx, self.ctx.text, rules()
        reach = discourse_rules().body_reach["programme"]
        heading_names: dict[int, list[str]] = {}
        events = []
        themed: set[int] = set()
        opened: set[int] = set()  # sentences opening a paragraph whose carried programme was taken
        span_opener, means, opening = _theme_rules()
        for h in self.hits:
            k = ctx.sentence_index(h.start)
            if k is None:
                continue
            para = ctx.structure.sentences[k].paragraph
            source = self.frame.source_of(para)
            art = ctx.structure.paragraphs[para].article
            lead = self.frame.lead.get(art)
            sent = ctx.structure.sentences[k]
            if ((h.carried or means.match(text, h.end)) and art not in themed and lead is not None
                    and 0 <= para - lead < opening and (k == 0 or ctx.structure.sentences[k - 1].paragraph != para
                                                        or k < 2 or ctx.structure.sentences[k - 2].paragraph != para)
                    and span_opener.match(text, sent.start)):
                themed.add(art)  # 去年以来，某区在全区开展“某某”建设: what the article reports on
                themes.append(Event(h.start, h.end, h.name, "article"))
                continue
            after = h.end + (text[h.end:h.end + 1] in "”’」》")
            framing = bool(r.frame.match(text, after))
            if source == "heading":
                names = heading_names.setdefault(para, [])
                if not names:
                    events.append(Event(h.start, h.end, h.name))
                names.append(h.name)
                continue
            acts = (h.carried and source in ("sentence", "lead") and k not in opened and h.kind != "document"
                       and self.frame.opens_paragraph(h.start) and r.acting.search(text, max(0, h.start - 16), h.start)
                       and self._carried_once(sent))
            if acts:
                opened.add(k)
                self._acting.add(h.start)
            if source == "title" or framing or acts:
                name = h.name
                section = self.frame.section[para]
                for short in heading_names.get(section, ()):
                    if name != short and name.startswith(short):
                        name = short  # 上线“某某数字平台” under the heading “某某”…: the heading's programme
                if acts and not framing and source != "title":
                    # a paragraph opening on a programme carried out (推行“某某”改革。每个乡镇…) reports on it;
                    # the first paragraph of a section whose heading names none, the section does
                    first = section >= 0 and para == section + 1
                    events.append(Event(h.start, h.end, name,
                                        "section" if first and not heading_names.get(section) else "paragraph"))
                    continue
                events.append(Event(h.start, h.end, name, reach if framing or source == "title" else None))
        events += self._title_echoes()
        return events

    def _title_echoes(self) -> list[Event]:
        """A title that writes a programme the article names, less its first character (为群众办实事 for
        我为群众办实事: headlines clip names), states it for the article, as a title naming it does."""
        ctx, out = self.ctx, []
        for art, a in enumerate(ctx.structure.articles):
            if a.title is None:
                continue
            title = ctx.text[a.title[0]:a.title[1]]
            if any(a.title[0] <= h.start < a.title[1] for h in self.hits):
                continue  # the title names a programme itself
            names = {h.name for h in self.hits if ctx.article_at(h.start) == art and len(h.name) >= _MIN_CLIPPED
                     and h.name[1:] in title}
            if len(names) == 1:
                out.append(Event(a.title[0], a.title[1], names.pop(), "article"))
        return out

    def _sentence_carries(self, sent) -> bool:  # type: ignore[no-untyped-def]
        lo, hi = bisect_left(self._starts, sent.start), bisect_left(self._starts, sent.end)
        return any(h.carried for h in self.hits[lo:hi])

    def _carried_once(self, sent) -> bool:  # type: ignore[no-untyped-def]
        """The sentence carries out one programme only (a list of several frames no paragraph)."""
        lo, hi = bisect_left(self._starts, sent.start), bisect_left(self._starts, sent.end)
        return len({h.name for h in self.hits[lo:hi] if h.carried}) == 1

    def _segment(self, start: int, end: int, breaks: str) -> tuple[int, int]:
        text = self.ctx.text
        sent = self.ctx.sentence_at(start)
        lo, hi = (sent.start, sent.end) if sent else (max(0, start - 200), min(len(text), end + 200))
        back, forward = _break_patterns(breaks)  # the last break before, the first after: two C searches
        m = back.search(text, lo, start)
        a = m.end() if m is not None else lo
        m = forward.search(text, end, hi)
        return a, m.start() if m is not None else hi

    def programme_for(self, start: int, end: int, unit: str | None = None) -> str | None:
        if unit in rules().personal_units:
            return None  # an age describes a person, whatever the sentence is about
        i = bisect_right(self._starts, start) - 1
        if i >= 0 and self.hits[i].start <= start and self.hits[i].end >= end:
            return None  # the number is part of the name itself
        # the comma clause, before or after the figure (打造近100个“有声阅读墙”)
        a0, b = self._segment(start, end, "，；：")
        if i >= 0 and self.hits[i].start >= a0:
            return self.hits[i].name
        j = i + 1
        if j < len(self.hits) and self.hits[j].start < b:
            return self.hits[j].name
        near = self._next_door(start, end, a0, b, i, j, unit) or self._role_counted(start, end)
        if near is not None:
            return near
        sent = self.ctx.sentence_at(start)
        if sent is not None and not self._names_any(sent):
            return self._from_context(sent, start)  # nothing of the sentence's own can name it
        # carried out earlier in the same statement (实施“板凳警务工作法”,仅大义派出所就…解答群众问题120余个);
        # a list closed by an ellipsis (……) ends the statement
        a, z = self._segment(start, end, "；…")
        carried = self._carried_before(a, i)
        if carried is not None:
            return carried
        # ...or in the clause right after it, when that is all the statement names (每人选择1个县,带头开展“四下基层”)
        # (a tally of results, 累计解决问题8527件, reports on what came before, not on what follows)
        if j < len(self.hits) and self.hits[j].carried and self.hits[j].start < z and (
                j + 1 == len(self.hits) or self.hits[j + 1].start >= z) and not any(
                w in self.ctx.text[a0:b] for w in rules().tallies):
            _, b2 = self._segment(b + 1, b + 1, "，；：")
            if self.hits[j].start < b2:
                return self.hits[j].name
        if sent is None:
            return None
        echoed = self._echoed(sent.start, a0, b)
        if echoed is not None:
            return echoed
        framed = self._frame(sent.start, sent.end, start)
        if framed is not None:
            return framed
        if self._sentence_has_programme(a, z) and not self._sentence_carries(sent):
            # names only mentioned in the figure's statement (通过“甲”“乙”等激励机制，…化解隐患2915件): the frame
            # in force still holds
            stated = self.frame.at("programme", start)
            if stated is not None and stated.source != "title":
                return stated.value
            return None
        if not self._sentence_has_programme(sent.start, sent.end):
            return self._from_context(sent, start)
        return None

    def _names_any(self, sent) -> bool:  # type: ignore[no-untyped-def]
        """Some programme hit overlaps ``sent``."""
        k = bisect_left(self._starts, sent.end) - 1
        return k >= 0 and self._reach[k] > sent.start

    def _from_context(self, sent, start: int) -> str | None:  # type: ignore[no-untyped-def]
        """The programme of a figure whose sentence names none: what an earlier sentence gives it, the frame
        in force, the section's heading, else the article's theme (not inside a quotation)."""
        context = self._context.get(sent.start)
        if context is None:
            context = self._context[sent.start] = self._context_of(sent)
        settled, framed, theme = context
        if settled is not None:
            return settled
        if framed is not None or self._quoted(sent, start):
            return framed  # the article's theme is the reporter's, not what someone quoted says
        return theme

    def _context_of(self, sent) -> tuple[str | None, str | None, str | None]:  # type: ignore[no-untyped-def]
        """For ``_from_context``: a property of the sentence alone, so computed once for all its figures."""
        earlier = self._earlier_of(sent)
        if earlier is not None:
            return earlier, None, None
        stated = self.frame.at("programme", sent.start)
        if stated is not None and stated.start in self._acting and self.ctx.text.startswith(
                rules().new_subjects, sent.start):
            stated = None  # 各地各部门…: a new, wider subject ends what the paragraph carried out
        if stated is not None and stated.source in ("sentence", "lead"):
            return stated.value, None, None  # stated in the body of the section: narrower than its heading
        section = self._section.get(self.ctx.heading_before(sent.paragraph))
        if section is not None:
            return section, None, None
        return None, None if stated is None else stated.value, self.frame.value("theme", sent.start)

    def _carried_before(self, a: int, i: int) -> str | None:
        """The programme the statement carried out last before the figure (开展“护未行动”，…明确“三个一”工作要求，
        收集隐患问题232个): a name only mentioned after it (a requirement, a meeting named after it) does not
        take its place; a mention of the carried name again (召开“某某”会) is the same programme."""
        carried = {h.name for h in self.hits[bisect_left(self._starts, a):i + 1] if h.carried}
        while i >= 0 and self.hits[i].start >= a:
            if self.hits[i].name in carried:
                return self.hits[i].name
            i -= 1
        return None

    def _next_door(self, start: int, end: int, a: int, b: int, i: int, j: int, unit: str | None) -> str | None:
        """A neighbouring clause that says what the figure's clause is about: the clause before, when the
        figure's opens with an anaphor (带着“政策一页通”,上面印着10多项优惠政策); the clause after, when the
        people counted join the programme it names (组织8000多名民警,下沉到社区担任“三零”工作室成员)."""
        r, text = rules(), self.ctx.text
        if text.startswith(r.anaphors, a) and i >= 0:
            a_prev, _ = self._segment(a - 1, a - 1, "，；：")
            if self.hits[i].start >= a_prev:
                return self.hits[i].name
        if unit in r.member_units and j < len(self.hits) and text[b:b + 1] == "，":
            _, b2 = self._segment(b + 1, b + 1, "，；：")
            h = self.hits[j]
            if h.start < b2 and r.member_verbs.search(text, max(b, h.start - 12), h.start):
                return h.name
        return None

    def _role_counted(self, start: int, end: int) -> str | None:
        """A count of one of the roles a programme's name stands for (推选出65名邻长 under 片、组、邻“三长制”),
        or of the programme's own thing written without its quotes (“微网格”… 划分为1260个微网格)."""
        text = self.ctx.text
        named = [n for n in self._by_first.get(text[end:end + 1], ()) if text.startswith(n, end)]
        if named:
            return max(named, key=len)
        for k in (2, 3):
            role = self._roles.get(text[end:end + k])
            if role is not None and role[0] < start:
                return role[1]
        return None

    def _earlier_of(self, sent) -> str | None:  # type: ignore[no-untyped-def]
        """The programme an earlier sentence gives ``sent`` (its results, its uptake, its head pointing back)."""
        return self._results_of(sent) or self._taken_up(sent) or self._pointed_back(sent)

    def _taken_up(self, sent) -> str | None:  # type: ignore[no-untyped-def]
        """A sentence about taking a programme up (申请, 贷款…) reports on the one programme of that kind
        named just before it (…推出的‘头雁贷’。…顾晓坤顺利通过了申请,不久便扩种了30亩羊肚菌)."""
        r = rules()
        said = self.ctx.text[sent.start:sent.end]
        kinds = {kind for kind, words in r.uptake.items() if any(w in said for w in words)}
        if not kinds:
            return None
        return self._named_before(sent, lambda h: h.kind in kinds)

    def _pointed_back(self, sent) -> str | None:  # type: ignore[no-untyped-def]
        """A sentence opening with a programme's head (平台上线两年多来…, 该机制…) is about the programme of that
        kind named just before it."""
        r, text = rules(), self.ctx.text
        at = sent.start
        first = text.find("，", at, sent.end)
        if first > 0 and text[at:first].endswith(r.reporting):
            at = first + 1  # 工信局负责人介绍，平台上线两年多来…: past who says it
        m = r.head_anaphor.match(text, at, sent.end)
        if m is None or splits_word(text, m.end(), m.start(), m.end() + 3):
            return None  # 平台经济: the head opens another word
        kind = r.head_kind[m.group("head")]
        return self._named_before(sent, lambda h: h.kind == kind)

    def _named_before(self, sent, keep: Callable[[ProgrammeHit], bool],  # type: ignore[no-untyped-def]
                      within_paragraph: bool = False) -> str | None:
        """The one programme ``keep`` accepts in the nearest of the few sentences before ``sent`` (same
        article) that names any it accepts; with ``within_paragraph``, an earlier paragraph is reached only
        through its last sentence."""
        for back, prev in enumerate(self.ctx.sentences_before(sent.start, rules().results_lookback)):
            if within_paragraph and back and prev.paragraph != sent.paragraph:
                break
            lo, hi = bisect_left(self._starts, prev.start), bisect_left(self._starts, prev.end)
            names = {h.name for h in self.hits[lo:hi] if keep(h)}
            if len(names) == 1:
                return names.pop()
            if names:
                break
        return None

    def _echoed(self, lo: int, a: int, b: int) -> str | None:
        """The figure's clause repeats the thing a programme of its sentence is named after
        (开辟“一键报表”模块,…各类报表削减192种)."""
        text = self.ctx.text
        k, found = bisect_left(self._starts, lo), None
        while k < len(self.hits) and self.hits[k].end <= a:
            word = _last_word(self.hits[k].name)
            if word is not None and word in text[a:b]:
                if found is not None and found != self.hits[k].name:
                    return None  # two programmes echoed: can't tell
                found = self.hits[k].name
            k += 1
        return found

    def _frame(self, lo: int, hi: int, pos: int) -> str | None:
        """A sentence opening with a programme as its time frame (主题教育期间,…) reports on it, when it names
        nothing else: another quoted term may be a name missed, so the frame abstains."""
        k = bisect_left(self._starts, lo)
        text = self.ctx.text
        if k < len(self.hits) and self.hits[k].end < pos and not any(
                ch in text[lo:self.hits[k].start].rstrip("“‘「《") for ch in "，；：“‘「《"):
            h = self.hits[k]
            others = k + 1 < len(self.hits) and self.hits[k + 1].start < hi
            after = h.end + (text[h.end:h.end + 1] in "”’」》")
            quoted = [q for q in _QUOTED_TERM.findall(text, after, hi) if not _CONCEPT.fullmatch(q)]
            if rules().frame.match(text, after) and not others and not quoted:
                return h.name
        return None

    def _quoted(self, sent, pos: int) -> bool:  # type: ignore[no-untyped-def]
        """``pos`` stands inside a quotation of its paragraph."""
        text = self.ctx.text
        para = self.ctx.structure.paragraphs[sent.paragraph]
        opened = text.rfind("“", para.start, pos)
        return opened >= 0 and text.rfind("”", opened, pos) < 0

    def _results_of(self, sent) -> str | None:  # type: ignore[no-untyped-def]
        """A results sentence (据统计…) reports on the programme named just before it."""
        r = rules()
        head = self.ctx.text[sent.start:sent.start + 8].lstrip("“")
        if not head.startswith(r.results_openers):
            return None
        # a paragraph that moved on leads into this sentence only through its closing sentence
        return self._named_before(sent, lambda h: True, within_paragraph=True)

    def _sentence_has_programme(self, lo: int, hi: int) -> bool:
        k = bisect_right(self._starts, hi - 1) - 1
        return k >= 0 and self.hits[k].end > lo

    def document_dated(self, start: int, end: int) -> str | None:
        """The 《document》 a date dates: issued (印发, 出台…) in the date's own statement."""
        text = self.ctx.text
        a, b = self._segment(start, end, "；。")
        j = bisect_left(self._starts, end)
        while j < len(self.hits) and self.hits[j].start < b:
            h = self.hits[j]
            if h.titled and text[max(a, h.start - 5):h.start - 1].endswith(rules().issue_verbs):
                return h.name
            j += 1
        return None

    def blocked_spans(self) -> list[tuple[int, int]]:
        """Document titles: their numerals (十条措施) are part of the name. Quoted names are judged by the
        quantity recogniser's own quote rule, which keeps real counts inside longer quotes (办三张清单)."""
        return [(h.start, h.end) for h in self.hits if h.titled]
