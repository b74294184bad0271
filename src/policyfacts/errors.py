"""Input errors: one specific exception per way a document can fail to become text.

A batch never stops on these: each becomes an error record ``{"doc", "error", "error_type", "path"}``.
They pickle cleanly so process workers can send them back.
"""

from __future__ import annotations


class InputError(Exception):
    """A document could not be read or decoded into text."""

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __reduce__(self) -> tuple:
        return (type(self), (self.message, self.path))


class MissingPathError(InputError):
    """The path does not exist (or is not a readable file)."""


class BinaryFileError(InputError):
    """The bytes are not text: NUL bytes or control characters that no text encoding explains."""


class UndecodableError(InputError):
    """No encoding (forced, BOM, UTF-8 or detected) decodes the bytes."""


class EmptyDocumentError(InputError):
    """The document is empty or holds only whitespace."""


class TooLargeError(InputError):
    """The document is larger than the configured ``max_bytes``."""


class BadRecordError(InputError):
    """A JSONL input line is not a JSON object or lacks the text field."""


class NoFilesError(InputError):
    """A directory argument holds no file that the patterns (``--glob``) match."""


class MissingExtraError(InputError, ImportError):
    """An optional extra (``policyfacts[html]``…) is needed for this input and is not installed."""


__all__ = [
    "BadRecordError",
    "BinaryFileError",
    "EmptyDocumentError",
    "InputError",
    "MissingExtraError",
    "MissingPathError",
    "NoFilesError",
    "TooLargeError",
    "UndecodableError",
]
