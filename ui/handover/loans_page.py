"""钥匙借用记录: every key loan (the "keyloans" list), found by its number (JY2026-…), the key's tag or hook,
the room, the borrower; the drop-down shows the keys still out, those overdue, those returned, the lost
ones, or all. A loan overdue is in red. The chosen loan's slip (钥匙借用单) prints again; its key opens in
the cabinet. A double-click prints the slip.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from models.errors import InvalidInput
from models.handover.lists import LOAN_LOST, LOAN_OVERDUE, LOAN_RETURNED, loan_text
from models.i18n import _, label_table
from models.listing import get_list
from models.users import revealed
from ui.handover.cabinet_model import EnterOpens, add_shown
from ui.handover.cabinet_print import preview_loan_slip
from ui.widgets.chosen_row import ChosenRow
from ui.widgets.fitted_columns import FittedColumns
from ui.widgets.list_page import ListPage
from ui.widgets.messages import show_error
from ui.widgets.table_model import ListModel

RED, GREY = "#c9302c", "#8a9099"
SHOWN = label_table("handover.loans_shown", {
    "": "All loans", "open": "Keys still out", "overdue": "Loans overdue", "returned": "Loans returned",
    "lost": "Lost"})
FILTERS = {"": {}, "open": {"open": True}, "overdue": {"state": LOAN_OVERDUE}, "returned": {"state": LOAN_RETURNED},
           "lost": {"state": LOAN_LOST}}


class LoanModel(ListModel):
    """The loans, an overdue one in red, a lost one in grey."""

    def _state(self, row: int):
        values = self._row_values(row)
        return values[[c.key for c in self.columns].index("state")] if values is not None else None

    def data(self, index, role=Qt.DisplayRole):
        if index.isValid() and role == Qt.ForegroundRole:
            state = self._state(index.row())
            if state == LOAN_OVERDUE:
                return QBrush(QColor(RED))
            if state == LOAN_LOST:
                return QBrush(QColor(GREY))
        return super().data(index, role)


class LoansPage(FittedColumns, ChosenRow, ListPage):
    HIDDEN = ("tag", "borrower_kind", "phone", "received_by", "lent_by", "late")     # in the export
    WHOLE = {"serial": "JY2026-000034", "hook": "A-012", "state": "逾期未还", "opens": "入户门 3-12-2801"}
    GROW = "purpose"

    def __init__(self, ctx):
        super().__init__(ctx, get_list("keyloans"), kinds=("keys",))
        self.model = LoanModel(self.spec, reveal=revealed(ctx.actor), parent=self)
        self.view.setModel(self.model)
        self.search.setPlaceholderText(_("Loan no., tag, hook, room or borrower"))
        self.shown = add_shown(self, SHOWN, FILTERS)
        self.print_button = self.add_action(_("Print the loan slip…"), self.print_chosen)
        self.key_button = self.add_action(_("Open the key in the cabinet"), self.open_key)
        self.activated.connect(lambda _loan_id: self.print_chosen())
        EnterOpens(self)
        self.settle_columns()

    def _chosen_values(self, *keys: str) -> tuple | None:
        chosen = self.current_id()
        if chosen is None:
            show_error(self, InvalidInput(_("Choose a loan in the list first.")), _("Key loans"))
            return None
        return self.spec.fetch([chosen], keys=list(keys)).get(chosen)

    def print_chosen(self) -> None:
        values = self._chosen_values("serial")
        if values is not None:
            preview_loan_slip(self, loan_text(values[0]))

    def open_key(self) -> None:
        values = self._chosen_values("tag")
        if values is None:
            return
        from models.handover.keys import find_key
        from ui.handover.cabinet_page import open_key
        open_key(self.ctx, find_key(values[0]).id)

    def show_key(self, tag: str) -> None:
        """Every loan of one key (its tag in the search), whatever its state."""
        self.shown.setCurrentIndex(self.shown.findData(""))
        self.search.setText(tag)
        self._apply_text()

    def show_loan(self, loan_id: int) -> None:
        """The loan chosen in the list (the filters cleared when they hide it), scrolled into view."""
        if self._stale:
            self.refresh()
        if loan_id not in self.model.ids():
            self.search.clear()
            self._apply_text()
            self.shown.setCurrentIndex(self.shown.findData(""))
        self.show_id(loan_id)


def open_loan(ctx, loan_id: int) -> None:
    """The key loans with this loan chosen (a timeline line, a search hit)."""
    page = ctx.window.open_page("key_loans", come_back=True)
    if page is not None:
        page.show_loan(loan_id)
