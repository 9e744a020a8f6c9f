"""The fees of an application seen before they are taken (seed 004 场景二): the renovation deposit, each
worker's pass fee and pass deposit, the garbage removal fee, at the office's rates, on one receipt of
the money part; who pays and how, as the cashier asks it; and whether they are taken now (the owner
may pay later, before the works start).
"""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout

from models.amounts import capital, yuan
from models.i18n import _
from models.money.ledger import METHODS
from models.money.preferences import default_method
from models.renovation.applying import FeePayment, fee_lines
from ui.widgets.tables import read_only_table
from ui.widgets.table_model import StaticTableModel


class FeesBox(QGroupBox):
    def __init__(self, ctx, title: str | None = None, *, deposit: bool = True, parent=None):
        super().__init__(title or _("Fees (one receipt)"), parent)
        self.ctx, self.deposit = ctx, deposit
        self.lines = StaticTableModel([_("Item"), _("Quantity"), _("Amount")], right=(1, 2))
        self.view = read_only_table(self.lines)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.total = QLabel()
        self.total.setWordWrap(True)
        self.payer = QComboBox()
        self.payer.setEditable(True)
        self.payer.setMinimumContentsLength(8)
        self.method = QComboBox()
        for key, label in METHODS.items():
            self.method.addItem(_(label), key)
        self.method.setCurrentIndex(max(0, self.method.findData(default_method())))
        may_take = ctx.actor.can("money.take")
        self.take_now = QCheckBox(_("Take the fees now"))
        self.take_now.setChecked(may_take)
        self.take_now.setEnabled(may_take)
        self.take_now.setToolTip(_("Untick when the owner pays later: the works cannot start before the fees are taken")
                                 if may_take else _("Only who may take payments takes the fees."))
        self.take_now.toggled.connect(self._ticked)
        who = QHBoxLayout()
        who.addWidget(self.payer, 1)
        who.addWidget(QLabel(_("Method")))
        who.addWidget(self.method)
        form = QFormLayout()
        form.addRow(_("Payer"), who)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(self.total)
        layout.addLayout(form)
        layout.addWidget(self.take_now)
        self.workers = 0
        self.set_workers(0)

    def set_workers(self, count: int) -> None:
        """The fees for ``count`` workers, at today's rates."""
        self.workers = count
        lines = fee_lines(count, deposit=self.deposit)
        self.lines.set_rows([[name, str(quantity), yuan(amount)] for _code, name, quantity, amount in lines])
        self.view.setFixedHeight(24 * max(2, len(lines)) + self.view.horizontalHeader().sizeHint().height() + 4)
        total = sum(amount for *_rest, amount in lines)
        self.total.setText(_("Total {amount}  ({capital})").format(amount=yuan(total), capital=capital(total))
                           if total else _("No fees: no worker yet, or no rates set."))
        self.total.setStyleSheet("font-size: 16px; font-weight: bold; color: #1f4e79;" if total else "color: #888;")

    def set_payers(self, names: list[str]) -> None:
        """Who may pay, the first offered first (the agent, when one applies); a name the clerk typed stays."""
        current = self.payer.currentText()
        typed = bool(current) and current not in [self.payer.itemText(i) for i in range(self.payer.count())]
        self.payer.clear()
        self.payer.addItems([n for n in dict.fromkeys(names) if n])
        if typed:
            self.payer.setCurrentText(current)

    def _ticked(self, on: bool) -> None:
        for widget in (self.payer, self.method):
            widget.setEnabled(on)

    def payment(self) -> FeePayment | None:
        """What the operation takes: None when the fees are left for later."""
        if not self.take_now.isChecked():
            return None
        return FeePayment(self.payer.currentText(), self.method.currentData())

    def reset(self) -> None:
        self.method.setCurrentIndex(max(0, self.method.findData(default_method())))
        self.take_now.setChecked(self.ctx.actor.can("money.take"))
