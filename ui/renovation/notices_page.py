"""整改通知书登记: every rectification notice and its follow-up (seed 000 §4.3.6).

Overdue notices (open past their deadline) are in red; the filter picks open, overdue, rectified
or escalated ones. On the chosen notice: 复查 (re-inspect: done or not, with findings and photos),
签收 (who signed the kept part), print it again, open its renovation. A double-click prints.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from models.errors import InvalidInput
from models.i18n import _
from models.listing import get_list
from models.renovation import inspections
from models.renovation.lists import NOTICE_SHOWN
from models.renovation.works import NOTICE_DONE, NOTICE_OVERDUE, RectificationNotice
from models.users import revealed
from ui.bus import bus
from ui.modules import OPENERS, open_record
from ui.renovation.notice_dialog import print_notice
from ui.renovation.notice_recheck import recheck_notice
from ui.widgets.chosen_row import ChosenRow
from ui.widgets.fitted_columns import FittedColumns
from ui.widgets.list_page import ListPage
from ui.widgets.messages import ask_text, show_error
from ui.widgets.table_model import ListModel

RED = "#c9302c"


class NoticeModel(ListModel):
    """The register's rows, an overdue notice's in red (its state in bold)."""

    def data(self, index, role=Qt.DisplayRole):
        if index.isValid() and role in (Qt.ForegroundRole, Qt.FontRole) and self.overdue(index.row()):
            if role == Qt.ForegroundRole:
                return QBrush(QColor(RED))
            if self.columns[index.column()].key == "state":
                font = QFont()
                font.setBold(True)
                return font
        return super().data(index, role)

    def overdue(self, row: int) -> bool:
        values = self._row_values(row)
        state = [c.key for c in self.columns].index("state")
        return values is not None and values[state] == NOTICE_OVERDUE


class NoticesPage(FittedColumns, ChosenRow, ListPage):
    WHOLE = {"serial": "ZG2026-000001", "state": "逾期未整改", "room": "3-12-2801"}
    HIDDEN = ("renovation", "addressed_to", "issued_at")      # in the workbook; the notice's print has them
    GROW = "finding"

    def __init__(self, ctx):
        super().__init__(ctx, get_list("notices"), kinds=("renovation",))
        self.model = NoticeModel(self.spec, reveal=revealed(ctx.actor), parent=self)
        self.view.setModel(self.model)
        self.keep_chosen()                      # the notice worked on, kept across reloads (a re-inspection's)
        self.search.setPlaceholderText(_("Notice no. ZG2026-…, room or who issued it"))
        self.add_filter("state", _("State"), [(key, _(label)) for key, label in NOTICE_SHOWN.items()])
        inspector = ctx.actor.can("renovation.inspect")
        self.recheck_button = self.add_action(_("Re-inspect…"), self.recheck)
        self.signed_button = self.add_action(_("Signed for…"), self.signed_for)
        self.print_button = self.add_action(_("Print again…"), self.print_again)
        self.open_button = self.add_action(_("Open the renovation"), self.open_renovation)
        self.recheck_button.setToolTip(_("Record a re-inspection: rectified, or not yet, with what was seen"))
        self.signed_button.setToolTip(_("Who signed the part kept by the office"))
        for button in (self.recheck_button, self.signed_button):
            button.setVisible(inspector)
        self.open_button.setVisible("renovation" in OPENERS)
        self.activated.connect(lambda rid: print_notice(ctx, self, rid))
        self.settle_columns()

    def _notice(self, quiet: bool = False) -> RectificationNotice | None:
        notice_id = self.current_id()
        notice = RectificationNotice.get_or_none(RectificationNotice.id == notice_id) if notice_id else None
        if notice is None and not quiet:
            show_error(self, InvalidInput(_("Choose a notice in the list first.")), _("Rectification notices"))
        return notice

    def _enable(self) -> None:
        notice = self._notice(quiet=True)
        self.recheck_button.setEnabled(notice is not None and notice.state != NOTICE_DONE)
        self.signed_button.setEnabled(notice is not None and not notice.signed_by)
        for button in (self.print_button, self.open_button):
            button.setEnabled(notice is not None)

    def recheck(self) -> None:
        notice = self._notice()
        if notice is not None:
            recheck_notice(self.ctx, notice, self)

    def signed_for(self) -> None:
        notice = self._notice()
        if notice is None:
            return
        actor = self.ctx.actor
        _who, ok = ask_text(self, _("Signed for: notice {number}").format(number=notice.serial),
                            _("Who signed the kept part of notice {number} ({room})?").format(
                                number=notice.serial, room=notice.renovation.room.code), _("Save"),
                            act=lambda who: inspections.signed_for(actor, notice.id, who))
        if ok:
            bus.changed("renovation")

    def print_again(self) -> None:
        notice = self._notice()
        if notice is not None:
            print_notice(self.ctx, self, notice.id)

    def open_renovation(self) -> None:
        notice = self._notice()
        if notice is not None:
            open_record(self.ctx, "renovation", notice.renovation_id)
