"""A person's ties to a room over time: ownership (过户), tenancy (迁入), residents, moving out, ID copies.

Seed 004 标准3 场景一: a transfer needs the deed and the new owner's ID; a tenant's move-in needs the
lease and the tenant's ID. Each operation moves the room's state through ``estate.ROOM``.
"""
from __future__ import annotations

import datetime as dt

from models import audit
from models import validation as v
from models.db import write_tx
from models.errors import Conflict, InvalidInput, NotFound
from models.i18n import _
from models.records.estate import Room, get_room, move_room
from models.records.people import (CO_OWNER, OWNER, PARTY_ROLES, RESIDENT, TENANT, IdCopy, Person, RoomParty,
                                   get_person)

def current_parties(room_id: int, roles: tuple[str, ...] = tuple(PARTY_ROLES)) -> list[RoomParty]:
    return list(RoomParty.select(RoomParty, Person).join(Person)
                .where((RoomParty.room == room_id) & RoomParty.end_date.is_null() & RoomParty.role.in_(roles))
                .order_by(RoomParty.id))


def party_history(room_id: int) -> list[RoomParty]:
    return list(RoomParty.select(RoomParty, Person).join(Person).where(RoomParty.room == room_id)
                .order_by(RoomParty.start_date.desc(), RoomParty.id.desc()))


def person_ties(person_id: int, current_only: bool = True) -> list[RoomParty]:
    query = RoomParty.select(RoomParty, Room).join(Room).where(RoomParty.person == person_id)
    if current_only:
        query = query.where(RoomParty.end_date.is_null())
    return list(query.order_by(RoomParty.start_date.desc()))


def _require_id_on_file(person: Person, why: str) -> None:
    if not person.id_number:
        raise InvalidInput(_("{name} has no ID number on file; {why} needs the ID document.").format(
            name=person.name, why=_(why)), field="person")


def _as_date(value, field_name: str) -> dt.date:
    return v.parse_date(value, field=field_name)


def transfer_ownership(actor, room_id: int, owner_ids: list[int], on, deed_no: str, note: str = "") -> list[RoomParty]:
    """过户: the current owners' ownership ends on ``on``; the new owners' starts.

    The first person is the owner, the rest co-owners. Needs the title deed
    number (房产证号) and each new owner's ID on file (seed 004 标准3 场景一).
    A room with no owner yet gets its first owners the same way.
    """
    actor.require("records.edit")
    on = _as_date(on, "date")
    deed_no = v.clean(deed_no)
    if not owner_ids:
        raise InvalidInput(_("Choose the new owner."), field="person")
    if len(set(owner_ids)) != len(owner_ids):
        raise InvalidInput(_("The same person is named twice as owner."), field="person")
    if not deed_no:
        raise InvalidInput(_("A transfer needs the title deed (房产证) number."), field="document_no")
    with write_tx():
        room = get_room(room_id)
        people = [get_person(pid) for pid in owner_ids]
        for person in people:
            _require_id_on_file(person, "a transfer")
        current = current_parties(room.id, (OWNER, CO_OWNER))
        if current and {p.person_id for p in current} == set(owner_ids):
            raise Conflict(_("These people already own {room}.").format(room=room.label))
        for party in current:
            if on < party.start_date:
                raise InvalidInput(_("The transfer date {date} is before {name}'s ownership began ({start}).").format(
                    date=on, name=party.person.name, start=party.start_date), field="date")
        for party in current:
            RoomParty.update(end_date=on, end_reason="transfer").where(RoomParty.id == party.id).execute()
            audit.record(actor, "ownership.end", party, summary=_("transferred"),
                         before={"end_date": None}, after={"end_date": on.isoformat(), "end_reason": "transfer"})
        created = []
        for i, person in enumerate(people):
            party = RoomParty.create(room=room, person=person, role=OWNER if i == 0 else CO_OWNER,
                                     start_date=on, document_no=deed_no)
            created.append(party)
            audit.record(actor, "ownership.transfer" if current else "ownership.register", party,
                         summary=f"{room.code} {person.name} {v.clean_text(note)}".strip(), after=audit.snapshot(party))
        move_room(actor, room, "hand_over", _("owner registered"))
    return created


def move_in_tenant(actor, room_id: int, person_id: int, start, lease_end, lease_no: str = "") -> RoomParty:
    """迁入: a tenant moves in on a lease (needs the lease and the tenant's ID)."""
    actor.require("records.edit")
    start = _as_date(start, "start_date")
    lease_end = _as_date(lease_end, "lease_end")
    if lease_end < start:
        raise InvalidInput(_("The tenancy ends ({end}) before it starts ({start}).").format(end=lease_end, start=start),
                           field="lease_end")
    with write_tx():
        room = get_room(room_id)
        person = get_person(person_id)
        _require_id_on_file(person, "a move-in")
        if not current_parties(room.id, (OWNER, CO_OWNER)):
            raise Conflict(_("{room} has no owner on record; register the owner before letting it.").format(
                room=room.label))
        if RoomParty.select().where((RoomParty.room == room) & (RoomParty.person == person)
                                    & (RoomParty.role == TENANT) & RoomParty.end_date.is_null()).exists():
            raise Conflict(_("{name} is already a tenant of {room}.").format(name=person.name, room=room.label))
        party = RoomParty.create(room=room, person=person, role=TENANT, start_date=start, lease_end=lease_end,
                                 document_no=v.clean(lease_no))
        audit.record(actor, "tenancy.start", party, summary=f"{room.code} {person.name}", after=audit.snapshot(party))
        move_room(actor, room, "let", _("tenant moved in"))
    return party


