"""Recording the call to the owner before a tenant's goods leave (seed 004 场景五, 租户放行).

The numbers offered are the owners' numbers on record, shown to the clerk only (the tenant is not
told them); the clerk dials away from the tenant and records the answers to the four questions.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QRadioButton, QTimeEdit, QWidget)

from models import validation as v
from models.i18n import _
from models.release import calls
from ui.widgets.forms import form_dialog
from ui.widgets.operations import run_op

QUESTIONS = (("owner_knows", "Does the owner know of the move?"),   # shown through _() below
             ("rent_owed", "Does the tenant owe rent?"),
             ("owner_goods", "Are any of the listed goods the owner's?"),
             ("consent", "Does the owner agree to the release?"))


class YesNo(QWidget):
    """是 / 否, neither chosen at first: the clerk must record the owner's answer."""

    def __init__(self):
        super().__init__()
        self.yes, self.no = QRadioButton(_("Yes")), QRadioButton(_("No"))
        self.group = QButtonGroup(self)
        for button in (self.yes, self.no):
            self.group.addButton(button)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.yes)
        row.addWidget(self.no)
        row.addStretch(1)

    def value(self) -> bool | None:
        return True if self.yes.isChecked() else False if self.no.isChecked() else None


class CallDialog(QDialog):
    def __init__(self, ctx, room_id: int, tenant_id: int, parent=None):
        super().__init__(parent)
        self.ctx, self.room_id, self.tenant_id = ctx, room_id, tenant_id
        self.call = None
        self.setWindowTitle(_("Call the owner"))
        self.setMinimumWidth(520)
        form = QFormLayout()
        self.number = QComboBox()
        reveal = ctx.actor.can("personal.phone")
        for person, number in calls.owner_numbers(room_id):
            shown = number if reveal else v.mask_phone(number)
            self.number.addItem(f"{person.name}  {shown}", number)
        self.time = QTimeEdit(QTime.currentTime())
        self.time.setDisplayFormat("HH:mm")
        self.answered = QComboBox()
        self.answered.setEditable(True)
        self.answered.addItems([_("The owner"), _("The owner's family")])
        self.answers = {key: YesNo() for key, _label in QUESTIONS}
        self.written = QCheckBox(_("The tenant brought the owner's written authorisation (it does not replace the call)"))
        self.note = QLineEdit()
        self.note.setMaxLength(200)
        form.addRow(_("Number called"), self.number)
        form.addRow(_("Called at"), self.time)
        form.addRow(_("Answered by"), self.answered)
        for key, question in QUESTIONS:
            form.addRow(_(question), self.answers[key])
        form.addRow("", self.written)
        form.addRow(_("Note"), self.note)
        intro = QLabel(_("Call away from the tenant, on the owner's number from the record; record the answers."))
        intro.setWordWrap(True)
        self.message, _buttons = form_dialog(self, form, self.save, ok_text=_("Record the call"), intro=intro)

    def save(self) -> None:
        answers = {key: widget.value() for key, widget in self.answers.items()}
        missing = [question for key, question in QUESTIONS if answers[key] is None]
        if missing:
            self.message.setText(_("Record the owner's answer: {question}").format(question=_(missing[0])))
            return
        t = self.time.time()
        called_at = dt.datetime.combine(dt.date.today(), dt.time(t.hour(), t.minute()))
        data = calls.CallInput(self.room_id, self.tenant_id, self.number.currentData() or "", called_at,
                               self.answered.currentText(), written_authorisation=self.written.isChecked(),
                               note=self.note.text(), **answers)
        run_op(self, lambda: calls.record_owner_call(self.ctx.actor, data), error=self.message, changed="release",
               on_done=self._done)

    def _done(self, call) -> None:
        self.call = call
        self.accept()
