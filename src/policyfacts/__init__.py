"""policyfacts: typed, grounded quantitative facts from Chinese policy news.

The public names are imported on first use (PEP 562): ``import policyfacts`` stays cheap, and a
process that only parses numbers never loads the models or the pipeline.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .batch import extract_many
    from .models import (
        CountFact,
        DateFact,
        DocumentFacts,
        MeasureFact,
        MoneyFact,
        Organization,
        PercentFact,
        Place,
        Programme,
        ProgrammeFact,
    )
    from .parse import ParseError, parse_date, parse_number, parse_quantity
    from .pipeline import extract, extract_file

_WHERE = {
    "extract_many": "batch",
    **dict.fromkeys(["CountFact", "DateFact", "DocumentFacts", "MeasureFact", "MoneyFact", "Organization",
                     "PercentFact", "Place", "Programme", "ProgrammeFact"], "models"),
    **dict.fromkeys(["ParseError", "parse_date", "parse_number", "parse_quantity"], "parse"),
    **dict.fromkeys(["extract", "extract_file"], "pipeline"),
}

__all__ = [
    "CountFact",
    "DateFact",
    "DocumentFacts",
    "MeasureFact",
    "MoneyFact",
    "Organization",
    "ParseError",
    "PercentFact",
    "Place",
    "Programme",
    "ProgrammeFact",
    "extract",
    "extract_file",
    "extract_many",
    "parse_date",
    "parse_number",
    "parse_quantity",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        if name.startswith("_"):
            raise AttributeError(f"module 'policyfacts' has no attribute {name!r}")
        try:  # a subpackage (policyfacts.places.lookup), as when the eager imports had loaded it
            return import_module(f".{name}", __name__)
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module 'policyfacts' has no attribute {name!r}") from None
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # once imported, a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
