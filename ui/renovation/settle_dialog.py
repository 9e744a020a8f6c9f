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


def left_out(worker) -> str | None:
    """Why a chosen pass's deposit is not refunded now (未交回, 已退, 已注销); None when it is."""
    if worker.lost:
        return _("written off")
    if worker.refunded_at is not None:
        return _("already refunded")
    if worker.returned_at is None:
        return _("not handed back")
    return None


def pass_refund_fen(chosen: list) -> tuple[int, list[str]]:
    """What refunding the ``chosen`` passes gives back (the domain reckons it: ``settling.refund_preview``),
    with the share of each of their deposits in words."""
    from models.amounts import yuan
    from models.renovation.settling import refund_preview
    shares = []
    for deposit_id in dict.fromkeys(w.deposit_id for w in chosen if w.deposit_id is not None):
        deposit = next(w for w in chosen if w.deposit_id == deposit_id).deposit
        shares.append(_("{share} a pass: the pass deposit {amount} over {n} passes").format(
            share=yuan(deposit.amount_fen // max(deposit.quantity, 1)), amount=yuan(deposit.amount_fen),
            n=deposit.quantity))
    return refund_preview([w.id for w in chosen]), shares


def refund_passes_intro(chosen: list) -> tuple[list, str]:
    """The chosen passes whose deposit comes back now, and what the dialog says: which, how much, and
    which chosen passes are left out and why."""
    from models.amounts import yuan
    back = [w for w in chosen if left_out(w) is None]
    total, shares = pass_refund_fen(back)
    lines = [_("Refund the deposits of {n} returned passes: {passes}.").format(
        n=len(back), passes="、".join(f"{w.pass_number} {w.name}" for w in back))] if back else []
    if back:
        lines.append(_("To refund: {back}").format(back=yuan(total)) + (f"（{'；'.join(shares)}）" if shares else ""))
    out = [f"{w.pass_number} {w.name}（{left_out(w)}）" for w in chosen if left_out(w) is not None]
    if out:
        lines.append(_("Left out, not refunded now: {passes}").format(passes="、".join(out)))
    return back, "\n".join(lines)
