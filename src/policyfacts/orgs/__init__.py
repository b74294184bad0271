"""Organisations: recognition by head nouns over place prefixes, and linking facts to them.

Interface used by the pipeline (normalised offsets throughout):
  recognise_organizations(ctx, place_hits, places) -> list[OrgHit]
  OrgLinker(ctx, hits).organization_for(start, end) -> Organization | None

An organisation is ``[place or level prefix] body head (body head)*`` — 沈阳市|公安局|大东分局|大东门派出所.
Heads, standalone names and the characters a name can't contain are data (``data/orgs.toml``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache

import regex

from ..context import DocContext
from ..datafiles import load_toml
from ..models import Organization, Place
from ..places import PlaceHit, PlaceLinker, lookup
from ..text.affixes import Literals
from ..text.automata import for_one_text
from ..text.chars import is_han
from ..text.lexicon import lexicon, segment, splits_word
from ..text.spans import SpanIndex
from ..text.structure import Sentence


@dataclass(slots=True)
class OrgHit:
    start: int
    end: int
    organization: Organization
    linkable: bool = True  # False when it only names a person's affiliation (镇党委书记雷科)
    own_organ: bool = False  # the place's own party/government organ (青岭村党支部): the text stays on that place
    bodies: tuple[tuple[str, str], ...] = ()  # (body after the place, full name) for each body of the name
    organ_of: Place | None = None  # a level-prefixed organ (省政府) stands for its place (江苏省)
    fields: tuple[tuple[int, int], ...] = ()  # places naming a department's field (某市委|某地|工作办公室)


@dataclass(frozen=True, slots=True)
class _Rules:
    heads: Literals  # every head word, and the not_orgs words that a head would match inside
    strong: frozenset[str]
    not_orgs: frozenset[str]
    standalone: Literals
    level_prefixes: dict[str, list[str]]
    level_prefix: regex.Pattern  # the level words, longest first
    roles: regex.Pattern
    own_organs: frozenset[str]
    location_after: tuple[str, ...]
    object_verbs: tuple[str, ...]
    connectors: tuple[str, ...]
    boundary: frozenset[str]
    boundary_words: tuple[str, ...]
    branch_heads: frozenset[str]
    max_body: int
    max_body_bare: int
    functions: dict[str, tuple[str, ...]]
    functions_lookback: int
    function_verbs: regex.Pattern
    company_heads: tuple[str, ...]
    company_long: frozenset[str]
    company_boundary: frozenset[str]
    max_company_body: int
    classifiers: frozenset[str]
    passing: tuple[tuple[str, tuple[str, ...]], ...]
    passing_reach: int
    reporting: regex.Pattern
    role_words: tuple[str, ...]


@cache
def rules() -> _Rules:
    d = load_toml("orgs.toml")
    words = set(d["strong_heads"]) | set(d["weak_heads"]) | set(d["not_orgs"])
    levels = "|".join(regex.escape(w) for w in sorted(d["level_prefixes"], key=len, reverse=True))
    return _Rules(Literals(words), frozenset(d["strong_heads"]), frozenset(d["not_orgs"]), Literals(d["standalone"]),
                  d["level_prefixes"], regex.compile(levels),
                  regex.compile("副?(?:" + "|".join(regex.escape(w) for w in sorted(d["role_words"], key=len, reverse=True)) + ")"),
                  frozenset(d["own_organs"]), tuple(d["location_after"]), tuple(d["object_verbs"]),
                  tuple(d["connectors"]), frozenset(d["boundary_chars"]),
                  tuple(d["boundary_words"]), frozenset(d["branch_heads"]), d["max_body"], d["max_body_bare"],
                  {k: tuple(v) for k, v in d["functions"]["verbs"].items()}, d["functions"]["lookback"],
                  regex.compile("|".join(regex.escape(w) for w in sorted(
                      {v for vs in d["functions"]["verbs"].values() for v in vs}, key=len, reverse=True))),
                  tuple(d["company_heads"]), frozenset(d["company_long_heads"]),
                  frozenset(d["company_boundary_chars"]), d["max_company_body"], frozenset(d["classifiers"]),
                  tuple((p["opener"], tuple(p["closers"])) for p in d["passing"]["frames"]), d["passing"]["reach"],
                  regex.compile(r"\p{Han}{0,3}?(?:" + "|".join(regex.escape(w) for w in d["reporting_verbs"]) + ")"),
                  tuple(d["role_words"]))


def _level_place(place: Place | None, endings: list[str]) -> str | None:
    """The name on ``place``'s path that a level prefix (省, 县…) stands for."""
    if place is None:
        return None
    for name in reversed(place.path):
        if name.endswith(tuple(endings)):
            return name
    return None


