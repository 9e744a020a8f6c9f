"""The owner on the handover form (业主): identified before the keys go.

A room with an owner on record shows its owners (each ID masked as the role sees it) to choose from. A
new room with none: the buyer is either a person already on file (found by name, initials, phone or ID
tail) or registered right here (name, ID with its check digit seen as typed, phone), with the purchase
contract or title deed number that makes them the owner, in the handover's own transaction.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QRadioButton, QVBoxLayout, QWidget)

from models import validation as v
from models.i18n import _
from models.records.people import CO_OWNER, OWNER, PersonInput, get_person
from models.records.search import people_matching
from models.records.ties import current_parties
from models.users import revealed
from ui.widgets.editors import IdNumberEdit, PhoneEdit, choice_box

ON_FILE, NEW = 0, 1


class OwnerBox(QGroupBox):
    changed = Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(_("Owner"), parent)
        self.ctx = ctx
        self.picked_id: int | None = None
        self.has_owner = False
        self.owners = QComboBox()
        self.owners.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.mode = QButtonGroup(self)
        self.pick_mode = QRadioButton(_("A person on file"))
        self.new_mode = QRadioButton(_("Register the buyer here"))
        self.mode.addButton(self.pick_mode, ON_FILE)
        self.mode.addButton(self.new_mode, NEW)
        self.mode.idToggled.connect(lambda _id, on: on and self._show_mode())
        self.pick_part = self._pick_part()
        self.new_part = self._new_part()
        self.deed = QLineEdit()
        self.deed.setMaxLength(60)
        self.deed.setPlaceholderText(_("purchase contract or title deed number"))
        modes = QHBoxLayout()
        modes.addWidget(self.pick_mode)
        modes.addWidget(self.new_mode)
        modes.addStretch(1)
        self.buyer = QWidget()
        buyer = QVBoxLayout(self.buyer)
        buyer.setContentsMargins(0, 0, 0, 0)
        buyer.addLayout(modes)
        buyer.addWidget(self.pick_part)
        buyer.addWidget(self.new_part)
        deed = QFormLayout()
        deed.addRow(_("Contract / deed no.") + " *", self.deed)
        buyer.addLayout(deed)
        self.none_note = QLabel()
        self.none_note.setWordWrap(True)
        self.none_note.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.owners)
        layout.addWidget(self.none_note)
        layout.addWidget(self.buyer)

    def _pick_part(self) -> QWidget:
        part = QWidget()
        self.query = QLineEdit(placeholderText=_("Name, initials, phone or ID tail"))
        self.query.textEdited.connect(self._search)
        self.query.returnPressed.connect(lambda: self._pick(0) if self.hits else None)
        self.results = QListWidget()
        self.results.setMaximumHeight(100)
        self.results.hide()
        self.results.itemActivated.connect(lambda item: self._pick(self.results.row(item)))
        self.results.itemClicked.connect(lambda item: self._pick(self.results.row(item)))
        self.chosen = QLabel()
        self.chosen.setStyleSheet("font-weight: bold;")
        self.hits = []
        layout = QVBoxLayout(part)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.query)
        layout.addWidget(self.results)
        layout.addWidget(self.chosen)
        return part

    def _new_part(self) -> QWidget:
        part = QWidget()
        self.name = QLineEdit()
        self.name.setMaxLength(50)
        self.id_type = choice_box(v.ID_TYPES)
        self.id_number = IdNumberEdit(self.id_type)
        self.id_number.optional = False
        self.id_hint = QLabel()
        self.id_hint.setWordWrap(True)
        self.id_hint.setStyleSheet("color: #c9302c;")
        self.id_number.validity_changed.connect(lambda ok, why: self._hint(why))
        self.phone = PhoneEdit()
        form = QFormLayout(part)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(_("Name") + " *", self.name)
        form.addRow(_("Document type"), self.id_type)
        form.addRow(_("Document number") + " *", self.id_number)
        form.addRow("", self.id_hint)
        form.addRow(_("Phone"), self.phone)
        return part

    def _hint(self, why: str) -> None:
        self.id_hint.setText(why)
        self.id_hint.setVisible(bool(why))

    # --- showing a room ---------------------------------------------------------------------------
    def clear(self) -> None:
        self.picked_id = None
        for edit in (self.query, self.name, self.id_number, self.phone, self.deed):
            edit.clear()
        self._hint("")
        self.chosen.setText(_("Nobody chosen yet"))
        self.results.hide()
        self.id_type.setCurrentIndex(0)

    def show_room(self, room_id: int | None) -> None:
        self.clear()
        self.owners.clear()
        parties = current_parties(room_id, (OWNER, CO_OWNER)) if room_id else []
        for party in parties:
            self.owners.addItem(f"{party.person.name}  {self._id_shown(party.person.id_number)}", party.person_id)
        self.has_owner = bool(parties)
        self.owners.setVisible(self.has_owner)
        self.buyer.setVisible(room_id is not None and not self.has_owner)
        self.none_note.setVisible(not self.has_owner)
        self.none_note.setText(_("No owner on record for this room: choose the buyer on file, or register them "
                                 "here with the purchase contract or title deed.") if room_id is not None else
                               _("The room's owner shows here once the room is found."))
        self.pick_mode.setChecked(True)
        self._show_mode()

    def _id_shown(self, number: str | None) -> str:
        if not number:
            return _("(no ID on file)")
        shown = number if "id" in revealed(self.ctx.actor) else v.mask_id(number)
        return _("ID {number}").format(number=shown)

    def suggest(self, name: str, phone: str, person_id: int | None) -> None:
        """From the appointment: its person chosen if on file (an owner, or the buyer found), else the name and
        phone given when booking, ready to register or to look for."""
        if person_id is not None and self.has_owner:
            index = self.owners.findData(person_id)
            if index >= 0:
                self.owners.setCurrentIndex(index)
            return
        if self.has_owner:
            return
        if person_id is not None:
            self.pick_mode.setChecked(True)
            self.set_person(person_id)
            return
        self.new_mode.setChecked(True)
        self.name.setText(name)
        self.phone.setText(phone)
        self.query.setText(name)

    def _show_mode(self) -> None:
        new = self.mode.checkedId() == NEW
        self.pick_part.setVisible(not new)
        self.new_part.setVisible(new)
        self.changed.emit()

    # --- a person on file --------------------------------------------------------------------------
    def _search(self, text: str) -> None:
        self.hits = people_matching(text, 8)
        self.results.clear()
        for hit in self.hits:
            self.results.addItem(f"{hit.title}    {hit.detail}")
        self.results.setVisible(bool(self.hits))

    def _pick(self, row: int) -> None:
        if 0 <= row < len(self.hits):
            self.set_person(self.hits[row].id)

    def set_person(self, person_id: int) -> None:
        person = get_person(person_id)
        self.picked_id = person_id
        self.chosen.setText(f"✔ {person.name}  {self._id_shown(person.id_number)}")
        self.results.hide()
        self.changed.emit()

    # --- what the handover takes ----------------------------------------------------------------------
    def owner_id(self) -> int | None:
        if self.has_owner:
            return self.owners.currentData()
        return self.picked_id if self.mode.checkedId() == ON_FILE else None

    def new_owner(self) -> PersonInput | None:
        if self.has_owner or self.mode.checkedId() != NEW:
            return None
        phone = self.phone.text()
        return PersonInput(self.name.text(), id_type=self.id_type.currentData(), id_number=self.id_number.text(),
                           phones=[(phone, "mobile")] if phone.strip() else [])

    def deed_no(self) -> str:
        return "" if self.has_owner else self.deed.text()

    def fields(self) -> dict[str, QWidget]:
        first = self.owners if self.has_owner else (self.query if self.mode.checkedId() == ON_FILE else self.name)
        return {"owner": first, "deed_no": self.deed, "name": self.name, "id_number": self.id_number,
                "id_type": self.id_type, "phone": self.phone, "gender": self.id_number}

    def focus_chain(self) -> list[QWidget]:
        return [self.owners, self.pick_mode, self.new_mode, self.query, self.results, self.name, self.id_type,
                self.id_number, self.phone, self.deed]
