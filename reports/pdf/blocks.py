"""The furniture of a form: the heading at its top, the sign-off at its foot, a checklist of boxes.

``heading`` sets the letterhead, a spaced title and the red serial number;
``SignatureRow`` the blanks 经办人：______ 日期：____年__月__日; ``StampArea`` the place
for the office stamp (管理处(盖章), empty inside); ``sign_off`` puts signatures and stamp
together as one block that is never split.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from reports.pdf.cells import BODY_SIZE, GREY, LINE, RED
from reports.pdf.fonts import BOLD, REGULAR, ensure_fonts

__all__ = ["heading", "Heading", "Signature", "SignatureRow", "StampArea", "sign_off", "Checklist", "BOX_SIDE"]


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
        office = settings.office_name()
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


# --- checklist ----------------------------------------------------------------------------

BOX_SIDE = 3.2 * mm


class Checklist(Flowable):
    """Items each with its box, ``columns`` a row: ticked (and bold) when done, blank for the pen when not
    (装修项目 on the application, 证件核验 on the handover form). A long item's type shrinks to its column."""

    def __init__(self, items: tuple[tuple[str, bool], ...], columns: int = 3, size: float = BODY_SIZE,
                 spacing: float = 1.7):
        super().__init__()
        self.items, self.columns, self.size = items, max(columns, 1), size
        self.line = size * spacing

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
            c.setFont(font, _fit_size(name, font, self.size, step - BOX_SIDE - 2.5 * mm))
            c.drawString(x + BOX_SIDE + 1.5 * mm, y, name)
