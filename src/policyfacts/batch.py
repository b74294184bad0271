"""Many documents → results in input order, streaming, optionally across processes; none is ever lost.

Every input item yields exactly one :class:`Result`: the facts, or an error record. Memory stays
bounded: at most ``window`` chunks of ``chunksize`` documents are in flight, and items are pulled
from the input iterator only as results are handed out. If a worker process dies (segfault, OOM
kill), the in-flight documents are re-run one by one in a fresh pool, so only the document that
kills its worker becomes an error record (``error_type="WorkerCrashed"``).
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import re
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any

from .io.decode import DEFAULT_MAX_BYTES
from .io.lines import Lines
from .io.sources import LoadedText, Source, load_source
from .models import DocumentFacts, DocumentWarning

Item = Source | Path | str | tuple[str, str] | dict[str, Any]


@dataclass(slots=True)
class Result:
    """The outcome for one input item: ``facts`` or ``error``/``error_type``, never both."""

    index: int
    doc_id: str
    path: str | None = None
    facts: DocumentFacts | None = None
    error: str | None = None
    error_type: str | None = None
    chars: int = 0
    lines: Lines | None = None  # with ``as_jsonl=True``: the facts as JSONL lines (compressed), made in the worker
    warnings: list[DocumentWarning] = field(default_factory=list)  # the document's, kept without ``facts``

    @property
    def n_facts(self) -> int:
        if self.lines is not None:
            return len(self.lines)
        return len(self.facts.facts) if self.facts is not None else 0

    @property
    def ok(self) -> bool:
        return self.error is None

    def error_record(self) -> dict[str, Any]:
        """The JSONL error line: ``{"doc", "error", "error_type", "path"}``."""
        return {"doc": self.doc_id, "error": self.error, "error_type": self.error_type, "path": self.path}


def text_id(text: str) -> str:
    """Stable id for a bare text (content hash), the same in any process or partitioning."""
    return "t" + hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def as_source(item: Item) -> Source:
    """Accept a :class:`Source`, a :class:`~pathlib.Path` (a file), a ``str`` (a text),
    a ``(doc_id, text)`` pair or a ``{"id":…, "text":…}`` dict."""
    if isinstance(item, Source):
        return item
    if isinstance(item, Path):
        return Source(item.stem, path=str(item))
    if isinstance(item, str):
        return Source(text_id(item), text=item)
    if isinstance(item, tuple) and len(item) == 2:
        return Source(str(item[0]), text=item[1])
    if isinstance(item, dict) and isinstance(item.get("text"), str):
        text = item["text"]
        return Source(str(item.get("id") or text_id(text)), text=text)
    raise TypeError(f"cannot make a document of {type(item).__name__}")


def extract_loaded(loaded: LoadedText, published: date | str | None = None) -> DocumentFacts:
    """Run the pipeline on a decoded document and record how it was read in ``meta``."""
    from .pipeline import extract

    doc = extract(loaded.text, doc_id=loaded.doc_id, published=loaded.published or published)
    if loaded.path is not None:
        for f in doc.facts:
            f.path = loaded.path
    return _record_source(doc, loaded)


def extract_loaded_lines(loaded: LoadedText, published: date | str | None = None) -> tuple[DocumentFacts, Lines]:
    """:func:`extract_loaded` for a writer of JSONL: the facts as JSONL lines, each made as soon as its fact
    is, so that a huge document never holds its whole tree of fact models (the document returned has
    meta and warnings only); the lines are held compressed (:class:`policyfacts.io.lines.Lines`)."""
    from .pipeline import extract_lines

    path = loaded.path

    def line(fact: Any) -> str:
        if path is not None:
            fact.path = path
        return fact_line(fact)

    doc, lines = extract_lines(loaded.text, line, doc_id=loaded.doc_id, published=loaded.published or published)
    return _record_source(doc, loaded), lines


def _record_source(doc: DocumentFacts, loaded: LoadedText) -> DocumentFacts:
    """How the document was read, in ``doc`` (path, codec, the record's own authors and outlet)."""
    doc.path = loaded.path
    doc.meta.encoding = loaded.encoding
    if loaded.authors and not doc.meta.authors:
        doc.meta.authors = list(loaded.authors)
    if loaded.outlet and not doc.meta.outlet:
        doc.meta.outlet = loaded.outlet
    return doc


def _error(index: int, src: Source, exc: BaseException) -> Result:
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return Result(index, src.doc_id, src.path or getattr(exc, "path", None), error=message,
                  error_type=type(exc).__name__)


class DocumentTimeout(Exception):
    """One document took longer than the batch's ``timeout``."""


@contextlib.contextmanager
def _deadline(seconds: float | None) -> Iterator[None]:
    """Raise :class:`DocumentTimeout` in this thread after ``seconds`` (a real-time interval timer).

    Only where a timer signal can be set: the main thread of a process on a POSIX system — a worker of
    ``extract_many`` or a script. Elsewhere (Windows, a notebook's worker thread) there is no limit."""
    usable = (seconds is not None and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise DocumentTimeout(f"extraction took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def extract_one(index: int, src: Source, published: date | str | None = None, encoding: str | None = None,
                max_bytes: int | None = DEFAULT_MAX_BYTES, timeout: float | None = None,
                as_jsonl: bool = False) -> Result:
    """One document → one :class:`Result`; any exception, or running past ``timeout`` seconds, becomes
    an error record. ``as_jsonl``: the result carries ``lines``, not models (see :func:`extract_loaded_lines`)."""
    lines = None
    try:
        with _deadline(timeout):
            loaded = load_source(src, encoding=encoding, max_bytes=max_bytes)
            if as_jsonl:
                doc, lines = extract_loaded_lines(loaded, published)
            else:
                doc = extract_loaded(loaded, published)
    except Exception as exc:  # one bad document never stops the batch
        return _error(index, src, exc)
    return Result(index, src.doc_id, src.path, facts=None if as_jsonl else doc, chars=len(loaded.text),
                  lines=lines, warnings=list(doc.warnings))


_SURROGATE = re.compile("[\ud800-\udfff]")


def json_text(obj: Any, indent: int | None = None) -> str:
    """JSON with Chinese as it is, but valid UTF-8 always: a text holding a lone surrogate (JSON input
    can carry ``"\\ud800"``) is written with ASCII escapes, which read back to the same string."""
    out = json.dumps(obj, ensure_ascii=False, indent=indent)
    return json.dumps(obj, indent=indent) if _SURROGATE.search(out) else out


def fact_line(fact: Any) -> str:
    """One JSONL line of a fact (the ``Fact`` schema)."""
    return json_text(fact.model_dump(mode="json"))


def _run_chunk(chunk: list[tuple[int, Source]], opts: dict[str, Any]) -> list[Result]:
    # with as_jsonl, serialised where it was made: a few strings cross the process boundary, not a model tree
    return [extract_one(i, src, **opts) for i, src in chunk]


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[tuple[int, Source]]]:
    it = enumerate(items)
    while True:
        chunk: list[tuple[int, Source]] = []
        for i, item in islice(it, size):
            try:
                chunk.append((i, as_source(item)))
            except TypeError as exc:
                chunk.append((i, Source(f"item{i}", error=exc)))  # type: ignore[arg-type]
        if not chunk:
            return
        yield chunk


def _crashed(index: int, src: Source) -> Result:
    return Result(index, src.doc_id, src.path, error="worker process died while extracting this document",
                  error_type="WorkerCrashed")


def extract_many(items: Iterable[Item], jobs: int | None = 1, published: date | str | None = None, *,
                 encoding: str | None = None, max_bytes: int | None = DEFAULT_MAX_BYTES, chunksize: int = 4,
                 window: int | None = None, mp_context: Any = None, as_jsonl: bool = False,
                 timeout: float | None = None) -> Iterator[Result]:
    """Extract facts from many documents; yields one :class:`Result` per item, in input order.

    ``items``: :class:`~policyfacts.io.Source` objects (see :func:`policyfacts.io.iter_sources`), paths,
    texts, ``(doc_id, text)`` pairs or ``{"id", "text"}`` dicts; any iterable, consumed lazily.
    ``jobs``: worker processes (``None``/``0`` = all CPUs; ``1`` = in this process, no pool).
    ``window``: chunks in flight (default ``2 * jobs``), which bounds memory.
    ``as_jsonl``: results carry ``lines`` (the facts as JSONL lines) instead of models — what a
    writer of JSONL needs, and much cheaper to send back from worker processes.
    ``timeout``: seconds one document may take; past it, that document becomes an error record
    (``error_type="DocumentTimeout"``) and the batch goes on (POSIX; see :func:`_deadline`).
    """
    opts = {"published": published, "encoding": encoding, "max_bytes": max_bytes, "as_jsonl": as_jsonl,
            "timeout": timeout}
    jobs = jobs or os.cpu_count() or 1
    warm_up(full=jobs > 1)  # before forking: workers inherit the loaded dictionaries, frozen out of the collector
    if jobs <= 1:
        for chunk in _chunks(items, 1):
            yield from _run_chunk(chunk, opts)
        return
    yield from _parallel(_chunks(items, max(1, chunksize)), jobs, opts, window or 2 * jobs, mp_context)


_warm = False
_warm_full = False


def warm_up(full: bool = False) -> None:
    """Load the dictionaries and the gazetteer once, then move everything alive out of the cyclic GC.

    A batch creates and drops many small objects, so full collections run often; without the freeze
    each one walks the ~100k long-lived objects of the gazetteer and rules (≈10% of single-process
    time), and in forked workers the walk also copies the parent's pages (copy-on-write).
    ``full`` also builds what a short run never needs (the whole lexicon, the name automaton, the village
    index): for a parent about to fork workers, which then share it, and for a Dask worker, which runs
    for long.
    """
    global _warm, _warm_full
    if _warm and (_warm_full or not full):
        return
    from .pipeline import extract

    extract("2023年,陕西省石泉县池河镇新兴村推出“惠农贷”,授信1000万元。")
    if full:
        from .places.gazetteer import villages
        from .places.mentions import name_matcher
        from .text.lexicon import lexicon

        lexicon().load_all()
        name_matcher()
        villages()  # a warm-up sentence never reaches it, a corpus soon does (~0.2 s in a first document)
        _warm_full = True
    gc.freeze()
    _warm = True


_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """End this worker when its parent ends, however it ends (SIGKILL included): the kernel's parent-death
    signal on Linux, and everywhere a daemon thread that polls the parent's pid (a dead parent's
    children are re-parented, so the pid changes)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # no libc prctl (musl without it, a sandbox): the thread remains
            pass
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="policyfacts-parent-watch", daemon=True).start()


def _init_worker(parent: int) -> None:
    _die_with_parent(parent)
    warm_up(full=True)  # a no-op in a forked worker: the parent warmed before forking


def _pool(jobs: int, mp_context: Any) -> ProcessPoolExecutor:
    """Worker processes that end with this one. A worker's parent is this process, or the fork server
    when ``mp_context`` is ``forkserver`` (which itself ends with this process)."""
    import multiprocessing

    ctx = mp_context or multiprocessing.get_context()
    parent = os.getpid()
    if ctx.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()
        parent = getattr(forkserver._forkserver, "_forkserver_pid", None) or parent  # type: ignore[attr-defined]
    return ProcessPoolExecutor(jobs, mp_context=mp_context, initializer=_init_worker, initargs=(parent,))


def _parallel(chunks: Iterator[list[tuple[int, Source]]], jobs: int, opts: dict[str, Any], window: int,
              mp_context: Any) -> Iterator[Result]:
    pool = _pool(jobs, mp_context)
    pending: deque = deque()

    def fill() -> None:
        while len(pending) < window:
            chunk = next(chunks, None)
            if chunk is None:
                return
            try:
                fut = pool.submit(_run_chunk, chunk, opts)
            except BrokenProcessPool as exc:  # a worker died since the last result: isolate it below
                fut = Future()
                fut.set_exception(exc)
            pending.append((chunk, fut))

    try:
        fill()
        while pending:
            _, fut = pending[0]
            try:
                results = fut.result()
            except BrokenProcessPool:
                # Isolate: re-run every in-flight document alone, so only the culprit fails.
                todo = [pair for ch, _ in pending for pair in ch]
                pending.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                pool = _pool(jobs, mp_context)
                for i, src in todo:
                    try:
                        yield from pool.submit(_run_chunk, [(i, src)], opts).result()
                    except BrokenProcessPool:
                        pool.shutdown(wait=False, cancel_futures=True)
                        pool = _pool(jobs, mp_context)
                        yield _crashed(i, src)
                fill()
                continue
            pending.popleft()
            fill()
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
