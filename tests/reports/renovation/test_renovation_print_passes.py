"""装修施工人员出入证 read back as the gate reads them: eight cards to a sheet, each QR code decoded from the
rendered page (pdftoppm, pyzbar) and answered at the gate, the stored photos embedded as they are,
the cards' text; printing some passes only; refusals."""
from __future__ import annotations

import io
import shutil

import pytest
from pypdf import PdfReader

from models.attachments import Attachment
from models.errors import Conflict, InvalidInput, NotFound
from models.release.gate import answer
from models.renovation import deciding, settling
from models.renovation.passes import qr_payload
from models.renovation.printed import passes_for
from models.renovation.works import Worker
from reports.pdf.registry import get_document, make_document
from reports.pdf.renovation import PassSheet
from reports.pdf.renovation.passes import CARD_H, CARD_W, build_passes
from tests.reports.release.slip_pages import fragments, page_texts, qr_codes, render, text_width
from tests.reports.renovation.conftest import LONG_CONTRACTOR

needs_poppler = pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) is not installed")
DPI = 150
MM = DPI / 25.4


def _workers(renovation) -> list[Worker]:
    return list(Worker.select().where(Worker.renovation == renovation.id).order_by(Worker.line))


def _images(data: bytes) -> list[list[tuple[str, bytes]]]:
    """Each page's image objects: (the last filter, the stream once any ASCII85 wrapping is undone)."""
    from pypdf.filters import ASCII85Decode
    pages = []
    for page in PdfReader(io.BytesIO(data)).pages:
        found = []
        for ref in page["/Resources"].get("/XObject", {}).values():
            obj = ref.get_object()
            if obj["/Subtype"] == "/Image":
                filters = [str(f) for f in (obj["/Filter"] if isinstance(obj["/Filter"], list) else [obj["/Filter"]])]
                stream = obj._data
                if filters[0] == "/ASCII85Decode":
                    stream = ASCII85Decode.decode(stream)
                found.append((filters[-1], stream))
        pages.append(found)
    return pages


def test_ten_passes_take_two_sheets_each_card_with_its_worker(many_workers, clerk):
    doc = passes_for(clerk, many_workers.id)
    data = build_passes(doc)
    first, second = page_texts(data)
    assert first.count("装修施工人员出入证") == 9 and second.count("装修施工人员出入证") == 3   # 8 or 2 cards + the head
    assert "第1页共2页" in first and "第2页共2页" in second
    for n, worker in enumerate(_workers(many_workers), 1):
        text = first if n <= 8 else second
        assert f"{many_workers.serial}-{n:02d}" in text and worker.name in text
    end = many_workers.end_on
    assert first.count(f"有效期至{end.year}年{end.month}月{end.day}日") == 8 and first.count("3栋2单元1201") == 8
    assert first.count("管理处(盖章)") == 8
    assert "深圳市前海新区安居乐业" in first     # a long name wraps inside its card


def test_the_photos_go_into_the_pdf_as_stored_never_reencoded(many_workers, clerk):
    data = make_document(clerk, "passes", many_workers.serial)
    stored = {bytes(a.data) for a in Attachment.select().where(Attachment.owner_kind == "renovation_worker")}
    pages = _images(data)
    assert [len(images) for images in pages] == [8, 2]
    for images in pages:
        for kind, stream in images:
            assert kind == "/DCTDecode" and stream in stored


def test_a_worker_without_a_photo_gets_an_empty_box(in_works, clerk):
    data = make_document(clerk, "passes", in_works.serial)
    text, = page_texts(data)
    assert text.count("装修施工人员出入证") == 3 and "一寸照片" in text        # 黄师傅 brought none
    assert [len(images) for images in _images(data)] == [1]


