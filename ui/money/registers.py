"""The money registers as lists: receipts (reprint, void, refund, refund slips), deposits (refund,
forfeit), arrears (remind).

A refund is money going out of the drawer: once paid, the clerk is told its TK number and amount
and gets the refund slip (退款单) to print for the payee to sign, so nobody pays it twice; the
slip can be printed again from the receipt (or the deposit) it was paid against.
"""
from __future__ import annotations

import datetime as dt
from typing import Callable

from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QGridLayout, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout)

from models.errors import InvalidInput
from models.i18n import _
from models.listing import get_list
from models.money import cashier, deposits
from models.amounts import yuan
from models.money.ledger import METHODS, Deposit, Receipt, Refund
from models.money.lists import RECEIPT_STATES, arrears_total, method_label
from models.money.rates import items as charge_items
from ui.bus import bus
from ui.widgets.editors import DateEdit, MoneyEdit
from ui.widgets.forms import dialog_buttons, error_label
from ui.widgets.messages import ask_text, clear_when_edited, confirm, inform, show_error
from ui.widgets.list_page import ListPage
from ui.widgets.table_model import StaticTableModel
from ui.widgets.operations import run_op


def _method_box() -> QComboBox:
    box = QComboBox()
    for key, label in METHODS.items():
        box.addItem(_(label), key)
    return box


def _give_the_rest_to(page: ListPage, key: str) -> None:
    """The column that takes the width the window has left (the list's longest text: a receipt's
    items, a deposit's payer, a room's owners), instead of the last one (an amount, a source)
    being stretched across half the list."""
    header = page.view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(page.spec.columns.index(page.spec.column(key)), QHeaderView.Stretch)


def refund_paid(parent, refund: Refund) -> None:
    """Tell the clerk the refund is paid (its number and amount), then show its slip to print and sign."""
    where = _(" on receipt {serial}").format(serial=refund.receipt.serial) if refund.receipt_id else ""
    inform(parent, _("Refund {serial}").format(serial=refund.serial),
           _("Refund {serial} paid: {amount} to {payee}{where}. Print the refund slip for {payee} to sign.")
           .format(serial=refund.serial, amount=yuan(refund.amount_fen), payee=refund.payee, where=where))
    print_refund(parent, refund.id)


def print_refund(parent, refund_id: int) -> None:
    from ui.money.printing import preview_refund
    try:
        parent.preview = preview_refund(parent, refund_id)
    except Exception as error:  # noqa: BLE001 - the refund is paid; printing can be retried
        show_error(parent, error)


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
        self.add_action(_("Refund slips…"), self.refunds)
        self.activated.connect(lambda rid: self.reprint())
        _give_the_rest_to(self, "items")

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
        _reason, ok = ask_text(self, _("Void receipt {serial}").format(serial=receipt.serial),
                               _("Why is receipt {serial} ({total}, {payer}) voided?").format(
                                   serial=receipt.serial, total=yuan(receipt.total_fen), payer=receipt.payer),
                               _("Void"), act=lambda text: cashier.void_receipt(self.ctx.actor, receipt.id, text))
        if ok:          # voided by the dialog's button; a refusal was said there, the dialog kept open
            bus.changed("money")

    def refund(self) -> None:
        receipt = self._receipt()
        if receipt:
            self.refund_dialog = RefundDialog(self, self.ctx, receipt, on_paid=lambda refund: refund_paid(self, refund))
            self.refund_dialog.open()

    def refunds(self) -> None:
        """The refunds paid against the chosen receipt, each slip to print again."""
        receipt = self._receipt()
        if not receipt:
            return
        refunds = cashier.refunds_of_receipt(receipt.id)
        if not refunds:
            inform(self, _("Refund slips"), _("No refund was paid against receipt {serial}.").format(
                serial=receipt.serial))
            return
        self.refunds_dialog = RefundsDialog(self, _("Refunds of receipt {serial}").format(serial=receipt.serial),
                                            refunds)
        self.refunds_dialog.open()


class RefundsDialog(QDialog):
    """Refunds paid against a receipt or a deposit: pick one and print its slip again."""

    def __init__(self, parent, title: str, refunds: list[Refund]):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.refunds = refunds
        self.model = StaticTableModel([_("Refund no."), _("Paid on"), _("Paid to"), _("Amount"), _("Method"),
                                       _("Reason"), _("Paid by")])
        self.model.set_rows([[r.serial, r.at.strftime("%Y-%m-%d %H:%M"), r.payee, yuan(r.amount_fen),
                              method_label(r.method), r.reason, r.by] for r in refunds], keys=[r.id for r in refunds])
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.Stretch)
        self.view.selectRow(len(refunds) - 1)            # the latest, the one usually asked for
        self.view.doubleClicked.connect(lambda _index: self.print_selected())
        buttons = QDialogButtonBox()
        self.print_button = buttons.addButton(_("Print the refund slip"), QDialogButtonBox.AcceptRole)
        close = buttons.addButton(_("Close"), QDialogButtonBox.RejectRole)
        self.print_button.clicked.connect(self.print_selected)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(760, 260)

    def print_selected(self) -> None:
        index = self.view.currentIndex()
        refund_id = self.model.key_at(index.row() if index.isValid() else len(self.refunds) - 1)
        if refund_id is not None:
            print_refund(self, refund_id)


