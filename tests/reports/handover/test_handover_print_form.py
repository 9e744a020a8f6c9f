"""交房确认单 read back from its PDF as the owner and the office read the paper: the room, the owner, the
documents ticked, the meters, the keys, the defects, both copies with their names, the ID number masked or
full as the printing role may see it; the page rendered and its checklist's boxes looked at."""
from __future__ import annotations

import datetime as dt
import io
import shutil

import pytest
from pypdf import PdfReader

from models.errors import NotAllowed, NotFound
from models.handover.printed import handover_for
from models.users import CLERK, Actor
from reports.pdf.handover.handover_form import build_handover
from reports.pdf.registry import get_document, make_document
from tests.domain.handover.conftest import TODAY
from tests.reports.handover.conftest import cn, copies, dark_share
from tests.reports.release.slip_pages import fragments, page_texts, render

needs_poppler = pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) is not installed")


def _pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def test_both_copies_carry_the_room_the_owner_the_meters_the_keys_and_the_defects(handed, clerk):
    data = make_document(clerk, "handover", "3-2-1301")
    assert _pages(data) == 1
    office, owners = copies(data)
    assert office.replace("第一联管理处存档", "") == owners.replace("第二联业主留存", "")     # the same form twice
    for copy in (office, owners):
        for expected in (f"No.{handed.serial}", "交房确认单", "阳光花园管理处", "房号3栋2单元1301", "建筑面积89.50平方米",
                         "业主张伟", "联系电话13812345678", "证件号码居民身份证1101**********7774",
                         f"交房日期{cn(TODAY)}", "产权证明粤(2026)深圳市不动产权第0012345号",
                         "水表SB-130112.5吨", "电表DB-1301305度", "燃气表RQ-13010立方米",
                         "入户门3把", "信报箱2把", "合计：5把", "序号位置问题责任部门整改期限",
                         f"1主卧窗框渗水开发商{cn(TODAY + dt.timedelta(days=10))}",
                         f"2客厅墙面裂缝30cm工程部{cn(TODAY + dt.timedelta(days=15))}",
                         "业主签字：", "经办人：李静", "管理处(盖章)"):
            assert expected in copy, expected
    assert "110101199003077774" not in office            # a clerk's role sees no full ID number


def test_the_checklist_names_every_document_and_ticks_what_was_checked(handed, clerk):
    doc = handover_for(clerk, handed.id)
    assert doc.documents == (("购房合同", True), ("业主身份证", True), ("入伙通知书", False), ("购房发票", False),
                             ("物业服务协议", False), ("业主公约", False))
    text, = page_texts(build_handover(doc))
    assert all(name in text for name, _checked in doc.documents)


@needs_poppler
def test_a_checked_document_s_box_carries_a_tick_and_the_others_are_blank(handed, clerk, tmp_path):
    from reportlab.lib.units import mm
    from reports.pdf import layout as L
    from reports.pdf.handover.handover_form import BOX
    from reports.pdf.blocks import BOX_SIDE
    data = build_handover(handover_for(clerk, handed.id))
    png, = render(data, tmp_path, "handover")
    upper, lower = L.bands(2, BOX)
    # The copy is one form object shown in both bands: where pypdf says a word is, in the upper band.
    found = {text.strip(): (x, y) for text, x, y, _size in fragments(data)
             if text.strip() in ("购房合同", "业主身份证", "入伙通知书", "购房发票")}
    for shift in (0, lower.y - upper.y):
        ink = {}
        for name, (x, y) in found.items():
            y += shift
            ink[name] = dark_share(png, (x - 1.5 * mm - BOX_SIDE + 1.2, y + 0.7, x - 1.5 * mm - 1.2, y + BOX_SIDE - 1.7))
        assert ink["购房合同"] > 0.15 and ink["业主身份证"] > 0.15, ink         # ticked
        assert ink["入伙通知书"] < 0.02 and ink["购房发票"] < 0.02, ink           # blank, for the pen


