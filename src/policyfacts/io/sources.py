"""Where documents come from: files, directories (recursive, glob-filtered), stdin (``-``) and JSONL.

Iteration is lazy and yields light :class:`Source` records (a path, or a text from a JSONL line);
reading and decoding happen in :func:`load_source`, i.e. in the batch worker. A source that is bad
before it is even read (missing path, broken JSONL line) is yielded with its ``error`` set, so it
still produces an error record: no document is silently dropped.
"""

from __future__ import annotations

import fnmatch
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import BinaryIO

from ..errors import (
    BadRecordError,
    EmptyDocumentError,
    InputError,
    MissingPathError,
    NoFilesError,
    TooLargeError,
)
from .decode import DEFAULT_MAX_BYTES, decode_bytes, read_bytes
from .html import looks_like_html

DEFAULT_GLOB = "*.txt,*.html,*.htm"
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})


@dataclass(slots=True)
class Source:
    """One document to read: exactly one of ``path``/``text``/``data`` is the content (or ``error``)."""

    doc_id: str
    path: str | None = None
    text: str | None = None
    data: bytes | None = None
    encoding: str | None = None
    error: InputError | None = None

    @property
    def key(self) -> tuple[str, str]:
        """Identity for ``--resume``: (doc id, path); JSONL records share a path, so the id counts too."""
        return (self.doc_id, self.path or "")


@dataclass(slots=True)
class LoadedText:
    """A decoded document and what reading it told us (encoding, HTML metadata)."""

    doc_id: str
    text: str
    path: str | None = None
    encoding: str | None = None
    truncated: bool = False
    published: date | None = None
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None


def load_source(src: Source, *, encoding: str | None = None,
                max_bytes: int | None = DEFAULT_MAX_BYTES) -> LoadedText:
    """Read and decode one source (HTML → main text). Raises :class:`policyfacts.errors.InputError`."""
    if src.error is not None:
        raise src.error
    if src.text is not None:
        if max_bytes is not None and len(src.text) > max_bytes:
            raise TooLargeError(f"{len(src.text)} chars > max_bytes={max_bytes}", src.path)
        if not src.text.strip():
            raise EmptyDocumentError("empty document", src.path)
        loaded = LoadedText(src.doc_id, src.text, src.path)
        raw: bytes | str = src.text
        suffix = ""
    else:
        if src.data is not None:
            data = src.data
        elif src.path is not None:
            data = read_bytes(src.path, max_bytes)
        else:
            raise MissingPathError("source has neither path, text nor data", None)
        dec = decode_bytes(data, src.encoding or encoding, path=src.path, max_bytes=max_bytes)
        loaded = LoadedText(src.doc_id, dec.text, src.path, dec.encoding, dec.truncated)
        raw = data
        suffix = Path(src.path).suffix if src.path and src.data is None else ""
    if looks_like_html(raw, suffix):
        from .html import html_to_text

        page = html_to_text(loaded.text, path=src.path)
        loaded.text = page.text
        loaded.published, loaded.authors, loaded.outlet = page.published, page.authors, page.outlet
    return loaded


def _patterns(glob: str | Iterable[str] | None) -> list[str]:
    if glob is None:
        glob = DEFAULT_GLOB
    parts = glob.split(",") if isinstance(glob, str) else list(glob)
    return [p.strip() for p in parts if p.strip()]


