"""The bulk writes of an accepted roster, with one audit entry per created record."""
from __future__ import annotations

import peewee as pw

from models import audit
from models.db import bulk_insert
from models.records.estate import ROOM, Building, Entrance, Room
from models.i18n import _
from models.records.importing.checks import Checker
from models.records.importing.report import RosterReport
from models.records.importing.rows import Plan
from models.records.people import CO_OWNER, OWNER, RESIDENT, TENANT, Person, Phone, RoomParty, Vehicle


# --- writing -----------------------------------------------------------------------------------------

def _execute_many(model, rows: list[dict]) -> None:
    """Rows given as dicts, with the model's defaults for what they leave out, through the one bulk writer."""
    if not rows:
        return
    defaults = {f.name: f.default() if callable(f.default) else f.default for f in model._meta.sorted_fields
                if f.name not in rows[0] and f.default is not None and not f.primary_key}
    names = list(rows[0]) + list(defaults)
    fields = [model._meta.fields[name] for name in names]
    bulk_insert(model, fields, [tuple({**defaults, **row}[name] for name in names) for row in rows])


def _insert_many(model, rows: list[dict], key_fields: tuple) -> dict:
    """Insert rows; returns natural key → new id.

    The new ids are read back by their natural key (not by position), so this holds on
    PostgreSQL as on SQLite, whatever order a database assigns ids in.
    """
    if not rows:
        return {}
    floor = model.select(pw.fn.MAX(model.id)).scalar() or 0
    _execute_many(model, rows)
    query = model.select(model.id, *key_fields).where(model.id > floor)
    if len(key_fields) == 1:
        return {row[1]: row[0] for row in query.tuples()}
    return {tuple(row[1:]): row[0] for row in query.tuples()}


def _where(report: RosterReport, row: int) -> str:
    return _("Imported from {source}, row {row}").format(source=report.source or "-", row=row)


def write_people(actor, plans: list[Plan], checker: Checker, report: RosterReport, stamp) -> dict:
    """Create the new people the accepted rows name; returns person key → id (new and recorded)."""
    ids = {key: pid for key, (pid, _n) in checker.recorded_people.items()}
    first: dict[tuple, Plan] = {}
    for plan in plans:
        if plan.person is not None and plan.person_key not in ids:
            first.setdefault(plan.person_key, plan)
    columns = ("name", "initials", "sort_key", "gender", "id_type", "id_number", "id_rev", "birth_date", "employer",
               "emergency_name", "emergency_relation", "emergency_phone", "notes")

    def row_of(plan):
        return {**{c: plan.person[c] for c in columns}, "created_at": stamp, "updated_at": stamp}

    with_id = [p for k, p in first.items() if k[0] != "row"]
    new_ids = _insert_many(Person, [row_of(p) for p in with_id], (Person.id_type, Person.id_number))
    ids.update(new_ids)
    for key, plan in first.items():
        if key[0] == "row":   # no document to read the id back by: one insert each (residents only)
            ids[key] = Person.insert(row_of(plan)).execute()
    phones, vehicles, entries = [], [], []
    for key, plan in first.items():
        pid, person = ids[key], plan.person
        for i, (number, label) in enumerate(person["phones"]):
            phones.append(dict(person=pid, number=number, number_rev=number.replace("-", "")[::-1], label=label,
                               is_primary=(i == 0)))
        for plate, space in person["vehicles"]:
            vehicles.append(dict(person=pid, plate=plate, parking_space=space))
        snap = {"id": pid, **{c: person[c] for c in columns if c not in ("initials", "sort_key", "id_rev")},
                "birth_date": person["birth_date"].isoformat() if person["birth_date"] else None,
                "created_at": stamp.isoformat(), "phones": [p for p, _l in person["phones"]],
                "vehicles": [p for p, _s in person["vehicles"]]}
        entries.append((pid, _where(report, plan.row), snap))
    _execute_many(Phone, phones)
    _execute_many(Vehicle, vehicles)
    audit.record_many(actor, "person.create", "person", entries)
    report.people_created = len(first)
    return ids


_TIE_ACTIONS = {OWNER: "ownership.register", CO_OWNER: "ownership.register", TENANT: "tenancy.start",
                RESIDENT: "resident.add"}


