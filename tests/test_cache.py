"""The start-up cache only saves time: a missing, damaged or unwritable cache gives the same tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from policyfacts import cache


def test_built_once_then_read_back_and_rebuilt_when_damaged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYFACTS_CACHE", str(tmp_path))
    calls = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"东营": 2}

    key = cache.key_of("source bytes")
    assert cache.cached("t", key, build) == {"东营": 2}
    assert cache.cached("t", key, build) == {"东营": 2}
    assert len(calls) == 1
    (path,) = tmp_path.glob("t-*.bin")
    path.write_bytes(b"not a pickle")
    assert cache.cached("t", key, build) == {"东营": 2} and len(calls) == 2
    assert cache.cached("t", cache.key_of("other source"), build) == {"东营": 2} and len(calls) == 3


def test_unusable_cache_directory_still_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("POLICYFACTS_CACHE", str(blocker / "sub"))
    assert cache.cache_dir() is None
    assert cache.cached("t", "k", lambda: [1, 2]) == [1, 2]


def test_tag_table_from_the_cache_equals_jieba_posseg() -> None:
    import jieba.posseg

    from policyfacts.text.lexicon import lexicon

    tags = lexicon().tags
    assert tags["增长"] == jieba.posseg.dt.word_tag_tab["增长"] == "v"
    assert tags.as_dict() == jieba.posseg.dt.word_tag_tab
