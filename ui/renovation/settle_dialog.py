"""Money given back through the money part: the renovation deposit at settlement (退还装修保证金: the deposit
less the acceptance's deductions) and the deposits of returned passes (退还出入证押金). The clerk says
how it is paid and to whom; the money part writes the refund record, whose slip is then offered.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QLineEdit

from models.errors import DomainError
from models.i18n import _
from models.money.ledger import METHODS
from models.money.preferences import default_method
from ui.widgets.forms import form_dialog


class PayoutDialog(QDialog):
    """How and to whom; ``act(method, payee)`` runs the operation and the dialog closes only when it did."""

    def __init__(self, title: str, intro: str, payee: str, ok_text: str, act: Callable[[str, str], object],
                 parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.act, self.result_ = act, None
        text = QLabel(intro)
        text.setWordWrap(True)
        text.setStyleSheet("font-size: 14px;")
        self.method = QComboBox()
        for key, label in METHODS.items():
            self.method.addItem(_(label), key)
        self.method.setCurrentIndex(max(0, self.method.findData(default_method())))
        self.payee = QLineEdit(payee)
        self.payee.setMaxLength(50)
        form = QFormLayout()
        form.addRow(_("Paid to"), self.payee)
        form.addRow(_("Method"), self.method)
        self.message, _buttons = form_dialog(self, form, self._run, ok_text, intro=text)
        self.payee.textEdited.connect(lambda _t: self.message.clear())
        self.resize(520, 260)

    def _run(self) -> None:
        try:
            self.result_ = self.act(self.method.currentData(), self.payee.text())
        except DomainError as refusal:
            self.message.setText(str(refusal))
            return
        self.accept()


def settle_intro(renovation, held_fen: int, deductions: list[tuple[int, str]]) -> str:
    """What the settlement gives back: the deposit held, each deduction and its reason, the rest."""
    from models.amounts import yuan
    kept = sum(fen for fen, _reason in deductions)
    lines = [_("Renovation deposit of {number} ({room}): {held} held.").format(
        number=renovation.serial, room=renovation.room.label, held=yuan(held_fen))]
    lines += [_("Deducted {amount}: {reason}").format(amount=yuan(fen), reason=reason) for fen, reason in deductions]
    lines.append(_("To refund: {back}").format(back=yuan(max(0, held_fen - kept))))
    return "\n".join(lines)
