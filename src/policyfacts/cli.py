"""Command line: ``policyfacts extract FILES_OR_DIRS... [--format jsonl|json] [-o OUT] [--published DATE]``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .pipeline import extract_file


def _paths(items: list[str]) -> list[Path]:
    out: list[Path] = []
    for item in items:
        p = Path(item)
        out.extend(sorted(q for q in p.rglob("*.txt")) if p.is_dir() else [p])
    return out


def _cmd_extract(args: argparse.Namespace) -> int:
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    failed = 0
    docs = []
    for path in _paths(args.inputs):
        try:
            doc = extract_file(path, published=args.published)
        except Exception as exc:  # one bad document never stops the batch
            failed += 1
            rec = {"doc": path.stem, "error": f"{type(exc).__name__}: {exc}", "path": str(path)}
            if args.format == "jsonl":
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            else:
                docs.append(rec)
            continue
        if args.format == "jsonl":
            for f in doc.facts:
                out.write(json.dumps(f.model_dump(mode="json"), ensure_ascii=False) + "\n")
        else:
            docs.append(doc.model_dump(mode="json"))
    if args.format == "json":
        json.dump(docs, out, ensure_ascii=False, indent=2)
        out.write("\n")
    if out is not sys.stdout:
        out.close()
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="policyfacts", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract facts from files or directories")
    ex.add_argument("inputs", nargs="+")
    ex.add_argument("--format", choices=["jsonl", "json"], default="jsonl")
    ex.add_argument("-o", "--output")
    ex.add_argument("--published", help="publication date YYYY-MM-DD for relative dates")
    ex.set_defaults(func=_cmd_extract)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
