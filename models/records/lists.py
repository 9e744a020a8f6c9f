"""The lists of the records foundation: rooms, people, ID copies."""
from __future__ import annotations

import re

import peewee as pw

from models import validation as v
from models.audit import describe_fields, describe_values
from models.records.estate import Building, Entrance, Room, parse_state, parse_use, state_label, use_label
from models.i18n import _
from models.listing import Column, ListSpec, group_concat, prefix, register
from models.records.people import (CO_OWNER, GENDERS, OWNER, PARTY_ROLES, TENANT, IdCopy, Person, Phone, RoomParty,
                           party_role_label)
from models.users import role_label

# --- rooms ------------------------------------------------------------------------


def _parties_of_room(roles: tuple[str, ...], alias: str):
    rp, p = RoomParty.alias(f"rp_{alias}"), Person.alias(f"p_{alias}")
    return (rp.select(group_concat(p.name)).join(p, on=(rp.person == p.id))
            .where((rp.room == Room.id) & rp.end_date.is_null() & rp.role.in_(roles)))


def _owner_phone():
    rp, ph = RoomParty.alias("rp_ph"), Phone.alias("ph_o")
    return (ph.select(ph.number).join(rp, on=(rp.person == ph.person))
            .where((rp.room == Room.id) & rp.end_date.is_null() & (rp.role == OWNER) & (ph.is_primary == True))  # noqa
            .limit(1))


def _room_text_filter(query, text):
    code = v.compact(text).upper()
    for src, dst in (("号楼", "-"), ("栋", "-"), ("幢", "-"), ("座", "-"), ("单元", "-"), ("室", "")):
        code = code.replace(src, dst)
    if re.fullmatch(r"[0-9A-Z]+(-[0-9A-Z]*)*", code):
        if "-" in code:
            return query.where(prefix(Room.code, code))
        return query.where(prefix(Room.number, code) | prefix(Room.code, code + "-"))
    owners = (RoomParty.select(RoomParty.room).join(Person)
              .where(RoomParty.end_date.is_null() & (prefix(Person.name, text) | prefix(Person.initials, text.lower()))))
    return query.where(Room.id.in_(owners))


def _rooms_base():
    return Room.select().join_from(Room, Building).join_from(Room, Entrance)


ROOM_COLUMNS = [
    Column("code", "Room", Room.code, width=14,
           sort=(pw.fn.LENGTH(Building.code), Building.code, Entrance.code, Room.floor, Room.number)),
    Column("building", "Building", Building.code, width=8, sort=(pw.fn.LENGTH(Building.code), Building.code)),
    Column("entrance", "Entrance", Entrance.code, width=8),
    Column("floor", "Floor", Room.floor, kind="int", width=6),
    Column("area", "Gross area (m²)", Room.area_dm2, kind="area", width=12),
    Column("use", "Use", Room.use, width=10, display=use_label),
    Column("state", "State", Room.state, width=10, display=state_label),
    Column("owners", "Owner", _parties_of_room((OWNER, CO_OWNER), "o"), width=18, sortable=True),
    Column("owner_phone", "Owner phone", _owner_phone(), width=15, personal="phone"),
    Column("tenants", "Tenant", _parties_of_room((TENANT,), "t"), width=14),
    Column("note", "Note", Room.note, width=20),
]


def _room_columns():
    return ROOM_COLUMNS


ROOMS = register(ListSpec(
    key="rooms", title="Rooms", base=_rooms_base, id_expr=Room.id, columns=ROOM_COLUMNS, default_sort="code",
    text_filter=_room_text_filter,
    filters={
        "building": lambda q, value: q.where(Building.code == value),
        "state": lambda q, value: q.where(Room.state == value),
        "use": lambda q, value: q.where(Room.use == value),
    },
    filter_values={"state": parse_state, "use": parse_use}))

# --- people -----------------------------------------------------------------------


def _person_rooms():
    rp, r = RoomParty.alias("rp_r"), Room.alias("r_r")
    return (rp.select(group_concat(r.code)).join(r, on=(rp.room == r.id))
            .where((rp.person == Person.id) & rp.end_date.is_null()))


def _person_roles():
    rp = RoomParty.alias("rp_role")
    return rp.select(group_concat(rp.role, ",")).where((rp.person == Person.id) & rp.end_date.is_null())


def _primary_phone():
    ph = Phone.alias("ph_p")
    return ph.select(ph.number).where((ph.person == Person.id) & (ph.is_primary == True)).limit(1)  # noqa: E712


def _roles_display(value: str) -> str:
    seen = []
    for role in (value or "").split(","):
        if role and role not in seen:
            seen.append(role)
    return "、".join(party_role_label(r) for r in seen)


