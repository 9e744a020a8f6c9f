"""Photos chosen for a record not yet written: thumbnails, added from files, one removed, opened full size.

The attachment strip (ui/widgets/attachments.py) shows the files of a record already written; an
inspection's or a defect's photos are chosen before it is, so they wait here as (file name, content) and
go with the record to the domain, which keeps them as its attachments in the same transaction. Each file
is checked when it is chosen (``models.attachments.prepare``: a photo by its content, not too large), so
a wrong one is said at once rather than when the record is written.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QListWidgetItem, QPushButton, QWidget

from models import attachments as att
from models.errors import DomainError
from models.i18n import _
from ui.widgets.attachments import show_full, thumbnail_item, thumbnails, with_buttons
from ui.widgets.files import file_dialog, remember_folder

FILTER = "Photos (*.jpg *.jpeg *.png *.JPG *.JPEG *.PNG)"


def choose_photo_files(parent) -> list[str]:
    """The files the clerk picks (several at once) in the photos folder last used."""
    dialog = file_dialog(parent, _("Add photos"), "photos", _(FILTER), save=False)
    dialog.setFileMode(QFileDialog.ExistingFiles)
    if dialog.exec() != QFileDialog.Accepted or not dialog.selectedFiles():
        return []
    paths = dialog.selectedFiles()
    remember_folder("photos", str(Path(paths[0]).parent))
    return paths


def read_photo(path: str) -> tuple[str, att.Prepared]:
    """A chosen file's name and content, checked as an attachment would be; refused with the clerk's sentence."""
    name, data = att.read_chosen_file(path)
    return name, att.prepare(data, name)


def _button(text: str, pressed) -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(False)          # Enter in the form records it, it does not open the file chooser
    button.clicked.connect(pressed)
    return button


class PhotoPicker(QWidget):
    """Thumbnails of the photos to keep with the record; ``photos`` is what the domain takes."""
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.photos: list[tuple[str, bytes]] = []
        self.list = thumbnails()
        self.list.setObjectName("photos_chosen")
        self.list.setFixedHeight(124)
        self.list.itemActivated.connect(self.open)
        self.add_button = _button(_("Add photos…"), self.choose)
        self.remove_button = _button(_("Remove photo"), self.remove)
        self.message = with_buttons(self, self.list, self.add_button, self.remove_button, stretch=0)
        self.remove_button.setEnabled(False)

    def choose(self) -> None:
        for path in choose_photo_files(self):
            if not self.add_file(path):
                break

    def add_file(self, path: str) -> bool:
        """Add one file; False (and the reason said beside the buttons) when it cannot be kept."""
        try:
            name, prepared = read_photo(path)
        except DomainError as error:
            self.message.setText(str(error))
            return False
        self.add(name, prepared.data, prepared.thumb)
        return True

    def add(self, name: str, data: bytes, thumb: bytes | None = None) -> None:
        """A photo already checked; without ``thumb`` the photo itself is shown small."""
        self.message.clear()
        self.photos.append((name, data))
        self.list.addItem(thumbnail_item(self, name, thumb or data, name))
        self.remove_button.setEnabled(True)
        self.changed.emit()

    def set_photos(self, photos: list[tuple[str, bytes]]) -> None:
        """The photos chosen before (a record's form opened again), in place of those shown."""
        self.list.clear()
        self.photos = []
        for name, data in photos:
            self.add(name, data)
        self.remove_button.setEnabled(bool(self.photos))

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

    def open(self, item: QListWidgetItem) -> None:
        name, data = self.photos[self.list.row(item)]
        show_full(self, data, name)