def _numeral_follows(text: str, pos: int) -> bool:
    return pos < len(text) and (text[pos].isdigit() or text[pos] in "一二三四五六七八九十两几数")


def _head_in_word(text: str, hs: int, he: int, r: _Rules) -> bool:
    """The head ends inside a word (中学|习, 联合会|商); a function character or a title after it
    (党委书记) ends it for sure."""
    if he >= len(text) or not is_han(text[he]) or text[he] in r.boundary or r.roles.match(text, he):
        return False
    return splits_word(text, he, hs - 2, he + 3)


def _bare_name(body: str, head: str, r: _Rules) -> bool:
    """A body with no place before it names an organisation only if it is a name, not a predicate
    (跑医院, 纵贯村委会), and a place's organ only with the place in it (not 功能型党支部)."""
    if head in r.own_organs:
        return body.endswith(tuple(r.level_prefixes))  # 兰王庙村党总支: the place is in the body
    tags = lexicon().tags
    words = segment(body)

    def predicate(w: str) -> bool:
        return tags.get(w, "").startswith(("v", "d", "p", "c")) and tags.get(w) != "vn"
    # a verb that opens the body, or a one-character verb inside it, makes it a predicate (群众来村委会);
    # longer verbs inside are modifiers (生存认证联合工作组)
    return not (predicate(words[0]) or any(len(w) == 1 and predicate(w) for w in words))


def _level_prefix(text: str, i: int, hs: int, r: _Rules) -> str | None:
    """The level word (省, 县, 村, 社区…) an organisation's name starts with, standing for the local place:
    the longest that ends by ``hs``."""
    m = r.level_prefix.match(text, i, hs)
    return None if m is None else m.group()


def _brand_before(text: str, start: int, floor: int, r: _Rules) -> int:
    """Where the brand before a branch's place starts (某某产险|浙江|分公司): two to six name characters."""
    i = start
    while (i > max(floor, start - 6) and is_han(text[i - 1]) and text[i - 1] not in r.boundary
           and not text.endswith(r.boundary_words, max(0, i - 2), i)):
        i -= 1
    return i if start - i >= 2 else start


def _linkable(text: str, hit: OrgHit, r: _Rules) -> bool:
    """镇党委书记雷科 names a person's affiliation; 服务中心1.8万个 counts the bodies themselves; 组建“某某”服务队
    creates the body; 在某某的领导下 only mentions it."""
    a = hit.start
    counted = text[a - 1:a] in r.classifiers and _numeral_follows(text, a - 2)  # 2家|合作社: a kind, counted
    return (r.roles.match(text, hit.end) is None and not _numeral_follows(text, hit.end) and not counted
            and not text.startswith(r.location_after, hit.end) and not _created(text, a, r)
            and not _passing(text, hit.start, hit.end, r))


def _passing(text: str, start: int, end: int, r: _Rules) -> bool:
    """A body inside a frame that only mentions it (在某某的坚强领导下, 按照某某的统一部署)."""
    for opener, closers in r.passing:
        a = text.rfind(opener, max(0, start - r.passing_reach), start)
        if a < 0 or any(p in text[a:start] for p in "，。；！？,;"):
            continue
        window = text[end:end + r.passing_reach]
        cut = min((window.find(p) for p in "，。；！？,;" if p in window), default=len(window))
        if any(c in window[:cut] for c in closers):
            return True
    return False


