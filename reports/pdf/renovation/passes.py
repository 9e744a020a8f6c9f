"""装修施工人员出入证 on paper: card-sized passes (85.6 × 54 mm, an ID card's size, so they fit the usual
badge holders), eight to an A4 with cut marks, as many sheets as there are passes (FORMS.md).

Each card: the office's name and the title; the worker's one-inch photo (or an empty box to glue
one in); 姓名, 编号 (the pass's number, red), 施工房号, 有效期至 and 施工单位 (a long name wraps and
shrinks, never runs out of the card); the QR code the gate scans (the pass's number and its check
code, ≥ 20 mm, FORMS.md) with the check code printed under it for a guard who types; and the stamp
area. Cards touch, so one cut along each line parts them; marks in the margins show the lines.

The stored photo is a JPEG (models/attachments.py makes it one) and goes into the PDF as it is,
never decoded: see ``StoredJpeg``.
"""
from __future__ import annotations

import contextlib
import io
import threading

from reportlab import rl_config
from reportlab.graphics.barcode.qr import QrCode
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from models.renovation.printed import PrintedPass, PrintedPasses
from reports.pdf import layout as L
from reports.pdf.cells import GREY
from reports.pdf.fonts import BOLD, REGULAR

TITLE = "装修施工人员出入证"
NAME, NUMBER, ROOM, VALID, CONTRACTOR = "姓名", "编号", "施工房号", "有效期至", "施工单位"
CODE = "校验码 {code}"
PHOTO = "一寸照片"
STAMP = "管理处(盖章)"
SHEET = "{title} 装修申请 No. {serial}　第 {page} 页 共 {pages} 页　（沿裁切线剪下，塑封后佩戴）"

CARD_W, CARD_H = 85.6 * mm, 54 * mm
COLUMNS, ROWS = 2, 4
PER_SHEET = COLUMNS * ROWS
LEFT = (L.PAGE[0] - COLUMNS * CARD_W) / 2
BOTTOM = (L.PAGE[1] - ROWS * CARD_H) / 2
PAD = 2.5 * mm
PHOTO_W, PHOTO_H = 22 * mm, 30.8 * mm          # one inch (25 × 35 mm) brought to the card
QR_SIZE = 23.2 * mm                            # with its quiet zone: the symbol itself is 20 mm
STAMP_DIAMETER = 14 * mm
TOP_BAND = 13.5 * mm                           # the office's name and the title
TEXT_X = PAD + PHOTO_W + 2.5 * mm
TEXT_W = CARD_W - TEXT_X - QR_SIZE - PAD - 1 * mm
LABEL_SIZE = 6.5
MARK, MARK_GAP = 6 * mm, 1.5 * mm              # cut marks: their length, and their gap from the cards


class StoredJpeg(ImageReader):
    """A stored JPEG, embedded in the PDF as it is.

    ReportLab names each image it draws by a digest of its decoded pixels (``Canvas.drawImage``
    calls ``getRGBData``), which for a camera's photo costs more than drawing the whole sheet. A
    JPEG is embedded whole (its own bytes are the image stream), so its stored digest names it as
    well; anything that is not a JPEG is decoded as ReportLab always does.
    """

    def __init__(self, data: bytes, key: str):
        super().__init__(io.BytesIO(data))
        self._key = (key or str(len(data))).encode("ascii") + data[-64:]
        self._is_jpeg = self.jpeg_fh() is not None

    def getRGBData(self):
        if self._is_jpeg:
            self._dataA = None
            return self._key
        return super().getRGBData()


_A85 = threading.Lock()


@contextlib.contextmanager
def jpeg_as_is():
    """Embed the JPEG drawn in this block as its own bytes (DCTDecode), not wrapped in ASCII85 as well.

    ReportLab wraps every image stream in ASCII85 (``rl_config.useA85``), which without its optional C
    accelerator is pure Python: half a second for a sheet of camera photos. A PDF needs no 7-bit
    wrapping. Only the image object made inside the block reads the setting (page streams read it when
    the document is saved); the lock keeps two prints in two threads from restoring it wrongly.
    """
    with _A85:
        before = rl_config.useA85
        rl_config.useA85 = 0
        try:
            yield
        finally:
            rl_config.useA85 = before


