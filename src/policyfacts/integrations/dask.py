"""Dask: facts from a bag of texts or paths, or from a dataframe with a text column.

Needs the extra ``policyfacts[dask]`` (``dask[bag,dataframe]`` and ``distributed``). Each partition
runs :func:`policyfacts.batch.extract_many` serially inside its worker, so the records are exactly
those of a serial run, whatever the partitioning::

    import dask
    import dask.bag as db
    from distributed import Client, LocalCluster
    from policyfacts.integrations.dask import CPU_BOUND_CONFIG, facts_from_bag

    with dask.config.set(CPU_BOUND_CONFIG):  # optional: less background work per worker
        client = Client(LocalCluster(n_workers=4, processes=True, threads_per_worker=1))
    records = facts_from_bag(db.read_text("corpus/*.txt", files_per_partition=100), kind="paths")
    records.filter(lambda r: r["kind"] == "money").to_dataframe().to_parquet("money/")

Each worker loads the dictionaries and the gazetteer once, when it joins: :func:`facts_from_bag` and
:func:`facts_from_dataframe` register :class:`WarmUp` (a worker plugin) on the current client, or call
:func:`warm_workers` yourself. Without it every worker pays that start-up inside its first partition.

Records are ``fact.model_dump(mode="json")`` dicts (the JSONL lines of the CLI); with
``errors="record"`` (the default) a failed document gives one ``{"kind": "error", "doc", "error",
"error_type", "path"}`` record instead of failing the whole computation.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, Literal

from ..batch import Item, extract_many
from ..io.sources import Source

Kind = Literal["texts", "paths", "auto"]
Errors = Literal["record", "skip", "raise"]


PLUGIN_NAME = "policyfacts-warm-up"

#: Dask settings for a cluster that does nothing but extraction, on few cores: start the cluster
#: inside ``dask.config.set(CPU_BOUND_CONFIG)`` (workers read them when they start). An idle default
#: ``LocalCluster(n_workers=2)`` keeps ~16% of one CPU busy (the statistical profiler samples each
#: worker every 10 ms, the event-loop tick runs every 20 ms), ~4% with these; under load the profiler
#: also walks the extraction's stack each sample. What is lost: the dashboard's profile page.
CPU_BOUND_CONFIG: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}


try:
    from distributed.diagnostics.plugin import WorkerPlugin as _PluginBase
except ImportError:  # dask without distributed: local schedulers only, nothing to register
    _PluginBase = object  # type: ignore[assignment,misc]


class WarmUp(_PluginBase):  # type: ignore[misc,valid-type]
    """Load what every extraction needs once per worker, before its first task (and on workers that
    join later)."""

    name = PLUGIN_NAME

    def setup(self, worker: Any) -> None:
        # the full warm-up: dictionaries, gazetteer, whole lexicon, name automaton, village index (loaded
        # lazily, the village index alone cost each worker ~0.2 s of CPU in its first partition)
        from ..batch import warm_up

        warm_up(full=True)


def warm_workers(client: Any = None) -> bool:
    """Register the warm-up plugin on ``client`` (default: the current one), once; False if there is no
    ``distributed`` client (a local scheduler: each process warms itself in its first partition)."""
    try:
        from distributed import get_client
    except ImportError:
        return False
    if client is None:
        try:
            client = get_client()
        except ValueError:  # no client: dask's local schedulers
            return False
    if getattr(client, "_policyfacts_warm", False):
        return True
    client.register_plugin(WarmUp(), name=PLUGIN_NAME)
    client._policyfacts_warm = True
    return True


def _item(x: Any, kind: Kind) -> Item:
    if isinstance(x, str) and (kind == "paths" or (kind == "auto" and "\n" not in x and Path(x).is_file())):
        return Source(Path(x).stem, path=x)
    return x


def records_from_items(items: Iterable[Any], *, kind: Kind = "texts", published: date | str | None = None,
                       encoding: str | None = None, errors: Errors = "record") -> Iterator[dict[str, Any]]:
    """Fact records of some documents, in order: the function every partition runs."""
    for r in extract_many((_item(x, kind) for x in items), jobs=1, published=published, encoding=encoding):
        if r.ok and r.facts is not None:
            for f in r.facts.facts:
                yield f.model_dump(mode="json")
        elif errors == "raise":
            raise RuntimeError(f"{r.doc_id}: {r.error_type}: {r.error}")
        elif errors == "record":
            yield {"kind": "error", **r.error_record()}


def _partition(items: Iterable[Any], kind: Kind, published: date | str | None, encoding: str | None,
               errors: Errors) -> list[dict[str, Any]]:
    return list(records_from_items(items, kind=kind, published=published, encoding=encoding, errors=errors))


def facts_from_bag(bag: Any, *, kind: Kind = "texts", published: date | str | None = None,
                   encoding: str | None = None, errors: Errors = "record") -> Any:
    """A ``dask.bag.Bag`` of documents → a bag of fact records (dicts), lazily.

    Elements: texts (``kind="texts"``, id = content hash, see :func:`policyfacts.batch.text_id`),
    ``(doc_id, text)`` pairs, ``{"id", "text"}`` dicts, or file paths (``kind="paths"``, id = file
    stem; ``"auto"`` treats an existing file name as a path). Files are read on the workers.
    """
    warm_workers()
    return bag.map_partitions(_partition, kind, published, encoding, errors)


def facts_from_dataframe(df: Any, text_column: str = "text", id_column: str | None = None, *,
                         published: date | str | None = None, errors: Errors = "record") -> Any:
    """A ``dask.dataframe.DataFrame`` with a text column → a bag of fact records.

    Ids come from ``id_column`` (or the content hash of the text). Call ``.to_dataframe()`` on the
    result for a dataframe of facts (nested fields such as ``sentence`` stay dicts), or map the
    records through ``policyfacts.export.fact_row`` first for flat columns.
    """
    import dask.bag as db
    from dask import delayed

    warm_workers()
    columns = [text_column] if id_column is None else [id_column, text_column]
    parts = df[columns].to_delayed()
    return db.from_delayed([delayed(_frame_partition)(p, text_column, id_column, published, errors)
                            for p in parts])


def _frame_partition(part: Any, text_column: str, id_column: str | None, published: date | str | None,
                     errors: Errors) -> list[dict[str, Any]]:
    texts = part[text_column].tolist()
    items: list[Any] = texts if id_column is None else list(
        zip((str(i) for i in part[id_column].tolist()), texts, strict=True))
    return _partition(items, "texts", published, None, errors)
