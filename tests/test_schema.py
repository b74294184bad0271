"""The models are the contract: their JSON Schema changes only on purpose (regenerate docs/schema.json)."""

from __future__ import annotations

import json
from pathlib import Path

from policyfacts.models import json_schema

SNAPSHOT = Path(__file__).resolve().parents[1] / "docs" / "schema.json"


def test_schema_matches_the_documented_snapshot() -> None:
    current = json.loads(json.dumps(json_schema(), ensure_ascii=False, sort_keys=True))
    assert current == json.loads(SNAPSHOT.read_text("utf-8")), (
        "The output schema changed. If that is intended, regenerate docs/schema.json with "
        "`python -c \"import json,policyfacts.models as m; "
        "json.dump(m.json_schema(), open('docs/schema.json','w'), ensure_ascii=False, indent=1, sort_keys=True)\"` "
        "and bump SCHEMA_VERSION."
    )
