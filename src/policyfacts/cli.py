"""Command line: ``policyfacts extract FILES_OR_DIRS_OR_- ... [--format jsonl|json|csv|parquet] [-o OUT]``.

Every input document gives its facts or one error record ``{"kind": "error", "doc", "error",
"error_type", "path"}``; the exit status is 1 when any document failed. With ``-o OUT`` (JSONL), a
sidecar ``OUT.done`` gets one line per finished document (``{"doc", "path", "status", "facts",
"offset"}``, ``offset`` = size of OUT after the document), so ``--resume`` can cut a half-written
tail and skip every finished document, including those with no facts and those that failed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from .batch import Result, extract_many, fact_line, json_text
from .io.decode import DEFAULT_MAX_BYTES
from .io.sources import DEFAULT_GLOB, Source, iter_sources

EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for `cat file | head`


def _published(value: str) -> date:
    try:
        return date.fromisoformat(value[:10])
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {value!r}") from exc


def _size(value: str) -> int:
    """``1000``, ``64K``, ``10M``, ``1G`` (binary multiples)."""
    v = value.strip().upper().removesuffix("B")
    mult = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}.get(v[-1:], 1)
    try:
        return int(float(v[:-1] if mult > 1 else v) * mult)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a size: {value!r}") from exc


def output_problem(output: str | None) -> str | None:
    """Why ``-o OUTPUT`` can't be written (a directory, a missing or read-only directory), or None."""
    if not output or output == "-":
        return None
    out = Path(output)
    parent = out.parent if str(out.parent) else Path(".")
    if out.is_dir():
        return f"-o {output}: is a directory, not a file"
    if not parent.is_dir():
        return f"-o {output}: directory {parent} does not exist"
    if not os.access(parent, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        return f"-o {output}: not writable"
    return None


class Progress:
    """One stderr line: docs, facts, errors, warnings, chars/s. Hand-written (a dozen lines) rather than
    tqdm: no extra dependency, no import cost, and the total is unknown while streaming anyway.

    Besides the bar (on a terminal), it reports what must not pass in silence: a directory argument
    that matched no file (always), each document's warnings, and a closing summary whenever there were
    errors or warnings (unless ``quiet``)."""

    def __init__(self, enabled: bool, stream: IO[str] | None = None, quiet: bool = False) -> None:
        self.enabled = enabled
        self.quiet = quiet
        self.stream = stream or sys.stderr
        self.docs = self.facts = self.errors = self.chars = 0
        self.warnings: dict[str, int] = {}
        self.start = self.last = time.monotonic()

    def update(self, r: Result) -> None:
        self.docs += 1
        self.chars += r.chars
        if r.ok:
            self.facts += r.n_facts
        else:
            self.errors += 1
            if r.error_type == "NoFilesError":
                self._say(f"policyfacts: {r.path}: {r.error}")
        for w in r.warnings:
            self.warnings[w.code] = self.warnings.get(w.code, 0) + 1
            if not self.quiet:
                self._say(f"policyfacts: warning: {r.doc_id}" + (f" ({r.path})" if r.path else "")
                          + f": {w.code}: {w.message}")
        now = time.monotonic()
        if self.enabled and now - self.last >= 0.2:
            self.last = now
            self._draw(now)

    def _say(self, line: str) -> None:
        self.stream.write(("\r\x1b[K" if self.enabled else "") + line + "\n")
        self.stream.flush()

    def summary(self) -> str:
        n_warn = sum(self.warnings.values())
        kinds = ", ".join(f"{k} {n:,}" for k, n in sorted(self.warnings.items()))
        return (f"{self.docs:,} docs  {self.facts:,} facts  {self.errors:,} errors  {n_warn:,} warnings"
                + (f" ({kinds})" if kinds else ""))

    def _draw(self, now: float, end: str = "") -> None:
        elapsed = max(now - self.start, 1e-9)
        line = f"\r{self.summary()}  {self.chars / elapsed / 1e3:,.0f}k chars/s  {elapsed:,.1f}s"
        self.stream.write(line + end)
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self._draw(time.monotonic(), "\n")
        elif not self.quiet and (self.errors or self.warnings):
            self._say(f"policyfacts: {self.summary()}")


class _Done:
    """The ``OUT.done`` sidecar: which documents are completely written, and where OUT ends after each."""

    def __init__(self, out: Path) -> None:
        self.path = out.with_name(out.name + ".done")

    def recover(self, out: Path) -> tuple[set[tuple[str, str]], int, int]:
        """Finished keys, how many of them failed, and the byte offset OUT is valid up to.

        Rewrites the sidecar to its last consistent line.
        """
        keys: set[tuple[str, str]] = set()
        failed = 0
        size = out.stat().st_size if out.exists() else 0
        offset, kept = 0, 0
        if self.path.exists():
            with self.path.open("rb") as fh:
                for line in fh:
                    try:
                        rec = json.loads(line)
                        off = int(rec["offset"])
                        key = (str(rec["doc"]), str(rec.get("path") or ""))
                    except (ValueError, KeyError, TypeError):
                        break  # half-written last line
                    if not line.endswith(b"\n") or off < offset or off > size:
                        break
                    keys.add(key)
                    failed += rec.get("status") == "error"
                    offset = off
                    kept += len(line)
        with self.path.open("r+b" if self.path.exists() else "wb") as fh:
            fh.truncate(kept)
        return keys, failed, offset


def _fact_lines(r: Result) -> Iterator[str]:
    if r.ok and r.lines is not None:
        yield from r.lines
    elif r.ok and r.facts is not None:
        for f in r.facts.facts:
            yield fact_line(f)
    else:
        yield json_text({"kind": "error", **r.error_record()})


def _write_jsonl(results: Iterable[Result], args: argparse.Namespace, progress: Progress) -> None:
    if not args.output or args.output == "-":
        out = sys.stdout
        for r in results:
            for line in _fact_lines(r):
                out.write(line + "\n")
            progress.update(r)
        out.flush()
        return
    out_path = Path(args.output)
    done = _Done(out_path)
    with contextlib.ExitStack() as stack:
        fh = stack.enter_context(out_path.open("r+b" if out_path.exists() and args.resume else "wb"))
        fh.seek(0, os.SEEK_END)
        marks = stack.enter_context(done.path.open("ab" if args.resume else "wb"))
        for r in results:
            data = "".join(line + "\n" for line in _fact_lines(r)).encode("utf-8")
            fh.write(data)
            fh.flush()
            mark = {"doc": r.doc_id, "path": r.path or "", "status": "ok" if r.ok else "error",
                    "facts": r.n_facts, "offset": fh.tell()}
            if r.warnings:
                mark["warnings"] = [w.code for w in r.warnings]
            marks.write((json_text(mark) + "\n").encode("utf-8"))
            marks.flush()
            progress.update(r)


def _write_json(results: Iterable[Result], args: argparse.Namespace, progress: Progress) -> None:
    """A JSON array written as it goes: one document (or error record) per element."""
    with contextlib.ExitStack() as stack:
        out: IO[str] = sys.stdout
        if args.output and args.output != "-":
            out = stack.enter_context(open(args.output, "w", encoding="utf-8"))
        out.write("[")
        first = True
        for r in results:
            item: dict[str, Any] = (r.facts.model_dump(mode="json") if r.ok and r.facts is not None
                                    else {"kind": "error", **r.error_record()})
            text = json_text(item, indent=2)
            out.write(("\n" if first else ",\n") + text)
            first = False
            progress.update(r)
        out.write("\n]\n" if not first else "]\n")


def _write_table(results: Iterable[Result], args: argparse.Namespace, progress: Progress) -> None:
    """CSV/Parquet through :mod:`policyfacts.export`; error records go to stderr as JSON lines."""
    from .export import fact_row, write_rows

    def rows() -> Iterator[dict[str, Any]]:
        for r in results:
            progress.update(r)
            if r.ok and r.facts is not None:
                for f in r.facts.facts:
                    yield fact_row(f, r.facts)
            else:
                sys.stderr.write(json_text({"kind": "error", **r.error_record()}) + "\n")

    write_rows(args.format, rows(), args.output or "-")


def _cmd_extract(args: argparse.Namespace) -> int:
    if args.resume and (args.format != "jsonl" or not args.output or args.output == "-"):
        print("policyfacts: --resume needs --format jsonl and -o FILE", file=sys.stderr)
        return 2
    if args.format == "parquet" and (not args.output or args.output == "-"):
        print("policyfacts: --format parquet needs -o FILE", file=sys.stderr)
        return 2
    problem = output_problem(args.output)
    if problem:
        print(f"policyfacts: {problem}", file=sys.stderr)
        return 2
    jsonl_input = args.text_field is not None or args.id_field is not None
    sources: Iterable[Source] = iter_sources(
        args.inputs, glob=args.glob, jsonl=jsonl_input, text_field=args.text_field or "text",
        id_field=args.id_field or "id", encoding=args.encoding)
    failed_before = 0
    if args.resume:
        out_path = Path(args.output)
        keys, failed_before, offset = _Done(out_path).recover(out_path)
        if out_path.exists():
            with out_path.open("r+b") as fh:
                fh.truncate(offset)
        if keys and not args.quiet:
            print(f"policyfacts: resuming, {len(keys):,} documents already done", file=sys.stderr)
        sources = (s for s in sources if s.key not in keys)
    progress = Progress(enabled=not args.quiet and sys.stderr.isatty(), quiet=args.quiet)
    writer = {"jsonl": _write_jsonl, "json": _write_json}.get(args.format, _write_table)
    results = extract_many(sources, jobs=args.jobs, published=args.published, max_bytes=args.max_bytes,
                           as_jsonl=args.format == "jsonl", timeout=args.timeout)
    with contextlib.closing(results):
        try:
            writer(results, args, progress)
        except BrokenPipeError:
            # The reader went away (`| head`): silence the final flush of stdout and stop quietly.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return EXIT_BROKEN_PIPE
        finally:
            progress.close()
    return 1 if progress.errors or failed_before else 0


def _add_extract(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    ex = sub.add_parser("extract", help="extract facts from files, directories, stdin (-) or JSONL")
    ex.add_argument("inputs", nargs="+", help="files, directories (recursive), - for stdin, *.jsonl")
    ex.add_argument("--format", choices=["jsonl", "json", "csv", "parquet"], default="jsonl")
    ex.add_argument("-o", "--output", help="output file (default stdout)")
    ex.add_argument("--published", type=_published, help="publication date YYYY-MM-DD for relative dates")
    ex.add_argument("-j", "--jobs", type=int, default=1, help="worker processes (0 = all CPUs; default 1)")
    ex.add_argument("--encoding", help="force the input encoding (default: BOM, UTF-8, then detected)")
    ex.add_argument("--glob", default=DEFAULT_GLOB,
                    help=f"comma-separated patterns for files inside directories (default {DEFAULT_GLOB})")
    ex.add_argument("--text-field", help="read inputs as JSONL, text in this field (default text)")
    ex.add_argument("--id-field", help="read inputs as JSONL, document id in this field (default id)")
    ex.add_argument("--max-bytes", type=_size, default=DEFAULT_MAX_BYTES,
                    help="refuse larger documents (e.g. 10M; default 64M)")
    ex.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                    help="give up on a document after this long: it becomes an error record (default: no limit)")
    ex.add_argument("--resume", action="store_true",
                    help="append to -o, skipping documents recorded in OUT.done by an earlier run")
    ex.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    ex.set_defaults(func=_cmd_extract)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="policyfacts", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    _add_extract(sub)
    try:
        from .cli_view import add_view_commands
    except ImportError:
        pass
    else:
        add_view_commands(sub)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
