"""policyfacts: typed, grounded quantitative facts from Chinese policy news."""

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
from .pipeline import extract, extract_file

__all__ = [
    "CountFact", "DateFact", "DocumentFacts", "MeasureFact", "MoneyFact", "Organization", "PercentFact",
    "Place", "Programme", "ProgrammeFact", "extract", "extract_file",
]
__version__ = "0.1.0"
