"""The workers of an application (施工人员): name, ID number with its check digit seen as typed, phone and
the one-inch photo (一寸照片) chosen from a file and shown as a thumbnail. Each gets a pass (出入证).

A table over a model the clerk types into: Tab from the last cell of the last row opens a new row
(as the release form's goods do); an empty row is not a worker.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView,
                               QVBoxLayout, QWidget)

from models import validation as v
from models.errors import DomainError, InvalidInput
from models.i18n import _
from models.renovation.applying import WorkerInput
from ui.renovation.files import ChosenFile, choose_file
from ui.widgets.forms import error_label

NAME, ID, CHECK, PHONE, PHOTO = range(5)
THUMB = 44
GOOD, BAD = QColor("#2e7d32"), QColor("#c9302c")


@dataclass
class WorkerRow:
    name: str = ""
    id_number: str = ""
    phone: str = ""
    photo: ChosenFile | None = None
    thumb: QPixmap | None = None

    @property
    def filled(self) -> bool:
        return bool(self.name.strip() or self.id_number.strip() or self.phone.strip() or self.photo)

    def id_problem(self) -> str | None:
        """Why the ID number is wrong (the domain's own sentence), None when right or not typed yet."""
        if not v.compact(self.id_number):
            return None
        try:
            v.id_document(v.ID_MAINLAND, self.id_number)
        except InvalidInput as error:
            return str(error)
        return None

    def id_short(self) -> str:
        """What is wrong with the ID number, in a word or two after its ✗ (✗ 校验位), short enough to leave the
        number itself whole; the domain's sentence is said beneath the table."""
        number = v.compact(self.id_number).upper()
        if len(number) != 18:
            return _("wrong length")
        if not re.fullmatch(r"\d{17}[\dX]", number):
            return _("not digits")
        try:
            born = v.mainland_id_birth_date(number)
        except ValueError:
            born = None
        if born is None or not 1900 <= born.year <= dt.date.today().year:
            return _("birth date wrong")
        if number[17] != v.id_check_digit(number[:17]):
            return _("check digit wrong")
        return _("number wrong")


class WorkersModel(QAbstractTableModel):
    HEADERS = ("Name", "ID number", "ID check", "Phone", "Photo")
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[WorkerRow] = [WorkerRow()]

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return _(self.HEADERS[section])
        if role == Qt.ToolTipRole and orientation == Qt.Horizontal and section == CHECK:
            return _("✓ the ID number's check digit is right; ✗ what is wrong with it")
        if role == Qt.DisplayRole and orientation == Qt.Vertical:
            return str(section + 1)
        return None

    def flags(self, index):
        base = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        return base | Qt.ItemIsEditable if index.column() in (NAME, ID, PHONE) else base

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if column == CHECK:
            return self._check(row, role)
        if column == PHOTO:
            if role == Qt.DecorationRole:
                return row.thumb
            if role == Qt.DisplayRole:
                return "" if row.photo else (_("choose…") if row.filled else "")
            if role == Qt.ToolTipRole:
                return row.photo.name if row.photo else _("Double-click to choose the one-inch photo")
            return None
        if role in (Qt.DisplayRole, Qt.EditRole):
            return (row.name, row.id_number, "", row.phone)[column]
        return None

    @staticmethod
    def _check(row: WorkerRow, role):
        if not v.compact(row.id_number):
            return None
        problem = row.id_problem()
        if role == Qt.DisplayRole:
            return f"✗ {row.id_short()}" if problem else "✓"
        if role == Qt.ForegroundRole:
            return BAD if problem else GOOD
        if role == Qt.ToolTipRole:
            return problem or _("The check digit is right.")
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignCenter)
        return None

    def setData(self, index, value, role=Qt.EditRole):
        if role != Qt.EditRole or index.column() not in (NAME, ID, PHONE):
            return False
        row = self.rows[index.row()]
        text = str(value or "")
        if text.strip() == str(self.data(index, Qt.EditRole) or "").strip():
            return True                  # an editor closed on what was there: nothing changed, nothing said
        if index.column() == NAME:
            row.name = text
        elif index.column() == ID:
            row.id_number = text.strip().upper()
        else:
            row.phone = text.strip()
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), PHOTO))
        self._keep_a_blank_row()
        self.changed.emit()
        return True

    def set_photo(self, row: int, photo: ChosenFile | None) -> None:
        self.rows[row].photo = photo
        self.rows[row].thumb = photo.pixmap(THUMB) if photo is not None else None
        self.dataChanged.emit(self.index(row, 0), self.index(row, PHOTO))
        self._keep_a_blank_row()
        self.changed.emit()

    def _keep_a_blank_row(self) -> None:
        """Typing into the last row opens another beneath it."""
        if self.rows[-1].filled:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
            self.rows.append(WorkerRow())
            self.endInsertRows()

    def remove(self, row: int) -> None:
        if 0 <= row < len(self.rows) and len(self.rows) > 1:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.endRemoveRows()
            self._keep_a_blank_row()
            self.changed.emit()

    def clear(self) -> None:
        self.beginResetModel()
        self.rows = [WorkerRow()]
        self.endResetModel()
        self.changed.emit()

    def filled(self) -> list[WorkerRow]:
        return [row for row in self.rows if row.filled]

    def workers(self) -> list[WorkerInput]:
        return [WorkerInput(row.name, row.id_number, row.phone, photo=row.photo.data if row.photo else None,
                            photo_name=row.photo.name if row.photo else "photo.jpg") for row in self.filled()]


