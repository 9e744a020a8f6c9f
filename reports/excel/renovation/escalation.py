"""装修整改问题上报 as a workbook, for a committee or an authority that wants the rows, not the paper.

Written by the core writer (``reports.excel.writer.XlsxBook``): real dates and numbers, a frozen
header row, filters, widths. Sheet 未整改问题 holds one row per unresolved notice, the same rows as
the PDF (``reports.pdf.renovation.escalation``); sheet 汇总 the period, whom it is for and the
figures. The words are Chinese, as on the printed report.
"""
from __future__ import annotations

from pathlib import Path

from models.renovation.printed import PrintedEscalation
from reports.excel.writer import XlsxBook
from reports.pdf.renovation.escalation import summary

ROWS_SHEET, SUMMARY_SHEET = "未整改问题", "汇总"
HEADERS = ("序号", "通知书编号", "房号", "业主", "施工单位", "发现问题", "违反条款", "检查时间", "整改期限",
           "逾期天数", "复查及处理情况")
WIDTHS = (6, 16, 16, 10, 30, 50, 36, 17, 12, 10, 50)
KINDS = ("int", "text", "text", "text", "text", "text", "text", "datetime", "date", "int", "text")
SUMMARY_HEADERS, SUMMARY_WIDTHS, SUMMARY_KINDS = ("项目", "内容"), (24, 60), ("text", "text")


def _rows(doc: PrintedEscalation):
    for n, row in enumerate(doc.rows, 1):
        yield (n, row.serial, row.room_label, row.owner, row.contractor, row.finding, row.rule, row.inspected_at,
               row.deadline, row.days_overdue, "；".join(row.history))


def _summary(doc: PrintedEscalation) -> list[tuple]:
    return [("报告单位", doc.office), ("联系电话", doc.office_phone), ("报送", doc.to),
            ("报告期间自", doc.date_from), ("报告期间至", doc.date_to), ("报告日期", doc.made_on),
            ("本期发出整改通知书（份）", doc.issued), ("已整改（份）", doc.rectified),
            ("逾期未整改（份）", len(doc.rows)), ("涉及户数", doc.rooms), ("说明", summary(doc))]


def write_escalation(doc: PrintedEscalation, path: str | Path) -> int:
    """The report as ``path`` (.xlsx), written whole or not at all; returns the rows of notices written."""
    with XlsxBook(path) as book:
        written = book.add_sheet(ROWS_SHEET, HEADERS, WIDTHS, _rows(doc), kinds=KINDS)
        book.add_sheet(SUMMARY_SHEET, SUMMARY_HEADERS, SUMMARY_WIDTHS, _summary(doc), kinds=SUMMARY_KINDS)
    return written
