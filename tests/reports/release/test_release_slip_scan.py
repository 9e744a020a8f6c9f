"""The printed slip at the gate and from the command line: the QR code decoded from the rendered page
(pdftoppm, pyzbar) answers at the gate; A5; the document registry; ``main.py print release``; the preview."""
from __future__ import annotations

import io
import shutil

import pytest
from pypdf import PdfReader

from models.errors import InvalidInput, NotFound
from models.release import gate, issuing
from models.release.printed import slip_for
from models.users import Actor
from reports.pdf.release.slip import build_slip
from tests.reports.release.slip_pages import DPI, page_texts, qr_codes, render
from tests.reports.release.test_release_slip_pdf import _long_slip

needs_poppler = pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) is not installed")
MM = DPI / 25.4                       # pixels per millimetre of the rendered page


def _symbol_mm(code) -> float:
    return min(code.rect.width, code.rect.height) / MM


@needs_poppler
def test_the_gate_parts_qr_code_scans_from_the_paper_and_opens_the_gate(approved_slip, clerk, tmp_path):
    from PIL import Image
    doc = slip_for(clerk, approved_slip.id)
    (png,) = render(build_slip(doc), tmp_path)
    (code,) = qr_codes(png)                             # one code on the page: the stub has none
    payload = code.data.decode("ascii")
    assert payload == doc.qr_payload == gate.qr_payload(approved_slip)
    answer = gate.answer(payload)
    assert answer.ok and answer.slip.id == approved_slip.id and not answer.typed
    with Image.open(png) as image:
        width, height = image.size
        assert code.rect.top > height / 2                  # on the 门岗联, the lower half
        assert code.rect.left > width * 0.7                # in the column beside the grid
        # Nothing is printed in the side margins but the cut line across the middle (10 mm, less a hair).
        grey = image.convert("L")
        cut = {y for y in range(height) if min(grey.getpixel((x, y)) for x in range(0, int(9 * MM))) < 200}
        assert cut and max(cut) - min(cut) < 4 and abs(min(cut) - height / 2) < 30 * MM
        for x in list(range(0, int(9 * MM))) + list(range(width - int(9 * MM), width)):
            for y in range(0, height, 3):
                if y not in cut and not min(cut) - 2 <= y <= max(cut) + 2:
                    assert grey.getpixel((x, y)) > 200, (x, y)
    assert _symbol_mm(code) >= 25                        # large enough to scan from paper


@needs_poppler
def test_a_long_list_keeps_the_qr_code_full_size(estate, clerk, tmp_path):
    doc = slip_for(clerk, _long_slip(estate, clerk, issuing.MAX_LINES).id)
    first, *rest = render(build_slip(doc), tmp_path)
    (code,) = qr_codes(first)
    assert code.data.decode("ascii") == doc.qr_payload and _symbol_mm(code) >= 25
    assert rest and not any(qr_codes(page) for page in rest)


@needs_poppler
def test_a_cancelled_slips_code_still_reads_but_the_gate_refuses_it(plain_slip, clerk, tmp_path):
    issuing.cancel_slip(clerk, plain_slip.id, "物品写错")
    doc = slip_for(clerk, plain_slip.id)
    (png,) = render(build_slip(doc), tmp_path)
    (code,) = qr_codes(png)
    answer = gate.answer(code.data.decode("ascii"))
    assert not answer.ok and answer.state == "cancelled" and "物品写错" in answer.reason


@needs_poppler
def test_a5_prints_one_part_a_page_and_the_gate_part_carries_the_code(tenant_slip, clerk, tmp_path):
    doc = slip_for(clerk, tenant_slip.id)
    data = build_slip(doc, "A5")
    reader = PdfReader(io.BytesIO(data))
    assert [[round(float(x)) for x in page.mediabox[2:]] for page in reader.pages] == [[595, 420]] * 2
    stub, gate_part = page_texts(data)
    assert "第一联存根" in stub and "第二联门岗联" in gate_part and f"校验码{doc.check_code}" in gate_part
    for text in (stub, gate_part):
        assert f"No.{doc.serial}" in text and "放行人李娜（租户）" in text and "业主同意放行" in text
    stub_png, gate_png = render(data, tmp_path)
    assert qr_codes(stub_png) == []
    (code,) = qr_codes(gate_png)
    assert code.data.decode("ascii") == doc.qr_payload and gate.answer(doc.qr_payload).ok
    assert _symbol_mm(code) >= 25


