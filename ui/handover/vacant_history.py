"""A vacant room's inspections, newest first (the "vacant_inspections" list of that room), and the photos of
the one chosen (the core's attachment strip: open one full size, attach another later, set a wrong one
aside)."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QVBoxLayout, QWidget

from models.i18n import _
from models.listing import get_list
from models.records.estate import label_from_code
from models.users import revealed
from ui.bus import bus
from ui.widgets.attachments import AttachmentStrip
from ui.widgets.table_model import ListModel
from ui.widgets.tables import read_only_table

SHOWN = ("at", "inspector", "passed", "findings", "photos")


class VacantHistory(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.room_id: int | None = None
        self.model = ListModel(get_list("vacant_inspections"), reveal=revealed(ctx.actor), parent=self)
        self.title = QLabel()
        self.title.setObjectName("vacant_history_title")
        self.title.setStyleSheet("font-weight: bold;")
        self.view = read_only_table(self.model, single_selection=True)
        self.view.setObjectName("vacant_history")
        for index, column in enumerate(self.model.columns):
            self.view.setColumnHidden(index, column.key not in SHOWN)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)          # the findings take the room left, not the photos' count
        header.setSectionResizeMode([c.key for c in self.model.columns].index("findings"), QHeaderView.Stretch)
        at = [c.key for c in self.model.columns].index("at")    # a time read whole, rows or none
        header.setSectionResizeMode(at, QHeaderView.Fixed)
        header.resizeSection(at, self.view.fontMetrics().horizontalAdvance("2026-11-29 13:44") + 16)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._show_photos())
        self.strip = AttachmentStrip(ctx, "vacant_inspection")
        self.strip.setMinimumWidth(300)
        row = QHBoxLayout()
        row.addWidget(self.view, 3)
        row.addWidget(self.strip, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(row, 1)
        bus.data_changed.connect(self._changed)
        self.show_room(None)

    def show_room(self, room_id: int | None, code: str = "") -> None:
        self.room_id = room_id
        if room_id is None:
            self.title.setText(_("Inspections: choose a room above"))
            self.model.filters = {"room": 0}
        else:
            self.title.setText(_("Inspections of {room}").format(room=label_from_code(code) if code else ""))
            self.model.filters = {"room": room_id}
        self.model.reload()
        if self.model.rowCount():
            self.view.selectRow(0)
        self._show_photos()

    def select(self, inspection_id: int) -> None:
        rows = self.model.ids()
        if inspection_id in rows:
            self.view.selectRow(rows.index(inspection_id))
            self.view.scrollTo(self.model.index(rows.index(inspection_id), 0))
        self._show_photos()

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def _show_photos(self) -> None:
        self.strip.show_owner(self.current_id())
        for button in (self.strip.add_button, self.strip.remove_button):
            button.setEnabled(self.current_id() is not None)

    def _changed(self, kind: str) -> None:
        """An inspection recorded: the newest chosen; a photo attached or set aside: the same one kept."""
        if kind not in ("vacant", "attachments", "*") or self.room_id is None:
            return
        chosen = self.current_id()
        self.model.reload()
        if kind == "attachments" and chosen is not None:
            self.select(chosen)
        elif self.model.rowCount():
            self.view.selectRow(0)
        self._show_photos()

