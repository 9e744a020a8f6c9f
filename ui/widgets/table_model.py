"""A list is a model over ids: one SQL query for the order, cells fetched per screen.

``ListModel`` takes a ``ListSpec`` (models/listing.py). Setting a filter or a
sort runs one query for the row ids; ``data()`` fetches the raw values of the
block of rows around the one asked for, so 100,000 rows open as fast as 100.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from models.i18n import _
from models.listing import ListSpec, format_cell

BLOCK = 120  # rows fetched at once: a couple of screens


class ListModel(QAbstractTableModel):
    def __init__(self, spec: ListSpec, reveal: bool = False, parent=None):
        super().__init__(parent)
        self.spec = spec
        self.reveal = reveal
        self.columns = list(spec.columns)
        self.filters: dict = {}
        self.text = ""
        self.sort_key: str | None = None
        self.descending = False
        self._ids: list[int] = []
        self._cache: dict[int, tuple] = {}
        self._loaded = False

    # --- what to show -------------------------------------------------------------
    def reload(self) -> None:
        self.beginResetModel()
        self._ids = self.spec.ids(self.filters, self.text, self.sort_key, self.descending)
        self._cache.clear()
        self._loaded = True
        self.endResetModel()

    def set_filter(self, name: str, value) -> None:
        self.filters[name] = value
        self.reload()

    def set_text(self, text: str) -> None:
        self.text = text
        self.reload()

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def ids(self) -> list[int]:
        return list(self._ids)

    # --- Qt model ------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role != Qt.DisplayRole:
            return None
        if orientation == Qt.Horizontal:
            return _(self.columns[section].header)
        return str(section + 1)

    def _row_values(self, row: int) -> tuple | None:
        rid = self._ids[row]
        values = self._cache.get(rid)
        if values is None:
            start = max(0, row - BLOCK // 4)
            block = [i for i in self._ids[start:start + BLOCK] if i not in self._cache]
            self._cache |= self.spec.fetch(block, filters=self.filters)
            if len(self._cache) > 20 * BLOCK:   # keep memory flat while scrolling far
                keep = set(self._ids[start:start + BLOCK])
                self._cache = {k: v for k, v in self._cache.items() if k in keep}
            values = self._cache.get(rid)
        return values

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        if role == Qt.TextAlignmentRole:
            return int((Qt.AlignRight if column.numeric else Qt.AlignLeft) | Qt.AlignVCenter)
        if role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        values = self._row_values(index.row())
        if values is None:
            return None
        return format_cell(column, values[index.column()], self.reveal)

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        if column < 0:              # the view's "no sort column": the list's own default order
            self.sort_key, self.descending = None, False
            self.reload()
            return
        col = self.columns[column]
        if not col.sortable:
            return
        self.sort_key = col.key
        self.descending = order == Qt.DescendingOrder
        self.reload()


class StaticTableModel(QAbstractTableModel):
    """A small fixed table (a room's owners, a person's history): rows given as text."""

    def __init__(self, headers: list[str], rows: list[list[str]] | None = None, parent=None, *,
                 right: tuple[int, ...] = ()):
        super().__init__(parent)
        self.headers = headers
        self.rows: list[list[str]] = rows or []
        self.keys: list = []
        self.right = set(right)            # columns of figures (money), right-aligned as the lists set them

    def set_rows(self, rows: list[list[str]], keys: list | None = None) -> None:
        self.beginResetModel()
        self.rows = rows
        self.keys = keys or []
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return self.headers[section]
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            return self.rows[index.row()][index.column()]
        if role == Qt.TextAlignmentRole and index.column() in self.right:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def key_at(self, row: int):
        return self.keys[row] if 0 <= row < len(self.keys) else None
