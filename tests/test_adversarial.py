"""Adversarial inputs that would be quadratic (or worse) in a careless regex or loop.

Sizes are chosen so each finishes in a few seconds when the code is linear; a quadratic path
would take minutes (the test would hang, not fail on a timing assert).
"""

from __future__ import annotations

import pytest

import policyfacts


def _pairs(n: int) -> list[tuple[str, str]]:
    """``n`` distinct pairs of Han characters (distinct names defeat caches and memo tables)."""
    han = [chr(c) for c in range(0x4E00 + 500, 0x4E00 + 600)]
    return [(han[i % 100], han[i // 100 % 100]) for i in range(n)]


CASES = {
    "a million digits": "1" * 1_000_000,
    "digits with separators": "1," * 100_000,
    "10k unbalanced opening quotes": "“" * 10_000 + "全市新增就业1.2万人",
    "10k unbalanced closing quotes": "”" * 10_000 + "增长5%",
    "10k ascii quotes": '"' * 10_000,
    "万万万…": "万" * 100_000,
    "万亿万亿…": "万亿" * 50_000,
    "一一一…": "一" * 100_000,
    "10k unclosed brackets": "（《【" * 10_000,
    "one endless sentence": "投入资金" * 50_000,
    "200k newlines": "\n" * 100_000 + "增长5%。" + "\n" * 100_000,  # all blank is EmptyDocumentError
    "200k stars": "*" * 200_000,
    "30k villages in a row": "青岭村" * 30_000,
    "20k zones": "苏州高新区" * 20_000,
    "10k nested organisations": "沈阳市公安局大东分局" * 10_000,
    "10k quoted programmes": "推出“惠农贷”，" * 10_000,
    "10k book titles": "《实施方案》" * 10_000,
    "20k anaphora": "全市" * 20_000,
    "5k people introduced with their villages": "".join(f"{a}{b}是大东区{b}{a}社区居民。{a}{b}种了5亩地。"
                                                        for a, b in _pairs(5_000)),
    "10k communities under one city": "".join(f"山东东营{a}{b}社区有5名干部。" for a, b in _pairs(10_000)),
    "10k communities under one county": "".join(f"大东区{a}{b}社区有5名干部。" for a, b in _pairs(10_000)),
    "3k credit unions and their short forms": "".join(f"石泉县{a}{b}农村信用合作联社成立。" for a, b in _pairs(3_000))
    + "联社发放贷款5万元。" * 3_000,
    "3k campaigns sharing a tail, then framed": "".join(f"推动{a}{b}{b}{a}专项治理。" for a, b in _pairs(3_000))
    + "专项治理以来，增长5%。" * 3_000,
    "one long quotation": "“" + "增长5%，" * 20_000 + "”石泉县人说。",
    "one endless sentence taking up a loan": "推出‘惠农贷’。" + "申请贷款5万元，" * 20_000,
    "10k roles of spelled-out abbreviations": "推行片、组、邻“三长制”。" + "推选出65名邻长，担任“三长制”成员，上面有3项，" * 10_000,
    "5k named mechanisms and bare quotes": "".join(f"推行“{a}{b}制”。" for a, b in _pairs(5_000))
    + "".join(f"“{a}{b}”" for a, b in _pairs(5_000)),
}


@pytest.mark.parametrize("text", list(CASES.values()), ids=list(CASES))
def test_adversarial_input_finishes_with_valid_spans(text: str) -> None:
    doc = policyfacts.extract(text, doc_id="adv")
    for f in doc.facts:
        assert text[f.start:f.end] == f.text
        assert text[f.sentence.start:f.sentence.end] == f.sentence.text


def test_many_facts_in_one_document() -> None:
    text = "增长5%，" * 20_000
    doc = policyfacts.extract(text, doc_id="adv")
    assert len([f for f in doc.facts if f.kind == "percent"]) == 20_000
    assert {f.value for f in doc.facts} == {5}


def test_quotes_around_a_fact_do_not_hide_it() -> None:
    text = "“" * 10_000 + "全市新增就业1.2万人"
    assert [f.text for f in policyfacts.extract(text).facts if f.kind == "count"] == ["1.2万人"]
