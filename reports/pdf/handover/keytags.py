"""钥匙牌 on paper: a sheet of A4 self-adhesive labels (3 × 8 of 63.5 × 33.9 mm, the common "A4 24 格"
label paper), one label a key, in the order of the hooks; as many sheets as there are keys.

Each label: the estate's name and the kind of key (空置房, 业主委托, 公共区域, 设备房) on its top line; the
hook number large, as it is read across the cabinet; what the key opens (the room 3栋2单元1301 or the area,
and 入户门 / 配电房门); and the Code 128 barcode of the tag (K000123) with the code printed under it, which a
USB scanner types back exactly, so a loan or a return starts with a scan (FORMS.md). The labels' outlines
are drawn faintly, for plain paper cut by hand.
"""
from __future__ import annotations

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from models.handover.printed import PrintedKeyTag, PrintedKeyTags
from reports.pdf import layout as L
from reports.pdf.cells import GREY
from reports.pdf.fonts import BOLD, REGULAR

TITLE = "钥匙牌"
SHEET = "{title}　{office}　挂钩 {first} 至 {last}，共 {count} 个　第 {page} 页 共 {pages} 页"

LABEL_W, LABEL_H = 63.5 * mm, 33.9 * mm
COLUMNS, ROWS = 3, 8
PER_SHEET = COLUMNS * ROWS
GUTTER = 2.5 * mm                              # between columns; rows touch
LEFT = (L.PAGE[0] - COLUMNS * LABEL_W - (COLUMNS - 1) * GUTTER) / 2
TOP = L.PAGE[1] - (L.PAGE[1] - ROWS * LABEL_H) / 2
PAD = 3 * mm
BAR_WIDTH = 0.3 * mm                           # one module: 12 mil, read by any USB scanner from paper
BAR_HEIGHT = 9.5 * mm
BAR_BOTTOM = 5 * mm
HOOK_SIZE, HOOK_WIDTH = 24, 30 * mm            # the hook number: its largest size, and the most it may take
OUTLINE = colors.HexColor("#C8C8C8")


def barcode(tag: str) -> Code128:
    """The tag's Code 128 with its quiet zones (ten modules each side)."""
    return Code128(tag, barWidth=BAR_WIDTH, barHeight=BAR_HEIGHT, humanReadable=0, quiet=1,
                   lquiet=10 * BAR_WIDTH, rquiet=10 * BAR_WIDTH)


def _fit(c: Canvas, value: str, font: str, size: float, width: float, least: float = 5.5) -> float:
    while size > least and c.stringWidth(value, font, size) > width:
        size -= 0.5
    return size


def _line(c: Canvas, value: str, font: str, size: float, x: float, y: float, width: float) -> None:
    """One line that shrinks to fit ``width``, and past the smallest type is cut with …."""
    size = _fit(c, value, font, size, width)
    while value and c.stringWidth(value, font, size) > width:
        value = value[:-2] + "…"
    c.setFont(font, size)
    c.drawString(x, y, value)


def _top_line(c: Canvas, tag: PrintedKeyTag, short_name: str) -> None:
    y = LABEL_H - PAD - 2.3 * mm
    c.setFont(BOLD, 7.5)
    kind_w = c.stringWidth(tag.kind, BOLD, 7.5) + 2 * mm
    c.setLineWidth(0.5)
    c.rect(LABEL_W - PAD - kind_w, y - 1 * mm, kind_w, 3.8 * mm)
    c.drawCentredString(LABEL_W - PAD - kind_w / 2, y, tag.kind)
    c.setFillColor(GREY)
    _line(c, short_name, REGULAR, 7.5, PAD, y, LABEL_W - 2 * PAD - kind_w - 2 * mm)
    c.setFillColor(colors.black)