def _walk(root: Path, patterns: list[str]) -> Iterator[Path]:
    """Recursive, sorted (deterministic order), hidden directories skipped, lazily."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            rel = os.path.relpath(os.path.join(dirpath, name), root)
            if any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(rel, p) for p in patterns):
                yield Path(dirpath) / name


def iter_jsonl(stream: BinaryIO, label: str, *, text_field: str = "text", id_field: str = "id",
               encoding: str | None = None) -> Iterator[Source]:
    """One :class:`Source` per non-blank line; ids default to ``<file stem>:<line number>``."""
    stem = Path(label).stem if label != "-" else "stdin"
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        fallback = f"{stem}:{lineno}"
        try:
            rec = json.loads(line)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            yield Source(fallback, path=label, error=BadRecordError(f"line {lineno}: invalid JSON: {exc}", label))
            continue
        if not isinstance(rec, dict):
            yield Source(fallback, path=label, error=BadRecordError(f"line {lineno}: not a JSON object", label))
            continue
        raw_id = rec.get(id_field)
        doc_id = str(raw_id) if raw_id not in (None, "") else fallback
        text = rec.get(text_field)
        if not isinstance(text, str):
            err = BadRecordError(f"line {lineno}: no string field {text_field!r}", label)
            yield Source(doc_id, path=label, error=err)
            continue
        yield Source(doc_id, path=label, text=text, encoding=encoding)


def doc_id_for(path: Path, root: Path | None = None) -> str:
    """A file's document id: its path relative to the directory argument ``root`` it was found under,
    without its suffix, ``/``-separated (``corpus/a/x.txt`` under ``corpus`` → ``a/x``); a file given
    directly keeps its stem."""
    if root is None:
        return path.stem or path.name
    rel = path.relative_to(root)
    return (rel.parent / rel.stem).as_posix() if rel.stem else rel.as_posix()


def unique_ids(sources: Iterable[Source]) -> Iterator[Source]:
    """Make document ids unique within a run: a repeated id gets ``#2``, ``#3``… in input order (two
    arguments holding the same relative path, a JSONL file repeating an id)."""
    seen: dict[str, int] = {}
    for src in sources:
        n = seen.get(src.doc_id, 0)
        seen[src.doc_id] = n + 1
        if n:
            new = f"{src.doc_id}#{n + 1}"
            while new in seen:
                n += 1
                new = f"{src.doc_id}#{n + 1}"
            seen[new] = 1
            src.doc_id = new
        yield src


def iter_sources(inputs: Iterable[str | os.PathLike[str]], *, glob: str | Iterable[str] | None = None,
                 jsonl: bool = False, text_field: str = "text", id_field: str = "id",
                 encoding: str | None = None, stdin: BinaryIO | None = None) -> Iterator[Source]:
    """Lazily yield sources from files, directories, ``-`` (stdin) and JSONL files.

    A file is read as JSONL when it ends in ``.jsonl``/``.ndjson`` or ``jsonl=True`` (the CLI sets it
    when ``--text-field``/``--id-field`` is given). Directory files are filtered by ``glob``
    (comma-separated fnmatch patterns on the name or relative path, default ``*.txt,*.html,*.htm``);
    a directory in which none matches yields one source failing with :class:`NoFilesError`.
    Ids (:func:`doc_id_for`) are unique within the run (:func:`unique_ids`).
    """
    yield from unique_ids(_iter_sources(inputs, _patterns(glob), jsonl=jsonl, text_field=text_field,
                                        id_field=id_field, encoding=encoding, stdin=stdin))


def _iter_sources(inputs: Iterable[str | os.PathLike[str]], patterns: list[str], *, jsonl: bool,
                  text_field: str, id_field: str, encoding: str | None,
                  stdin: BinaryIO | None) -> Iterator[Source]:
    for item in inputs:
        name = os.fspath(item)
        if name == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            if jsonl:
                yield from iter_jsonl(stream, "-", text_field=text_field, id_field=id_field, encoding=encoding)
            else:
                yield Source("stdin", path="-", data=stream.read(), encoding=encoding)
            continue
        p = Path(name)
        root: Path | None = None
        if p.is_dir():
            files: Iterable[Path] = _walk(p, patterns)
            root = p
        elif p.exists():
            files = [p]
        else:
            yield Source(p.stem or name, path=name, error=MissingPathError("no such file or directory", name))
            continue
        found = False
        for f in files:
            found = True
            doc_id = doc_id_for(f, root)
            if jsonl or f.suffix.lower() in JSONL_SUFFIXES:
                try:
                    with f.open("rb") as fh:
                        yield from iter_jsonl(fh, str(f), text_field=text_field, id_field=id_field,
                                              encoding=encoding)
                except OSError as exc:
                    yield Source(doc_id, path=str(f), error=MissingPathError(f"cannot read: {exc}", str(f)))
            else:
                yield Source(doc_id, path=str(f), encoding=encoding)
        if root is not None and not found:
            message = f"no file in this directory matches {','.join(patterns)}"
            yield Source(p.name or name, path=name, error=NoFilesError(message, name))
