"""HTML views: highlights match the facts exactly, nesting is safe, text is escaped, pages are self-contained."""

from __future__ import annotations

import re

import pytest

import policyfacts
from htmlprobe import probe
from policyfacts.models import (
    CountFact,
    DateFact,
    DocumentFacts,
    MoneyFact,
    Place,
    ProgrammeFact,
    SentenceRef,
)
from policyfacts.render import fact_tooltip, highlight, render_document, render_fact, render_report

TEXT = "开展2024年稳岗扩岗专项行动,发放贷款3.5亿元,惠及1200户<家庭>。"


def _span(sub: str, text: str = TEXT) -> tuple[int, int]:
    i = text.index(sub)
    return i, i + len(sub)


def _sentence() -> SentenceRef:
    return SentenceRef(text=TEXT, start=0, end=len(TEXT))


def synthetic_doc() -> DocumentFacts:
    """A programme span containing a date, a money span crossing a count span, and a zero-length fact."""
    sent = _sentence()
    ps, pe = _span("2024年稳岗扩岗专项行动")
    ds, de = _span("2024年")
    ms, me = _span("贷款3.5亿元")
    cs, ce = _span("3.5亿元,惠及1200户")  # crosses the money span on purpose
    hs, he = _span("1200户")
    facts = [
        ProgrammeFact(doc="t", text=TEXT[ps:pe], start=ps, end=pe, sentence=sent, value="稳岗扩岗专项行动"),
        DateFact(doc="t", text="2024年", start=ds, end=de, sentence=sent, value="2024"),
        MoneyFact(doc="t", text=TEXT[ms:me], start=ms, end=me, sentence=sent, value=350000000, unit="元",
                  subject="贷款", programme="稳岗扩岗专项行动",
                  place=Place(name="南京市", level="prefecture", path=["江苏省", "南京市"], code="320100")),
        CountFact(doc="t", text=TEXT[cs:ce], start=cs, end=ce, sentence=sent, value=1200, unit="户"),
        CountFact(doc="t", text="1200户", start=hs, end=he, sentence=sent, value=1200, high=1300, unit="户",
                  qualifier="range", subject="<家庭>"),
        DateFact(doc="t", text="", start=2, end=2, sentence=sent, value=None),
    ]
    return DocumentFacts(doc_id="t<1>", facts=facts, text=TEXT)


def _strip_tags(html: str) -> str:
    import html as h

    return h.unescape(re.sub(r"<[^>]+>", "", html))


def test_highlight_keeps_the_text_and_marks_every_fact_once() -> None:
    doc = synthetic_doc()
    out = highlight(doc.text, doc.facts, id_prefix="x")
    assert _strip_tags(out) == TEXT  # nothing lost, nothing added
    p = probe(out)
    assert p.mark_facts == {f"x-{i}" for i in range(len(doc.facts))}
    assert p.depth == 0  # every <mark> closed
    assert p.max_depth >= 2  # the date is nested inside the programme
    # Crossing spans are split into pieces sharing one id, and only the first piece has the anchor id.
    assert out.count('data-fact="x-3"') == 2
    assert out.count('id="x-3"') == 1
    # The date sits inside the programme's mark.
    assert re.search(r'data-fact="x-0"[^>]*>(?:(?!</mark>).)*data-fact="x-1"', out)


def test_each_fact_text_is_recoverable_from_its_pieces() -> None:
    doc = synthetic_doc()
    out = highlight(doc.text, doc.facts, id_prefix="x")
    for i, fact in enumerate(doc.facts):
        pieces = _pieces(out, f"x-{i}")
        assert "".join(pieces) == fact.text, (i, pieces)


def _pieces(html: str, fid: str) -> list[str]:
    """Text inside each mark with this id (tracking nesting by hand)."""
    pieces: list[str] = []
    for m in re.finditer(rf'<mark [^>]*data-fact="{re.escape(fid)}"[^>]*>', html):
        depth, i, buf = 1, m.end(), []
        while depth:
            if html.startswith("</mark>", i):
                depth -= 1
                i += 7
            elif html.startswith("<mark", i):
                depth += 1
                i = html.index(">", i) + 1
            else:
                buf.append(html[i])
                i += 1
        pieces.append(_strip_tags("".join(buf)))
    return pieces