def test_a_role_that_may_see_id_numbers_prints_it_in_full_and_the_print_is_recorded(handed, supervisor):
    from models.audit import AuditLog
    before = AuditLog.select().where(AuditLog.action == "personal.view").count()
    office, owners = copies(make_document(supervisor, "handover", handed.serial))
    assert "110101199003077774" in office and "110101199003077774" in owners
    assert AuditLog.select().where(AuditLog.action == "personal.view").count() == before + 1


def test_the_clerk_signed_in_prints_the_id_she_checked_and_the_computer_s_account_masks_it(handed):
    signed_in = Actor("李静", CLERK, user_id=7)
    assert "110101199003077774" in page_texts(make_document(signed_in, "handover", handed.serial))[0]
    text, = page_texts(make_document(Actor.command_line(), "handover", handed.serial))
    assert "110101199003077774" not in text and "1101**********7774" in text and "138****5678" in text


def test_a_meter_not_read_is_a_blank_row_and_no_defect_says_none(estate, vacant, clerk):
    from models.handover.handing import Reading, hand_over
    from tests.reports.handover.conftest import handover_input
    done = hand_over(clerk, handover_input(estate, vacant, readings=[Reading("water", "SB-1301", "3")], defects=[],
                                           keys=[("入户门", 2)]))
    text, = page_texts(make_document(clerk, "handover", done.serial))
    assert "水表SB-13013吨" in text and "电表吨" not in text and "燃气表" in text and "RQ-1301" not in text
    assert "问题责任部门整改期限无" in text and "合计：2把" in text


def test_four_defects_still_leave_both_copies_on_one_a4(estate, vacant, clerk):
    from models.handover.handing import DefectInput, hand_over
    from tests.reports.handover.conftest import handover_input
    defects = [DefectInput(place, problem, "engineering") for place, problem in (
        ("主卧", "窗框渗水，雨后窗台内侧有明显水迹"), ("客厅", "墙面裂缝约30cm"), ("厨房", "燃气表箱门无法关闭"), ("主卫", "地漏排水慢"))]
    done = hand_over(clerk, handover_input(estate, vacant, defects=defects, keys=[("入户门", 3), ("信报箱", 2), ("电表箱", 1)]))
    data = make_document(clerk, "handover", done.serial)
    office, owners = copies(data)
    assert _pages(data) == 1 and "4主卫地漏排水慢工程部" in office and "4主卫地漏排水慢工程部" in owners


def test_a_card_is_counted_in_zhang_a_remote_in_ge_and_the_total_says_both(estate, vacant, clerk):
    from models.handover.handing import hand_over
    from tests.reports.handover.conftest import handover_input
    keys = [("入户门", 3), ("信报箱", 2), ("单元门禁卡", 2), ("车库遥控器", 1)]
    done = hand_over(clerk, handover_input(estate, vacant, keys=keys))
    assert handover_for(clerk, done.id).key_totals == ((5, "把"), (2, "张"), (1, "个"))
    office, owners = copies(make_document(clerk, "handover", done.serial))
    for copy in (office, owners):
        assert "入户门3把" in copy and "信报箱2把" in copy and "单元门禁卡2张" in copy and "车库遥控器1个" in copy
        assert "合计：8件（5把、2张、1个）" in copy and "门禁卡2把" not in copy


def _crowded(estate, vacant, clerk, defects: int, problem: str = "") -> str:
    """A handover with every kind of key, a deed, a note and an appointment's time, and ``defects`` defects."""
    from models.handover.handing import DefectInput, hand_over
    from tests.reports.handover.conftest import handover_input
    places = ("主卧", "客厅", "厨房", "主卫", "次卧", "阳台")
    found = [DefectInput(places[n % 6], problem or f"墙面涂料污损第{n + 1}处", "contractor") for n in range(defects)]
    keys = [("入户门", 2), ("信报箱", 2), ("单元门禁卡", 2), ("水表箱", 2), ("电表箱", 2)]
    return hand_over(clerk, handover_input(estate, vacant, defects=found, keys=keys,
                                           note="物业服务协议业主带回细读，下次交回")).serial


