"""The layout toolkit every printed form shares.

Two ways to make a document, both pure functions returning bytes:

* a flowing document (lists, cards, notices) — ``flowing_pdf(story, title=...)``: A4 with
  page numbers 第 1 页 共 N 页 and, from page 2, a small running head;
* fixed bands on a page (a three-part receipt, a two-part release slip) —
  ``canvas_pdf(title, pages)`` where each page function calls ``draw_parts(canvas, parts)``;
  each part is a list of flowables drawn into its own band, with its name (第一联 存根)
  on the right edge and a dashed cut line between bands.

The same flowables serve both: ``heading`` (letterhead, spaced title, red serial number),
``grid`` (ruled table of ``label``/``text`` cells that wrap Chinese), ``SignatureRow``
(经办人：______ 日期：____年__月__日) and ``StampArea`` (管理处(盖章), empty inside).
Output is byte-stable (``invariant=1``) so tests can compare runs.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, KeepInFrame, PageTemplate, Paragraph,
                                Table, TableStyle)
from reportlab.platypus.doctemplate import LayoutError

from models.validation import format_date_cn
from reports.pdf.fonts import BOLD, REGULAR, ensure_fonts

PAGE = A4
MARGIN = 15 * mm
RED = colors.HexColor("#C00000")   # serial numbers, as on pre-printed books
GREY = colors.HexColor("#808080")
HEAD_SHADE = colors.HexColor("#F2F2F2")   # column heads of a grid, light enough for any printer
LINE = 0.5                         # inner rules (pt)
FRAME_LINE = 1.2                   # outer frame of a grid
BODY_SIZE = 10.5                   # 五号, the size of Chinese office forms
PART_LABEL_WIDTH = 7 * mm          # strip on the right of a band for 第一联 存根
CUT_GAP = 8 * mm                   # between bands, the dashed line runs through its middle

__all__ = ["PAGE", "MARGIN", "RED", "HEAD_SHADE", "BODY_SIZE", "PART_LABEL_WIDTH", "LayoutError",
           # cells and grids
           "FormStyles", "styles", "cn_date", "text", "label", "section_label", "at_least", "grid",
           # the furniture of a form
           "heading", "Heading", "Signature", "SignatureRow", "StampArea", "sign_off",
           # flowing documents
           "flowing_pdf", "fit_one_page",
           # parts on a page
           "Box", "content_box", "bands", "part_width", "draw_flowables", "draw_parts", "part_label",
           "cut_line", "void_mark", "canvas_pdf"]


# --- styles and cells --------------------------------------------------------------------


@dataclass(frozen=True)
class FormStyles:
    text: ParagraphStyle         # a value in a cell
    text_center: ParagraphStyle
    label: ParagraphStyle        # a printed field name in a cell
    small: ParagraphStyle        # notes under a form
    section: ParagraphStyle      # a vertical section name in the left column


@lru_cache(maxsize=1)
def styles() -> FormStyles:
    ensure_fonts()
    # wordWrap="CJK" breaks between any two Han characters (and keeps the rules
    # for punctuation), which is how Chinese wraps in a box.
    base = ParagraphStyle("form", fontName=REGULAR, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.35,
                          wordWrap="CJK", alignment=TA_LEFT)
    return FormStyles(
        text=base,
        text_center=ParagraphStyle("form-center", base, alignment=TA_CENTER),
        label=ParagraphStyle("form-label", base, fontName=BOLD, alignment=TA_CENTER),
        small=ParagraphStyle("form-small", base, fontSize=9, leading=12),
        section=ParagraphStyle("form-section", base, fontName=BOLD, alignment=TA_CENTER, leading=BODY_SIZE * 1.2),
    )


def cn_date(value: dt.date | None) -> str:
    """2026年11月24日; empty for no date."""
    return format_date_cn(value)


def _markup(value) -> str:
    # An empty cell still holds one line, so blank rows keep their height for handwriting.
    if value is None or str(value) == "":
        return "&nbsp;"
    return escape(str(value)).replace("\n", "<br/>")


_HAN = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


@lru_cache(maxsize=None)
def _latin_variant(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-latin", style, wordWrap=None)


def text(value, style: ParagraphStyle | None = None) -> Paragraph:
    """Plain text (escaped; newlines kept) as a wrapping paragraph.

    Text with no Chinese in it (John Smith-Williamson, an address abroad) wraps at spaces
    instead of between any two letters, which is what CJK wrapping would do.
    """
    style = style or styles().text
    if value and not _HAN.search(str(value)):
        style = _latin_variant(style)
    return Paragraph(_markup(value), style)


def label(value: str) -> Paragraph:
    return Paragraph(_markup(value), styles().label)


def section_label(value: str) -> Paragraph:
    """A section name set vertically, one character a line (家/庭/成/员)."""
    return Paragraph("<br/>".join(escape(ch) for ch in value if not ch.isspace()), styles().section)


class _AtLeast(Flowable):
    def __init__(self, content: Flowable, height: float):
        super().__init__()
        self.content, self.min_height = content, height

    def wrap(self, avail_width, avail_height):
        self.inner_w, self.inner_h = self.content.wrap(avail_width, avail_height)
        # Table splitting reads .height, so it must be the real one.
        self.width, self.height = self.inner_w, max(self.inner_h, self.min_height)
        return self.width, self.height

    def split(self, avail_width, avail_height):
        # Only a box taller than a page is split; its pieces need no minimum any more.
        pieces = self.content.split(avail_width, avail_height)
        return pieces if len(pieces) > 1 else []

    def draw(self):
        # Text starts at the top of the box, as on a hand-filled form.
        self.content.drawOn(self.canv, 0, self.height - self.inner_h)


def at_least(height: float, content) -> Flowable:
    """A cell content that takes at least ``height`` (a box for remarks, a handwriting row)."""
    return _AtLeast(content if isinstance(content, Flowable) else text(content), height)


def grid(rows: Sequence[Sequence], col_widths: Sequence[float], *, spans: Iterable[tuple] = (),
         header_rows: int = 0, shade_from: int = 0, style: Iterable[tuple] = (), frame: bool = True,
         split_in_row: bool = False) -> Table:
    """A ruled table. Cells: a flowable as it is, anything else as wrapping text.

    ``spans`` are ReportLab ``((col0, row0), (col1, row1))`` pairs. The first ``header_rows``
    rows are column heads: set as labels, lightly shaded from column ``shade_from`` on, and
    repeated on a new page. Tables stacked with no space between them read as one ruled
    form, so a form is built section by section.

    A table splits over a page break between rows, never inside a row span. ``split_in_row``
    lets a single row taller than a page (a very long remark) go on over the break; keep it
    for such one-cell rows, as ReportLab's in-row splitting is fragile with spans.
    """
    cells = [[c if isinstance(c, Flowable) else text(c) for c in row] for row in rows]
    for r in range(min(header_rows, len(cells))):
        cells[r] = [c if isinstance(c, Flowable) else label(c) for c in rows[r]]
    commands = [
        ("FONT", (0, 0), (-1, -1), REGULAR, BODY_SIZE),
        ("GRID", (0, 0), (-1, -1), LINE, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]
    if frame:
        commands.append(("BOX", (0, 0), (-1, -1), FRAME_LINE, colors.black))
    if header_rows:
        commands.append(("BACKGROUND", (shade_from, 0), (-1, header_rows - 1), HEAD_SHADE))
    commands += [("SPAN", a, b) for a, b in spans]
    table = Table(cells, colWidths=list(col_widths), repeatRows=header_rows, hAlign="CENTER",
                  splitInRow=1 if split_in_row else 0)
    table.setStyle(TableStyle(commands + list(style)))
    return table


# --- heading ------------------------------------------------------------------------------


def _fit_size(text_: str, font: str, size: float, width: float, char_space: float = 0) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth
    while size > 6 and stringWidth(text_, font, size) + char_space * len(text_) > width:
        size -= 0.5
    return size


class Heading(Flowable):
    """Letterhead (the office's name), a spaced title, red serial number at the right of the
    title, and a line of small facts under it (left and right), drawn as one block."""

    def __init__(self, title: str, office: str, serial: str | None = None, left: str = "", right: str = "",
                 title_size: float = 20, office_size: float = 13):
        super().__init__()
        ensure_fonts()
        self.title, self.office, self.serial = title, office, serial
        self.left, self.right = left, right
        self.title_size, self.office_size = title_size, office_size
        self.meta_size = BODY_SIZE

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self.height = (self.office_size * 1.5 if self.office else 0) + self.title_size * 1.6 \
            + (self.meta_size * 1.8 if (self.left or self.right) else 0)
        return self.width, self.height

    def draw(self):
        c, w = self.canv, self.width
        y = self.height
        if self.office:
            y -= self.office_size * 1.1
            size = _fit_size(self.office, BOLD, self.office_size, w)
            c.setFont(BOLD, size)
            c.drawCentredString(w / 2, y, self.office)
            y -= self.office_size * 0.4
        y -= self.title_size * 1.05
        space = self.title_size * 0.45     # 业 主 资 料 卡: spaced as printed titles are
        size = _fit_size(self.title, BOLD, self.title_size, w * 0.6, space)
        title_w = c.stringWidth(self.title, BOLD, size) + space * (len(self.title) - 1)
        c.saveState()  # the character spacing must not leak into the serial number
        t = c.beginText(w / 2 - title_w / 2, y)
        t.setFont(BOLD, size)
        t.setCharSpace(space)
        t.textOut(self.title)
        c.drawText(t)
        c.restoreState()
        # Double rule under the title, the mark of a pre-printed form.
        c.setLineWidth(0.8)
        c.line(w / 2 - title_w / 2 - 4, y - 4, w / 2 + title_w / 2 + 4, y - 4)
        c.setLineWidth(0.4)
        c.line(w / 2 - title_w / 2 - 4, y - 6, w / 2 + title_w / 2 + 4, y - 6)
        if self.serial:
            c.setFillColor(RED)
            c.setFont(BOLD, 12)
            c.drawRightString(w, y + 2, f"No. {self.serial}")
            c.setFillColor(colors.black)
        y -= self.title_size * 0.55
        if self.left or self.right:
            y -= self.meta_size * 1.2
            c.setFont(REGULAR, self.meta_size)
            if self.left:
                c.drawString(0, y, self.left)
            if self.right:
                c.drawRightString(w, y, self.right)


def heading(title: str, *, office: str | None = None, serial: str | None = None, left: str = "",
            right: str = "", title_size: float = 20, office_size: float = 13) -> Heading:
    """The top of every form; ``office`` defaults to the office.name setting.

    Give the title without spaces (收据, 业主资料卡): the letter spacing of printed titles
    is added here. ``serial`` is printed in red as ``No. <serial>``.
    """
    if office is None:
        from models import settings
        office = settings.get("office.name")
    return Heading(title, office, serial, left, right, title_size, office_size)


# --- signatures and stamp ---------------------------------------------------------------------


@dataclass(frozen=True)
class Signature:
    """One signature blank: ``label：name____`` and, unless ``with_date`` is false, a date
    blank ``日期：____年__月__日`` (printed filled in when ``date`` is given)."""
    label: str
    name: str = ""
    date: dt.date | None = None
    with_date: bool = True


class SignatureRow(Flowable):
    """Signature blanks side by side, sharing the width evenly.

    ``label_width`` reserves the same room for every caption, so that the blanks of rows
    stacked one above the other start at the same place (``sign_off`` sets it).
    """

    def __init__(self, signatures: Sequence[Signature], size: float = BODY_SIZE, gap: float = 6 * mm,
                 label_width: float = 0):
        super().__init__()
        ensure_fonts()
        self.signatures, self.size, self.gap, self.label_width = list(signatures), size, gap, label_width

    @staticmethod
    def caption_width(signatures: Iterable[Signature], size: float = BODY_SIZE) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth
        ensure_fonts()
        return max((stringWidth(f"{sig.label}：", REGULAR, size) for sig in signatures), default=0)

    def wrap(self, avail_width, avail_height):
        self.width, self.height = avail_width, self.size * 2.6
        return self.width, self.height

    def _blank(self, x: float, y: float, length: float, filled: str = "") -> float:
        c = self.canv
        c.setLineWidth(LINE)
        c.line(x, y - 2, x + length, y - 2)
        if filled:
            c.drawCentredString(x + length / 2, y, filled)
        return x + length

    def _date(self, x: float, y: float, value: dt.date | None) -> float:
        c, s = self.canv, self.size
        x += c.stringWidth("日期：", REGULAR, s)
        c.drawRightString(x, y, "日期：")
        for part, length, unit in ((value and str(value.year), 2.6 * s, "年"),
                                   (value and str(value.month), 1.7 * s, "月"),
                                   (value and str(value.day), 1.7 * s, "日")):
            x = self._blank(x, y, length, part or "")
            c.drawString(x, y, unit)
            x += s
        return x

    def draw(self):
        c, s = self.canv, self.size
        c.setFont(REGULAR, s)
        y = self.size * 0.9
        cell = (self.width - self.gap * (len(self.signatures) - 1)) / max(len(self.signatures), 1)
        date_w = c.stringWidth("日期：", REGULAR, s) + 6 * s + 3 * s
        for i, sig in enumerate(self.signatures):
            x = i * (cell + self.gap)
            caption = f"{sig.label}："
            c.drawString(x, y, caption)
            x += max(c.stringWidth(caption, REGULAR, s), self.label_width)
            line = cell - (x - i * (cell + self.gap)) - (date_w + s if sig.with_date else 0)
            x = self._blank(x, y, max(line, 6 * s), sig.name)
            if sig.with_date:
                self._date(x + s, y, sig.date)


class StampArea(Flowable):
    """Where the office stamp goes: a faint dashed circle with its caption beneath; nothing inside."""

    def __init__(self, caption: str = "管理处(盖章)", diameter: float = 36 * mm):
        super().__init__()
        ensure_fonts()
        self.caption, self.diameter = caption, diameter

    def wrap(self, avail_width, avail_height):
        self.width, self.height = self.diameter, self.diameter + BODY_SIZE * 1.8
        return self.width, self.height

    def draw(self):
        c, r = self.canv, self.diameter / 2
        c.saveState()
        c.setStrokeColor(GREY)
        c.setLineWidth(0.5)
        c.setDash(2, 2)
        c.circle(r, self.height - r, r)
        c.restoreState()
        c.setFont(REGULAR, BODY_SIZE)
        c.drawCentredString(r, BODY_SIZE * 0.4, self.caption)


def sign_off(rows: Sequence[Sequence[Signature]], width: float, *, stamp: str | None = "管理处(盖章)",
             before: Sequence[Flowable] = (), after: Sequence[Flowable] = ()) -> Table:
    """The foot of a form: signature rows (with ``before``/``after`` text, e.g. the signer's
    declaration) on the left, the stamp area on the right; one block, never split."""
    label_width = SignatureRow.caption_width(sig for row in rows for sig in row)
    left = list(before) + [SignatureRow(row, label_width=label_width) for row in rows] + list(after)
    if stamp is None:
        cells, widths = [[left]], [width]
    else:
        area = StampArea(stamp)
        cells, widths = [[left, area]], [width - area.diameter - 8 * mm, area.diameter + 8 * mm]
    table = Table(cells, colWidths=widths)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (0, 0), "MIDDLE"), ("VALIGN", (1, 0), (1, 0), "TOP"),
                               ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return table


# --- flowing documents -------------------------------------------------------------------------


def _numbered_canvas(office: str, title: str, page_numbers: bool, running_head: bool):
    """A canvas that holds pages back until the end, so each can say 共 N 页."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                self._decorate(number, total)
                super().showPage()
            super().save()

        def _decorate(self, number: int, total: int):
            w, h = self._pagesize
            self.saveState()
            self.setFillColor(GREY)
            self.setStrokeColor(GREY)
            if page_numbers:
                self.setFont(REGULAR, 9)
                self.drawCentredString(w / 2, MARGIN / 2, f"第 {number} 页  共 {total} 页")
            if running_head and number > 1:
                self.setFont(REGULAR, 9)
                self.drawString(MARGIN, h - MARGIN * 0.7, office)
                self.drawRightString(w - MARGIN, h - MARGIN * 0.7, f"{title}（续）")
                self.setLineWidth(0.4)
                self.line(MARGIN, h - MARGIN * 0.7 - 3, w - MARGIN, h - MARGIN * 0.7 - 3)
            self.restoreState()

    return NumberedCanvas


def flowing_pdf(story: list[Flowable], *, title: str, office: str | None = None, pagesize=PAGE,
                margin: float = MARGIN, page_numbers: bool = True, running_head: bool = True) -> bytes:
    """A multi-page document: the story flows over A4 pages with page numbers.

    Start the story with ``heading(...)``; later pages get a small running head
    (office name, title 续) so a loose page is still identifiable.
    """
    ensure_fonts()
    if office is None:
        from models import settings
        office = settings.get("office.name")
    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=pagesize, leftMargin=margin, rightMargin=margin, topMargin=margin,
                          bottomMargin=margin, title=title, author=office, creator="PropertyDesk", invariant=1)
    frame = Frame(margin, margin, pagesize[0] - 2 * margin, pagesize[1] - 2 * margin, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=_numbered_canvas(office, title, page_numbers, running_head))
    return buf.getvalue()


