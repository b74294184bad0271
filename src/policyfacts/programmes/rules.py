"""The programme rules of ``data/programmes.toml``, compiled once, and name normalisation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import regex

from ..datafiles import load_toml

QUOTES = "“”‘’「」『』\"'《》"
# what a name drops, deleted by re (``str.translate`` with a deleting table pays a failed look-up, an
# exception raised and cleared, per character kept)
_STRIP = re.compile("[" + re.escape(QUOTES + " \t\r\n\u3000\xa0") + "]")


@dataclass(frozen=True, slots=True)
class Rules:
    head_kind: dict[str, str]
    heads_re: regex.Pattern  # the general path of recognise._heads_between, for its tests
    head_firsts: frozenset[str]  # the first characters of the heads
    head_lengths: tuple[int, ...]  # their lengths, longest first
    never_join: frozenset[str]
    join_with_modifier: frozenset[str]
    max_modifier: int
    modifier_verbs: tuple[str, ...]
    not_after_named: frozenset[str]
    org_after: tuple[str, ...]
    drop_suffixes: tuple[str, ...]
    verbs: tuple[str, ...]
    fillers: tuple[str, ...]
    media_suffixes: tuple[str, ...]
    media: frozenset[str]
    speech_before: tuple[str, ...]
    catchwords: frozenset[str]
    brands: frozenset[str]
    manner_endings: tuple[str, ...]
    max_quoted: int
    max_unquoted: int
    unquoted: regex.Pattern
    unquoted_lead: regex.Pattern
    unquoted_heads: tuple[str, ...]  # what every ``unquoted`` match ends in
    unquoted_after: tuple[str, ...]  # what every ``unquoted_lead`` match is followed by
    national: regex.Pattern
    count_before: regex.Pattern
    count_after: regex.Pattern
    contrast: regex.Pattern
    frame: regex.Pattern
    acting: regex.Pattern
    new_subjects: tuple[str, ...]
    frame_end: regex.Pattern
    cued: re.Pattern
    carried: regex.Pattern
    not_carried: tuple[str, ...]
    issue_verbs: tuple[str, ...]
    results_openers: tuple[str, ...]
    results_lookback: int
    personal_units: frozenset[str]
    tallies: tuple[str, ...]
    standalone_heads: frozenset[str]
    member_verbs: regex.Pattern
    member_units: frozenset[str]
    anaphors: tuple[str, ...]
    uptake: dict[str, tuple[str, ...]]
    head_anaphor: regex.Pattern
    reporting: tuple[str, ...]
    generic_modifiers: frozenset[str]
    org_heads: tuple[str, ...]
    media_after: tuple[str, ...]
    generic_openers: tuple[str, ...]
    standard_verbs: frozenset[str]
    # the words every match of a whole-text pattern holds, for ``recognise._near`` and gates
    national_names: tuple[str, ...]
    contrast_anchors: tuple[str, ...]  # a closing mark and a contrast word (”变为), which every contrast holds
    frame_end_anchors: tuple[str, ...]  # a frame word and its comma (以来，)
    frame_verb_len: int
    # the characters a match must end or start with: a look-up before the regex call (most positions fail)
    cue_ends: frozenset[str]  # the last characters of the cue verbs and fillers (``cued``)
    national_firsts: frozenset[str]  # the first characters of the nationwide campaigns (``national``)


CONTRAST_SIDE = 20  # the longest quoted side of a contrast (“甲”变为“乙”)


def _alt(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


def _cue(verbs: tuple[str, ...], fillers: list[str], gap: int) -> regex.Pattern:
    """A cue verb (group 1), a filler, up to ``gap`` characters of modifier and opening marks, then the name:
    推出‘头雁贷’ (gap 0), 开展社保扩面“幸福行动” (gap 4)."""
    return regex.compile(rf"({_alt(verbs)})(?:{_alt(fillers)})?\p{{Han}}{{0,{gap}}}[“‘「《]*$")


def _cue_right_before(verbs: tuple[str, ...], fillers: list[str]) -> re.Pattern:
    """``_cue(verbs, fillers, 0)`` by re: with no gap it holds no ``\\p{Han}``, only literals, and it is
    tried before every quote, where re's call costs less (tests/test_fast_paths.py compares the two)."""
    return re.compile(rf"({_alt(verbs)})(?:{_alt(fillers)})?[“‘「《]*$")


def _head_anaphor(head_kind: dict[str, str], d: dict) -> regex.Pattern:
    """该机制, 这一模式, 平台…: a sentence opening that points back at a programme by its head (group ``head``)."""
    bare = [h for h, k in head_kind.items() if k in d["bare_kinds"] and len(h) >= 2]
    return regex.compile(rf"(?:{_alt(d['demonstratives'])})(?P<head>{_alt(list(head_kind))})|(?P<head>{_alt(bare)})")


