"""The gazetteer of China's administrative divisions, loaded once, looked up by one compiled matcher.

Data: ``data/gazetteer.tsv`` (built by ``tools/build_gazetteer.py``; its header names
source and year) and the hand-kept rules of ``data/places.toml``.
"""

from __future__ import annotations

import gzip
import io
import sys
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from importlib import resources
from typing import NamedTuple

from ..datafiles import load_toml

LEVEL_RANK = {"province": 0, "prefecture": 1, "district": 1, "county": 2, "zone": 2, "township": 3, "community": 4,
              "village": 4}
# Hong Kong's and Macau's districts: known names, but not levels of a figure's place (the region's)
NOT_A_LEVEL = "district"


class Division(NamedTuple):  # a NamedTuple: 45k of them are made at start-up, 3× faster than a dataclass
    code: str
    name: str
    level: str
    parent_id: str | None = None  # rows outside GB/T 2260 (香港沙田区, 雄安新区) name their parent

    @property
    def parent_code(self) -> str | None:
        if self.parent_id:
            return self.parent_id
        n = len(self.code)
        if n <= 2:
            return None
        return self.code[: {4: 2, 6: 4, 9: 6}.get(n, n - 3)]

    @property
    def gb_code(self) -> str | None:
        """The GB/T 2260 code, or None for a row the standard does not code (its id holds a hyphen)."""
        return None if "-" in self.code else self.code


class Gazetteer:
    """Divisions by code and by every name (official and short) they are written with."""

    def __init__(self, rows: Iterable[tuple[str, str, str, list[str], str]], source: str) -> None:
        self.source = source
        self.by_code: dict[str, Division] = {}
        self.by_name: dict[str, list[Division]] = {}
        self.short: set[str] = set()
        by_code, by_name, short = self.by_code, self.by_name, self.short
        for code, name, level, forms, parent in rows:
            d = Division(code, name, level, parent or None)
            if code not in by_code:
                by_code[code] = d
            got = by_name.get(name)
            if got is None:
                by_name[name] = [d]
            else:
                got.append(d)
            for f in forms:
                got = by_name.get(f)
                if got is None:
                    by_name[f] = [d]
                else:
                    got.append(d)
                short.add(f)

    def parent(self, d: Division) -> Division | None:
        code = d.parent_code
        while code:
            p = self.by_code.get(code)
            if p is not None:
                return p
            code = code[:-2] if len(code) > 2 and "-" not in code else None  # skip grouping rows (市辖区)
        return None

    def path(self, d: Division) -> list[Division]:
        chain = [d]
        p = self.parent(d)
        while p is not None:
            chain.append(p)
            p = self.parent(p)
        return chain[::-1]


def _read_rows(text: str) -> tuple[list[tuple[str, str, str, list[str], str]], str]:
    rows: list[tuple[str, str, str, list[str], str]] = []
    sources = []
    for line in text.splitlines():
        if line.startswith("#"):
            if line.startswith("# source:"):
                sources.append(line[len("# source:"):].strip())
            continue
        parts = line.split("\t")
        if len(parts) < 3:
            continue
        forms = [f for f in parts[3].split(",") if f] if len(parts) > 3 else []
        rows.append((parts[0], parts[1], parts[2], forms, parts[4] if len(parts) > 4 else ""))
    return rows, "; ".join(sources)


@cache
def rules() -> dict:
    return load_toml("places.toml")


_VillageColumns = tuple[str, bytes, bytes, bytes, list[str], dict[str, list[str]]]


class VillageIndex:
    """Village and community name → codes of the counties that have one, for 290k names in ~6 MB.

    The sorted names are one string searched by bisection (a dict of them would cost ~90 MB), kept
    two bytes a character: the few names with a character beyond the BMP would make the whole string
    four bytes a character, so they sit apart in a small dict. A name's counties are numbers into the
    list of the 3k distinct county codes (two bytes each, not a string each)."""

    def __init__(self, columns: _VillageColumns) -> None:
        self.names, starts, counties, county_starts, self.codes, self.apart = columns
        # views of the bytes themselves, not arrays copied from them: no freed copies left in the heap
        self.starts = memoryview(starts).cast("I")  # name i is names[starts[i]:starts[i + 1]]
        self.counties_of = memoryview(counties).cast("H")
        self.county_starts = memoryview(county_starts).cast("I")  # name i's: counties_of[county_starts[i]:...[i + 1]]
        self._size = len(self.starts) - 1
        if len(self.county_starts) != self._size + 1 or self.starts[-1] != len(self.names) or \
                self.county_starts[-1] != len(self.counties_of):
            raise ValueError("inconsistent village columns")

    def columns(self) -> _VillageColumns:
        """What the index is made from (for the cache)."""
        return (self.names, self.starts.obj, self.counties_of.obj, self.county_starts.obj, self.codes, self.apart)

    def _name(self, i: int) -> str:
        return self.names[self.starts[i]:self.starts[i + 1]]

    def counties(self, name: str) -> list[str]:
        got = self.apart.get(name)
        if got is not None:
            return list(got)
        i = bisect_left(range(self._size), name, key=self._name)
        if i == self._size or self._name(i) != name:
            return []
        codes = self.codes
        return [codes[c] for c in self.counties_of[self.county_starts[i]:self.county_starts[i + 1]]]


