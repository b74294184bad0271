"""Real sentences from the seed articles: values, qualifiers, units, subjects, changes and times."""

from __future__ import annotations

import pytest

import policyfacts
from conftest import fixture_text


def _facts(prefix: str):
    doc = policyfacts.extract(fixture_text(prefix), doc_id=prefix)
    return doc, {(f.kind, f.text): f for f in doc.facts}


def test_every_span_points_into_the_original(seeds: dict[str, str]) -> None:
    for doc_id, text in seeds.items():
        doc = policyfacts.extract(text, doc_id=doc_id)
        for f in doc.facts:
            assert text[f.start:f.end] == f.text
            assert text[f.sentence.start:f.sentence.end] == f.sentence.text
            assert f.sentence.start <= f.start and f.end <= f.sentence.end


def test_people_daily_article() -> None:
    doc, facts = _facts("000")
    assert doc.meta.published.isoformat() == "2024-02-20"
    assert facts[("money", "近两万元")].value == 20000
    assert facts[("money", "近两万元")].qualifier == "nearly"
    assert facts[("money", "上万元")].qualifier == "at_least"
    q = facts[("money", "顶多20多万元")]
    assert (q.value, q.qualifier, q.subject) == (200000, "at_most", "信贷额度")
    assert facts[("count", "52名")].subject == "金融从业者"
    pct = facts[("percent", "33%")]
    assert (pct.value, pct.change, pct.time, pct.subject) == (33, "decrease", "2023", "全市社区(村)安全事故起数")
    assert facts[("percent", "超过九成")].value == 90
    r = facts[("count", "六七十人")]
    assert (r.value, r.high, r.qualifier) == (60, 70, "range")
    assert facts[("percent", "50%以上")].qualifier == "at_least"
    # not facts: the article 一, numbers in names, metadata
    texts = {f.text for f in doc.facts}
    assert "一个" not in texts and "110" not in texts and "19 版" not in texts
    assert not any(f.text.startswith("2024") for f in doc.facts)


def test_distributed_numbers_take_their_own_subjects() -> None:
    _, facts = _facts("001")
    a, b = facts[("percent", "25%")], facts[("percent", "16%")]
    assert (a.change, b.change) == ("decrease", "decrease")
    assert "接收文件" in a.subject and "参加会议" in b.subject


def test_dates_since_and_unresolved_relative() -> None:
    _, facts = _facts("001")
    assert facts[("date", "2022年7月以来")].value == "2022-07"
    assert facts[("date", "2022年7月以来")].qualifier == "since"
    assert facts[("date", "自2021年开始")].value == "2021"
    _, facts2 = _facts("002")
    assert facts2[("date", "去年5月")].value is None  # no publication date: never a guess


def test_relative_date_resolves_against_given_publication_date() -> None:
    doc = policyfacts.extract(fixture_text("002"), doc_id="002", published="2024-01-10")
    d = next(f for f in doc.facts if f.kind == "date" and f.text == "去年5月")
    assert d.value == "2023-05"


def test_traditional_text_with_pinyin_annotations() -> None:
    _, facts = _facts("002")
    f = facts[("count", "1.5萬(wàn)余個(gè)")]
    assert (f.value, f.qualifier, f.unit) == (15000, "more_than", "个")
    m = facts[("money", "1.36億元")]
    assert m.value == 136000000
    assert facts[("measure", "不到48小時(shí)")].qualifier == "less_than"


def test_spun_text() -> None:
    _, facts = _facts("004")
    assert facts[("money", "兩三萬元")].high == 30000
    assert facts[("count", "一次")].value == 1  # 只召開了一次: stressed, so a count
    assert ("count", "一家") not in facts  # 一家商超: the article "a"
    assert facts[("date", "本年8月")].value is None


