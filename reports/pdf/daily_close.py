"""收款日结单: a clerk's receipts of the day, totalled by method, signed over to finance.

A flowing A4 document (page numbers, the list's column heads repeated on every page):
letterhead, title, the close number in red, a ruled list of the receipts (voided ones
listed, greyed and marked 作废, not counted), the totals by method and in 大写, and the
two signatures of the hand-over: 交款人(经办人) and 收款人(财务).
"""
from __future__ import annotations

from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from models.money.amounts import yuan
from models.money.documents import CloseDoc
from reports.pdf import layout as L

# Printed words: the form is Chinese whatever the screen language (FORMS.md).
TITLE = "收款日结单"
CLERK = "经办人：{clerk}"
DAY = "日结日期：{day}"
SUMMARY = "本单收据 {n} 张，其中有效 {counted} 张，作废 {voided} 张（作废收据列出备查，不计入合计）；日结时间：{at}。"
HEAD = ("序号", "收据号", "收款时间", "房号", "交款人", "收款方式", "金额（元）", "备注")
VOIDED = "作废"
VOIDED_LATER = "日结后作废（已计入）"
NO_RECEIPTS = "（无）"
TOTALS_HEAD = ("收款方式", "笔数", "金额（元）")
TOTAL = "合计"
CAPITAL = "合计人民币（大写）："
HANDED = "交款人（经办人）"
RECEIVED = "收款人（财务）"
NOT_YET = "注：财务尚未确认收款。"

WIDTH = L.PAGE[0] - 2 * L.MARGIN
# The room column holds 23栋1单元1802 or 车位 P1-B1022 on one line (a room number split over two
# lines is misread); names are short, remarks wrap.
COLS = (11 * mm, 25 * mm, 24 * mm, 32 * mm, 20 * mm, 18 * mm, 24 * mm, WIDTH - 154 * mm)
TOTAL_COLS = (40 * mm, 25 * mm, 45 * mm)
SIZE = 9.5
GREYED = colors.HexColor("#707070")


@lru_cache(maxsize=1)
def _styles() -> dict[str, ParagraphStyle]:
    cell = ParagraphStyle("close-cell", L.styles().text, fontSize=SIZE, leading=SIZE * 1.3)
    return dict(
        cell=cell,
        center=ParagraphStyle("close-center", cell, alignment=TA_CENTER),
        money=ParagraphStyle("close-money", cell, alignment=TA_RIGHT),
        void=ParagraphStyle("close-void", cell, textColor=L.RED),
        label=ParagraphStyle("close-label", L.styles().label, fontSize=SIZE, leading=SIZE * 1.3),
        bold_money=ParagraphStyle("close-bold-money", cell, fontName=L.styles().label.fontName, alignment=TA_RIGHT),
        bold=ParagraphStyle("close-bold", cell, fontName=L.styles().label.fontName),
    )


@lru_cache(maxsize=None)
def _grey(kind: str) -> ParagraphStyle:
    return ParagraphStyle(f"close-{kind}-grey", _styles()[kind], textColor=GREYED)


def _time(doc: CloseDoc, at) -> str:
    """09:30 for the close's day; 11月23日 09:30 for a receipt left open from an earlier day."""
    return at.strftime("%H:%M") if at.date() == doc.day else f"{at.month}月{at.day}日 {at:%H:%M}"


def _receipts(doc: CloseDoc):
    st = _styles()
    rows = [[Paragraph(h, st["label"]) for h in HEAD]]
    style = []
    for n, line in enumerate(doc.receipts, 1):
        # A voided receipt is listed for the record, greyed and shaded: visibly out of the count.
        cell = (lambda value, kind="cell": L.text(value, _grey(kind))) if line.voided else \
            (lambda value, kind="cell": L.text(value, st[kind]))
        if line.voided:
            remark = L.text(f"{VOIDED}：{line.void_reason}" if line.void_reason else VOIDED, st["void"])
        elif line.voided_later:
            remark = L.text(VOIDED_LATER, st["void"])
        else:
            remark = cell("")
        rows.append([cell(n, "center"), cell(line.serial, "center"), cell(_time(doc, line.taken_at), "center"),
                     cell(line.room_label), cell(line.payer), cell(line.method_label, "center"),
                     cell(yuan(line.amount_fen).replace("¥", ""), "money"), remark])
        if line.voided:
            style.append(("BACKGROUND", (0, n), (-1, n), L.HEAD_SHADE))
    if not doc.receipts:
        rows.append([L.text(NO_RECEIPTS, st["center"])] + [""] * (len(HEAD) - 1))
        style.append(("SPAN", (0, 1), (-1, 1)))
    return L.grid(rows, COLS, header_rows=1, style=style + [("TOPPADDING", (0, 0), (-1, -1), 2.5),
                                                           ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5)])


def _totals(doc: CloseDoc):
    st = _styles()
    rows = [[Paragraph(h, st["label"]) for h in TOTALS_HEAD]]
    rows += [[L.text(t.label, st["center"]), L.text(t.count, st["center"]),
              L.text(yuan(t.amount_fen).replace("¥", ""), st["money"])] for t in doc.totals]
    rows.append([Paragraph(TOTAL, st["label"]), L.text(doc.counted, st["center"]),
                 L.text(yuan(doc.total_fen), st["bold_money"])])
    rows.append([L.text(f"{CAPITAL}{doc.capital}", st["bold"]), "", ""])
    last = len(rows) - 1
    return L.grid(rows, TOTAL_COLS, header_rows=1, spans=[((0, last), (2, last))],
                  style=[("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
                         ("LINEABOVE", (0, last - 1), (-1, last - 1), 1.0, colors.black)])


def build_close(doc: CloseDoc) -> bytes:
    """The daily close as PDF bytes, flowing over as many pages as its receipts need."""
    confirmed_on = doc.confirmed_at.date() if doc.confirmed_at else None
    summary = SUMMARY.format(n=len(doc.receipts), counted=doc.counted, voided=doc.voided,
                             at=f"{L.cn_date(doc.closed_at.date())} {doc.closed_at:%H:%M}")
    signatures = L.sign_off([[L.Signature(HANDED, name=doc.clerk, date=doc.day)],
                             [L.Signature(RECEIVED, name=doc.confirmed_by, date=confirmed_on)]], WIDTH, stamp=None,
                            after=[] if doc.confirmed_by else [L.text(NOT_YET, L.styles().small)])
    story = [
        L.heading(TITLE, office=doc.office, serial=doc.close_no, left=CLERK.format(clerk=doc.clerk),
                  right=DAY.format(day=L.cn_date(doc.day))),
        Spacer(0, 2 * mm),
        L.text(summary, _styles()["cell"]),
        Spacer(0, 2 * mm),
        _receipts(doc),
        Spacer(0, 5 * mm),
        # The totals and the signatures belong together: one is what the other signs for.
        KeepTogether([_totals(doc), Spacer(0, 8 * mm), signatures]),
    ]
    return L.flowing_pdf(story, title=f"{TITLE} No. {doc.close_no}", office=doc.office)
