"""Owners, tenants and residents: find a person, open their card."""
from __future__ import annotations

from models.i18n import _
from models.listing import get_list
from models.records.people import PARTY_ROLES
from models.records.estate import building_codes
from ui.widgets.list_page import ListPage


class PeoplePage(ListPage):
    def __init__(self, ctx):
        super().__init__(ctx, get_list("people"), kinds=("people",))
        self.search.setPlaceholderText(_("Name, initials, phone or ID tail"))
        self.add_filter("role", _("Role"), [(k, _(label)) for k, label in PARTY_ROLES.items()])
        self.add_filter("building", _("Building"), [(b, f"{b}栋") for b in building_codes()])
        if ctx.actor.can("records.edit"):
            self.add_action(_("New person…"), self.new_person)
        self.activated.connect(self.open_person)

    def new_person(self) -> None:
        from ui.records.person_dialog import edit_person
        edit_person(self, self.ctx, None)

    def open_person(self, person_id: int) -> None:
        from ui.records.person_dialog import edit_person
        edit_person(self, self.ctx, person_id)
