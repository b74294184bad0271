from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[2] / "shared"


def fixture_text(prefix: str) -> str:
    (path,) = FIXTURES.glob(f"{prefix}_*.txt")
    return path.read_text("utf-8")


@pytest.fixture(scope="session")
def seeds() -> dict[str, str]:
    return {p.stem: p.read_text("utf-8") for p in sorted(FIXTURES.glob("0*.txt"))}
