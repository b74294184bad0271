"""The package's rule and data files (``policyfacts/data/``), read in one place."""

from __future__ import annotations

import gzip
import tomllib
from importlib import resources


def read_data(name: str) -> str:
    return resources.files("policyfacts.data").joinpath(name).read_text(encoding="utf-8")


def read_gzip_data(name: str) -> str:
    return gzip.decompress(resources.files("policyfacts.data").joinpath(name).read_bytes()).decode("utf-8")


def load_toml(name: str) -> dict:
    return tomllib.loads(read_data(name))
