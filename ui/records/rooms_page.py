"""The rooms list: every room with its owner, filtered by building, state and use."""
from __future__ import annotations

from models.records import estate
from models.i18n import _
from models.listing import get_list
from models.records.estate import building_codes
from ui.widgets.list_page import ListPage


class RoomsPage(ListPage):
    def __init__(self, ctx):
        super().__init__(ctx, get_list("rooms"), kinds=("rooms", "people"))
        self.search.setPlaceholderText(_("Room (3-2-12…), number or owner"))
        self.add_filter("building", _("Building"), [(b, f"{b}栋") for b in building_codes()])
        self.add_filter("state", _("State"), [(k, _(label)) for k, label in estate.ROOM_STATES.items()])
        self.add_filter("use", _("Use"), [(k, _(label)) for k, label in estate.ROOM_USES.items()])
        if ctx.actor.can("estate.edit"):
            self.add_action(_("New room…"), self.new_room)
        self.activated.connect(lambda rid: ctx.window.open_room(rid))

    def new_room(self) -> None:
        from ui.records.room_dialog import edit_room
        edit_room(self, self.ctx, None)