def add_resident(actor, room_id: int, person_id: int, relation: str, start,
                 tenant_id: int | None = None) -> RoomParty:
    """A family member or other resident living in the room.

    ``tenant_id`` names the tenant whose household the resident belongs to;
    such a resident moves out with the tenant.
    """
    actor.require("records.edit")
    start = _as_date(start, "start_date")
    with write_tx():
        room = get_room(room_id)
        person = get_person(person_id)
        if RoomParty.select().where((RoomParty.room == room) & (RoomParty.person == person)
                                    & RoomParty.end_date.is_null()).exists():
            raise Conflict(_("{name} is already recorded at {room}.").format(name=person.name, room=room.label))
        if tenant_id is not None and not RoomParty.select().where(
                (RoomParty.room == room) & (RoomParty.person == tenant_id) & (RoomParty.role == TENANT)
                & RoomParty.end_date.is_null()).exists():
            raise Conflict(_("The household's tenant is not a current tenant of {room}.").format(room=room.label))
        party = RoomParty.create(room=room, person=person, role=RESIDENT, relation=v.clean_text(relation)[:20],
                                 start_date=start, head=tenant_id)
        audit.record(actor, "resident.add", party, summary=f"{room.code} {person.name}", after=audit.snapshot(party))
        move_room(actor, room, "move_in", _("resident moved in"))
    return party


def end_tie(actor, party_id: int, on, reason: str = "move_out") -> RoomParty:
    """迁出: a tenancy or residence ends. Ownership ends only by transfer."""
    actor.require("records.edit")
    return close_tie(actor, party_id, on, reason)


def close_tie(actor, party_id: int, on, reason: str = "move_out") -> RoomParty:
    """``end_tie`` without the records permission, for a part whose own rule ends a tie (a tenant's
    whole-household release slip used at the gate ends the tenancy). The caller checked its own
    permission; the tie, its household and the room's state end exactly as ``end_tie`` ends them."""
    on = _as_date(on, "date")
    with write_tx():
        party = RoomParty.get_or_none(RoomParty.id == party_id)
        if party is None:
            raise NotFound(_("No such record."))
        if party.end_date is not None:
            raise Conflict(_("This tie already ended on {date}.").format(date=party.end_date))
        if party.role in (OWNER, CO_OWNER):
            raise Conflict(_("Ownership ends only by a transfer (过户)."))
        if on < party.start_date:
            raise InvalidInput(_("The move-out date {date} is before the move-in ({start}).").format(
                date=on, start=party.start_date), field="date")
        household = []
        if party.role == TENANT:
            household = list(RoomParty.select().where(
                (RoomParty.room == party.room_id) & (RoomParty.head == party.person_id)
                & RoomParty.end_date.is_null()))
        for tie in [party] + household:
            RoomParty.update(end_date=max(on, tie.start_date), end_reason=reason).where(RoomParty.id == tie.id).execute()
            audit.record(actor, "tie.end", tie, summary=reason if tie is party else _("left with the tenant"),
                         before={"end_date": None}, after={"end_date": max(on, tie.start_date).isoformat(),
                                                           "end_reason": reason})
        room = get_room(party.room_id)
        if not current_parties(room.id, (TENANT,)):
            stays = bool(current_parties(room.id, (RESIDENT,)))
            move_room(actor, room, "tenant_out_household_stays" if stays else "tenant_out", _("tenant moved out"),
                      permission_checked=True)
    return party


def record_id_copy(actor, person_id: int, purpose: str, room_id: int | None = None) -> IdCopy:
    """Register a copy of an ID document, with what it may be used for (seed 004 温馨贴士 A3)."""
    actor.require("records.edit")
    purpose = v.clean_text(purpose)
    if not purpose:
        raise InvalidInput(_("Say what the copy is for (复件仅供…之用)."), field="purpose")
    if len(purpose) > 60:
        raise InvalidInput(_("The purpose is longer than 60 characters."), field="purpose")
    with write_tx():
        person = get_person(person_id)
        if not person.id_number:
            raise InvalidInput(_("{name} has no ID number on file to copy.").format(name=person.name),
                               field="person")
        copy = IdCopy.create(person=person, room=room_id, id_type=person.id_type, id_number=person.id_number,
                             purpose=purpose, taken_by=actor.name)
        audit.record(actor, "idcopy.create", copy, summary=f"{person.name}: {copy.stamp}", after=audit.snapshot(copy))
    return copy
