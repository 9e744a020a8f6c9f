"""One part of the 物品放行条 as flowables: the 存根, or the 门岗联 with its QR code.

Each part is the whole slip as the office's book has it: letterhead, the spaced title
物 品 放 行 条 with the red FX number top right, a ruled grid (房号 / 放行人; 证件; 放行日期 /
有效期至; 车牌号 / 整户搬迁; the goods: 序号 / 物品名称 / 数量 / 备注 and their count) beside a
column that holds, on the 存根, the stamp area and, on the 门岗联, the QR code the guard scans
(the number and its check code, printed under it for a guard without a scanner). Under the
grid: 欠费提示 (the arrears kept on the slip, and the reminder to pay), 审批 (the director's
approval), 业主确认 (a tenant's release: the owner's consent by phone), 备注. The 存根 is
signed by the clerk and the person taking the goods; the 门岗联 also by the guard, with the time
the goods left. ``slip`` sets the parts on the page.
"""
from __future__ import annotations

from functools import lru_cache

from reportlab.graphics.barcode.qr import QrCode
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from models.release.printed import PrintedGoods, PrintedSlip
from reports.pdf import layout as L
from reports.pdf.fonts import BOLD, REGULAR

# Printed words: the slip is Chinese whatever the screen language (FORMS.md).
TITLE = "物品放行条"
PARTS = ("第一联 存根", "第二联 门岗联")
ROOM, PERSON, ID = "房号", "放行人", "证件"
ISSUED, VALID = "放行日期", "有效期至"
PLATE, WHOLE = "车牌号", "整户搬迁"
YES, NO, NONE = "是", "否", "无"
LINE_NO, GOODS, QUANTITY, NOTE = "序号", "物品名称", "数量", "备注"
COUNT, COUNT_TEXT = "合计", "共 {lines} 项，{pieces} 件"
MORE = "其余 {n} 项（见附页物品清单）"
ARREARS, APPROVAL, CONSENT = "欠费提示", "审批", "业主确认"
REPLACES = "本条更正原放行条 No. {serial}（原条作废）"
SCAN, CODE = "门岗扫码核验", "校验码 {code}"
HANDLED, SIGNED = "经办人", "放行人签字"
GUARD, LEFT_AT = "门岗签字", "放行时间"
STAMP = "管理处(盖章)"

