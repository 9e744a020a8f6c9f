"""Charge items and their rates (history kept), and raising a month's charges."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QFormLayout, QHBoxLayout, QHeaderView,
                               QInputDialog, QMessageBox, QPushButton, QTableView, QVBoxLayout, QWidget)

from models.errors import DomainError
from models.estate import ROOM_USES, use_label
from models.i18n import _
from models.money import charging, rates
from models.money.amounts import format_rate, yuan
from models.money.ledger import AREA_MONTHLY, UNIT_MONTHLY, ChargeItem, Rate
from ui.bus import bus
from ui.widgets.editors import DateEdit
from ui.widgets.forms import dialog_buttons, error_label
from ui.widgets.runner import run_in_background
from ui.widgets.table_model import StaticTableModel

KINDS = {AREA_MONTHLY: "Per m² per month", UNIT_MONTHLY: "Per month", "fixed": "One-off fee", "deposit": "Deposit"}


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

    def save(self) -> None:
        try:
            rates.set_rate(self.ctx.actor, self.item.currentData(), self.use.currentData(), self.amount.text(),
                           self.effective.value())
        except DomainError as error:
            self.message.setText(str(error))
            return
        bus.changed("money")
        self.accept()


class RatesPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.model = StaticTableModel([_("Charge item"), _("Kind"), _("Room use"), _("Rate"), _("Unit"),
                                       _("Takes effect on"), _("Set by")])
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
                              use_label(r.use) if r.use else _("Every use"), format_rate(r.amount), r.item.unit,
                              str(r.effective_from), r.created_by] for r in rows])

    def raise_month(self) -> None:
        month = dt.date.today().replace(day=1)
        text, ok = QInputDialog.getText(self, _("Raise a month's charges"),
                                        _("Month (e.g. {month}):").format(month=f"{month:%Y-%m}"), text=f"{month:%Y-%m}")
        if not ok:
            return
        actor = self.ctx.actor

        def done(run):
            bus.changed("money")
            QMessageBox.information(self, _("Raise a month's charges"), _("{lines} charges for {rooms} rooms, {total}.")
                                    .format(lines=run.lines, rooms=run.rooms, total=yuan(run.total_fen)))

        run_in_background(self, _("Raising charges"), lambda progress: charging.generate_month(actor, text, progress),
                          on_done=done)
