"""Attachments (a core piece for every part): files kept in the database, known by their content."""
import io
import struct
import zlib

import pytest
from PIL import Image

from models import attachments as att, settings
from models.audit import AuditLog
from models.errors import InvalidInput, NotAllowed
from models.users import ENG_SUPERVISOR, Actor


@pytest.fixture
def owner(db):
    att.register_owner(att.Owner("test_record", "Test record", "records.edit"))
    yield "test_record"
    att.OWNERS.pop("test_record", None)


def photo(size=(4000, 3000), gps=True) -> bytes:
    image = Image.new("RGB", size, (180, 120, 60))
    exif = Image.Exif()
    exif[0x0112] = 6                                       # taken with the phone on its side: rotate 90°
    if gps:
        exif[0x8825] = {2: (22.0, 32.0, 0.0)}              # where it was taken
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def png(size=(64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", size, (0, 0, 255, 128)).save(out, "PNG")
    return out.getvalue()


def pdf() -> bytes:
    from reportlab.pdfgen import canvas
    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.drawString(100, 700, "licence")
    c.showPage()
    c.showPage()
    c.save()
    return out.getvalue()


def counts():
    return att.Attachment.select().count(), AuditLog.select().count()


def test_a_photo_is_turned_upright_stripped_and_shrunk(owner, clerk):
    kept = att.add_attachment(clerk, owner, 1, "C:\\照片\\IMG_0001.JPG", photo(), "现场照片")
    assert (kept.mime, kept.filename, kept.label) == (att.JPEG, "IMG_0001.JPG", "现场照片")
    assert (kept.width, kept.height) == (1500, 2000)                 # upright, longest side 2000
    _a, data = att.content(kept.id)
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (1500, 2000) and not image.getexif()      # no EXIF, no GPS kept
    with Image.open(io.BytesIO(bytes(kept.thumb))) as thumb:
        assert max(thumb.size) == att.THUMB_SIDE
    assert len(data) < 1_000_000 and kept.sha256 and kept.size == len(data)


def test_pdfs_and_pngs_are_kept_and_listed_without_their_contents(owner, clerk):
    first = att.add_attachment(clerk, owner, 7, "licence.pdf", pdf(), "营业执照")
    second = att.add_attachment(clerk, owner, 7, "plan.png", png(), "施工图纸")
    att.add_attachment(clerk, owner, 8, "other.pdf", pdf())
    listed = att.attachments_of(owner, 7)
    assert [a.id for a in listed] == [first.id, second.id] and first.pages == 2 and first.thumb   # its first page
    assert att.content(first.id)[1].startswith(b"%PDF")
    att.remove_attachment(clerk, second.id, "传错了")
    assert [a.id for a in att.attachments_of(owner, 7)] == [first.id]
    assert [a.id for a in att.attachments_of(owner, 7, removed=True)] == [first.id, second.id]   # never deleted


def _huge_png() -> bytes:
    """A valid PNG header that declares 20,000 × 20,000 pixels (a decompression bomb)."""
    data = bytearray(png((1, 1)))
    ihdr = data.index(b"IHDR")
    data[ihdr + 4:ihdr + 12] = struct.pack(">II", 20000, 20000)
    crc = zlib.crc32(bytes(data[ihdr:ihdr + 17])) & 0xFFFFFFFF
    data[ihdr + 17:ihdr + 21] = struct.pack(">I", crc)
    return bytes(data)


@pytest.mark.parametrize("name, data, says", [
    ("licence.jpg", "这不是图片，只是改了名字".encode(), "既不是"),        # a renamed text file
    ("scan.pdf", b"MZ\x90\x00 a program renamed", "既不是"),
    ("photo.jpg", photo()[:3000], "损坏"),                                  # cut short
    ("plan.pdf", b"%PDF-1.7\n garbage that is no PDF", "无法打开"),
    ("bomb.png", _huge_png(), "像素"),
    ("empty.png", b"", "空"),
])
def test_what_is_not_an_image_or_pdf_is_refused_by_its_content(owner, clerk, name, data, says):
    before = counts()
    with pytest.raises(InvalidInput, match=says):
        att.add_attachment(clerk, owner, 1, name, data)
    assert counts() == before


def test_the_size_limit_is_the_office_s_setting(owner, clerk, admin):
    settings.set_value(admin, "attachments.max_mb", 1)
    big = pdf() + b"%" + b"0" * (2 * 1024 * 1024)              # a PDF of 2 MB
    before = counts()
    with pytest.raises(InvalidInput, match="1 MB"):
        att.add_attachment(clerk, owner, 1, "scan.pdf", big)
    assert counts() == before
    att.add_attachment(clerk, owner, 1, "photo.jpg", photo())     # a photo is shrunk first: it fits


def test_who_may_attach_is_the_owner_s_permission(owner, clerk):
    with pytest.raises(NotAllowed):
        att.add_attachment(Actor("赵工", ENG_SUPERVISOR), owner, 1, "x.png", png())
    with pytest.raises(InvalidInput):
        att.remove_attachment(clerk, 1, " ")


def test_the_check_finds_a_file_changed_outside_the_program(owner, clerk):
    from models.check import run_checks
    kept = att.add_attachment(clerk, owner, 1, "plan.png", png())
    assert not [f for f in run_checks() if f.check == "attachments.content" and f.level == "error"]
    att.Attachment.update(data=b"changed").where(att.Attachment.id == kept.id).execute()
    found = [f for f in run_checks() if f.check == "attachments.content" and f.level == "error"]
    assert found and str(kept.id) in found[0].message


def test_a_file_is_read_from_disk_but_never_the_database_itself(owner, clerk, db_path, tmp_path):
    picture = tmp_path / "门牌.png"
    picture.write_bytes(png())
    kept = att.add_attachment_file(clerk, owner, 3, picture, "门牌")
    assert kept.filename == "门牌.png"
    before = counts()
    for path, says in ((db_path, "数据库"), (tmp_path / "nothing.pdf", "无法读取")):
        with pytest.raises(InvalidInput, match=says):
            att.add_attachment_file(clerk, owner, 3, path)
    assert counts() == before


@pytest.mark.postgres
def test_files_are_kept_whole_on_the_shared_postgresql_database(empty_pg_url):
    from models import db as dbmod
    from models.users import CLERK
    dbmod.open_database(empty_pg_url, create=True)
    att.register_owner(att.Owner("test_record", "Test record", "records.edit"))
    try:
        clerk = Actor("李静", CLERK)
        kept = att.add_attachment(clerk, "test_record", 1, "licence.pdf", pdf())
        again, data = att.content(kept.id)
        assert data.startswith(b"%PDF") and len(data) == again.size and isinstance(data, bytes)
        assert bytes(att.attachments_of("test_record", 1)[0].thumb)[:3] == b"\xff\xd8\xff"
    finally:
        att.OWNERS.pop("test_record", None)