# --- the document registry and the command line ---------------------------------------------------


def test_the_slip_is_a_registered_document_found_by_its_number(approved_slip, clerk):
    from reports.pdf.registry import get_document, make_document
    document = get_document("release")
    assert document.find(approved_slip.serial) == approved_slip.id
    assert document.find(f"{approved_slip.year}-{approved_slip.number}") == approved_slip.id
    assert document.find(gate.qr_payload(approved_slip)) == approved_slip.id      # a scan names it too
    assert document.name(approved_slip.id) == f"物品放行条 {approved_slip.serial}"
    for wrong, error in (("", InvalidInput), ("FX2026-999999", NotFound), ("hello", InvalidInput),
                         (f"{approved_slip.serial}/AAAAAA", InvalidInput)):
        with pytest.raises(error) as raised:
            document.find(wrong)
        assert "放行条" in str(raised.value)
    assert len(PdfReader(io.BytesIO(make_document(clerk, "release", approved_slip.serial))).pages) == 1
    a5 = make_document(clerk, "release", approved_slip.serial, {"paper": "a5"})
    assert len(PdfReader(io.BytesIO(a5)).pages) == 2
    with pytest.raises(InvalidInput, match="A4 或 A5"):
        make_document(clerk, "release", approved_slip.serial, {"paper": "B5"})


def test_print_release_from_the_command_line(approved_slip, db_path, tmp_path):
    from models import db as dbmod
    from tests.cli_run import main_runner
    serial = approved_slip.serial
    dbmod.close_database()                       # the command line opens the file as another process
    run = main_runner(str(tmp_path / "home"))
    out = tmp_path / "slip.pdf"
    result = run("--db", str(db_path), "print", "release", serial, "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = page_texts(out.read_bytes())[0]
    assert text.count(f"No.{serial}") == 3 and "物品放行条" in text and "房号3栋2单元1201" in text
    a5 = tmp_path / "slip-a5.pdf"
    result = run("--db", str(db_path), "print", "release", serial.lower(), "--paper", "A5", "--out", str(a5))
    assert result.returncode == 0, result.stderr
    assert len(PdfReader(a5).pages) == 2
    for args in (["print", "release", "FX2026-999999", "--out", str(tmp_path / "x.pdf")],
                 ["print", "release", "--out", str(tmp_path / "x.pdf")],
                 ["print", "release", serial, "--paper", "B5", "--out", str(tmp_path / "x.pdf")]):
        refused = run("--db", str(db_path), *args)
        assert refused.returncode == 1 and len(refused.stderr.strip().splitlines()) == 1, refused.stderr
        assert "放行条" in refused.stderr or "A4" in refused.stderr
        assert "Traceback" not in refused.stderr and not (tmp_path / "x.pdf").exists()


# --- the window's preview -------------------------------------------------------------------------


def _page_of(qtbot, actor):
    from types import SimpleNamespace
    from PySide6.QtWidgets import QWidget
    page = QWidget()
    page.ctx = SimpleNamespace(actor=actor)
    qtbot.addWidget(page)
    return page


def test_the_window_previews_the_slip_by_its_printed_name(qtbot, monkeypatch, approved_slip, clerk):
    from ui.release.printing import preview_slip
    page = _page_of(qtbot, clerk)
    preview = preview_slip(page, approved_slip.id)
    title = preview.windowTitle()
    assert title.endswith(f"物品放行条 {approved_slip.serial}") and len(preview.page_labels) == 1
    preview.reject()
    a5 = preview_slip(page, approved_slip.id, paper="A5")
    assert a5.windowTitle() == title and len(a5.page_labels) == 2
    a5.reject()
    said = []
    monkeypatch.setattr("ui.release.printing.show_error", lambda parent, error, title: said.append(str(error)))
    guard = _page_of(qtbot, Actor("周卫东", "gate"))
    assert preview_slip(guard, approved_slip.id) is None and len(said) == 1 and "周卫东" in said[0]