_JOINERS = ("、", "和", "及", "与", "以及")


def _joined(text: str, a: OrgHit, b: OrgHit) -> bool:
    """Two bodies named together (甲和乙, 甲、乙), the second right after the first."""
    return text[a.end:b.start] in _JOINERS


def _joined_at(text: str, end: int, start: int) -> bool:
    return text[end:start] in _JOINERS


@cache
def _reverse_class(chars: str) -> regex.Pattern:
    return regex.compile("(?r)[" + regex.escape(chars, special_only=False) + "]")


def _last_of(chars: str, text: str, lo: int, hi: int) -> int:
    """``max(text.rfind(c, lo, hi) for c in chars)`` (for ``0 <= lo``): one reverse C search, not one
    ``rfind`` a character."""
    m = _reverse_class(chars).search(text, lo, hi)
    return -1 if m is None else m.start()


def _created_quoted(text: str, hs: int, he: int, floor: int, r: _Rules) -> int | None:
    """Where a quoted body's name starts when a verb sets it up (成立了“某某联合工作组”): the whole quotation."""
    if text[he:he + 1] != "”":
        return None
    q = text.rfind("“", max(floor, hs - 24), hs)
    if q < 0 or any(c in text[q + 1:hs] for c in "”，。；！？"):
        return None
    return q + 1 if _created(text, q) else None


def _created(text: str, start: int, r: _Rules | None = None) -> bool:
    """A verb that sets a body up stands right before it (组建了, 成立): the body is its object."""
    r = r or rules()
    a = start
    if text[a - 1:a] in "“「‘":
        a -= 1
    elif text[a - 1:a] in "”」’":  # 组建“小板凳”服务队: the verb stands before the quoted modifier
        q = _last_of("“「‘", text, max(0, a - 12), a - 1)
        a = q if q >= 0 else a
    return text[max(0, a - 4):a].rstrip("了").endswith(r.object_verbs)


def _object_position(text: str, h: OrgHit) -> bool:
    """A body after a verb or preposition of its clause (牵头甲, 与乙合作, 在丙的协作下) or in a quotation
    is acted on or mentioned; one that opens its clause acts."""
    a = h.start
    if text[a - 1:a] in "“「‘《":  # a quoted name or chain (“区委—街道党工委”), not a quotation that it opens
        close = regex.compile(r"[”」’》，。；！？,;]").search(text, h.end, h.end + 40)
        return close is None or close.group() in "”」’》"
    lo = max(_last_of("，。；：！？,;:", text, max(0, a - 8), a) + 1, a - 8, 0)
    before = text[lo:a].rstrip("了着")
    if not before:
        return False
    r = rules()
    if before.endswith(r.connectors) or before.endswith(r.boundary_words):  # 会同|某局, 牵头|某办
        return True
    tags = lexicon().tags
    words = segment(before)
    return tags.get(words[-1], "").startswith(("v", "p")) and tags.get(words[-1]) != "vn"


def _person_after(text: str, pos: int, limit: int, r: _Rules) -> str | None:
    """The name after an office (局长|张某某): three characters when the text names them again, else two."""
    three, two = text[pos:pos + 3], text[pos:pos + 2]
    if len(three) < 3 or not all(is_han(c) for c in three[:2]) or three[0] in r.boundary:
        return None
    if is_han(three[2]) and text.find(three, pos + 3, limit) >= 0:
        return three
    return two


_WordLists = tuple[tuple[tuple[str, ...], int], ...]  # (words, width) for each list


