"""The ink and type of every form, and the cells and ruled grids forms are built of.

``text`` and ``label`` make wrapping paragraphs that break Chinese between any two
characters (and Latin text at spaces); ``grid`` rules them into a table; tables stacked
with no space between them read as one pre-printed form.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from models.validation import format_date_cn
from reports.pdf.fonts import BOLD, REGULAR, ensure_fonts

RED = colors.HexColor("#C00000")   # serial numbers, as on pre-printed books
GREY = colors.HexColor("#808080")
HEAD_SHADE = colors.HexColor("#F2F2F2")   # column heads of a grid, light enough for any printer
LINE = 0.5                         # inner rules (pt)
FRAME_LINE = 1.2                   # outer frame of a grid
BODY_SIZE = 10.5                   # 五号, the size of Chinese office forms

__all__ = ["RED", "GREY", "HEAD_SHADE", "LINE", "FRAME_LINE", "BODY_SIZE",
           "FormStyles", "styles", "cn_date", "text", "label", "section_label", "at_least", "grid"]


# --- styles and cells --------------------------------------------------------------------


@dataclass(frozen=True)
class FormStyles:
    text: ParagraphStyle         # a value in a cell
    text_center: ParagraphStyle
    label: ParagraphStyle        # a printed field name in a cell
    small: ParagraphStyle        # notes under a form
    section: ParagraphStyle      # a vertical section name in the left column


@lru_cache(maxsize=1)
def _chinese_line_rules() -> None:
    """Chinese typesetting: no line starts with ，；：！？ or a closing bracket, none ends with an opening one.

    ReportLab's lists lack the full-width marks; they are module strings that the
    paragraph module imported by name, so both copies are extended (once).
    """
    import reportlab.lib.textsplit as textsplit
    import reportlab.platypus.paragraph as paragraph
    start, end = "，；：！？、。》」』）】〉", "（《「『【〈"
    for module in (textsplit, paragraph):
        if hasattr(module, "ALL_CANNOT_START"):
            module.ALL_CANNOT_START += "".join(ch for ch in start if ch not in module.ALL_CANNOT_START)
        if hasattr(module, "ALL_CANNOT_END"):
            module.ALL_CANNOT_END += "".join(ch for ch in end if ch not in module.ALL_CANNOT_END)


_chinese_line_rules()


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
