"""Reading documents: decoding bytes, HTML pages, and iterating files, directories, stdin and JSONL."""

from .decode import DEFAULT_MAX_BYTES, Decoded, decode_bytes, decode_file, read_bytes
from .sources import DEFAULT_GLOB, Source, iter_sources, load_source

__all__ = [
    "DEFAULT_GLOB",
    "DEFAULT_MAX_BYTES",
    "Decoded",
    "Source",
    "decode_bytes",
    "decode_file",
    "iter_sources",
    "load_source",
    "read_bytes",
]
