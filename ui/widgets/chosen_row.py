"""The row a list page works on: found by its record's id, and kept chosen while the list reloads.

A register opened from a timeline line or a search hit shows the record chosen (``show_id``); a page whose
buttons act on the chosen row keeps it chosen after a write, a filter or the search reloads the list
(``keep_chosen``), so the clerk does not lose their place at each step.
"""
from __future__ import annotations


class ChosenRow:
    """A mixin for a ``ListPage``. After ``keep_chosen()`` (once the page's model is set) the record chosen
    (``chosen``) is chosen again after every reload while it is still listed, or else the first row with
    ``FIRST_WHEN_GONE``; ``_enable()`` follows every move and reload."""
    chosen: int | None = None
    FIRST_WHEN_GONE = False

    def keep_chosen(self) -> None:
        self.chosen = None
        self.view.selectionModel().currentRowChanged.connect(self._moved)
        self.model.modelReset.connect(self._reloaded)

    def show_id(self, record_id: int) -> bool:
        """The row of ``record_id`` chosen and scrolled to; False when the filters leave it out."""
        ids = self.model.ids()
        if record_id not in ids:
            return False
        row = ids.index(record_id)
        self.view.selectRow(row)
        self.view.scrollTo(self.model.index(row, 0))
        return True

    def _moved(self, *_args) -> None:
        if self.current_id() is not None:
            self.chosen = self.current_id()
        self._enable()

    def _reloaded(self) -> None:
        """After a write, a filter or the search: the same record chosen again if it is still listed."""
        if (self.chosen is None or not self.show_id(self.chosen)) and self.FIRST_WHEN_GONE \
                and self.model.rowCount():
            self.view.selectRow(0)           # the buttons ready for the first row, the keys on the list
        self._enable()

    def _enable(self) -> None:
        """The page's buttons as the chosen row allows them."""
