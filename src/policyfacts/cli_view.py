"""Viewing commands: ``policyfacts show FILES... -o report.html`` and ``policyfacts schema``.

``cli.main`` calls :func:`add_view_commands` on its sub-parsers; :func:`main` runs these commands alone.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from .models import DocumentFacts, json_schema


def _inputs(items: Sequence[str]) -> list[Path]:
    """Files as given; directories expand to their ``*.txt`` files, sorted."""
    out: list[Path] = []
    for item in items:
        p = Path(item)
        out.extend(sorted(p.rglob("*.txt")) if p.is_dir() else [p])
    return out


def _published(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"--published: expected YYYY-MM-DD, got {value!r}") from exc


def _output_problem(output: str | None) -> bool:
    from .cli import output_problem

    problem = output_problem(output)
    if problem:
        print(f"policyfacts: {problem}", file=sys.stderr)
    return problem is not None


def _cmd_show(args: argparse.Namespace) -> int:
    from .pipeline import extract_file
    from .render import render_report

    if _output_problem(args.output):
        return 2

    docs: list[DocumentFacts] = []
    failed = 0
    for path in _inputs(args.inputs):
        try:
            docs.append(extract_file(path, published=args.published, encoding=args.encoding))
        except Exception as exc:  # one bad document never stops the report
            failed += 1
            print(f"policyfacts show: {path}: {type(exc).__name__}: {exc}", file=sys.stderr)
    html = render_report(docs, title=args.title)
    if args.output and args.output != "-":
        Path(args.output).write_text(html, encoding="utf-8")
        total = sum(len(d.facts) for d in docs)
        print(f"{args.output}: {len(docs)} documents, {total} facts", file=sys.stderr)
    else:
        sys.stdout.write(html)
    return 1 if failed or not docs else 0


def _cmd_schema(args: argparse.Namespace) -> int:
    if _output_problem(args.output):
        return 2
    text = json.dumps(json_schema(), ensure_ascii=False, indent=args.indent, sort_keys=True) + "\n"
    if args.output and args.output != "-":
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def add_view_commands(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``show`` and ``schema`` to a ``parser.add_subparsers()`` object."""
    show = subparsers.add_parser(
        "show",
        help="HTML report: every fact highlighted in its text, with a filterable table",
        description="Extract FILES (or every *.txt under a directory) and write one self-contained HTML "
        "report. Open it with a filter preset: report.html#kind=money&place=江苏省",
    )
    show.add_argument("inputs", nargs="+", metavar="FILES")
    show.add_argument("-o", "--output", help="HTML file to write (default: stdout)")
    show.add_argument("--published", type=_published, help="publication date YYYY-MM-DD for relative dates")
    show.add_argument("--encoding", help="force the input encoding (default: detected)")
    show.add_argument("--title", default="policyfacts report", help="page title")
    show.set_defaults(func=_cmd_show)

    schema = subparsers.add_parser("schema", help="print the JSON Schema of the output (documents and JSONL facts)")
    schema.add_argument("-o", "--output", help="file to write (default: stdout)")
    schema.add_argument("--indent", type=int, default=1)
    schema.set_defaults(func=_cmd_schema)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m policyfacts.cli_view show|schema ...`` (the same commands ``policyfacts`` has)."""
    parser = argparse.ArgumentParser(prog="policyfacts")
    add_view_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(list(argv) if argv is not None else None)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
