"""Attachments: files kept in the database, so every desk sharing it sees them and a backup carries them.

A renovation's business licence and drawings, a handover's defect photos, a letter's scan: images
(JPEG, PNG) and PDFs only, known by their content, never by their name (a renamed file is refused),
each within the size limit of the office's settings. A photo is turned upright, stripped of its
EXIF (the camera's GPS among it), shrunk to a size that prints and reads well, and given a
thumbnail for the lists. An attachment of a permanent record is never deleted: it is set aside
with who, when and why, and stays in the database.

A part says which records take attachments and who may add them (``register_owner``); the
window's ``ui.widgets.attachments.AttachmentStrip`` shows and adds them for any of them.
"""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

import peewee as pw

from models import audit, settings
from models import validation as v
from models.db import BaseModel, now, write_tx
from models.errors import Conflict, InvalidInput, NotFound
from models.i18n import _

JPEG, PNG, PDF = "image/jpeg", "image/png", "application/pdf"
LONGEST_SIDE = 2000          # a photo's longest side after shrinking: sharp on A4, small in the database
THUMB_SIDE = 160
JPEG_QUALITY = 85
MAX_PIXELS = 60_000_000      # a larger image is refused before it is decoded (a "decompression bomb")


class Attachment(BaseModel):
    owner_kind = pw.CharField(max_length=30)          # "renovation", "handover_defect"…: registered owners
    owner_id = pw.IntegerField()
    label = pw.CharField(max_length=40, default="")   # 营业执照, 施工图纸, 现场照片…
    filename = pw.CharField(max_length=120)           # as the clerk's file was named (shown, never trusted)
    mime = pw.CharField(max_length=30)                # from the content
    size = pw.IntegerField()
    sha256 = pw.CharField(max_length=64)
    width = pw.IntegerField(null=True)
    height = pw.IntegerField(null=True)
    pages = pw.IntegerField(null=True)
    data = pw.BlobField()
    thumb = pw.BlobField(null=True)                   # a small JPEG for the lists (an image's; none for a PDF)
    added_at = pw.DateTimeField(default=now)
    added_by = pw.CharField(max_length=80)
    removed_at = pw.DateTimeField(null=True)
    removed_by = pw.CharField(max_length=80, null=True)
    remove_reason = pw.CharField(max_length=200, null=True)

    class Meta:
        indexes = ((("owner_kind", "owner_id"), False),)

    @property
    def is_image(self) -> bool:
        return self.mime in (JPEG, PNG)


@dataclass(frozen=True)
class Owner:
    """A kind of record that takes attachments, and who may add them to it or set them aside."""
    kind: str
    title: str                  # English source: "Renovation application"
    permission: str
    exists: object = None       # exists(owner_id) -> bool; None: any id


OWNERS: dict[str, Owner] = {}


def register_owner(owner: Owner) -> Owner:
    OWNERS[owner.kind] = owner
    return owner


def _limit_mb(value) -> None:
    if not 1 <= int(value) <= 50:
        raise InvalidInput(_("An attachment may be 1 to 50 MB."))


settings.declare("attachments.max_mb", "Largest attachment (MB)", int, 10,
                 "Files larger than this are refused (a photo is shrunk first, so this limits PDFs and scans).",
                 _limit_mb, group="Attachments")


# --- reading what a file is --------------------------------------------------------------------

def sniff(data: bytes) -> str | None:
    """What the content says it is (JPEG, PNG, PDF), whatever the file was called; None otherwise."""
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data[:1024].lstrip(b"\x00\t\n\r ").startswith(b"%PDF-"):
        return PDF
    return None


@dataclass(frozen=True)
class Prepared:
    mime: str
    data: bytes
    thumb: bytes | None
    width: int | None = None
    height: int | None = None
    pages: int | None = None


