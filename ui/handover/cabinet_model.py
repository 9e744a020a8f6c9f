"""The key cabinet's rows as the desk reads them: a key out past its due time in red, a key whose owner's
entrustment has ended marked (amber), a key no longer held or lost in grey; and the filters of the
page's one drop-down (all, in the cabinet, out, overdue, lost, entrustment ended, no longer held) as the
"keys" list's filters."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QStyle

from models.handover.tables import IN_CABINET, LOST, OUT, RETIRED
from models.i18n import label_table
from ui.widgets.table_model import ListModel

RED, GREY, AMBER = "#c9302c", "#8a9099", "#fff1c9"

# What the drop-down shows → the "keys" list's filters (models/handover/key_lists.py).
SHOWN = label_table("handover.cabinet_shown", {
    "": "All keys", "in": "In the cabinet", "out": "Lent out", "overdue": "Keys overdue", "lost": "Lost",
    "expired": "Entrustment ended", "retired": "No longer held"})
FILTERS = {"": {}, "in": {"state": IN_CABINET}, "out": {"state": OUT}, "overdue": {"overdue": True},
           "lost": {"state": LOST}, "expired": {"expired": True}, "retired": {"state": RETIRED}}
FILTER_KEYS = ("state", "overdue", "expired")


def as_moment(value) -> dt.datetime | None:
    """A moment as the list gives it: a datetime, or the text a sub-query leaves it as on SQLite."""
    if value is None or isinstance(value, dt.datetime):
        return value
    try:
        return dt.datetime.fromisoformat(str(value)[:19])
    except ValueError:
        return None


class KeyModel(ListModel):
    """The "keys" list, each row coloured by what it says: overdue, entrustment ended, gone."""

    def _value(self, row: int, key: str):
        values = self._row_values(row)
        if values is None:
            return None
        return values[[c.key for c in self.columns].index(key)]

    def overdue(self, row: int, now: dt.datetime | None = None) -> bool:
        due = as_moment(self._value(row, "out_due"))
        return self._value(row, "state") == OUT and due is not None and due < (now or dt.datetime.now())

    def expired(self, row: int) -> bool:
        return bool(self._value(row, "expired"))

    def gone(self, row: int) -> bool:
        return self._value(row, "state") in (LOST, RETIRED)

    def data(self, index, role=Qt.DisplayRole):
        if index.isValid() and role == Qt.ForegroundRole:
            if self.overdue(index.row()):
                return QBrush(QColor(RED))
            if self.gone(index.row()):
                return QBrush(QColor(GREY))
        if index.isValid() and role == Qt.BackgroundRole and self.expired(index.row()):
            return QBrush(QColor(AMBER))
        if index.isValid() and role == Qt.FontRole and self.columns[index.column()].key in ("state", "out_due") \
                and self.overdue(index.row()):
            font = QFont()
            font.setBold(True)
            return font
        return super().data(index, role)

    def show(self, shown: str) -> None:
        """One of ``SHOWN``: the list's filters set to it, the others cleared; one reload."""
        for name in FILTER_KEYS:
            self.filters.pop(name, None)
        self.filters.update(FILTERS.get(shown, {}))
        self.reload()


class EnterOpens(QObject):
    """Enter on a list page's chosen row does what a double-click does (the page's ``activated``): the
    list's own double-click is kept, and Qt's ``activated`` (a double-click too) would do it twice."""

    def __init__(self, page):
        super().__init__(page)
        self.page = page
        page.view.installEventFilter(self)

    def eventFilter(self, watched, event):  # noqa: N802 - Qt override
        if event.type() == QEvent.KeyPress and event.key() in (Qt.Key_Return, Qt.Key_Enter) \
                and self.page.view.currentIndex().isValid():
            self.page._activate(self.page.view.currentIndex().row())
            return True
        return False


class FittedList:
    """A mixin for the part's list pages: ``WHOLE`` (key → a sample of its longest value, in bold since a late
    row's may be) read whole, ``HIDDEN`` left to the export, the room left given to ``GROW`` rather than to
    the last column. ``settle_columns()`` once the page is built."""
    WHOLE: dict[str, str] = {}
    HIDDEN: tuple[str, ...] = ()
    GROW: str = ""

    def settle_columns(self) -> None:
        for index, column in enumerate(self.spec.columns):
            self.view.setColumnHidden(index, column.key in self.HIDDEN)
        self.view.horizontalHeader().setStretchLastSection(not self.GROW)
        self.model.modelReset.connect(self.fit_columns)      # rows loaded: a scroll bar may take its room
        self.fit_columns()

    def _wanted_widths(self) -> tuple[list[int], list[int]]:
        wanted, least = super()._wanted_widths()
        bold = QFont(self.view.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        for index, column in enumerate(self.spec.columns):
            if column.key in self.HIDDEN:
                wanted[index] = least[index] = 0
            elif column.key in self.WHOLE:
                wanted[index] = least[index] = max(wanted[index], metrics.horizontalAdvance(self.WHOLE[column.key]) + 18)
        return wanted, least

    def fit_columns(self) -> None:
        super().fit_columns()
        for index, column in enumerate(self.spec.columns):
            if column.key in self.HIDDEN:       # sized while hidden, Qt kept room for it: hidden afresh
                self.view.setColumnHidden(index, False)
                self.view.setColumnHidden(index, True)
        if self._user_sized or not self.GROW or self.view.horizontalHeader().stretchLastSection():
            return
        keys = [c.key for c in self.spec.columns]
        grow = keys.index(self.GROW)
        shown = sum(self.view.columnWidth(i) for i, key in enumerate(keys) if key not in self.HIDDEN)
        width = max(self._least_of_grow(), self.view.columnWidth(grow) + self._room() - shown)
        self._fitting = True
        try:
            self.view.setColumnWidth(grow, width)
        finally:
            self._fitting = False

    def _least_of_grow(self) -> int:
        return self.view.fontMetrics().horizontalAdvance("中") * 4 + 16

    def _room(self) -> int:
        """The table's width for its columns, less the vertical scroll bar when the rows will need one (it
        appears after the rows load, and would push the last column out of view)."""
        room = self.view.viewport().width() - 2
        bar = self.view.verticalScrollBar()
        rows_height = self.model.rowCount() * self.view.verticalHeader().defaultSectionSize()
        if not bar.isVisible() and rows_height > self.view.viewport().height():
            room -= self.view.style().pixelMetric(QStyle.PM_ScrollBarExtent)
        return room
