"""Bytes → text, never guessing silently: forced encoding, BOM, strict UTF-8, then charset-normalizer.

The detected codec name is returned so it can be recorded in ``DocumentMeta.encoding``.
Every failure is a specific :mod:`policyfacts.errors` exception.
"""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import (
    BinaryFileError,
    EmptyDocumentError,
    MissingPathError,
    TooLargeError,
    UndecodableError,
)

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
"""Refuse documents above this size (64 MiB): a policy article is kilobytes; bigger is a wrong input."""

# Longest BOM first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls other than tab, LF, VT, FF, CR, plus DEL: text never holds many of these.
_CONTROL = frozenset(chr(c) for c in [*range(0, 9), *range(14, 32), 127])
_MAX_CONTROL_RATIO = 0.01


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text and the codec that produced it (Python codec name, e.g. ``utf-8``, ``gb18030``)."""

    text: str
    encoding: str
    truncated: bool = False


def _codec_name(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError as exc:
        raise UndecodableError(f"unknown encoding {encoding!r}") from exc


def _check_text(text: str, encoding: str, path: str | None) -> str:
    """Refuse decoded text that is really binary (too many control characters) or empty."""
    if "\x00" in text:
        raise BinaryFileError(f"NUL characters after decoding as {encoding}: not a text file", path)
    if text:
        sample = text[:65536]
        bad = sum(1 for ch in sample if ch in _CONTROL)
        if bad > max(2, _MAX_CONTROL_RATIO * len(sample)):
            raise BinaryFileError(f"{bad} control characters in {len(sample)} chars: not a text file", path)
    if not text.strip():
        raise EmptyDocumentError("empty document", path)
    return text


_COMMON = re.compile(r"[\t\n\r\x20-\x7e\u00a0-\u00ff\u2000-\u206f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without BOM: the byte order whose decoding is mostly ASCII, CJK and punctuation."""
    if len(data) % 2:
        return None
    best, best_score = None, 0.0
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:65536]
        score = len(_COMMON.findall(sample)) / max(1, len(sample))
        if score > best_score:
            best, best_score = encoding, score
    return best if best_score >= 0.8 else None


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CJK = re.compile(r"[\u00b7\u00d7\u2000-\u206f\u2190-\u21ff\u2460-\u24ff\u25a0-\u25ff\u3000-\u303f"
                  r"\u3400-\u4dbf\u4e00-\u9fff\uff00-\uff60\uffe0-\uffef]")


def _plausible(text: str) -> bool:
    """Non-ASCII characters mostly CJK ideographs and CJK punctuation: what Chinese text decodes to."""
    sample = text[:65536]
    foreign = len(_NON_ASCII.findall(sample))
    return foreign > 0 and len(_CJK.findall(sample)) >= 0.9 * foreign


def _detect(data: bytes, path: str | None) -> tuple[str, str]:
    """charset-normalizer's candidates, best first, keeping the first that decodes strictly to
    plausible text; imported lazily so ``import policyfacts`` stays fast.

    Short inputs fool statistical detection (8 GBK bytes come out as UTF-16 or cp1006), so UTF-16/32
    is refused without NUL bytes, and GB18030 then Big5 are tried before settling for an implausible
    guess.
    """
    from charset_normalizer import from_bytes

    fallback: tuple[str, str] | None = None
    candidates = [m.encoding for m in from_bytes(data)] + ["gb18030", "big5"]
    for name in candidates:
        encoding = _codec_name(name)
        if encoding == "gbk":  # GB18030 is GBK's superset: never worse, decodes more
            encoding = "gb18030"
        if encoding.startswith(("utf-16", "utf-32")):
            continue  # data has no NUL bytes (checked before), so it is not UTF-16/32
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue  # charset-normalizer tolerates a few bad bytes; we don't
        if _plausible(text):
            return text, encoding
        fallback = fallback or (text, encoding)
    if fallback is None:
        raise UndecodableError("no text encoding decodes these bytes", path)
    return fallback


def decode_bytes(data: bytes, encoding: str | None = None, *, path: str | None = None,
                 max_bytes: int | None = DEFAULT_MAX_BYTES) -> Decoded:
    """Decode one document.

    Order: ``encoding`` override (strict) → BOM (UTF-8/16/32) → NUL bytes (BOM-less UTF-16, else binary)
    → strict UTF-8 (a character cut off at the very end is replaced by U+FFFD and ``truncated`` set)
    → charset-normalizer (GB18030, Big5, …). Raises a :class:`policyfacts.errors.InputError` subclass.
    """
    if max_bytes is not None and len(data) > max_bytes:
        raise TooLargeError(f"{len(data)} bytes > max_bytes={max_bytes}", path)
    if not data.strip():
        raise EmptyDocumentError("empty document", path)
    if encoding:
        enc = _codec_name(encoding)
        if enc == "utf-8":
            enc = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else enc
        try:
            return Decoded(_check_text(data.decode(enc), enc, path), enc)
        except UnicodeDecodeError as exc:
            raise UndecodableError(f"not valid {enc}: {exc}", path) from exc
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise UndecodableError(f"{enc} BOM but invalid {enc}: {exc}", path) from exc
            if enc != "utf-8-sig":
                text = text.removeprefix("\ufeff")
            return Decoded(_check_text(text, enc, path), enc)
    if b"\x00" in data:
        enc16 = _utf16_without_bom(data)
        if enc16 is None:
            raise BinaryFileError("NUL bytes: not a text file", path)
        return Decoded(_check_text(data.decode(enc16), enc16, path), enc16)
    try:
        return Decoded(_check_text(data.decode("utf-8"), "utf-8", path), "utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and len(data) - exc.start < 4:
            text = data[:exc.start].decode("utf-8") + "\ufffd"
            return Decoded(_check_text(text, "utf-8", path), "utf-8", truncated=True)
    text, enc = _detect(data, path)
    return Decoded(_check_text(text, enc, path), enc)


def read_bytes(path: str | os.PathLike[str], max_bytes: int | None = DEFAULT_MAX_BYTES) -> bytes:
    """Read a file, checking existence and size *before* loading it."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError as exc:
        raise MissingPathError("no such file", str(p)) from exc
    except OSError as exc:
        raise MissingPathError(f"cannot stat: {exc.strerror}", str(p)) from exc
    if not p.is_file():
        raise MissingPathError("not a regular file", str(p))
    if max_bytes is not None and size > max_bytes:
        raise TooLargeError(f"{size} bytes > max_bytes={max_bytes}", str(p))
    try:
        return p.read_bytes()
    except OSError as exc:
        raise MissingPathError(f"cannot read: {exc.strerror}", str(p)) from exc


def decode_file(path: str | os.PathLike[str], encoding: str | None = None, *,
                max_bytes: int | None = DEFAULT_MAX_BYTES) -> Decoded:
    """:func:`read_bytes` then :func:`decode_bytes`."""
    return decode_bytes(read_bytes(path, max_bytes), encoding, path=str(path), max_bytes=max_bytes)
