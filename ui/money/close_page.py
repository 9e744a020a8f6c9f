"""日结: the clerk closes a day's takings and prints the sheet; finance receives them.

A close takes one day, the oldest still open: the receipts taken and the refunds paid out
that day (models/money/closing.py). The page lists exactly that day, says how many days are
still open after it, and closes them one at a time. Closing cannot be taken back (the money
goes to finance under one number), so the page asks first, with the day, its receipts, its
refunds and the net total it is about to close.
"""
from __future__ import annotations

import peewee as pw
from PySide6.QtWidgets import (QAbstractItemView, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QTableView, QVBoxLayout, QWidget)

from models.errors import DomainError
from models.i18n import _
from models.money import closing
from models.amounts import yuan
from models.money.ledger import METHODS, DailyClose, Refund
from models.money.lists import method_label
from models.users import FINANCE
from models.validation import format_date_cn
from ui.bus import bus
from ui.widgets.messages import confirm, show_error
from ui.widgets.table_model import StaticTableModel
from ui.widgets.operations import run_op


def _table(model, stretch: int) -> QTableView:
    """Columns as wide as what they hold (a number, a day, an amount); column ``stretch``, the
    longest text (按收款方式: 现金 ¥1,200.00  微信 ¥300.00 …), takes the rest of the width."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectRows)
    view.setSelectionMode(QAbstractItemView.SingleSelection)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.Stretch)
    view.setAlternatingRowColors(True)
    return view


def _by_method(totals: dict[str, int]) -> str:
    return "  ".join(f"{_(METHODS.get(m, m))} {yuan(f)}" for m, f in totals.items())


def _days(days) -> str:
    return "、".join(format_date_cn(d) for d in days)


class ClosePage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.day = None            # the day the next close takes
        self.last_close = None     # (serial, day) of the close just made on this page
        self.mine = StaticTableModel([_("Number"), _("Time"), _("Room"), _("Payer / payee"), _("Method"),
                                      _("Amount"), _("Status")])
        self.closes = StaticTableModel([_("Close no."), _("Clerk"), _("Day"), _("Receipts"), _("Refunds"),
                                        _("Amount"), _("By method"), _("Received by finance")])
        self.totals = QLabel()
        self.totals.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.days_note = QLabel()
        self.days_note.setWordWrap(True)
        self.close_button = QPushButton(_("Close my day and print the sheet"))
        self.close_button.clicked.connect(self.close_day)
        self.close_button.setEnabled(ctx.actor.can("money.take"))
        self.confirm_button = QPushButton(_("Money counted: receive this close"))
        self.confirm_button.clicked.connect(self.confirm)
        self.confirm_button.setVisible(ctx.actor.can("money.confirm"))
        reprint = QPushButton(_("Print the selected close"))
        reprint.clicked.connect(self.reprint)
        self.closes_view = _table(self.closes, stretch=6)

        self.mine_box = QGroupBox(_("My receipts not yet closed"))
        mine_layout = QVBoxLayout(self.mine_box)
        mine_layout.addWidget(_table(self.mine, stretch=6))
        mine_layout.addWidget(self.days_note)
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
        layout.addWidget(self.mine_box, 1)
        layout.addWidget(closes_box, 1)
        bus.data_changed.connect(self._changed)

    def _changed(self, _kind) -> None:
        if self.isVisible():
            self.refresh()

    def showEvent(self, event):
        super().showEvent(event)
        self.refresh()

    def _open(self):
        """The open days, and the receipts and refunds of the oldest: what the next close takes."""
        actor = self.ctx.actor
        days = closing.open_days(actor)
        if not days:
            return days, [], []
        receipts = [r for r in closing.open_receipts(actor) if r.taken_at.date() == days[0]]
        refunds = [r for r in closing.open_refunds(actor) if r.at.date() == days[0]]
        return days, receipts, refunds

    def refresh(self) -> None:
        days, receipts, refunds = self._open()
        self.day = days[0] if days else None
        rows = [[r.serial, r.taken_at.strftime("%m-%d %H:%M"), r.room.code if r.room_id else "", r.payer,
                 method_label(r.method), yuan(r.total_fen), _("Voided") if r.voided_at else ""] for r in receipts]
        rows += [[r.serial, r.at.strftime("%m-%d %H:%M"), r.room.code if r.room_id else "", r.payee,
                  method_label(r.method), yuan(-r.amount_fen), _refund_status(r)] for r in refunds]
        self.mine.set_rows(rows)
        if self.day is None:
            self.mine_box.setTitle(_("My receipts not yet closed"))
            self.close_button.setText(_("Close my day and print the sheet"))
        else:
            self.mine_box.setTitle(_("To close next: {day} (receipts taken and refunds paid out that day)").format(
                day=format_date_cn(self.day)))
            self.close_button.setText(_("Close {day} and print the sheet").format(day=format_date_cn(self.day)))
        totals = closing.totals_by_method(receipts, refunds)
        net = sum(totals.values())
        head = _("Net of this close: {total}") if self.ctx.actor.role == FINANCE else _("To hand over: {total}")
        self.totals.setText(head.format(total=yuan(net)) + "    " + _by_method(totals))
        self.days_note.setText(self._days_note(days))
        self._refresh_closes()

    def _days_note(self, days) -> str:
        notes = []
        if self.last_close is not None:
            serial, closed_day = self.last_close
            notes.append(_("{day} is closed ({serial}).").format(day=format_date_cn(closed_day), serial=serial))
            if days:
                notes.append(_("{n} more days are still open; the next, {day}, is listed above: close it the same "
                               "way.").format(n=len(days), day=format_date_cn(days[0])))
        elif len(days) > 1:
            notes.append(_("After this day {n} more days are still open: {days}. Days are closed one at a time, "
                           "the oldest first.").format(n=len(days) - 1, days=_days(days[1:])))
        return " ".join(notes)

    def _refresh_closes(self) -> None:
        recent = list(DailyClose.select().order_by(DailyClose.id.desc()).limit(200))
        refunds = _refund_counts([c.id for c in recent])
        self.closes.set_rows([[c.serial, c.clerk, str(c.day), str(c.receipts), str(refunds.get(c.id, "")),
                               yuan(c.total_fen), _by_method(closing.method_totals(c)),
                               f"{c.confirmed_by} {c.confirmed_at:%m-%d %H:%M}" if c.confirmed_at else _("not yet")]
                              for c in recent], keys=[c.id for c in recent])

    def close_day(self) -> None:
        days, receipts, refunds = self._open()
        # With nothing to close the domain's refusal says so; there is nothing to ask.
        if days:
            question = self._question(days, receipts, refunds, self.ctx.actor.role == FINANCE)
            if not confirm(self, _("Daily close"), question, _("Close the day")):
                return
        # The day asked about, not whatever is oldest by the time the clerk answers.
        actor, day = self.ctx.actor, days[0] if days else None
        run_op(self, lambda: closing.close_day(actor, day), changed="money", on_done=self._closed)

    def _closed(self, close) -> None:
        self.last_close = (close.serial, close.day)
        self._print(close.id)

    @staticmethod
    def _question(days, receipts, refunds, finance: bool = False) -> str:
        total = yuan(sum(closing.totals_by_method(receipts, refunds).values()))
        voided = sum(1 for r in receipts if r.voided_at)
        lines = [_("Close {day} now?").format(day=format_date_cn(days[0]))]
        if voided:
            lines.append(_("Receipts: {n} ({voided} of them voided, not counted).").format(n=len(receipts),
                                                                                          voided=voided))
        else:
            lines.append(_("Receipts: {n}.").format(n=len(receipts)))
        if refunds:
            lines.append(_("Refunds paid out: {n}, {total}, taken off the total.").format(
                n=len(refunds), total=yuan(sum(r.amount_fen for r in refunds))))
        if finance:
            lines.append(_("Net {total}, on your own daily close, received as it is made; this cannot be undone.")
                         .format(total=total))
        else:
            lines.append(_("Net {total}, to finance under one daily close; this cannot be undone.").format(total=total))
        if len(days) > 1:
            lines.append(_("{n} more days are still open after it: {days}.").format(n=len(days) - 1,
                                                                                   days=_days(days[1:])))
        return "\n".join(lines)

    def _selected(self):
        index = self.closes_view.currentIndex()
        return self.closes.key_at(index.row()) if index.isValid() else None

    def confirm(self) -> None:
        close_id = self._selected()
        if close_id is None:
            show_error(self, DomainError(_("Choose a daily close in the list first.")))
            return
        run_op(self, lambda: closing.confirm_close(self.ctx.actor, close_id), changed="money")

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


def _refund_status(refund: Refund) -> str:
    if refund.receipt_id is None:
        return _("Refund")
    return _("Refund of receipt {serial}").format(serial=refund.receipt.serial)


def _refund_counts(close_ids: list[int]) -> dict[int, int]:
    """How many refunds each close counts (a finance close may have refunds and no receipts)."""
    if not close_ids:
        return {}
    return dict(Refund.select(Refund.close, pw.fn.COUNT(Refund.id)).where(Refund.close.in_(close_ids))
                .group_by(Refund.close).tuples())
