"""今日巡查: the rooms in works not yet inspected today, and today's inspections (seed 000 §4.5.2: at
least daily, quiet hours included, §4.3.6).

The first tab is the day's round: each room in works not yet seen today, with its contractor's
phone, its state, when it was last seen and its open notices, filtered as the clerk types (a room,
a number, a contractor). Enter or a double-click on a row opens the inspection dialog; once it is
recorded the row leaves the list. The second tab lists what was recorded today, from where a
finding recorded without a notice can still be given one (开整改通知书).
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTabWidget, QVBoxLayout,
                               QWidget)

from models.errors import InvalidInput
from models.i18n import _
from models.listing import get_list
from models.renovation import inspections
from models.renovation.works import STATES, SUSPENDED, Inspection
from ui.bus import bus
from ui.renovation.inspect_dialog import record_inspection
from ui.widgets.fitted_columns import FittedColumns
from ui.widgets.list_page import ListPage
from ui.widgets.messages import show_error
from ui.widgets.table_model import StaticTableModel
from ui.widgets.tables import read_only_table

RED, AMBER = "#c9302c", "#b36b00"
_ROOM_WORDS = (("号楼", ""), ("栋", ""), ("幢", ""), ("单元", ""), ("室", ""), ("-", ""), (" ", ""))


def _plain(text: str) -> str:
    """Text as the filter compares it: 3栋2单元1202, 3-2-1202 and 321202 alike, case ignored."""
    text = str(text).lower()
    for word, put in _ROOM_WORDS:
        text = text.replace(word, put)
    return text


class DueModel(StaticTableModel):
    """The day's round: rows of text, the open notices in red, a suspended renovation's state in amber."""
    HEADERS = ("Room", "Application no.", "Contractor", "Phone", "State", "Last inspected", "Open notices")

    def __init__(self, parent=None):
        super().__init__([_(h) for h in self.HEADERS], parent=parent, right=(6,))
        self.states: list[str] = []
        self.open_notices: list[int] = []

    def show(self, due: list[tuple]) -> None:
        rows, keys, self.states, self.open_notices = [], [], [], []
        for rid, serial, room, contractor, phone, state, last_at, notices in due:
            last = f"{last_at:%Y-%m-%d %H:%M}" if last_at else _("Never")
            rows.append([room, serial, contractor, phone, _(STATES.get(state, state)), last, str(notices or "")])
            keys.append(rid)
            self.states.append(state)
            self.open_notices.append(notices)
        self.set_rows(rows, keys)

    def data(self, index, role=Qt.DisplayRole):
        if index.isValid() and role == Qt.ForegroundRole:
            if index.column() == 6 and self.open_notices[index.row()]:
                return QBrush(QColor(RED))
            if index.column() == 4 and self.states[index.row()] == SUSPENDED:
                return QBrush(QColor(AMBER))
        return super().data(index, role)


class DueTab(QWidget):
    """今日待巡查: the list, its filter box and the one action (record an inspection)."""

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.due: list[tuple] = []
        self.search = QLineEdit(placeholderText=_("Filter as you type: room, application no., contractor…"))
        self.search.setObjectName("due_filter")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(320)
        self.search.textChanged.connect(lambda _t: self.apply_filter())
        self.search.returnPressed.connect(self.open_current)
        self.search.installEventFilter(self)
        self.count_label = QLabel()
        self.record_button = QPushButton(_("Record inspection… (Enter)"))
        self.record_button.clicked.connect(self.open_current)
        self.model = DueModel(self)
        self.view = read_only_table(self.model, single_selection=True)
        self.view.setObjectName("due_view")
        self._size_columns()
        self.view.activated.connect(lambda index: self.open_row(index.row()))      # Enter or a double-click
        self.empty = QLabel(_("Every room in works has been inspected today."))
        self.empty.setStyleSheet("color: #1e7b34; font-size: 15px; padding: 12px;")
        bar = QHBoxLayout()
        bar.addWidget(self.search)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        bar.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)
        self.record_button.setVisible(ctx.actor.can("renovation.inspect"))      # once in the page, not a window

    def _size_columns(self) -> None:
        """Widths from the longest value each column can hold, once: a thousand rows are never measured (sizing
        to contents measured every row at each keystroke of the filter); the contractor takes what is left."""
        header, metrics = self.view.horizontalHeader(), self.view.fontMetrics()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(False)
        samples = ("3-12-2801", "ZX2026-000001", "", "13612345678", "完工待验收", "2026-11-29 18:40", "")
        for column, sample in enumerate(samples):
            title = metrics.horizontalAdvance(str(self.model.headerData(column, Qt.Horizontal))) + 24
            self.view.setColumnWidth(column, max(title, metrics.horizontalAdvance(sample) + 16))
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)

    def refresh(self) -> None:
        self.due = inspections.due_today()
        self.apply_filter()

    def apply_filter(self) -> None:
        words = [_plain(w) for w in self.search.text().split() if w.strip()]
        shown = [row for row in self.due
                 if all(w in _plain(" ".join(str(x) for x in (row[2], row[1], row[3], row[4]))) for w in words)]
        current = self.model.key_at(self.view.currentIndex().row())
        self.model.show(shown)
        keys = self.model.keys
        if keys:
            self.view.selectRow(keys.index(current) if current in keys else 0)
        self.count_label.setText(_("{n} of {total} rooms to inspect").format(n=len(shown), total=len(self.due)))
        self.empty.setVisible(not self.due)
        self.view.setVisible(bool(self.due))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        """Down from the filter box goes into the list, as in the window's other lists."""
        if watched is self.search and event.type() == QEvent.KeyPress and event.key() == Qt.Key_Down:
            self.view.setFocus()
            return True
        return super().eventFilter(watched, event)

    def open_current(self) -> None:
        row = self.view.currentIndex().row()
        self.open_row(row if row >= 0 else 0)

    def open_row(self, row: int) -> None:
        renovation_id = self.model.key_at(row)
        if renovation_id is None:
            show_error(self, InvalidInput(_("No room to inspect is chosen.")), _("Today's inspections"))
            return
        if not self.ctx.actor.can("renovation.inspect"):
            show_error(self, InvalidInput(_("Inspections are recorded by the customer service or engineering staff.")))
            return
        record_inspection(self.ctx, renovation_id, self)


