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

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from models.release.printed import PrintedGoods, PrintedSlip
from reports.pdf import layout as L
from reports.pdf.fonts import BOLD

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
SIDE = 40 * mm                       # the stamp area, or the QR code, beside the grid
LEFT = WIDTH - SIDE
LABEL_W = 18 * mm
INFO = (LABEL_W, (LEFT - 2 * LABEL_W) / 2, LABEL_W, (LEFT - 2 * LABEL_W) / 2)
GOODS_COLS = (10 * mm, 50 * mm, 14 * mm, LEFT - 74 * mm)
GOODS_ROWS = 4                       # blank ruled lines below a short list, as in the book
NOTES = (LABEL_W, WIDTH - LABEL_W)
QR_SIZE = 33 * mm                    # FORMS.md: ≥ 20 mm to scan from paper; the symbol itself is ~28 mm
STAMP_DIAMETER = 30 * mm
PADDING = [("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
           ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
BARE = [(key, (0, 0), (-1, -1), 0) for key in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")]


@lru_cache(maxsize=1)
def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("release", L.styles().text, fontSize=SIZE, leading=LEADING)
    return dict(
        text=base,
        center=ParagraphStyle("release-center", base, alignment=TA_CENTER),
        label=ParagraphStyle("release-label", L.styles().label, fontSize=SIZE, leading=LEADING),
        strong=ParagraphStyle("release-strong", base, fontName=BOLD),
        red=ParagraphStyle("release-red", base, textColor=L.RED),
        small=ParagraphStyle("release-small", base, fontSize=8, leading=10, alignment=TA_CENTER),
        code=ParagraphStyle("release-code", base, fontName=BOLD, fontSize=9, leading=11, alignment=TA_CENTER),
    )


def _t(value, kind: str = "text") -> Paragraph:
    return L.text(value, _styles()[kind])


def _lab(value: str) -> Paragraph:
    return Paragraph(value, _styles()["label"])


def _info(doc: PrintedSlip, gate: bool):
    number = doc.id_gate if gate else doc.id_stub
    rows = [[_lab(ROOM), _t(doc.room_label), _lab(PERSON), _t(f"{doc.person_name}（{doc.role_label}）")],
            [_lab(ID), _t(f"{doc.id_type} {number}"), "", ""],
            [_lab(ISSUED), _t(doc.issued_text), _lab(VALID), _t(doc.valid_text, "strong")],
            [_lab(PLATE), _t(doc.plate or NONE), _lab(WHOLE), _t(YES if doc.whole_household else NO,
                                                                  "strong" if doc.whole_household else "text")]]
    shade = [("BACKGROUND", (0, 0), (0, -1), L.HEAD_SHADE)] + [
        ("BACKGROUND", (2, r), (2, r), L.HEAD_SHADE) for r in (0, 2, 3)]
    return L.grid(rows, INFO, spans=[((1, 1), (3, 1))], style=PADDING + shade)


def _goods_cells(number: int | str, line: PrintedGoods | None) -> list:
    if line is None:
        return [_t(number, "center"), _t(""), _t(""), _t("")]
    return [_t(number, "center"), _t(line.name), _t(line.quantity, "center"), _t(line.note)]


def goods_grid(lines: list[PrintedGoods], widths, shown: int | None = None, blank_rows: int = 0, first: int = 1,
               count: bool = True):
    """序号 / 物品名称 / 数量 / 备注: the first ``shown`` lines, one line for the rest (on the attached
    list), blank ruled lines up to ``blank_rows``, and the count of all of them."""
    shown = len(lines) if shown is None else shown
    rows = [[_lab(LINE_NO), _lab(GOODS), _lab(QUANTITY), _lab(NOTE)]]
    rows += [_goods_cells(i, line) for i, line in enumerate(lines[:shown], first)]
    rest = lines[shown:]
    if rest:
        rows.append([_t(""), _t(MORE.format(n=len(rest)), "strong"), _t(sum(ln.quantity for ln in rest), "center"),
                     _t("")])
    rows += [_goods_cells("", None) for _ in range(blank_rows + 1 - len(rows))]
    if count:
        rows.append([_lab(COUNT), _t(COUNT_TEXT.format(lines=len(lines), pieces=sum(ln.quantity for ln in lines))),
                     "", ""])
    last = len(rows) - 1
    return L.grid(rows, widths, header_rows=1, spans=[((1, last), (-1, last))] if count else [],
                  style=PADDING + ([("BACKGROUND", (0, last), (0, last), L.HEAD_SHADE),
                                    ("LINEABOVE", (0, last), (-1, last), 1.0, "black")] if count else []))


def qr_code(payload: str, size: float = QR_SIZE) -> Drawing:
    """The gate part's QR code: the slip's number and check code, as a USB scanner types them."""
    drawing = Drawing(size, size)
    drawing.add(QrCodeWidget(payload, barWidth=size, barHeight=size, barLevel="M", barBorder=2))
    return drawing


def _side(doc: PrintedSlip, gate: bool) -> list[Flowable]:
    if not gate:
        return [L.StampArea(STAMP, STAMP_DIAMETER)]
    return [_t(SCAN, "small"), qr_code(doc.qr_payload), _t(f"No. {doc.serial}", "code"),
            _t(CODE.format(code=doc.check_code), "code")]


def _stack(flowables: list[Flowable], width: float) -> Table:
    """Grids one above the other, with no space between: they read as one ruled form."""
    return Table([[f] for f in flowables], colWidths=[width], style=BARE)


def _body(doc: PrintedSlip, gate: bool, shown: int):
    """The grid of the slip beside its side column (stamp area or QR code)."""
    side = Table([[_side(doc, gate)]], colWidths=[SIDE], style=[("ALIGN", (0, 0), (-1, -1), "CENTER")])
    goods = goods_grid(list(doc.goods), GOODS_COLS, shown, GOODS_ROWS)
    return L.grid([[_stack([_info(doc, gate), goods], LEFT), side]], (LEFT, SIDE),
                  style=BARE + [("VALIGN", (0, 0), (0, 0), "TOP"), ("VALIGN", (1, 0), (1, 0), "MIDDLE")])


def _notes(doc: PrintedSlip):
    rows = []
    if doc.arrears_notice:
        rows.append([_lab(ARREARS), _t(doc.arrears_notice, "strong")])
    if doc.approval is not None:
        rows.append([_lab(APPROVAL), _t(doc.approval.line)])
    if doc.consent is not None:
        rows.append([_lab(CONSENT), _t(doc.consent.line)])
    note = "；".join(text for text in (REPLACES.format(serial=doc.replaces) if doc.replaces else "", doc.note) if text)
    rows.append([_lab(NOTE), _t(note)])
    return L.grid(rows, NOTES, style=PADDING + [("BACKGROUND", (0, 0), (0, -1), L.HEAD_SHADE)])


def states(doc: PrintedSlip) -> list[Flowable]:
    """What happened to the slip since it was issued, under its grid: cancelled, or used."""
    line = doc.cancel_line or doc.used_line
    return [Spacer(0, 1 * mm), _t(line, "red")] if line else []


def _signatures(doc: PrintedSlip, gate: bool) -> list[Flowable]:
    rows = [[L.Signature(HANDLED, name=doc.clerk, date=doc.issued_on), L.Signature(SIGNED)]]
    if gate:
        rows.append([L.Signature(GUARD, with_date=False), L.Signature(LEFT_AT, with_date=False)])
    block = L.sign_off(rows, WIDTH, stamp=None)
    if gate:
        return [block]
    # The stub keeps the guard's row as blank paper, so that both parts are the same height and,
    # should a long list need it, shrink alike.
    return [block, Spacer(0, L.SignatureRow([]).wrap(WIDTH, 0)[1])]


def part(doc: PrintedSlip, gate: bool, shown: int | None = None) -> list[Flowable]:
    """One part's flowables, with the first ``shown`` lines of goods (all by default; the rest go on
    the attached list). Build afresh for each drawing: a flowable is laid out once."""
    return [L.heading(TITLE, office=doc.office, serial=doc.serial, title_size=16, office_size=11),
            Spacer(0, 1 * mm), _body(doc, gate, len(doc.goods) if shown is None else shown),
            _notes(doc)] + states(doc) + [
            Spacer(0, 2 * mm)] + _signatures(doc, gate)
