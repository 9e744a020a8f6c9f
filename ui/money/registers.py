"""The money registers as lists: receipts (reprint, void, refund), deposits (refund, forfeit), arrears (remind)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFormLayout, QGridLayout, QLabel, QLineEdit,
                               QVBoxLayout)

from models.errors import DomainError, InvalidInput
from models.i18n import _
from models.listing import get_list
from models.money import cashier, deposits
from models.money.amounts import yuan
from models.money.ledger import METHODS, Deposit, Receipt
from models.money.lists import RECEIPT_STATES, arrears_total
from models.money.rates import items as charge_items
from ui.bus import bus
from ui.widgets.editors import DateEdit, MoneyEdit
from ui.widgets.forms import dialog_buttons, error_label
from ui.money.messages import ask_text, confirm, inform, show_error
from ui.widgets.list_page import ListPage


def _method_box() -> QComboBox:
    box = QComboBox()
    for key, label in METHODS.items():
        box.addItem(_(label), key)
    return box


class ReceiptsPage(ListPage):
    def __init__(self, ctx):
        super().__init__(ctx, get_list("receipts"), kinds=("money",))
        self.search.setPlaceholderText(_("Receipt no. 2026-…, room or payer"))
        self.add_filter("method", _("Method"), [(k, _(v)) for k, v in METHODS.items()])
        self.add_filter("status", _("Status"), [("not_handed", _(RECEIPT_STATES["open"])),
                                                ("voided", _(RECEIPT_STATES["voided"]))])
        self.add_action(_("Print…"), self.reprint)
        if ctx.actor.can("money.void"):
            self.add_action(_("Void…"), self.void)
            self.add_action(_("Refund…"), self.refund)
        self.activated.connect(lambda rid: self.reprint())

    def _receipt(self) -> Receipt | None:
        rid = self.current_id()
        if rid is None:
            inform(self, _("Receipts"), _("Choose a receipt in the list first."))
            return None
        return cashier.get_receipt(rid)

    def reprint(self) -> None:
        receipt = self._receipt()
        if receipt:
            from ui.money.printing import preview_receipt
            try:
                self.preview = preview_receipt(self, receipt.id)
            except Exception as error:  # noqa: BLE001
                show_error(self, error)

    def void(self) -> None:
        receipt = self._receipt()
        if not receipt:
            return
        reason, ok = ask_text(self, _("Void receipt {serial}").format(serial=receipt.serial),
                              _("Why is receipt {serial} ({total}, {payer}) voided?").format(
                                  serial=receipt.serial, total=yuan(receipt.total_fen), payer=receipt.payer),
                              _("Void"))
        if not ok:
            return
        try:
            cashier.void_receipt(self.ctx.actor, receipt.id, reason)
        except DomainError as error:
            show_error(self, error)
            return
        bus.changed("money")

    def refund(self) -> None:
        receipt = self._receipt()
        if receipt:
            RefundDialog(self, self.ctx, receipt).open()


class RefundDialog(QDialog):
    def __init__(self, parent, ctx, receipt: Receipt):
        super().__init__(parent)
        self.ctx, self.receipt = ctx, receipt
        self.setWindowTitle(_("Refund on receipt {serial}").format(serial=receipt.serial))
        self.amount = MoneyEdit()
        self.reason = QLineEdit()
        self.method = _method_box()
        self.message = error_label()
        form = QFormLayout()
        form.addRow(_("Receipt"), QLabel(f"{receipt.serial}  {receipt.payer}  {yuan(receipt.total_fen)}"))
        form.addRow(_("Can still be refunded"), QLabel(yuan(cashier.refundable_fen(receipt))))
        form.addRow(_("Refund amount"), self.amount)
        form.addRow(_("Reason"), self.reason)
        form.addRow(_("Paid back by"), self.method)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(dialog_buttons(self, self.save, _("Refund")))

    def save(self) -> None:
        try:
            cashier.refund_receipt(self.ctx.actor, self.receipt.id, self.amount.text(), self.reason.text(),
                                   self.method.currentData())
        except DomainError as error:
            self.message.setText(str(error))
            return
        bus.changed("money")
        self.accept()


class DepositsPage(ListPage):
    def __init__(self, ctx):
        super().__init__(ctx, get_list("deposits"), kinds=("money",))
        self.search.setPlaceholderText(_("Room or payer"))
        self.add_filter("item", _("Deposit"), [(it.code, it.name) for it in charge_items("deposit")])
        self.held_only = QCheckBox(_("Only deposits still held"))
        self.held_only.setChecked(True)
        self.held_only.toggled.connect(lambda on: self._set_filter("held", on))
        self.toolbar.addWidget(self.held_only)
        self.model.filters["held"] = True
        self.total_label = QLabel()
        self.toolbar_end.insertWidget(0, self.total_label)
        if ctx.actor.can("money.void"):
            self.add_action(_("Refund…"), self.refund)
            self.add_action(_("Forfeit…"), self.forfeit)

    def refresh(self) -> None:
        super().refresh()
        self._update_total()

    def _update_count(self) -> None:
        super()._update_count()
        self._update_total()

    def _update_total(self) -> None:
        from models.money.deposits import held_totals
        self.total_label.setText(_("Held in all: {total}").format(total=yuan(held_totals()["合计"])))

    def _deposit(self) -> Deposit | None:
        did = self.current_id()
        if did is None:
            inform(self, _("Deposits"), _("Choose a deposit in the list first."))
            return None
        return deposits.get_deposit(did)

    def refund(self) -> None:
        deposit = self._deposit()
        if deposit:
            DepositRefundDialog(self, self.ctx, deposit).open()

    def forfeit(self) -> None:
        deposit = self._deposit()
        if not deposit:
            return
        reason, ok = ask_text(self, _("Forfeit deposit"), _("Why is {amount} of {item} kept?").format(
            amount=yuan(deposit.held_fen), item=deposit.item.name), _("Forfeit"))
        if ok:
            try:
                deposits.forfeit_deposit(self.ctx.actor, deposit.id, reason)
            except DomainError as error:
                show_error(self, error)
                return
            bus.changed("money")


class DepositRefundDialog(QDialog):
    """Refund a deposit, keeping up to three deductions with their reasons."""

    def __init__(self, parent, ctx, deposit: Deposit):
        super().__init__(parent)
        self.ctx, self.deposit = ctx, deposit
        self.setWindowTitle(_("Refund deposit"))
        self.amount = MoneyEdit()
        self.amount.set_fen(deposit.held_fen)
        self.method = _method_box()
        self.payee = QLineEdit(deposit.payer)
        self.deductions = [(MoneyEdit(optional=True), QLineEdit()) for _i in range(3)]
        self.message = error_label()
        form = QFormLayout()
        form.addRow(_("Deposit"), QLabel(f"{deposit.item.name}  {deposit.payer}  {_('held')} {yuan(deposit.held_fen)}"))
        form.addRow(_("Refund amount"), self.amount)
        form.addRow(_("Paid to"), self.payee)
        form.addRow(_("Paid back by"), self.method)
        grid = QGridLayout()
        grid.addWidget(QLabel(_("Deduction")), 0, 0)
        grid.addWidget(QLabel(_("Reason")), 0, 1)
        for i, (amount, reason) in enumerate(self.deductions):
            grid.addWidget(amount, i + 1, 0)
            grid.addWidget(reason, i + 1, 1)
            amount.textChanged.connect(self._rebalance)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        layout.addWidget(dialog_buttons(self, self.save, _("Refund")))

    def _rebalance(self) -> None:
        kept = sum(a.fen() or 0 for a, _r in self.deductions)
        self.amount.set_fen(max(0, self.deposit.held_fen - kept))

    def save(self) -> None:
        kept = [deposits.Deduction(a.text(), r.text()) for a, r in self.deductions if a.text().strip()]
        try:
            deposits.refund_deposit(self.ctx.actor, self.deposit.id, self.amount.text().strip() or 0, kept,
                                    method=self.method.currentData(), payee=self.payee.text())
        except DomainError as error:
            self.message.setText(str(error))
            return
        bus.changed("money")
        self.accept()


class ArrearsPage(ListPage):
    """Rooms owing on a date, the total owed by what is listed, and reminders for them."""

    def __init__(self, ctx):
        super().__init__(ctx, get_list("arrears"), kinds=("money",))
        self.search.setPlaceholderText(_("Room"))
        self.as_of = DateEdit()
        self.as_of.dateChanged.connect(lambda _d: self._set_filter("as_of", self.as_of.value()))
        self.toolbar.addWidget(QLabel(_("As of")))
        self.toolbar.addWidget(self.as_of)
        self.add_filter("min_months", _("Owed at least"), [(str(n), _("{n} months").format(n=n)) for n in (1, 2, 3, 6, 12)])
        self.total_label = QLabel()
        self.total_label.setStyleSheet("font-weight: bold;")
        self.toolbar_end.insertWidget(0, self.total_label)
        self.reminders_button = self.add_action(_("Print reminders…"), self.print_reminders)
        if ctx.actor.can("money.take"):
            self.add_action(_("Take payment"), self.to_cashier)
        self.activated.connect(lambda rid: ctx.window.open_room(rid))
        self.reminders_job = None
        self.preview = None

    def _update_count(self) -> None:
        super()._update_count()
        # Summed in SQL over what the list shows (its date, filters and search), never row by row.
        rooms, fen = arrears_total(self.model.filters, self.model.text)
        self.total_label.setText(_("Owed in all: {total} by {n} rooms").format(total=yuan(fen), n=f"{rooms:,}"))

    def print_reminders(self) -> None:
        room_ids = self.selected_ids() or self.model.ids()
        if not room_ids:
            inform(self, _("Arrears"), _("No room in the list owes anything."))
            return
        if len(room_ids) > 1 and not self.selected_ids():
            if not confirm(self, _("Print reminders"), _("Print reminders for all {n} rooms in the list?")
                           .format(n=len(room_ids)), _("Print reminders"), safe=True):
                return
        as_of = self.as_of.value()
        pay_by = as_of + dt.timedelta(days=15)
        from ui.money.printing import print_reminders
        # Several hundred notices take seconds: built in the background, the preview opens when ready.
        self.reminders_job = print_reminders(self, room_ids, as_of, pay_by, on_shown=self._reminders_shown)

    def _reminders_shown(self, preview) -> None:
        self.preview = preview

    def to_cashier(self) -> None:
        rid = self.current_id()
        if rid is None:
            show_error(self, InvalidInput(_("Choose a room in the list first.")))
            return
        page = self.ctx.window.open_page("cashier")
        page.show_room(rid)
