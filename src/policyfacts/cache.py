"""Derived tables kept between processes, so a fresh process does not rebuild them.

Files live in ``$POLICYFACTS_CACHE``, else ``$XDG_CACHE_HOME/policyfacts`` (``~/.cache/policyfacts``),
named by what they are built from (a hash of the source's bytes, or its path, size and mtime): a
changed source gets a new file, never a stale table. Any failure (read-only home, a corrupt or foreign
file) only means building again; the result is the same either way.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
_FORMAT = "1"  # bump when what a table holds changes shape


def cache_dir() -> Path | None:
    """The cache directory, made if missing; None when it can't be made."""
    root = os.environ.get("POLICYFACTS_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "policyfacts")
    try:
        os.makedirs(root, exist_ok=True)
    except OSError:
        return None
    return Path(root)


def key_of(*parts: str | bytes) -> str:
    h = hashlib.blake2b(_FORMAT.encode(), digest_size=10)
    for p in parts:
        h.update(p.encode("utf-8", "surrogatepass") if isinstance(p, str) else p)
        h.update(b"\0")
    return h.hexdigest()


def cached(name: str, key: str, build: Callable[[], T], *, dumps: Callable[[T], bytes] = pickle.dumps,
           loads: Callable[[bytes], T] = pickle.loads) -> T:
    """``build()``, or what an earlier process stored for the same ``name`` and ``key``."""
    root = cache_dir()
    path = root / f"{name}-{key}.bin" if root is not None else None
    if path is not None:
        try:
            return loads(path.read_bytes())
        except FileNotFoundError:
            pass
        except Exception:  # a damaged cache file is rebuilt, never trusted
            path.unlink(missing_ok=True)
    value = build()
    if path is not None:
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            tmp.write_bytes(dumps(value))
            os.replace(tmp, path)  # atomic: a concurrent reader sees no file or the whole file
        except OSError:
            tmp.unlink(missing_ok=True)
    return value
