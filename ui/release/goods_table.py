"""The goods leaving (物品名称 / 数量 / 备注), with quick picks for common furniture and appliances.

A quick pick adds its item (or counts one more of it); 整户搬迁 fills the whole household in one
line and marks the slip a full move-out. Empty rows are not goods: the form passes only filled ones.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QAbstractItemView, QGridLayout, QHBoxLayout, QHeaderView, QPushButton, QTableView,
                               QVBoxLayout, QWidget)

from models import settings
from models.i18n import _
from models.release.issuing import WHOLE_HOUSEHOLD_GOODS, GoodsLine

ROWS = 8
PICKS_PER_ROW = 8


class GoodsEditor(QWidget):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = QStandardItemModel(ROWS, 3, self)
        self.model.setHorizontalHeaderLabels([_("Item"), _("Quantity"), _("Note")])
        self.table = QTableView()
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setEditTriggers(QAbstractItemView.AllEditTriggers)
        self.model.itemChanged.connect(self._item_changed)
        self.whole = QPushButton(_("Whole household"))
        self.whole.setCheckable(True)
        self.whole.setToolTip(_("A full move-out: every piece of furniture, appliance and belonging"))
        self.whole.toggled.connect(self._whole_toggled)
        clear = QPushButton(_("Clear the list"))
        clear.clicked.connect(self.clear)
        picks = QGridLayout()
        picks.setSpacing(4)
        names = [n.strip() for n in str(settings.get("release.quick_picks")).replace("，", ",").split(",") if n.strip()]
        self.pick_buttons = {}
        for i, name in enumerate(names[:32]):
            button = QPushButton(name)
            button.setFocusPolicy(Qt.NoFocus)        # a click adds the item; the keyboard stays where it was
            button.clicked.connect(lambda _c=False, n=name: self.add(n))
            picks.addWidget(button, i // PICKS_PER_ROW, i % PICKS_PER_ROW)
            self.pick_buttons[name] = button
        top = QHBoxLayout()
        top.addWidget(self.whole)
        top.addStretch(1)
        top.addWidget(clear)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(picks)
        layout.addWidget(self.table, 1)

    def _item_changed(self, item: QStandardItem) -> None:
        """Typing into the last row opens another beneath it: Tab from the last cell goes on to a new
        line instead of wrapping round to the first and writing over it."""
        if item.row() == self.model.rowCount() - 1 and item.text().strip():
            self.model.insertRow(self.model.rowCount())
        self.changed.emit()

    # --- reading and writing rows ----------------------------------------------------------
    def _text(self, row: int, column: int) -> str:
        item = self.model.item(row, column)
        return item.text().strip() if item is not None else ""

    def _set(self, row: int, column: int, text: str) -> None:
        item = QStandardItem(text)
        if column == 1:
            item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.model.setItem(row, column, item)

    def lines(self) -> list[GoodsLine]:
        """The filled rows, in order (an empty row is skipped; a quantity left blank is one)."""
        found = []
        for row in range(self.model.rowCount()):
            name, quantity, note = (self._text(row, c) for c in range(3))
            if name or note or quantity:
                found.append(GoodsLine(name, quantity or 1, note))
        return found

    def summary(self) -> str:
        return "、".join(f"{line.name}×{line.quantity}" for line in self.lines() if line.name)

    def add(self, name: str) -> None:
        """One more of ``name``: its row counts up, or it takes the first empty row."""
        for row in range(self.model.rowCount()):
            if self._text(row, 0) == name:
                try:
                    count = int(self._text(row, 1) or 1) + 1
                except ValueError:
                    count = 1
                self._set(row, 1, str(count))
                return
        row = self._first_empty()
        self._set(row, 0, name)
        self._set(row, 1, "1")

    def put(self, name: str, quantity: int, note: str = "") -> None:
        """A whole line, as a slip being corrected had it."""
        row = self._first_empty()
        self._set(row, 0, name)
        self._set(row, 1, str(quantity))
        self._set(row, 2, note)

    def _first_empty(self) -> int:
        for row in range(self.model.rowCount()):
            if not any(self._text(row, c) for c in range(3)):
                return row
        self.model.insertRow(self.model.rowCount())
        return self.model.rowCount() - 1

    def _whole_toggled(self, on: bool) -> None:
        rows = [r for r in range(self.model.rowCount()) if self._text(r, 0) == WHOLE_HOUSEHOLD_GOODS]
        if on and not rows:
            self.put(WHOLE_HOUSEHOLD_GOODS, 1)
        elif not on:
            for row in rows:
                for column in range(3):
                    self.model.setItem(row, column, QStandardItem(""))
        self.changed.emit()

    @property
    def whole_household(self) -> bool:
        return self.whole.isChecked()

    def clear(self) -> None:
        self.whole.blockSignals(True)
        self.whole.setChecked(False)
        self.whole.blockSignals(False)
        self.model.removeRows(0, self.model.rowCount())
        self.model.setRowCount(ROWS)
        self.changed.emit()
