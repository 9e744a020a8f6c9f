"""交房确认单 on paper (FORMS.md): the owner signs it; the office keeps one copy, the owner the other.

Letterhead, the spaced title with the red JF number top right; one ruled form: 房号, 建筑面积 and 交房日期,
业主, 联系电话 and the ID shown, the deed the owner was registered with; 证件核验 as the checklist on
one line (a tick for what was checked, a blank box for what was not); the meters (水表/电表/燃气表:
表号, 读数 with its unit; a meter not read is a blank row for the pen) beside the things handed over in
two columns (种类 and 数量, each in its own unit: a key 把, a card 张, a remote control 个) and 合计
(合计：5 把; with cards too 合计：7 件（5 把、2 张）); 验房问题 (位置, 问题, 责任部门, 整改期限) with blank
rows to add to; 备注; the owner's declaration, 业主签字 and 经办人 with their dates, and the stamp area.

Both copies go on one A4 with a dashed cut line (第一联 管理处存档 / 第二联 业主留存) when a copy fits
half a page (four defects and a note do, in type of at least 9 pt); a longer form prints each copy on
its own A4 in larger type. Either way the rows left blank for more defects take the room that is left,
so the page is used and not left blank at its foot.
"""
from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from models.handover.printed import METER_UNITS, PRINTED_METERS, PrintedHandover
from reports.pdf import layout as L
from reports.pdf.fonts import BOLD
from reports.pdf.blocks import BOX_SIDE, Checklist
from reports.pdf.handover.pieces import covered, stack, text, width_of

TITLE = "交房确认单"
PARTS = ("第一联 管理处存档", "第二联 业主留存")
ROOM, AREA, OWNER, PHONE, ID, HANDED, DEED = "房号", "建筑面积", "业主", "联系电话", "证件号码", "交房日期", "产权证明"
AREA_TEXT = "{area} 平方米"
DOCUMENTS = "证件核验"
METER, METER_NO, READING, KEY_KIND, KEY_COUNT = "表计", "表号", "读数", "钥匙种类", "数量"
COUNT_TEXT = "{n} {unit}"
KEYS_TOTAL = "合计：{total}"
MIXED_TOTAL = "{n} 件（{each}）"            # keys and cards together: 7 件（5 把、2 张）
DEFECTS = "验房问题"
LINE_NO, PLACE, PROBLEM, DEPARTMENT, DUE = "序号", "位置", "问题", "责任部门", "整改期限"
NONE = "无"
NOTE = "备注"
APPOINTED = "预约时间：{at}"
DECLARATION = "业主确认：以上证件已核验，表计读数及钥匙数量无误；验房问题由管理处督促整改，完成后由业主签字确认。"
OWNER_SIGN, CLERK_SIGN = "业主签字", "经办人"
STAMP = "管理处(盖章)"

MARGIN = 8 * mm
BOX = L.content_box(margin=MARGIN)
WIDTH = L.part_width(BOX)
LABEL_W = 18 * mm
INFO_COLS = (LABEL_W, 38 * mm, LABEL_W, 30 * mm, LABEL_W, WIDTH - 3 * LABEL_W - 68 * mm)
METERS_W = (LABEL_W, 28 * mm, 27 * mm)       # the names of the meters under the labels above
PAIR_W = (WIDTH - sum(METERS_W)) / 2
METER_COLS = METERS_W + (PAIR_W - 18 * mm, 18 * mm) * 2
PLACE_W = 24 * mm
WRITTEN_DATE = "2026年12月30日"          # the room a date written in by hand takes
THICK = 1.0
SLACK = 3 * mm                          # kept clear at the foot of a band or page


class Size:
    """The type and room of a copy: ``HALF_PAGE`` when both copies share an A4, ``FULL_PAGE`` alone."""

    def __init__(self, body: float, title: float, office: float, pad: float, least_rows: int, stamp: float):
        self.body, self.title, self.office, self.pad = body, title, office, pad
        self.least_rows, self.stamp = least_rows, stamp

    @property
    def padding(self) -> list:
        return [("TOPPADDING", (0, 0), (-1, -1), self.pad), ("BOTTOMPADDING", (0, 0), (-1, -1), self.pad + 1),
                ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]

    @property
    def blank_row(self) -> float:
        """The height of a ruled row left blank for the pen."""
        return self.body * 1.3 + 2 * self.pad + 1