MARGIN = 10 * mm
SIZE = 10
LEADING = 12
BOX = L.content_box(margin=MARGIN)
WIDTH = L.part_width(BOX)
# One ruled grid: the info rows (label | value | label | value), the goods (序号 | 物品名称 | 数量 | 备注)
# and the notes (label | text) share these columns, so the form is one table with spans.
#            序号 / 房号    物品名称 / 值    数量 / 放行人    备注 / 值    stamp or QR
COLS = (10 * mm, 8 * mm, 45 * mm, 18 * mm, WIDTH - 121 * mm, 40 * mm)
SIDE_COL = len(COLS) - 1
GOODS_ROWS = 4                       # blank ruled lines below a short list, as in the book
QR_SIZE = 33 * mm                    # FORMS.md: ≥ 20 mm to scan from paper; the symbol itself is ~28 mm
STAMP_DIAMETER = 30 * mm
THICK = 1.0                          # the rule between the grid's sections
PADDING = [("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
           ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]


@lru_cache(maxsize=1)
def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("release", L.styles().text, fontSize=SIZE, leading=LEADING)
    return dict(
        text=base,
        center=ParagraphStyle("release-center", base, alignment=TA_CENTER),
        label=ParagraphStyle("release-label", L.styles().label, fontSize=SIZE, leading=LEADING),
        strong=ParagraphStyle("release-strong", base, fontName=BOLD),
        red=ParagraphStyle("release-red", base, textColor=L.RED),
    )


def _t(value, kind: str = "text") -> Paragraph:
    return L.text(value, _styles()[kind])


def _lab(value: str) -> Paragraph:
    return Paragraph(value, _styles()["label"])


def _covered() -> Spacer:
    """A cell under a span, or left blank: nothing to lay out (a blank paragraph costs a parse)."""
    return Spacer(0, 0)


def _info(doc: PrintedSlip, gate: bool) -> list[list]:
    number = doc.id_gate if gate else doc.id_stub
    whole = (YES, "strong") if doc.whole_household else (NO, "text")
    return [[_lab(ROOM), _covered(), _t(doc.room_label), _lab(PERSON), _t(f"{doc.person_name}（{doc.role_label}）")],
            [_lab(ID), _covered(), _t(f"{doc.id_type} {number}"), _covered(), _covered()],
            [_lab(ISSUED), _covered(), _t(doc.issued_text), _lab(VALID), _t(doc.valid_text, "strong")],
            [_lab(PLATE), _covered(), _t(doc.plate or NONE), _lab(WHOLE), _t(*whole)]]


def goods_grid(lines: list[PrintedGoods], widths):
    """序号 / 物品名称 / 数量 / 备注 for every line and their count: the attached list's table."""
    rows = [[_lab(LINE_NO), _lab(GOODS), _lab(QUANTITY), _lab(NOTE)]]
    rows += [[_t(i, "center"), _t(line.name), _t(line.quantity, "center"), _t(line.note)]
             for i, line in enumerate(lines, 1)]
    pieces = sum(line.quantity for line in lines)
    rows.append([_lab(COUNT), _t(COUNT_TEXT.format(lines=len(lines), pieces=pieces)), "", ""])
    last = len(rows) - 1
    return L.grid(rows, widths, header_rows=1, spans=[((1, last), (-1, last))], style=PADDING + [
        ("BACKGROUND", (0, last), (0, last), L.HEAD_SHADE), ("LINEABOVE", (0, last), (-1, last), THICK, "black")])


def qr_code(payload: str, size: float = QR_SIZE) -> QrCode:
    """The gate part's QR code: the slip's number and check code, as a USB scanner types them."""
    return QrCode(payload, width=size, height=size, qrLevel="M", qrBorder=2)


class GateCode(Flowable):
    """门岗扫码核验 over the QR code, and under it the number and the check code for a guard who types."""

    def __init__(self, doc: PrintedSlip, size: float = QR_SIZE):
        super().__init__()
        self.code, self.size = qr_code(doc.qr_payload, size), size
        self.lines = (f"No. {doc.serial}", CODE.format(code=doc.check_code))

    def wrap(self, avail_width, avail_height):
        self.width, self.height = self.size, self.size + 11 + 2 * 11
        return self.width, self.height

    def draw(self):
        c, middle = self.canv, self.size / 2
        c.setFont(REGULAR, 8)
        c.drawCentredString(middle, self.height - 8, SCAN)
        self.code.drawOn(c, 0, 2 * 11)
        c.setFont(BOLD, 9)
        for i, line in enumerate(self.lines):
            c.drawCentredString(middle, 11 * (1 - i) + 3, line)


def _side(doc: PrintedSlip, gate: bool) -> Flowable:
    return GateCode(doc) if gate else L.StampArea(STAMP, STAMP_DIAMETER)


def _goods(doc: PrintedSlip, shown: int) -> list[list]:
    """The goods' rows in the grid's columns (物品名称 spans two), padded with blank ruled lines."""
    lines = list(doc.goods)
    rows = [[_lab(LINE_NO), _lab(GOODS), _covered(), _lab(QUANTITY), _lab(NOTE)]]
    for i, line in enumerate(lines[:shown], 1):
        rows.append([_t(i, "center"), _t(line.name), _covered(), _t(line.quantity, "center"), _t(line.note)])
    rest = lines[shown:]
    if rest:
        rows.append([_covered(), _t(MORE.format(n=len(rest)), "strong"), _covered(),
                     _t(sum(ln.quantity for ln in rest), "center"), _covered()])
    rows += [[Spacer(0, LEADING)] + [_covered() for _ in range(4)] for _ in range(GOODS_ROWS + 1 - len(rows))]
    pieces = sum(line.quantity for line in lines)
    count = _t(COUNT_TEXT.format(lines=len(lines), pieces=pieces))
    return rows + [[_lab(COUNT), count, _covered(), _covered(), _covered()]]


def _notes(doc: PrintedSlip) -> list[list]:
    rows = []
    if doc.arrears_notice:
        rows.append([_lab(ARREARS), _covered(), _t(doc.arrears_notice, "strong")])
    if doc.approval is not None:
        rows.append([_lab(APPROVAL), _covered(), _t(doc.approval.line)])
    if doc.consent is not None:
        rows.append([_lab(CONSENT), _covered(), _t(doc.consent.line)])
    replaces = REPLACES.format(serial=doc.replaces) if doc.replaces else ""
    note = "；".join(text for text in (replaces, doc.note) if text)
    return rows + [[_lab(NOTE), _covered(), _t(note)]]


def _body(doc: PrintedSlip, gate: bool, shown: int):
    """The slip's grid: info and goods beside the side column (stamp area or QR code), notes below."""
    info, goods, notes = _info(doc, gate), _goods(doc, shown), _notes(doc)
    rows = [row + [_covered()] for row in info + goods] + [row + [_covered(), _covered(), _covered()] for row in notes]
    rows[0][SIDE_COL] = _side(doc, gate)
    head, count, first_note = len(info), len(info) + len(goods) - 1, len(info) + len(goods)
    spans = [((SIDE_COL, 0), (SIDE_COL, count)), ((2, 1), (4, 1)), ((1, head), (2, head))]
    spans += [((0, r), (1, r)) for r in range(head)] + [((0, r), (1, r)) for r in range(first_note, len(rows))]
    spans += [((2, r), (SIDE_COL, r)) for r in range(first_note, len(rows))]
    spans += [((1, r), (2, r)) for r in range(head + 1, count)] + [((1, count), (4, count))]
    shade = [("BACKGROUND", (0, 0), (1, head - 1), L.HEAD_SHADE), ("BACKGROUND", (0, head), (4, head), L.HEAD_SHADE),
             ("BACKGROUND", (0, count), (0, count), L.HEAD_SHADE),
             ("BACKGROUND", (0, first_note), (1, len(rows) - 1), L.HEAD_SHADE)]
    shade += [("BACKGROUND", (3, r), (3, r), L.HEAD_SHADE) for r in (0, 2, 3)]
    rules = [("LINEABOVE", (0, r), (4, r), THICK, "black") for r in (head, count)]
    rules += [("LINEABOVE", (0, first_note), (-1, first_note), THICK, "black"),
              ("VALIGN", (SIDE_COL, 0), (SIDE_COL, 0), "MIDDLE"), ("ALIGN", (SIDE_COL, 0), (SIDE_COL, 0), "CENTER")]
    grid = L.grid(rows, COLS, spans=spans, style=PADDING + shade + rules)
    grid.hAlign = "LEFT"                 # a part shrunk to fit keeps its grid flush with its text
    return grid


def states(doc: PrintedSlip) -> list[Flowable]:
    """What happened to the slip since it was issued, under its grid: cancelled, or used."""
    line = doc.cancel_line or doc.used_line
    return [Spacer(0, 1 * mm), _t(line, "red")] if line else []


def _signatures(doc: PrintedSlip, gate: bool) -> list[Flowable]:
    rows = [[L.Signature(HANDLED, name=doc.clerk, date=doc.issued_on), L.Signature(SIGNED)],
            [L.Signature(GUARD, with_date=False), L.Signature(LEFT_AT, with_date=False)]]
    width = L.SignatureRow.caption_width(sig for row in rows for sig in row)
    signed = L.SignatureRow(rows[0], label_width=width)
    if not gate:
        # The stub keeps the guard's row as blank paper: both parts are the same height.
        return [signed, Spacer(0, L.SignatureRow([]).wrap(WIDTH, 0)[1])]
    return [signed, L.SignatureRow(rows[1], label_width=width)]


def part(doc: PrintedSlip, gate: bool, shown: int | None = None) -> list[Flowable]:
    """One part's flowables, with the first ``shown`` lines of goods (all by default; the rest go on
    the attached list). Build afresh for each drawing: a flowable is laid out once."""
    return [L.heading(TITLE, office=doc.office, serial=doc.serial, title_size=16, office_size=11),
            Spacer(0, 1 * mm), _body(doc, gate, len(doc.goods) if shown is None else shown)] + states(doc) + [
            Spacer(0, 2 * mm)] + _signatures(doc, gate)
