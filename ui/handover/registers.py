"""交房记录: every handover done, found as it is typed by its form's number (JF2026-…), the room or the owner,
those with defects still open picked out; exported; the chosen one's handover form (交房确认单) printed
again. A double-click (or Enter) shows the form; the room's timeline opens a handover here, chosen."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox

from models.errors import InvalidInput
from models.handover import handing
from models.i18n import _
from models.listing import get_list
from ui.widgets.chosen_row import ChosenRow
from ui.widgets.fitted_columns import FittedColumns
from ui.widgets.list_page import ListPage
from ui.widgets.messages import show_error

KEYS_SAMPLE_MOST = 36           # characters: an office handing a dozen kinds of key does not push the rest out


class HandoversPage(FittedColumns, ChosenRow, ListPage):
    WHOLE = {"serial": "JF2026-000123", "room": "12-3-2801", "handed_on": "2026-11-29"}   # and the keys, below
    HIDDEN = ("documents", "note")          # in the workbook and on the printed form
    GROW = "readings"

    def __init__(self, ctx):
        super().__init__(ctx, get_list("handovers"), kinds=("handover", "people"))
        # The keys handed read whole: every kind the office hands, a count each (入户门×3、信报箱×2、…); the
        # meter readings take what is left (and show whole in the row's tooltip).
        given = "、".join(f"{kind}×2" for kind in handing.key_kinds())
        self.WHOLE = {**self.WHOLE, "keys": given[:KEYS_SAMPLE_MOST]}
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
