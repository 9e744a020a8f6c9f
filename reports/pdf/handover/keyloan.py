"""钥匙借用单 on paper (FORMS.md 钥匙借用登记): 第一联 存根 (stays in the office's book) and 第二联 借用人联
(goes with the key) on one A4, a dashed cut line between them, as the release slip is printed.

Each part: letterhead, the spaced title with the red JY number; a ruled grid of 钥匙编号 (the hook and
the tag), 类别, 房号/区域 (what the key opens), 借用人 (and whether staff, contractor or owner), 单位, 电话,
事由, 借出时间, 应还时间 (bold: what the borrower must keep to), 归还时间, 归还人 and 收回人 (filled once
returned, blanks for the pen while the key is out); the borrowing rules; 经办人 and 借用人签字. A slip
reprinted after the key came back (or was lost) says so in red under its grid.
"""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from models.handover.printed import PrintedLoan
from reports.pdf import layout as L
from reports.pdf.handover.pieces import covered, moment, text

TITLE = "钥匙借用单"
PARTS = ("第一联 存根", "第二联 借用人联")
KEY, KIND, OPENS = "钥匙编号", "类别", "房号/区域"
KEY_TEXT = "{hook}（钥匙牌 {tag}）"
BORROWER, UNIT, PHONE, PURPOSE = "借用人", "单位", "电话", "事由"
BORROWER_TEXT = "{name}（{kind}）"
OUT, DUE, RETURNED, RETURNED_BY, RECEIVED_BY = "借出时间", "应还时间", "归还时间", "归还人", "收回人"
RULES = ("借用须知：钥匙仅限本单所列事由使用，不得转借、复制；请于应还时间前交回管理处，逾期请先电话说明；"
         "钥匙遗失须立即报告管理处，由借用人承担换锁或配制费用。")
HANDLED, SIGNED = "经办人", "借用人签字"

MARGIN = 10 * mm
BOX = L.content_box(margin=MARGIN)
WIDTH = L.part_width(BOX)
LABEL_W = 24 * mm
COLS = (LABEL_W, WIDTH / 2 - LABEL_W, LABEL_W, WIDTH / 2 - LABEL_W)
SIZE = 10.5
PADDING = [("TOPPADDING", (0, 0), (-1, -1), 6.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 7.5)]   # room for the pen


def _t(value, kind: str = "text"):
    return text(value, kind, SIZE)


def _lab(value: str):
    return text(value, "label", SIZE)


def _grid(doc: PrintedLoan):
    back = doc.returned_at is not None
    rows = [[_lab(KEY), _t(KEY_TEXT.format(hook=doc.hook, tag=doc.tag), "strong"), _lab(KIND), _t(doc.kind)],
            [_lab(OPENS), _t(doc.opens, "big"), covered(), covered()],
            [_lab(BORROWER), _t(BORROWER_TEXT.format(name=doc.borrower, kind=doc.borrower_kind)), _lab(UNIT),
             _t(doc.unit)],
            [_lab(PHONE), _t(doc.phone), covered(), covered()],
            [_lab(PURPOSE), _t(doc.purpose), covered(), covered()],
            [_lab(OUT), _t(moment(doc.out_at)), _lab(DUE), _t(moment(doc.due_at), "strong")],
            [_lab(RETURNED), _t(moment(doc.returned_at) if back else moment(None)), _lab(RETURNED_BY),
             _t(doc.returned_by)],
            [_lab(RECEIVED_BY), _t(doc.received_by), covered(), covered()]]
    spans = [((1, r), (3, r)) for r in (1, 3, 4, 7)]
    shade = [("BACKGROUND", (0, 0), (0, -1), L.HEAD_SHADE)]
    shade += [("BACKGROUND", (2, r), (2, r), L.HEAD_SHADE) for r in (0, 2, 5, 6)]
    rules = [("LINEABOVE", (0, r), (-1, r), 1.0, "black") for r in (2, 5)]
    return L.grid(rows, COLS, spans=spans, style=PADDING + shade + rules)


def part(doc: PrintedLoan) -> list[Flowable]:
    """One part's flowables; build afresh for each drawing."""
    # The moment of the loan is on the slip (借出时间): the signatures need no date blanks of their own.
    signatures = [L.Signature(HANDLED, name=doc.lent_by, with_date=False), L.Signature(SIGNED, with_date=False)]
    state = [Spacer(0, 1.5 * mm), _t(doc.state_line, "red")] if doc.state_line else []
    return [L.heading(TITLE, office=doc.office, serial=doc.serial, title_size=17, office_size=11),
            Spacer(0, 2 * mm), _grid(doc)] + state + [
            Spacer(0, 2 * mm), text(RULES, "small", SIZE), Spacer(0, 3 * mm), L.SignatureRow(signatures, size=SIZE)]


def build_loan(doc: PrintedLoan) -> bytes:
    """Both parts on one A4, the stub above the borrower's part."""
    def draw(c) -> None:
        L.draw_parts(c, [(PARTS[0], part(doc)), (PARTS[1], part(doc))], BOX, shrink=True)
    return L.canvas_pdf(f"{TITLE} No. {doc.serial}", [draw], author=doc.office)