@cache
def _words_matcher(lists: _WordLists):  # type: ignore[no-untyped-def]
    """The words of up to its width of every list, for one overlapping Aho–Corasick scan (one pass over
    the text for all lists, where one scan per list cost ~0.6% of extract), and the lists each word is in."""
    import ahocorasick_rs

    owners: dict[str, list[int]] = {}
    for k, (words, width) in enumerate(lists):
        for w in words:
            if 0 < len(w) <= width and k not in owners.setdefault(w, []):
                owners[w].append(k)
    ws = sorted(owners)
    matcher = ahocorasick_rs.AhoCorasick(ws, matchkind=ahocorasick_rs.MatchKind.Standard) if ws else None
    return matcher, [tuple(owners[w]) for w in ws]


def _word_ends(text: str, lists: _WordLists) -> list[set[int]]:
    """For each (words, width): every ``i`` with ``text.endswith(words, max(0, i - width), i)``, the end of
    every occurrence."""
    matcher, owners = _words_matcher(lists)
    ends: list[set[int]] = [set() for _ in lists]
    if matcher is not None:
        for w, _, e in matcher.find_matches_as_indexes(text, overlapping=True):
            for k in owners[w]:
                ends[k].add(e)
    return ends


def recognise_organizations(ctx: DocContext, place_hits: list[PlaceHit], places: PlaceLinker) -> list[OrgHit]:
    r = rules()
    text = ctx.text
    place_end = {h.end: h for h in place_hits if not h.ambiguous and h.kind != "anaphora"}
    anaphor_end = {h.end for h in place_hits if h.kind == "anaphora"}  # 该县|便民服务队: the name starts after it
    place_start = {h.start for h in place_hits}
    inside_place = SpanIndex((h.start + 1, h.end) for h in place_hits).covers  # 某某厂村: the 厂 is the village's
    # where a title, a boundary word or a connector ends: what the walk back tests at every step
    role_end, word_end, conn_end = _word_ends(text, ((r.role_words, 4), (r.boundary_words, 2), (r.connectors, 2)))
    hits: list[OrgHit] = []
    for art in ctx.structure.articles:
        last: OrgHit | None = None
        for head, hs, he in r.heads.finditer(text, art.start, art.end):
            if head in r.not_orgs or ctx.in_metadata(hs, he) or hs in place_start or inside_place(hs, he):
                continue
            # Walk back over the body to a place, an organisation, a level prefix or a boundary.
            i = hs
            company = head in r.company_long
            floor = max(art.start, hs - (r.max_company_body if company else r.max_body))
            boundary = r.company_boundary if company else r.boundary
            prefix: PlaceHit | None = None
            merge = False
            possessive = text[hs - 1:hs] == "的" and head in r.strong and hs - 1 in place_end  # 新兴村的村委会
            if possessive:
                i = hs - 1
            while True:
                if i in place_end and place_end[i].start >= art.start:
                    prefix = place_end[i]
                    break
                if last is not None and last.end == i and i < hs:
                    conn = next((c for c in r.connectors if text.startswith(c, i)), None)
                    if conn is not None:  # 检察院联合区法院: two bodies, not one
                        i += len(conn)
                        break
                    merge = True
                    break
                if last is not None and last.end == i == hs:
                    merge = True
                    break
                if i in anaphor_end and i < hs:
                    break
                if i < hs and i in role_end:  # 局长|王某带队: a title ends a name
                    break
                if (i <= floor or not is_han(text[i - 1]) or text[i - 1] in boundary
                        or (text[i - 1] in r.classifiers and _numeral_follows(text, i - 2))  # 2家|合作社
                        or (not company and i in word_end)
                        or (i < hs and i in conn_end)):  # 还会同|县妇联
                    break
                i -= 1
            if i == hs - 1 and text[i] == "该" and prefix is None and not merge:  # 该协会: the body named before
                ref = next((h for h in reversed(hits) if h.start >= art.start and h.organization.name.endswith(head)),
                           None)
                if ref is not None and not (hits and i < hits[-1].end):
                    hit = OrgHit(i, he, ref.organization, bodies=ref.bodies)
                    hit.linkable = _linkable(text, hit, r)
                    hits.append(hit)
                    last = hit
                continue
            if (prefix is None and not merge and i < hs and text[i - 1:i] in boundary
                    and _level_prefix(text, i, hs, r) is None and splits_word(text, i, i - 2, i + 3)):
                i += 1  # 还好|茶…协会: the body starts after the word the boundary character opens
            lp = None if prefix is not None or merge else _level_prefix(text, i, hs, r)
            if (prefix is not None or merge or lp is not None or head in r.strong) and _head_in_word(text, hs, he, r):
                continue
            if prefix is not None:
                start = prefix.start
                while start in place_end and place_end[start].start < start:  # 云南省昆明市晋宁区…: take the whole run
                    start = place_end[start].start
                if (last is not None and last.end == start and head not in r.own_organs
                        and last.organization.name.endswith(tuple(r.own_organs))):
                    # 某市委|某地|工作办公室: a department of the organ, named with its field
                    last.organization = Organization(name=last.organization.name + text[last.end:he],
                                                     place=last.organization.place)
                    last.fields += ((prefix.start, prefix.end),)
                    last.own_organ = False
                    last.end = he
                    continue
                if text[prefix.end:he] in r.branch_heads and (last is None or last.end != start):
                    brand = _brand_before(text, start, art.start, r)  # 某某产险|浙江|分公司
                    if brand < start:
                        hit = OrgHit(brand, he, Organization(name=text[brand:he], place=list(prefix.place.path) or None))
                        if not (hits and hit.start < hits[-1].end):
                            hit.linkable = _linkable(text, hit, r)
                            hits.append(hit)
                            last = hit
                        continue
                if last is not None and last.end == start and head in r.branch_heads:
                    # 中国农业银行|云南省|分行: the bank's branch in the province
                    last.organization = Organization(name=last.organization.name + text[last.end:he],
                                                     place=list(prefix.place.path) or None)
                    last.end = he
                    continue
                body = text[hs:he] if possessive else text[prefix.end:he]
                name = text[start:prefix.end] + body
                org = Organization(name=name, place=list(prefix.place.path) or None)
                hit = OrgHit(start, he, org, own_organ=body in r.own_organs, bodies=((body, name),))
            elif merge and last is not None:
                if last.bodies:
                    body, name = last.bodies[-1]
                    last.bodies += ((body + text[last.end:he], name + text[last.end:he]),)
                # 县委|组织部: the merged name keeps the first part's expansion (西乡县委组织部)
                last.organization = Organization(name=last.organization.name + text[last.end:he],
                                                 place=last.organization.place)
                # 甲市委|某某办公室: a department of the organ acts in its own name, not as the place's organ
                last.own_organ = last.own_organ and text[last.end:he] in r.own_organs
                last.end = he
                continue
            elif lp is not None:
                place = places.place_for(i, i)
                full = _level_place(place, r.level_prefixes[lp])
                name = (full + text[i + len(lp):he]) if full else text[i:he]
                path = list(place.path[: place.path.index(full) + 1]) if full and place else None
                hit = OrgHit(i, he, Organization(name=name, place=path))
                if path and text[i + len(lp):he] in r.own_organs:
                    hit.organ_of = next((p for p in lookup(path[-1]) if p.path == path), None)
            elif company and hs - i > 0 and i > floor:  # a registered name, cut at its boundary
                hit = OrgHit(i, he, Organization(name=text[i:he], place=None))
            elif head in r.strong and (q := _created_quoted(text, hs, he, art.start, r)) is not None:
                hit = OrgHit(q, he, Organization(name=text[q:he], place=None))  # 成立了“某某联合工作组”
            elif (head in r.strong and 0 < hs - i <= r.max_body_bare
                  and (_bare_name(text[i:hs], head, r) or (last is not None and _joined_at(text, last.end, i))
                       or _created(text, i, r))  # 组成帮扶工作队: what a verb sets up is a body
                  and not (text[i - 1:i] in "“‘「" and text[he:he + 1] in "”’」")):  # “两山银行”: a programme's name
                hit = OrgHit(i, he, Organization(name=text[i:he], place=None))
            else:
                continue
            if hits and hit.start < hits[-1].end:
                continue
            hit.linkable = _linkable(text, hit, r)
            hits.append(hit)
            last = hit
        hits += _short_forms(ctx, r, [h for h in hits if art.start <= h.start < art.end], art.start, art.end)
        for name, s, e in r.standalone.finditer(text, art.start, art.end):
            if not any(h.start <= s < h.end for h in hits) and not ctx.in_metadata(s, e):
                hit = OrgHit(s, e, Organization(name=name, place=None))
                hit.linkable = _linkable(text, hit, r)
                hits.append(hit)
    hits.sort(key=lambda h: h.start)
    return hits


