"""extract_many: one result per item, in input order, serial or across processes, none lost."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

import policyfacts
from policyfacts import batch
from policyfacts.batch import Result, extract_many, text_id
from policyfacts.io import Source


def _summary(results: list[Result]) -> list[tuple]:
    return [(r.index, r.doc_id, r.error_type,
             [f.model_dump(mode="json") for f in r.facts.facts] if r.facts else None) for r in results]


@pytest.fixture()
def mixed_items(tmp_path: Path, seeds: dict[str, str]) -> list:
    paths = []
    for stem, text in seeds.items():
        p = tmp_path / f"{stem}.txt"
        p.write_bytes(text.encode("gb18030"))
        paths.append(p)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02\xff" * 10)
    return [*paths, tmp_path / "empty.txt", ("pair", "去年新增就业1.2万人。"), tmp_path / "missing.txt",
            "无数字的文本。", tmp_path / "bin.txt", *reversed(paths), {"id": "d", "text": "增长5%。"}]


def test_serial_results_in_order_with_error_records(mixed_items: list, seeds: dict[str, str]) -> None:
    results = list(extract_many(mixed_items))
    assert [r.index for r in results] == list(range(len(mixed_items)))
    assert [r.error_type for r in results[5:10]] == [
        "EmptyDocumentError", None, "MissingPathError", None, "BinaryFileError"]
    assert results[6].doc_id == "pair" and "1.2万人" in [f.text for f in results[6].facts.facts]
    assert results[8].ok and results[8].facts.facts == [] and results[8].doc_id == text_id("无数字的文本。")
    assert results[-1].doc_id == "d"
    rec = results[7].error_record()
    assert set(rec) == {"doc", "error", "error_type", "path"} and rec["doc"] == "missing"
    assert rec["path"].endswith("missing.txt")
    # same facts as the one-document API, and the encoding recorded
    first = policyfacts.extract(next(iter(seeds.values())), doc_id=results[0].doc_id)
    assert results[0].facts.meta.encoding == "gb18030"
    assert ([f.model_dump(exclude={"path"}) for f in results[0].facts.facts]
            == [f.model_dump(exclude={"path"}) for f in first.facts])
    assert {f.path for f in results[0].facts.facts} == {str(mixed_items[0])}


def test_jobs2_gives_the_serial_results_in_order(mixed_items: list) -> None:
    serial = _summary(list(extract_many(mixed_items)))
    parallel = _summary(list(extract_many(iter(mixed_items), jobs=2, chunksize=2, window=2)))
    assert parallel == serial


def test_streaming_pulls_items_lazily() -> None:
    pulled: list[int] = []

    def items():
        for i in range(1000):
            pulled.append(i)
            yield (f"d{i}", f"第{i}条：增长{i}%。")

    gen = extract_many(items(), jobs=2, chunksize=3, window=2)
    first = [next(gen) for _ in range(3)]
    gen.close()
    assert [r.doc_id for r in first] == ["d0", "d1", "d2"]
    assert len(pulled) <= 3 * 2 * 2  # at most about two windows of chunks were read, not 1000 items


def test_bad_item_type_is_an_error_record() -> None:
    (r,) = list(extract_many([42]))
    assert r.error_type == "TypeError" and r.doc_id == "item0"


def test_published_and_encoding_options(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes("去年新增就业1.2万人。".encode("gb18030"))
    (r,) = list(extract_many([Source("a", path=str(p))], published="2024-06-01", encoding="gbk"))
    assert r.facts.meta.encoding == "gbk"
    assert [f.value for f in r.facts.facts if f.kind == "date"] == ["2023"]


def _crash_on_marker(loaded, published=None):  # runs in the worker
    if "CRASH" in loaded.text:
        os._exit(3)
    return _REAL_EXTRACT_LOADED(loaded, published)


_REAL_EXTRACT_LOADED = batch.extract_loaded


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_a_crashing_worker_loses_only_its_document(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "extract_loaded", _crash_on_marker)
    items = [(f"d{i}", "CRASH" if i == 5 else f"增长{i}%。") for i in range(12)]
    results = list(extract_many(items, jobs=2, chunksize=2, mp_context=multiprocessing.get_context("fork")))
    assert [r.doc_id for r in results] == [f"d{i}" for i in range(12)]
    assert [r.error_type for r in results if not r.ok] == ["WorkerCrashed"]
    assert results[5].error_type == "WorkerCrashed"
    assert all(len(r.facts.facts) == 1 for r in results if r.ok)


class _BreakingPool:
    """A stand-in process pool, run inline: a chunk with the marker breaks it, as a dying worker breaks a
    real one, and from then on ``submit`` raises — the window in which a real worker has died after the
    last result came back but before the next chunk was submitted, which the real pool hits only by chance."""

    def __init__(self, jobs: int, mp_context: object) -> None:
        self.broken = False

    def submit(self, fn, chunk, opts):  # type: ignore[no-untyped-def]
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        if self.broken:
            raise BrokenProcessPool("broken")
        fut: Future = Future()
        if any("CRASH" in src.text for _, src in chunk):
            self.broken = True
            fut.set_exception(BrokenProcessPool("a child process terminated abruptly"))
        else:
            fut.set_result(fn(chunk, opts))
        return fut

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        pass


def test_a_pool_broken_between_two_submits_loses_only_the_culprit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "_pool", _BreakingPool)
    items = [(f"d{i}", "CRASH" if i == 5 else f"增长{i}%。") for i in range(12)]
    results = list(extract_many(items, jobs=2, chunksize=2))
    assert [r.doc_id for r in results] == [f"d{i}" for i in range(12)]
    assert [(r.doc_id, r.error_type) for r in results if not r.ok] == [("d5", "WorkerCrashed")]
    assert [f.text for r in results if r.ok for f in r.facts.facts] == [f"{i}%" for i in range(12) if i != 5]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_document_past_the_timeout_becomes_an_error_and_the_batch_goes_on(
        monkeypatch: pytest.MonkeyPatch, jobs: int) -> None:
    original = batch.extract_loaded

    def slow(loaded, published=None):  # type: ignore[no-untyped-def]
        if "SLOW" in loaded.text:
            import time
            time.sleep(30)
        return original(loaded, published)

    monkeypatch.setattr(batch, "extract_loaded", slow)
    items = [("a", "增长1%。"), ("b", "SLOW"), ("c", "增长3%。")]
    results = list(extract_many(items, jobs=jobs, chunksize=1, timeout=0.5,
                                mp_context=multiprocessing.get_context("fork")))
    assert [(r.doc_id, r.error_type) for r in results] == [("a", None), ("b", "DocumentTimeout"), ("c", None)]
    assert "0.5 s" in results[1].error
