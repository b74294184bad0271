"""policyfacts: typed, grounded quantitative facts from Chinese policy news."""

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
