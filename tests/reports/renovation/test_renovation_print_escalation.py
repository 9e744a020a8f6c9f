"""装修整改问题上报 read back: which notices it reports (overdue and open, or reported before; issued in
the period), the summary in figures, the PDF's text, the workbook's cells as openpyxl reads them, and
the report kept as the escalation's file."""
from __future__ import annotations

import datetime as dt
import io
import shutil

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from models.attachments import attachments_of, content
from models.errors import InvalidInput
from models.renovation import deciding, inspections
from models.renovation.printed import escalation_for
from models.renovation.works import RectificationNotice
from reports.excel.renovation.escalation import write_escalation
from reports.pdf.registry import make_document
from reports.pdf.renovation.escalation import build_escalation
from tests.domain.renovation.conftest import TODAY
from tests.reports.release.slip_pages import page_texts, render
from tests.reports.renovation.conftest import LONG_CONTRACTOR, LONG_FINDING, notice_for_finding

needs_poppler = pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) is not installed")
YEAR_START = TODAY.replace(month=1, day=1)


def _cn(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _past(notice, days: int) -> dt.date:
    """The deadline passed ``days`` days ago (time moves on in a test by writing the deadline back)."""
    deadline = TODAY - dt.timedelta(days=days)
    RectificationNotice.update(deadline=deadline).where(RectificationNotice.id == notice.id).execute()
    return deadline


@pytest.fixture
def notices(in_works, many_workers, clerk, engineer):
    """Four notices this year: two overdue and open (one signed for, one re-inspected still not done),
    one rectified, one open but not yet due."""
    deciding.start_works(clerk, many_workers.id)
    corridor = notice_for_finding(clerk, in_works)
    gas = notice_for_finding(engineer, many_workers, text=LONG_FINDING, rule="第六条 不得擅自改动燃气、消防及公共管线",
                             required="恢复燃气管道原状，由燃气公司验收")
    noise = notice_for_finding(clerk, in_works, text="午休时间电钻作业", rule="第七条 施工时间须遵守管理处规定",
                               required="停止休息时间的噪音作业")
    waiting = notice_for_finding(clerk, many_workers, text="阳台外立面未按统一样式封闭", rule="第九条",
                                 required="按统一样式整改", days=5)
    inspections.signed_for(clerk, corridor.id, "张伟")
    inspections.recheck(engineer, gas.id, False, "燃气管道仍未恢复")
    inspections.recheck(engineer, noise.id, True)
    return dict(corridor=corridor, gas=gas, noise=noise, waiting=waiting,
                deadlines=dict(corridor=_past(corridor, 12), gas=_past(gas, 4)))


def test_the_report_holds_the_overdue_open_notices_of_the_period(notices, clerk):
    doc = escalation_for(clerk, YEAR_START, TODAY, "业主委员会")
    assert [row.serial for row in doc.rows] == [notices["corridor"].serial, notices["gas"].serial]
    corridor, gas = doc.rows
    assert (corridor.days_overdue, gas.days_overdue) == (12, 4)
    assert corridor.history == ("已签收（张伟）",) and corridor.owner == "张伟"
    assert gas.history[0] == "未签收" and gas.history[1].endswith("复查（赵工）：燃气管道仍未恢复")
    assert gas.contractor == LONG_CONTRACTOR and gas.room_label == "3栋2单元1201"
    assert (doc.issued, doc.rectified, doc.rooms) == (4, 1, 2)


def test_the_pdf_reads_as_a_report_to_the_committee(notices, clerk):
    data = make_document(clerk, "escalation", "", {"from": str(YEAR_START), "to": str(TODAY), "report_to": "业主委员会"})
    text = "".join(page_texts(data))
    period = f"{_cn(YEAR_START)}至{_cn(TODAY)}"
    for expected in ("阳光花园管理处", "装修整改问题上报", "致：业主委员会", f"报告期间：{period}",
                     f"报告日期：{_cn(TODAY)}", f"{period}，管理处共发出装修整改通知书4份，已整改1份；"
                     "逾期仍未整改2份，涉及2户，最长逾期12天。", notices["corridor"].serial, notices["gas"].serial,
                     "3栋2单元1202", "公共走廊堆放装修材料，影响通行", "第十二条不得占用公共通道堆放材料",
                     _cn(notices["deadlines"]["corridor"]), "已签收（张伟）", "燃气管道仍未恢复", "管理处(盖章)",
                     "联系电话：0755-88886666", "负责人："):
        assert expected in text, expected
    assert notices["noise"].serial not in text and notices["waiting"].serial not in text


def test_the_default_period_is_this_year_and_the_default_addressees_all_three(notices, clerk):
    text = "".join(page_texts(make_document(clerk, "escalation", "")))
    assert f"报告期间：{_cn(YEAR_START)}至{_cn(TODAY)}" in text
    assert "致：业主委员会、居民委员会、房地产主管部门" in text and notices["gas"].serial in text


def test_a_period_with_nothing_unresolved_says_so(notices, clerk):
    last_year = dt.date(TODAY.year - 1, 1, 1), dt.date(TODAY.year - 1, 12, 31)
    doc = escalation_for(clerk, *last_year)
    text, = page_texts(build_escalation(doc))
    assert doc.rows == () and "本期无逾期未整改的问题。" in text and "共发出装修整改通知书0份" in text


def test_a_period_ending_before_it_begins_is_refused(clerk, db):
    with pytest.raises(InvalidInput, match="早于"):
        make_document(clerk, "escalation", "", {"from": str(TODAY), "to": str(TODAY - dt.timedelta(days=1))})
    with pytest.raises(InvalidInput, match="--from"):
        make_document(clerk, "escalation", "2026-01")


def test_once_reported_the_notices_stay_in_the_report_with_when_and_to_whom(notices, clerk, engineer):
    data = make_document(engineer, "escalation", "", {"report_to": "居民委员会"})
    escalation = inspections.escalate(engineer, "居民委员会", YEAR_START, TODAY, data, "逾期未整改")
    kept, = attachments_of("escalation", escalation.id)
    assert kept.mime == "application/pdf" and content(kept.id)[1] == data
    doc = escalation_for(clerk, YEAR_START, TODAY)
    assert [row.serial for row in doc.rows] == [notices["corridor"].serial, notices["gas"].serial]
    assert doc.rows[0].history[-1] == f"{_cn(TODAY)} 已上报居民委员会"


def test_the_workbook_holds_the_same_rows_as_real_dates_and_numbers(notices, clerk, tmp_path):
    doc = escalation_for(clerk, YEAR_START, TODAY, "业主委员会")
    path = tmp_path / "上报.xlsx"
    assert write_escalation(doc, path) == 2
    book = load_workbook(path)
    assert book.sheetnames == ["未整改问题", "汇总"]
    rows = book["未整改问题"]
    head = [cell.value for cell in rows[1]]
    assert head == ["序号", "通知书编号", "房号", "业主", "施工单位", "发现问题", "违反条款", "检查时间", "整改期限",
                    "逾期天数", "复查及处理情况"]
    assert rows.freeze_panes == "A2" and rows.auto_filter.ref == "A1:K3"
    first = [cell.value for cell in rows[2]]
    assert first[:5] == [1, notices["corridor"].serial, "3栋2单元1202", "张伟", "深圳市安居装饰工程有限公司"]
    assert isinstance(first[7], dt.datetime) and first[8].date() == notices["deadlines"]["corridor"]
    assert first[9] == 12 and first[10] == "已签收（张伟）"
    assert rows.column_dimensions["F"].width >= 40
    summary = {row[0].value: row[1].value for row in book["汇总"].iter_rows(min_row=2)}
    assert summary["报送"] == "业主委员会" and summary["本期发出整改通知书（份）"] == 4
    assert summary["逾期未整改（份）"] == 2 and summary["报告期间自"].date() == YEAR_START
    assert "最长逾期 12 天" in summary["说明"]


@needs_poppler
def test_the_report_renders_landscape(notices, clerk, tmp_path):
    from PIL import Image
    data = make_document(clerk, "escalation", "")
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    (png,) = render(data, tmp_path, "escalation", dpi=60)
    with Image.open(png) as image:
        assert image.size[0] > image.size[1]