def fit_one_page(story: list[Flowable], *, min_scale: float = 0.8, pagesize=PAGE,
                 margin: float = MARGIN) -> list[Flowable]:
    """A one-page form (a card) that would spill a little onto a second page is scaled
    down to fit; one needing more than ``min_scale`` allows is left to flow on, since
    type too small to read is worse than a second page."""
    box = content_box(pagesize, margin)
    scratch = Canvas(io.BytesIO(), pagesize=pagesize)   # some flowables measure only on a canvas
    need = sum(f.wrapOn(scratch, box.width, 10 ** 6)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in story)
    if need <= box.height or box.height / need < min_scale:
        return story
    # One fixed-width block, so that tables and full-width text shrink alike and stay aligned.
    block = Table([[list(story)]], colWidths=[box.width],
                  style=[(k, (0, 0), (-1, -1), 0) for k in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING",
                                                             "BOTTOMPADDING")])
    return [KeepInFrame(box.width, box.height - 1, [block], mode="shrink", hAlign="CENTER")]


# --- fixed bands on a canvas -------------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    """A rectangle on the page in points; ``y`` is its bottom edge."""
    x: float
    y: float
    width: float
    height: float

    @property
    def top(self) -> float:
        return self.y + self.height


def content_box(pagesize=PAGE, margin: float = MARGIN) -> Box:
    return Box(margin, margin, pagesize[0] - 2 * margin, pagesize[1] - 2 * margin)


