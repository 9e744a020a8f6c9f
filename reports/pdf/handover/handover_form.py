"""交房确认单 on paper (FORMS.md): the owner signs it; the office keeps one copy, the owner the other.

Letterhead, the spaced title with the red JF number top right; one ruled form: 房号 and 建筑面积, 业主 and
联系电话, the ID shown and 交房日期, the deed the owner was registered with; 证件核验 as the checklist
(a tick for what was checked, a blank box for what was not); the meters (水表/电表/燃气表: 表号, 读数 with
its unit; a meter not read is a blank row for the pen) beside the keys handed over (种类, 数量, 合计);
验房问题 (位置, 问题, 责任部门, 整改期限) with blank rows to add to; 备注; the owner's declaration, 业主签字
and 经办人 with their dates, and the stamp area.

Both copies go on one A4 with a dashed cut line (第一联 管理处存档 / 第二联 业主留存) when a copy fits
half a page; a longer form (many defects) prints each copy on its own A4, in larger type.
"""
from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from models.handover.printed import METER_UNITS, PRINTED_METERS, PrintedHandover
from reports.pdf import layout as L
from reports.pdf.handover.pieces import Checklist, covered, stack, text

TITLE = "交房确认单"
PARTS = ("第一联 管理处存档", "第二联 业主留存")
ROOM, AREA, OWNER, PHONE, ID, HANDED, DEED = "房号", "建筑面积", "业主", "联系电话", "证件号码", "交房日期", "产权证明"
AREA_TEXT = "{area} 平方米"
DOCUMENTS = "证件核验"
METER, METER_NO, READING, KEY_KIND, KEY_COUNT = "表计", "表号", "读数", "钥匙种类", "数量"
KEYS_TOTAL, KEYS_TEXT = "合计", "{n} 把"
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
LABEL_W = 22 * mm
HALF = WIDTH / 2
INFO_COLS = (LABEL_W, HALF - LABEL_W, LABEL_W, HALF - LABEL_W)
METER_COLS = (LABEL_W, 38 * mm, HALF - LABEL_W - 38 * mm, HALF - 28 * mm, 28 * mm)
DEFECT_COLS = (LABEL_W, 11 * mm, 28 * mm, WIDTH - LABEL_W - 11 * mm - 28 * mm - 22 * mm - 33 * mm, 22 * mm, 33 * mm)
THICK = 1.0


class Size:
    """The type and room of a copy: ``HALF_PAGE`` when both copies share an A4, ``FULL_PAGE`` alone."""

    def __init__(self, body: float, title: float, office: float, pad: float, blank_rows: int, stamp: float):
        self.body, self.title, self.office, self.pad = body, title, office, pad
        self.blank_rows, self.stamp = blank_rows, stamp

    @property
    def padding(self) -> list:
        return [("TOPPADDING", (0, 0), (-1, -1), self.pad), ("BOTTOMPADDING", (0, 0), (-1, -1), self.pad + 1),
                ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]


HALF_PAGE = Size(9.5, 15, 10.5, 1.2, 3, 22 * mm)
FULL_PAGE = Size(10.5, 20, 13, 3.5, 5, 34 * mm)


def _info(doc: PrintedHandover, s: Size) -> Table:
    def t(value, kind="text"):
        return text(value, kind, s.body)

    def lab(value):
        return text(value, "label", s.body)
    rows = [[lab(ROOM), t(doc.room_label, "strong"), lab(AREA), t(AREA_TEXT.format(area=doc.area))],
            [lab(OWNER), t(doc.owner_name, "strong"), lab(PHONE), t(doc.owner_phone)],
            [lab(ID), t(doc.owner_id), lab(HANDED), t(L.cn_date(doc.handed_on), "strong")]]
    if doc.deed_no:
        rows.append([lab(DEED), t(doc.deed_no), covered(), covered()])
    rows.append([lab(DOCUMENTS), Checklist(doc.documents, 3, s.body), covered(), covered()])
    spans = [((1, i), (3, i)) for i in range(3, len(rows))]
    shade = [("BACKGROUND", (0, 0), (0, -1), L.HEAD_SHADE), ("BACKGROUND", (2, 0), (2, 2), L.HEAD_SHADE)]
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


