"""The workers of a renovation and their passes (出入证), as its page lists them: the pass number, the
name, the ID number (masked unless the role sees it in full), the phone, the photo's thumbnail and
where the pass stands: in use, returned, its deposit refunded, or written off as lost.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from models import attachments as att
from models import validation as v
from models.i18n import _
from models.renovation.works import LIVE, MORE_PAPERS, SUBMITTED
from models.users import revealed

THUMB = 40
PASS_STATES = {"not_yet": "Not in force yet", "in_use": "In use", "due_back": "To hand back", "returned": "Returned",
               "refunded": "Deposit given back", "lost": "Lost"}
COLOURS = {"not_yet": "#666666", "in_use": "#1f4e79", "due_back": "#c9302c", "returned": "#8a6d3b",
           "refunded": "#2e7d32", "lost": "#c9302c"}


def pass_state(worker, renovation_state: str) -> str:
    """Where the pass stands: what was done to it, else what the renovation's state makes of it."""
    if worker.lost:
        return "lost"
    if worker.refunded_at is not None:
        return "refunded"
    if worker.returned_at is not None:
        return "returned"
    if renovation_state in LIVE:
        return "in_use"
    return "not_yet" if renovation_state in (SUBMITTED, MORE_PAPERS) else "due_back"


class PassesModel(QAbstractTableModel):
    HEADERS = ("Pass no.", "Name", "ID number", "Phone", "Photo", "Pass", "Returned at")

    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.reveal = revealed(actor)
        self.workers: list = []
        self.state = SUBMITTED
        self.thumbs: dict[int, QPixmap] = {}

    def load(self, workers: list, renovation_state: str) -> None:
        self.beginResetModel()
        self.state = renovation_state
        self.workers = sorted(workers, key=lambda w: w.line)
        self.thumbs = {}
        for worker in self.workers:
            kept = att.attachments_of("renovation_worker", worker.id)
            photo = next((k for k in kept if k.id == worker.photo), kept[0] if kept else None)
            if photo is not None and photo.thumb:
                image = QImage.fromData(bytes(photo.thumb))
                if not image.isNull():
                    self.thumbs[worker.id] = QPixmap.fromImage(image).scaled(
                        THUMB, THUMB, Qt.KeepAspectRatio, Qt.SmoothTransformation)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.workers)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return _(self.HEADERS[section])
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        worker, column = self.workers[index.row()], index.column()
        if column == 4:
            if role == Qt.DecorationRole:
                return self.thumbs.get(worker.id)
            if role == Qt.DisplayRole and worker.id not in self.thumbs:
                return _("no photo")
            return None
        state = pass_state(worker, self.state)
        if role == Qt.ForegroundRole and column == 5:
            return QColor(COLOURS[state])
        if role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        shown_id = worker.id_number if "id" in self.reveal else v.mask_id(worker.id_number)
        shown_phone = worker.phone if "phone" in self.reveal else v.mask_phone(worker.phone)
        returned = worker.returned_at.strftime("%Y-%m-%d %H:%M") if worker.returned_at else ""
        return (worker.pass_number, worker.name, shown_id, shown_phone, "", _(PASS_STATES[state]), returned)[column]

    def worker_at(self, row: int):
        return self.workers[row] if 0 <= row < len(self.workers) else None


def passes_view(model: PassesModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectRows)
    view.setSelectionMode(QAbstractItemView.ExtendedSelection)
    view.setEditTriggers(QAbstractItemView.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(THUMB + 6)
    view.setIconSize(QSize(THUMB, THUMB))
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeToContents)
    header.setStretchLastSection(True)
    return view
