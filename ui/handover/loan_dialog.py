"""钥匙借用 and 归还 at the desk: the form a scanned key opens.

A key in the cabinet opens the loan form with the keyboard in the borrower: a regular borrower is picked
from those who borrowed lately (a few letters, Enter: the kind, unit and phone come with the name), Enter
moves on to the purpose, Enter lends the key and puts the loan slip (钥匙借用单) in the preview for the
borrower to sign. From the scan that is five actions: scan, the name, Enter, the purpose, Enter. A key
that is out opens the return form instead, the borrower already there as the one who brought it back:
Enter takes it back. Whatever the domain refuses (a name left out, an entrustment past its date, a due
time gone) is its Chinese sentence in the form's red line, the form left open and nothing written.
"""
from __future__ import annotations

import datetime as dt
import time

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, Qt, QTime
from PySide6.QtWidgets import (QCheckBox, QComboBox, QCompleter, QDialog, QDialogButtonBox,
                               QFormLayout, QLabel, QLineEdit, QVBoxLayout)

from models import validation as v
from models.handover import keys
from models.handover.tables import BORROWERS, ENTRUSTED, KEY_KINDS, Key, KeyLoan
from models.i18n import _
from models.records.estate import label_from_code
from models.users import revealed
from ui.handover.cabinet_print import preview_loan_slip
from ui.widgets.editors import MomentEdit, PhoneEdit, choice_box
from ui.widgets.forms import error_label, heading_label
from ui.widgets.messages import clear_when_edited
from ui.widgets.operations import run_op
from ui.widgets.settings import qsettings

RED = "#c9302c"
SCANNER_ECHO_S = 0.3     # an Enter this soon after the form opened is the scanner's own second key
PURPOSES = ("带客户看房", "维修", "抄表", "保洁", "巡查", "装修施工")


def where_of(key: Key) -> str:
    """What the key's tag says it opens: a room (3栋2单元1301) or an area (3栋配电房)."""
    if key.room_id is not None:
        return label_from_code(key.room.code)
    return key.area


def key_heading(key: Key, today: dt.date | None = None) -> str:
    """A-012 · K000123 · 3栋2单元1301 入户门 / 空置房钥匙 2 把 / an entrusted key's owner, scope and date."""
    today = today or dt.date.today()
    lines = [f"<b style='font-size: 16px'>{key.hook}</b>　{key.tag}　<b>{where_of(key)} {key.label}</b>",
             _("{kind}, {copies} copies").format(kind=_(KEY_KINDS.get(key.kind, key.kind)), copies=key.copies)]
    if key.kind == ENTRUSTED:
        until = key.entrusted_until
        line = _("Entrusted by {owner} until {date}").format(
            owner=key.entrusted_by.name if key.entrusted_by_id else "?", date=v.format_date_cn(until))
        if key.entrusted_scope:
            line += f"（{key.entrusted_scope}）"
        if until is not None and until < today:
            line = f"<span style='color: {RED}; font-weight: bold'>{line}　{_('entrustment ended')}</span>"
        lines.append(line)
    return "<br>".join(lines)



class _EnterKey(QObject):
    """Enter in a field: ignored in the moment after the form opened (a scanner that ends its code with two
    keys sends the second one here); with the field's suggestions open, the one highlighted (else the first)
    taken; then ``then()`` (the next field, or lend) or, without it, the form's button."""

    def __init__(self, field, then, parent):
        super().__init__(parent)
        self.field, self.then, self.opened = field, then, time.monotonic()
        field.installEventFilter(self)
        if field.completer() is not None:
            field.completer().popup().installEventFilter(self)

    def eventFilter(self, watched, event):  # noqa: N802 - Qt override
        if event.type() != QEvent.KeyPress or event.key() not in (Qt.Key_Return, Qt.Key_Enter) \
                or event.modifiers() & Qt.ControlModifier:
            return False
        if time.monotonic() - self.opened < SCANNER_ECHO_S:
            return True
        completer = self.field.completer()
        if completer is not None and completer.popup().isVisible():
            chosen = completer.popup().currentIndex()
            if not chosen.isValid():
                chosen = completer.completionModel().index(0, 0)
            completer.popup().hide()
            if chosen.isValid():
                self.field.setText(chosen.data())
        if self.then is None:
            return watched is not self.field          # the form's button, as Enter in the field presses it
        self.then()
        return True


