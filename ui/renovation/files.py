"""A file the clerk chose (a worker's photo, a paper of the application), read and checked at once.

The file is read once here and checked as the attachments keep it (by content, within the size
limit, a photo shrunk): a renamed file or one too large is refused the moment it is chosen, at its
own row, not when the whole application is submitted. Never the open database's own file: reading
and closing it would drop SQLite's locks under the live connection (ARCHITECTURE.md).
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap

from models import attachments as att
from models.errors import InvalidInput
from models.i18n import _
from ui.widgets.files import open_file_name

PHOTO_FILTER = "Photos (*.jpg *.jpeg *.png *.JPG *.JPEG *.PNG)"
PAPER_FILTER = "Photos and PDF (*.jpg *.jpeg *.png *.pdf *.JPG *.JPEG *.PNG *.PDF)"


@dataclass
class ChosenFile:
    name: str
    data: bytes            # as it will be kept (a photo already shrunk)
    mime: str
    thumb: bytes | None

    def pixmap(self, side: int) -> QPixmap | None:
        if not self.thumb:
            return None
        image = QImage.fromData(self.thumb)
        if image.isNull():
            return None
        return QPixmap.fromImage(image).scaled(side, side, Qt.KeepAspectRatio, Qt.SmoothTransformation)


def read_chosen(path: str, *, photo: bool = False) -> ChosenFile:
    """The file at ``path`` read (``attachments.read_chosen_file``: never the database's own) and checked as
    an attachment; a domain refusal (InvalidInput) says why not."""
    name, data = att.read_chosen_file(path)
    prepared = att.prepare(data, name)
    if photo and not prepared.mime.startswith("image/"):
        raise InvalidInput(_("A worker's photo must be a picture (JPEG or PNG), not a PDF."), field="photo")
    return ChosenFile(name, prepared.data, prepared.mime, prepared.thumb)


def choose_file(parent, title: str, *, photo: bool = False) -> ChosenFile | None:
    """Ask for a file and read it; None when the clerk cancels. Raises InvalidInput for a wrong file."""
    path = open_file_name(parent, title, "renovation_papers", _(PHOTO_FILTER if photo else PAPER_FILTER))
    return read_chosen(path, photo=photo) if path else None
