"""A defect (验房问题) as the desk writes it down: where (客厅, 主卧卫生间…), what is wrong, who repairs it, by
when (15 days from the day it is found unless said), and its photos.

On the handover form the defect waits in the form's list until the handover is confirmed (``DefectDialog``
gives back the ``DefectInput``); from the defects register, a defect found after the handover is recorded
for its room at once (``NewDefectDialog``).
"""
from __future__ import annotations

import datetime as dt
from typing import Callable

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit

from models import validation as v
from models.handover import handing
from models.handover.tables import DEPARTMENTS
from models.i18n import _
from models.records.estate import get_room
from ui.records.room_line import room_line, typed_room
from ui.widgets.editors import DateEdit, choice_box
from ui.widgets.forms import form_dialog
from ui.widgets.messages import clear_when_edited
from ui.widgets.operations import run_op
from ui.widgets.photo_picker import PhotoPicker

DUE_DAYS = 15
PLACES = ("客厅", "餐厅", "主卧", "次卧", "书房", "厨房", "主卫", "次卫", "阳台", "入户门", "窗户", "天花", "地面")


class DefectDialog(QDialog):
    """The defect's fields; ``accepted_input`` is called with the ``DefectInput`` once they are filled."""

    def __init__(self, parent, found_on: dt.date, given: handing.DefectInput | None = None,
                 accepted_input: Callable[[handing.DefectInput], None] | None = None, room_line_on: bool = False):
        super().__init__(parent)
        self.found_on, self.accepted_input = found_on, accepted_input
        self.setWindowTitle(_("Defect found"))
        self.setMinimumWidth(560)
        self.form = QFormLayout()
        if room_line_on:
            self.form.addRow(room_line(self, _("Room, e.g. 3-2-1301, then Enter"), self.find_room))
            self.room_code.setMinimumWidth(220)
        self.location = QComboBox()
        self.location.setEditable(True)
        self.location.addItems(PLACES)
        self.location.setCurrentIndex(-1)
        self.location.lineEdit().setMaxLength(40)
        self.location.lineEdit().setPlaceholderText(_("e.g. 主卧"))
        self.description = QLineEdit()
        self.description.setMaxLength(300)
        self.description.setPlaceholderText(_("What is wrong, e.g. 窗框渗水"))
        self.department = choice_box(DEPARTMENTS, "engineering")
        self.due_on = DateEdit(found_on + dt.timedelta(days=DUE_DAYS))
        self.due_on.setMinimumDate(self.due_on.date().addDays(-DUE_DAYS))
        self.photos = PhotoPicker()
        self.form.addRow(_("Location") + " *", self.location)
        self.form.addRow(_("Problem") + " *", self.description)
        self.form.addRow(_("Responsible department"), self.department)
        self.form.addRow(_("To be done by"), self.due_on)
        self.form.addRow(_("Defect photos"), self.photos)
        self.message, self.buttons = form_dialog(self, self.form, self.save, ok_text=_("Put on the form"))
        clear_when_edited(self.message, self.location, self.description, self.department, self.due_on)
        self.fields = {"location": self.location, "description": self.description, "defect": self.location,
                       "department": self.department, "due_on": self.due_on, "file": self.photos.add_button}
        if given is not None:
            self.location.setCurrentText(given.location)
            self.description.setText(given.description)
            self.department.setCurrentIndex(max(0, self.department.findData(given.department)))
            if given.due_on:
                self.due_on.set_date(given.due_on)
            self.photos.set_photos(list(given.photos))

    def given(self) -> handing.DefectInput:
        return handing.DefectInput(self.location.currentText(), self.description.text(),
                                   self.department.currentData(), self.due_on.value(), list(self.photos.photos))

    def save(self) -> None:
        given = self.given()
        if not v.clean(given.location) or not v.clean(given.description):
            self.message.setText(_("A defect needs where it is and what is wrong."))
            (self.location if not v.clean(given.location) else self.description).setFocus()
            return
        if self.accepted_input is not None:
            self.accepted_input(given)
        self.accept()


class NewDefectDialog(DefectDialog):
    """新增验房问题: a defect the owner reports after the handover, recorded for the room at once."""

    def __init__(self, parent, ctx, room_id: int | None, on_saved: Callable[[object], None] | None = None):
        super().__init__(parent, dt.date.today(), room_line_on=True)
        self.ctx, self.on_saved, self.room_id = ctx, on_saved, None
        self.setWindowTitle(_("New defect"))
        self.buttons.button(QDialogButtonBox.Ok).setText(_("Record the defect"))
        self.fields["room"] = self.room_code
        self.set_room(room_id)

    def find_room(self) -> None:
        room = typed_room(self.room_code, self.message)
        if room is not None:
            self.set_room(room.id)
            self.location.setFocus()

    def set_room(self, room_id: int | None) -> None:
        self.room_id = room_id
        if room_id is None:
            self.heading.setText(_("Type the room first"))
            return
        room = get_room(room_id)
        self.room_code.setText(room.code)
        self.heading.setText(room.label)

    def save(self) -> None:
        if self.room_id is None:
            self.message.setText(_("Type the room (3-2-1301) and press Enter first."))
            self.room_code.setFocus()
            return
        actor, room_id, given = self.ctx.actor, self.room_id, self.given()
        run_op(self, lambda: handing.add_defect(actor, room_id, given), changed="handover", error=self.message,
               fields=self.fields, on_done=self._saved)

    def _saved(self, made) -> None:
        if self.on_saved is not None:
            self.on_saved(made)
        self.accept()
