"""Reading a printed release slip back as the clerk and the guard read the paper: its text by part,
where its text stands on the page, the page rendered (pdftoppm) and its QR code decoded (pyzbar)."""
from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

from pypdf import PdfReader

A4 = (595, 842)   # points, rounded
DPI = 150


def squash(text: str) -> str:
    """Wrapped lines come back with breaks (and letter-spaced titles with spaces); compare without."""
    return re.sub(r"\s+", "", text)


def page_texts(data: bytes) -> list[str]:
    return [squash(page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


def fragments(data: bytes, page: int = 0) -> list[tuple[str, float, float, float]]:
    """Each piece of upright text drawn: (text, x, y, size on the page), in points from the bottom left."""
    found = []

    def visit(text, cm, tm, _font, size):
        if not text.strip() or cm[1] or cm[2] or tm[1] or tm[2]:
            return            # the big slanted 作废 is drawn rotated: it is no line of text
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        found.append((text, x, y, size * tm[0] * cm[0]))
    PdfReader(io.BytesIO(data)).pages[page].extract_text(visitor_text=visit)
    return found


def halves(data: bytes) -> tuple[str, str]:
    """The text of the upper part (存根) and of the lower part (门岗联) of an A4, each squashed."""
    upper, lower = [], []
    for text, _x, y, _size in fragments(data):
        (upper if y > A4[1] / 2 else lower).append(text)
    return squash("".join(upper)), squash("".join(lower))


def text_width(text: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reports.pdf.fonts import BOLD, REGULAR, ensure_fonts
    ensure_fonts()
    return max(stringWidth(text, REGULAR, size), stringWidth(text, BOLD, size))


def render(data: bytes, folder: Path, name: str = "slip", dpi: int = DPI) -> list[Path]:
    """Every page as a PNG, as poppler draws it."""
    pdf = folder / f"{name}.pdf"
    pdf.write_bytes(data)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(folder / name)], check=True)
    return sorted(folder.glob(f"{name}-*.png"))


def qr_codes(png: Path) -> list:
    """The QR codes a scanner finds on a rendered page (pyzbar over libzbar)."""
    from PIL import Image
    from pyzbar.pyzbar import ZBarSymbol, decode
    with Image.open(png) as image:
        return decode(image.convert("L"), symbols=[ZBarSymbol.QRCODE])
