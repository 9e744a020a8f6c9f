"""交房记录: every handover done, found as it is typed by its form's number (JF2026-…), the room or the owner,
those with defects still open picked out; exported; the chosen one's handover form (交房确认单) printed
again. A double-click (or Enter) shows the form; the room's timeline opens a handover here, chosen."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox

from models.errors import InvalidInput
from models.handover import handing
from models.i18n import _
from models.listing import get_list
from ui.widgets.list_page import ListPage
from ui.widgets.messages import show_error


class WholeColumns:
    """A mixin for a ``ListPage``: ``WHOLE`` (key → a sample of its longest value) read whole, ``HIDDEN``
    not on screen (kept in the workbook)."""
    WHOLE: dict[str, str] = {}
    HIDDEN: tuple[str, ...] = ()
    GROW = ""

    def settle_columns(self) -> None:
        for index, column in enumerate(self.spec.columns):
            self.view.setColumnHidden(index, column.key in self.HIDDEN)
        self.view.horizontalHeader().setStretchLastSection(not self.GROW)
        self.fit_columns()

    def fit_columns(self) -> None:
        """The list's own fitting, then what room is left given to ``GROW`` (the longest text)."""
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

    def show_id(self, record_id: int) -> bool:
        """The row of ``record_id`` chosen and scrolled to; False when the filters leave it out."""
        ids = self.model.ids()
        if record_id not in ids:
            return False
        row = ids.index(record_id)
        self.view.selectRow(row)
        self.view.scrollTo(self.model.index(row, 0))
        return True


class HandoversPage(WholeColumns, ListPage):
    WHOLE = {"serial": "JF2026-000123", "room": "12-3-2801", "handed_on": "2026-11-29"}
    HIDDEN = ("documents", "note")          # in the workbook and on the printed form
    GROW = "readings"

    def __init__(self, ctx):
        super().__init__(ctx, get_list("handovers"), kinds=("handover", "people"))
        self.search.setPlaceholderText(_("Form no. JF2026-…, room or owner"))
        self.open_defects = QCheckBox(_("With defects still open"))
        self.open_defects.toggled.connect(lambda on: self._set_filter("open_defects", True if on else ""))
        self.toolbar.addWidget(self.open_defects)
        self.print_button = self.add_action(_("Print the handover form…"), self.print_chosen)
        self.defects_button = self.add_action(_("Its defects"), self.defects_of_chosen)
        if ctx.actor.can("handover.do"):
            self.new_button = self.add_action(_("Hand over a room…"), lambda: ctx.window.open_page("handover_do"))
        self.activated.connect(self.print_form)
        self.settle_columns()

    def _chosen(self) -> int | None:
        chosen = self.current_id()
        if chosen is None:
            show_error(self, InvalidInput(_("Choose a handover in the list first.")), _("Handovers"))
        return chosen

    def print_chosen(self) -> None:
        chosen = self._chosen()
        if chosen is not None:
            self.print_form(chosen)

    def print_form(self, handover_id: int) -> None:
        from ui.handover.handover_printing import preview_handover_form
        preview_handover_form(self, handing.get_handover(handover_id).serial)

    def defects_of_chosen(self) -> None:
        chosen = self._chosen()
        if chosen is not None:
            page = self.ctx.window.open_page("defects", come_back=True)
            if page is not None:
                page.show_handover(chosen)

    def show_handover(self, handover_id: int) -> None:
        """The handover chosen in the list: the search and the filter cleared if they leave it out."""
        self.refresh()
        if not self.show_id(handover_id):
            self.search.clear()
            self.open_defects.setChecked(False)
            self._apply_text()
            self.show_id(handover_id)


def open_handover(ctx, handover_id: int) -> None:
    """A handover from the room's timeline or a search: the register with it chosen, and its form shown."""
    page = ctx.window.open_page("handovers", come_back=True)
    if page is not None:
        page.show_handover(handover_id)
        page.print_form(handover_id)
