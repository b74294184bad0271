"""Load the quantity grammar's data tables once (data/quantities.toml)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from ..datafiles import load_toml


@dataclass(frozen=True, slots=True)
class Unit:
    surface: str
    kind: str  # count | money | measure | percent
    unit: str
    scale: Decimal = Decimal(1)


@dataclass(frozen=True, slots=True)
class Tables:
    digits: dict[str, int]
    aliases: dict[str, str]
    small_units: dict[str, int]
    large_units: dict[str, int]
    units: dict[str, Unit]
    max_unit_len: int
    q_before: dict[str, str]
    q_inside: dict[str, str]
    q_after: dict[str, str]
    q_after_unit: dict[str, str]
    colloquial_money: dict[str, str]
    rank_before: tuple[str, ...]
    bare_counted: dict[str, str]
    bare_money: tuple[str, ...]
    bare_linkers: tuple[str, ...]
    money_cues: tuple[str, ...]
    range_separators: tuple[str, ...]
    range_not_after: tuple[str, ...]
    attached: tuple[str, ...]
    up_round: frozenset[str]
    bare_round_after: tuple[str, ...]
    baseline_before: tuple[str, ...]
    start_before: tuple[str, ...]
    upgrade: tuple[str, ...]
    time_breaks: tuple[str, ...]
    event_verbs: tuple[str, ...]
    static_measures: tuple[str, ...]
    one_stress: tuple[str, ...]
    increase: tuple[str, ...]
    decrease: tuple[str, ...]
    change_window: int


@cache
def tables() -> Tables:
    raw = load_toml("quantities.toml")
    units: dict[str, Unit] = {}
    for kind in ("money", "percent", "measure"):
        for surface, spec in raw["units"][kind].items():
            units[surface] = Unit(surface, kind, spec["unit"], Decimal(str(spec.get("scale", 1))))
    for w in raw["units"]["count"]["words"]:
        units.setdefault(w, Unit(w, "count", w))
    for surface, unit in raw["units"]["count"].get("noun_units", {}).items():
        units.setdefault(surface, Unit(surface, "count", unit))
    q = raw["qualifiers"]
    ch = raw["change"]
    return Tables(
        digits=dict(raw["numerals"]["digits"]),
        aliases=dict(raw["numerals"].get("aliases", {})),
        small_units=dict(raw["numerals"]["small_units"]),
        large_units=dict(raw["numerals"]["large_units"]),
        units=units,
        max_unit_len=max(map(len, units)),
        q_before=dict(sorted(q["before"].items(), key=lambda kv: -len(kv[0]))),
        q_inside=dict(q["inside"]),
        q_after=dict(sorted(q["after"].items(), key=lambda kv: -len(kv[0]))),
        q_after_unit=dict(q["after_unit"]),
        colloquial_money=dict(q["colloquial_money"]),
        rank_before=tuple(q["rank_before"]),
        bare_counted=dict(q["bare_counted"]),
        bare_money=tuple(sorted(q["bare_money"], key=len, reverse=True)),
        bare_linkers=tuple(sorted(q["bare_linkers"], key=len, reverse=True)),
        money_cues=tuple(q["money_cues"]),
        range_separators=tuple(q["range_separators"]),
        range_not_after=tuple(q["range_not_after"]),
        attached=tuple(sorted(q["attached"], key=len, reverse=True)),
        up_round=frozenset(q["up_round"]),
        bare_round_after=tuple(q["bare_round_after"]),
        baseline_before=tuple(raw["time"]["baseline_before"]),
        start_before=tuple(raw["time"]["start_before"]),
        upgrade=tuple(ch["upgrade"]),
        time_breaks=tuple(raw["time"]["breaks"]),
        event_verbs=tuple(raw["time"]["event_verbs"]),
        static_measures=tuple(raw["time"]["static_measures"]),
        one_stress=tuple(sorted(raw["one"]["stress_before"], key=len, reverse=True)),
        increase=tuple(ch["increase"]),
        decrease=tuple(ch["decrease"]),
        change_window=int(ch.get("window", 8)),
    )
