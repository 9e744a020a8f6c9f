"""日结: the clerk closes the day's takings and prints the sheet; finance receives them.

Closing cannot be taken back (the receipts go to finance under one number), so the page asks
first, saying how many receipts and what total it is about to close.
"""
from __future__ import annotations

from PySide6.QtWidgets import (QAbstractItemView, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QTableView, QVBoxLayout, QWidget)

from models.errors import DomainError
from models.i18n import _
from models.money import closing
from models.money.amounts import yuan
from models.money.ledger import METHODS, DailyClose
from models.money.lists import method_label
from ui.bus import bus
from ui.money.messages import confirm, show_error
from ui.widgets.table_model import StaticTableModel


def _table(model) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectRows)
    view.setSelectionMode(QAbstractItemView.SingleSelection)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
    view.setAlternatingRowColors(True)
    return view


class ClosePage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.mine = StaticTableModel([_("Receipt no."), _("Received at"), _("Room"), _("Payer"), _("Method"),
                                      _("Amount"), _("Status")])
        self.closes = StaticTableModel([_("Close no."), _("Clerk"), _("Day"), _("Receipts"), _("Amount"),
                                        _("By method"), _("Received by finance")])
        self.totals = QLabel()
        self.totals.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.close_button = QPushButton(_("Close my day and print the sheet"))
        self.close_button.clicked.connect(self.close_day)
        self.close_button.setEnabled(ctx.actor.can("money.take"))
        self.confirm_button = QPushButton(_("Money counted: receive this close"))
        self.confirm_button.clicked.connect(self.confirm)
        self.confirm_button.setVisible(ctx.actor.can("money.confirm"))
        reprint = QPushButton(_("Print the selected close"))
        reprint.clicked.connect(self.reprint)
        self.closes_view = _table(self.closes)

        mine_box = QGroupBox(_("My receipts not yet closed"))
        mine_layout = QVBoxLayout(mine_box)
        mine_layout.addWidget(_table(self.mine))
        row = QHBoxLayout()
        row.addWidget(self.totals, 1)
        row.addWidget(self.close_button)
        mine_layout.addLayout(row)
        closes_box = QGroupBox(_("Daily closes"))
        closes_layout = QVBoxLayout(closes_box)
        closes_layout.addWidget(self.closes_view)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(reprint)
        row.addWidget(self.confirm_button)
        closes_layout.addLayout(row)
        layout = QVBoxLayout(self)
        layout.addWidget(mine_box, 1)
        layout.addWidget(closes_box, 1)
        bus.data_changed.connect(self._changed)

    def _changed(self, _kind) -> None:
        if self.isVisible():
            self.refresh()

    def showEvent(self, event):
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        receipts = closing.open_receipts(self.ctx.actor)
        self.mine.set_rows([[r.serial, r.taken_at.strftime("%m-%d %H:%M"), r.room.code if r.room_id else "", r.payer,
                             method_label(r.method), yuan(r.total_fen), _("Voided") if r.voided_at else ""]
                            for r in receipts])
        totals = closing.totals_by_method(receipts)
        self.totals.setText(_("To hand over: {total}").format(total=yuan(sum(totals.values()))) + "    " +
                            "  ".join(f"{_(METHODS[m])} {yuan(f)}" for m, f in totals.items()))
        recent = list(DailyClose.select().order_by(DailyClose.id.desc()).limit(200))
        self.closes.set_rows([[c.serial, c.clerk, str(c.day), str(c.receipts), yuan(c.total_fen),
                               "  ".join(f"{_(METHODS[m])} {yuan(f)}" for m, f in closing.method_totals(c).items()),
                               f"{c.confirmed_by} {c.confirmed_at:%m-%d %H:%M}" if c.confirmed_at else _("not yet")]
                              for c in recent], keys=[c.id for c in recent])

    def close_day(self) -> None:
        receipts = closing.open_receipts(self.ctx.actor)
        # With nothing to close the domain's refusal says so; there is nothing to ask.
        if receipts and not confirm(self, _("Daily close"), self._question(receipts), _("Close the day")):
            return
        try:
            close = closing.close_day(self.ctx.actor)
        except DomainError as error:
            show_error(self, error)
            return
        bus.changed("money")
        self._print(close.id)

    @staticmethod
    def _question(receipts) -> str:
        total = yuan(sum(closing.totals_by_method(receipts).values()))
        voided = sum(1 for r in receipts if r.voided_at)
        if voided:
            return _("Close your day now? {n} receipts ({voided} of them voided, not counted), {total} in all, "
                     "go to finance under one daily close; this cannot be undone.").format(
                n=len(receipts), voided=voided, total=total)
        return _("Close your day now? {n} receipts, {total} in all, go to finance under one daily close; "
                 "this cannot be undone.").format(n=len(receipts), total=total)

    def _selected(self):
        index = self.closes_view.currentIndex()
        return self.closes.key_at(index.row()) if index.isValid() else None

    def confirm(self) -> None:
        close_id = self._selected()
        if close_id is None:
            show_error(self, DomainError(_("Choose a daily close in the list first.")))
            return
        try:
            closing.confirm_close(self.ctx.actor, close_id)
        except DomainError as error:
            show_error(self, error)
            return
        bus.changed("money")

    def reprint(self) -> None:
        close_id = self._selected()
        if close_id is not None:
            self._print(close_id)

    def _print(self, close_id: int) -> None:
        from ui.money.printing import preview_close
        try:
            self.preview = preview_close(self, close_id)
        except Exception as error:  # noqa: BLE001
            show_error(self, error)