@cache
def rules() -> Rules:
    d = load_toml("programmes.toml")
    head_kind: dict[str, str] = {}
    for kind, words in d["heads"].items():
        for w in words:
            head_kind.setdefault(w, kind)
    c, j, f = d["cues"], d["join"], d["figures"]
    verbs = tuple(sorted(c["verbs"], key=len, reverse=True))
    uq_heads = _alt(c["unquoted_heads"])
    unquoted = regex.compile(rf"(?:{_alt(verbs)})(?:了)?([^，。！？；：、\n（）《》]{{2,{c['max_unquoted']}}}?(?:{uq_heads}))")
    lead = regex.compile(
        rf"(?:^|(?<=[，。！？；：\n]))([^，。！？；：、\n（）《》“”]{{2,{c['max_unquoted']}}}?(?:{uq_heads}))"
        rf"(?={_alt(c['unquoted_after'])})", regex.M)
    number = r"[0-9０-９零〇一二两三四五六七八九十百千万亿.]+"
    approx = _alt(f["approx"])
    classifiers = _alt(f["classifiers"])
    return Rules(
        head_kind=head_kind,
        heads_re=regex.compile(_alt(list(head_kind))),
        head_firsts=frozenset(h[0] for h in head_kind if h),
        head_lengths=tuple(sorted({len(h) for h in head_kind if h}, reverse=True)),
        never_join=frozenset(j["never"]),
        join_with_modifier=frozenset(j["with_modifier"]),
        max_modifier=j["max_modifier"],
        modifier_verbs=tuple(j["modifier_verbs"]),
        not_after_named=frozenset(j["not_after_named"]),
        org_after=tuple(j["org_after"]),
        drop_suffixes=tuple(j["drop_suffixes"]),
        verbs=verbs,
        fillers=tuple(c["fillers"]),
        media_suffixes=tuple(c["media_suffixes"]),
        media=frozenset(c["media"]),
        speech_before=tuple(c["speech_before"]),
        catchwords=frozenset(c["catchwords"]),
        brands=frozenset(c["brands"]),
        manner_endings=tuple(c["manner_endings"]),
        max_quoted=c["max_quoted"],
        max_unquoted=c["max_unquoted"],
        unquoted=unquoted,
        unquoted_lead=lead,
        unquoted_heads=tuple(c["unquoted_heads"]),
        unquoted_after=tuple(c["unquoted_after"]),
        national=regex.compile(_alt(d["national"]["names"])),
        # 建成20个“文心书坊” / 这样的“流动网格员”已超过6000名。
        count_before=regex.compile(rf"(?:{approx})?{number}(?:多|余)?(?:{classifiers})$"),
        count_after=regex.compile(rf"^(?:{_alt(f['linkers'])})*(?:{approx})?{number}(?:多|余)?(?:{classifiers})(?=[，。！？；\n]|$)"),
        contrast=regex.compile(rf"[“‘][^“”‘’\n]{{1,{CONTRAST_SIDE}}}[”’](?:{_alt(d['figures_of_speech']['contrast'])})"
                               rf"[“‘][^“”‘’\n]{{1,{CONTRAST_SIDE}}}[”’]"),
        frame_end=regex.compile(rf"(?:{_alt(d['frames']['verbs'])})?(?:{_alt(d['frames']['words'])})[，,]"),
        frame=regex.compile(rf"(?:{_alt(list(head_kind))})?(?:{_alt(d['frames']['verbs'])})?(?:{_alt(d['frames']['words'])})[，,]"),
        acting=_cue(tuple(d["frames"]["acting"]), c["fillers"], c["carried_gap"]),
        new_subjects=tuple(d["frames"]["new_subjects"]),
        cued=_cue_right_before(verbs, c["fillers"]),
        carried=_cue((*verbs, *c["carriers"]), c["fillers"], c["carried_gap"]),
        not_carried=tuple(c["not_carried"]),
        issue_verbs=tuple(c["issue_verbs"]),
        results_openers=tuple(d["results"]["openers"]),
        results_lookback=d["results"]["lookback"],
        personal_units=frozenset(d["results"]["personal_units"]),
        tallies=tuple(d["results"]["tallies"]),
        standalone_heads=frozenset(d["own_heads"]["standalone"]),
        member_verbs=_cue(tuple(d["members"]["verbs"]), c["fillers"], 0),
        member_units=frozenset(d["members"]["units"]),
        anaphors=tuple(d["members"]["anaphors"]),
        uptake={kind: tuple(words) for kind, words in d["results"]["uptake"].items() if isinstance(words, list)},
        head_anaphor=_head_anaphor(head_kind, d["results"]["head_anaphora"]),
        reporting=tuple(d["results"]["head_anaphora"]["reporting"]),
        generic_modifiers=frozenset(j["generic_modifiers"]),
        org_heads=tuple(sorted(c["org_heads"], key=len, reverse=True)),
        media_after=tuple(c["media_after"]),
        generic_openers=tuple(c["generic_openers"]),
        standard_verbs=frozenset(c["standard_verbs"]),
        national_names=tuple(d["national"]["names"]),
        contrast_anchors=tuple(mark + w for w in d["figures_of_speech"]["contrast"] for mark in "”’"),
        frame_end_anchors=tuple(w + comma for w in d["frames"]["words"] for comma in "，,"),
        frame_verb_len=max(map(len, d["frames"]["verbs"]), default=0),
        cue_ends=frozenset(w[-1] for w in (*verbs, *c["fillers"]) if w),
        national_firsts=frozenset(w[0] for w in d["national"]["names"] if w),
    )


def normalise_name(s: str) -> str:
    """Quote marks and spaces out; the text is already in simplified script."""
    out = _STRIP.sub("", s)
    if not out.endswith(rules().drop_suffixes):
        return out  # (most names: one C test, not one per suffix)
    for suffix in rules().drop_suffixes:
        if out.endswith(suffix) and len(out) > len(suffix) + 1:
            out = out[: -len(suffix)]
    return out


@cache
def _head_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(h) for h in rules().head_kind}, reverse=True))


def ends_with_head(s: str) -> str | None:
    r = rules()
    for n in _head_lengths():
        if len(s) > n and s[-n:] in r.head_kind:
            return s[-n:]
    return None
