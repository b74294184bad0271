"""The working text and its map back to the original."""

from __future__ import annotations

from policyfacts.text.normalize import normalize


def test_traditional_and_pinyin_map_back_to_original() -> None:
    original = "圍繞74個(gè)調(diào)研課題"
    n = normalize(original)
    assert n.text == "围绕74个调研课题"
    i = n.text.index("74个")
    # the annotation belongs to the character before it
    assert n.original_slice(i, i + 3) == "74個(gè)"
    assert n.original_slice(i, i + 2) == "74"


def test_ascii_punctuation_becomes_full_width_but_digits_keep_their_separators() -> None:
    n = normalize("近日,共1,234人参加(含志愿者)!时间01:28")
    assert n.text == "近日，共1,234人参加（含志愿者）！时间01:28"
    assert len(n.text) == len("近日,共1,234人参加(含志愿者)!时间01:28")


def test_spam_word_is_removed_but_not_attached_to_neighbours() -> None:
    original = "迎檢少了,訪問包養多了"
    n = normalize(original)
    assert n.text == "迎检少了，访问多了"
    i = n.text.index("多了")
    assert n.original_slice(i, i + 2) == "多了"
    assert n.original_slice(i - 2, i + 2) == "訪問包養多了"


def test_full_width_digits() -> None:
    assert normalize("１２３％").text == "123%"


def test_ascii_quotes_that_pair_up_in_a_line_become_chinese_quotes() -> None:
    n = normalize('街道设立"民生微实事"专项资金,推出\'惠农贷\'。\nit\'s "fine" \n只有一个"引号')
    assert n.text == "街道设立“民生微实事”专项资金，推出‘惠农贷’。\nit's “fine” \n只有一个\"引号"
    assert len(n.text) == len(n.original)


def test_layout_spaces_around_a_number_go_but_its_span_keeps_them() -> None:
    n = normalize("共 3000 元,增长 50 %,记者 张三")
    assert n.text == "共3000元，增长50%，记者 张三"
    i = n.text.index("3000元")
    assert n.original_slice(i, i + 5) == "3000 元"
