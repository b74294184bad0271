"""The output contract: every result policyfacts returns is one of these models.

All offsets are end-exclusive character offsets into the ORIGINAL decoded text
(``text[start:end] == fact.text``), whatever normalisation ran in between.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.2"

Qualifier = Literal[
    "exact", "approx", "more_than", "at_least", "nearly", "less_than", "at_most", "range", "since", "until"
]
Change = Literal["increase", "decrease"]
PlaceLevel = Literal["province", "prefecture", "county", "township", "village", "community", "zone", "district"]
Number = int | float


class _Model(BaseModel):
    model_config = ConfigDict(frozen=False, extra="forbid")


class Grounded(_Model):
    """Anything found in the text: its surface form and where it stands in the original."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class SentenceRef(Grounded):
    """The sentence a fact came from."""


class Place(_Model):
    """An administrative division (or a sub-county place the text names)."""

    name: str = Field(description="Official full name in simplified script, e.g. 沈阳市.")
    level: PlaceLevel | None = None
    path: list[str] = Field(default_factory=list, description="Official names from the province down.")
    code: str | None = Field(default=None, description="GB/T 2260 code when known.")


class PlaceMention(Grounded):
    """A place as written in the text, with what it resolves to."""

    place: Place
    ambiguous: bool = Field(default=False, description="True when context could not single out one division.")


class Organization(_Model):
    name: str = Field(description="Full name as the text gives it, simplified; a bare level prefix expanded.")
    place: list[str] | None = Field(default=None, description="Path of the place it belongs to, when known.")


class OrganizationMention(Grounded):
    organization: Organization


class ProgrammeMention(Grounded):
    pass


class Programme(_Model):
    """One distinct named programme of a document, with every mention."""

    name: str
    kind: str | None = Field(default=None, description="loan, facility, method, mechanism, campaign, service, project, platform or document (data/programmes.toml)")
    aliases: list[str] = Field(default_factory=list)
    mentions: list[ProgrammeMention] = Field(default_factory=list)
    place: Place | None = None
    organization: Organization | None = None


class _FactBase(_Model):
    kind: str
    doc: str = Field(description="Document id: a file's path relative to the directory argument it was "
                                 "found under, without its suffix (a file given directly: its stem); unique "
                                 "within a run.")
    path: str | None = Field(default=None, description="The source the document was read from (a file, "
                                                       "- for stdin, the JSONL file of a record); null for a bare text.")
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    article: int = Field(default=0, description="Index of the article inside the document.")
    sentence: SentenceRef
    qualifier: Qualifier = "exact"
    place: Place | None = None
    organization: Organization | None = None
    programme: str | None = None

    def __repr__(self) -> str:
        from .render import fact_repr

        return fact_repr(self)

    __str__ = __repr__

    def _repr_html_(self) -> str:
        from .render import render_fact

        return render_fact(self)


class _QuantityBase(_FactBase):
    value: Number
    high: Number | None = None
    unit: str
    subject: str | None = None
    change: Change | None = None
    time: str | None = Field(default=None, description="ISO date or period the figure refers to.")


class CountFact(_QuantityBase):
    kind: Literal["count"] = "count"


class PercentFact(_QuantityBase):
    """Percent in points: 33% → 33, 九成 → 90."""

    kind: Literal["percent"] = "percent"


class MoneyFact(_QuantityBase):
    """Money in the currency's base unit: 1.36亿元 → 136000000 (unit 元)."""

    kind: Literal["money"] = "money"


class MeasureFact(_QuantityBase):
    kind: Literal["measure"] = "measure"


class DateFact(_FactBase):
    """ISO YYYY, YYYY-MM or YYYY-MM-DD; null when relative and there is nothing to resolve it against."""

    kind: Literal["date"] = "date"
    value: str | None
    high: None = None
    unit: Literal["date"] = "date"
    subject: None = None
    change: None = None
    time: None = None


