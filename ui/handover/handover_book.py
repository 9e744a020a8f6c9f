"""预约交房: a handover booked for a vacant room: who comes (the owner on file, or the buyer's name and phone
as they gave them) and when. The room is typed (3-2-1301, Enter) or arrives filled from the room's page."""
from __future__ import annotations

import datetime as dt
from typing import Callable

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QHBoxLayout, QLineEdit, QTimeEdit

from models.handover import handing
from models.i18n import _
from models.records.estate import ROOM, get_room
from models.records.people import CO_OWNER, OWNER, get_person, person_input_of
from models.records.ties import current_parties
from models.users import revealed
from ui.records.room_line import room_line, typed_room
from ui.widgets.editors import DateEdit, PhoneEdit
from ui.widgets.forms import form_dialog
from ui.widgets.messages import clear_when_edited
from ui.widgets.operations import run_op

FIRST_SLOT = QTime(9, 30)       # the desk's first handover of a day


def next_slot(day: dt.date, at: dt.datetime | None = None) -> tuple[dt.date, QTime]:
    """The day and time a new booking offers: ``day`` at 9:30, or (today, or a day gone) the next half hour."""
    at = at or dt.datetime.now()
    if day > at.date():
        return day, FIRST_SLOT
    later = at + dt.timedelta(minutes=30 - at.minute % 30 + 30)
    if later.hour >= 18:
        return at.date() + dt.timedelta(days=1), FIRST_SLOT
    return later.date(), max(FIRST_SLOT, QTime(later.hour, later.minute))


class BookDialog(QDialog):
    def __init__(self, parent, ctx, room_id: int | None = None, day: dt.date | None = None,
                 on_booked: Callable[[object], None] | None = None):
        super().__init__(parent)
        self.ctx, self.on_booked = ctx, on_booked
        self.room_id: int | None = None
        self.setWindowTitle(_("Book a handover"))
        self.setMinimumWidth(560)
        top = room_line(self, _("Room, e.g. 3-2-1301, then Enter"), self.find_room)
        self.room_code.setMinimumWidth(220)
        self.who = QComboBox()
        self.who.currentIndexChanged.connect(lambda _i: self._who_changed())
        self.name = QLineEdit()
        self.name.setMaxLength(50)
        self.phone = PhoneEdit()
        self.date = DateEdit()
        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        when = QHBoxLayout()
        when.addWidget(self.date)
        when.addWidget(self.time)
        when.addStretch(1)
        self.note = QLineEdit()
        self.note.setMaxLength(200)
        form = QFormLayout()
        form.addRow(top)
        form.addRow(_("Who comes"), self.who)
        form.addRow(_("Name") + " *", self.name)
        form.addRow(_("Phone"), self.phone)
        form.addRow(_("Date and time") + " *", when)
        form.addRow(_("Note"), self.note)
        self.message, _buttons = form_dialog(self, form, self.save, ok_text=_("Book"))
        clear_when_edited(self.message, self.who, self.name, self.phone, self.date, self.time, self.note)
        self.fields = {"room": self.room_code, "name": self.name, "phone": self.phone, "at": self.date,
                       "note": self.note}
        start_day, start_time = next_slot(day or dt.date.today())
        self.date.set_date(start_day)
        self.time.setTime(start_time)
        self.set_room(room_id)

    def find_room(self) -> None:
        room = typed_room(self.room_code, self.message)
        if room is not None:
            self.set_room(room.id)
            self.who.setFocus() if self.who.count() > 1 else self.name.setFocus()

    def set_room(self, room_id: int | None) -> None:
        self.room_id = room_id
        self.who.blockSignals(True)
        self.who.clear()
        if room_id is None:
            self.heading.setText(_("Type the room first"))
        else:
            room = get_room(room_id)
            self.room_code.setText(room.code)
            self.heading.setText(f"{room.label}  ·  {_(ROOM.label(room.state))}")
            for party in current_parties(room_id, (OWNER, CO_OWNER)):
                self.who.addItem(_("{name} (owner on file)").format(name=party.person.name), party.person_id)
        self.who.addItem(_("Someone else: type the name and phone"), None)
        self.who.blockSignals(False)
        self._who_changed()

    def _who_changed(self) -> None:
        person_id = self.who.currentData()
        if person_id is None:
            if self.name.isReadOnly():          # what the owner on file filled goes; what was typed stays
                self.name.clear()
                self.phone.clear()
            self.name.setReadOnly(False)
            return
        self.name.setReadOnly(True)
        person = get_person(person_id)
        self.name.setText(person.name)
        phones = person_input_of(person).phones
        shown = "phone" in revealed(self.ctx.actor)
        self.phone.setText(phones[0][0] if phones and shown else "")

    def moment(self) -> dt.datetime:
        t = self.time.time()
        return dt.datetime.combine(self.date.value(), dt.time(t.hour(), t.minute()))

    def save(self) -> None:
        if self.room_id is None:
            self.message.setText(_("Type the room (3-2-1301) and press Enter first."))
            self.room_code.setFocus()
            return
        actor, room_id, person_id = self.ctx.actor, self.room_id, self.who.currentData()
        name, phone, note, at = self.name.text(), self.phone.text(), self.note.text(), self.moment()
        run_op(self, lambda: handing.book(actor, room_id, at, name, phone, person_id, note),
               changed="handover", error=self.message, fields=self.fields, on_done=self._booked)

    def _booked(self, made) -> None:
        self.booked = made
        if self.on_booked is not None:
            self.on_booked(made)
        self.accept()


def book_dialog(parent, ctx, room_id: int | None = None, day: dt.date | None = None,
                on_booked: Callable[[object], None] | None = None) -> BookDialog:
    dialog = BookDialog(parent, ctx, room_id, day, on_booked)
    dialog.open()
    if room_id is None:
        dialog.room_code.setFocus()
    else:
        (dialog.who if dialog.who.count() > 1 else dialog.name).setFocus()
    return dialog