class RefundDialog(QDialog):
    def __init__(self, parent, ctx, receipt: Receipt, on_paid: Callable[[Refund], None] | None = None):
        super().__init__(parent)
        self.ctx, self.receipt, self.on_paid = ctx, receipt, on_paid
        self.setWindowTitle(_("Refund on receipt {serial}").format(serial=receipt.serial))
        self.amount = MoneyEdit()
        self.reason = QLineEdit()
        self.method = _method_box()
        self.message = error_label()
        form = QFormLayout()
        form.addRow(_("Receipt"), QLabel(f"{receipt.serial}  {receipt.payer}  {yuan(receipt.total_fen)}"))
        earlier = cashier.refunds_of_receipt(receipt.id)
        if earlier:     # what was paid back already, by number, so the same refund is not paid twice
            self.earlier = QLabel("；".join(f"{yuan(r.amount_fen)}（{r.serial}，{r.at:%Y-%m-%d}）" for r in earlier))
            self.earlier.setWordWrap(True)
            form.addRow(_("Refunded already"), self.earlier)
        form.addRow(_("Can still be refunded"), QLabel(yuan(cashier.refundable_fen(receipt))))
        form.addRow(_("Refund amount"), self.amount)
        form.addRow(_("Reason"), self.reason)
        form.addRow(_("Paid back by"), self.method)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(dialog_buttons(self, self.save, _("Refund")))
        clear_when_edited(self.message, self.amount, self.reason, self.method)

    def save(self) -> None:
        actor, receipt_id, amount, reason, method = (self.ctx.actor, self.receipt.id, self.amount.text(),
                                                     self.reason.text(), self.method.currentData())
        run_op(self, lambda: cashier.refund_receipt(actor, receipt_id, amount, reason, method), changed="money",
               error=self.message, on_done=self._paid)

    def _paid(self, refund) -> None:
        self.accept()
        if self.on_paid is not None:
            self.on_paid(refund)


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
        self.add_action(_("Refund slips…"), self.refunds)
        _give_the_rest_to(self, "payer")

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
            self.refund_dialog = DepositRefundDialog(self, self.ctx, deposit,
                                                     on_paid=lambda refund: refund_paid(self, refund))
            self.refund_dialog.open()

    def refunds(self) -> None:
        deposit = self._deposit()
        if not deposit:
            return
        refunds = cashier.refunds_of_deposit(deposit.id)
        if not refunds:
            inform(self, _("Refund slips"), _("Nothing of this deposit was refunded yet."))
            return
        self.refunds_dialog = RefundsDialog(self, _("Refunds of {item} ({payer})").format(
            item=deposit.item.name, payer=deposit.payer), refunds)
        self.refunds_dialog.open()

    def forfeit(self) -> None:
        deposit = self._deposit()
        if not deposit:
            return
        _reason, ok = ask_text(self, _("Forfeit deposit"), _("Why is {amount} of {item} kept?").format(
            amount=yuan(deposit.held_fen), item=deposit.item.name), _("Forfeit"),
            act=lambda text: deposits.forfeit_deposit(self.ctx.actor, deposit.id, text))
        if ok:
            bus.changed("money")


class DepositRefundDialog(QDialog):
    """Refund a deposit, keeping up to three deductions with their reasons."""

    def __init__(self, parent, ctx, deposit: Deposit, on_paid: Callable[[Refund], None] | None = None):
        super().__init__(parent)
        self.ctx, self.deposit, self.on_paid = ctx, deposit, on_paid
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
        clear_when_edited(self.message, self.amount, self.payee, self.method,
                          *[w for pair in self.deductions for w in pair])

    def _rebalance(self) -> None:
        kept = sum(a.fen() or 0 for a, _r in self.deductions)
        self.amount.set_fen(max(0, self.deposit.held_fen - kept))

    def save(self) -> None:
        kept = [deposits.Deduction(a.text(), r.text()) for a, r in self.deductions if a.text().strip()]
        actor, deposit_id, amount = self.ctx.actor, self.deposit.id, self.amount.text().strip() or 0
        method, payee = self.method.currentData(), self.payee.text()
        run_op(self, lambda: deposits.refund_deposit(actor, deposit_id, amount, kept, method=method, payee=payee),
               changed="money", error=self.message, on_done=self._paid)

    def _paid(self, refund) -> None:
        self.accept()
        if refund is not None and self.on_paid is not None:      # deductions alone pay nothing out
            self.on_paid(refund)


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
        _give_the_rest_to(self, "owners")
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