class LoanDialog(QDialog):
    """借出: who borrows the key, for what, until when; Enter lends it and (ticked) previews the slip."""

    def __init__(self, ctx, key: Key, parent=None):
        super().__init__(parent)
        self.ctx, self.key = ctx, key
        self.loan: KeyLoan | None = None
        self.preview = None                     # the loan slip's, once lent
        self.setWindowTitle(_("Lend key {hook}").format(hook=key.hook))
        self.setMinimumWidth(560)
        self.known = {row[0]: row for row in keys.recent_borrowers()}
        self.phones_shown = "phone" in revealed(ctx.actor)       # a remembered phone fills in only for them
        self.borrower = self._borrower_box()
        self.kind = choice_box(BORROWERS, "staff")
        self.unit = QLineEdit()
        self.unit.setMaxLength(60)
        self.unit.setPlaceholderText(_("e.g. 工程部, 某某维修公司"))
        self.phone = PhoneEdit()
        self.purpose = QLineEdit()
        self.purpose.setObjectName("loan_purpose")
        self.purpose.setMaxLength(100)
        self.purpose.setPlaceholderText(_("e.g. 带客户看房, 维修水管"))
        self.purpose.setCompleter(QCompleter(list(PURPOSES), self.purpose))
        due = keys.proposed_due()                # never in the night: after 20:00 it is 09:30 the next morning
        self.due = MomentEdit(QDateTime(QDate(due.year, due.month, due.day), QTime(due.hour, due.minute)))
        self.print_slip = QCheckBox(_("Print the loan slip for the borrower to sign"))
        self.print_slip.setChecked(qsettings().value("keys/print_slip", True, type=bool))
        self.message = error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText(_("Lend (Enter)"))
        buttons.button(QDialogButtonBox.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.lend)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        form = QFormLayout()
        form.addRow(_("Borrower"), self.borrower)
        form.addRow(_("Borrower is"), self.kind)
        form.addRow(_("Unit"), self.unit)
        form.addRow(_("Phone"), self.phone)
        form.addRow(_("Borrowed for"), self.purpose)
        form.addRow(_("Due back"), self.due)
        form.addRow("", self.print_slip)
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(key_heading(key), "key_heading"))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.fields = {"borrower": self.borrower, "purpose": self.purpose, "phone": self.phone,
                       "borrower_kind": self.kind, "due_at": self.due, "unit": self.unit, "key": self.borrower}
        clear_when_edited(self.message, self.borrower, self.kind, self.unit, self.phone, self.purpose)
        self.due.dateTimeChanged.connect(lambda _d: self.message.clear())
        _EnterKey(self.borrower.lineEdit(), self._after_borrower, self)
        _EnterKey(self.purpose, self.lend, self)
        self.borrower.setFocus()

    def _borrower_box(self) -> QComboBox:
        """The borrower: typed, or picked from those who borrowed lately (the kind, unit and phone follow)."""
        box = QComboBox()
        box.setObjectName("loan_borrower")
        box.setEditable(True)
        box.setInsertPolicy(QComboBox.NoInsert)
        box.addItems(list(self.known))
        box.setCurrentIndex(-1)
        box.lineEdit().setMaxLength(50)
        box.lineEdit().setPlaceholderText(_("Name, or pick one who borrowed lately"))
        box.completer().setCompletionMode(QCompleter.PopupCompletion)
        box.completer().setFilterMode(Qt.MatchContains)
        box.currentTextChanged.connect(self._known_borrower)
        box.completer().activated.connect(self._known_borrower)
        return box

    def _known_borrower(self, name: str) -> None:
        row = self.known.get(name.strip())
        if row is None:
            return
        _name, kind, unit, phone = row
        index = self.kind.findData(kind)
        if index >= 0:
            self.kind.setCurrentIndex(index)
        self.unit.setText(unit)
        self.phone.setText(phone if self.phones_shown else "")

    def _after_borrower(self) -> None:
        self._known_borrower(self.borrower.currentText())
        if self.purpose.text().strip():
            self.lend()
        else:
            self.purpose.setFocus()

    def given(self) -> keys.LoanInput:
        return keys.LoanInput(key=self.key.tag, borrower=self.borrower.currentText(), purpose=self.purpose.text(),
                              due_at=self.due.moment(),
                              borrower_kind=self.kind.currentData(), unit=self.unit.text(), phone=self.phone.text())

    def lend(self) -> None:
        given = self.given()
        run_op(self, lambda: keys.lend(self.ctx.actor, given), error=self.message, fields=self.fields,
               changed="keys", on_done=self._lent)

    def _lent(self, loan: KeyLoan) -> None:
        """Lent: the slip in the preview (ticked) for the borrower to sign, then the form closes."""
        self.loan = loan
        qsettings().setValue("keys/print_slip", self.print_slip.isChecked())
        if self.print_slip.isChecked():
            self.preview = preview_loan_slip(self.parentWidget(), loan.serial)
        self.accept()


