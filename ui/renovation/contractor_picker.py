"""The contractor (施工单位) of an application: one seen before is found as the clerk types (its name,
business licence number or person in charge) and picked, never typed again; a new one is given in
full (name, licence no., qualification certificate no., person in charge, phone).
"""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QCompleter, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy,
                               QStackedWidget, QVBoxLayout, QWidget)

from models.i18n import _
from models.renovation.applying import ContractorInput, find_contractors
from ui.widgets.editors import PhoneEdit


class ContractorPicker(QWidget):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.chosen_id: int | None = None
        self.find = QLineEdit()
        self.find.setPlaceholderText(_("Type the contractor's name, licence no. or person in charge"))
        self.find.setClearButtonEnabled(True)
        self.found = QStandardItemModel(self)
        self.completer = QCompleter(self.found, self)
        self.completer.setCompletionMode(QCompleter.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseInsensitive)
        self.completer.setMaxVisibleItems(10)
        self.find.setCompleter(self.completer)
        self.completer.activated[QModelIndex].connect(self._picked)
        self.find.textEdited.connect(self._typed)
        self.new_button = QPushButton(_("New contractor…"))
        self.new_button.setToolTip(_("A contractor not seen before: give its licence and its person in charge"))
        self.new_button.clicked.connect(lambda: self.set_new(True))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        seen = QWidget()
        seen_row = QHBoxLayout()
        seen_row.addWidget(self.find, 1)
        seen_row.addWidget(self.new_button)
        seen_layout = QVBoxLayout(seen)
        seen_layout.setContentsMargins(0, 0, 0, 0)
        seen_layout.addLayout(seen_row)
        self.pages = QStackedWidget()
        self.pages.addWidget(seen)
        self.pages.addWidget(self._new_fields())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        layout.addWidget(self.summary)          # beneath the stack: a wrapped summary takes the lines it needs
        self.set_new(False)

    def _new_fields(self) -> QWidget:
        box = QWidget()
        self.name = QLineEdit()
        self.name.setMaxLength(60)
        self.licence = QLineEdit()
        self.licence.setMaxLength(30)
        self.licence.setPlaceholderText(_("18 letters and digits"))
        self.qualification = QLineEdit()
        self.qualification.setMaxLength(40)
        self.person = QLineEdit()
        self.person.setMaxLength(50)
        self.phone = PhoneEdit()
        back = QPushButton(_("Pick one seen before"))
        back.clicked.connect(lambda: self.set_new(False))
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel(_("Company name")), 0, 0)
        grid.addWidget(self.name, 0, 1, 1, 3)
        grid.addWidget(back, 0, 4)
        grid.addWidget(QLabel(_("Business licence no.")), 1, 0)
        grid.addWidget(self.licence, 1, 1)
        grid.addWidget(QLabel(_("Qualification no.")), 1, 2)
        grid.addWidget(self.qualification, 1, 3, 1, 2)
        grid.addWidget(QLabel(_("Person in charge")), 2, 0)
        grid.addWidget(self.person, 2, 1)
        grid.addWidget(QLabel(_("Phone")), 2, 2)
        grid.addWidget(self.phone, 2, 3, 1, 2)
        chain = (self.name, self.licence, self.qualification, self.person, self.phone, back)
        for first, then in zip(chain, chain[1:]):        # the order read, not the order laid out in the grid
            QWidget.setTabOrder(first, then)
        for edit in chain[:-1]:
            edit.textEdited.connect(lambda _t: self.changed.emit())
        return box

    # --- seen before -----------------------------------------------------------------------------
    def _typed(self, text: str) -> None:
        self.chosen_id = None
        self.found.clear()
        for contractor in find_contractors(text, limit=12) if text.strip() else []:
            item = QStandardItem(f"{contractor.name}  {contractor.licence_no}  {contractor.person_in_charge}")
            item.setData(contractor.id, Qt.UserRole)
            item.setData((contractor.name, contractor.licence_no, contractor.qualification_no,
                          contractor.person_in_charge, contractor.phone), Qt.UserRole + 1)
            self.found.appendRow(item)
        if self.found.rowCount():
            self.completer.complete()
        self._show_summary()
        self.changed.emit()

    def _picked(self, index) -> None:
        self.chosen_id = index.data(Qt.UserRole)
        facts = index.data(Qt.UserRole + 1)
        if facts:
            self.find.setText(facts[0])
        self._show_summary(facts)
        self.changed.emit()

    def pick(self, contractor) -> None:
        """A contractor chosen by the page itself (the one the room's last application had)."""
        self.set_new(False)
        self.chosen_id = contractor.id
        self.find.setText(contractor.name)
        self._show_summary((contractor.name, contractor.licence_no, contractor.qualification_no,
                            contractor.person_in_charge, contractor.phone))

    def _show_summary(self, facts=None) -> None:
        if self.chosen_id is not None and facts:
            name, licence, qualification, person, phone = facts
            self.summary.setText(_("✓ {name}: licence {licence}, qualification {qualification}, {person} {phone}").format(
                name=name, licence=licence, qualification=qualification or "—", person=person, phone=phone))
            self.summary.setStyleSheet("color: #2e7d32;")
        elif self.find.text().strip() and not self.found.rowCount():
            self.summary.setText(_("No contractor seen before matches: give a new one with “New contractor…”."))
            self.summary.setStyleSheet("color: #8a6d3b;")
        else:
            self.summary.setText(_("Type to find a contractor seen before, then choose it from the list."))
            self.summary.setStyleSheet("color: #666;")

    # --- new -------------------------------------------------------------------------------------
    def set_new(self, new: bool) -> None:
        self.pages.setCurrentIndex(1 if new else 0)
        for i in range(self.pages.count()):       # the stack as tall as the page shown, not the tallest
            policy = QSizePolicy.Preferred if i == self.pages.currentIndex() else QSizePolicy.Ignored
            self.pages.widget(i).setSizePolicy(QSizePolicy.Preferred, policy)
        self.summary.setVisible(not new)
        if new:
            self.chosen_id = None
            if self.find.text().strip() and not self.name.text():
                self.name.setText(self.find.text().strip())
            self.name.setFocus()
        else:
            self.find.setFocus()
        self._show_summary()
        self.changed.emit()

    @property
    def is_new(self) -> bool:
        return self.pages.currentIndex() == 1

    def contractor_input(self) -> ContractorInput | None:
        if not self.is_new:
            return None
        return ContractorInput(self.name.text(), self.licence.text(), self.qualification.text(), self.person.text(),
                               self.phone.text())

    def contractor_id(self) -> int | None:
        return None if self.is_new else self.chosen_id

    def fields(self) -> dict[str, QWidget]:
        """The domain's field names → the widget to show a refusal at."""
        if self.is_new:
            return {"contractor": self.name, "licence_no": self.licence, "qualification_no": self.qualification,
                    "person_in_charge": self.person, "contractor_phone": self.phone}
        return {"contractor": self.find}

    def clear(self) -> None:
        self.chosen_id = None
        self.found.clear()
        for edit in (self.find, self.name, self.licence, self.qualification, self.person, self.phone):
            edit.clear()
        self.set_new(False)
