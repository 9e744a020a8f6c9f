"""办理交房: a new room handed to its owner (seed 000 §4.5.1), as the desk does it with the owner there.

The room first (typed, Enter; or the page opened on an appointment or from the room's page), then down the
form: the owner identified (the owner on file, or the buyer found or registered here with the contract or
deed), the documents checked against the office's checklist, the meters read, the keys counted out, the
defects found with their photos, the day. 确认交房 (Ctrl+Enter) does it all in one transaction; whatever a
rule refuses (a room not vacant, an owner not identified, a meter lower than before, a day before the
appointment) is said in red at its field and nothing is written. Then the handover form (交房确认单) is
shown for the owner's signature.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QCheckBox, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QScrollArea, QVBoxLayout, QWidget)

from models import validation as v
from models.errors import DomainError, InvalidInput
from models.handover import handing
from models.i18n import _
from models.records.estate import ROOM, VACANT, get_room
from models.users import revealed
from ui.bus import bus
from ui.handover.handover_defects_box import DefectsBox
from ui.handover.handover_meters import KeysBox, MetersBox
from ui.handover.handover_owner import OwnerBox
from ui.records.room_line import room_line, typed_room
from ui.widgets.editors import DateEdit
from ui.widgets.forms import error_label
from ui.widgets.messages import clear_when_edited, confirm

DOCUMENT_COLUMNS = 2
OWNER_FIELDS = ("owner", "deed_no", "name", "id_number", "id_type", "phone", "gender")
DEFECT_FIELDS = ("defect", "location", "description", "department", "due_on", "file")


class HandoverPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.room_id: int | None = None
        self.appointment_id: int | None = None
        self.last_serial = ""             # the handover just done, while the form shows no other room
        self._build()
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.submit)
        QShortcut(QKeySequence("Ctrl+Enter"), self, activated=self.submit)
        self.show_room(None)

    # --- building ---------------------------------------------------------------------------------
    def _build(self) -> None:
        top = room_line(self, _("Room, e.g. 3-2-1301, then Enter"), self.find_room)
        self.room_code.setFixedWidth(280)
        self.appointment = QLabel()
        self.appointment.setStyleSheet("color: #1f5fa8; font-weight: bold;")
        self.owner = OwnerBox(self.ctx)
        self.documents_box = QGroupBox(_("Documents checked"))
        self.documents_grid = QGridLayout(self.documents_box)
        self.documents: dict[str, QCheckBox] = {}
        self.meters = MetersBox()
        self.keys = KeysBox()
        self.defects = DefectsBox(lambda: self.handed_on.value())
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(self.owner)
        left.addWidget(self.documents_box)
        left.addWidget(self._day_box())
        left.addStretch(1)
        right.addWidget(self.meters)
        right.addWidget(self.keys)
        right.addWidget(self.defects, 1)
        body = QWidget()
        columns = QHBoxLayout(body)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        self.body = body
        self.scroll = QScrollArea()
        self.scroll.setWidget(body)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 10, 18, 10)
        layout.addLayout(top)
        layout.addWidget(self.appointment)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(self._bottom())
        clear_when_edited(self.message, self.handed_on, self.note, self.owner.deed, self.owner.name,
                          self.owner.id_number, self.owner.phone, self.owner.query, *self.meters.focus_chain())
        self.room_code.textEdited.connect(lambda _t: self._forget_done())     # another room being typed
        for box in (self.owner, self.defects):
            box.changed.connect(self.message.clear)

    def _day_box(self) -> QGroupBox:
        box = QGroupBox(_("Handover"))
        self.handed_on = DateEdit()
        self.handed_on.setFixedWidth(150)
        self.note = QLineEdit()
        self.note.setMaxLength(200)
        form = QFormLayout(box)
        form.addRow(_("Handed over on"), self.handed_on)
        form.addRow(_("Note"), self.note)
        return box

    def _bottom(self) -> QHBoxLayout:
        self.message = error_label()
        self.done = QLabel()
        self.done.setWordWrap(True)
        self.done.setStyleSheet("color: #2e7d32; font-weight: bold;")
        self.print_button = QPushButton(_("Print the handover form…"))
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.print_last)
        self.clear_button = QPushButton(_("Clear the form"))
        self.clear_button.clicked.connect(self.clear_form)
        self.submit_button = QPushButton(_("Confirm the handover (Ctrl+Enter)"))
        self.submit_button.setMinimumHeight(40)
        self.submit_button.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.submit_button.clicked.connect(self.submit)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.done, 1)
        bottom.addWidget(self.print_button)
        bottom.addWidget(self.clear_button)
        bottom.addWidget(self.submit_button)
        return bottom

    def _fill_documents(self) -> None:
        """The office's checklist (the setting may have changed since), nothing ticked."""
        items = handing.checklist()
        if list(self.documents) != items:
            for tick in self.documents.values():
                tick.deleteLater()
            self.documents = {}
            for i, item in enumerate(items):
                tick = QCheckBox(item)
                tick.toggled.connect(lambda _on: self.message.clear())
                self.documents_grid.addWidget(tick, i // DOCUMENT_COLUMNS, i % DOCUMENT_COLUMNS)
                tick.show()
                self.documents[item] = tick
        for tick in self.documents.values():
            tick.setChecked(False)

    def _chain_tabs(self) -> None:
        """Tab goes down the form: the room, the owner, the documents, the day, then the meters, the keys, the
        defects, and 确认交房."""
        chain = [self.room_code, *self.owner.focus_chain(), *self.documents.values(), self.handed_on, self.note,
                 *self.meters.focus_chain(), *self.keys.focus_chain(), *self.defects.focus_chain(),
                 self.submit_button]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    # --- the room -----------------------------------------------------------------------------------
    def find_room(self) -> None:
        room = typed_room(self.room_code, self.message)
        if room is not None:
            self.show_room(room.id)
            (self._first_field() if self.body.isEnabled() else self.room_code).setFocus()

    def show_room(self, room_id: int | None) -> None:
        """The form on this room (or empty, the room to be typed), cleared; no appointment."""
        self.appointment_id = None
        self.appointment.hide()
        self._set_room(room_id)

    def show_appointment(self, appointment_id: int) -> None:
        """The form on the appointment's room, its owner (or the buyer's name and phone) filled."""
        made = handing.get_appointment(appointment_id)
        self._set_room(made.room_id)
        self.appointment_id = appointment_id
        phone = made.phone if "phone" in revealed(self.ctx.actor) else ""
        self.appointment.setText(_("Appointment {at}: {name} {phone}").format(
            at=f"{made.at:%Y-%m-%d %H:%M}", name=made.name, phone=phone or v.mask_phone(made.phone)).strip())
        self.appointment.show()
        self.owner.suggest(made.name, phone, made.person_id)
        buyer_named = self.owner.new_mode.isChecked() and self.owner.name.text()
        (self.owner.id_number if buyer_named else self._first_field()).setFocus()   # what is still to type

    def _set_room(self, room_id: int | None) -> None:
        self.room_id = room_id
        self._forget_done()
        self.message.clear()
        self._fill_documents()
        self.keys.reset()
        self.owner.show_room(room_id)
        self.meters.show_room(room_id)
        self.defects.clear()
        self.note.clear()
        self.handed_on.setMaximumDate(QDate.currentDate())
        self.handed_on.set_date(dt.date.today())
        vacant = True
        if room_id is None:
            self.room_code.clear()
            self.heading.setText(_("Type the room to hand over"))
            self.heading.setStyleSheet("font-size: 18px; font-weight: bold;")
        else:
            room = get_room(room_id)
            self.room_code.setText(room.code)
            vacant = room.state == VACANT
            self.heading.setText(f"{room.label}  ·  {_(ROOM.label(room.state))}")
            self.heading.setStyleSheet("font-size: 18px; font-weight: bold;" + ("" if vacant else " color: #c9302c;"))
            if not vacant:              # said at once, the form greyed: nothing to fill for a room not handed over
                self.message.setText(_("{room} is {state}: only a vacant room is handed over.").format(
                    room=room.label, state=ROOM.label(room.state)))
        self.body.setEnabled(vacant)
        self.submit_button.setEnabled(vacant)
        self.clear_button.setEnabled(vacant)
        self._chain_tabs()

    def _forget_done(self) -> None:
        """Another room shown (or typed), or the form cleared: the last handover's line and its print go."""
        self.last_serial = ""
        self.done.clear()
        self.print_button.setEnabled(False)
        self.print_button.setToolTip("")

    def _first_field(self) -> QWidget:
        return self.owner.fields()["owner"] if self.room_id else self.room_code

    # --- confirming ---------------------------------------------------------------------------------
    def handover_input(self) -> handing.HandoverInput:
        return handing.HandoverInput(
            room_id=self.room_id, owner_id=self.owner.owner_id(), handed_on=self.handed_on.value(),
            appointment_id=self.appointment_id,
            documents=[item for item, tick in self.documents.items() if tick.isChecked()],
            readings=self.meters.readings_given(), keys=self.keys.keys(), defects=list(self.defects.defects),
            deed_no=self.owner.deed_no(), new_owner=self.owner.new_owner(), note=self.note.text())

    def submit(self) -> None:
        if self.room_id is None:
            self.message.setText(_("Type the room (3-2-1301) and press Enter first."))
            self.room_code.setFocus()
            return
        if not self.body.isEnabled():           # a room not vacant: its sentence is on show already
            self.room_code.setFocus()
            self.room_code.selectAll()
            return
        given = self.handover_input()
        if given.owner_id is None and given.new_owner is None:     # said before asking about what is empty
            self.show_refusal(InvalidInput(_("Identify the owner: choose the owner's record (with the ID number)."),
                                           field="owner"))
            return
        if not self._empty_parts_accepted(given):
            return
        try:
            made = handing.hand_over(self.ctx.actor, given)
        except DomainError as refusal:
            self.show_refusal(refusal)
            return
        for kind in ("handover", "rooms", "people", "keys"):
            bus.changed(kind)
        self.show_room(None)
        self.last_serial = made.serial          # after the form is cleared: its print is of this handover only
        self.done.setText(_("{room} handed over to {name}: form {number}.").format(
            room=made.room.code, name=made.owner.name, number=made.serial))
        self.print_button.setEnabled(True)
        self.print_button.setToolTip(_("The handover form {number} of {room}").format(
            number=made.serial, room=made.room.code))
        self.room_code.setFocus()
        self.print_last()

    def clear_form(self) -> None:
        """清空表单: what was typed for this room goes; defects written down are not thrown away unasked."""
        if self.defects.defects and not confirm(
                self, _("Clear the form"), _("Clear the form and the {count} defects written down?").format(
                    count=len(self.defects.defects)), _("Clear the form")):
            return
        self.show_room(self.room_id)

    def _empty_parts_accepted(self, given: handing.HandoverInput) -> bool:
        """A form that leaves documents unticked, meters unread or no key handed: asked first, Enter = no."""
        missing = handing.missing_on_form(given)
        if not missing:
            return True
        return confirm(self, _("Confirm the handover"), _("The form leaves these empty:\n{what}\n\nConfirm the "
                                                          "handover all the same?").format(
            what="\n".join(f"· {line}" for line in missing)), _("Hand over all the same"))

    def print_last(self) -> None:
        if self.last_serial:
            from ui.handover.handover_printing import preview_handover_form
            preview_handover_form(self, self.last_serial)

    def show_refusal(self, refusal: DomainError) -> None:
        """The domain's sentence in the red line, and the field it is about focused."""
        text, field = str(refusal), refusal.field or ""
        self.done.clear()
        self.message.setText(text)
        widget = None
        if field in OWNER_FIELDS:
            widget = self.owner.fields().get(field)
        elif field in ("meter", "meter_no", "reading"):
            widget = self.meters.field_for(text, field)
        elif field in DEFECT_FIELDS:
            widget = self.defects.view
            self.defects.message.setText(text)
        else:
            widget = {"room": self.room_code, "handed_on": self.handed_on, "note": self.note,
                      "documents": next(iter(self.documents.values()), None),
                      "keys": next(iter(self.keys.counts.values()), None)}.get(field)
        if widget is not None:
            self.scroll.ensureWidgetVisible(widget)
            widget.setFocus()
