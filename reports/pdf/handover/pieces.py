"""Small pieces the handover part's papers share: their type, a stack of flowables in one cell, the width
a column's text needs, a checklist of ticked and blank boxes, and the blanks a clerk fills in by hand
(____年__月__日 __:__)."""
from __future__ import annotations

from functools import lru_cache

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer

from reports.pdf import layout as L
from reports.pdf.fonts import BOLD

HANG = 0.5                            # of a character, kept clear at the right of left-aligned text
BLANK_MOMENT = "____年____月____日 ____:____"


@lru_cache(maxsize=8)
def type_of(size: float = L.BODY_SIZE) -> dict[str, ParagraphStyle]:
    """The paragraph styles of a form set in ``size`` points.

    Chinese punctuation that may not start a line (，：）) hangs past the end of the line it closes (ReportLab
    follows that rule of Chinese typesetting): left-aligned text keeps half a character clear at its right,
    so the hanging mark stays inside its cell instead of running over the border."""
    base = ParagraphStyle(f"handover-{size}", L.styles().text, fontSize=size, leading=size * 1.3,
                          rightIndent=size * HANG)
    return dict(
        text=base,
        center=ParagraphStyle(f"handover-center-{size}", base, alignment=TA_CENTER, rightIndent=0),
        right=ParagraphStyle(f"handover-right-{size}", base, alignment=TA_RIGHT, rightIndent=0),
        strong=ParagraphStyle(f"handover-strong-{size}", base, fontName=BOLD),
        big=ParagraphStyle(f"handover-big-{size}", base, fontName=BOLD, fontSize=size * 1.25, leading=size * 1.55),
        label=ParagraphStyle(f"handover-label-{size}", base, fontName=BOLD, alignment=TA_CENTER, rightIndent=0),
        red=ParagraphStyle(f"handover-red-{size}", base, textColor=L.RED, fontName=BOLD),
        alert=ParagraphStyle(f"handover-alert-{size}", base, textColor=L.RED, fontName=BOLD, alignment=TA_CENTER,
                             rightIndent=0),
        small=ParagraphStyle(f"handover-small-{size}", base, fontSize=size - 1.5, leading=(size - 1.5) * 1.35,
                             rightIndent=(size - 1.5) * HANG),
    )


def text(value, kind: str = "text", size: float = L.BODY_SIZE) -> Paragraph:
    """A wrapping cell (Chinese breaks between any two characters)."""
    return L.text(value, type_of(size)[kind])


def covered() -> Spacer:
    """A cell under a span, or left blank for the pen: nothing to lay out."""
    return Spacer(0, 0)


class Stack(Flowable):
    """Several flowables one under the other, each wrapped to the width it is given (a grid's cell), so
    long text wraps inside its cell instead of running over the border."""

    def __init__(self, flowables):
        super().__init__()
        self.flowables = list(flowables)

    def wrap(self, avail_width, avail_height):
        self.sizes = [f.wrap(avail_width, avail_height) for f in self.flowables]
        self.width = max((w for w, _h in self.sizes), default=0)
        self.height = sum(h for _w, h in self.sizes)
        return self.width, self.height

    def draw(self):
        y = self.height
        for f, (_w, h) in zip(self.flowables, self.sizes):
            y -= h
            f.drawOn(self.canv, 0, y)


def stack(*flowables: Flowable) -> Stack:
    """Several flowables in one cell of a grid, one under the other."""
    return Stack(flowables)


CELL_PADDING = 8                      # a grid cell's left and right padding together (pt)


def width_of(values, kind: str = "text", size: float = L.BODY_SIZE, pad: float = CELL_PADDING) -> float:
    """The width a column needs to show each of ``values`` (their lines) unbroken in type ``kind``."""
    style = type_of(size)[kind]
    lines = (line for value in values for line in str(value).split("\n"))
    widest = max((stringWidth(line, style.fontName, style.fontSize) for line in lines), default=0)
    return widest + style.leftIndent + style.rightIndent + pad + 0.5


def moment(value) -> str:
    """2026年11月24日 10:05, or the blanks to fill in by hand."""
    return f"{L.cn_date(value)} {value:%H:%M}" if value else BLANK_MOMENT
