"""The first start's short set-up: who the office is, and what it charges.

Skipping it leaves the office clearly marked as not set up: forms print
"（未设置管理处名称）" as their letterhead and the window says so at the top,
until the set-up or the settings page is completed.
"""
from __future__ import annotations

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QMessageBox, QVBoxLayout, QWidget)

from models import settings
from models.i18n import _
from models.money import setup as money_setup
from ui.widgets.forms import error_label
from ui.widgets.operations import run_op


def typed_amount(rate: str) -> str:
    """A starting rate as amounts are typed at the desk: 2000.00 and 60.00 (never 2000.0), 2.50 for
    an area rate; a rate set finer than the fen keeps its decimals (2.375)."""
    whole, _dot, decimals = rate.partition(".")
    return f"{whole}.{decimals.ljust(2, '0')}"


class OfficeSetupDialog(QDialog):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("office_setup")
        self.setWindowTitle(_("Set up the office"))
        intro = QLabel(_("Name the office as it should appear at the top of every receipt, notice and slip, and "
                         "check the fee rates. Everything here can be changed later in the settings."))
        intro.setWordWrap(True)

        self.office = {key: QLineEdit(str(settings.get(key))) for key in settings.OFFICE_KEYS}
        office_form = QFormLayout()
        for key, edit in self.office.items():
            edit.setPlaceholderText(_(settings.REGISTRY[key].description))
            office_form.addRow(_(settings.REGISTRY[key].label) + (" *" if key == "office.name" else ""), edit)
        office_box = QGroupBox(_("The office"))
        office_box.setLayout(office_form)

        self.rates: dict[tuple[str, str], QLineEdit] = {}
        rates_form = QFormLayout()
        for rate in money_setup.starting_rates():
            edit = QLineEdit(typed_amount(rate.amount))
            edit.setMaximumWidth(120)
            row = QHBoxLayout()
            row.addWidget(edit)
            row.addWidget(QLabel(rate.unit))
            row.addStretch(1)
            holder = QWidget()
            holder.setLayout(row)
            row.setContentsMargins(0, 0, 0, 0)
            rates_form.addRow(rate.label, holder)
            self.rates[(rate.code, rate.use)] = edit
        rates_box = QGroupBox(_("Fee rates and deposits"))
        rates_box.setLayout(rates_form)
        rates_box.setEnabled(money_setup.can_set_starting_rates() and ctx.actor.can("money.rates"))
        self.rates_box = rates_box

        self.message = error_label()
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(_("Save and start"), QDialogButtonBox.AcceptRole)
        self.later_button = buttons.addButton(_("Later"), QDialogButtonBox.RejectRole)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.later_button.clicked.connect(self.reject)

        columns = QHBoxLayout()
        columns.addWidget(office_box, 1)
        columns.addWidget(rates_box, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(columns)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.office["office.name"].setFocus()
        self.setMinimumWidth(860)

    def save(self) -> None:
        office = {key: edit.text() for key, edit in self.office.items()}
        rates = {key: edit.text() for key, edit in self.rates.items()} if self.rates_box.isEnabled() else None
        run_op(self, lambda: money_setup.set_up_office(self.ctx.actor, office, rates), changed="settings",
               error=self.message, on_done=lambda _r: self.accept())


def first_steps_note(parent) -> None:
    """What the administrator does next, and why the administrator's account takes no money."""
    box = QMessageBox(QMessageBox.Information, _("Next: the office's accounts"),
                      _("Create an account for each person at the desk on the Users page: clerks, the supervisors, "
                        "finance and the director.\n\nThe administrator's account manages the program; it does not "
                        "take money, so the cashier is not in its menu. Every receipt and every daily close carries "
                        "the name of the person who took the money, and finance receives the takings from them."),
                      QMessageBox.Ok, parent)
    box.exec()
