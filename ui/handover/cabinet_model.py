"""The key cabinet's rows as the desk reads them: a key out past its due time in red, a key whose owner's
entrustment has ended marked (amber), a key no longer held or lost in grey; the filters of the page's one
drop-down (all, in the cabinet, out, overdue, lost, entrustment ended, no longer held) as the "keys" list's
filters. Shared by the part's list pages: Enter on a row opens it (``EnterOpens``), and their one drop-down
显示 that sets several of the list's filters at once (``add_shown``)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QComboBox, QLabel

from models.handover.tables import IN_CABINET, LOST, OUT, RETIRED
from models.i18n import _, label_table
from ui.widgets.table_model import ListModel

RED, GREY, AMBER = "#c9302c", "#8a9099", "#fff1c9"

# What the drop-down shows → the "keys" list's filters (models/handover/key_lists.py).
SHOWN = label_table("handover.cabinet_shown", {
    "": "All keys", "in": "In the cabinet", "out": "Lent out", "overdue": "Keys overdue", "lost": "Lost",
    "expired": "Entrustment ended", "retired": "No longer held"})
FILTERS = {"": {}, "in": {"state": IN_CABINET}, "out": {"state": OUT}, "overdue": {"overdue": True},
           "lost": {"state": LOST}, "expired": {"expired": True}, "retired": {"state": RETIRED}}


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
        show_filters(self, FILTERS, shown)


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


def show_filters(model: ListModel, filters: dict[str, dict], shown: str) -> None:
    """The list's filters set to ``filters[shown]``, those of the other choices cleared; one reload."""
    for name in {name for chosen in filters.values() for name in chosen}:
        model.filters.pop(name, None)
    model.filters.update(filters.get(shown, {}))
    model.reload()


def add_shown(page, shown: dict[str, str], filters: dict[str, dict]) -> QComboBox:
    """A page's one drop-down 显示 on its toolbar: each of ``shown`` (value → English label) sets the list's
    filters to ``filters[value]``."""
    box = QComboBox()
    for value, label in shown.items():
        box.addItem(_(label), value)
    box.setAccessibleName(_("Show"))

    def changed(_index: int) -> None:
        show_filters(page.model, filters, box.currentData())
        page._update_count()
    box.currentIndexChanged.connect(changed)
    page.toolbar.addWidget(QLabel(_("Show")))
    page.toolbar.addWidget(box)
    return box
