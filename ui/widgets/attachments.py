"""A record's attached files as thumbnails: add one, open it full size, set a wrong one aside.

Any part puts ``AttachmentStrip(ctx, "renovation")`` on its form and calls ``show_owner(id)``; the
files live in the database (``models.attachments``), so every desk sharing it sees them.
"""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QLabel, QListView, QListWidget, QListWidgetItem, QPushButton,
                               QScrollArea, QStyle, QVBoxLayout, QWidget)

from models import attachments as att
from models.i18n import _
from ui.widgets.files import open_file_name
from ui.widgets.forms import error_label
from ui.widgets.messages import ask_text
from ui.widgets.operations import run_op

FILTER = "Photos and PDF (*.jpg *.jpeg *.png *.pdf *.JPG *.JPEG *.PNG *.PDF)"


def thumbnails() -> QListWidget:
    """Files as thumbnails in rows that wrap, each with its name beneath (a chosen one opened with Enter)."""
    view = QListWidget()
    view.setViewMode(QListView.IconMode)
    view.setIconSize(QSize(att.THUMB_SIDE // 2 + 16, att.THUMB_SIDE // 2 + 16))
    view.setResizeMode(QListView.Adjust)
    view.setMovement(QListView.Static)
    view.setWordWrap(True)
    return view


def thumbnail_item(widget: QWidget, name: str, thumb: bytes | None, tooltip: str) -> QListWidgetItem:
    """One file in ``thumbnails()``: its picture (``thumb``, an image's bytes), or a file's icon (a PDF)."""
    icon = widget.style().standardIcon(QStyle.SP_FileIcon)
    image = QImage.fromData(bytes(thumb)) if thumb else QImage()
    if not image.isNull():
        icon = QIcon(QPixmap.fromImage(image))
    item = QListWidgetItem(icon, name[:16])
    item.setToolTip(tooltip)
    return item


def with_buttons(widget: QWidget, view: QWidget, *buttons: QPushButton, stretch: int = 1) -> QLabel:
    """``view`` over a row of ``buttons`` with the line that says what went wrong beside them (returned)."""
    message = error_label()
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addWidget(message, 1)
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(view, stretch)
    layout.addLayout(row)
    return message


def show_full(parent: QWidget, data: bytes, title: str) -> None:
    """A file full size: a photo in a window of its own, a PDF in the print preview."""
    if att.sniff(data) == att.PDF:
        from ui.widgets.print_preview import preview
        preview(parent, data, title)
        return
    PhotoDialog(data, title, parent).open()


class AttachmentStrip(QWidget):
    def __init__(self, ctx, owner_kind: str, parent=None):
        super().__init__(parent)
        self.ctx, self.owner_kind = ctx, owner_kind
        self.owner_id: int | None = None
        self.list = thumbnails()
        self.list.setMinimumHeight(140)
        self.list.itemActivated.connect(lambda item: self.open(item.data(Qt.UserRole)))
        self.add_button = QPushButton(_("Attach a file…"))
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(_("Set aside…"))
        self.remove_button.clicked.connect(self.set_aside)
        allowed = ctx.actor.can(att.OWNERS[owner_kind].permission)
        for button in (self.add_button, self.remove_button):
            button.setVisible(allowed)
        self.message = with_buttons(self, self.list, self.add_button, self.remove_button)

    def show_owner(self, owner_id: int | None) -> None:
        self.owner_id = owner_id
        self.message.clear()
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        if self.owner_id is None:
            return
        for kept in att.attachments_of(self.owner_kind, self.owner_id):
            item = thumbnail_item(self, kept.label or kept.filename, kept.thumb,
                                  f"{kept.label}  {kept.filename}  {kept.added_by} {kept.added_at:%Y-%m-%d %H:%M}")
            item.setData(Qt.UserRole, kept.id)
            self.list.addItem(item)
        self.add_button.setEnabled(True)

    def add(self, label: str = "") -> None:
        if self.owner_id is None:
            return
        path = open_file_name(self, _("Attach a file"), "attachments", _(FILTER))
        if not path:
            return
        run_op(self, lambda: att.add_attachment_file(self.ctx.actor, self.owner_kind, self.owner_id, path, label),
               error=self.message, changed="attachments", on_done=lambda _a: self.reload())

    def set_aside(self) -> None:
        item = self.list.currentItem()
        if item is None:
            self.message.setText(_("Choose a file first."))
            return
        attachment_id = item.data(Qt.UserRole)
        _reason, ok = ask_text(self, _("Set the file aside"), _("Why is “{name}” set aside? It stays on record.").format(
            name=item.text()), _("Set aside"), act=lambda text: att.remove_attachment(self.ctx.actor, attachment_id, text))
        if ok:
            self.reload()

    def open(self, attachment_id: int) -> None:
        """Full size: a photo in a window of its own, a PDF in the print preview."""
        kept, data = att.content(attachment_id)
        show_full(self, data, f"{kept.label} {kept.filename}".strip())


class PhotoDialog(QDialog):
    """A photo as it was kept, scrolled when it is larger than the screen allows."""

    def __init__(self, data: bytes, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.image = QLabel()
        self.image.setPixmap(QPixmap.fromImage(QImage.fromData(data)))
        area = QScrollArea()
        area.setWidget(self.image)
        area.setAlignment(Qt.AlignCenter)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(area, 1)
        layout.addWidget(close, 0, Qt.AlignRight)
        self.resize(900, 700)
