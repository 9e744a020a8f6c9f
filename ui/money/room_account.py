"""Money's tab on a room's page: what the room owes, month by month, and its prepaid credit and deposits.

Double-clicking a charge opens the cashier on this room, as the "Take a payment…" button does.
"""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from models.amounts import yuan
from models.i18n import _
from ui.widgets.table_model import StaticTableModel
from ui.widgets.tables import read_only_table


class RoomAccountTab(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.room_id: int | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = StaticTableModel([_("Month"), _("Charge item"), _("Amount due"), _("Paid"), _("Owed"),
                                       _("Due date")], right=(2, 3, 4))
        self.view = read_only_table(self.model)
        self.view.doubleClicked.connect(lambda _index: take_payment(self.ctx, self.room_id))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)

    def show_room(self, room_id: int) -> None:
        import peewee as pw
        from models.money.arrears import arrears_of_room
        from models.money.charging import credit_balance, month_label, open_charges
        from models.money.ledger import Deposit
        self.room_id = room_id
        charges = open_charges(room_id)            # what the cashier lists: this month's too
        overdue = arrears_of_room(room_id)         # what is past its due date
        held = (Deposit.select(pw.fn.COALESCE(pw.fn.SUM(Deposit.held_fen), 0))
                .where((Deposit.room == room_id) & (Deposit.held_fen > 0)).scalar())
        facts = [_("Open: {amount}").format(amount=yuan(sum(c.owed_fen for c in charges)))]
        if overdue.months:
            facts.append(_("{n} months of fees unpaid, since {month}").format(n=overdue.months,
                                                                              month=month_label(overdue.since)))
        facts += [f"{_('Prepaid credit')}：{yuan(credit_balance(room_id))}", f"{_('Deposits held')}：{yuan(held)}"]
        if not charges:
            facts.append(_("Nothing open."))
        self.summary.setText("    ".join(facts))
        self.model.set_rows([[month_label(c.period) if c.period else "", c.item.name, yuan(c.amount_fen),
                              yuan(c.settled_fen), yuan(c.owed_fen), str(c.due_date)] for c in charges])


def take_payment(ctx, room_id: int | None) -> None:
    """The cashier, on this room."""
    page = ctx.window.open_page("cashier")
    if page is not None and room_id is not None:
        page.show_room(room_id)
