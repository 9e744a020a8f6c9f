"""装修申请表, 装修许可证 and 整改通知书 read back from their PDFs as the owner, the corridor and the
inspector read the paper: numbers, names, dates, masks, parts, large type, and each page rendered."""
from __future__ import annotations

import datetime as dt
import io
import shutil

import pytest
from pypdf import PdfReader

from models import settings
from models.attachments import add_attachment
from models.db import write_tx
from models.errors import Conflict, NotAllowed
from models.renovation import deciding, inspections
from models.renovation.printed import application_for, notice_for, permit_for
from models.users import Actor
from reports.pdf.registry import get_document, make_document
from reports.pdf.renovation.application import build_application
from reports.pdf.renovation.notice import build_notice
from tests.domain.renovation.conftest import TODAY, pdf
from tests.reports.release.slip_pages import fragments, halves, page_texts, render
from tests.reports.renovation.conftest import LONG_CONTRACTOR, LONG_FINDING, notice_for_finding

needs_poppler = pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) is not installed")


def _pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def _cn(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# --- 装修申请表 ------------------------------------------------------------------------------------


def test_the_application_form_carries_the_owner_the_contractor_the_works_and_the_fees(submitted, clerk):
    doc = application_for(clerk, submitted.id)
    text, = page_texts(build_application(doc))
    end = TODAY + dt.timedelta(days=30)
    for expected in (f"No.{submitted.serial}", "装修申请表", "阳光花园管理处", "房号3栋2单元1202", "业主张伟",
                     "联系电话13812345678", "施工单位深圳市安居装饰工程有限公司", "营业执照号91440300MA5F8XYZ1K",
                     "资质证书号D244012345", "负责人陈建国", "联系电话13612345678", "墙面、天花", "电气线路", "门窗",
                     "施工人数2人（刘师傅、黄师傅）", f"工期{_cn(TODAY)}至{_cn(end)}，共31天", "图纸无",
                     "已交资料营业执照", "装修保证金¥2,000.00", "合计¥2,540.00", "业主承诺",
                     "业主（代理人）签字", "施工单位负责人签字", "（待工程部审批）", "管理处意见", "受理人：李静"):
        assert expected in text, expected
    assert f"收据No.{submitted.receipt.serial}" in text
    assert _pages(build_application(doc)) == 1


def test_the_decision_prints_once_made_and_the_phone_is_masked_for_a_role_without_phones(submitted, engineer,
                                                                                          clerk):
    add_attachment(clerk, "renovation", submitted.id, "drawings.pdf", pdf(), label="施工图纸")
    deciding.approve(engineer, submitted.id, "按图施工，不得改动燃气管道")
    text, = page_texts(make_document(engineer, "renovation_application", submitted.serial))
    assert "同意。按图施工，不得改动燃气管道。" in text and "审批人：赵工" in text
    assert "联系电话138****5678" in text and "13812345678" not in text      # the supervisor sees no phones
    assert "13612345678" in text                                            # the contractor's is its business line
    assert "图纸有（1份）" in text and "已交资料营业执照、施工图纸" in text
    assert "同意" in page_texts(make_document(clerk, "renovation_application", submitted.serial))[0]


def test_a_rejected_application_prints_its_reasons(rejected, clerk):
    text, = page_texts(make_document(clerk, "renovation_application", rejected.serial))
    assert "不同意。未提交施工图纸。" in text


def test_the_checklist_lists_every_item_and_ticks_exactly_the_planned_works(submitted, clerk):
    doc = application_for(clerk, submitted.id)
    assert [name for name, ticked in doc.works if ticked] == ["墙面、天花", "电气线路"]
    text, = page_texts(build_application(doc))
    assert all(name.replace(" ", "") in text for name, _ticked in doc.works) and len(doc.works) == 11


# --- 装修许可证 -------------------------------------------------------------------------------------


def test_the_permit_shows_what_the_corridor_needs_with_the_id_masked(in_works, clerk):
    with write_tx():
        settings.Setting.create(key="renovation.work_hours", value="工作日 8:30-12:00，14:00-17:30")
    data = make_document(clerk, "permit", in_works.serial)
    text, = page_texts(data)
    end = TODAY + dt.timedelta(days=30)
    for expected in ("装修许可证", f"No.{in_works.serial}", "房号3栋2单元1202", "张伟", "居民身份证1101**********7774",
                     "墙面、天花；电气线路", f"施工期限{_cn(TODAY)}至{_cn(end)}", "允许施工时间工作日8:30-12:00，14:00-17:30",
                     "施工单位深圳市安居装饰工程有限公司", "现场负责人陈建国电话：13612345678", "0755-88886666",
                     "管理处(盖章)", f"发证日期：{_cn(TODAY)}"):
        assert expected in text, expected
    assert "110101199003077774" not in text
    sizes = {t.strip(): size for t, _x, _y, size in fragments(data) if t.strip()}
    assert sizes["3栋2单元1202"] >= 24 and sizes["0755-8888 6666"] >= 24       # read from the corridor
    assert min(size for t, size in sizes.items() if "深圳市安居" in t) >= 16


def test_a_permit_with_a_long_contractor_name_stays_on_one_page(many_workers, clerk):
    data = make_document(clerk, "permit", many_workers.serial)
    assert _pages(data) == 1 and LONG_CONTRACTOR in page_texts(data)[0]


@pytest.mark.parametrize("fixture", ["rejected", "submitted"])
def test_a_permit_is_refused_for_an_application_not_approved(fixture, request, clerk):
    renovation = request.getfixturevalue(fixture)
    with pytest.raises(Conflict) as refused:
        make_document(clerk, "permit", renovation.serial)
    assert renovation.serial in str(refused.value) and "批准" in str(refused.value)


def test_a_permit_is_refused_once_the_works_are_over(in_works, clerk, engineer):
    deciding.request_completion(clerk, in_works.id)
    deciding.accept(engineer, in_works.id, "验收合格")
    with pytest.raises(Conflict, match="装修许可证"):
        permit_for(clerk, in_works.id)


def test_printing_needs_the_renovation_view_permission(in_works):
    with pytest.raises(NotAllowed):
        permit_for(Actor("周卫东", "gate"), in_works.id)


# --- 整改通知书 -------------------------------------------------------------------------------------


def test_the_notice_prints_both_parts_with_the_finding_rule_and_deadline(notice, clerk):
    doc = notice_for(clerk, notice.id)
    data = build_notice(doc)
    assert _pages(data) == 1
    stub, handed = halves(data)
    seen = notice.inspection.at
    for part in (stub, handed):
        for expected in (f"No.{notice.serial}", "整改通知书", "致：3栋2单元1202业主张伟、施工单位深圳市安居装饰工程有限公司：",
                         f"检查时间{_cn(seen.date())}{seen:%H:%M}", "经检查发现公共走廊堆放装修材料，影响通行",
                         "违反《装修管理规定》第十二条不得占用公共通道堆放材料", "整改要求当日内清理走廊材料，恢复通道畅通",
                         f"请于{_cn(TODAY + dt.timedelta(days=3))}前整改完毕", "业主委员会", "检查人：李静"):
            assert expected in part, expected
    assert "第一联存根" in stub and "签收人" in stub and "管理处(盖章)" not in stub
    assert "第二联送达联" in handed and "管理处(盖章)" in handed and "0755-88886666" in handed


def test_a_signed_notice_reprints_with_the_receiver_and_a_rectified_one_says_so(notice, clerk, engineer):
    inspections.signed_for(clerk, notice.id, "张伟")
    inspections.recheck(engineer, notice.id, True)
    stub, handed = halves(make_document(clerk, "notice", notice.serial))
    assert "签收人：张伟" in stub and "已整改" in stub and "已整改" in handed


def test_a_long_finding_addressed_to_the_contractor_fits_its_half(in_works, engineer, clerk):
    long = notice_for_finding(engineer, in_works, text=LONG_FINDING, rule="违反《装修管理规定》第六条 不得擅自改动燃气管线",
                              required=LONG_FINDING + "请立即恢复原状。", addressed_to="contractor")
    data = make_document(clerk, "notice", long.serial)
    stub, handed = halves(data)
    assert _pages(data) == 1
    assert "致：3栋2单元1202施工单位深圳市安居装饰工程有限公司：" in stub and "业主张伟" not in stub
    assert LONG_FINDING in stub and stub.count("违反《装修管理规定》第六条") == 1


def test_the_notice_is_found_by_its_number_and_named(notice):
    document = get_document("notice")
    assert document.find(notice.serial) == notice.id
    assert document.name(notice.id) == f"整改通知书 {notice.serial}"
    assert get_document("permit").name(notice.renovation_id).startswith("装修许可证 ZX")


@needs_poppler
def test_each_form_renders(in_works, notice, clerk, tmp_path):
    from PIL import Image
    for key, number in (("renovation_application", in_works.serial), ("permit", in_works.serial),
                        ("notice", notice.serial)):
        (png,) = render(make_document(clerk, key, number), tmp_path, key, dpi=60)
        with Image.open(png) as image:
            assert abs(image.size[0] - 496) <= 1 and abs(image.size[1] - 702) <= 1      # A4 portrait
            assert image.convert("L").getextrema()[0] < 50       # something dark was drawn


def test_a_note_that_already_says_the_decision_is_not_said_twice(submitted, engineer):
    deciding.approve(engineer, submitted.id, "同意。空调外机按预留机位安装")
    text, = page_texts(make_document(engineer, "renovation_application", submitted.serial))
    assert "同意。空调外机按预留机位安装。" in text and "同意。同意" not in text


def test_a_permit_waits_for_the_fees(estate, lived_in, clerk, engineer):
    from models.renovation.applying import submit_application
    from tests.domain.renovation.conftest import application
    unpaid = submit_application(clerk, application(estate, fees=None))
    deciding.approve(engineer, unpaid.id)
    with pytest.raises(Conflict, match="尚未缴费"):
        make_document(clerk, "permit", unpaid.serial)
