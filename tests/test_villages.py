"""The compact village index answers exactly what a plain dict of ``villages.tsv.gz`` answers."""

from __future__ import annotations

import gzip
import random
from importlib import resources
from pathlib import Path

import pytest

from policyfacts.places.gazetteer import VillageIndex, _village_columns, county_of_village, villages


def _plain() -> dict[str, list[str]]:
    raw = resources.files("policyfacts.data").joinpath("villages.tsv.gz").read_bytes()
    out: dict[str, list[str]] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            name, codes = line.split("\t")
            out.setdefault(name, codes.split(","))
    return out


def _plain_county(plain: dict[str, list[str]], name: str, within: str) -> str | None:
    codes = [c for c in plain.get(name, []) if c.startswith(within)]
    return codes[0] if len(codes) == 1 else None


@pytest.fixture(scope="module")
def plain() -> dict[str, list[str]]:
    return _plain()


def test_every_name_has_the_files_counties(plain: dict[str, list[str]]) -> None:
    index = villages()
    assert len(plain) > 250_000
    assert all(index.counties(name) == codes for name, codes in plain.items())
    wide = [name for name in plain if max(name) > "\uffff"]
    assert wide and set(wide) == set(index.apart)  # the names beyond the BMP, kept apart
    assert index.names.isascii() or max(index.names) <= "\uffff"  # so the one big string is 2 bytes a character


def test_names_not_in_the_file_have_none(plain: dict[str, list[str]]) -> None:
    index = villages()
    rng = random.Random(16)
    names = rng.sample(sorted(plain), 2000)
    probes = [n[:-1] for n in names] + [n + "村" for n in names] + ["", "\uffff", "\U00020000村", "〇"]
    for probe in probes:
        assert index.counties(probe) == plain.get(probe, []), probe


def test_county_of_village_agrees_with_the_plain_dict(plain: dict[str, list[str]]) -> None:
    rng = random.Random(7)
    names = rng.sample(sorted(plain), 20_000) + [n for n in plain if max(n) > "\uffff"]
    for name in names:
        codes = plain[name]
        for within in {"", codes[0][:2], codes[0][:4], codes[0], codes[-1][:4], "99"}:
            assert county_of_village(name, within) == _plain_county(plain, name, within), (name, within)
    assert county_of_village("六街村", "530115") == "530115"  # the doc000 village
    assert county_of_village("不存在的村", "53") is None


def test_built_and_cached_index_are_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYFACTS_CACHE", str(tmp_path))
    villages.cache_clear()
    try:
        built = villages()
        (path,) = tmp_path.glob("villages-*.bin")
        villages.cache_clear()
        read = villages()
        assert read is not built and read.columns() == built.columns()
        path.write_bytes(b"\xe9 not marshal")
        villages.cache_clear()
        assert villages().columns() == built.columns()
    finally:
        villages.cache_clear()


def test_columns_of_a_small_file() -> None:
    text = "# source: made up\n乙村\t110101,120102\n甲\U00020000村\t330102\n丙社区\t110101\n甲村\t130102\n"
    index = VillageIndex(_village_columns(lambda: iter(text.splitlines(keepends=True))))
    assert index.counties("乙村") == ["110101", "120102"]
    assert index.counties("甲\U00020000村") == ["330102"] and index.apart == {"甲\U00020000村": ["330102"]}
    assert index.counties("甲村") == ["130102"] and index.counties("丙社区") == ["110101"]
    assert index.counties("丁村") == [] and index.counties("#") == []
    assert index.codes == ["110101", "120102", "130102"]  # each distinct code once, numbered in name order


def test_an_unsorted_file_is_sorted_first() -> None:
    text = "乙村\t110101\n甲村\t130102\n丙社区\t110101\n乙村\t120102\n"
    index = VillageIndex(_village_columns(lambda: iter(text.split("\n"))))
    assert [index.counties(n) for n in ("丙社区", "乙村", "甲村")] == [["110101"], ["110101"], ["130102"]]