def _person_text_filter(query, text):
    t = v.compact(text)
    if re.fullmatch(r"\d{4,}[Xx]?", t):
        phones = Phone.select(Phone.person).where(prefix(Phone.number_rev, t[::-1]))
        return query.where(prefix(Person.id_rev, t.upper()[::-1]) | Person.id.in_(phones))
    if re.fullmatch(r"[A-Za-z]+", t):
        return query.where(prefix(Person.initials, t.lower()))
    return query.where(prefix(Person.name, text))


def _people_role_filter(query, role):
    holders = RoomParty.select(RoomParty.person).where(RoomParty.end_date.is_null() & (RoomParty.role == role))
    return query.where(Person.id.in_(holders))


def _people_building_filter(query, building):
    holders = (RoomParty.select(RoomParty.person).join(Room).join(Building)
               .where(RoomParty.end_date.is_null() & (Building.code == building)))
    return query.where(Person.id.in_(holders))


PEOPLE = register(ListSpec(
    key="people", title="People", base=lambda: Person.select(), id_expr=Person.id, default_sort="name",
    columns=[
        Column("name", "Name", Person.name, width=10, sort=(Person.sort_key,)),
        Column("gender", "Gender", Person.gender, width=6,
               display=lambda g: {"M": "男", "F": "女"}.get(g, "")),
        Column("id_number", "ID number", Person.id_number, width=22, personal="id"),
        Column("phone", "Phone", _primary_phone(), width=15, personal="phone", sortable=False),
        Column("roles", "Roles", _person_roles(), width=12, display=_roles_display, sortable=False),
        Column("rooms", "Rooms", _person_rooms(), width=18, sortable=False),
        Column("employer", "Employer", Person.employer, width=20),
        Column("emergency", "Emergency contact", Person.emergency_name, width=10),
        Column("birth_date", "Birth date", Person.birth_date, kind="date", width=12),
        Column("created_at", "Recorded", Person.created_at, kind="datetime", width=17),
    ],
    text_filter=_person_text_filter,
    filters={"role": _people_role_filter, "building": _people_building_filter},
    filter_values={"role": v.choice(PARTY_ROLES, "Role")}))

# --- ID copies ----------------------------------------------------------------------

ID_COPIES = register(ListSpec(
    key="id_copies", title="ID copy register", id_expr=IdCopy.id, default_sort="taken_at", default_descending=True,
    base=lambda: IdCopy.select().join_from(IdCopy, Person).join_from(IdCopy, Room, pw.JOIN.LEFT_OUTER),
    columns=[
        Column("taken_at", "Taken at", IdCopy.taken_at, kind="datetime", width=17),
        Column("name", "Name", Person.name, width=10, sort=(Person.sort_key,)),
        Column("id_number", "ID number", IdCopy.id_number, width=22, personal="id"),
        Column("purpose", "Purpose", IdCopy.purpose, width=24, display=lambda p: f"复件仅供{p}之用"),
        Column("room", "Room", Room.code, width=12),
        Column("taken_by", "Taken by", IdCopy.taken_by, width=12),
    ],
    text_filter=lambda q, t: q.where(prefix(Person.name, t) | prefix(Room.code, v.compact(t))),
))

# --- audit ---------------------------------------------------------------------------

# The fields of the records' before/after records (people, rooms, ties, ID copies), as the audit
# log names them; keys stored as record numbers say so, since the summary names the room and person.
describe_fields({
    "name": "Name", "gender": "Gender", "id_type": "ID type", "id_number": "ID number", "birth_date": "Birth date",
    "employer": "Employer", "emergency_name": "Emergency contact", "emergency_relation": "Emergency contact's relation",
    "emergency_phone": "Emergency contact's phone", "notes": "Notes", "note": "Note", "phones": "Phones",
    "vehicles": "Vehicles", "plate": "Licence plate", "parking_space": "Parking space",
    "room": "Room record no.", "person": "Person record no.", "head": "Tenant's household (person record no.)",
    "relation": "Relation", "start_date": "Since", "end_date": "Ended on", "lease_end": "Lease end",
    "document_no": "Document no.", "end_reason": "Ended by", "purpose": "Purpose", "taken_at": "Handled at",
    "taken_by": "Taken by", "building": "Building record no.", "entrance": "Entrance record no.",
    "number": "No.", "floor": "Floor", "code": "Code", "area_dm2": "Gross area (m²)", "use": "Use",
    "state": "State",
})
_END_REASONS = {"transfer": "transfer", "move_out": "move-out"}
describe_values({
    "gender": lambda g: _(GENDERS[g]),
    "id_type": lambda t: _(v.ID_TYPES[t]),
    # Ties and users both have a role; their codes do not overlap (owner… / clerk…).
    "role": lambda r: party_role_label(r) if r in PARTY_ROLES else role_label(r),
    "end_reason": lambda r: _(_END_REASONS[r]),
    "area_dm2": v.format_area, "use": use_label, "state": state_label,
})

