"""Photos chosen for a vacant-room inspection not yet recorded: thumbnails, added from files, removed.

The core's attachment strip (ui/widgets/attachments.py) shows the files of a record already written; an
inspection's photos are chosen before it is, so they wait here as (file name, content) and go with the
inspection to the domain (``vacant.inspect(photos=...)``), which keeps them as the inspection's
attachments in the same transaction. Each file is checked when chosen (``models.attachments.prepare``:
a photo by its content, not too large), so a wrong one is said at once.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QListView, QListWidget, QListWidgetItem, QPushButton,
                               QStyle, QVBoxLayout, QWidget)

from models import attachments as att
from models.errors import DomainError
from models.i18n import _
from ui.widgets.attachments import PhotoDialog
from ui.widgets.files import file_dialog, remember_folder
from ui.widgets.forms import error_label

FILTER = "Photos (*.jpg *.jpeg *.png *.JPG *.JPEG *.PNG)"


class PhotoPicker(QWidget):
    """Thumbnails of the photos to keep with the inspection; ``photos`` is what the domain takes."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.photos: list[tuple[str, bytes]] = []
        self.list = QListWidget()
        self.list.setObjectName("vacant_photos")
        self.list.setViewMode(QListView.IconMode)
        self.list.setIconSize(QSize(att.THUMB_SIDE // 2 + 16, att.THUMB_SIDE // 2 + 16))
        self.list.setResizeMode(QListView.Adjust)
        self.list.setMovement(QListView.Static)
        self.list.setFixedHeight(124)
        self.list.itemActivated.connect(lambda item: PhotoDialog(*self.photos[self.list.row(item)][::-1],
                                                                 self).open())
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
        dialog = file_dialog(self, _("Add photos"), "photos", _(FILTER), save=False)
        dialog.setFileMode(QFileDialog.ExistingFiles)
        if dialog.exec() != QFileDialog.Accepted or not dialog.selectedFiles():
            return
        paths = dialog.selectedFiles()
        remember_folder("photos", str(Path(paths[0]).parent))
        for path in paths:
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
        self.message.clear()
        self.photos.append((name, prepared.data))
        icon = self.style().standardIcon(QStyle.SP_FileIcon)
        image = QImage.fromData(bytes(prepared.thumb)) if prepared.thumb else QImage()
        if not image.isNull():
            icon = QIcon(QPixmap.fromImage(image))
        item = QListWidgetItem(icon, name[:16])
        item.setToolTip(name)
        self.list.addItem(item)
        self.remove_button.setEnabled(True)
        return True

    def remove(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            self.message.setText(_("Choose a photo first."))
            return
        self.list.takeItem(row)
        del self.photos[row]
        self.message.clear()
        self.remove_button.setEnabled(bool(self.photos))
