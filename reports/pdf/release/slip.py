"""物品放行条 on paper: 第一联 存根 and 第二联 门岗联 on one A4 with a dashed cut line, or one part an A5.

The book's slip has ruled lines for a handful of goods. When a part would not fit its half of
the A4 (a long list, long names and notes), it shows as many lines as fit and one line
"其余 N 项（见附页物品清单）" with their count; every line then follows on an attached list
(放行物品清单) for each part, carrying the same number and the part's name, so the stub and the
guard's part are each complete. An urgent slip carries a red 急 in each part's corner; a
cancelled one reprints with 作废 across every part and page and the reason under its grid.
"""
from __future__ import annotations

import io

from reportlab.lib.pagesizes import A5, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, Spacer

from models.release.printed import PrintedSlip
from reports.pdf import layout as L
from reports.pdf.fonts import BOLD, REGULAR
from reports.pdf.release.parts import (BOX, HANDLED, MARGIN, PARTS, SIGNED, TITLE, WIDTH, goods_grid, part,
                                       states)

VOID, URGENT = "作废", "急"
ANNEX_TITLE = "放行物品清单"
ANNEX_OF = "附于物品放行条 No. {serial}，共 {lines} 项，{pieces} 件"
ANNEX_WHO = "房号：{room}　放行人：{person}（{role}）　放行日期：{date}"
ANNEX_MORE = "{title} No. {serial} {annex}（续）"
BOOK_LINES = 8                       # ruled lines of goods on the book's slip
A5_PAGE = landscape(A5)              # a part of the A4 is as wide as an A5 is long


def _height(flowables: list[Flowable], width: float) -> float:
    # Some flowables measure on a canvas: a scratch one each time, as prints may run in two threads.
    scratch = Canvas(io.BytesIO())
    return sum(f.wrapOn(scratch, width, 10 ** 6)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flowables)


def fitted_gate_part(doc: PrintedSlip, height: float) -> tuple[int, list[Flowable]]:
    """How many lines of goods each part shows in ``height``, with the 门岗联 so laid out: all of them
    when they fit (up to the book's lines), else as many as fit beside the line for the rest."""
    count = len(doc.goods)
    tries = ([count] if count <= BOOK_LINES else []) + list(range(min(count, BOOK_LINES) - 1, 0, -1))
    for shown in tries:
        # Both parts are the same height (the stub keeps the guard's row blank): measure the gate's.
        flowables = part(doc, gate=True, shown=shown)
        if _height(flowables, WIDTH) <= height:
            return shown, flowables
    return 1, part(doc, gate=True, shown=1)           # (drawn shrunk: the longest notes of all)


def _urgent_mark(c: Canvas, box: L.Box) -> None:
    """急: a red square in the part's top-left corner, seen at a glance at the gate."""
    side = 11 * mm
    c.saveState()
    c.setStrokeColor(L.RED)
    c.setFillColor(L.RED)
    c.setLineWidth(1.5)
    c.rect(box.x, box.top - side, side, side, stroke=1, fill=0)
    c.setFont(BOLD, side * 0.72)
    c.drawCentredString(box.x + side / 2, box.top - side * 0.78, URGENT)
    c.restoreState()


def _marks(c: Canvas, doc: PrintedSlip, band: L.Box, urgent: bool = True) -> None:
    inner = L.Box(band.x, band.y, L.part_width(band), band.height)
    if doc.urgent and urgent:
        _urgent_mark(c, inner)
    if doc.cancelled:
        L.void_mark(c, inner, VOID)


def _a4_pages(doc: PrintedSlip) -> list:
    shown, gate_part = fitted_gate_part(doc, L.bands(len(PARTS), BOX)[0].height)

    def draw(c: Canvas):
        for band in L.draw_parts(c, [(PARTS[0], part(doc, gate=False, shown=shown)), (PARTS[1], gate_part)],
                                 BOX, shrink=True):
            _marks(c, doc, band)
    return [draw] + _annexes(doc, shown, L.PAGE)