def bands(count: int, box: Box | None = None, gap: float = CUT_GAP) -> list[Box]:
    """``count`` equal bands, top first, ``gap`` apart (for cut lines)."""
    box = box or content_box()
    height = (box.height - gap * (count - 1)) / count
    return [Box(box.x, box.top - (i + 1) * height - i * gap, box.width, height) for i in range(count)]


def part_width(box: Box | None = None) -> float:
    """The width a part's flowables get inside a band (the right strip holds the part's name)."""
    return (box or content_box()).width - PART_LABEL_WIDTH


def draw_flowables(c: Canvas, box: Box, flowables: list[Flowable], *, shrink: bool = False) -> None:
    """Draw flowables top-down inside ``box``.

    A part that does not fit raises ``LayoutError``: a receipt silently missing its last
    lines is worse than an error. ``shrink=True`` scales it down to fit instead.
    """
    frame = Frame(box.x, box.y, box.width, box.height, leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0, showBoundary=0)
    if shrink:
        frame.add(KeepInFrame(box.width, box.height, list(flowables), mode="shrink"), c)
        return
    pending = list(flowables)
    frame.addFromList(pending, c)
    if pending:
        raise LayoutError(f"{len(pending)} block(s) do not fit in a {box.height / mm:.0f} mm band")