def write_ties(actor, plans: list[Plan], room_ids: dict[str, int], person_ids: dict, report: RosterReport,
                stamp) -> None:
    rows, names = [], {}
    for plan in plans:
        if plan.person is None:
            continue
        rid, pid = room_ids[plan.code], person_ids[plan.person_key]
        rows.append(dict(room=rid, person=pid, role=plan.role, relation=plan.relation, start_date=plan.start,
                         lease_end=plan.lease_end, document_no=plan.document_no, created_at=stamp))
        names[(rid, pid, plan.role)] = (plan, rows[-1])
    tie_ids = _insert_many(RoomParty, rows, (RoomParty.room, RoomParty.person, RoomParty.role))
    by_action: dict[str, list] = {}
    for key, tie_id in tie_ids.items():
        plan, row = names[key]
        snap = {"id": tie_id, **row, "start_date": row["start_date"].isoformat(), "end_date": None,
                "created_at": stamp.isoformat(),
                "lease_end": row["lease_end"].isoformat() if row["lease_end"] else None}
        by_action.setdefault(_TIE_ACTIONS[plan.role], []).append(
            (tie_id, f"{plan.code} {plan.person['name']} ({_where(report, plan.row)})", snap))
    for action, entries in by_action.items():
        audit.record_many(actor, action, "room_party", entries)
    report.ties_created = len(rows)


def write_rooms(actor, plans: list[Plan], report: RosterReport, stamp) -> dict[str, int]:
    buildings = {code: bid for bid, code in Building.select(Building.id, Building.code).tuples()}
    entrances = {(b, code): eid for eid, b, code in Entrance.select(Entrance.id, Entrance.building, Entrance.code)
                 .tuples()}
    rows = []
    for plan in plans:
        room = plan.room
        if room["building"] not in buildings:
            buildings[room["building"]] = Building.insert(code=room["building"]).execute()
        bid = buildings[room["building"]]
        if (bid, room["entrance"]) not in entrances:
            entrances[(bid, room["entrance"])] = Entrance.insert(building=bid, code=room["entrance"]).execute()
        rows.append(dict(building=bid, entrance=entrances[(bid, room["entrance"])], number=room["number"],
                         floor=room["floor"], code=room["code"], area_dm2=room["area_dm2"], use=room["use"],
                         state=room["state"], note=room["note"], created_at=stamp))
    ids = _insert_many(Room, rows, (Room.code,))
    entries = [(ids[row["code"]], _where(report, plan.row),
                {"id": ids[row["code"]], **row, "created_at": stamp.isoformat()}) for plan, row in zip(plans, rows)]
    audit.record_many(actor, "room.create", "room", entries)
    report.rooms_created = len(rows)
    return ids


# The move each kind of tie makes on its room (models.records.estate.ROOM), as the desk's operations make it.
_MOVE_OF_ROLE = {OWNER: "hand_over", CO_OWNER: "hand_over", TENANT: "let", RESIDENT: "move_in"}


def write_room_states(actor, plans: list[Plan], rooms: dict[str, tuple[int, str]]) -> None:
    """Move each room's state as its new ties move it, through the room's state machine, in bulk."""
    states = {code: state for code, (_rid, state) in rooms.items()}
    verb_of: dict[str, str] = {}
    for plan in plans:
        verb = _MOVE_OF_ROLE[plan.role]
        target = ROOM.next_state(states[plan.code], verb)
        if target != states[plan.code]:
            verb_of[target] = verb
            states[plan.code] = target
    by_target: dict[str, list[tuple[int, str]]] = {}
    for code, state in states.items():
        if state != rooms[code][1]:
            by_target.setdefault(state, []).append((rooms[code][0], rooms[code][1]))
    ROOM.move_many(actor, Room, by_target, verb_of)


def count_new(plans: list[Plan], checker: Checker, report: RosterReport) -> None:
    """What an import would record, for a trial run or a refused file."""
    keys = {p.person_key for p in plans if p.person is not None}
    report.people_created = len({k for k in keys if k not in checker.recorded_people})
    report.ties_created = sum(1 for p in plans if p.person is not None)
    report.rooms_created = sum(1 for p in plans if p.room is not None)
