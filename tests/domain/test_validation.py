"""Input rules (DOMAIN.md "Estate and owner records"): each refusal says what is wrong."""
import datetime as dt

import pytest

from models import validation as v
from models.errors import InvalidInput


@pytest.mark.parametrize("number", ["110101199003077774", "440304198512120023", "11010519491231002X"])
def test_valid_mainland_ids(number):
    assert v.mainland_id(number) == number


def test_id_number_normalised_from_full_width_and_lower_x():
    assert v.mainland_id(" １１０１０５１９４９１２３１００２x ") == "11010519491231002X"


@pytest.mark.parametrize("number, words", [
    ("110101199003077775", "校验位错误（最后一位应为 4）"),        # GB 11643 check digit
    ("110101199002307771", "不是有效日期"),                       # 30 February
    ("110101230001017771", "不可能成立"),                          # born in the future
    ("11010119900307777", "18 位"),
    ("110101900307777", "15 位"),
    ("910101199003077774", "地区码"),
    ("11010119900307777A", "17 位数字"),
])
def test_bad_mainland_ids_are_refused_with_the_reason(number, words):
    with pytest.raises(InvalidInput) as err:
        v.mainland_id(number, today=dt.date(2026, 11, 24))
    assert words in str(err.value)
    assert err.value.field == "id_number"


def test_other_documents_are_checked_loosely():
    assert v.id_document("passport", "e1234567 8") == "E12345678"
    with pytest.raises(InvalidInput):
        v.id_document("passport", "护照")


@pytest.mark.parametrize("raw, normal", [
    ("138 1234 5678", "13812345678"), ("+86 13812345678", "13812345678"), ("１３８１２３４５６７８", "13812345678"),
    ("0755-88886666", "0755-88886666"), ("075588886666", "0755-88886666"), ("010-66668888", "010-66668888"),
])
def test_phones_are_normalised(raw, normal):
    assert v.phone(raw) == normal


@pytest.mark.parametrize("raw", ["12812345678", "1381234567", "88886666", "phone", "138123456789"])
def test_malformed_phones_are_refused(raw):
    with pytest.raises(InvalidInput) as err:
        v.phone(raw)
    assert "不是有效的电话号码" in str(err.value)


@pytest.mark.parametrize("raw, dm2", [("89.5", 8950), ("１２０", 12000), ("45.25㎡", 4525), (89, 8900)])
def test_areas_in_square_decimetres(raw, dm2):
    assert v.area_dm2(raw) == dm2


@pytest.mark.parametrize("raw, words", [("-5", "大于 0"), ("0", "大于 0"), ("12000", "不合理"), ("89.555", "两位小数"),
                                        ("abc", "不是数字"), ("", "为空"), ("nan", "不是数字")])
def test_negative_or_absurd_areas_are_refused(raw, words):
    with pytest.raises(InvalidInput) as err:
        v.area_dm2(raw)
    assert words in str(err.value)


@pytest.mark.parametrize("text, parts", [
    ("3-2-1201", ("3", "2", "1201")), ("3栋2单元1201", ("3", "2", "1201")), ("3栋2单元1201室", ("3", "2", "1201")),
    ("3号楼2单元1201", ("3", "2", "1201")), ("a座1201", ("A", "", "1201")), ("12-0105", ("12", "", "0105")),
    (" 3 - 2 - 1201 ", ("3", "2", "1201")),
])
def test_room_codes_as_the_office_writes_them(text, parts):
    assert v.parse_room_code(text) == parts


def test_masking_personal_data():
    assert v.mask_id("110101199003077774") == "1101**********7774"
    assert v.mask_phone("13812345678") == "138****5678"


def test_names():
    assert v.person_name("  张  伟 ") == "张 伟"
    for bad in ("", "   ", "张3"):
        with pytest.raises(InvalidInput):
            v.person_name(bad)


# --- one parser per kind of value (issue 14 item 4) ------------------------------

