"""Turn a folder of articles into a dataset: JSONL (one fact per line) or CSV (flat columns).

    python examples/build_dataset.py [FOLDER] [-o facts.jsonl|facts.csv|facts.parquet]

The format follows the output's extension. Rows are streamed; a document that fails is reported and skipped.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import policyfacts
from policyfacts.export import fact_row, write_rows

HERE = Path(__file__).resolve().parent


def documents(folder: Path) -> Iterator[policyfacts.DocumentFacts]:
    for path in sorted(folder.rglob("*.txt")):
        try:
            yield policyfacts.extract_file(path)
        except Exception as exc:  # keep going: one bad file never stops a dataset
            print(f"skipped {path}: {type(exc).__name__}: {exc}", file=sys.stderr)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(HERE / "articles"))
    parser.add_argument("-o", "--output", default="facts.jsonl")
    args = parser.parse_args(argv)
    out = Path(args.output)
    fmt = out.suffix.lstrip(".").lower()
    docs = list(documents(Path(args.folder)))
    if fmt == "jsonl":
        with out.open("w", encoding="utf-8") as fh:
            for doc in docs:
                for fact in doc.facts:
                    fh.write(json.dumps(fact.model_dump(mode="json"), ensure_ascii=False) + "\n")
        n = sum(len(d.facts) for d in docs)
    elif fmt in ("csv", "parquet"):
        rows: Iterator[dict[str, Any]] = (fact_row(f, d) for d in docs for f in d.facts)
        n = write_rows(fmt, rows, out)
    else:
        parser.error(f"unknown output format {out.suffix!r}: use .jsonl, .csv or .parquet")
    print(f"{out}: {n} facts from {len(docs)} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
