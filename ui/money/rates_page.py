"""Charge items and their rates (history kept), and raising a month's charges."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QFormLayout, QHBoxLayout, QHeaderView,
                               QPushButton, QTableView, QVBoxLayout, QWidget)

from models.records.estate import ROOM_USES, use_label
from models.i18n import _
from models.money import charging, rates
from models.amounts import format_rate, unit_fee, yuan
from models.money.ledger import AREA_MONTHLY, UNIT_MONTHLY, ChargeItem, Rate
from models.money.rates import SINCE_EVER
from ui.bus import bus
from ui.widgets.messages import ask_text, clear_when_edited, inform
from ui.widgets.editors import DateEdit
from ui.widgets.forms import dialog_buttons, error_label
from ui.widgets.runner import run_in_background
from ui.widgets.table_model import StaticTableModel
from ui.widgets.operations import run_op

KINDS = {AREA_MONTHLY: "Per m² per month", UNIT_MONTHLY: "Per month", "fixed": "One-off fee", "deposit": "Deposit"}


def rate_text(rate: int, kind: str, unit: str) -> str:
    """A rate as the office reads it: 2.50 元/㎡·月 for a fee by area (a rate, up to 4 decimals,
    never fewer than 2); ¥2,000.00/户 or ¥60.00/月 for a sum per unit (money)."""
    if kind == AREA_MONTHLY:
        whole, _dot, decimals = format_rate(rate).partition(".")
        return f"{whole}.{decimals.ljust(2, '0')} {unit}".strip()
    per = unit[1:] if unit.startswith("元") else f" {unit}" if unit else ""
    # A sum per unit is money to the fen; a rate set finer than that (0.125) is shown as set.
    money = yuan(unit_fee(rate)) if rate % 100 == 0 else f"¥{format_rate(rate)}"
    return f"{money}{per}"


def effective_text(effective_from: dt.date) -> str:
    """The day a rate took effect; the office's starting rates (stored from ``SINCE_EVER``, before
    anything was charged) have no such day and say what they are."""
    return _("Starting rate") if effective_from == SINCE_EVER else str(effective_from)


class RatesModel(StaticTableModel):
    """The rates table: the rate column is a figure, right-aligned as money is."""
    RATE_COLUMN = 3

    def data(self, index, role=Qt.DisplayRole):
        if index.isValid() and role == Qt.TextAlignmentRole and index.column() == self.RATE_COLUMN:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return super().data(index, role)


class RateDialog(QDialog):
    def __init__(self, parent, ctx):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("New rate"))
        self.item = QComboBox()
        for it in rates.items():
            self.item.addItem(f"{it.name}（{it.unit}）", it.code)
        self.use = QComboBox()
        self.use.addItem(_("Every use"), "")
        for key, label in ROOM_USES.items():
            self.use.addItem(_(label), key)
        from PySide6.QtWidgets import QLineEdit
        self.amount = QLineEdit(placeholderText=_("e.g. 2.50"))
        today = dt.date.today()
        self.effective = DateEdit((today.replace(day=28) + dt.timedelta(days=4)).replace(day=1))
        self.message = error_label()
        form = QFormLayout()
        form.addRow(_("Charge item"), self.item)
        form.addRow(_("Room use"), self.use)
        form.addRow(_("Rate (yuan)"), self.amount)
        form.addRow(_("Takes effect on"), self.effective)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(dialog_buttons(self, self.save))
        clear_when_edited(self.message, self.item, self.use, self.amount, self.effective)

    def save(self) -> None:
        actor, item, use, amount, since = (self.ctx.actor, self.item.currentData(), self.use.currentData(),
                                           self.amount.text(), self.effective.value())
        run_op(self, lambda: rates.set_rate(actor, item, use, amount, since), changed="money", error=self.message,
               on_done=lambda _rate: self.accept())


class RatesPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.model = RatesModel([_("Charge item"), _("Kind"), _("Room use"), _("Rate"), _("Takes effect on"),
                                 _("Set by")])
        view = QTableView()
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectRows)
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        row = QHBoxLayout()
        new_rate = QPushButton(_("New rate…"))
        new_rate.clicked.connect(lambda: RateDialog(self, ctx).open())
        new_rate.setEnabled(ctx.actor.can("money.rates"))
        raise_month = QPushButton(_("Raise a month's charges…"))
        raise_month.clicked.connect(self.raise_month)
        raise_month.setEnabled(ctx.actor.can("money.charge"))
        row.addWidget(new_rate)
        row.addWidget(raise_month)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(view)
        bus.data_changed.connect(self._changed)
        self.refresh()

    def _changed(self, _kind) -> None:
        self.refresh()

    def refresh(self) -> None:
        rows = (Rate.select(Rate, ChargeItem).join(ChargeItem)
                .order_by(ChargeItem.sort_order, Rate.use, Rate.effective_from.desc()))
        self.model.set_rows([[r.item.name, _(KINDS.get(r.item.kind, r.item.kind)),
                              use_label(r.use) if r.use else _("Every use"),
                              rate_text(r.amount, r.item.kind, r.item.unit), effective_text(r.effective_from),
                              r.created_by]
                             for r in rows])

    def raise_month(self) -> None:
        month = dt.date.today().replace(day=1)
        text, ok = ask_text(self, _("Raise a month's charges"), _("Month (e.g. {month}):").format(
            month=f"{month:%Y-%m}"), _("Raise the charges"), text=f"{month:%Y-%m}")
        if not ok:
            return
        actor = self.ctx.actor

        def done(run):
            bus.changed("money")
            inform(self, _("Raise a month's charges"), _("{lines} charges for {rooms} rooms, {total}.")
                   .format(lines=run.lines, rooms=run.rooms, total=yuan(run.total_fen)))

        run_in_background(self, _("Raising charges"), lambda progress: charging.generate_month(actor, text, progress),
                          on_done=done)
