"""Small pieces the handover part's papers share: their type, a stack of flowables in one cell, a
checklist of ticked and blank boxes, and the blanks a clerk fills in by hand (____年__月__日 __:__)."""
from __future__ import annotations

from functools import lru_cache

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from reports.pdf import layout as L
from reports.pdf.fonts import BOLD, REGULAR

NO_PADDING = [(k, (0, 0), (-1, -1), 0) for k in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")]
BOX_SIDE = 3.2 * mm
BLANK_MOMENT = "____年____月____日 ____:____"


@lru_cache(maxsize=8)
def type_of(size: float = L.BODY_SIZE) -> dict[str, ParagraphStyle]:
    """The paragraph styles of a form set in ``size`` points."""
    base = ParagraphStyle(f"handover-{size}", L.styles().text, fontSize=size, leading=size * 1.3)
    return dict(
        text=base,
        center=ParagraphStyle(f"handover-center-{size}", base, alignment=TA_CENTER),
        right=ParagraphStyle(f"handover-right-{size}", base, alignment=TA_RIGHT),
        strong=ParagraphStyle(f"handover-strong-{size}", base, fontName=BOLD),
        big=ParagraphStyle(f"handover-big-{size}", base, fontName=BOLD, fontSize=size * 1.25, leading=size * 1.55),
        label=ParagraphStyle(f"handover-label-{size}", base, fontName=BOLD, alignment=TA_CENTER),
        red=ParagraphStyle(f"handover-red-{size}", base, textColor=L.RED, fontName=BOLD),
        alert=ParagraphStyle(f"handover-alert-{size}", base, textColor=L.RED, fontName=BOLD, alignment=TA_CENTER),
        small=ParagraphStyle(f"handover-small-{size}", base, fontSize=size - 1.5, leading=(size - 1.5) * 1.35),
    )


def text(value, kind: str = "text", size: float = L.BODY_SIZE) -> Paragraph:
    """A wrapping cell (Chinese breaks between any two characters)."""
    return L.text(value, type_of(size)[kind])


def covered() -> Spacer:
    """A cell under a span, or left blank for the pen: nothing to lay out."""
    return Spacer(0, 0)


def stack(*flowables: Flowable) -> Table:
    """Several flowables in one cell of a grid, one under the other."""
    table = Table([[f] for f in flowables], colWidths=[None])
    table.setStyle(TableStyle(NO_PADDING))
    return table


class Checklist(Flowable):
    """Items each with its box: ticked when done (bold), blank for the pen when not; ``columns`` a row."""

    def __init__(self, items: tuple[tuple[str, bool], ...], columns: int = 3, size: float = L.BODY_SIZE):
        super().__init__()
        self.items, self.columns, self.size = items, max(columns, 1), size
        self.line = size * 1.65

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self.height = max(-(-len(self.items) // self.columns), 1) * self.line
        return self.width, self.height

    def draw(self):
        c, step = self.canv, self.width / self.columns
        for i, (name, ticked) in enumerate(self.items):
            x = (i % self.columns) * step
            y = self.height - (i // self.columns + 1) * self.line + self.size * 0.45
            c.setLineWidth(0.6)
            c.rect(x, y - 0.5, BOX_SIDE, BOX_SIDE)
            if ticked:
                c.setLineWidth(1.3)
                c.lines([(x + 0.6 * mm, y + 1.4 * mm, x + 1.4 * mm, y + 0.3 * mm),
                         (x + 1.4 * mm, y + 0.3 * mm, x + 3.4 * mm, y + 3.6 * mm)])
            font = BOLD if ticked else REGULAR
            size = self.size
            while size > 6 and c.stringWidth(name, font, size) > step - BOX_SIDE - 2.5 * mm:
                size -= 0.5
            c.setFont(font, size)
            c.drawString(x + BOX_SIDE + 1.5 * mm, y, name)


def moment(value) -> str:
    """2026年11月24日 10:05, or the blanks to fill in by hand."""
    return f"{L.cn_date(value)} {value:%H:%M}" if value else BLANK_MOMENT
