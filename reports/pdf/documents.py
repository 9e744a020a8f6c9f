"""Whole documents, as pure functions returning bytes (byte-stable: ``invariant=1``).

``flowing_pdf`` lets a story flow over numbered A4 pages (``fit_one_page`` keeps a card to
one); ``canvas_pdf`` draws page by page, where ``draw_parts`` sets the parts of one form
(三联单) in bands with their names and cut lines. The overview is in ``layout``.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepInFrame, PageTemplate, Table
from reportlab.platypus.doctemplate import LayoutError

from reports.pdf.cells import GREY, RED
from reports.pdf.fonts import BOLD, REGULAR, ensure_fonts

PAGE = A4
MARGIN = 15 * mm
PART_LABEL_WIDTH = 7 * mm          # strip on the right of a band for 第一联 存根
CUT_GAP = 8 * mm                   # between bands, the dashed line runs through its middle

__all__ = ["PAGE", "MARGIN", "PART_LABEL_WIDTH", "CUT_GAP", "LayoutError",
           # flowing documents
           "flowing_pdf", "fit_one_page",
           # parts on a page
           "Box", "content_box", "bands", "part_width", "draw_flowables", "draw_parts", "part_label",
           "cut_line", "void_mark", "canvas_pdf"]


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
        office = settings.office_name()
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