def _wrap(c: Canvas, text: str, font: str, size: float, width: float) -> list[str]:
    """Lines of at most ``width``, broken between any two characters (Chinese wraps so)."""
    lines, line = [], ""
    for ch in text:
        if line and c.stringWidth(line + ch, font, size) > width:
            lines.append(line)
            line = ch
        else:
            line += ch
    return lines + [line] if line else lines


def _fitted(c: Canvas, text: str, font: str, size: float, width: float, lines: int) -> tuple[float, list[str]]:
    """The largest size down to 5 pt at which ``text`` takes at most ``lines`` lines (cut with … below it)."""
    while size > 5:
        wrapped = _wrap(c, text, font, size, width)
        if len(wrapped) <= lines:
            return size, wrapped
        size -= 0.5
    wrapped = _wrap(c, text, font, size, width)
    return size, wrapped[:lines - 1] + [wrapped[lines - 1][:-1] + "…"] if len(wrapped) > lines else wrapped


def _photo(c: Canvas, card: PrintedPass, x: float, y: float) -> None:
    """The photo cropped to the one-inch box (centred, filling it), or the empty box."""
    c.setLineWidth(0.5)
    if card.photo is None:
        c.saveState()
        c.setStrokeColor(GREY)
        c.setDash(2, 2)
        c.rect(x, y, PHOTO_W, PHOTO_H)
        c.setFillColor(GREY)
        c.setFont(REGULAR, 7)
        c.drawCentredString(x + PHOTO_W / 2, y + PHOTO_H / 2 - 2, PHOTO)
        c.restoreState()
        return
    image = StoredJpeg(card.photo, card.photo_key)
    width, height = card.photo_size or image.getSize()
    scale = max(PHOTO_W / width, PHOTO_H / height)
    drawn_w, drawn_h = width * scale, height * scale
    c.saveState()
    clip = c.beginPath()
    clip.rect(x, y, PHOTO_W, PHOTO_H)
    c.clipPath(clip, stroke=0, fill=0)
    with jpeg_as_is():
        c.drawImage(image, x - (drawn_w - PHOTO_W) / 2, y - (drawn_h - PHOTO_H) / 2, drawn_w, drawn_h)
    c.restoreState()
    c.rect(x, y, PHOTO_W, PHOTO_H)


def _field(c: Canvas, label: str, value: str, y: float, font: str = REGULAR, size: float = 8.5,
           colour=colors.black) -> None:
    c.setFont(REGULAR, LABEL_SIZE)
    c.setFillColor(GREY)
    c.drawString(TEXT_X, y, label)
    x = TEXT_X + c.stringWidth(label, REGULAR, LABEL_SIZE) + 1.5 * mm
    size, (line, *_rest) = _fitted(c, value, font, size, TEXT_X + TEXT_W - x, 1)
    c.setFont(font, size)
    c.setFillColor(colour)
    c.drawString(x, y, line)
    c.setFillColor(colors.black)


def _texts(c: Canvas, card: PrintedPass) -> None:
    top = CARD_H - TOP_BAND
    _field(c, NAME, card.name, top - 5.5 * mm, BOLD, 12)
    _field(c, NUMBER, card.pass_number, top - 11 * mm, BOLD, 8.5, L.RED)
    _field(c, ROOM, card.room_label, top - 16 * mm)
    _field(c, VALID, L.cn_date(card.valid_until), top - 21 * mm, BOLD)
    c.setFont(REGULAR, LABEL_SIZE)
    c.setFillColor(GREY)
    y = top - 26 * mm
    c.drawString(TEXT_X, y, CONTRACTOR)
    c.setFillColor(colors.black)
    x = TEXT_X + c.stringWidth(CONTRACTOR, REGULAR, LABEL_SIZE) + 1.5 * mm
    size, lines = _fitted(c, card.contractor, REGULAR, 7.5, TEXT_X + TEXT_W - x, 3)
    c.setFont(REGULAR, size)
    for i, line in enumerate(lines):
        c.drawString(x, y - i * size * 1.2, line)


def _top(c: Canvas, card: PrintedPass, office: str) -> None:
    size = 7
    while size > 5 and c.stringWidth(office, REGULAR, size) > CARD_W - 2 * PAD:
        size -= 0.5
    c.setFont(REGULAR, size)
    c.drawCentredString(CARD_W / 2, CARD_H - 4.5 * mm, office)
    c.setFont(BOLD, 12)
    c.drawCentredString(CARD_W / 2, CARD_H - 10 * mm, TITLE)
    c.setStrokeColor(L.RED)
    c.setLineWidth(1)
    c.line(PAD, CARD_H - 12 * mm, CARD_W - PAD, CARD_H - 12 * mm)
    c.setStrokeColor(colors.black)


