"""空置房: every vacant room with its last inspection, the days since and when the next is due (seed 000
§4.5.3; the setting vacant.inspect_days). A room due or overdue is in red; the drop-down shows those due,
those overdue, those never inspected, or all. 巡查登记… (or Enter, or a double-click) records a visit to
the chosen room; beneath, the chosen room's inspections and the photos of each.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QSplitter

from models.errors import InvalidInput
from models.handover.lists import NEVER, VISIT_DUE, VISIT_OK, VISIT_OVERDUE
from models.i18n import _, label_table
from models.listing import get_list
from models.records.estate import find_room
from models.users import revealed
from ui.handover.cabinet_model import EnterOpens, add_shown, as_moment
from ui.handover.vacant_dialog import inspect_room_dialog, last_seen_text
from ui.handover.vacant_history import VacantHistory
from ui.widgets.chosen_row import ChosenRow
from ui.widgets.fitted_columns import FittedColumns
from ui.widgets.list_page import ListPage
from ui.widgets.messages import show_error
from ui.widgets.table_model import ListModel

RED = "#c9302c"
SHOWN = label_table("handover.vacant_shown", {
    "due": "Rooms due for inspection", "overdue": "Rooms overdue for inspection", "never": "Rooms never inspected",
    "": "All vacant rooms"})
FILTERS = {"due": {"due": True}, "overdue": {"state": VISIT_OVERDUE}, "never": {"state": NEVER}, "": {}}


class VacantModel(ListModel):
    """The vacant rooms, one due or overdue for its visit in red."""

    def late(self, row: int) -> bool:
        values = self._row_values(row)
        due = values[[c.key for c in self.columns].index("due")] if values is not None else VISIT_OK
        return due in (NEVER, VISIT_OVERDUE, VISIT_DUE)

    def data(self, index, role=Qt.DisplayRole):
        if index.isValid() and role == Qt.ForegroundRole and self.late(index.row()):
            return QBrush(QColor(RED))
        return super().data(index, role)


class VacantPage(FittedColumns, ChosenRow, ListPage):
    WHOLE = {"room": "3-12-2801", "due": "逾期未巡查"}
    GROW = "last_findings"

    def __init__(self, ctx):
        super().__init__(ctx, get_list("vacant_rooms"), kinds=("vacant", "rooms"))
        self.model = VacantModel(self.spec, reveal=revealed(ctx.actor), parent=self)
        self.view.setModel(self.model)
        self.model.filters = dict(FILTERS["due"])
        self.search.setPlaceholderText(_("Room, e.g. 3-2-13"))
        self.shown = add_shown(self, SHOWN, FILTERS)
        self.inspect_button = self.add_action(_("Record an inspection…"), self.inspect_chosen)
        self.inspect_button.setVisible(ctx.actor.can("vacant.inspect"))
        self.room_button = self.add_action(_("Open the room"), self.open_room)
        self.history = VacantHistory(ctx)
        splitter = QSplitter(Qt.Vertical)
        self.layout().removeWidget(self.view)
        splitter.addWidget(self.view)
        splitter.addWidget(self.history)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.layout().addWidget(splitter, 1)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._moved())
        self.model.modelReset.connect(self._moved)
        self.activated.connect(lambda room_id: self.inspect(room_id))
        EnterOpens(self)
        self.settle_columns()

    def _moved(self) -> None:
        room_id = self.current_id()
        if room_id is not None and room_id != self.history.room_id:
            self.history.show_room(room_id, self._value(room_id, "room") or "")
        enabled = room_id is not None
        self.inspect_button.setEnabled(enabled)
        self.room_button.setEnabled(enabled)

    def _value(self, room_id: int, key: str):
        row = self.spec.fetch([room_id], keys=[key]).get(room_id)
        return row[0] if row else None

    def _chosen(self) -> int | None:
        chosen = self.current_id()
        if chosen is None:
            show_error(self, InvalidInput(_("Choose a room in the list first.")), _("Vacant rooms"))
        return chosen

    def inspect_chosen(self) -> None:
        chosen = self._chosen()
        if chosen is not None:
            self.inspect(chosen)

    def inspect(self, room_id: int):
        return inspect_room(self.ctx, room_id, self)

    def open_room(self) -> None:
        chosen = self._chosen()
        if chosen is not None:
            self.ctx.window.open_room(chosen)

    def show_room(self, room_id: int, inspection_id: int | None = None, code: str = "") -> None:
        """The room chosen in the list when it is listed (the filter widened to all), and its inspections."""
        if self._stale:
            self.refresh()
        if room_id not in self.model.ids() and self.shown.currentData() != "":
            self.shown.setCurrentIndex(self.shown.findData(""))
        if not self.show_id(room_id):
            self.view.clearSelection()
            self.history.show_room(room_id, code)
        if inspection_id is not None:
            self.history.select(inspection_id)


def last_seen(room_id: int) -> str:
    """上次巡查 2026-10-01（59 天前）for a vacant room, from the list's own columns."""
    spec = get_list("vacant_rooms")
    row = spec.fetch([room_id], keys=["last_at", "days_since"]).get(room_id)
    if row is None:
        return ""
    return last_seen_text(as_moment(row[0]), row[1])


def inspect_room(ctx, room_id: int, parent=None):
    """巡查登记 of a vacant room (from its page, or the list), the dialog window-modal."""
    return inspect_room_dialog(ctx, room_id, last_seen(room_id), parent)


def open_inspection(ctx, inspection_id: int) -> None:
    """The vacant rooms page on the inspection's room, the inspection chosen among the room's."""
    row = get_list("vacant_inspections").fetch([inspection_id], keys=["room"]).get(inspection_id)
    room = find_room(row[0]) if row else None
    page = ctx.window.open_page("vacant_rooms", come_back=True)
    if page is None:
        return
    if room is None:
        show_error(page, InvalidInput(_("That inspection is no longer on record.")), _("Vacant rooms"))
        return
    page.show_room(room.id, inspection_id, room.code)