@pytest.mark.parametrize(
    ("sentence", "kind", "value", "unit"),
    [
        ("全省新增城镇就业138.3万人。", "count", 1383000, "人"),
        ("有效覆盖汇水面积近65平方公里。", "measure", 65, "平方公里"),
        ("讨论持续了一个半小时。", "measure", 1.5, "小时"),
        ("累计收益近25万元。", "money", 250000, "元"),
    ],
)
def test_single_sentences(sentence: str, kind: str, value: float, unit: str) -> None:
    (f,) = [f for f in policyfacts.extract(sentence).facts if f.kind == kind]
    assert (f.value, f.unit) == (value, unit)


@pytest.mark.parametrize(
    "sentence",
    ["他是第一书记。", "沉到一线，扑下身子。", "110警情处置满意率。", "楼上一个玻璃瓶扔下来。", "半年前，他回到乡里。",
     "幸福满意进万家。", "大家七嘴八舌议论起来。", "用好“四下基层”。", "千米矿井下，万家灯火。"],
)
def test_not_facts(sentence: str) -> None:
    assert [f for f in policyfacts.extract(sentence).facts if f.kind != "programme"] == []


def test_table_cells_take_units_and_years_from_their_labels() -> None:
    text = (
        "| 指标 | 2023年 | 2024年 |\n|---|---|---|\n"
        "| 地区生产总值（亿元） | 1200.5 | 1263 |\n| 常住人口（万人） | 95 | 96.2 |\n"
    )
    cells = {f.text: f for f in policyfacts.extract(text).facts if f.kind != "date"}
    gdp = cells["1263"]
    assert (gdp.kind, gdp.value, gdp.unit, gdp.subject, gdp.time) == ("money", 126300000000, "元", "地区生产总值", "2024")
    assert cells["96.2"].value == 962000 and cells["96.2"].unit == "人"


def test_a_column_unit_wins_over_the_row_unit() -> None:
    text = "| 指标 | 完成值 | 增长（%） |\n| 地区生产总值（亿元） | 356.8 | 6.2 |\n"
    cells = {f.text: f for f in policyfacts.extract(text).facts}
    assert (cells["356.8"].kind, cells["356.8"].value) == ("money", 35680000000)
    assert (cells["6.2"].kind, cells["6.2"].value, cells["6.2"].subject) == ("percent", 6.2, "地区生产总值增长")


def test_review_heading_year_and_report_date_line() -> None:
    text = "一、2024年工作回顾\n全市地区生产总值增长5.2%。\n——2025年1月7日在市第十七届人民代表大会第四次会议上\n"
    doc = policyfacts.extract(text)
    assert doc.meta.published.isoformat() == "2025-01-07"
    pct = next(f for f in doc.facts if f.kind == "percent")
    assert (pct.value, pct.time, pct.change) == (5.2, "2024", "increase")
    assert any(f.kind == "date" and f.value == "2025-01-07" for f in doc.facts)


@pytest.mark.parametrize(
    ("phrase", "kind", "value", "high", "unit"),
    [("上百万元", "money", 1000000, None, "元"), ("数十个", "count", 10, 90, "个"),
     ("百分之十二点五", "percent", 12.5, None, "%"), ("翻一番", "measure", 1, None, "番")],
)
def test_more_number_forms(phrase: str, kind: str, value: float, high: float | None, unit: str) -> None:
    q = policyfacts.parse_quantity(phrase)
    assert (q.kind, q.value, q.high, q.unit) == (kind, value, high, unit)


def test_decades_are_vague() -> None:
    assert [f for f in policyfacts.extract("上世纪80年代，这里还是荒滩。").facts if f.kind != "date"] == []


def _subject(sentence: str, text: str) -> str | None:
    return next(f for f in policyfacts.extract(sentence).facts if f.text == text).subject


