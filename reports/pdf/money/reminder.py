"""催缴通知: the arrears reminder of a room, many rooms in one print run.

Two notices to an A4, one above the other, with a dashed cut line between (each is an
A5, landscape). The notice is a short letter, and A5 is the size such slips are posted
or put under the door at: a run of several hundred rooms takes half the paper and half
the printing time, and a stack is cut in one pass of the guillotine.

The pages are imposed "cut and stack": the upper halves carry the first half of the run
and the lower halves the second, so that after cutting the whole stack, laying the lower
pile under the upper one gives the notices back in room order, ready to be delivered
building by building.

The wording is FORMS.md's: 尊敬的 3栋2单元1201 业主/住户：截至……您尚欠物业管理费 X 个月，
共计人民币 ¥X（大写 …），请于……前到管理处缴纳. Notices end up on doors, so no person's
name is printed (FORMS.md: personal data masked on anything posted publicly).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Sequence
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from models.amounts import yuan
from models.money.documents import ReminderDoc
from reports.pdf import layout as L

# Printed words: the notice is Chinese whatever the screen language (FORMS.md).
TITLE = "催缴通知"
DEAR = "尊敬的{room}业主/住户："
# The figures are filled in on the underlined blanks of the printed wording.
OWES_FEE = ("截至{as_of}，您尚欠物业管理费{months}个月，共计人民币{amount}"
            "（大写：{capital}），请于{pay_by}前到管理处缴纳。")
OWES_FEE_AND_MORE = ("截至{as_of}，您尚欠物业管理费{months}个月及其他费用，共计人民币{amount}"
                     "（大写：{capital}），请于{pay_by}前到管理处缴纳。")
OWES_OTHER = ("截至{as_of}，您尚欠物业服务相关费用，共计人民币{amount}"
              "（大写：{capital}），请于{pay_by}前到管理处缴纳。")
DETAIL = "欠费明细如下："
HEAD = ("收费项目", "欠费月份", "月数", "金额（元）")
TOTAL = "合计"
OPENING = "期初欠费"
CLOSING = ("物业服务费用是小区日常管理和服务正常运转的保障，请您按时缴纳。"
           "如您已缴纳，请忽略本通知；如有疑问，请与管理处联系。")
SO_NOTIFIED = "特此通知。"
PHONE = "联系电话：{phone}"
PAY_AT = "缴费地点：{address}"
STAMP = "管理处(盖章)"

MARGIN = 10 * mm
PER_PAGE = 2
BOX = L.content_box(margin=MARGIN)
INSET = 6 * mm                   # the letter sits inside its half with a little air at the sides
WIDTH = BOX.width - 2 * INSET
ITEM_COLS = (40 * mm, WIDTH - 40 * mm - 18 * mm - 34 * mm, 18 * mm, 34 * mm)
MAX_ITEM_ROWS = 6                # then the notice shrinks; one row per kind of charge, so rarely reached
SIZE = 11.5
STAMP_DIAMETER = 26 * mm
PADDING = [("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]


@lru_cache(maxsize=1)
def _styles() -> dict[str, ParagraphStyle]:
    text = L.styles().text
    body = ParagraphStyle("notice", text, fontSize=SIZE, leading=SIZE * 1.75, firstLineIndent=2 * SIZE)
    cell = ParagraphStyle("notice-cell", text, fontSize=10, leading=13)
    return dict(
        dear=ParagraphStyle("notice-dear", body, fontName=L.styles().label.fontName, firstLineIndent=0,
                            fontSize=SIZE + 1),
        body=body,
        plain=ParagraphStyle("notice-plain", body, firstLineIndent=0, leading=SIZE * 1.5),
        cell=cell,
        cell_center=ParagraphStyle("notice-cell-center", cell, alignment=TA_CENTER),
        cell_money=ParagraphStyle("notice-cell-money", cell, alignment=TA_RIGHT),
        label=ParagraphStyle("notice-label", L.styles().label, fontSize=10, leading=13),
        contact=ParagraphStyle("notice-contact", text, fontSize=10, leading=15),
        sign=ParagraphStyle("notice-sign", text, fontSize=SIZE, leading=SIZE * 1.6, alignment=TA_CENTER),
    )


def _owes(doc: ReminderDoc) -> str:
    if doc.months == 0:
        wording = OWES_OTHER
    elif doc.others_owed:
        wording = OWES_FEE_AND_MORE
    else:
        wording = OWES_FEE
    return wording.format(as_of=_blank(L.cn_date(doc.as_of)), months=_blank(doc.months),
                          amount=_blank(yuan(doc.amount_fen), bold=True), capital=escape(doc.capital),
                          pay_by=_blank(L.cn_date(doc.pay_by), bold=True))


def _blank(value, bold: bool = False) -> str:
    """A filled-in blank: underlined, a space either side."""
    text = f"<u>&nbsp;{escape(str(value))}&nbsp;</u>"
    return f"<b>{text}</b>" if bold else text


def _items(doc: ReminderDoc) -> Table:
    st = _styles()
    rows = [[Paragraph(h, st["label"]) for h in HEAD]]
    rows += [[L.text(item.name, st["cell"]), L.text(item.periods or item.note or (OPENING if item.opening else "—"), st["cell"]),
              L.text(item.months or "", st["cell_center"]), L.text(yuan(item.amount_fen).replace("¥", ""),
                                                                   st["cell_money"])]
             for item in doc.items]
    rows.append([Paragraph(TOTAL, st["label"]), "", "", L.text(yuan(doc.amount_fen), st["cell_money"])])
    last = len(rows) - 1
    return L.grid(rows, ITEM_COLS, spans=[((0, last), (2, last))], style=PADDING + [
        ("BACKGROUND", (0, 0), (-1, 0), L.HEAD_SHADE)])


def _foot(doc: ReminderDoc) -> Table:
    """Contact on the left; the stamp area beside the office's name and the date on the right."""
    st = _styles()
    contact = [L.text(PHONE.format(phone=doc.office_phone), st["contact"]),
               L.text(PAY_AT.format(address=doc.office_address), st["contact"])]
    sign = [L.text(doc.office, st["sign"]), L.text(L.cn_date(doc.issued_on), st["sign"])]
    stamp = L.StampArea(STAMP, STAMP_DIAMETER)
    sign_w = 52 * mm
    table = Table([[contact, stamp, sign]], colWidths=[WIDTH - sign_w - STAMP_DIAMETER - 4 * mm,
                                                         STAMP_DIAMETER + 4 * mm, sign_w])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (0, 0), "BOTTOM"), ("VALIGN", (1, 0), (2, 0), "MIDDLE"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return table


def notice(doc: ReminderDoc) -> list[Flowable]:
    """One notice as flowables (for the half-page band)."""
    st = _styles()
    return [
        L.heading(TITLE, office=doc.office, title_size=19, office_size=13),
        Spacer(0, 3 * mm),
        Paragraph(DEAR.format(room=_blank(doc.room_label)), st["dear"]),
        Spacer(0, 1 * mm),
        Paragraph(_owes(doc), st["body"]),
        Paragraph(DETAIL, st["body"]),
        _items(doc),
        Spacer(0, 2 * mm),
        Paragraph(escape(CLOSING), st["body"]),
        Paragraph(SO_NOTIFIED, st["body"]),
        Spacer(0, 1 * mm),
        _foot(doc),
    ]


def _impose(docs: Sequence[ReminderDoc]) -> list[list[ReminderDoc]]:
    """Cut and stack: page i carries notice i on top and notice i + pages below."""
    pages = (len(docs) + PER_PAGE - 1) // PER_PAGE
    return [[docs[i + k * pages] for k in range(PER_PAGE) if i + k * pages < len(docs)] for i in range(pages)]


def _draw_page(docs: list[ReminderDoc]):
    def draw(c: Canvas):
        halves = L.bands(PER_PAGE, BOX)
        for i, (doc, half) in enumerate(zip(docs, halves)):
            L.draw_flowables(c, L.Box(half.x + INSET, half.y, WIDTH, half.height), notice(doc), shrink=True)
            if i:
                L.cut_line(c, half.top + (halves[i - 1].y - half.top) / 2, 0, c._pagesize[0])
    return draw


def build_reminders(docs: Sequence[ReminderDoc], progress=None) -> bytes:
    """All the notices of a print run, two to an A4 (cut and stack, see above).

    ``progress(done, total)`` is called once a page drawn (a run of several hundred rooms takes
    seconds; the window shows how far it is and may cancel by raising from it)."""
    docs = list(docs)
    office = docs[0].office if docs else ""
    pages = _impose(docs)
    if progress is None:
        return L.canvas_pdf(TITLE, [_draw_page(page) for page in pages], author=office)

    def reporting(n: int, draw):
        def page(c: Canvas):
            draw(c)
            progress(n, len(pages))
        return page
    progress(0, len(pages))
    return L.canvas_pdf(TITLE, [reporting(n, _draw_page(page)) for n, page in enumerate(pages, 1)], author=office)
