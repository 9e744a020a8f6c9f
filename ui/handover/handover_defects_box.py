"""The defects found at the handover (验房问题), listed on the form until it is confirmed: each added (or
changed) in its own small form with its photos, and taken out again if written by mistake. Nothing is
written before 确认交房: the handover records them all, photos included, in its one transaction."""
from __future__ import annotations

import datetime as dt
from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QHeaderView, QPushButton, QVBoxLayout

from models.handover import handing
from models.handover.tables import DEPARTMENTS
from models.i18n import _
from ui.handover.defect_form import DefectDialog
from ui.widgets.forms import error_label
from ui.widgets.table_model import StaticTableModel
from ui.widgets.tables import read_only_table

HEADERS = ("Location", "Problem", "Responsible department", "To be done by", "Defect photos")
PROBLEM = 1


class DefectsBox(QGroupBox):
    changed = Signal()

    def __init__(self, found_on: Callable[[], dt.date], parent=None):
        super().__init__(_("Defects found"), parent)
        self.found_on = found_on
        self.defects: list[handing.DefectInput] = []
        self.model = StaticTableModel([_(h) for h in HEADERS], parent=self)
        self.view = read_only_table(self.model, single_selection=True)
        self.view.setMinimumHeight(110)
        self.view.setStyleSheet("QTableView::item { padding: 0 6px; }")
        self.view.horizontalHeader().setStretchLastSection(False)
        self.view.horizontalHeader().setSectionResizeMode(PROBLEM, QHeaderView.Stretch)
        self.view.activated.connect(lambda index: self.edit(index.row()))
        self.add_button = QPushButton(_("Add a defect…"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton(_("Change…"))
        self.edit_button.setAutoDefault(False)
        self.edit_button.clicked.connect(lambda: self.edit(self.view.currentIndex().row()))
        self.remove_button = QPushButton(_("Take out"))
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove)
        self.message = error_label()
        row = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            row.addWidget(button)
        row.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self._show()

    def clear(self) -> None:
        self.defects = []
        self.message.clear()
        self._show()

    def add(self) -> DefectDialog:
        dialog = DefectDialog(self, self.found_on(), accepted_input=self._added)
        dialog.open()
        return dialog

    def _added(self, given: handing.DefectInput) -> None:
        self.defects.append(given)
        self._show()
        self.view.selectRow(len(self.defects) - 1)

    def edit(self, row: int) -> DefectDialog | None:
        if not 0 <= row < len(self.defects):
            self.message.setText(_("Choose a defect in the list first."))
            return None

        def changed(given: handing.DefectInput) -> None:
            self.defects[row] = given
            self._show()
            self.view.selectRow(row)
        dialog = DefectDialog(self, self.found_on(), self.defects[row], accepted_input=changed)
        dialog.open()
        return dialog

    def remove(self) -> None:
        row = self.view.currentIndex().row()
        if not 0 <= row < len(self.defects):
            self.message.setText(_("Choose a defect in the list first."))
            return
        del self.defects[row]
        self._show()

    def _show(self) -> None:
        self.message.clear()
        self.model.set_rows([[d.location, d.description, _(DEPARTMENTS[d.department]),
                              f"{d.due_on:%Y-%m-%d}" if d.due_on else "", str(len(d.photos)) if d.photos else ""]
                             for d in self.defects])
        for button in (self.edit_button, self.remove_button):
            button.setEnabled(bool(self.defects))
        self.setTitle(_("Defects found") + (f" ({len(self.defects)})" if self.defects else ""))
        self.changed.emit()

    def focus_chain(self):
        return [self.view, self.add_button, self.edit_button, self.remove_button]