def _village_rows(lines: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(name, comma-joined county codes) of ``villages.tsv``'s lines (``#`` lines are comments)."""
    for line in lines:
        line = line[:-1] if line.endswith("\n") else line
        if line and not line.startswith("#"):
            name, _, codes = line.partition("\t")
            yield name, codes


def _village_columns(lines: Callable[[], Iterable[str]]) -> _VillageColumns:
    """The index's columns from the file's lines, read as a stream (the file is sorted by name: no
    290k rows held at once); an unsorted file is sorted in memory first (stable: a repeated name's
    first line is the one found, as in the file)."""
    columns = _village_columns_in_order(_village_rows(lines()))
    if columns is None:
        rows = sorted(_village_rows(lines()), key=lambda r: r[0])
        columns = _village_columns_in_order(iter(rows))
    assert columns is not None
    return columns


def _village_columns_in_order(rows: Iterator[tuple[str, str]]) -> _VillageColumns | None:
    """The columns of rows sorted by name (None if they are not)."""
    apart: dict[str, list[str]] = {}
    names = io.StringIO()
    number: dict[str, int] = {}
    starts, counties, county_starts = array("I", [0]), array("H"), array("I", [0])
    at, last = 0, ""
    for name, codes in rows:
        if max(name, default="") > "\uffff":
            apart.setdefault(name, codes.split(","))
            continue
        if name < last:
            return None
        last = name
        names.write(name)
        at += len(name)
        starts.append(at)
        counties.extend(number.setdefault(c, len(number)) for c in codes.split(","))
        county_starts.append(len(counties))
    return names.getvalue(), starts.tobytes(), counties.tobytes(), county_starts.tobytes(), list(number), apart


@cache
def villages() -> VillageIndex:
    """Loaded on first use only: most articles name the county themselves. Its columns are built once
    and kept in the user cache, keyed by the file's bytes (reading them back takes ~10 ms)."""
    import marshal

    from ..cache import cached, key_of

    raw = resources.files("policyfacts.data").joinpath("villages.tsv.gz").read_bytes()

    def build() -> VillageIndex:
        def lines() -> io.TextIOWrapper:  # decompressed and decoded as they are read
            return io.TextIOWrapper(gzip.GzipFile(fileobj=io.BytesIO(raw)), encoding="utf-8", newline="\n")

        return VillageIndex(_village_columns(lines))

    def loads(data: bytes) -> VillageIndex:
        return VillageIndex(marshal.loads(data))  # a damaged file raises here, and is rebuilt

    return cached("villages", key_of("villages-1", raw), build, dumps=lambda v: marshal.dumps(v.columns()),
                  loads=loads)


def county_of_village(name: str, within: str) -> str | None:
    """The one county under division ``within`` that has a village or community ``name``, if just one has."""
    codes = [c for c in villages().counties(name) if c.startswith(within)]
    return codes[0] if len(codes) == 1 else None


@cache
def gazetteer() -> Gazetteer:
    """The shipped gazetteer (loaded lazily: import stays cheap). Its parsed rows are kept in the user
    cache, keyed by the file's bytes: marshal reads them back in a tenth of the parse's time."""
    import marshal

    from ..cache import cached, key_of

    raw = resources.files("policyfacts.data").joinpath("gazetteer.tsv").read_bytes()
    columns = cached("gazetteer-columns-2", key_of(raw), lambda: _columns(*_read_rows(raw.decode("utf-8"))),
                     dumps=marshal.dumps, loads=marshal.loads)
    return Gazetteer(_rows(columns), columns[-1])


def _columns(rows: list[tuple[str, str, str, list[str], str]], source: str) -> tuple[str, ...]:
    """Rows as newline-joined columns (forms comma-joined), the level as one character per row (the
    number of its name among the comma-joined level names: no 45k short-lived strings at load):
    splitting them back is ~10× faster than unmarshalling 45k tuples."""
    level_names = sorted({r[2] for r in rows})
    number = {name: chr(i) for i, name in enumerate(level_names)}
    return ("\n".join(r[0] for r in rows), "\n".join(r[1] for r in rows), "".join(number[r[2]] for r in rows),
            ",".join(level_names), "\n".join(",".join(r[3]) for r in rows), "\n".join(r[4] for r in rows), source)


def _rows(columns: tuple[str, ...]) -> zip:
    codes, names, forms, parents = (c.split("\n") for c in (columns[0], columns[1], columns[4], columns[5]))
    level_names = [sys.intern(x) for x in columns[3].split(",")]
    levels = map(level_names.__getitem__, columns[2].encode("latin-1"))
    return zip(codes, names, levels, (f.split(",") if f else () for f in forms), parents, strict=True)
