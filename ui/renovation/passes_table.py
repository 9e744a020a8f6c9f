"""The workers of a renovation and their passes (出入证), as its page lists them: the pass number, the
name, the ID number (masked unless the role sees it in full), the phone, the photo's thumbnail and
where the pass stands as the gate sees it today (有效, 尚未生效, 已过期, 停工整改, 已交回, 已注销, 无效),
or its deposit refunded.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from models import attachments as att
from models import validation as v
from models.i18n import _
from models.renovation import passes
from models.renovation.works import ACCEPTED, CLOSED, SETTLED, SUBMITTED
from models.users import revealed

THUMB = 40
REFUNDED, DUE_BACK = "refunded", "due_back"
COLOURS = {passes.VALID: "#1e7b34", passes.NOT_YET: "#666666", passes.EXPIRED: "#c9302c", passes.OVER: "#666666",
           passes.SUSPENDED_PASS: "#c9302c", passes.RETURNED: "#8a6d3b", passes.LOST: "#c9302c", REFUNDED: "#2e7d32",
           DUE_BACK: "#c9302c"}
AFTER_WORKS = (ACCEPTED, SETTLED, CLOSED)


def shown_state(worker, today: dt.date) -> tuple[str, str, str]:
    """The pass as the gate sees it today (``passes.pass_state``), or its deposit refunded: the state, its
    words (the gate's own: 有效, 已过期, 停工整改 …) and why, for the tooltip."""
    if worker.refunded_at is not None:
        return REFUNDED, _("Deposit given back"), _("Returned on {time}; its deposit was refunded on {refunded}.").format(
            time=f"{worker.returned_at:%Y-%m-%d %H:%M}" if worker.returned_at else "—",
            refunded=f"{worker.refunded_at:%Y-%m-%d %H:%M}")
    state = passes.pass_state(worker, today)
    words, why = passes._refusal(worker, state)           # noqa: SLF001 - the gate's words, as `renovation show` uses
    if state == passes.OVER and worker.renovation.state in AFTER_WORKS:
        state, words = DUE_BACK, f"{words} · {_('To hand back')}"
    return state, words, why or _("The gate lets this worker in today.")


class PassesModel(QAbstractTableModel):
    HEADERS = ("Pass no.", "Name", "ID number", "Phone", "Photo", "Pass", "Returned at")

    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.reveal = revealed(actor)
        self.workers: list = []
        self.state = SUBMITTED
        self.thumbs: dict[int, QPixmap] = {}
        self.states: dict[int, tuple[str, str, str]] = {}

    def load(self, workers: list, renovation_state: str, today: dt.date | None = None) -> None:
        self.beginResetModel()
        self.state = renovation_state
        self.workers = sorted(workers, key=lambda w: w.line)
        self.thumbs, self.states = {}, {}
        renovation = self.workers[0].renovation if self.workers else None
        for worker in self.workers:
            worker.renovation = renovation            # one renovation read for all its passes
            self.states[worker.id] = shown_state(worker, today or dt.date.today())
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
        state, words, why = self.states[worker.id]
        if role == Qt.ForegroundRole and column == 5:
            return QColor(COLOURS[state])
        if role == Qt.ToolTipRole and column == 5:
            return why
        if role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        shown_id = worker.id_number if "id" in self.reveal else v.mask_id(worker.id_number)
        shown_phone = worker.phone if "phone" in self.reveal else v.mask_phone(worker.phone)
        returned = worker.returned_at.strftime("%Y-%m-%d %H:%M") if worker.returned_at else ""
        return (worker.pass_number, worker.name, shown_id, shown_phone, "", words, returned)[column]

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
