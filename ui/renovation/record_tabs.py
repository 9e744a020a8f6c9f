"""The tabs of a renovation's page: the workers and their passes (with what is done to a pass), the
inspections and rectification notices of it (read here; recorded from the inspection dialog), and the
money: the fees' receipt, the deposits held, what the acceptance deducted and what was refunded.
"""
from __future__ import annotations

import importlib.util

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget
from PySide6.QtCore import Qt

from models.amounts import yuan
from models.i18n import _
from models.money.cashier import refunds_of_deposit
from models.money.ledger import METHODS
from models.renovation.settling import unreturned
from models.renovation.works import (ACCEPTED, COMPLETION, INSPECTION_KINDS, NOTICE_STATES, ON_SITE, REJECTED,
                                     SETTLED)
from ui.renovation import record_actions as acts
from ui.renovation.passes_table import PassesModel, passes_view
from ui.widgets.table_model import StaticTableModel
from ui.widgets.tables import read_only_table


class PassesTab(QWidget):
    def __init__(self, page):
        super().__init__()
        self.page = page
        self.model = PassesModel(page.ctx.actor, self)
        self.view = passes_view(self.model)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._chosen())
        self.unreturned = QLabel()
        self.unreturned.setWordWrap(True)
        self.unreturned.setStyleSheet("color: #8a6d3b;")
        self.buttons = {}
        row = QHBoxLayout()
        for key, text, tip, handler in (
                ("return", _("Pass returned"), _("The chosen passes were handed back: they no longer open the gate"),
                 acts.return_passes),
                ("refund", _("Refund the deposits…"), _("Give back the deposits of the chosen returned passes"),
                 acts.refund_passes),
                ("lost", _("Write off as lost…"), _("A pass not handed back: its deposit is kept"), acts.write_off),
                ("add", _("Add workers…"), _("More workers join the works: a pass each, with their fees"),
                 acts.add_workers)):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(lambda _c=False, h=handler: h(page))
            row.addWidget(button)
            self.buttons[key] = button
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.unreturned)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)

    def load(self, renovation) -> None:
        self.model.load(list(renovation.workers), renovation.state)
        actor = self.page.ctx.actor
        self.buttons["return"].setVisible(actor.can("renovation.apply"))
        self.buttons["add"].setVisible(actor.can("renovation.apply") and renovation.state in acts.WORKERS_STATES)
        for key in ("refund", "lost"):
            self.buttons[key].setVisible(actor.can("renovation.settle"))
        out = unreturned(renovation) if renovation.state in (COMPLETION, ACCEPTED, REJECTED, SETTLED) else []
        self.unreturned.setText(_("Passes not handed back: {passes}").format(
            passes="、".join(f"{w.pass_number} {w.name}" for w in out)) if out else "")
        self.unreturned.setVisible(bool(out))
        self._chosen()

    def chosen(self) -> list:
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        return [self.model.worker_at(row) for row in rows if self.model.worker_at(row) is not None]

    def _chosen(self) -> None:
        chosen = self.chosen()
        self.buttons["return"].setEnabled(any(w.returned_at is None and not w.lost for w in chosen))
        self.buttons["refund"].setEnabled(any(w.returned_at is not None and w.refunded_at is None for w in chosen))
        self.buttons["lost"].setEnabled(len(chosen) == 1 and chosen[0].returned_at is None and not chosen[0].lost)