HALF_PAGE = Size(9.5, 15, 10.5, 1.2, 3, 20 * mm)
FULL_PAGE = Size(10.5, 20, 13, 3.5, 5, 34 * mm)


def _checklist_columns(doc: PrintedHandover, s: Size) -> int:
    """As many columns as the widest document's name allows in the row (all six on one line)."""
    widest = max((stringWidth(name, BOLD, s.body) for name, _ticked in doc.documents), default=0)
    step = widest + BOX_SIDE + 1.5 * mm + 3 * mm
    return max(1, min(len(doc.documents), int((WIDTH - LABEL_W - 6) // step)))


def _info(doc: PrintedHandover, s: Size) -> Table:
    def t(value, kind="text"):
        return text(value, kind, s.body)

    def lab(value):
        return text(value, "label", s.body)
    rows = [[lab(ROOM), t(doc.room_label, "strong"), lab(AREA), t(AREA_TEXT.format(area=doc.area)), lab(HANDED),
             t(L.cn_date(doc.handed_on), "strong")],
            [lab(OWNER), t(doc.owner_name, "strong"), lab(PHONE), t(doc.owner_phone), lab(ID), t(doc.owner_id)]]
    if doc.deed_no:
        rows.append([lab(DEED), t(doc.deed_no)] + [covered()] * 4)
    rows.append([lab(DOCUMENTS), Checklist(doc.documents, _checklist_columns(doc, s), s.body, spacing=1.65)] + [covered()] * 4)
    spans = [((1, i), (5, i)) for i in range(2, len(rows))]
    shade = [("BACKGROUND", (0, 0), (0, -1), L.HEAD_SHADE)] + [
        ("BACKGROUND", (c, 0), (c, 1), L.HEAD_SHADE) for c in (2, 4)]
    return L.grid(rows, INFO_COLS, spans=spans, style=s.padding + shade)


def _meter_rows(doc: PrintedHandover) -> list[tuple[str, str, str]]:
    """Every meter read, and a blank row (its name only) for a kind of meter not read."""
    rows = []
    for meter, name in PRINTED_METERS.items():
        read = [r for r in doc.readings if r.meter == name]
        unit = METER_UNITS[meter]
        rows += [(f"{name}", r.meter_no, f"{r.reading} {r.unit}") for r in read] or [(name, "", f"　　　{unit}")]
    known = set(PRINTED_METERS.values())
    return rows + [(r.meter, r.meter_no, f"{r.reading} {r.unit}") for r in doc.readings if r.meter not in known]


def total_text(doc: PrintedHandover) -> str:
    """合计：5 把, or with cards or remote controls among them 合计：7 件（5 把、2 张）."""
    totals = doc.key_totals or ((0, "把"),)
    if len(totals) == 1:
        return KEYS_TOTAL.format(total=COUNT_TEXT.format(n=totals[0][0], unit=totals[0][1]))
    each = "、".join(COUNT_TEXT.format(n=n, unit=unit) for n, unit in totals)
    return KEYS_TOTAL.format(total=MIXED_TOTAL.format(n=sum(n for n, _unit in totals), each=each))


def _meters_and_keys(doc: PrintedHandover, s: Size) -> Table:
    """The meters on the left; the things handed over in two columns of pairs (down, then across) on the
    right, the total in the last pair."""
    def t(value, kind="text"):
        return text(value, kind, s.body)
    meters = _meter_rows(doc)
    count = max(len(meters), -(-(len(doc.keys) + 1) // 2))
    pairs = [[t(kind), t(COUNT_TEXT.format(n=n, unit=unit), "center")] for kind, n, unit in doc.keys]
    pairs += [[covered(), covered()] for _ in range(2 * count - 1 - len(pairs))]
    pairs.append([t(total_text(doc), "label"), covered()])
    heads = [METER, METER_NO, READING, KEY_KIND, KEY_COUNT, KEY_KIND, KEY_COUNT]
    rows = [[text(h, "label", s.body) for h in heads]]
    for i in range(count):
        meter = [t(meters[i][0], "center"), t(meters[i][1]), t(meters[i][2], "right")] if i < len(meters) \
            else [Spacer(0, s.body * 1.3), covered(), covered()]
        rows.append(meter + pairs[i] + pairs[count + i])
    return L.grid(rows, METER_COLS, header_rows=1, spans=[((5, count), (6, count))], style=s.padding + [
        ("BACKGROUND", (0, 1), (0, -1), L.HEAD_SHADE), ("LINEBEFORE", (3, 0), (3, -1), THICK, "black"),
        ("LINEBEFORE", (5, 0), (5, -1), THICK, "black"), ("BACKGROUND", (5, count), (6, count), L.HEAD_SHADE),
        ("LINEABOVE", (0, 0), (-1, 0), THICK, "black")])


def _defects(doc: PrintedHandover, s: Size, count: int) -> Table:
    """验房问题 as a section: its name down the left column, the defects' rows beside it and ruled blank rows
    to add one by hand, ``count`` rows in all."""
    def t(value, kind="text"):
        return text(value, kind, s.body)
    dues = [L.cn_date(d.due_on) for d in doc.defects]
    # As wide as their text, a date (a written one too) never broken.
    line_no_w = width_of([LINE_NO, len(doc.defects)], "label", s.body, 6)
    department_w = width_of([DEPARTMENT] + [d.department for d in doc.defects], "label", s.body, 6)
    due_w = width_of([DUE, WRITTEN_DATE] + dues, "label", s.body, 6)
    cols = (LABEL_W, line_no_w, PLACE_W, WIDTH - LABEL_W - line_no_w - PLACE_W - department_w - due_w,
            department_w, due_w)
    rows = [[L.section_label(DEFECTS)] + [text(h, "label", s.body) for h in (LINE_NO, PLACE, PROBLEM, DEPARTMENT, DUE)]]
    for n, (d, due) in enumerate(zip(doc.defects, dues), 1):
        rows.append([covered(), t(n, "center"), t(d.location), t(d.description), t(d.department, "center"),
                     t(due, "center")])
    if not doc.defects:
        rows.append([covered(), covered(), covered(), t(NONE), covered(), covered()])
    while len(rows) < count + 1:                   # ruled lines to add a defect by hand
        rows.append([covered(), Spacer(0, s.body * 1.3)] + [covered() for _ in range(4)])
    return L.grid(rows, cols, header_rows=1, shade_from=1, spans=[((0, 0), (0, -1))], style=s.padding + [
        ("BACKGROUND", (0, 0), (0, -1), L.HEAD_SHADE), ("LINEABOVE", (0, 0), (-1, 0), THICK, "black")])


def _note(doc: PrintedHandover, s: Size) -> list[Flowable]:
    lines = [doc.note] + ([APPOINTED.format(at=f"{L.cn_date(doc.appointment_at)} {doc.appointment_at:%H:%M}")]
                          if doc.appointment_at else [])
    note = "；".join(line for line in lines if line)
    if not note:
        return []
    return [L.grid([[text(NOTE, "label", s.body), text(note, "text", s.body)]], (LABEL_W, WIDTH - LABEL_W),
                   style=s.padding + [("BACKGROUND", (0, 0), (0, 0), L.HEAD_SHADE)])]


def _sign_off(doc: PrintedHandover, s: Size) -> Table:
    signatures = [L.Signature(OWNER_SIGN), L.Signature(CLERK_SIGN, name=doc.clerk, date=doc.handed_on)]
    width = L.SignatureRow.caption_width(signatures, s.body)
    rows = [L.SignatureRow([sig], size=s.body, label_width=width) for sig in signatures]
    left = stack(text(DECLARATION, "text", s.body - 0.5), Spacer(0, 1 * mm), *rows)
    stamp = L.StampArea(STAMP, s.stamp)
    table = Table([[left, stamp]], colWidths=[WIDTH - s.stamp - 8 * mm, s.stamp + 8 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (0, 0), "TOP"), ("VALIGN", (1, 0), (1, 0), "TOP"),
                               ("ALIGN", (1, 0), (1, 0), "RIGHT"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return table


def least_rows(doc: PrintedHandover, s: Size) -> int:
    """The defects' rows: every defect (or 无), and at least ``s.least_rows``."""
    return max(len(doc.defects), 1, s.least_rows)


DEFECTS_AT = 4                          # where the defects' table stands among a copy's flowables


def part(doc: PrintedHandover, s: Size = HALF_PAGE, rows: int | None = None) -> list[Flowable]:
    """One copy's flowables with ``rows`` rows of defects (those found, then blank ones); build afresh for
    each drawing (a flowable is laid out once)."""
    return [L.heading(TITLE, office=doc.office, serial=doc.serial, title_size=s.title, office_size=s.office),
            Spacer(0, 1 * mm), _info(doc, s), _meters_and_keys(doc, s),
            _defects(doc, s, rows or least_rows(doc, s))] + _note(doc, s) + [Spacer(0, 1.5 * mm), _sign_off(doc, s)]


def _measured(flowables: list[Flowable], width: float = WIDTH) -> list[float]:
    """Each flowable laid out in ``width``: its height with the space around it."""
    scratch = Canvas(io.BytesIO())      # some flowables measure only on a canvas; one each time (threads)
    return [f.wrapOn(scratch, width, 10 ** 6)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flowables]


def height(flowables: list[Flowable], width: float = WIDTH) -> float:
    return sum(_measured(flowables, width))


def _with_rows(doc: PrintedHandover, s: Size, laid: list[tuple[Flowable, float]], rows: int):
    """The copy as laid out, its defects' table made again (and measured) with ``rows`` rows."""
    table = _defects(doc, s, rows)
    return laid[:DEFECTS_AT] + [(table, _measured([table])[0])] + laid[DEFECTS_AT + 1:]


def _place(c: Canvas, box: L.Box, laid: list[tuple[Flowable, float]]) -> None:
    """The copy's flowables, each already laid out in the copy's width, top down from the top of ``box``
    (a frame would lay each out again)."""
    y = box.top
    for flowable, tall in laid:
        y -= tall
        flowable.drawOn(c, box.x, y + flowable.getSpaceAfter())


def _both_on_one(laid: list[tuple[Flowable, float]]):
    """The copy is drawn once, as a form object the page shows in both bands (half the drawing, half the bytes)."""
    def draw(c: Canvas) -> None:
        upper, lower = L.bands(len(PARTS), BOX)
        c.beginForm("copy", 0, 0, *L.PAGE)
        _place(c, L.Box(upper.x, upper.y, WIDTH, upper.height), laid)
        c.endForm()
        for name, band in zip(PARTS, (upper, lower)):
            c.saveState()
            c.translate(0, band.y - upper.y)
            c.doForm("copy")
            c.restoreState()
            L.part_label(c, band, name)
        L.cut_line(c, (upper.y + lower.top) / 2, 0, L.PAGE[0])
    return [draw]


def _one_a_page(doc: PrintedHandover, rows: int):
    def page(name: str):
        def draw(c: Canvas) -> None:
            L.draw_flowables(c, L.Box(BOX.x, BOX.y, WIDTH, BOX.height), part(doc, FULL_PAGE, rows), shrink=True)
            L.part_label(c, BOX, name)
        return draw
    return [page(name) for name in PARTS]


def _filled(doc: PrintedHandover, s: Size, room: float, need: float) -> int:
    """The defects' rows once the blank rows take the room left (``room`` high, the copy ``need`` high)."""
    return least_rows(doc, s) + max(int((room - SLACK - need) // s.blank_row), 0)


def build_handover(doc: PrintedHandover) -> bytes:
    """Both copies on one A4 with a cut line when a copy fits half the page, else each copy on its own A4;
    the blank rows for more defects fill what is left of the band or the page."""
    band = L.bands(len(PARTS), BOX)[0].height
    first = part(doc)
    laid = list(zip(first, _measured(first)))
    need = sum(tall for _f, tall in laid)
    if need <= band:
        rows = _filled(doc, HALF_PAGE, band, need)
        if rows > least_rows(doc, HALF_PAGE):
            laid = _with_rows(doc, HALF_PAGE, laid, rows)
        pages = _both_on_one(laid)
    else:
        rows = _filled(doc, FULL_PAGE, BOX.height, height(part(doc, FULL_PAGE)))
        pages = _one_a_page(doc, rows)
    return L.canvas_pdf(f"{TITLE} No. {doc.serial}", pages, author=doc.office)
