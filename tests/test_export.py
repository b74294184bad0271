"""Flat rows: CSV and Parquet read back equal to the JSONL facts; DataFrames have the documented columns."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

import policyfacts
from policyfacts.export import COLUMNS, fact_row, iter_rows, read_rows, rows_to_csv_text, write_rows
from policyfacts.models import DocumentFacts, Organization, Place


@pytest.fixture(scope="module")
def seed_docs(seeds: dict[str, str]) -> list[DocumentFacts]:
    return [policyfacts.extract(text, doc_id=name) for name, text in seeds.items()]


@pytest.fixture(scope="module")
def jsonl_facts(seed_docs: list[DocumentFacts]) -> list[dict]:
    """What ``policyfacts extract`` writes: one JSON object per fact."""
    return [json.loads(json.dumps(f.model_dump(mode="json"), ensure_ascii=False)) for d in seed_docs for f in d.facts]


def test_fact_row_is_flat_with_fixed_columns(seed_docs: list[DocumentFacts]) -> None:
    doc = seed_docs[0]
    money = next(f for f in doc.facts if f.kind == "money")
    row = fact_row(money, doc)
    assert tuple(row) == COLUMNS
    assert row["doc"] == doc.doc_id and row["kind"] == "money"
    assert row["value"] == money.value and row["value_num"] == float(money.value)
    assert doc.text[row["start"] : row["end"]] == row["text"]
    assert doc.text[row["sentence_start"] : row["sentence_end"]] == row["sentence"]
    assert row["published"] == "2024-02-20" and row["outlet"] == "人民日报"
    assert all(not isinstance(v, dict | list) for v in row.values())


def test_fact_row_of_a_model_equals_fact_row_of_its_dump(seed_docs: list[DocumentFacts]) -> None:
    for fact in seed_docs[1].facts:
        assert fact_row(fact) == fact_row(fact.model_dump(mode="json"))


def test_place_and_organization_columns() -> None:
    fact = policyfacts.extract("2023年,南京市发放贷款3亿元。", doc_id="x").facts
    money = next(f for f in fact if f.kind == "money").model_copy(
        update={
            "place": Place(name="南京市", level="prefecture", path=["江苏省", "南京市"], code="320100"),
            "organization": Organization(name="南京市财政局", place=["江苏省", "南京市"]),
            "programme": "普惠贷",
        }
    )
    row = fact_row(money, "other")
    assert row["doc"] == "other"
    assert (row["place"], row["place_level"], row["place_path"], row["place_code"]) == (
        "南京市", "prefecture", "江苏省/南京市", "320100")
    assert (row["organization"], row["organization_place"], row["programme"]) == (
        "南京市财政局", "江苏省/南京市", "普惠贷")
    assert row["value"] == 300000000


def test_dates_keep_iso_strings_and_no_numeric_value(seed_docs: list[DocumentFacts]) -> None:
    dates = [fact_row(f) for d in seed_docs for f in d.facts if f.kind == "date"]
    assert dates
    assert all(r["value_num"] is None for r in dates)
    assert all(r["value"] is None or isinstance(r["value"], str) for r in dates)


def test_csv_round_trip(tmp_path: Path, jsonl_facts: list[dict]) -> None:
    out = tmp_path / "facts.csv"
    n = write_rows("csv", (fact_row(f) for f in jsonl_facts), out)
    assert n == len(jsonl_facts)
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # plain UTF-8, no BOM
    with open(out, encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert tuple(header) == COLUMNS
    back = list(read_rows("csv", out))
    assert back == [fact_row(f) for f in jsonl_facts]
    # numbers keep int vs float exactly
    for a, b in zip(back, jsonl_facts, strict=True):
        assert type(a["value"]) is type(b["value"])


def test_csv_with_bom_for_excel(tmp_path: Path, jsonl_facts: list[dict]) -> None:
    out = tmp_path / "excel.csv"
    write_rows("csv", jsonl_facts[:3], out, bom=True)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert list(read_rows("csv", out)) == [fact_row(f) for f in jsonl_facts[:3]]


def test_csv_text_of_facts(jsonl_facts: list[dict]) -> None:
    text = rows_to_csv_text(jsonl_facts[:2])
    assert text.splitlines()[0] == ",".join(COLUMNS)
    assert len(list(csv.reader(text.splitlines()))) == 3


def test_parquet_round_trip_in_batches(tmp_path: Path, jsonl_facts: list[dict]) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "facts.parquet"
    n = write_rows("parquet", iter(fact_row(f) for f in jsonl_facts), out, batch_size=16)
    assert n == len(jsonl_facts)
    meta = pq.ParquetFile(out).metadata
    assert meta.num_rows == n and meta.num_row_groups >= 2  # written in batches, not all at once
    table = pq.read_table(out)
    assert table.column_names == list(COLUMNS)
    assert str(table.schema.field("start").type) == "int64"
    assert str(table.schema.field("value_num").type) == "double"
    assert list(read_rows("parquet", out)) == [fact_row(f) for f in jsonl_facts]


def test_unknown_format_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="csv, parquet"):
        write_rows("xlsx", [], tmp_path / "x")


def test_dataframe(seed_docs: list[DocumentFacts]) -> None:
    pd = pytest.importorskip("pandas")
    from policyfacts.export import to_dataframe

    frame = to_dataframe(seed_docs)
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == list(COLUMNS)
    assert len(frame) == sum(len(d.facts) for d in seed_docs)
    assert str(frame["start"].dtype) == "Int64" and str(frame["value_num"].dtype) == "float64"
    one = seed_docs[0].to_dataframe()
    assert len(one) == len(seed_docs[0].facts)
    money = one[one.kind == "money"]
    assert (money.value_num > 0).all()
    assert frame.to_dict("records")[0]["text"] == seed_docs[0].facts[0].text
    assert next(iter(iter_rows(seed_docs)))["doc"] == seed_docs[0].doc_id


def test_missing_pandas_says_which_extra(monkeypatch: pytest.MonkeyPatch, seed_docs: list[DocumentFacts]) -> None:
    import sys

    from policyfacts.export import to_dataframe

    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"policyfacts\[pandas\]"):
        to_dataframe(seed_docs)