def _code_and_stamp(c: Canvas, card: PrintedPass) -> None:
    x = CARD_W - PAD - QR_SIZE
    y = CARD_H - TOP_BAND - QR_SIZE + 1 * mm
    QrCode(card.qr_payload, width=QR_SIZE, height=QR_SIZE, qrLevel="M", qrBorder=2).drawOn(c, x, y)
    c.setFont(BOLD, 6.5)
    c.drawCentredString(x + QR_SIZE / 2, y - 1 * mm, CODE.format(code=card.check_code))
    r = STAMP_DIAMETER / 2
    c.saveState()
    c.setStrokeColor(GREY)
    c.setLineWidth(0.4)
    c.setDash(1.5, 1.5)
    c.circle(x + QR_SIZE / 2, PAD + r, r)
    c.restoreState()
    c.setFont(REGULAR, 5.5)
    c.setFillColor(GREY)
    c.drawRightString(x + QR_SIZE / 2 - r - 0.8 * mm, PAD + 0.5 * mm, STAMP)
    c.setFillColor(colors.black)


def draw_card(c: Canvas, card: PrintedPass, office: str, x: float, y: float) -> None:
    """One pass with its bottom-left corner at (x, y)."""
    c.saveState()
    c.translate(x, y)
    c.setStrokeColor(colors.HexColor("#C0C0C0"))
    c.setLineWidth(0.3)
    c.rect(0, 0, CARD_W, CARD_H)
    c.setStrokeColor(colors.black)
    _top(c, card, office)
    _photo(c, card, PAD, CARD_H - TOP_BAND - PHOTO_H - 0.5 * mm)
    _texts(c, card)
    _code_and_stamp(c, card)
    c.restoreState()


def cut_marks(c: Canvas, count: int = PER_SHEET) -> None:
    """Short black lines in the margins, in line with every edge between and around the ``count`` cards."""
    columns, rows = min(count, COLUMNS), -(-count // COLUMNS)
    right, top, bottom = LEFT + columns * CARD_W, BOTTOM + ROWS * CARD_H, BOTTOM + (ROWS - rows) * CARD_H
    c.saveState()
    c.setLineWidth(0.5)
    for i in range(columns + 1):
        x = LEFT + i * CARD_W
        c.line(x, top + MARK_GAP, x, top + MARK_GAP + MARK)
        c.line(x, bottom - MARK_GAP, x, bottom - MARK_GAP - MARK)
    for j in range(rows + 1):
        y = top - j * CARD_H
        c.line(LEFT - MARK_GAP, y, LEFT - MARK_GAP - MARK, y)
        c.line(right + MARK_GAP, y, right + MARK_GAP + MARK, y)
    c.restoreState()


def _sheet(doc: PrintedPasses, cards: tuple[PrintedPass, ...], page: int, pages: int):
    def draw(c: Canvas) -> None:
        c.setFont(REGULAR, 8)
        c.setFillColor(GREY)
        c.drawCentredString(L.PAGE[0] / 2, BOTTOM + ROWS * CARD_H + MARK_GAP + MARK + 4 * mm,
                            SHEET.format(title=TITLE, serial=doc.serial, page=page, pages=pages))
        c.setFillColor(colors.black)
        for i, card in enumerate(cards):
            row, column = divmod(i, COLUMNS)
            draw_card(c, card, doc.office, LEFT + column * CARD_W, BOTTOM + (ROWS - 1 - row) * CARD_H)
        cut_marks(c, len(cards))
    return draw


def build_passes(doc: PrintedPasses) -> bytes:
    """Every pass of ``doc``, eight to a sheet, in the order of their numbers."""
    sheets = [doc.passes[i:i + PER_SHEET] for i in range(0, len(doc.passes), PER_SHEET)]
    pages = [_sheet(doc, cards, n, len(sheets)) for n, cards in enumerate(sheets, 1)]
    return L.canvas_pdf(f"{TITLE} No. {doc.serial}", pages, author=doc.office)