class WorkersEditor(QWidget):
    """The table with its buttons: a photo for the chosen row, remove the row."""
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = WorkersModel(self)
        self.model.changed.connect(self.changed)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setIconSize(QSize(THUMB, THUMB))
        self.table.verticalHeader().setDefaultSectionSize(THUMB + 6)
        # Typing into a cell edits it; moving onto one (a refusal choosing the row it names) does not.
        self.table.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
                                   | QAbstractItemView.AnyKeyPressed | QAbstractItemView.SelectedClicked)
        self.table.setSelectionBehavior(QAbstractItemView.SelectItems)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Fixed)
        header.setSectionResizeMode(ID, QHeaderView.Stretch)
        digits = self.table.fontMetrics().horizontalAdvance("0")
        for column, width in ((NAME, 7 * digits + 24), (PHONE, 12 * digits + 12), (PHOTO, 70)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(CHECK, QHeaderView.ResizeToContents)     # "校验", or "✗ 校验位"
        self.table.horizontalHeader().setMinimumSectionSize(24)
        self.table.setMinimumHeight(150)
        self.table.doubleClicked.connect(lambda index: self.choose_photo(index.row())
                                         if index.column() == PHOTO else None)
        self.photo_button = QPushButton(_("Photo…"))
        self.photo_button.setToolTip(_("The one-inch photo of the chosen worker, from a file"))
        self.photo_button.clicked.connect(lambda: self.choose_photo(self._row()))
        self.remove_button = QPushButton(_("Remove the row"))
        self.remove_button.clicked.connect(lambda: self.model.remove(self._row()))
        self.count = QLabel()
        self.message = error_label()
        self.id_hint = QLabel()             # the first wrong ID number's sentence, readable without hovering
        self.id_hint.setObjectName("workers_id_hint")
        self.id_hint.setWordWrap(True)
        self.id_hint.setStyleSheet("color: #c9302c;")
        self.changed.connect(self._count)
        self.changed.connect(self.message.clear)
        buttons = QHBoxLayout()
        buttons.addWidget(self.photo_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.count)
        buttons.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.id_hint)
        layout.addLayout(buttons)
        self._count()

    def _row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else len(self.model.filled()) - 1

    def _count(self) -> None:
        self.count.setText(_("{n} workers").format(n=len(self.model.filled())))
        wrong = [(n, row.id_problem()) for n, row in enumerate(self.model.filled(), 1) if row.id_problem()]
        self.id_hint.setText(_("ID number of worker {n}: {problem}").format(n=wrong[0][0], problem=wrong[0][1])
                             if wrong else "")
        self.id_hint.setVisible(bool(wrong))

    def choose_photo(self, row: int) -> None:
        if row < 0:
            row = 0
        try:
            chosen = choose_file(self, _("The worker's one-inch photo"), photo=True)
        except DomainError as refusal:
            self.message.setText(str(refusal))
            return
        if chosen is not None:
            self.model.set_photo(row, chosen)

    def show_problem(self, text: str, field: str = "") -> None:
        """A refusal about a worker: said beneath the table, the row it names (第 n 名) chosen."""
        self.message.setText(text)
        self.id_hint.setVisible(field != "worker_id" and bool(self.id_hint.text()))     # said once, above
        column = {"worker_name": NAME, "worker_id": ID, "worker_phone": PHONE, "photo": PHOTO}.get(field, NAME)
        filled = [i for i, row in enumerate(self.model.rows) if row.filled]
        found = re.search(r"\d+", text)
        n = int(found.group(0)) if found and field in ("worker_name", "worker_id", "worker_phone", "photo") else 1
        row = filled[n - 1] if 0 < n <= len(filled) else 0
        self.table.setCurrentIndex(self.model.index(row, column))
        self.table.setFocus()

    def workers(self) -> list[WorkerInput]:
        return self.model.workers()

    def clear(self) -> None:
        self.model.clear()
