"""Figures grouped by province and programme: how many of each kind, and the money they add up to.

    python examples/group_by_place.py [FOLDER]

Facts without a resolved place go under "(unknown)", facts outside a named programme under "(none)",
so the script works however much of the place/programme linking a document has.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

import policyfacts

HERE = Path(__file__).resolve().parent
QUANTITIES = ("count", "percent", "money", "measure")


def province(fact: policyfacts.models.Fact) -> str:
    place = fact.place
    if place is None:
        return "(unknown)"
    return place.path[0] if place.path else place.name


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else HERE / "articles"
    kinds: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    money: dict[tuple[str, str], float] = defaultdict(float)
    docs = 0
    for path in sorted(folder.rglob("*.txt")):
        doc = policyfacts.extract_file(path)
        docs += 1
        for fact in doc.facts:
            if fact.kind not in QUANTITIES:
                continue
            key = (province(fact), fact.programme or "(none)")
            kinds[key][fact.kind] += 1
            if fact.kind == "money" and fact.unit == "元":
                money[key] += fact.value
    print(f"{docs} documents, {sum(sum(c.values()) for c in kinds.values())} figures")
    print(f"{'province':12} {'programme':20} " + " ".join(f"{k:>7}" for k in QUANTITIES) + f" {'money (万元)':>12}")
    for key in sorted(kinds, key=lambda k: (-sum(kinds[k].values()), k)):
        prov, prog = key
        counts = " ".join(f"{kinds[key][k]:>7}" for k in QUANTITIES)
        print(f"{prov:12} {prog:20} {counts} {money[key] / 1e4:>12,.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
