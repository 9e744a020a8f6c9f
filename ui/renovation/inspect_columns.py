"""How the inspection and notice registers lay their columns on a 1280-pixel screen.

The list page (ui/widgets/list_page.py) fits every column in view by trimming the widest; on these
lists that cut the numbers (ZG2026-000…) and the state (逾期未…), the things a clerk reads a row by.
Here they are read whole, a few columns of the register are left to its export (``HIDDEN``), and
what room is left goes to the longest text (``GROW``) rather than to the last column.
"""
from __future__ import annotations


class FittedColumns:
    """A mixin for a ``ListPage``: ``WHOLE`` (key → a sample of its longest value) read whole, ``HIDDEN``
    not on screen (kept in the workbook), ``GROW`` given the room left."""
    WHOLE: dict[str, str] = {}
    HIDDEN: tuple[str, ...] = ()
    GROW: str = ""

    def settle_columns(self) -> None:
        """Once the page is built: the hidden columns hidden, the last column no longer stretched."""
        for index, column in enumerate(self.spec.columns):
            self.view.setColumnHidden(index, column.key in self.HIDDEN)
        self.view.horizontalHeader().setStretchLastSection(not self.GROW)
        self.fit_columns()

    def _wanted_widths(self) -> tuple[list[int], list[int]]:
        wanted, least = super()._wanted_widths()
        metrics = self.view.fontMetrics()
        for index, column in enumerate(self.spec.columns):
            if column.key in self.HIDDEN:
                wanted[index] = least[index] = 0
            elif column.key in self.WHOLE:
                whole = max(wanted[index], metrics.horizontalAdvance(self.WHOLE[column.key]) + 16)
                wanted[index] = least[index] = whole
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
        shown = sum(self.view.columnWidth(i) for i, key in enumerate(keys) if key not in self.HIDDEN)
        left = self.view.viewport().width() - 2 - shown
        if left > 0:
            grow = keys.index(self.GROW)
            self._fitting = True
            try:
                self.view.setColumnWidth(grow, self.view.columnWidth(grow) + left)
            finally:
                self._fitting = False
