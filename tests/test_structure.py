"""Articles, metadata lines and sentences of real files."""

from __future__ import annotations

from datetime import date

from conftest import fixture_text
from policyfacts.text.normalize import normalize
from policyfacts.text.structure import analyse


def _analyse(prefix: str):
    n = normalize(fixture_text(prefix))
    return n, analyse(n.text)


def test_print_footer_beats_repost_header_for_publication_date() -> None:
    n, st = _analyse("000")
    assert st.meta.published == date(2024, 2, 20)
    assert st.meta.outlet == "人民日报"
    assert st.meta.editors == ["卫嘉", "白宇"]
    assert any(n.text[s:e].startswith("发布时间") for s, e in st.metadata_spans)


def test_star_separated_articles_with_titles_and_bylines() -> None:
    n, st = _analyse("001")
    titles = [n.text[a.title[0]:a.title[1]] for a in st.articles if a.title]
    assert titles == ["山东东营：党建聚人心 幸福来敲门", "减负，让干部群众增添获得感"]
    assert st.meta.outlet == "光明日报"
    assert "周强" in st.meta.authors  # a name spaced out for layout is one name
    assert st.meta.published is None


def test_byline_under_a_heading_starts_a_new_article() -> None:
    n, st = _analyse("003")
    assert len(st.articles) >= 2
    assert any("福建泉州" in n.text[a.title[0]:a.title[1]] for a in st.articles if a.title)


def test_layout_line_break_inside_a_sentence_does_not_split_it() -> None:
    n, st = _analyse("003")
    pos = n.text.index("在全县")
    sent = next(s for s in st.sentences if s.start <= pos < s.end)
    assert "功能型党小组" in n.text[sent.start:sent.end]


def test_sentences_end_after_closing_quotes() -> None:
    n = normalize("他说：“好。”然后走了。")
    st = analyse(n.text)
    assert [n.text[s.start:s.end] for s in st.sentences] == ["他说：“好。”", "然后走了。"]


def test_dateline_opening_a_paragraph_is_metadata_but_the_rest_is_text():
    import policyfacts

    text = "新华社北京3月5日电 今年以来,广东省深圳市南山区推进社区建设,新增就业岗位1.2万个。"
    doc = policyfacts.extract(text)
    assert doc.meta.outlet == "新华社"
    (f,) = [f for f in doc.facts if f.kind == "count"]
    assert (f.text, f.value, f.place.path) == ("1.2万个", 12000, ["广东省", "深圳市", "南山区"])
    assert not any(f.text == "3月5日" for f in doc.facts)


def test_a_source_line_with_its_time_dates_the_page() -> None:
    for line in ("来源：四川日报    2024-06-12 08:30", "2024-06-12 08:30  来源：四川日报"):
        n = normalize(f"标题\n\n{line}\n\n今年以来,全区增长5%。")
        st = analyse(n.text)
        assert (st.meta.published, st.meta.source) == (date(2024, 6, 12), "四川日报")
        assert any(n.original_slice(s, e).strip() == line for s, e in st.metadata_spans)


def test_a_government_site_header_with_date_views_and_source_dates_the_page() -> None:
    line = "发布日期：2024-05-08 10:21 浏览次数：1532 信息来源：某某县人民政府办公室"
    n = normalize(f"首页 > 新闻中心\n{line}\n\n标题\n\n今年以来,全县218个村实现村务公开。")
    st = analyse(n.text)
    assert (st.meta.published, st.meta.source) == (date(2024, 5, 8), "某某县人民政府办公室")


def test_datelines_of_other_outlets_are_metadata() -> None:
    for line, outlet in (("人民网北京5月8日电 （记者张三）全县新增就业500人。", "人民网"),
                         ("陕西日报西安5月8日讯 全县新增就业500人。", "陕西日报")):
        n = normalize(f"标题\n\n{line}")
        st = analyse(n.text)
        assert st.meta.outlet == outlet
