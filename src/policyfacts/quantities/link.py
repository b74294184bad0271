from __future__ import annotations


def link_quantity(ctx, q, dates) -> dict:
    return {}