def test_text_and_attributes_are_escaped() -> None:
    doc = synthetic_doc()
    html = render_document(doc, full_page=True)
    assert "<家庭>" not in html and "&lt;家庭&gt;" in html
    assert "t&lt;1&gt;" in html and "t<1>" not in html
    assert "<script" not in html  # a single document page needs no script


def test_tooltip_lists_the_normalised_fields() -> None:
    money = synthetic_doc().facts[2]
    tip = fact_tooltip(money)
    assert "value: 350000000 元" in tip
    assert "subject: 贷款" in tip
    assert "place: 江苏省/南京市" in tip and "place code: 320100" in tip
    assert "programme: 稳岗扩岗专项行动" in tip
    rng = fact_tooltip(synthetic_doc().facts[4])
    assert "value: 1200–1300 户" in rng and "qualifier: range" in rng


def test_fact_repr_is_short_and_html_is_a_card() -> None:
    doc = synthetic_doc()
    money = doc.facts[2]
    assert repr(money) == "MoneyFact('贷款3.5亿元' → 350000000 元, [18:25], doc='t')"
    assert len(repr(money)) < 100
    card = money._repr_html_()
    assert 'class="k-money"' in card and "江苏省/南京市" in card
    assert _strip_tags(card).count("贷款3.5亿元") >= 2  # in the sentence and in the field table


def test_document_repr_is_short_and_counts() -> None:
    doc = synthetic_doc()
    assert repr(doc) == (
        "DocumentFacts(doc_id='t<1>', facts=6 [count=2 date=2 money=1 programme=1], "
        "places=0, organizations=0, programmes=0)"
    )
    assert str(doc) == repr(doc)


def test_document_without_text_still_renders_its_table() -> None:
    doc = synthetic_doc().model_copy(update={"text": ""})
    html = doc._repr_html_()
    assert "not available" in html
    assert len(probe(html).rows) == len(doc.facts)


@pytest.fixture(scope="module")
def seed_docs(seeds: dict[str, str]) -> list[DocumentFacts]:
    return [policyfacts.extract(text, doc_id=name) for name, text in seeds.items()]


def test_report_on_the_seeds_shows_every_fact(seed_docs: list[DocumentFacts]) -> None:
    total = sum(len(d.facts) for d in seed_docs)
    assert total > 0
    html = render_report(seed_docs)
    p = probe(html)
    assert len(p.mark_facts) == total
    assert len(p.rows) == total
    assert p.root.get("data-facts") == str(total)
    assert {r["data-fact"] for r in p.rows} == p.mark_facts
    for doc in seed_docs:  # the highlighted text is the document, untouched
        start = html.index(f'<details class="pf-doc" data-doc="{doc.doc_id}"')
        block = html[start : html.index("</details>", start)]
        text_html = block[block.index('<div class="pf-text">') + len('<div class="pf-text">') : block.rindex("</div>")]
        assert _strip_tags(text_html) == doc.text


def test_pages_are_self_contained(seed_docs: list[DocumentFacts]) -> None:
    for html in (render_report(seed_docs), render_document(seed_docs[0], full_page=True)):
        p = probe(html)
        assert p.external == [], p.external[:5]
        assert p.scripts_with_src == 0
        assert "@import" not in html and "url(" not in html
        assert not re.search(r"(?:src|href)=\"(?!#)", html)  # the seeds' own URLs appear only as text


def test_document_html_highlights_every_fact(seed_docs: list[DocumentFacts]) -> None:
    for doc in seed_docs:
        p = probe(doc._repr_html_())
        assert len(p.mark_facts) == len(doc.facts)
        assert len(p.rows) == len(doc.facts)
    fact = seed_docs[0].facts[0]
    assert fact.text in render_fact(fact)