@pytest.mark.parametrize(("sentence", "text", "subject"), [
    ("有时一天开三四个会。", "三四个", "会"),  # after a classifier, one character is a noun
    ("一个村的村民分散在多个地点居住。", "一个", "村"),
    ("帮他完成了养老保险、高龄补贴3项生存认证。", "3项", "生存认证"),  # tagged as verbs, counted as a thing
    ("形成三张清单,全区解决问题。", "三张", "清单"),
    ("加入群的人数由起初的100多人增加到近500人。", "100多人", "人数"),  # 人 is the noun: not 增加
    ("一部分安置在距县城约8公里的国道附近。", "约8公里", "距县城"),
    ("利用本村500亩退还的林地大力发展养殖业。", "500亩", "林地"),
    ("承诺办理的13类55件民生实事全部完成。", "55件", "民生实事"),
    ("5年来累计投入资金12.6亿元。", "12.6亿元", "累计投入资金"),  # 来 closes the duration before it
    ("空气优良天数比例达到87.6%，下降了2.3个百分点。", "2.3个百分点", "空气优良天数比例"),
    ("讨论持续了一个半小时。", "一个半小时", "讨论"),  # what lasted that long
    ("用时不过5分钟。", "不过5分钟", "用时"),
    ("他通过“惠农贷”获得贷款30万元。", "30万元", "获得贷款"),  # the loan product is the means, not the measure
    ("设立每年3000万元的产业发展基金。", "3000万元", "产业发展基金"),  # a verb alone names nothing
    ("马铃薯加工企业发展到23家。", "23家", "马铃薯加工企业"),
    ("全区马铃薯种植面积常年稳定在100万亩左右。", "100万亩左右", "全区马铃薯种植面积"),
    ("人均纯收入由2019年的不足6000元提高到1.2万元。", "不足6000元", "人均纯收入"),  # past the starting year
    ("人均纯收入由2019年的不足6000元提高到1.2万元。", "1.2万元", "人均纯收入"),
    ("全县地区生产总值完成356.8亿元。", "356.8亿元", "全县地区生产总值"),  # 完成: achieved
    ("城镇登记失业率控制在3%以内。", "3%以内", "城镇登记失业率"),
    ("居民收入分别达到4.52万元和2.18万元，分别增长5.1%和7.3%。", "7.3%", "居民收入"),  # inherited twice
    ("民主议事会累计召开3200余场。", "3200余场", "民主议事会"),  # the meetings held, not the holding
    ("培育“红枫义警”等社会组织420余家。", "420余家", "社会组织"),
    ("将考核事项由2023年的326项压减至98项。", "326项", "考核事项"),  # 压减: what happened to it
    ("将考核事项由2023年的326项压减至98项。", "98项", "考核事项"),  # shared with the figure before
    ("视频会议占比提高到65%以上。", "65%以上", "视频会议占比"),  # 占比 is the measure, not 占 + 比
    ("带动3万户农户户均增收5000元。", "3万户", "农户"),  # 户均 opens the next figure
])
def test_subject_rules(sentence: str, text: str, subject: str | None) -> None:
    assert _subject(sentence, text) == subject


def test_a_distance_between_places_has_no_date() -> None:
    doc = policyfacts.extract("2018年开始,村民一部分安置在距县城约8公里的国道附近。")
    f = next(f for f in doc.facts if f.text == "约8公里")
    assert (f.subject, f.time) == ("距县城", None)


def test_a_year_compared_with_is_not_the_figures_time() -> None:
    doc = policyfacts.extract("1至10月，增速较去年同期提高1.5个百分点。", published="2025-01-10")
    f = next(f for f in doc.facts if f.text == "1.5个百分点")
    assert f.time == "2025"


def test_a_starting_year_is_the_time_of_the_starting_figure_only() -> None:
    doc = policyfacts.extract("2023年,人均纯收入由2019年的不足6000元提高到1.2万元。")
    times = {f.text: f.time for f in doc.facts if f.kind == "money"}
    assert times == {"不足6000元": "2019", "1.2万元": "2023"}


def test_two_figures_of_one_unit_joined_by_zhi_are_a_range() -> None:
    doc = policyfacts.extract("每人每天工资120元至150元。人均收入由100元到500元。")
    assert [(f.text, f.value, f.high) for f in doc.facts] == [
        ("120元至150元", 120, 150), ("100元", 100, None), ("500元", 500, None)]


