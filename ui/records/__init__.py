"""Estate and owner records: rooms, people, a room's page, the ID-copy register."""
from __future__ import annotations

from models.records import estate
from models.i18n import _
from models.records.people import IdCopy, Person, RoomParty
from ui.modules import Module, Page, RoomAction, StartItem, register, register_opener, register_room_action


def _start_items(ctx) -> list[StartItem]:
    counts = estate.state_counts()
    total = sum(counts.values())
    rates = estate.occupancy_rates()
    people = Person.select().count()
    tenants = RoomParty.select().where(RoomParty.end_date.is_null() & (RoomParty.role == "tenant")).count()
    import datetime as dt
    today = dt.datetime.combine(dt.date.today(), dt.time())
    copies = IdCopy.select().where(IdCopy.taken_at >= today).count()
    return [
        StartItem(_("Rooms"), f"{total:,}", "rooms"),
        StartItem(_("Occupancy rate"), f"{rates['occupancy']:.1%}", "rooms"),
        StartItem(_("Residency rate"), f"{rates['residency']:.1%}", "rooms"),
        StartItem(_("People on record"), f"{people:,}", "people"),
        StartItem(_("Rooms let"), f"{counts.get(estate.LET, 0):,}", "rooms"),
        StartItem(_("Current tenants"), f"{tenants:,}", "people"),
        StartItem(_("Renovating"), f"{counts.get(estate.RENOVATING, 0):,}", "rooms"),
        StartItem(_("ID copies taken today"), f"{copies:,}", "id_copies"),
    ]


def _new_person(ctx):
    from ui.records.person_dialog import edit_person
    edit_person(ctx.window, ctx, None)


def _new_room(ctx):
    from ui.records.room_dialog import edit_room
    edit_room(ctx.window, ctx, None)


def _rooms(ctx):
    from ui.records.rooms_page import RoomsPage
    return RoomsPage(ctx)


def _people(ctx):
    from ui.records.people_page import PeoplePage
    return PeoplePage(ctx)


def _room(ctx):
    from ui.records.room_page import RoomPage
    return RoomPage(ctx)


def _id_copies(ctx):
    from models.listing import get_list
    from ui.widgets.list_page import ListPage
    page = ListPage(ctx, get_list("id_copies"), kinds=("id_copies",))
    return page


register(Module(
    key="records", title="Records", order=10,
    pages=[Page("rooms", "Rooms", _rooms), Page("people", "Owners and residents", _people),
           Page("id_copies", "ID copy register", _id_copies), Page("room", "Room", _room, in_nav=False)],
    start_items=_start_items,
    actions=[(_("New owner / resident…"), _new_person, "records.edit"), (_("New room…"), _new_room, "estate.edit")],
))

def _open_person(ctx, person_id: int) -> None:
    from ui.records.person_dialog import edit_person
    edit_person(ctx.window, ctx, person_id)


register_opener("person", _open_person)


def _someone_lives_there(page) -> bool:
    """Only a tenant or resident can move out."""
    from models.records.people import RESIDENT, TENANT
    return any(p.role in (TENANT, RESIDENT) for p in page.current)


# Records' own buttons on a room's page (its methods, by name); other parts add theirs the same way.
for _order, (_key, _title, _method, _permission) in enumerate((
        ("card", "Print owner record card…", "print_card", "records.view"),
        ("edit_owner", "Edit owner's card…", "edit_owner", "records.edit"),
        ("transfer", "Transfer / register owner…", "transfer", "records.edit"),
        ("move_in", "Tenant moves in…", "move_in", "records.edit"),
        ("resident", "Add resident…", "add_resident", "records.edit"),
        ("move_out", "Move out…", "move_out", "records.edit"),
        ("id_copy", "Register ID copy…", "id_copy", "records.edit"),
        ("edit_room", "Edit room…", "edit_room", "estate.edit")), start=1):
    register_room_action(RoomAction(_key, _title, lambda page, m=_method: getattr(page, m)(), _permission,
                                    order=_order * 10, applies=_someone_lives_there if _key == "move_out" else None))