@needs_poppler
def test_four_defects_a_note_and_five_kinds_of_key_fit_both_copies_on_one_a4_in_type_of_9_pt(estate, vacant, clerk,
                                                                                            tmp_path):
    from reports.pdf import layout as L
    from reports.pdf.handover.handover_form import BOX
    data = make_document(clerk, "handover", _crowded(estate, vacant, clerk, 4))
    assert _pages(data) == 1
    office, owners = copies(data)
    assert "4主卫墙面涂料污损第4处施工单位" in office and "备注物业服务协议业主带回细读" in owners
    assert "合计：10件（8把、2张）" in office
    assert min(size for _t, _x, _y, size in fragments(data)) >= 9
    png, = render(data, tmp_path, "crowded", dpi=60)
    upper, lower = L.bands(2, BOX)
    for band in (upper, lower):                               # each copy fills its half: ink low in the band
        assert dark_share(png, (BOX.x, band.y + 2, BOX.x + 150, band.y + 40), dpi=60) > 0.005, band


def test_a_copy_too_long_for_half_a_page_fills_its_own_page(estate, vacant, clerk):
    from reports.pdf.handover.handover_form import BOX, MARGIN
    problem = "墙面空鼓约30cm×40cm，需铲除后重新批灰并刷乳胶漆，完工后通知业主验收"
    data = make_document(clerk, "handover", _crowded(estate, vacant, clerk, 5, problem))
    assert _pages(data) == 2
    for page in (0, 1):
        found = fragments(data, page)
        stamp = [y for t, _x, y, _size in found if t.strip() == "盖章"]
        assert stamp and stamp[0] < MARGIN + 35, stamp       # the foot of the copy at the foot of the page
        assert max(y for _t, _x, y, _size in found) > BOX.top - 40


def test_a_long_list_of_defects_prints_each_copy_on_its_own_page(estate, vacant, clerk):
    from models.handover.handing import DefectInput, hand_over
    from tests.reports.handover.conftest import handover_input
    defects = [DefectInput(f"次卧{n}", "墙面空鼓约30cm×40cm，需铲除后重新批灰并刷乳胶漆，完工后通知业主验收", "contractor")
               for n in range(1, 10)]
    done = hand_over(clerk, handover_input(estate, vacant, defects=defects))
    data = make_document(clerk, "handover", done.serial)
    office, owners = page_texts(data)
    assert "第一联管理处存档" in office and "第二联业主留存" in owners
    for copy in (office, owners):
        assert all(f"{n}次卧{n}墙面空鼓" in copy for n in range(1, 10)) and "施工单位" in copy
        assert "业主签字：" in copy and "管理处(盖章)" in copy
    sizes = {round(size, 1) for t, _x, _y, size in fragments(data) if t.strip() == "次卧1"}
    assert sizes == {10.5}                                  # alone on its page, a copy is set in full-size type


def test_a_handover_is_found_by_its_room_or_its_number_and_named(handed):
    document = get_document("handover")
    assert document.find("3-2-1301") == handed.id == document.find(handed.serial.lower())
    assert document.name(handed.id) == f"交房确认单 {handed.serial}"


@pytest.mark.parametrize("typed, said", [("9-9-999", "没有房号 9-9-999"), ("3-2-1202", "3栋2单元1202 尚未办理交房"),
                                          ("JF2020-000999", "JF2020-000999")])
def test_a_room_unknown_or_never_handed_over_is_said_in_a_sentence(handed, typed, said):
    with pytest.raises(NotFound) as refused:
        get_document("handover").find(typed)
    assert said in str(refused.value)


def test_printing_needs_the_handover_view_permission(handed):
    with pytest.raises(NotAllowed):
        handover_for(Actor("周卫东", "gate"), handed.id)


@needs_poppler
def test_the_form_renders_on_a4(handed, clerk, tmp_path):
    from PIL import Image
    png, = render(make_document(clerk, "handover", handed.serial), tmp_path, "form", dpi=60)
    with Image.open(png) as image:
        assert abs(image.size[0] - 496) <= 1 and abs(image.size[1] - 702) <= 1
        assert image.convert("L").getextrema()[0] < 50