@needs_poppler
def test_each_cards_qr_code_scans_and_opens_the_gate(many_workers, clerk, engineer, tmp_path):
    deciding.start_works(clerk, many_workers.id)
    data = make_document(clerk, "passes", many_workers.serial)
    first, second = render(data, tmp_path, "passes", dpi=DPI)
    codes = qr_codes(first) + qr_codes(second)
    payloads = sorted(code.data.decode("ascii") for code in codes)
    assert payloads == sorted(qr_payload(w) for w in _workers(many_workers))
    assert all(min(code.rect.width, code.rect.height) / MM >= 19.5 for code in codes)   # FORMS.md: ≥ 20 mm
    got = answer(payloads[0])
    assert got.ok and got.card.rows[0][1] in {w.name for w in _workers(many_workers)}
    # The cards sit in a 2 × 4 grid of 85.6 × 54 mm: two codes a row, four rows a sheet.
    columns = {round(code.rect.left / (CARD_W / 72 * DPI)) for code in qr_codes(first)}
    rows = {round(code.rect.top / (CARD_H / 72 * DPI)) for code in qr_codes(first)}
    assert len(columns) == 2 and len(rows) == 4


def test_a_new_workers_pass_alone_by_its_number_or_the_option(many_workers, clerk):
    third = f"{many_workers.serial}-03"
    assert get_document("passes").find(third) == PassSheet(many_workers.id, (3,))
    assert get_document("passes").find(f"{third}/ABCDEF") == PassSheet(many_workers.id, (3,))   # scanned
    assert get_document("passes").find(many_workers.serial) == PassSheet(many_workers.id)
    alone, = page_texts(make_document(clerk, "passes", third))
    assert alone.count("装修施工人员出入证") == 2 and "欧阳建华" in alone and "刘师傅" not in alone
    some, = page_texts(make_document(clerk, "passes", many_workers.serial, {"workers": "2, 9-10"}))
    assert [n for n in range(1, 11) if f"{many_workers.serial}-{n:02d}" in some] == [2, 9, 10]
    assert get_document("passes").name(PassSheet(many_workers.id)) == f"装修施工人员出入证 {many_workers.serial}"


def test_wrong_choices_of_passes_are_refused(many_workers, clerk):
    with pytest.raises(InvalidInput, match="序号"):
        make_document(clerk, "passes", many_workers.serial, {"workers": "three"})
    with pytest.raises(NotFound, match=f"{many_workers.serial}-11"):
        make_document(clerk, "passes", many_workers.serial, {"workers": "11"})


def test_a_returned_pass_is_not_printed_again_and_the_rest_still_are(in_works, clerk):
    first = _workers(in_works)[0]
    settling.return_pass(clerk, in_works.id, first.id)
    with pytest.raises(Conflict, match="已交回"):
        make_document(clerk, "passes", f"{in_works.serial}-01")
    text, = page_texts(make_document(clerk, "passes", in_works.serial))
    assert "黄师傅" in text and "刘师傅" not in text


@pytest.mark.parametrize("fixture", ["rejected", "submitted"])
def test_passes_are_refused_before_approval(fixture, request, clerk):
    renovation = request.getfixturevalue(fixture)
    with pytest.raises(Conflict, match="出入证"):
        make_document(clerk, "passes", renovation.serial)


def test_a_long_contractor_name_never_leaves_its_card(many_workers, clerk):
    """Every piece of text on the sheet lies inside one card, or in the margin above them (the sheet's head)."""
    from reports.pdf.renovation.passes import BOTTOM, LEFT, ROWS
    data = make_document(clerk, "passes", many_workers.serial)
    top = BOTTOM + ROWS * CARD_H
    for text, x, y, size in fragments(data):
        if y > top:
            continue                                              # the sheet's head line
        column = int((x - LEFT) // CARD_W)
        left = LEFT + column * CARD_W
        assert 0 <= column < 2 and x + text_width(text, size) <= left + CARD_W - 2, (text, x)
    assert LONG_CONTRACTOR[:10] in page_texts(data)[0].replace("\n", "")
