"""What the key cabinet does to the chosen key besides lending it: 登记遗失 (a key lost, and what was done
about it — lock changed, a copy made, nothing yet), 新钥匙挂回 (a new key on a lost one's hook) and
退还业主/不再保管 (the office no longer holds it, with the reason). Keys are never deleted: each of these
is a move of the key's state, on record with who and why.
"""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from models.handover import keys
from models.handover.tables import LOST_ACTIONS, OUT, Key
from models.i18n import _
from ui.bus import bus
from ui.handover.loan_dialog import key_heading, loan_line
from ui.widgets.editors import radio_group, radio_value
from ui.widgets.forms import dialog_buttons, error_label, heading_label
from ui.widgets.messages import ask_text, clear_when_edited
from ui.widgets.operations import run_op


class LostDialog(QDialog):
    """登记遗失: the key (out with a borrower, or missing from its hook) is lost; what was done, a note."""

    def __init__(self, ctx, key: Key, parent=None):
        super().__init__(parent)
        self.ctx, self.key = ctx, key
        self.loss = None
        self.setWindowTitle(_("Key {hook} lost").format(hook=key.hook))
        self.setMinimumWidth(520)
        heading = heading_label(key_heading(key))
        self.action, action_row = radio_group(self, [(k, _(label)) for k, label in LOST_ACTIONS.items()])
        self.note = QLineEdit()
        self.note.setObjectName("lost_note")
        self.note.setMaxLength(200)
        self.note.setPlaceholderText(_("e.g. 借用人在小区内遗失，已通知业主"))
        form = QFormLayout()
        form.addRow(_("What was done"), action_row)
        form.addRow(_("Note"), self.note)
        self.message = error_label()
        self.buttons = dialog_buttons(self, self.record, _("Record the loss"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        loan = keys.open_loan(key) if key.state == OUT else None
        if loan is not None:
            line = QLabel(loan_line(loan, ctx.actor))
            line.setObjectName("loan_line")
            line.setWordWrap(True)
            layout.addWidget(line)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        clear_when_edited(self.message, self.note, *self.action.buttons())
        self.note.setFocus()

    def record(self) -> None:
        action = radio_value(self.action, "")
        note = self.note.text()
        run_op(self, lambda: keys.report_lost(self.ctx.actor, self.key.tag, action, note), error=self.message,
               fields={"note": self.note, "action": self.action.buttons()[0]}, changed="keys",
               on_done=self._recorded)

    def _recorded(self, loss) -> None:
        self.loss = loss
        self.accept()


def replace_key(ctx, key: Key, parent) -> bool:
    """新钥匙挂回: a new key (a copy made, the lock changed) on the lost key's hook; the note says which."""
    asked = _("A new key hangs on hook {hook} ({label}) again. Note (lock changed, copy made by…):")
    _note, ok = ask_text(parent, _("New key on hook {hook}").format(hook=key.hook),
                         asked.format(hook=key.hook, label=key.label), _("Hang it back"),
                         act=lambda note: keys.replace(ctx.actor, key.tag, note))
    if ok:
        bus.changed("keys")
    return ok


def retire_key(ctx, key: Key, parent) -> bool:
    """退还业主/不再保管: the office no longer holds the key; the reason is asked for and kept."""
    question = _("Why does the office no longer hold key {hook} ({label})? e.g. 委托已过期，已退还业主").format(
        hook=key.hook, label=key.label)
    _reason, ok = ask_text(parent, _("No longer held: key {hook}").format(hook=key.hook), question,
                           _("Not held any more"), act=lambda reason: keys.retire(ctx.actor, key.tag, reason))
    if ok:
        bus.changed("keys")
    return ok
