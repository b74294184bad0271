"""Extract one article and print its facts, one line each.

    python examples/extract_one.py [ARTICLE.txt]
"""

from __future__ import annotations

import sys
from pathlib import Path

import policyfacts

HERE = Path(__file__).resolve().parent
DEFAULT = HERE / "articles" / "renmin_2024-02-20.txt"


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT
    doc = policyfacts.extract_file(path)
    print(repr(doc))
    print(f"published={doc.meta.published} outlet={doc.meta.outlet}")
    for fact in doc.facts:
        value = fact.value if fact.high is None else f"{fact.value}–{fact.high}"
        unit = fact.unit if fact.unit not in (None, "date") else ""
        where = "/".join(fact.place.path) if fact.place is not None and fact.place.path else "-"
        extra = "".join(
            f" {name}={v}" for name, v in (("subject", fact.subject), ("time", fact.time), ("programme", fact.programme))
            if v
        )
        print(f"{fact.kind:9} {fact.text!r:20} {value}{unit} [{fact.qualifier}] place={where}{extra}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
