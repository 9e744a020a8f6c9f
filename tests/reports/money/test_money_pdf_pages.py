"""The money documents' pages themselves: ink on A4, and lines that wrap as Chinese does."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from models.money import cashier, closing
from models.money import documents as docs
from reports.pdf.money.daily_close import build_close
from reports.pdf.money.receipt import build_receipt
from reports.pdf.money.refund import build_refund
from reports.pdf.money.reminder import build_reminders

from tests.reports.money.money_books import PAY_BY, TODAY


# --- the pages themselves ----------------------------------------------------------------------


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) is not installed")
def test_every_document_renders_with_ink(books, clerk, supervisor, tmp_path):
    from PIL import Image
    close = closing.close_day(clerk)
    refund = cashier.refund_receipt(supervisor, books["fee"].id, "100", "多收退回")
    printed = {"receipt": build_receipt(docs.receipt_document(books["desk"].id)),
               "reminders": build_reminders(docs.reminder_documents(TODAY, PAY_BY)),
               "close": build_close(docs.close_document(close.id)),
               "refund": build_refund(docs.refund_document(refund.id))}
    for name, data in printed.items():
        pdf = tmp_path / f"{name}.pdf"
        pdf.write_bytes(data)
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", str(pdf), str(tmp_path / name)], check=True)
        image = Image.open(tmp_path / f"{name}.png").convert("RGB")
        assert abs(image.size[0] - 496) <= 1 and abs(image.size[1] - 702) <= 1, name    # A4 at 60 dpi
        raw = image.tobytes()
        pixels = [tuple(raw[i:i + 3]) for i in range(0, len(raw), 3)]
        dark = sum(1 for r, g, b in pixels if r + g + b < 200)
        red = sum(1 for r, g, b in pixels if r > 150 and g < 110 and b < 110)
        assert dark > len(pixels) * 0.01, name           # rules and text, not a blank page
        if name != "reminders":
            assert red > 10, name                        # the number, printed in red


def test_no_wrapped_line_starts_with_chinese_punctuation():
    """A narrow box forces wrapping: a line may break before a Han character, never before ，or ）."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate
    import io
    from pypdf import PdfReader
    from reports.pdf import layout as L
    text = "尊敬的业主：截至二〇二六年十一月二十四日，您尚欠物业管理费三个月，共计人民币（大写）壹仟元整，请于十二月前缴纳。" * 3
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build([L.grid([[L.text(text)]], [37 * 2.83])])
    lines = [line.strip() for line in PdfReader(io.BytesIO(buffer.getvalue())).pages[0].extract_text().splitlines()
             if line.strip()]
    assert len(lines) > 10
    assert not [line for line in lines if line[0] in "，；：）。、"], lines