def part_label(c: Canvas, box: Box, name: str, size: float = 9) -> None:
    """第一联 存根, one character a line, centred on the right edge of ``box``."""
    chars = [ch for ch in name if not ch.isspace()]
    gaps = name.count(" ")
    step = size * 1.15
    x = box.x + box.width - PART_LABEL_WIDTH / 2
    y = box.y + box.height / 2 + (len(chars) + gaps * 0.5) * step / 2 - size
    c.saveState()
    c.setFont(REGULAR, size)
    for ch in name:
        if ch.isspace():
            y -= step * 0.5
            continue
        c.drawCentredString(x, y, ch)
        y -= step
    c.restoreState()


def cut_line(c: Canvas, y: float, x0: float, x1: float) -> None:
    """A dashed line across the page, where the parts are torn or cut apart."""
    c.saveState()
    c.setStrokeColor(GREY)
    c.setLineWidth(0.5)
    c.setDash(4, 3)
    c.line(x0, y, x1, y)
    c.restoreState()


def draw_parts(c: Canvas, parts: Sequence[tuple[str, list[Flowable]]], box: Box | None = None,
               *, shrink: bool = False) -> list[Box]:
    """Several parts of one form on one page (三联单): each in its own band with its name on
    the right edge, dashed cut lines between. Build each part's flowables afresh. Returns
    the bands, e.g. for ``void_mark``."""
    box = box or content_box()
    boxes = bands(len(parts), box)
    for i, ((name, flowables), band) in enumerate(zip(parts, boxes)):
        inner = Box(band.x, band.y, part_width(band), band.height)
        draw_flowables(c, inner, flowables, shrink=shrink)
        part_label(c, band, name)
        if i:
            cut_line(c, band.top + CUT_GAP / 2, 0, c._pagesize[0])
    return boxes


def void_mark(c: Canvas, box: Box, mark: str = "作废") -> None:
    """A large red diagonal word across a box (a voided receipt reprinted)."""
    size = min(box.width, box.height) * 0.45
    c.saveState()
    c.setFillColor(RED)
    c.setFillAlpha(0.55)
    c.translate(box.x + box.width / 2, box.y + box.height / 2)
    c.rotate(20)
    c.setFont(BOLD, size)
    c.drawCentredString(0, -size / 3, mark)
    c.restoreState()


def canvas_pdf(title: str, pages: Iterable[Callable[[Canvas], None]], *, pagesize=PAGE,
               author: str = "") -> bytes:
    """A document drawn page by page: each callable draws one page on the canvas."""
    ensure_fonts()
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=pagesize, invariant=1)
    c.setTitle(title)
    c.setAuthor(author)
    c.setCreator("PropertyDesk")
    for draw in pages:
        draw(c)
        c.showPage()
    c.save()
    return buf.getvalue()
