"""装修登记: every renovation application, found by its number, the room, the owner or the contractor, and
filtered by its state, by the works past their planned end, or by when it was taken. A double-click
(or Enter, or 打开) opens the renovation's own page; the permit and the application form print from
the row.
"""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox

from models.errors import InvalidInput
from models.i18n import _
from models.listing import get_list
from models.renovation.applying import get_renovation
from models.renovation.works import STATES
from ui.modules import open_record
from ui.renovation.printing import preview_paper
from ui.widgets.list_page import ListPage
from ui.widgets.messages import show_error

# Read on the application's own page and kept in the export; the list shows what a clerk scans for.
HIDDEN = ("owner_phone", "agent", "contractor_phone", "works_note", "submitted_at", "received_by", "decided_by",
          "decided_at", "decision_note", "owner_told_at", "accepted_at", "settled_at")
PERIODS = {"week": "Taken in the last 7 days", "month": "Taken in the last 30 days", "year": "Taken this year"}


def since(period: str, today=None):
    import datetime as dt
    today = today or dt.date.today()
    return {"week": today - dt.timedelta(days=6), "month": today - dt.timedelta(days=29),
            "year": today.replace(month=1, day=1)}.get(period)


class RenovationsPage(ListPage):
    def __init__(self, ctx):
        super().__init__(ctx, get_list("renovations"), kinds=("renovation", "money", "people"))
        self.search.setPlaceholderText(_("Application no. ZX2026-…, room, owner or contractor"))
        self.add_filter("state", _("State"), [(key, _(label)) for key, label in STATES.items()])
        self.period = QComboBox()
        self.period.addItem(_("Any day"), "")
        for key, label in PERIODS.items():
            self.period.addItem(_(label), key)
        self.period.setAccessibleName(_("Taken on"))
        self.period.currentIndexChanged.connect(
            lambda _i: self._set_filter("from", since(self.period.currentData()) or ""))
        self.toolbar.addWidget(self.period)
        self.late = QCheckBox(_("Past the planned end"))
        self.late.setToolTip(_("Works still going on after their planned end"))
        self.late.toggled.connect(lambda on: self._set_filter("overdue", True if on else ""))
        self.toolbar.addWidget(self.late)
        self.open_button = self.add_action(_("Open the renovation"), self.open_chosen)
        self.permit_button = self.add_action(_("Print the permit…"), lambda: self.print_chosen("permit"))
        self.form_button = self.add_action(_("Print the application form…"),
                                           lambda: self.print_chosen("renovation_application"))
        if ctx.actor.can("renovation.apply"):
            self.new_button = self.add_action(_("New application…"), lambda: ctx.window.open_page("renovation_apply"))
        self.activated.connect(lambda rid: open_record(ctx, "renovation", rid))
        for i, column in enumerate(self.spec.columns):
            self.view.setColumnHidden(i, column.key in HIDDEN)
        self.fit_columns()

    def _wanted_widths(self) -> tuple[list[int], list[int]]:
        """The list's own widths, the hidden columns taking none and the application's number read whole
        (ZX2026-000123)."""
        wanted, least = super()._wanted_widths()
        fm = self.view.fontMetrics()
        whole = {"serial": fm.horizontalAdvance("ZX2026-000123") + 16,
                 "receipt": fm.horizontalAdvance("2026-000123") + 16,
                 "state": fm.horizontalAdvance("押金已结算") + 16}        # the longest state read whole
        for i, column in enumerate(self.spec.columns):
            if column.key in HIDDEN:
                wanted[i] = least[i] = 0
            elif column.key in whole:
                wanted[i] = least[i] = whole[column.key]
            elif column.key in ("room", "owner"):        # short names: as wide as their heading needs
                wanted[i] = least[i] = max(fm.horizontalAdvance(_(column.header)) + 24,
                                           fm.horizontalAdvance("3-2-1201" if column.key == "room" else "欧阳明明") + 16)
        return wanted, least

    def _chosen(self) -> int | None:
        chosen = self.current_id()
        if chosen is None:
            show_error(self, InvalidInput(_("Choose a renovation in the list first.")), _("Renovations"))
        return chosen

    def open_chosen(self) -> None:
        chosen = self._chosen()
        if chosen is not None:
            open_record(self.ctx, "renovation", chosen)

    def print_chosen(self, key: str) -> None:
        chosen = self._chosen()
        if chosen is not None:
            preview_paper(self, key, get_renovation(chosen).serial)