_MAX_SHARING = 16  # bodies ending alike beyond this make every short form ambiguous


def _short_forms(ctx: DocContext, r: _Rules, named: list[OrgHit], start: int, end: int) -> list[OrgHit]:
    """Later short forms of a body named in full (晋宁区农村信用合作联社 … 信用联社, 联社): the same two
    characters end it, and the rest is drawn in order from the full body."""
    text = ctx.text
    by_tail: dict[str, list[tuple[str, str, int]]] = {}
    orgs: dict[str, Organization] = {}
    for h in named:
        for body, name in h.bodies:
            if len(body) >= 3:
                by_tail.setdefault(body[-2:], []).append((body, name, h.end))
                orgs[name] = Organization(name=name, place=h.organization.place)
    tails = [t for t, v in by_tail.items() if len(v) <= _MAX_SHARING]
    if not tails:
        return []
    claims: dict[tuple[int, int], set[str]] = {}
    automaton = for_one_text(tails)
    for idx, s0, _ in automaton.find_matches_as_indexes(text[start:end], overlapping=True):
        k = start + s0
        for body, name, after in by_tail[tails[idx]]:
            if k < after:
                continue
            a, j = k, len(body) - 3  # extend left while the characters come, in order, from the body
            while (a > 0 and j >= 0 and is_han(text[a - 1]) and text[a - 1] not in r.boundary
                   and not text.endswith(r.boundary_words, max(0, a - 2), a)):
                j = body.rfind(text[a - 1], 0, j + 1)
                if j < 0:
                    break
                a, j = a - 1, j - 1
            if text[a:k + 2] != body or len(body) >= 5:  # a bare generic body (村委会) may be any village's
                claims.setdefault((a, k + 2), set()).add(name)
    taken = SpanIndex((h.start, h.end) for h in named).overlaps
    out = []
    for (a, b), names in sorted(claims.items()):
        if len(names) != 1 or text[a:b] in r.not_orgs or taken(a, b) or ctx.in_metadata(a, b):
            continue
        hit = OrgHit(a, b, orgs[names.pop()])
        hit.linkable = r.roles.match(text, b) is None and not _numeral_follows(text, b)
        out.append(hit)
    return out


