"""A defect's photos on record (found at the handover, added since, of its repair): the core's
``AttachmentStrip`` saying when there are none yet, and the dialog that shows them. Photos chosen for a
defect not yet written are the core's ``PhotoPicker`` (ui/widgets/photo_picker.py)."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from models.i18n import _
from ui.widgets.attachments import AttachmentStrip


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