def _meters_and_keys(doc: PrintedHandover, s: Size) -> Table:
    def t(value, kind="text"):
        return text(value, kind, s.body)
    meters = _meter_rows(doc)
    keys = [(kind, str(count)) for kind, count in doc.keys]
    count = max(len(meters), len(keys) + 1)
    heads = [METER, METER_NO, READING, KEY_KIND, KEY_COUNT]
    rows = [[text(h, "label", s.body) for h in heads]]
    for i in range(count):
        meter = [t(meters[i][0], "center"), t(meters[i][1]), t(meters[i][2], "right")] if i < len(meters) \
            else [Spacer(0, s.body * 1.3), covered(), covered()]
        if i == count - 1:
            key = [text(KEYS_TOTAL, "label", s.body), t(KEYS_TEXT.format(n=doc.key_count), "center")]
        else:
            key = [t(keys[i][0]), t(KEYS_TEXT.format(n=keys[i][1]), "center")] if i < len(keys) else [covered()] * 2
        rows.append(meter + key)
    return L.grid(rows, METER_COLS, header_rows=1, style=s.padding + [
        ("BACKGROUND", (0, 1), (0, -1), L.HEAD_SHADE), ("LINEBEFORE", (3, 0), (3, -1), THICK, "black"),
        ("LINEABOVE", (3, count), (-1, count), THICK, "black"), ("LINEABOVE", (0, 0), (-1, 0), THICK, "black")])


def _defects(doc: PrintedHandover, s: Size) -> Table:
    """验房问题 as a section: its name down the left column, the defects' rows beside it."""
    def t(value, kind="text"):
        return text(value, kind, s.body)
    rows = [[L.section_label(DEFECTS)] + [text(h, "label", s.body) for h in (LINE_NO, PLACE, PROBLEM, DEPARTMENT, DUE)]]
    for n, d in enumerate(doc.defects, 1):
        rows.append([covered(), t(n, "center"), t(d.location), t(d.description), t(d.department, "center"),
                     t(L.cn_date(d.due_on), "center")])
    if not doc.defects:
        rows.append([covered(), covered(), covered(), t(NONE), covered(), covered()])
    while len(rows) < s.blank_rows + 1:                   # ruled lines to add a defect by hand
        rows.append([covered(), Spacer(0, s.body * 1.3)] + [covered() for _ in range(4)])
    return L.grid(rows, DEFECT_COLS, header_rows=1, shade_from=1, spans=[((0, 0), (0, -1))], style=s.padding + [
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
    left = stack(text(DECLARATION, "small", s.body), Spacer(0, 1 * mm), *rows)
    stamp = L.StampArea(STAMP, s.stamp)
    table = Table([[left, stamp]], colWidths=[WIDTH - s.stamp - 16 * mm, s.stamp + 16 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (0, 0), "TOP"), ("VALIGN", (1, 0), (1, 0), "TOP"),
                               ("ALIGN", (1, 0), (1, 0), "RIGHT"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return table


def part(doc: PrintedHandover, s: Size = HALF_PAGE) -> list[Flowable]:
    """One copy's flowables; build afresh for each drawing (a flowable is laid out once)."""
    return [L.heading(TITLE, office=doc.office, serial=doc.serial, title_size=s.title, office_size=s.office),
            Spacer(0, 1 * mm), _info(doc, s), _meters_and_keys(doc, s), _defects(doc, s)] + _note(doc, s) + [
            Spacer(0, 1.5 * mm), _sign_off(doc, s)]


def height(flowables: list[Flowable], width: float = WIDTH) -> float:
    scratch = Canvas(io.BytesIO())      # some flowables measure only on a canvas; one each time (threads)
    return sum(f.wrapOn(scratch, width, 10 ** 6)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flowables)


def _both_on_one(first: list[Flowable]):
    """The copy is drawn once, as a form object the page shows in both bands (half the drawing, half the bytes)."""
    def draw(c: Canvas) -> None:
        upper, lower = L.bands(len(PARTS), BOX)
        c.beginForm("copy", 0, 0, *L.PAGE)
        L.draw_flowables(c, L.Box(upper.x, upper.y, WIDTH, upper.height), first)
        c.endForm()
        for name, band in zip(PARTS, (upper, lower)):
            c.saveState()
            c.translate(0, band.y - upper.y)
            c.doForm("copy")
            c.restoreState()
            L.part_label(c, band, name)
        L.cut_line(c, (upper.y + lower.top) / 2, 0, L.PAGE[0])
    return [draw]


def _one_a_page(doc: PrintedHandover):
    def page(name: str):
        def draw(c: Canvas) -> None:
            L.draw_flowables(c, L.Box(BOX.x, BOX.y, WIDTH, BOX.height), part(doc, FULL_PAGE), shrink=True)
            L.part_label(c, BOX, name)
        return draw
    return [page(name) for name in PARTS]


def build_handover(doc: PrintedHandover) -> bytes:
    """Both copies on one A4 with a cut line when a copy fits half the page, else each copy on its own A4."""
    first = part(doc)
    fits = height(first) <= L.bands(len(PARTS), BOX)[0].height
    pages = _both_on_one(first) if fits else _one_a_page(doc)
    return L.canvas_pdf(f"{TITLE} No. {doc.serial}", pages, author=doc.office)