class ProgrammeFact(_FactBase):
    """A programme's first mention, as a row of the fact stream."""

    kind: Literal["programme"] = "programme"
    value: str
    high: None = None
    unit: None = None
    subject: None = None
    change: None = None
    time: None = None


Fact = Annotated[
    CountFact | PercentFact | MoneyFact | MeasureFact | DateFact | ProgrammeFact,
    Field(discriminator="kind"),
]
QuantityFact = CountFact | PercentFact | MoneyFact | MeasureFact


class ParsedNumber(_Model):
    """Result of ``parse_number``: the value of one numeral phrase."""

    text: str
    value: Number
    high: Number | None = None
    qualifier: Qualifier = "exact"


class ParsedQuantity(ParsedNumber):
    """Result of ``parse_quantity``: a number with its unit and kind (money in yuan, percent in points)."""

    kind: Literal["count", "percent", "money", "measure"]
    unit: str


class ParsedDate(_Model):
    """Result of ``parse_date``: ISO value (null when relative and no reference was given)."""

    text: str
    value: str | None
    qualifier: Qualifier = "exact"


class Article(Grounded):
    """One article of a document (a file may hold several)."""

    title: str | None = None


class DocumentMeta(_Model):
    published: date | None = Field(default=None, description="From metadata lines, or given by the caller.")
    outlet: str | None = None
    authors: list[str] = Field(default_factory=list)
    source: str | None = None
    encoding: str | None = None


class DocumentWarning(_Model):
    """Something about a document that its facts alone would hide (it is not an error: the facts stand)."""

    code: Literal["no_facts", "mostly_metadata"] = Field(
        description="no_facts: a long Chinese text that yields no fact; mostly_metadata: page metadata "
                    "(headers, footers, bylines) covers most of the text.")
    message: str


class DocumentFacts(_Model):
    """Everything policyfacts found in one document."""

    doc_id: str
    path: str | None = Field(default=None, description="The source the document was read from; null for a bare text.")
    meta: DocumentMeta = Field(default_factory=DocumentMeta)
    warnings: list[DocumentWarning] = Field(default_factory=list)
    articles: list[Article] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    places: list[PlaceMention] = Field(default_factory=list)
    organizations: list[OrganizationMention] = Field(default_factory=list)
    programmes: list[Programme] = Field(default_factory=list)
    text: str = Field(default="", exclude=True, repr=False, description="The original decoded text.")

    def __repr__(self) -> str:
        kinds: dict[str, int] = {}
        for f in self.facts:
            kinds[f.kind] = kinds.get(f.kind, 0) + 1
        summary = " ".join(f"{k}={n}" for k, n in sorted(kinds.items()))
        return (
            f"DocumentFacts(doc_id={self.doc_id!r}, facts={len(self.facts)}"
            + (f" [{summary}]" if summary else "")
            + f", places={len(self.places)}, organizations={len(self.organizations)}, "
            f"programmes={len(self.programmes)}"
            + (f", warnings={[w.code for w in self.warnings]}" if self.warnings else "") + ")"
        )

    __str__ = __repr__

    def _repr_html_(self) -> str:
        """Notebook display: highlighted text, metadata and fact table (see ``policyfacts.render``)."""
        from .render import render_document

        return render_document(self)

    def to_dataframe(self):  # type: ignore[no-untyped-def]  # pandas is an optional extra
        """The facts as a pandas DataFrame, one row per fact (columns: ``policyfacts.export.COLUMNS``)."""
        from .export import to_dataframe

        return to_dataframe([self])


def json_schema() -> dict:
    """JSON Schema of the output: a document (``DocumentFacts``) and one JSONL fact line (``Fact``)."""
    from pydantic import TypeAdapter

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "policyfacts output",
        "version": SCHEMA_VERSION,
        "document": DocumentFacts.model_json_schema(),
        "fact": TypeAdapter(Fact).json_schema(),
    }