class DoneTab(FittedColumns, ListPage):
    """今日已巡查: today's inspections, from the register (list "inspections"), today only."""
    WHOLE = {"renovation": "ZX2026-000001", "room": "3-12-2801"}
    GROW = "findings"

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, get_list("inspections"), kinds=("renovation",), parent=parent)
        self.search.setPlaceholderText(_("Room, application no. or inspector"))
        self.day = None
        self.notice_button = self.add_action(_("Issue a rectification notice…"), self.issue_notice)
        self.notice_button.setVisible(ctx.actor.can("renovation.inspect"))
        self.settle_columns()
        self._today()

    def _today(self) -> None:
        today = dt.date.today()
        if today != self.day:
            self.day = today
            self.model.filters.update({"from": today, "to": today})
            self._stale = True

    def refresh(self) -> None:
        self._today()
        super().refresh()

    def issue_notice(self) -> None:
        inspection_id = self.current_id()
        inspection = Inspection.get_or_none(Inspection.id == inspection_id) if inspection_id else None
        if inspection is None or not inspection.findings or inspection.passed:
            show_error(self, InvalidInput(_("Choose an inspection that found something first.")),
                       _("Issue a rectification notice"))
            return
        from ui.renovation.notice_dialog import issue_notice
        issue_notice(self.ctx, inspection, self)


class InspectionsPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.due_tab = DueTab(ctx)
        self.done_tab = DoneTab(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.due_tab, "")
        self.tabs.addTab(self.done_tab, "")
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self._stale = True
        bus.data_changed.connect(self._data_changed)

    def refresh(self) -> None:
        self._stale = False
        self.due_tab.refresh()
        self.tabs.setTabText(0, _("To inspect today ({n})").format(n=len(self.due_tab.due)))
        done = self.done_tab
        if done.isVisible():
            done.refresh()
        else:
            done._stale = True
        self.tabs.setTabText(1, _("Inspected today ({n})").format(n=done.spec.count(done.model.filters)))

    def _data_changed(self, kind: str) -> None:
        if kind in ("renovation", "*"):
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    def _tab_changed(self, index: int) -> None:
        (self.due_tab.search if index == 0 else self.done_tab.search).setFocus()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale or self.done_tab.day != dt.date.today():
            self.refresh()
        QTimer.singleShot(0, lambda: self._tab_changed(self.tabs.currentIndex()))   # once shown: the filter box