def _a5_pages(doc: PrintedSlip) -> list:
    box = L.content_box(A5_PAGE, MARGIN)
    shown, gate_part = fitted_gate_part(doc, box.height)

    def page(index: int):
        def draw(c: Canvas):
            flowables = gate_part if index else part(doc, gate=False, shown=shown)
            L.draw_flowables(c, L.Box(box.x, box.y, L.part_width(box), box.height), flowables, shrink=True)
            L.part_label(c, box, PARTS[index])
            _marks(c, doc, box)
        return draw
    return [page(i) for i in range(len(PARTS))] + _annexes(doc, shown, A5_PAGE)


# --- the attached list -------------------------------------------------------------------------


def _annex_story(doc: PrintedSlip, width: float) -> list[Flowable]:
    pieces = sum(line.quantity for line in doc.goods)
    widths = (12 * mm, 62 * mm, 16 * mm, width - 90 * mm)
    return [L.heading(ANNEX_TITLE, office=doc.office, serial=doc.serial, title_size=16, office_size=11,
                      left=ANNEX_OF.format(serial=doc.serial, lines=len(doc.goods), pieces=pieces)),
            L.text(ANNEX_WHO.format(room=doc.room_label, person=doc.person_name, role=doc.role_label,
                                    date=doc.issued_text)),
            Spacer(0, 2 * mm), goods_grid(list(doc.goods), widths)] + states(doc) + [
            Spacer(0, 3 * mm), L.sign_off([[L.Signature(HANDLED, name=doc.clerk, date=doc.issued_on),
                                             L.Signature(SIGNED)]], width, stamp=None)]


def _running_head(c: Canvas, doc: PrintedSlip, box: L.Box) -> None:
    c.saveState()
    c.setFont(REGULAR, 9)
    c.drawString(box.x, box.top - 9, ANNEX_MORE.format(title=TITLE, serial=doc.serial, annex=ANNEX_TITLE))
    c.restoreState()


def _fill(frame: Frame, pending: list[Flowable], c: Canvas) -> None:
    """Draw from the front of ``pending`` until the frame is full, splitting a table between rows."""
    while pending:
        if frame.add(pending[0], c):
            del pending[0]
            continue
        pieces = frame.split(pending[0], c)
        if len(pieces) < 2:
            return
        pending[0:1] = pieces
        if not frame.add(pending[0], c):
            return
        del pending[0]


def _annex(doc: PrintedSlip, name: str, pagesize):
    """Every line of goods for one part, on as many pages as it takes (column heads repeated)."""
    box = L.content_box(pagesize, MARGIN)

    def draw(c: Canvas):
        pending, page = _annex_story(doc, L.part_width(box)), 0
        while True:
            top = 0 if page == 0 else 14
            frame = Frame(box.x, box.y, L.part_width(box), box.height - top, leftPadding=0, rightPadding=0,
                          topPadding=0, bottomPadding=0)
            before = len(pending), pending[0]
            _fill(frame, pending, c)
            if page:
                _running_head(c, doc, box)
            L.part_label(c, box, name)
            _marks(c, doc, box, urgent=page == 0)
            if not pending:
                return
            if (len(pending), pending[0]) == before:
                raise L.LayoutError(f"a line of goods is taller than a page of slip {doc.serial}'s list")
            c.showPage()
            page += 1
    return draw


def _annexes(doc: PrintedSlip, shown: int, pagesize) -> list:
    if shown >= len(doc.goods):
        return []
    return [_annex(doc, name, pagesize) for name in PARTS]


def build_slip(doc: PrintedSlip, paper: str = "A4") -> bytes:
    """One release slip: its two parts on one A4 with a cut line, or (``paper="A5"``) one part an A5;
    a list of goods too long for the parts follows on attached pages, one list for each part."""
    title = f"{TITLE} No. {doc.serial}"
    if paper.upper() == "A5":
        return L.canvas_pdf(title, _a5_pages(doc), pagesize=A5_PAGE, author=doc.office)
    return L.canvas_pdf(title, _a4_pages(doc), author=doc.office)
