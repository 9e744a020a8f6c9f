"""退款单: the slip a payee signs for money given back, two parts on one A4 (存根 / 领款人).

Like the receipt it gives money back against, it is a numbered multi-part slip from the
office's book: letterhead, the spaced title 退 款 单 with the red TK number top right, a
ruled grid (领款人 / 房号; the receipt refunded, its date, its amount and what it had back
before; 退款金额 in 大写 and figures; 退款方式 / 退款日期; 退款原因), the payee's
acknowledgement and two signatures (经办人, 领款人签字) beside the stamp area. The parts are
cut apart on the dashed line: the 存根 stays in the book with the payee's signature, the
领款人 part goes with the money.
"""
from __future__ import annotations

from functools import lru_cache

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer

from models.amounts import yuan
from models.money.documents import RefundDoc
from reports.pdf import layout as L

# Printed words: the slip is Chinese whatever the screen language (FORMS.md).
TITLE = "退款单"
PARTS = ("第一联 存根", "第二联 领款人")
PAYEE, ROOM = "领款人", "房号"
RECEIPT, RECEIPT_DATE = "原收据号", "原收款日期"
RECEIPT_TOTAL, REFUNDED_BEFORE = "原收款金额", "此前已退"
AMOUNT, CAPITAL = "退款金额", "人民币（大写）："
METHOD, DATE = "退款方式", "退款日期"
REASON = "退款原因"
NO_RECEIPT = "（无收据）"
ACKNOWLEDGED = "以上退款已如数收到。"
HANDLED, SIGNED = "经办人", "领款人签字"
STAMP = "管理处(盖章)"

MARGIN = 10 * mm
SIZE = 10
LEADING = 13
BOX = L.content_box(margin=MARGIN)
WIDTH = L.part_width(BOX)
LABEL_W = 24 * mm
VALUE_W = (WIDTH - 2 * LABEL_W) / 2
COLS = (LABEL_W, VALUE_W, LABEL_W, VALUE_W)
PADDING = [("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]


@lru_cache(maxsize=1)
def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("refund", L.styles().text, fontSize=SIZE, leading=LEADING)
    bold = L.styles().label.fontName
    return dict(
        text=base,
        label=ParagraphStyle("refund-label", L.styles().label, fontSize=SIZE, leading=LEADING),
        total=ParagraphStyle("refund-total", base, fontName=bold, fontSize=SIZE + 1, leading=LEADING + 1),
        total_money=ParagraphStyle("refund-total-money", base, fontName=bold, fontSize=SIZE + 1,
                                   leading=LEADING + 1, alignment=TA_RIGHT),
        small=ParagraphStyle("refund-small", base, fontSize=9.5, leading=12),
    )


def _t(value, kind: str = "text") -> Paragraph:
    return L.text(value, _styles()[kind])


def _lab(value: str) -> Paragraph:
    return Paragraph(value, _styles()["label"])


def _grid(doc: RefundDoc):
    if doc.receipt_serial:
        receipt = [[_lab(RECEIPT), _t(f"No. {doc.receipt_serial}"), _lab(RECEIPT_DATE),
                    _t(L.cn_date(doc.receipt_date))],
                   [_lab(RECEIPT_TOTAL), _t(yuan(doc.receipt_total_fen)), _lab(REFUNDED_BEFORE),
                    _t(yuan(doc.refunded_before_fen))]]
    else:
        receipt = [[_lab(RECEIPT), _t(NO_RECEIPT), _lab(RECEIPT_DATE), _t("")]]
    rows = [[_lab(PAYEE), _t(doc.payee), _lab(ROOM), _t(doc.room_label)]] + receipt
    amount_row = len(rows)
    rows += [[_lab(AMOUNT), _t(f"{CAPITAL}{doc.capital}", "total"), "", _t(doc.amount_text, "total_money")],
             [_lab(METHOD), _t(doc.method_label), _lab(DATE), _t(doc.date_text)],
             [_lab(REASON), L.at_least(2 * LEADING, _t(doc.reason)), "", ""]]
    last = len(rows) - 1
    # Printed field names are shaded, as on the book's pre-printed slips; the third column holds names
    # except where a value runs across it (the amount in 大写, the reason).
    shade = [("BACKGROUND", (0, 0), (0, -1), L.HEAD_SHADE)] + [
        ("BACKGROUND", (2, r), (2, r), L.HEAD_SHADE) for r in range(len(rows)) if r not in (amount_row, last)]
    spans = [((1, amount_row), (2, amount_row)), ((1, last), (3, last))]
    return L.grid(rows, COLS, spans=spans, style=PADDING + shade + [
        ("LINEABOVE", (0, amount_row), (-1, amount_row), 1.0, "black"),
        ("LINEBELOW", (0, amount_row), (-1, amount_row), 1.0, "black"),
    ])


def _part(doc: RefundDoc) -> list[Flowable]:
    signatures = [[L.Signature(HANDLED, name=doc.by, date=doc.date)], [L.Signature(SIGNED)]]
    return [L.heading(TITLE, office=doc.office, serial=doc.serial, title_size=18, office_size=12),
            Spacer(0, 2 * mm), _grid(doc), Spacer(0, 3 * mm),
            L.sign_off(signatures, WIDTH, stamp=STAMP, before=[_t(ACKNOWLEDGED, "small"), Spacer(0, 2 * mm)])]


def _draw(doc: RefundDoc):
    def draw(c: Canvas):
        # Build each part afresh: a flowable is laid out once.
        L.draw_parts(c, [(name, _part(doc)) for name in PARTS], BOX, shrink=True)
    return draw


def build_refund(doc: RefundDoc) -> bytes:
    """One refund slip: an A4 with its two parts."""
    return L.canvas_pdf(f"{TITLE} No. {doc.serial}", [_draw(doc)], author=doc.office)