def prepare(data: bytes, name: str = "") -> Prepared:
    """The file as it will be kept: checked by content, a photo shrunk; refused with the clerk's sentence."""
    limit = int(settings.get("attachments.max_mb")) * 1024 * 1024
    shown = v.shown(name)[:60]
    if not data:
        raise InvalidInput(_("{name} is empty.").format(name=shown), field="file")
    mime = sniff(data)
    if mime is None:
        raise InvalidInput(_("{name} is neither a photo (JPEG, PNG) nor a PDF, whatever its name says: only "
                             "those can be attached.").format(name=shown), field="file")
    if mime == PDF:
        if len(data) > limit:
            raise InvalidInput(_("{name} is {size:.1f} MB, more than the {limit} MB an attachment may be. Scan it "
                                 "at a lower resolution.").format(name=shown, size=len(data) / 2 ** 20,
                                                                    limit=limit // 2 ** 20), field="file")
        pages, thumb = _pdf_pages(data, shown)
        return Prepared(PDF, data, thumb, pages=pages)
    return _prepared_image(data, shown, limit)


def _pdf_pages(data: bytes, shown: str) -> tuple[int, bytes | None]:
    """The PDF opened to prove it is one: its pages, and its first page as a thumbnail."""
    import pypdfium2
    thumb = None
    try:
        document = pypdfium2.PdfDocument(data)
        pages = len(document)
        if pages:
            page = document[0]
            scale = THUMB_SIDE / max(page.get_width(), page.get_height(), 1)
            from PIL import ImageOps
            first = page.render(scale=scale).to_pil().convert("RGB")
            thumb = _jpeg(ImageOps.expand(first, border=1, fill=(150, 150, 150)), 80)   # a page's edge on white
        document.close()
    except Exception:               # pdfium raises its own error for anything it cannot open
        pages = 0
    if pages < 1:
        raise InvalidInput(_("{name} starts like a PDF but cannot be opened: it is damaged or not a PDF.").format(
            name=shown), field="file")
    return pages, thumb


def _prepared_image(data: bytes, shown: str, limit: int) -> Prepared:
    from PIL import Image, ImageOps
    damaged = InvalidInput(_("{name} is a damaged or unreadable picture.").format(name=shown), field="file")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.width * probe.height > MAX_PIXELS:
                raise InvalidInput(_("{name} is {w}×{h} pixels, too large a picture to take in.").format(
                    name=shown, w=probe.width, h=probe.height), field="file")
            probe.verify()
    except Image.DecompressionBombError:
        raise InvalidInput(_("{name} declares more pixels than any photo has: it is not taken in.").format(
            name=shown), field="file") from None
    except InvalidInput:
        raise
    except Exception:
        raise damaged from None
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            image = ImageOps.exif_transpose(image)
            image = image.convert("RGB") if image.mode not in ("RGB", "L") else image
            if max(image.size) > LONGEST_SIDE:
                image.thumbnail((LONGEST_SIDE, LONGEST_SIDE), Image.LANCZOS)
            kept = _jpeg(image, JPEG_QUALITY)          # no EXIF written: the camera's GPS does not go in
            thumb_image = image.copy()
            thumb_image.thumbnail((THUMB_SIDE, THUMB_SIDE), Image.LANCZOS)
            thumb = _jpeg(thumb_image, 80)
            size = image.size
    except InvalidInput:
        raise
    except Exception:               # Pillow's errors for truncated, forged or hostile files are many kinds
        raise damaged from None
    if len(kept) > limit:
        raise InvalidInput(_("{name} is still larger than {limit} MB after shrinking.").format(
            name=shown, limit=limit // 2 ** 20), field="file")
    return Prepared(JPEG, kept, thumb, width=size[0], height=size[1])


def _jpeg(image, quality: int) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, optimize=True)
    return out.getvalue()


# --- operations ---------------------------------------------------------------------------------

def _owner(kind: str) -> Owner:
    if kind not in OWNERS:
        raise RuntimeError(f"attachments of {kind!r} were never registered (attachments.register_owner)")
    return OWNERS[kind]


def add_attachment(actor, owner_kind: str, owner_id: int, name: str, data: bytes, label: str = "") -> Attachment:
    """Keep a file with a record: checked, shrunk, written with its audit record in one transaction."""
    actor.require(_owner(owner_kind).permission)
    prepared = prepare(data, _file_name(name))
    with write_tx():
        return add_prepared(actor, owner_kind, owner_id, name, prepared, label)


def _file_name(name: str) -> str:
    return v.text(name.replace("\\", "/").rsplit("/", 1)[-1], "file", max_len=120, what="The file name") or "—"


def add_prepared(actor, owner_kind: str, owner_id: int, name: str, prepared: Prepared, label: str = "") -> Attachment:
    """Write a file already ``prepare``d, inside the caller's transaction: a part's operation that takes
    papers with a record checks every file first, then writes the record and its files together."""
    owner = _owner(owner_kind)
    actor.require(owner.permission)
    filename = _file_name(name)
    label = v.text(label, "label", max_len=40, what="The label")
    if owner.exists is not None and not owner.exists(owner_id):
        raise NotFound(_("The record to attach the file to is not there any more."))
    attachment = Attachment.create(
        owner_kind=owner_kind, owner_id=owner_id, label=label, filename=filename, mime=prepared.mime,
        size=len(prepared.data), sha256=hashlib.sha256(prepared.data).hexdigest(), width=prepared.width,
        height=prepared.height, pages=prepared.pages, data=prepared.data, thumb=prepared.thumb,
        added_by=actor.name)
    audit.record(actor, "attachment.add", attachment, summary=f"{owner_kind} {owner_id}: {label} {filename}".strip(),
                 after=audit.snapshot(attachment, exclude={"data", "thumb"}))
    return attachment


RAW_LIMIT = 60 * 1024 * 1024          # a file larger than this is not even read (a photo this size is no photo)


def add_attachment_file(actor, owner_kind: str, owner_id: int, path, label: str = "") -> Attachment:
    """``add_attachment`` from a file the clerk chose (see ``read_chosen_file``)."""
    name, data = read_chosen_file(path)
    return add_attachment(actor, owner_kind, owner_id, name, data, label)


def read_chosen_file(path) -> tuple[str, bytes]:
    """A file the clerk chose, read: its name and bytes. Never the open database's own file (reading and
    closing it would drop SQLite's locks under the live connection), never more than any photo or scan."""
    from pathlib import Path
    file = Path(path)
    if _is_database_file(file):
        raise InvalidInput(_("That is the office's database file: it cannot be attached."), field="file")
    try:
        size = file.stat().st_size
        if size > RAW_LIMIT:
            raise InvalidInput(_("{name} is {size:.0f} MB: far larger than any photo or scan.").format(
                name=v.shown(file.name)[:60], size=size / 2 ** 20), field="file")
        return file.name, file.read_bytes()
    except OSError:
        raise InvalidInput(_("{name} cannot be read: it is not there any more, or this account may not read it.").format(
            name=v.shown(file.name)[:60]), field="file") from None


def _is_database_file(file) -> bool:
    from pathlib import Path
    from models.db import database, is_sqlite
    db = database.obj
    if db is None or not is_sqlite(db) or str(db.database) in ("", ":memory:"):
        return False
    live = Path(db.database).resolve()
    try:
        chosen = file.resolve()
    except OSError:
        return False
    return chosen in {live, Path(f"{live}-wal"), Path(f"{live}-shm"), Path(f"{live}-journal")}


def attachments_of(owner_kind: str, owner_id: int, *, removed: bool = False) -> list[Attachment]:
    """A record's attachments without their contents (thumbnails included), oldest first."""
    fields = [f for f in Attachment._meta.sorted_fields if f.name != "data"]
    query = Attachment.select(*fields).where((Attachment.owner_kind == owner_kind) & (Attachment.owner_id == owner_id))
    if not removed:
        query = query.where(Attachment.removed_at.is_null())
    return list(query.order_by(Attachment.added_at, Attachment.id))


def content(attachment_id: int) -> tuple[Attachment, bytes]:
    """An attachment and its full contents (to open or print)."""
    attachment = Attachment.get_or_none(Attachment.id == attachment_id)
    if attachment is None:
        raise NotFound(_("No such attachment."))
    return attachment, bytes(attachment.data)


def remove_attachment(actor, attachment_id: int, reason: str) -> Attachment:
    """Set an attachment aside (a wrong file): it stays in the database, out of the record's list."""
    if not v.clean_text(reason):
        raise InvalidInput(_("Say why the file is set aside."), field="reason")
    reason = v.text(reason, "reason", max_len=200, what="The reason")
    with write_tx():
        attachment = Attachment.get_or_none(Attachment.id == attachment_id)
        if attachment is None:
            raise NotFound(_("No such attachment."))
        actor.require(_owner(attachment.owner_kind).permission)
        updated = (Attachment.update(removed_at=now(), removed_by=actor.name, remove_reason=reason)
                   .where((Attachment.id == attachment.id) & Attachment.removed_at.is_null()).execute())
        if updated != 1:
            raise Conflict(_("This file was already set aside."))
        audit.record(actor, "attachment.remove", attachment, summary=f"{attachment.filename}: {reason}",
                     before={"removed_at": None}, after={"removed_by": actor.name, "remove_reason": reason})
    return attachment


# --- names and the integrity check --------------------------------------------------------------

audit.describe_actions({"attachment.add": "File attached", "attachment.remove": "Attached file set aside"})
audit.describe_entities({"attachment": "Attachment"})


def _check_contents():
    """Every kept file is as it was written: its contents still give the fingerprint taken then."""
    from models.check import ERROR, Finding
    bad = [a.id for a in Attachment.select(Attachment.id, Attachment.data, Attachment.sha256).iterator()
           if hashlib.sha256(bytes(a.data)).hexdigest() != a.sha256]
    if bad:
        return [Finding(ERROR, _("{n} attached files no longer match their fingerprint (changed outside the "
                                 "program): nos. {ids}.").format(n=len(bad), ids=", ".join(map(str, bad[:20]))))]
    return []


def _register_check() -> None:
    from models.check import register_check
    register_check("attachments.content", "Attached files", order=305)(_check_contents)


_register_check()