def loan_line(loan: KeyLoan, actor, now: dt.datetime | None = None) -> str:
    """借用单 JY2026-000034: 张师傅（员工 · 工程部 · 138…）, out 11-29 14:05, due 18:05, late 2 h — for the return form."""
    now = now or dt.datetime.now()
    phone = loan.phone if "phone" in revealed(actor) else v.mask_phone(loan.phone)
    who = "，".join(x for x in (_(BORROWERS.get(loan.borrower_kind, loan.borrower_kind)), loan.unit, phone) if x)
    text = _("Loan {number}: {borrower} ({who}) for {purpose}, out {out}, due back {due}").format(
        number=loan.serial, borrower=loan.borrower, who=who, purpose=loan.purpose,
        out=loan.out_at.strftime("%m-%d %H:%M"), due=loan.due_at.strftime("%m-%d %H:%M"))
    if loan.due_at < now:
        late = now - loan.due_at
        text += f"<br><b style='color: {RED}'>" + (
            _("{days} days overdue").format(days=late.days) if late.days else
            _("{hours} h overdue").format(hours=max(1, late.seconds // 3600))) + "</b>"
    return text


class ReturnDialog(QDialog):
    """归还: who brought the key back (the borrower, unless said otherwise); Enter takes it back."""

    def __init__(self, ctx, key: Key, parent=None):
        super().__init__(parent)
        self.ctx, self.key = ctx, key
        self.loan = keys.open_loan(key)
        self.returned: KeyLoan | None = None
        self.setWindowTitle(_("Take back key {hook}").format(hook=key.hook))
        self.setMinimumWidth(520)
        self.returned_by = QLineEdit(self.loan.borrower if self.loan else "")
        self.returned_by.setObjectName("returned_by")
        self.returned_by.setMaxLength(50)
        self.returned_by.selectAll()
        self.message = error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText(_("Take back (Enter)"))
        buttons.button(QDialogButtonBox.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.take_back)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(_("Brought back by"), self.returned_by)
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(key_heading(key), "key_heading"))
        if self.loan is not None:
            line = QLabel(loan_line(self.loan, ctx.actor))
            line.setObjectName("loan_line")
            line.setWordWrap(True)
            layout.addWidget(line)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        clear_when_edited(self.message, self.returned_by)
        _EnterKey(self.returned_by, None, self)
        self.returned_by.setFocus()

    def take_back(self) -> None:
        who = self.returned_by.text()
        run_op(self, lambda: keys.take_back(self.ctx.actor, self.key.tag, who), error=self.message,
               fields={"returned_by": self.returned_by}, changed="keys", on_done=self._returned)

    def _returned(self, loan: KeyLoan | None) -> None:
        self.returned = loan
        self.accept()
