"""收据: the three-part receipt on one A4 (第一联 存根 / 第二联 交款人 / 第三联 记账).

Each part is the whole receipt as the pre-printed book has it: letterhead, the spaced title
收 据 with the red number top right, a ruled grid (交款人 / 房号 / 日期; eight ruled lines of
收款项目 / 数量 / 金额 beside the stamp area; 合计 in 大写 and figures; 收款方式 / 收款人 /
备注). Parts are cut apart on the dashed lines. A voided receipt reprints with 作废 across
every part and the reason under the grid; a receipt with refunds paid against it reprints
with them noted under the grid (已退款 ¥100.00（TK2026-000106）), so nobody pays them twice.

The book has eight lines. A receipt with more prints its first seven, then one line
"其余 N 项（明细见附页）" with their sum, so 合计 still adds up on the page; the full list
follows on an attached page (收据明细附页) carrying the same number.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer

from models.amounts import yuan
from models.money.documents import ReceiptDoc, ReceiptDocLine
from reports.pdf import layout as L

# Printed words: the receipt is Chinese whatever the screen language (FORMS.md).
TITLE = "收据"
ANNEX_TITLE = "收据明细附页"
PARTS = ("第一联 存根", "第二联 交款人", "第三联 记账")
PAYER, ROOM, DATE = "交款人", "房号", "日期"
ITEM, QUANTITY, AMOUNT = "收款项目", "数量", "金额（元）"
TOTAL_CAPITAL = "合计人民币（大写）："
METHOD, CLERK, NOTE = "收款方式", "收款人", "备注"
STAMP = "管理处(盖章)"
VOID = "作废"
VOID_LINE = "作废原因：{reason}（{who} {date} 作废）"
REFUNDED = "已退款 {amount}（{serial}）"
MORE_LINES = "其余 {n} 项（明细见附页）"
ANNEX_OF = "附于收据 No. {serial}，共 {n} 项"
ANNEX_NO = "序号"

MARGIN = 10 * mm            # narrower than a flowing page: three parts share the sheet
BOOK_LINES = 8              # ruled lines of a receipt, as in the book
ANNEX_LINES = 40            # lines of the attached list per page
SIZE = 9                    # type inside the grid: three parts to an A4 leave ~87 mm each
LEADING = 11

BOX = L.content_box(margin=MARGIN)
WIDTH = L.part_width(BOX)
# 交款人 | payer | 房号 | room | 日期 | date
INFO = (17 * mm, 60 * mm, 15 * mm, 41 * mm, 15 * mm, WIDTH - 148 * mm)
# 收款项目 | 数量 | 金额 | stamp area (spanning the lines)
STAMP_COL = 40 * mm
LINES = (WIDTH - 14 * mm - 32 * mm - STAMP_COL, 14 * mm, 32 * mm, STAMP_COL)
# 收款方式 | method | 收款人 | clerk | 备注 | note
FOOT = (17 * mm, 28 * mm, 15 * mm, 28 * mm, 15 * mm, WIDTH - 103 * mm)
STAMP_DIAMETER = 30 * mm
# Compact cells: the grid's own padding is for a full-page form.
PADDING = [("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
           ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]


@lru_cache(maxsize=1)
def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("receipt", L.styles().text, fontSize=SIZE, leading=LEADING)
    return dict(
        text=base,
        center=ParagraphStyle("receipt-center", base, alignment=TA_CENTER),
        money=ParagraphStyle("receipt-money", base, alignment=TA_RIGHT),
        label=ParagraphStyle("receipt-label", L.styles().label, fontSize=SIZE, leading=LEADING),
        total=ParagraphStyle("receipt-total", base, fontName=L.styles().label.fontName, fontSize=SIZE + 1,
                             leading=LEADING + 1),
        total_money=ParagraphStyle("receipt-total-money", base, fontName=L.styles().label.fontName,
                                   fontSize=SIZE + 1, leading=LEADING + 1, alignment=TA_RIGHT),
        void=ParagraphStyle("receipt-void", base, textColor=L.RED),
    )


def _t(value, kind: str = "text") -> Paragraph:
    return L.text(value, _styles()[kind])


def _lab(value: str) -> Paragraph:
    return Paragraph(value, _styles()["label"])


def _amount(fen: int) -> str:
    """1,500.00 on a line (the column head says 元); ¥ only on the total."""
    return yuan(fen).replace("¥", "")


def _count(quantity: int | None) -> str:
    return "" if quantity is None else str(quantity)


def book_lines(lines: Iterable[ReceiptDocLine], rows: int = BOOK_LINES) -> list[tuple[str, str, int]]:
    """The lines as the book prints them: all of them if they fit, else the first ``rows - 1``
    and one line for the rest (with their sum), so that the printed lines add up to 合计."""
    lines = list(lines)
    shown = [(ln.label, _count(ln.quantity), ln.amount_fen) for ln in lines]
    if len(lines) <= rows:
        return shown
    rest = lines[rows - 1:]
    return shown[:rows - 1] + [(MORE_LINES.format(n=len(rest)), "", sum(ln.amount_fen for ln in rest))]


def _info(doc: ReceiptDoc):
    return L.grid([[_lab(PAYER), _t(doc.payer), _lab(ROOM), _t(doc.room_label), _lab(DATE), _t(doc.date_text)]],
                  INFO, style=PADDING)


def _lines(doc: ReceiptDoc):
    head = [_lab(ITEM), _lab(QUANTITY), _lab(AMOUNT), L.StampArea(STAMP, STAMP_DIAMETER)]
    body = [[_t(label), _t(qty, "center"), _t(_amount(fen), "money"), ""]
            for label, qty, fen in book_lines(doc.lines)]
    body += [[_t(""), _t(""), _t(""), ""] for _ in range(BOOK_LINES - len(body))]
    total = [_t(f"{TOTAL_CAPITAL}{doc.capital}", "total"), "", _t(doc.total_text, "total_money"), ""]
    rows = [head] + body + [total]
    last = len(rows) - 1
    return L.grid(rows, LINES, spans=[((3, 0), (3, last)), ((0, last), (1, last))], style=PADDING + [
        ("BACKGROUND", (0, 0), (2, 0), L.HEAD_SHADE),
        # The stamp column is blank paper: centred, no inner rules.
        ("VALIGN", (3, 0), (3, last), "MIDDLE"), ("ALIGN", (3, 0), (3, last), "CENTER"),
        ("LINEABOVE", (0, last), (2, last), 1.0, "black"),
    ])


def _foot(doc: ReceiptDoc):
    return L.grid([[_lab(METHOD), _t(doc.method_label, "center"), _lab(CLERK), _t(doc.clerk, "center"),
                    _lab(NOTE), _t(doc.note)]], FOOT, style=PADDING)


def _void_line(doc: ReceiptDoc) -> Paragraph:
    return _t(VOID_LINE.format(reason=doc.void_reason, who=doc.voided_by, date=L.cn_date(doc.voided_on)), "void")


def refund_line(doc: ReceiptDoc) -> str:
    """已退款 ¥100.00（TK2026-000106）; several refunds one after another."""
    return "；".join(REFUNDED.format(amount=yuan(r.amount_fen), serial=r.serial) for r in doc.refunds)


def _notes(doc: ReceiptDoc) -> list[Flowable]:
    """What happened to the receipt since it was issued, under its grid: voided, or refunds paid."""
    if doc.voided:
        return [Spacer(0, 1 * mm), _void_line(doc)]
    if doc.refunds:
        return [Spacer(0, 1 * mm), _t(refund_line(doc), "void")]
    return []


def _part(doc: ReceiptDoc) -> list[Flowable]:
    return [L.heading(TITLE, office=doc.office, serial=doc.serial, title_size=17, office_size=11),
            Spacer(0, 1 * mm), _info(doc), _lines(doc), _foot(doc)] + _notes(doc)


def _draw_receipt(doc: ReceiptDoc):
    def draw(c: Canvas):
        # Build each part afresh: a flowable is laid out once.
        boxes = L.draw_parts(c, [(name, _part(doc)) for name in PARTS], BOX, shrink=True)
        if doc.voided:
            for band in boxes:
                L.void_mark(c, L.Box(band.x, band.y, L.part_width(band), band.height), VOID)
    return draw


def _annex_pages(doc: ReceiptDoc):
    """The attached list of every line, for a receipt with more lines than the book has."""
    if len(doc.lines) <= BOOK_LINES:
        return []
    numbered = list(enumerate(doc.lines, 1))
    chunks = [numbered[i:i + ANNEX_LINES] for i in range(0, len(numbered), ANNEX_LINES)]
    widths = (14 * mm, WIDTH - 14 * mm - 18 * mm - 36 * mm, 18 * mm, 36 * mm)
    box = L.content_box(margin=MARGIN)
    pages = []
    for index, chunk in enumerate(chunks):
        rows = [[_lab(ANNEX_NO), _lab(ITEM), _lab(QUANTITY), _lab(AMOUNT)]]
        rows += [[_t(n, "center"), _t(ln.label), _t(_count(ln.quantity), "center"), _t(_amount(ln.amount_fen), "money")]
                 for n, ln in chunk]
        if index == len(chunks) - 1:
            rows.append([_t(f"{TOTAL_CAPITAL}{doc.capital}", "total"), "", "", _t(doc.total_text, "total_money")])
        spans = [((0, len(rows) - 1), (2, len(rows) - 1))] if index == len(chunks) - 1 else []

        def draw(c: Canvas, rows=rows, spans=spans):
            story = [L.heading(ANNEX_TITLE, office=doc.office, serial=doc.serial, title_size=17, office_size=11,
                               left=ANNEX_OF.format(serial=doc.serial, n=len(doc.lines)),
                               right=f"{PAYER}：{doc.payer}　{ROOM}：{doc.room_label}　{DATE}：{doc.date_text}"),
                     Spacer(0, 2 * mm),
                     L.grid(rows, widths, spans=spans, header_rows=1, style=PADDING)]
            story += _notes(doc)
            L.draw_flowables(c, L.Box(box.x, box.y, WIDTH, box.height), story, shrink=True)
            if doc.voided:
                L.void_mark(c, L.Box(box.x, box.y, WIDTH, box.height), VOID)
        pages.append(draw)
    return pages


def _pages(doc: ReceiptDoc):
    return [_draw_receipt(doc)] + _annex_pages(doc)


def build_receipt(doc: ReceiptDoc) -> bytes:
    """One receipt: an A4 with its three parts (and, past eight lines, the attached list)."""
    return L.canvas_pdf(f"{TITLE} No. {doc.serial}", _pages(doc), author=doc.office)


def build_receipts(docs: Iterable[ReceiptDoc]) -> bytes:
    """Several receipts in one print run, each on its own A4."""
    docs = list(docs)
    title = f"{TITLE} No. {docs[0].serial}" + (f" – {docs[-1].serial}" if len(docs) > 1 else "") if docs else TITLE
    return L.canvas_pdf(title, [page for doc in docs for page in _pages(doc)],
                        author=docs[0].office if docs else "")
