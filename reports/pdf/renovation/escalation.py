"""装修整改问题上报: the rectification notices of a period still not rectified after their deadline,
reported to the owners' committee, the residents' committee or the housing authority (seed 000
§4.3.6), on landscape A4 pages.

The office's name, the title with the period and the day of the report, 致 whom; a short letter
(why the report is made), the summary in figures, then a ruled table, its column heads repeated on
every page: 序号, 通知书编号, 房号, 业主, 施工单位, 发现问题, 违反条款 (of the renovation rules), 检查时间 and 整改期限,
复查及处理情况 (signed for or not, each re-inspection, the works stopped, reported before) and
逾期天数. It ends with what is kept on file, the office's phone, the signatures and the stamp area.
"""
from __future__ import annotations

from functools import lru_cache

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from models.renovation.printed import PrintedEscalation, PrintedUnresolved
from reports.pdf import layout as L
from reports.pdf.fonts import BOLD
from reports.pdf.renovation.pieces import stack

TITLE = "装修整改问题上报"
PERIOD = "报告期间：{start} 至 {end}"
MADE = "报告日期：{date}"
TO = "致：{to}"
LETTER = ("根据《装修管理规定》及业主与管理处签订的装修管理协议，管理处每日对小区内施工中的装修进行巡查，对违规装修"
          "行为发出整改通知书并限期整改。下列整改通知书逾期仍未整改，经管理处多次督促未果，现将有关情况报告如下，"
          "请予协调处理。")
NOTHING = "本期无逾期未整改的问题。"
HEADS = ("序号", "通知书编号", "房号", "业主", "施工单位", "发现问题", "违反条款", "检查时间\n整改期限", "复查及处理情况",
         "逾期\n天数")
FILED = "附：上述整改通知书存根（含签收记录）、巡查记录及现场照片存管理处备查。"
CONTACT = "报告单位：{office}　　联系电话：{phone}"
HEAD, CLERK = "负责人", "经办人"
STAMP = "管理处(盖章)"

PAGE = landscape(A4)
WIDTH = PAGE[0] - 2 * L.MARGIN
COLS = [w * mm for w in (10, 28, 25, 15, 28, 0, 31, 28, 42, 12)]
COLS[5] = WIDTH - sum(COLS)           # 发现问题 takes what is left
SIZE = 9


@lru_cache(maxsize=1)
def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("escalation", L.styles().text, fontSize=SIZE, leading=SIZE * 1.3)
    return dict(cell=base, center=ParagraphStyle("escalation-center", base, alignment=TA_CENTER),
                right=ParagraphStyle("escalation-right", base, alignment=TA_RIGHT, fontName=BOLD),
                strong=ParagraphStyle("escalation-strong", base, fontName=BOLD),
                head=ParagraphStyle("escalation-head", base, fontName=BOLD, alignment=TA_CENTER),
                to=ParagraphStyle("escalation-to", L.styles().text, fontName=BOLD, fontSize=12, leading=16),
                letter=ParagraphStyle("escalation-letter", L.styles().text, firstLineIndent=2 * L.BODY_SIZE,
                                      leading=L.BODY_SIZE * 1.6),
                summary=ParagraphStyle("escalation-summary", L.styles().text, fontName=BOLD,
                                       firstLineIndent=2 * L.BODY_SIZE, leading=L.BODY_SIZE * 1.6))


def summary(doc: PrintedEscalation) -> str:
    """The report's figures in a sentence (the workbook's 汇总 says it too)."""
    period = f"{L.cn_date(doc.date_from)}至{L.cn_date(doc.date_to)}"
    if not doc.rows:
        return f"{period}，管理处共发出装修整改通知书 {doc.issued} 份，已整改 {doc.rectified} 份，无逾期未整改的问题。"
    longest = max(row.days_overdue for row in doc.rows)
    return (f"{period}，管理处共发出装修整改通知书 {doc.issued} 份，已整改 {doc.rectified} 份；"
            f"逾期仍未整改 {len(doc.rows)} 份，涉及 {doc.rooms} 户，最长逾期 {longest} 天。")


def _t(value, kind: str = "cell") -> Paragraph:
    return L.text(value, _styles()[kind])


def _row(n: int, row: PrintedUnresolved) -> list:
    when = stack(_t(L.cn_date(row.inspected_at)), _t(L.cn_date(row.deadline), "strong"))
    return [_t(n, "center"), _t(row.serial), _t(row.room_label), _t(row.owner), _t(row.contractor), _t(row.finding),
            _t(row.rule), when, _t("\n".join(row.history)), _t(row.days_overdue, "right")]


def _table(doc: PrintedEscalation) -> Flowable:
    rows = [[_t(head, "head") for head in HEADS]] + [_row(n, row) for n, row in enumerate(doc.rows, 1)]
    return L.grid(rows, COLS, header_rows=1, style=[("VALIGN", (0, 1), (-1, -1), "TOP"),
                                                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                                                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4)], split_in_row=False)


def story(doc: PrintedEscalation) -> list[Flowable]:
    period = PERIOD.format(start=L.cn_date(doc.date_from), end=L.cn_date(doc.date_to))
    out = [L.heading(TITLE, office=doc.office, left=period, right=MADE.format(date=L.cn_date(doc.made_on))),
           Spacer(0, 3 * mm), _t(TO.format(to=doc.to), "to"), Spacer(0, 1 * mm), _t(LETTER, "letter"),
           _t(summary(doc), "summary"), Spacer(0, 3 * mm)]
    out += [_table(doc), Spacer(0, 2 * mm), _t(FILED, "letter")] if doc.rows else [_t(NOTHING, "letter")]
    signatures = [[L.Signature(HEAD, date=doc.made_on)], [L.Signature(CLERK, with_date=False)]]
    out += [Spacer(0, 4 * mm), L.sign_off(signatures, WIDTH * 0.6, before=[
        _t(CONTACT.format(office=doc.office, phone=doc.office_phone), "letter"), Spacer(0, 2 * mm)])]
    out[-1].hAlign = "RIGHT"
    return out


def build_escalation(doc: PrintedEscalation) -> bytes:
    title = f"{TITLE} {doc.date_from:%Y-%m-%d}至{doc.date_to:%Y-%m-%d}"
    return L.flowing_pdf(story(doc), title=title, office=doc.office, pagesize=PAGE)
