"""Character classes shared by the recognisers."""

from __future__ import annotations


def is_han(ch: str) -> bool:
    """A CJK ideograph (basic block or extension A)."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"
