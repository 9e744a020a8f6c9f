"""The owner record card (业主资料卡) as a form: a person's particulars, validated as typed."""
from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGridLayout, QGroupBox,
                               QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout)

from models.records import people
from models import validation as v
from models.i18n import _
from ui.widgets.forms import dialog_buttons, error_label
from ui.widgets.editors import IdNumberEdit, PhoneEdit, PlateEdit, choice_box
from ui.widgets.operations import run_op

PHONE_ROWS = (("mobile", "Mobile"), ("home", "Home phone"), ("work", "Work phone"))
VEHICLE_ROWS = 3


class PersonDialog(QDialog):
    def __init__(self, parent, ctx, person_id: int | None, on_saved: Callable[[int], None] | None = None):
        super().__init__(parent)
        self.ctx, self.person_id, self.on_saved = ctx, person_id, on_saved
        self.setWindowTitle(_("Owner record card") + (f" — {people.get_person(person_id).name}" if person_id else ""))
        self.setMinimumWidth(640)
        self._build_fields()
        self.message = error_label()
        buttons = dialog_buttons(self, self.save)
        self.save_button = buttons.button(QDialogButtonBox.Ok)
        self.save_button.setEnabled(ctx.actor.can("records.edit"))
        self._lay_out(buttons)
        self.field_widgets = {"name": self.name, "id_number": self.id_number, "id_type": self.id_type,
                              "gender": self.gender, "phone": self.phones["mobile"],
                              "emergency_name": self.emergency_name, "emergency_phone": self.emergency_phone,
                              "plate": self.plates[0]}
        if person_id:
            from models.users import revealed
            self._load(people.person_input_of(people.get_person(person_id), revealed(ctx.actor)))

    def _build_fields(self) -> None:
        self.name = QLineEdit()
        self.name.setMaxLength(50)
        self.gender = QComboBox()
        for key in ("", "M", "F"):
            self.gender.addItem(_(people.GENDERS[key]), key)
        self.id_type = choice_box(v.ID_TYPES)
        self.id_number = IdNumberEdit(self.id_type)
        self.id_hint = QLabel()
        self.id_hint.setStyleSheet("color: #c9302c;")
        self.id_hint.setWordWrap(True)
        self.id_number.validity_changed.connect(lambda ok, why: self.id_hint.setText(why))
        self.phones = {key: PhoneEdit() for key, _label in PHONE_ROWS}
        self.employer = QLineEdit()
        self.emergency_name = QLineEdit()
        self.emergency_relation = QLineEdit()
        self.emergency_phone = PhoneEdit()
        self.plates = [PlateEdit() for _i in range(VEHICLE_ROWS)]
        self.spaces = [QLineEdit() for _i in range(VEHICLE_ROWS)]
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(70)

    def _lay_out(self, buttons: QDialogButtonBox) -> None:
        """Particulars and emergency contact on the left, phones and vehicles on the right; notes below."""
        left = QVBoxLayout()
        left.addWidget(_group(_("Particulars"), self._particulars()))
        left.addWidget(_group(_("Emergency contact"), self._emergency()))
        right = QVBoxLayout()
        right.addWidget(_group(_("Phones"), self._contact()))
        right.addWidget(_group(_("Vehicles"), self._vehicles()))
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(_group(_("Notes"), _single(self.notes)))
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _particulars(self) -> QFormLayout:
        basic = QFormLayout()
        basic.addRow(_("Name") + " *", self.name)
        basic.addRow(_("Gender"), self.gender)
        basic.addRow(_("Document type"), self.id_type)
        basic.addRow(_("Document number"), self.id_number)
        basic.addRow("", self.id_hint)
        basic.addRow(_("Employer"), self.employer)
        return basic

    def _contact(self) -> QFormLayout:
        contact = QFormLayout()
        for key, label in PHONE_ROWS:
            contact.addRow(_(label), self.phones[key])
        return contact

    def _emergency(self) -> QFormLayout:
        emergency = QFormLayout()
        emergency.addRow(_("Name"), self.emergency_name)
        emergency.addRow(_("Relation"), self.emergency_relation)
        emergency.addRow(_("Phone"), self.emergency_phone)
        return emergency

    def _vehicles(self) -> QGridLayout:
        vehicles = QGridLayout()
        vehicles.addWidget(QLabel(_("Plate")), 0, 0)
        vehicles.addWidget(QLabel(_("Parking space")), 0, 1)
        for i in range(VEHICLE_ROWS):
            vehicles.addWidget(self.plates[i], i + 1, 0)
            vehicles.addWidget(self.spaces[i], i + 1, 1)
        return vehicles

    def _load(self, data: people.PersonInput) -> None:
        self.name.setText(data.name)
        self.gender.setCurrentIndex(max(0, self.gender.findData(data.gender)))
        self.id_type.setCurrentIndex(max(0, self.id_type.findData(data.id_type)))
        self.id_number.setText(data.id_number)
        if data.id_number and "*" in data.id_number:
            # Masked for this role: kept as recorded unless the clerk retypes the whole number.
            self.id_hint.setText(_("The full ID number is shown to supervisors only. To correct it, clear the box "
                                   "and type the whole number."))
            self.id_hint.setStyleSheet("color: #555;")
            self.id_number.setClearButtonEnabled(True)
        used = set()
        for number, label in data.phones:
            key = label if label in self.phones and label not in used else next(
                (k for k, _l in PHONE_ROWS if k not in used), None)
            if key:
                self.phones[key].setText(number)
                used.add(key)
        self.employer.setText(data.employer)
        self.emergency_name.setText(data.emergency_name)
        self.emergency_relation.setText(data.emergency_relation)
        self.emergency_phone.setText(data.emergency_phone)
        for i, (plate, space) in enumerate(data.vehicles[:VEHICLE_ROWS]):
            self.plates[i].setText(plate)
            self.spaces[i].setText(space)
        self.notes.setPlainText(data.notes)

    def collect(self) -> people.PersonInput:
        return people.PersonInput(
            name=self.name.text(), gender=self.gender.currentData(), id_type=self.id_type.currentData(),
            id_number=self.id_number.text(),
            phones=[(self.phones[key].text(), key) for key, _l in PHONE_ROWS if self.phones[key].text().strip()],
            employer=self.employer.text(), emergency_name=self.emergency_name.text(),
            emergency_relation=self.emergency_relation.text(), emergency_phone=self.emergency_phone.text(),
            vehicles=[(self.plates[i].text(), self.spaces[i].text()) for i in range(VEHICLE_ROWS)
                      if self.plates[i].text().strip()],
            notes=self.notes.toPlainText())

    def save(self) -> None:
        data = self.collect()
        actor, person_id = self.ctx.actor, self.person_id
        run_op(self, lambda: people.update_person(actor, person_id, data) if person_id
               else people.create_person(actor, data), changed="people", error=self.message,
               fields=self.field_widgets, on_done=self._saved)

    def _saved(self, person) -> None:
        self.person_id = person.id
        if self.on_saved:
            self.on_saved(person.id)
        self.accept()


def _group(title: str, inner) -> QGroupBox:
    box = QGroupBox(title)
    box.setLayout(inner)
    return box


def _single(widget):
    layout = QVBoxLayout()
    layout.addWidget(widget)
    return layout


def edit_person(parent, ctx, person_id: int | None, on_saved=None) -> PersonDialog:
    dialog = PersonDialog(parent, ctx, person_id, on_saved)
    dialog.open()
    return dialog