class InspectionsTab(QWidget):
    def __init__(self, page):
        super().__init__()
        self.page = page
        self.inspections = StaticTableModel([_("When"), _("Inspector"), _("Kind"), _("Result"), _("Findings")])
        self.notices = StaticTableModel([_("Notice no."), _("Issued"), _("Deadline"), _("State"), _("Finding"),
                                         _("What must be done")])
        self.notice_view = read_only_table(self.notices, single_selection=True)
        self.notice_view.doubleClicked.connect(lambda index: self._print_notice(index.row()))
        split = QSplitter(Qt.Vertical)
        split.addWidget(read_only_table(self.inspections, single_selection=True))
        split.addWidget(self.notice_view)
        self.record_button = QPushButton(_("Inspection record…"))
        self.record_button.clicked.connect(lambda: acts.record_inspection(page))
        self.record_button.setVisible(page.ctx.actor.can("renovation.inspect")
                                      and importlib.util.find_spec("ui.renovation.inspect_dialog") is not None)
        self.print_button = QPushButton(_("Print the notice"))
        self.print_button.clicked.connect(lambda: self._print_notice(self.notice_view.currentIndex().row()))
        row = QHBoxLayout()
        row.addWidget(self.record_button)
        row.addWidget(self.print_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(row)

    def load(self, renovation) -> None:
        rows = sorted(renovation.inspections, key=lambda i: i.at, reverse=True)
        self.inspections.set_rows([[f"{i.at:%Y-%m-%d %H:%M}", i.inspector, _(INSPECTION_KINDS.get(i.kind, i.kind)),
                                    _("Passed") if i.passed else _("Found wrong"), i.findings] for i in rows])
        notices = sorted(renovation.notices, key=lambda n: (n.year, n.number), reverse=True)
        self.notices.set_rows([[n.serial, f"{n.issued_at:%Y-%m-%d}", str(n.deadline), _notice_state(n), n.finding,
                                n.required] for n in notices], keys=[n.id for n in notices])
        self.record_button.setEnabled(renovation.state in ON_SITE)
        self.print_button.setEnabled(bool(notices))

    def _print_notice(self, row: int) -> None:
        row = row if row >= 0 else 0
        if row < self.notices.rowCount():
            acts.print_notice(self.page, self.notices.rows[row][0])


def _notice_state(notice) -> str:
    shown = notice.shown_state()
    return _("Overdue") if shown == "overdue" else _(NOTICE_STATES.get(shown, shown))


class MoneyTab(QWidget):
    def __init__(self, page):
        super().__init__()
        self.page = page
        self.receipt = QLabel()
        self.deposit = QLabel()
        self.pass_deposit = QLabel()
        for label in (self.receipt, self.deposit, self.pass_deposit):
            label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.deductions = StaticTableModel([_("Amount"), _("Reason"), _("By"), _("At")], right=(0,))
        self.refunds = StaticTableModel([_("Refund no."), _("Amount"), _("Paid to"), _("Method"), _("At"),
                                         _("Reason")], right=(1,))
        grid = QGridLayout()
        grid.addWidget(QLabel(_("Fees' receipt")), 0, 0)
        grid.addWidget(self.receipt, 0, 1)
        grid.addWidget(QLabel(_("Renovation deposit")), 1, 0)
        grid.addWidget(self.deposit, 1, 1)
        grid.addWidget(QLabel(_("Pass deposits")), 2, 0)
        grid.addWidget(self.pass_deposit, 2, 1)
        grid.setColumnStretch(1, 1)
        tables = QHBoxLayout()
        for title, model in ((_("Deductions at acceptance"), self.deductions), (_("Refunds"), self.refunds)):
            column = QVBoxLayout()
            column.addWidget(QLabel(title))
            column.addWidget(read_only_table(model), 1)
            tables.addLayout(column, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(tables, 1)

    def load(self, renovation) -> None:
        receipt = renovation.receipt
        self.receipt.setText(_("{number}, {total}, paid by {payer} on {day}").format(
            number=receipt.serial, total=yuan(receipt.total_fen), payer=receipt.payer, day=f"{receipt.taken_at:%Y-%m-%d}")
            if receipt is not None else _("not taken yet"))
        self.deposit.setText(_held(renovation.deposit))
        workers = list(renovation.workers)
        deposits = {w.deposit for w in workers if w.deposit_id is not None}
        self.pass_deposit.setText("；".join(_held(d) for d in sorted(deposits, key=lambda d: d.id)) or "—")
        self.deductions.set_rows([[yuan(d.amount_fen), d.reason, d.added_by, f"{d.added_at:%Y-%m-%d}"]
                                  for d in renovation.deductions])
        refunds, seen = [], set()
        for deposit in [renovation.deposit, *sorted(deposits, key=lambda d: d.id)]:
            for refund in refunds_of_deposit(deposit.id) if deposit is not None else []:
                if refund.id not in seen:
                    seen.add(refund.id)
                    refunds.append(refund)
        self.refunds.set_rows([[r.serial, yuan(r.amount_fen), r.payee, _(METHODS.get(r.method, r.method)),
                                f"{r.at:%Y-%m-%d %H:%M}", r.reason] for r in refunds])


def _held(deposit) -> str:
    if deposit is None:
        return "—"
    return _("{held} held of {amount} taken").format(held=yuan(deposit.held_fen), amount=yuan(deposit.amount_fen))
