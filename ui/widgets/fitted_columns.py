"""How a list page lays its columns on a 1280-pixel screen when trimming the widest is not enough.

The list page (ui/widgets/list_page.py) fits every column in view by trimming the widest; on a register
that cuts the numbers (ZG2026-000…, JF2026-000…) and the state (逾期未…), the things a clerk reads a row
by. A page with this mixin reads those whole (``WHOLE``), leaves a few columns to its export
(``HIDDEN``), and gives what room is left to its longest text (``GROW``) rather than to the last column,
the vertical scroll bar's room kept when the rows will need one.
"""
from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QStyle


class FittedColumns:
    """A mixin for a ``ListPage``: ``WHOLE`` (key → a sample of its longest value) read whole, ``HIDDEN`` not on
    screen (kept in the workbook), ``GROW`` given the room left. ``WHOLE_BOLD``: the samples measured in bold,
    for a list that bolds some rows (a late one). ``settle_columns()`` once the page is built."""
    WHOLE: dict[str, str] = {}
    HIDDEN: tuple[str, ...] = ()
    GROW: str = ""
    WHOLE_BOLD = False

    def settle_columns(self) -> None:
        """Once the page is built: the hidden columns hidden, the last column no longer stretched."""
        for index, column in enumerate(self.spec.columns):
            self.view.setColumnHidden(index, column.key in self.HIDDEN)
        self.view.horizontalHeader().setStretchLastSection(not self.GROW)
        self.model.modelReset.connect(self.fit_columns)      # rows loaded: a scroll bar may take its room
        self.fit_columns()

    def _wanted_widths(self) -> tuple[list[int], list[int]]:
        wanted, least = super()._wanted_widths()
        font = QFont(self.view.font())
        font.setBold(self.WHOLE_BOLD)
        metrics, margin = QFontMetrics(font), 18 if self.WHOLE_BOLD else 16
        for index, column in enumerate(self.spec.columns):
            if column.key in self.HIDDEN:
                wanted[index] = least[index] = 0
            elif column.key in self.WHOLE:
                whole = max(wanted[index], metrics.horizontalAdvance(self.WHOLE[column.key]) + margin)
                wanted[index] = least[index] = whole
        return wanted, least

    def fit_columns(self) -> None:
        """The list's own fitting, then the room left (or missing) given to (or taken from) ``GROW``."""
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
