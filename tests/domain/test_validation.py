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