class OrgLinker:
    """The organisation a fact is about, from its clause outward.

    In the fact's clause (its sentence cut at ``；``): the latest body before it in subject position, else
    the latest before it, else the first after it in subject position; bodies named together (甲和乙,
    甲、乙) act together. With no body in the clause: a person named with an office (某局局长张某) who
    acts in the sentence or again later, the speaker of a quotation, or the body that does what the
    clause does (``_by_function``)."""

    def __init__(self, ctx: DocContext, hits: list[OrgHit]) -> None:
        self.ctx = ctx
        self.all = hits
        self.hits = [h for h in hits if h.linkable]
        self._starts = [h.start for h in self.hits]
        self._all_starts = [h.start for h in hits]
        self._in_all = {id(h): n for n, h in enumerate(hits)}  # a linkable hit's place among all hits
        r, text = rules(), ctx.text
        self._object: dict[int, bool] = {}  # linkable hit -> _acted_on, for the few the figures ask about
        # people named with their office: 某县水利局局长张某 → (张某, 某县水利局)
        self._people: list[tuple[int, str, OrgHit]] = []
        own = tuple(r.own_organs)
        for h in hits:
            m = r.roles.match(text, h.end)
            # a place's own organ (某村党支部书记) speaks for the place, not as a body of its own
            if m is not None and not h.linkable and not h.organization.name.endswith(own):
                name = _person_after(text, m.end(), ctx.structure.articles[ctx.article_at(h.start)].end, r)
                if name:
                    self._people.append((h.start, name, h))
        self._people_starts = [p[0] for p in self._people]
        # bodies a verb sets up (组成便民服务队，分别进驻…): they act in the clauses that follow
        # (a company set up by a body stays the body's vehicle: 开办了某某公司，帮助…)
        self._created = [h for h in hits if _created(text, h.start, r) and text[h.end:h.end + 1] in "，,”"
                         and not h.organization.name.endswith(r.company_heads)]
        self._created_starts = [h.start for h in self._created]

    def _acted_on(self, k: int) -> bool:
        """The linkable body ``k`` stands in object position (``_object_position``), or in a list right
        after one (牵头甲、乙和丙: a list after a verb is its object throughout). Segmenting what stands before
        a body costs; most bodies are never asked about, so it is worked out on demand."""
        got = self._object.get(k)
        if got is None:
            text, hits = self.ctx.text, self.hits
            got = _object_position(text, hits[k]) or (k > 0 and _joined(text, hits[k - 1], hits[k])
                                                       and self._acted_on(k - 1))
            self._object[k] = got
        return got

    def _group(self, k: int) -> Organization:
        """甲和乙 / 甲、乙 acting together: one organisation named by both."""
        text, hits = self.ctx.text, self.all
        k = self._in_all[id(self.hits[k])]
        a = b = k
        while a > 0 and _joined(text, hits[a - 1], hits[a]):
            a -= 1
        while b + 1 < len(hits) and _joined(text, hits[b], hits[b + 1]):
            b += 1
        if a == b:
            return hits[k].organization
        names = list(dict.fromkeys(h.organization.name for h in hits[a:b + 1]))
        return Organization(name="、".join(names), place=hits[a].organization.place)

    def spans(self) -> list[tuple[int, int]]:
        """Organisations acting in their own name (not a place's own organ)."""
        return [(h.start, h.end) for h in self.all if not h.own_organ]

    def field_spans(self) -> list[tuple[int, int]]:
        """Places inside a department's name that name its field, not where it is (某市委台湾工作办公室)."""
        return [f for h in self.all for f in h.fields]

    def company_spans(self) -> list[tuple[int, int]]:
        """Companies (…有限公司, …集团): the place in such a name is where the firm is registered."""
        heads = rules().company_heads
        return [(h.start, h.end) for h in self.all if h.organization.name.endswith(heads)]

    def organ_places(self) -> list[PlaceHit]:
        """Level-prefixed organs as mentions of their place (省政府工作报告 is about the province)."""
        return [PlaceHit(h.start, h.end, h.organ_of, kind="organ", article=self.ctx.article_at(h.start) or 0)
                for h in self.hits if h.organ_of is not None]

    def _clause(self, sent: Sentence, start: int, end: int) -> tuple[int, int]:
        """The sentence, cut at semicolons: 镇江市…;常州市…;苏州高新区… are separate statements."""
        text = self.ctx.text
        a = text.rfind("；", sent.start, start)
        b = text.find("；", end, sent.end)
        return (sent.start if a < 0 else a + 1), (sent.end if b < 0 else b)

    def organization_for(self, start: int, end: int) -> Organization | None:
        sent = self.ctx.sentence_at(start)
        if sent is None:
            return None
        lo, hi = self._clause(sent, start, end)
        i = bisect_right(self._starts, start) - 1
        while i >= 0 and self.hits[i].end > start:
            i -= 1
        first = bisect_right(self._starts, lo - 1)
        before = range(first, i + 1)
        c = bisect_right(self._created_starts, start - 1) - 1
        if c >= 0 and self._created[c].start >= lo and (not before or self._created[c].start > self.hits[i].start):
            made = self._created[c]
            if self.ctx.text.find("，", made.end - 1, start) >= 0 or self.ctx.text.find(",", made.end - 1, start) >= 0:
                return made.organization
        if before:
            subject = next((k for k in reversed(before) if not self._acted_on(k)), before[-1])
            return self._group(subject)
        j = bisect_right(self._starts, end - 1)
        if j < len(self.hits) and self.hits[j].start < hi and not self._acted_on(j):
            return self._group(j)
        return self._by_person(sent, start) or self._by_speaker(sent, start, end) or self._by_function(sent, start, end)

    def _by_person(self, sent: Sentence, start: int) -> Organization | None:
        """A person named with their office acts in the sentence, or is named again before the figure
        (某局局长张某带领…。张某跑遍了7个乡镇): the office's body."""
        if not self._people:
            return None
        text, r = self.ctx.text, rules()
        art = self.ctx.article_at(start)
        k = bisect_right(self._people_starts, sent.end - 1) - 1
        while k >= 0:
            pos, name, hit = self._people[k]
            if self.ctx.article_at(pos) != art:
                break
            if pos >= sent.start:
                m = r.roles.match(text, hit.end)
                if m is not None and r.reporting.match(text, m.end() + len(name)) is None:
                    return hit.organization  # named with the office, acting in this very sentence
            else:
                at = text.find(name, sent.start, start)
                if at >= 0 and (at == sent.start or text[at - 1] in "，,：:“"):  # the person opens a clause: acts
                    return hit.organization
            k -= 1
        return None

    def _by_speaker(self, sent: Sentence, start: int, end: int) -> Organization | None:
        """A figure inside a quotation belongs to the speaker's body, named with the speaker right after
        the quotation (“……”某社副主任张某表示) or before it (某局局长张某说：“……”)."""
        text, r = self.ctx.text, rules()
        para = self.ctx.structure.paragraphs[sent.paragraph]
        opened = text.rfind("“", para.start, start)
        if opened < 0 or text.rfind("”", opened, start) >= 0:
            return None
        closed = text.find("”", end, para.end)
        if closed < 0:
            return None
        for lo, hi in ((closed + 1, closed + 3), (max(para.start, opened - 24), opened)):
            for h in self.all[bisect_left(self._all_starts, lo):bisect_left(self._all_starts, hi)]:
                if not h.linkable and not h.organization.name.endswith(tuple(r.own_organs)):
                    m = r.roles.match(text, h.end)
                    if m is not None and r.reporting.search(text, m.end(), m.end() + 8):
                        return h.organization
        return None

    def _by_function(self, sent: Sentence, start: int, end: int) -> Organization | None:
        """A figure whose clause does what only one kind of body does (查处, 处分) in a sentence naming no
        body belongs to the body of that kind named just before it in the paragraph."""
        r, text = rules(), self.ctx.text
        k = bisect_right(self._starts, sent.end - 1) - 1
        if k >= 0 and self.hits[k].end > sent.start:
            return None  # the sentence names a body of its own
        a = max(_last_of("，；：", text, sent.start, start) + 1, sent.start)
        if r.function_verbs.search(text, a, end) is None:
            return None
        clause = text[a:end]
        kinds = tuple(head for head, verbs in r.functions.items() if any(v in clause for v in verbs))
        for prev in self.ctx.sentences_before(sent.start, r.functions_lookback):
            if prev.paragraph != sent.paragraph:
                break
            lo, hi = bisect_right(self._starts, prev.start - 1), bisect_right(self._starts, prev.end - 1)
            found = [h for h in self.hits[lo:hi] if h.organization.name.endswith(kinds)]
            if found:
                return found[-1].organization
        return None