def _wrapped(c: Canvas, value: str, font: str, size: float, width: float, lines: int) -> tuple[float, list[str]]:
    """``value`` broken between any two characters into at most ``lines`` lines of ``width``, shrinking
    down to 6 pt first; what still does not fit is cut with …."""
    while True:
        out, line = [], ""
        for ch in value:
            if line and c.stringWidth(line + ch, font, size) > width:
                out.append(line)
                line = ch
            else:
                line += ch
        out += [line] if line else []
        if len(out) <= lines or size <= 6:
            break
        size -= 0.5
    if len(out) > lines:
        out = out[:lines - 1] + [out[lines - 1][:-1] + "…"]
    return size, out


def _hook_and_opens(c: Canvas, tag: PrintedKeyTag) -> None:
    size = _fit(c, tag.hook, BOLD, HOOK_SIZE, HOOK_WIDTH, least=10)
    hook_w = c.stringWidth(tag.hook, BOLD, size)
    base = BAR_BOTTOM + BAR_HEIGHT + 3.2 * mm
    c.setFont(BOLD, size)
    c.drawString(PAD, base, tag.hook)
    x = PAD + hook_w + 2.5 * mm
    width = LABEL_W - PAD - x
    if tag.place:
        _line(c, tag.label, BOLD, 9.5, x, base, width)
        size, lines = _wrapped(c, tag.place, REGULAR, 8.5, width, 2)
        c.setFont(REGULAR, size)
        for i, line in enumerate(reversed(lines)):
            c.drawString(x, base + 3.7 * mm + i * size * 1.1, line)       # clear of the kind's box above
    else:
        _line(c, tag.label, BOLD, 10, x, base + 1.5 * mm, width)


def _code(c: Canvas, tag: PrintedKeyTag) -> None:
    code = barcode(tag.tag)
    code.drawOn(c, (LABEL_W - code.width) / 2, BAR_BOTTOM)
    c.setFont(REGULAR, 7.5)
    c.drawCentredString(LABEL_W / 2, BAR_BOTTOM - 3 * mm, tag.tag)


def draw_label(c: Canvas, tag: PrintedKeyTag, short_name: str, x: float, y: float) -> None:
    """One key's label with its bottom-left corner at (x, y)."""
    c.saveState()
    c.translate(x, y)
    c.setStrokeColor(OUTLINE)
    c.setLineWidth(0.3)
    c.roundRect(0, 0, LABEL_W, LABEL_H, 2 * mm)
    c.setStrokeColor(colors.black)
    _top_line(c, tag, short_name)
    _hook_and_opens(c, tag)
    _code(c, tag)
    c.restoreState()


def label_origin(index: int) -> tuple[float, float]:
    """The bottom-left corner of the ``index``-th label of a sheet (left to right, top to bottom)."""
    row, column = divmod(index, COLUMNS)
    return LEFT + column * (LABEL_W + GUTTER), TOP - (row + 1) * LABEL_H


def _sheet(doc: PrintedKeyTags, tags: tuple[PrintedKeyTag, ...], page: int, pages: int):
    def draw(c: Canvas) -> None:
        c.setFont(REGULAR, 8)
        c.setFillColor(GREY)
        c.drawCentredString(L.PAGE[0] / 2, TOP + 4 * mm, SHEET.format(
            title=TITLE, office=doc.office, first=doc.first, last=doc.last, count=len(doc.tags), page=page,
            pages=pages))
        c.setFillColor(colors.black)
        for i, tag in enumerate(tags):
            draw_label(c, tag, doc.short_name, *label_origin(i))
    return draw


def build_keytags(doc: PrintedKeyTags) -> bytes:
    """Every tag of ``doc``, twenty-four to a sheet."""
    sheets = [doc.tags[i:i + PER_SHEET] for i in range(0, len(doc.tags), PER_SHEET)]
    pages = [_sheet(doc, tags, n, len(sheets)) for n, tags in enumerate(sheets, 1)]
    return L.canvas_pdf(f"{TITLE} {doc.first}-{doc.last}", pages, author=doc.office)
