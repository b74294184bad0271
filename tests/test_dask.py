"""Dask on a real local cluster (2 worker processes) gives exactly the facts of a serial run."""

from __future__ import annotations

from pathlib import Path

import pytest

db = pytest.importorskip("dask.bag")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")

from policyfacts.integrations.dask import (  # noqa: E402
    facts_from_bag,
    facts_from_dataframe,
    records_from_items,
)


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                       dashboard_address=None)
    with cluster, distributed.Client(cluster) as c:
        yield c


def test_bag_of_paths_and_texts_and_dataframe(client, tmp_path: Path, seeds: dict[str, str]) -> None:
    paths = []
    for stem, text in seeds.items():
        p = tmp_path / f"{stem}.txt"
        p.write_bytes(text.encode("gb18030"))
        paths.append(str(p))
    paths.append(str(tmp_path / "missing.txt"))
    serial = list(records_from_items(paths, kind="paths"))
    assert len(serial) > 100 and serial[-1]["error_type"] == "MissingPathError"
    got = facts_from_bag(db.from_sequence(paths, npartitions=3), kind="paths").compute()
    assert got == serial
    assert len(client.scheduler_info()["workers"]) == 2

    texts = list(seeds.values())
    got = facts_from_bag(db.from_sequence(texts, npartitions=2)).compute()
    assert got == list(records_from_items(texts))

    ids = [f"d{i}" for i in range(len(texts))]
    frame = dd.from_pandas(pd.DataFrame({"id": ids, "text": texts}), npartitions=2)
    got = facts_from_dataframe(frame, "text", "id", published="2024-01-01").compute()
    assert got == list(records_from_items(list(zip(ids, texts, strict=True)), published="2024-01-01"))
    assert {r["doc"] for r in got} == set(ids)


def test_errors_skip_and_raise() -> None:
    assert [r["text"] for r in records_from_items(["", "增长5%。"], errors="skip")] == ["5%"]
    with pytest.raises(RuntimeError, match="EmptyDocumentError"):
        list(records_from_items([""], errors="raise"))


def _warmed() -> tuple[bool, bool, int, int, bool]:
    """What a worker's first partition would otherwise load: the whole lexicon and the name automaton
    (the full warm-up) and the village index, all frozen out of the cyclic GC."""
    import gc

    from policyfacts import batch
    from policyfacts.places import mentions
    from policyfacts.places.gazetteer import villages

    return (batch._warm, batch._warm_full, mentions._automaton.cache_info().currsize,
            villages.cache_info().currsize, gc.get_freeze_count() > 0)


def test_workers_are_warmed_once_by_the_plugin() -> None:
    import dask

    from policyfacts.integrations.dask import CPU_BOUND_CONFIG, PLUGIN_NAME, warm_workers

    for key in CPU_BOUND_CONFIG:  # each a real setting (a misspelt key would do nothing)
        dask.config.get(key)
    # a cluster of its own: the module's workers have extracted documents already, which loads all
    with dask.config.set(CPU_BOUND_CONFIG):
        cluster = distributed.LocalCluster(n_workers=1, processes=True, threads_per_worker=1,
                                           dashboard_address=None)
    with cluster, distributed.Client(cluster) as client:
        assert client.run(lambda: dask.config.get("distributed.worker.profile.enabled")) == {
            w: False for w in client.scheduler_info()["workers"]}
        assert set(client.run(_warmed).values()) == {(False, False, 0, 0, False)}
        assert warm_workers(client) and warm_workers()  # idempotent, and finds the current client
        assert set(client.run(_warmed).values()) == {(True, True, 1, 1, True)}
        assert PLUGIN_NAME in client.run_on_scheduler(
            lambda dask_scheduler: list(dask_scheduler.worker_plugins))
        cluster.scale(2)  # a worker that joins later is warmed before its first task too
        client.wait_for_workers(2)
        assert list(client.run(_warmed).values()) == [(True, True, 1, 1, True)] * 2