def test_indicator_terms_stay_whole_in_subjects() -> None:
    assert _subject("城镇居民人均可支配收入达4.2万元。", "4.2万元") == "城镇居民人均可支配收入"


def test_upgrading_things_is_no_change_in_their_number() -> None:
    doc = policyfacts.extract("改造提升并运营120个省级示范性未成年人保护工作站。")
    assert next(f for f in doc.facts if f.text == "120个").change is None
    doc = policyfacts.extract("全市就业人数提升了12%。")
    assert next(f for f in doc.facts if f.text == "12%").change == "increase"


def test_work_report_review_heading_after_a_run_on_date_line() -> None:
    text = ("政府工作报告\n——2025年1月7日在某某市第十七届人民代表大会第五次会议上\n一、2024年工作回顾\n"
            "全市地区生产总值达到1263亿元，增长5.8%。\n")
    doc = policyfacts.extract(text)
    growth = next(f for f in doc.facts if f.text == "5.8%")
    assert (growth.time, growth.subject, growth.change) == ("2024", "全市地区生产总值", "increase")


def test_a_result_before_a_programme_is_not_its_figure() -> None:
    doc = policyfacts.extract("新建改建农村公路320公里，实施“千村示范”工程，建成示范村45个。")
    assert next(f for f in doc.facts if f.text == "320公里").programme is None
    assert next(f for f in doc.facts if f.text == "45个").programme == "千村示范工程"


def test_the_first_half_of_the_year_is_a_period_not_half_a_year() -> None:
    kinds = [(f.text, f.kind) for f in policyfacts.extract("上半年，全市新增就业2.1万人。半年来，增长3%。").facts]
    assert kinds == [("2.1万人", "count"), ("半年", "measure"), ("3%", "percent")]


@pytest.mark.parametrize("text", ["排名前10位", "跻身全国前十名", "2024/06/12", "24/7服务", "5G基站", "获得第3名"])
def test_ranks_dates_and_model_numbers_are_no_quantities(text: str) -> None:
    assert [f.text for f in policyfacts.extract(text).facts if f.kind != "date"] == []


@pytest.mark.parametrize("text", ["全县约2亿棵树苗中", "这2万和那3万", "他说了1万遍"])
def test_a_bare_round_number_needs_a_counted_or_money_noun_before_it(text: str) -> None:
    assert [f.text for f in policyfacts.extract(text).facts if f.unit in ("人", "元")] == []


def test_a_month_relative_to_the_publication_date_is_a_date_and_a_time() -> None:
    doc = policyfacts.extract("上个月，全县新增就业500人。当月，完成3项。", published="2024-01-20")
    assert [(f.text, f.value, getattr(f, "time", None)) for f in doc.facts] == [
        ("上个月", "2023-12", None), ("500人", 500, "2023-12"), ("3项", 3, "2023-12")]


def test_a_list_before_fenbie_shares_its_last_items_tail_and_passes_on_to_the_next_fenbie() -> None:
    text = "城镇和农村居民人均可支配收入分别为4.5万元和2.1万元，分别增长4.8%和6.9%。小学、初中入学率分别达到100%和99.8%。"
    subjects = {f.text: f.subject for f in policyfacts.extract(text).facts}
    assert subjects == {"4.5万元": "城镇居民人均可支配收入", "2.1万元": "农村居民人均可支配收入",
                        "4.8%": "城镇居民人均可支配收入", "6.9%": "农村居民人均可支配收入",
                        "100%": "小学入学率", "99.8%": "初中入学率"}


@pytest.mark.parametrize("text", ["他的另一半", "一半一半", "一半天"])
def test_a_half_that_is_no_share(text: str) -> None:
    assert [f.text for f in policyfacts.extract(text).facts if f.kind == "percent"] == []