@pytest.mark.parametrize("value", [True, 2 ** 63, 10 ** 15, 1.5, -1, "abc", "1.001", "9" * 500])
def test_amount_gate_refuses_what_no_desk_takes(value):
    from models.amounts import fen_amount
    with pytest.raises(InvalidInput) as caught:
        fen_amount(value)
    assert caught.value.field == "amount"


def test_amount_gate_takes_fen_and_yuan_text():
    from models.amounts import fen_amount
    assert fen_amount(150050) == fen_amount("1,500.50") == fen_amount("￥１５００.５") == 150050
    assert fen_amount(None, allow_zero=True) == 0


@pytest.mark.parametrize("value", [2.5, "2.5", True, 0, "0", 201, "", "x\x00", "9" * 40])
def test_quantity_is_a_whole_number_in_range(value):
    with pytest.raises(InvalidInput, match="数量"):
        v.quantity(value)


def test_quantity_takes_full_width_digits():
    assert v.quantity("３") == 3 and v.quantity(12) == 12


@pytest.mark.parametrize("value", ["x" * 201, "张\x00伟", "a\ud800b", "\x1b[31m"])
def test_text_refuses_control_characters_and_overlong(value):
    with pytest.raises(InvalidInput):
        v.text(value, what="The text")


def test_text_keeps_chinese_punctuation_and_names_refuse_nul():
    assert v.text("  押金，退还（部分）  ") == "押金，退还（部分）"
    with pytest.raises(InvalidInput, match="控制字符"):
        v.person_name("张\x00伟")


@pytest.mark.parametrize("typed, expected", [("2026-11", (2026, 11)), ("2026年3月", (2026, 3)), ("202611", (2026, 11)),
                                             ("2026/1", (2026, 1))])
def test_month_parser(typed, expected):
    month = v.month(typed)
    assert (month.year, month.month, month.day) == (*expected, 1)


@pytest.mark.parametrize("typed", ["2026-13", "26-11", "abc", "2026-11-05x", "9" * 100])
def test_month_parser_refuses(typed):
    with pytest.raises(InvalidInput, match="不是月份"):
        v.month(typed)


def test_serial_parser():
    assert v.serial("2026-000123") == (2026, 123)
    assert v.serial("No. 2026-123") == (2026, 123)
    assert v.serial("tk2026-45", prefix="TK") == (2026, 45)
    for bad in ("2026-" + "9" * 40, "TK2026-1", "abc", "3026-1", ""):
        with pytest.raises(InvalidInput):
            v.serial(bad)


def test_search_text_drops_what_cannot_be_searched():
    assert v.search_text("张\ud800伟\x00") == "张伟"
    assert len(v.search_text("9" * 10_000)) == v.SEARCH_MAX
    assert v.year("2026") == 2026
    with pytest.raises(InvalidInput, match="年份"):
        v.year("abc")


@pytest.mark.parametrize("typed", ["1e30", "1e400", "1_000"])
def test_an_area_no_room_has_is_refused_not_crashed(typed):
    """The cold trial: 1e30 m² raised decimal.InvalidOperation from the room dialog and the import."""
    with pytest.raises(InvalidInput):
        v.area_dm2(typed)


@pytest.mark.parametrize("typed", ["1e400", "1e-40", "2_50"])
def test_a_rate_no_office_sets_is_refused_not_crashed(typed):
    from models.amounts import parse_rate
    with pytest.raises(InvalidInput):
        parse_rate(typed)


@pytest.mark.parametrize("typed", ["张\u202e伟", "李\u2066娜"])
def test_text_turned_around_is_refused(typed):
    with pytest.raises(InvalidInput, match="控制字符"):
        v.text(typed)


@pytest.mark.parametrize("typed, kept", [("\u200b", ""), ("\ufeff李娜", "李娜"), ("王\u00ad芳", "王芳"),
                                         ("擅自\u200b移动燃气表", "擅自移动燃气表")])
def test_what_prints_as_nothing_is_dropped_as_the_clerk_cannot_see_it_to_take_it_out(typed, kept):
    assert v.text(typed) == kept
    assert "\u200b" not in v.search_text("张\u200b伟")
