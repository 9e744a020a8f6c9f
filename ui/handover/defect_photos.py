"""Photos of a defect not yet written (found at the handover, or of its repair): thumbnails chosen from files,
each checked when chosen (``attachments.prepare``: a photo by its content, not too large), removed, opened.
They go with the defect to the domain, which keeps them as its attachments in the same transaction; the
photos of a defect already on record are the core's ``AttachmentStrip`` (``PhotosDialog`` below)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (QDialog, QFileDialog, QHBoxLayout, QLabel, QListView, QListWidget, QListWidgetItem,
                               QPushButton, QStyle, QVBoxLayout, QWidget)

from models import attachments as att
from models.errors import DomainError
from models.i18n import _
from ui.widgets.attachments import AttachmentStrip, PhotoDialog
from ui.widgets.files import file_dialog, remember_folder
from ui.widgets.forms import error_label

FILTER = "Photos (*.jpg *.jpeg *.png *.JPG *.JPEG *.PNG)"


def choose_photo_files(parent) -> list[str]:
    """The files the clerk picks in the photos folder last used (several at once)."""
    dialog = file_dialog(parent, _("Add photos"), "photos", _(FILTER), save=False)
    dialog.setFileMode(QFileDialog.ExistingFiles)
    if dialog.exec() != QFileDialog.Accepted or not dialog.selectedFiles():
        return []
    paths = dialog.selectedFiles()
    remember_folder("photos", str(Path(paths[0]).parent))
    return paths


class PhotoPicker(QWidget):
    """Thumbnails of the photos to keep with the defect; ``photos`` is what the domain takes."""
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.photos: list[tuple[str, bytes]] = []
        self.list = QListWidget()
        self.list.setViewMode(QListView.IconMode)
        self.list.setIconSize(QSize(att.THUMB_SIDE // 2, att.THUMB_SIDE // 2))
        self.list.setResizeMode(QListView.Adjust)
        self.list.setMovement(QListView.Static)
        self.list.setFixedHeight(112)
        self.list.itemActivated.connect(self.open)
        self.add_button = QPushButton(_("Add photos…"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.choose)
        self.remove_button = QPushButton(_("Remove photo"))
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove)
        self.message = error_label()
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(row)
        self.remove_button.setEnabled(False)

    def choose(self) -> None:
        for path in choose_photo_files(self):
            if not self.add_file(path):
                break

    def add_file(self, path: str) -> bool:
        """Add one file; False (and the reason said beside the buttons) when it cannot be kept."""
        try:
            name, data = att.read_chosen_file(path)
            prepared = att.prepare(data, name)
        except DomainError as error:
            self.message.setText(str(error))
            return False
        self.add(name, prepared.data, prepared.thumb)
        return True

    def add(self, name: str, data: bytes, thumb: bytes | None = None) -> None:
        self.message.clear()
        self.photos.append((name, data))
        icon = self.style().standardIcon(QStyle.SP_FileIcon)
        image = QImage.fromData(bytes(thumb or data))
        if not image.isNull():
            icon = QIcon(QPixmap.fromImage(image))
        item = QListWidgetItem(icon, name[:16])
        item.setToolTip(name)
        self.list.addItem(item)
        self.remove_button.setEnabled(True)
        self.changed.emit()

    def remove(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            self.message.setText(_("Choose a photo first."))
            return
        self.list.takeItem(row)
        del self.photos[row]
        self.message.clear()
        self.remove_button.setEnabled(bool(self.photos))
        self.changed.emit()

    def set_photos(self, photos: list[tuple[str, bytes]]) -> None:
        self.list.clear()
        self.photos = []
        for name, data in photos:
            self.add(name, data)
        self.remove_button.setEnabled(bool(self.photos))

    def open(self, item: QListWidgetItem) -> None:
        name, data = self.photos[self.list.row(item)]
        PhotoDialog(data, name, self).open()


class DefectStrip(AttachmentStrip):
    """The core's strip over a defect's photos, saying so when there are none yet."""

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, "handover_defect", parent)
        self.add_button.setText(_("Add a photo…"))
        self.empty = QLabel(_("No photos of this defect yet."))
        self.empty.setStyleSheet("color: #666;")
        self.layout().insertWidget(0, self.empty)

    def reload(self) -> None:
        super().reload()
        self.empty.setVisible(self.owner_id is not None and self.list.count() == 0)


class PhotosDialog(QDialog):
    """A defect's photos on record (found, added, of the repair): opened full size, one more attached."""

    def __init__(self, parent, ctx, defect_id: int, title: str, what: str = ""):
        super().__init__(parent)
        self.setWindowTitle(title)
        heading = QLabel(what)
        heading.setStyleSheet("font-weight: bold;")
        heading.setVisible(bool(what))
        self.strip = DefectStrip(ctx)
        self.strip.show_owner(defect_id)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.strip, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.resize(720, 360)
