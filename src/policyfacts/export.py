"""Flat, tabular facts: one row per fact for CSV, Parquet and pandas.

Columns (:data:`COLUMNS`) are the same for every kind, so a stream of rows has one header:

- ``value`` is the fact's value as the model gives it: a number for count/percent/money/measure,
  an ISO date string (or null) for dates, the programme's name for programmes.
- ``value_num`` is the numeric value (float) for the quantity kinds and null otherwise, so that a
  numeric column is always numeric; ``high`` is numeric (upper bound of a range) or null.
- ``place_path`` and ``organization_place`` are paths joined with ``/`` (``江苏省/南京市``).
- ``published`` and ``outlet`` come from the document when :func:`fact_row` is given one; ``path`` is
  the source the document was read from (null for a bare text).

In CSV and Parquet, ``value`` is stored as text (numbers written so they read back exactly, see
:func:`read_rows`), every other column keeps its type in Parquet; in CSV an empty cell is null.
CSV is written as plain UTF-8 without a BOM: it is what pandas, DuckDB, R and every Unix tool read
by default (a BOM shows up as a stray ``\\ufeff`` in the first column name); for Excel, use
*Data → From Text/CSV* or pass ``bom=True``. A text cell that a spreadsheet would run as a formula
(it begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written with a leading
``'``, as is one that begins with ``'`` itself; :func:`read_rows` takes it off again. Numbers are
written as numbers. A lone surrogate (from JSON input) is written as U+FFFD in CSV and Parquet.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from pathlib import Path
from typing import IO, Any

from pydantic import BaseModel

COLUMNS: tuple[str, ...] = (
    "doc", "path", "kind", "text", "start", "end", "value", "value_num", "high", "qualifier", "unit", "subject",
    "change", "time", "article", "sentence", "sentence_start", "sentence_end", "place", "place_level",
    "place_path", "place_code", "organization", "organization_place", "programme", "published", "outlet",
)
INT_COLUMNS = frozenset({"start", "end", "article", "sentence_start", "sentence_end"})
FLOAT_COLUMNS = frozenset({"value_num", "high"})
QUANTITY_KINDS = frozenset({"count", "percent", "money", "measure"})
FORMATS = ("csv", "parquet")
BATCH_SIZE = 2000


def _get(obj: Any, key: str) -> Any:
    if obj is None:
        return None
    return obj.get(key) if isinstance(obj, Mapping) else getattr(obj, key, None)


def _path(items: Any) -> str | None:
    return "/".join(items) if items else None


def fact_row(fact: Any, doc: Any = None) -> dict[str, Any]:
    """One fact (a model or its ``model_dump``/JSONL dict) as a flat dict with exactly :data:`COLUMNS`.

    ``doc`` may be the :class:`~policyfacts.models.DocumentFacts` the fact belongs to (fills
    ``published`` and ``outlet``) or a document id that overrides ``fact.doc``.
    """
    if isinstance(fact, BaseModel):
        fact = fact.model_dump(mode="json")
    kind = fact["kind"]
    value = fact.get("value")
    sentence = fact.get("sentence") or {}
    place = fact.get("place")
    org = fact.get("organization")
    doc_id = fact.get("doc")
    path = fact.get("path")
    published = outlet = None
    if isinstance(doc, str):
        doc_id = doc
    elif doc is not None:
        doc_id = _get(doc, "doc_id") or doc_id
        path = path or _get(doc, "path")
        meta = _get(doc, "meta")
        pub = _get(meta, "published")
        published = pub.isoformat() if hasattr(pub, "isoformat") else pub
        outlet = _get(meta, "outlet")
    high = fact.get("high")
    return {
        "doc": doc_id,
        "path": path,
        "kind": kind,
        "text": fact["text"],
        "start": fact["start"],
        "end": fact["end"],
        "value": value,
        "value_num": float(value) if kind in QUANTITY_KINDS and value is not None else None,
        "high": float(high) if high is not None else None,
        "qualifier": fact.get("qualifier"),
        "unit": fact.get("unit"),
        "subject": fact.get("subject"),
        "change": fact.get("change"),
        "time": fact.get("time"),
        "article": fact.get("article", 0),
        "sentence": sentence.get("text"),
        "sentence_start": sentence.get("start"),
        "sentence_end": sentence.get("end"),
        "place": _get(place, "name"),
        "place_level": _get(place, "level"),
        "place_path": _path(_get(place, "path")),
        "place_code": _get(place, "code"),
        "organization": _get(org, "name"),
        "organization_place": _path(_get(org, "place")),
        "programme": fact.get("programme"),
        "published": published,
        "outlet": outlet,
    }


def iter_rows(docs: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """Rows of every fact of every document, lazily."""
    for doc in docs:
        for fact in doc.facts:
            yield fact_row(fact, doc)


def to_dataframe(docs: Iterable[Any]) -> Any:
    """All facts of ``docs`` as a pandas DataFrame with :data:`COLUMNS` (pandas: ``pip install policyfacts[pandas]``)."""
    try:
        import pandas as pd
    except ImportError as exc:
        raise ImportError(
            "to_dataframe needs pandas: pip install 'policyfacts[pandas]' (or pip install pandas)"
        ) from exc
    frame = pd.DataFrame.from_records(list(iter_rows(docs)), columns=list(COLUMNS))
    for col in INT_COLUMNS:
        frame[col] = frame[col].astype("Int64")
    for col in FLOAT_COLUMNS:
        frame[col] = frame[col].astype("float64")
    return frame


# --------------------------------------------------------------------------------------------------
# Writing and reading files


def _value_text(value: Any) -> str | None:
    """``value`` as text that reads back exactly: ints plain, floats by ``repr``, strings as they are."""
    if value is None:
        return None
    if isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int | float):
        return repr(value)
    return str(value)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _cell(col: str, value: Any, kind: Any) -> Any:
    """A CSV cell: text a spreadsheet would run gets a leading ``'``; numbers stay numbers."""
    if not isinstance(value, str):
        return "" if value is None else value
    if col == "value" and kind in QUANTITY_KINDS:
        return value  # a number written as text (see _value_text)
    value = _SURROGATE.sub("\ufffd", value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def _as_row(item: Any) -> dict[str, Any]:
    if isinstance(item, Mapping) and set(item) == set(COLUMNS):
        return dict(item)
    return fact_row(item)


def _parquet_schema() -> Any:
    import pyarrow as pa

    fields = []
    for col in COLUMNS:
        if col in INT_COLUMNS:
            fields.append(pa.field(col, pa.int64()))
        elif col in FLOAT_COLUMNS:
            fields.append(pa.field(col, pa.float64()))
        else:
            fields.append(pa.field(col, pa.string()))
    return pa.schema(fields, metadata={b"policyfacts.columns": json.dumps(list(COLUMNS)).encode()})


def _open_text(out: str | Path | IO[str], bom: bool) -> tuple[IO[str], bool]:
    if isinstance(out, str | Path):
        if str(out) == "-":
            return sys.stdout, False
        return open(out, "w", encoding="utf-8-sig" if bom else "utf-8", newline=""), True
    return out, False


def write_rows(fmt: str, rows: Iterable[Any], out: str | Path | IO[Any], *, bom: bool = False,
               batch_size: int = BATCH_SIZE) -> int:
    """Stream ``rows`` (dicts from :func:`fact_row`, or facts / fact dicts) to ``out`` as ``csv`` or ``parquet``.

    ``out`` is a path (``-`` for stdout in CSV) or an open file (text for CSV, binary for Parquet).
    Rows are written as they come (Parquet: in batches of ``batch_size`` through ``ParquetWriter``),
    so a large corpus never sits in memory. Returns the number of rows written.
    """
    if fmt == "csv":
        return _write_csv(rows, out, bom=bom)
    if fmt == "parquet":
        return _write_parquet(rows, out, batch_size=batch_size)
    raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")


def _write_csv(rows: Iterable[Any], out: str | Path | IO[str], *, bom: bool) -> int:
    stream, close = _open_text(out, bom)
    n = 0
    try:
        writer = csv.DictWriter(stream, fieldnames=list(COLUMNS), lineterminator="\n")
        writer.writeheader()
        for item in rows:
            row = _as_row(item)
            row["value"] = _value_text(row["value"])
            writer.writerow({k: _cell(k, v, row["kind"]) for k, v in row.items()})
            n += 1
    finally:
        if close:
            stream.close()
        else:
            stream.flush()
    return n


def _write_parquet(rows: Iterable[Any], out: str | Path | IO[bytes], *, batch_size: int) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("Parquet output needs pyarrow: pip install 'policyfacts[parquet]'") from exc
    if str(out) == "-":
        raise ValueError("Parquet is binary: give an output file, not stdout")
    schema = _parquet_schema()
    target = str(out) if isinstance(out, Path) else out
    n = 0
    it = iter(rows)
    with pq.ParquetWriter(target, schema, compression="zstd") as writer:
        while batch := list(islice(it, batch_size)):
            records = []
            for item in batch:
                row = _as_row(item)
                row["value"] = _value_text(row["value"])
                records.append({k: _SURROGATE.sub("\ufffd", v) if isinstance(v, str) else v for k, v in row.items()})
            writer.write_batch(pa.RecordBatch.from_pylist(records, schema=schema))
            n += len(records)
    return n


def _restore(row: dict[str, Any], csv_cells: bool = False) -> dict[str, Any]:
    """Back from file cells to :func:`fact_row` types (``value`` numeric again for quantity kinds; in
    CSV the ``'`` before a formula-like text taken off)."""
    out: dict[str, Any] = {}
    quantity = row.get("kind") in QUANTITY_KINDS
    for col in COLUMNS:
        v = row.get(col)
        if v == "" or v is None:
            v = None
        elif col in INT_COLUMNS:
            v = int(v)
        elif col in FLOAT_COLUMNS:
            v = float(v)
        elif csv_cells and isinstance(v, str) and v.startswith("'") and not (col == "value" and quantity):
            v = v[1:]
        out[col] = v
    value = out["value"]
    if out["kind"] in QUANTITY_KINDS and isinstance(value, str):
        out["value"] = json.loads(value) if value not in ("inf", "-inf", "nan") else float(value)
    return out


def read_rows(fmt: str, path: str | Path | IO[Any]) -> Iterator[dict[str, Any]]:
    """Read rows written by :func:`write_rows` back as :func:`fact_row` dicts (types restored)."""
    if fmt == "csv":
        if isinstance(path, str | Path):
            with open(path, encoding="utf-8-sig", newline="") as fh:
                yield from (_restore(r, csv_cells=True) for r in csv.DictReader(fh))
        else:
            yield from (_restore(r, csv_cells=True) for r in csv.DictReader(path))
    elif fmt == "parquet":
        import pyarrow.parquet as pq

        source = pq.ParquetFile(str(path) if isinstance(path, Path) else path)
        for batch in source.iter_batches():
            yield from (_restore(r) for r in batch.to_pylist())
    else:
        raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")


def rows_to_csv_text(rows: Iterable[Any]) -> str:
    """CSV of ``rows`` as a string (handy in tests and notebooks)."""
    buf = io.StringIO()
    _write_csv(rows, buf, bom=False)
    return buf.getvalue()
