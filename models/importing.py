"""Rosters an office already keeps (房屋/业主花名册), recorded in one go.

A reader (``reports/excel/importer.py``) turns a sheet into records: the
spreadsheet row number and a dict of field key → raw cell value. Here each
record is checked with the same rules as the desk's own operations (creating
a room, recording a person, registering an owner, a move-in), duplicates are
found inside the file and against the database, and everything is written in
one transaction, with one audit entry per created record.

Nothing is written when a row is refused, unless ``skip_invalid``; a
``dry_run`` checks everything and writes nothing. No Qt, no openpyxl.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

import peewee as pw

from models import audit
from models import validation as v
from models.db import database, now, write_tx
from models.errors import Conflict, DomainError, InvalidInput
from models.estate import (HANDED_OVER, LET, OCCUPIED, VACANT, Building, Entrance, Room, RoomInput,
                           label_from_code, state_label, validate_room)
from models.i18n import _
from models.people import (CO_OWNER, OWNER, PARTY_ROLES, RESIDENT, TENANT, Person, PersonInput, Phone, RoomParty,
                           Vehicle, party_role_label, validate_person)

# The deed number of an ownership taken from a roster that gives none (stored data, not a message).
IMPORTED_DEED_NO = "导入"
PROGRESS_EVERY = 500

Record = tuple[int, dict[str, Any]]
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ImportField:
    """A field a roster may hold; the reader maps its column headers onto ``key``."""
    key: str
    label: str              # English source, shown through _() when a column is missing
    required: bool = False
    multiple: bool = False  # several columns may feed it (mobile + landline)


_PERSON_FIELDS = (
    ImportField("id_type", "ID type"),
    ImportField("id_number", "ID number"),
    ImportField("phone", "Phone", multiple=True),
    ImportField("start_date", "Move-in date"),
    ImportField("deed_no", "Title deed no."),
)
FIELDS: dict[str, tuple[ImportField, ...]] = {
    "rooms": (
        ImportField("room", "Room number", required=True),
        ImportField("building", "Building"),
        ImportField("entrance", "Entrance"),
        ImportField("area", "Gross area", required=True),
        ImportField("use", "Use"),
        ImportField("state", "State"),
        ImportField("note", "Note"),
        ImportField("owner_name", "Owner's name"),
    ) + _PERSON_FIELDS,
    "people": (
        ImportField("room", "Room number", required=True),
        ImportField("building", "Building"),
        ImportField("entrance", "Entrance"),
        ImportField("name", "Name", required=True),
        ImportField("role", "Owner, tenant or resident"),
        ImportField("gender", "Gender"),
        ImportField("employer", "Employer"),
        ImportField("emergency_name", "Emergency contact"),
        ImportField("emergency_relation", "Emergency contact's relation"),
        ImportField("emergency_phone", "Emergency contact's phone"),
        ImportField("plate", "Licence plate", multiple=True),
        ImportField("parking_space", "Parking space"),
        ImportField("relation", "Relation to the owner"),
        ImportField("lease_start", "Lease start"),
        ImportField("lease_end", "Lease end"),
        ImportField("lease_no", "Lease no."),
        ImportField("notes", "Note"),
    ) + _PERSON_FIELDS,
}

# Words an office writes in the role and ID-type columns (data, as rosters spell them).
ROLE_WORDS = {
    "业主": OWNER, "产权人": OWNER, "房主": OWNER, "户主": OWNER,
    "共有人": CO_OWNER, "产权共有人": CO_OWNER, "共同业主": CO_OWNER, "共有权人": CO_OWNER,
    "租户": TENANT, "承租人": TENANT, "租客": TENANT,
    "住户": RESIDENT, "家属": RESIDENT, "同住人": RESIDENT, "居住人": RESIDENT, "家庭成员": RESIDENT,
}
ID_TYPE_WORDS = {
    "身份证": v.ID_MAINLAND, "居民身份证": v.ID_MAINLAND, "二代身份证": v.ID_MAINLAND,
    "护照": "passport", "港澳通行证": "hk_macau", "回乡证": "hk_macau", "港澳居民来往内地通行证": "hk_macau",
    "台胞证": "taiwan", "台湾居民来往大陆通行证": "taiwan", "永久居留证": "foreign_pr",
    "外国人永久居留证": "foreign_pr", "外国人永久居留身份证": "foreign_pr", "其他": "other", "其它": "other",
}
_SEPARATORS = re.compile(r"[/,，;；、\n]+")


# --- the report ------------------------------------------------------------------------------

@dataclass
class ImportReport:
    kind: str
    source: str = ""
    rows_read: int = 0
    refused: list[tuple[int, str]] = field(default_factory=list)   # (row number, reason)
    rooms_created: int = 0
    people_created: int = 0
    people_matched: int = 0        # rows naming someone already recorded
    ties_created: int = 0          # ownerships, tenancies, residents
    dry_run: bool = False
    skip_invalid: bool = False
    written: bool = False

    @property
    def rows_accepted(self) -> int:
        return self.rows_read - len(self.refused)

    def summary(self, limit: int = 20) -> str:
        counts = dict(read=self.rows_read, good=self.rows_accepted, bad=len(self.refused),
                      rooms=self.rooms_created, people=self.people_created, ties=self.ties_created)
        if self.kind == "rooms":
            what = _("{rooms} rooms, {people} people and {ties} ownerships").format(**counts)
        else:
            what = _("{people} people and {ties} ties to rooms (owners, tenants, residents)").format(**counts)
        if self.dry_run:
            lines = [_("Trial run: {read} rows read, {good} correct, {bad} refused; nothing was written.").format(
                **counts), _("Importing would record {what}.").format(what=what)]
        elif self.written:
            lines = [_("{read} rows read; recorded: {what}.").format(read=self.rows_read, what=what)]
            if self.refused:
                lines.append(_("{bad} rows were refused and left out:").format(**counts))
        else:
            lines = [_("{read} rows read, {bad} refused: nothing was imported. Correct the rows below and import "
                       "again, or import only the correct rows.").format(**counts)]
        if self.people_matched:
            lines.append(_("{n} rows name people already recorded; they were linked, not changed.").format(
                n=self.people_matched))
        lines += [_("Row {row}: {reason}").format(row=row, reason=reason) for row, reason in self.refused[:limit]]
        if len(self.refused) > limit:
            lines.append(_("… and {n} more refused rows.").format(n=len(self.refused) - limit))
        return "\n".join(lines)


# --- reading raw cells ---------------------------------------------------------------------------

def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        # 15 significant digits drop a float's binary noise (89.55000000000001 → 89.55, 3.0 → 3).
        return format(value, ".15g")
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    return str(value)


def _text(value) -> str:
    """Codes, numbers, words from a list: full-width folded to half-width (３栋 → 3栋)."""
    return v.clean(_cell(value))


def _free(value) -> str:
    """Names and free text keep their Chinese punctuation, as the desk's own forms do."""
    return v.clean_text(_cell(value))


def _values(value) -> list[str]:
    """Several values in one field: several columns, or one cell with 、/,; between them."""
    items = value if isinstance(value, (list, tuple)) else [value]
    out: list[str] = []
    for item in items:
        out += [part.strip() for part in _SEPARATORS.split(_text(item)) if part.strip()]
    return out


def _date(value, field_name: str) -> dt.date | None:
    if value is None or (not isinstance(value, dt.date) and not _text(value)):
        return None
    return v.parse_date(value if isinstance(value, dt.date) else _text(value), field=field_name)


def _word(value, words: dict[str, str], table: dict[str, str]) -> str | None:
    """A key from the roster's word, the key itself, or its English or Chinese label."""
    text = v.compact(value)
    if text in words:
        return words[text]
    for key, label in table.items():
        if text.lower() in (key, label.lower()) or text == _(label):
            return key
    return None


def _id_type(value) -> str:
    if not _text(value):
        return v.ID_MAINLAND
    key = _word(value, ID_TYPE_WORDS, v.ID_TYPES)
    if key is None:
        raise InvalidInput(_("Unknown document type: {type}").format(type=_text(value)), field="id_type")
    return key


def _role(value) -> str:
    key = _word(value, ROLE_WORDS, PARTY_ROLES)
    if key is None:
        raise InvalidInput(_("The role {value} is not one of: 业主, 共有人, 租户, 住户.").format(
            value=_text(value) or "“”"), field="role")
    return key


def _room_parts(rec: dict) -> tuple[str, str, str]:
    """Building, entrance, number from a full code (3-2-1201, 3栋2单元1201) or from three columns."""
    room, building, entrance = _text(rec.get("room")), _text(rec.get("building")), _text(rec.get("entrance"))
    if not room:
        raise InvalidInput(_("The room number is empty."), field="room")
    parts = v.parse_room_code(room)
    if parts is None:
        if not building:
            raise InvalidInput(_("The room {room} has no building: fill in the building column or write the room "
                                 "in full, e.g. 3-2-1201.").format(room=room), field="building")
        return building, entrance, room
    b, e, number = parts
    if building and v.code_part(building, "Building", "building") != b:
        raise InvalidInput(_("The room {room} is not in building {building} named in the same row.").format(
            room=room, building=building), field="building")
    if entrance and e and v.code_part(entrance, "Entrance", "entrance") != e:
        raise InvalidInput(_("The room {room} is not in entrance {entrance} named in the same row.").format(
            room=room, entrance=entrance), field="entrance")
    return b, e or entrance, number


def _room_code(rec: dict) -> str:
    b, e, number = _room_parts(rec)
    return v.room_code(v.code_part(b, "Building", "building"),
                       v.code_part(e, "Entrance", "entrance") if v.compact(e) else "",
                       v.code_part(number, "Room number", "number"))


def _person(rec: dict, name_key: str) -> dict:
    raw_id = rec.get("id_number")
    if isinstance(raw_id, float):
        # Excel keeps 15 significant digits of a number: an 18-digit ID typed as a number is already lost.
        raise InvalidInput(_("The ID number was stored as a number, so Excel kept only its first 15 digits; "
                             "format the column as text and type the number again."), field="id_number")
    id_number = _text(raw_id)
    plates = _values(rec.get("plate"))
    space = _free(rec.get("parking_space"))
    return validate_person(PersonInput(
        name=_free(rec.get(name_key)), id_type=_id_type(rec.get("id_type")), id_number=id_number,
        gender=_text(rec.get("gender")), phones=[(p, "mobile") for p in _values(rec.get("phone"))],
        employer=_free(rec.get("employer")), emergency_name=_free(rec.get("emergency_name")),
        emergency_relation=_free(rec.get("emergency_relation")), emergency_phone=_text(rec.get("emergency_phone")),
        vehicles=[(p, space if i == 0 else "") for i, p in enumerate(plates)], notes=_free(rec.get("notes"))))


def _need_id(person: dict, role: str) -> None:
    # transfer_ownership and move_in_tenant refuse an owner or tenant with no ID on file (seed 004 标准3).
    if not person["id_number"]:
        raise InvalidInput(_("{name} is recorded as {role}, which needs the ID document; the ID number is empty.")
                           .format(name=person["name"], role=party_role_label(role)), field="id_number")


# --- one row's plan ------------------------------------------------------------------------------

@dataclass
class _Plan:
    row: int
    code: str
    room: dict | None = None          # a room to create (rooms roster)
    person: dict | None = None        # the person the row names
    role: str = OWNER
    relation: str = ""
    start: dt.date | None = None
    lease_end: dt.date | None = None
    document_no: str = ""

    @property
    def person_key(self):
        """Who the person is: their document, or (for someone with none) this row alone."""
        if self.person is None:
            return None
        if self.person["id_number"]:
            return (self.person["id_type"], self.person["id_number"])
        return ("row", self.row)


def _room_plan(row: int, rec: dict, today: dt.date) -> _Plan:
    b, e, number = _room_parts(rec)
    room = validate_room(RoomInput(b, e, number, _text(rec.get("area")), _text(rec.get("use")) or "residential",
                                   _text(rec.get("state")) or VACANT, _free(rec.get("note"))))
    plan = _Plan(row, room["code"], room=room)
    if _text(rec.get("owner_name")) or _text(rec.get("id_number")) or _values(rec.get("phone")):
        if len(_values(rec.get("owner_name"))) > 1:
            # Each owner needs an ID number of their own: co-owners go in the people roster.
            raise InvalidInput(_("{names}: one owner per row; list co-owners (共有人) in the people roster.").format(
                names=_free(rec.get("owner_name"))), field="owner_name")
        plan.person = _person(rec, "owner_name")
        _need_id(plan.person, OWNER)
        plan.start = _date(rec.get("start_date"), "start_date") or today
        plan.document_no = _free(rec.get("deed_no"))[:60] or IMPORTED_DEED_NO
        if room["state"] == VACANT:   # as transfer_ownership: a room with an owner is handed over
            room["state"] = HANDED_OVER
    return plan


def _person_plan(row: int, rec: dict, today: dt.date) -> _Plan:
    code = _room_code(rec)
    role = _role(rec.get("role")) if "role" in rec else OWNER   # a roster with no role column lists owners
    person = _person(rec, "name")
    plan = _Plan(row, code, person=person, role=role)
    if role != RESIDENT:
        _need_id(person, role)
    if role == TENANT:
        start = _date(rec.get("lease_start"), "lease_start") or _date(rec.get("start_date"), "start_date")
        end = _date(rec.get("lease_end"), "lease_end")
        if start is None:
            raise InvalidInput(_("A tenant needs the lease start date."), field="lease_start")
        if end is None:
            raise InvalidInput(_("A tenant needs the lease end date."), field="lease_end")
        if end < start:
            raise InvalidInput(_("The tenancy ends ({end}) before it starts ({start}).").format(end=end, start=start),
                               field="lease_end")
        plan.start, plan.lease_end, plan.document_no = start, end, _free(rec.get("lease_no"))[:60]
    else:
        plan.start = _date(rec.get("start_date"), "start_date") or today
        if role == RESIDENT:
            plan.relation = _free(rec.get("relation"))[:20]
        else:
            plan.document_no = _free(rec.get("deed_no"))[:60] or IMPORTED_DEED_NO
    return plan


# --- checks against the file and the database -----------------------------------------------------

def _chunks(items: list, size: int = 500):
    for start in range(0, len(items), size):
        yield items[start:start + size]


class _Checker:
    """Refuses rows that clash with an earlier row of the file or with the records."""

    def __init__(self, plans: list[_Plan], report: ImportReport):
        self.report = report
        self.refused_rows: set[int] = set()
        keys = {p.person_key for p in plans if p.person_key and p.person_key[0] != "row"}
        self.recorded_people: dict[tuple, tuple[int, str]] = {}
        for chunk in _chunks(sorted({k[1] for k in keys})):
            query = Person.select(Person.id, Person.id_type, Person.id_number, Person.name).where(
                Person.id_number.in_(chunk))
            for pid, id_type, number, name in query.tuples():
                self.recorded_people[(id_type, number)] = (pid, name)
        self.first_in_file: dict[tuple, tuple[int, str]] = {}

    def refuse(self, plan: _Plan, error: DomainError) -> None:
        self.report.refused.append((plan.row, str(error)))
        self.refused_rows.add(plan.row)

    def person(self, plan: _Plan) -> int | None:
        """The recorded person's id, or None for someone new; refuses a name that contradicts."""
        key, name = plan.person_key, plan.person["name"]
        if key in self.recorded_people:
            pid, recorded = self.recorded_people[key]
            if recorded != name:
                raise Conflict(_("ID number {number} is already recorded for {name}.").format(
                    number=v.mask_id(key[1]), name=recorded), field="id_number")
            return pid
        first = self.first_in_file.get(key)
        if first and first[1] != name:
            raise Conflict(_("ID number {number} is also on row {row}, with the name {name}.").format(
                number=v.mask_id(key[1]), row=first[0], name=first[1]), field="id_number")
        return None

    def keep_person(self, plan: _Plan) -> None:
        self.first_in_file.setdefault(plan.person_key, (plan.row, plan.person["name"]))


def _check_rooms_roster(plans: list[_Plan], checker: _Checker) -> None:
    recorded: set[str] = set()
    for chunk in _chunks(sorted({p.code for p in plans})):
        recorded |= {code for (code,) in Room.select(Room.code).where(Room.code.in_(chunk)).tuples()}
    seen: dict[str, int] = {}
    for plan in plans:
        try:
            label = label_from_code(plan.code)
            if plan.code in recorded:
                raise Conflict(_("Room {room} already exists.").format(room=label), field="room")
            if plan.code in seen:
                raise Conflict(_("Room {room} is already on row {row}.").format(room=label, row=seen[plan.code]),
                               field="room")
            if plan.person is not None:
                checker.person(plan)
        except DomainError as error:
            checker.refuse(plan, error)
            continue
        seen[plan.code] = plan.row
        if plan.person is not None:
            checker.keep_person(plan)


def _check_people_roster(plans: list[_Plan], checker: _Checker) -> dict[str, tuple[int, str]]:
    """Returns the rooms the rows name: code → (id, state)."""
    rooms: dict[str, tuple[int, str]] = {}
    for chunk in _chunks(sorted({p.code for p in plans})):
        for rid, code, state in Room.select(Room.id, Room.code, Room.state).where(Room.code.in_(chunk)).tuples():
            rooms[code] = (rid, state)
    ties: dict[int, list[tuple[int, str, str]]] = {}    # room id → current (person id, role, name)
    for chunk in _chunks(sorted(rid for rid, _s in rooms.values())):
        query = (RoomParty.select(RoomParty.room, RoomParty.person, RoomParty.role, Person.name).join(Person)
                 .where(RoomParty.room.in_(chunk) & RoomParty.end_date.is_null()))
        for rid, pid, role, name in query.tuples():
            ties.setdefault(rid, []).append((pid, role, name))
    listed: dict[tuple, int] = {}            # (room code, person key) → row
    listed_names: dict[tuple, tuple[int, bool]] = {}   # (room code, name) → (row, has a document)
    owner_row: dict[str, int] = {}           # room code → row of its owner in the file
    for plan in plans:
        try:
            label = label_from_code(plan.code)
            if plan.code not in rooms:
                raise Conflict(_("Room {room} is not recorded; import the rooms first.").format(room=label),
                               field="room")
            rid = rooms[plan.code][0]
            pid = checker.person(plan)
            name = plan.person["name"]
            has_id = bool(plan.person["id_number"])
            # Someone with no document is known only by name: the same name at the same room is the same person.
            if any(t[0] == pid if pid is not None else (not has_id and t[2] == name) for t in ties.get(rid, ())):
                raise Conflict(_("{name} is already recorded at {room}.").format(name=name, room=label))
            same_name = listed_names.get((plan.code, name))
            row = listed.get((plan.code, plan.person_key)) or (
                same_name[0] if same_name and not (has_id and same_name[1]) else None)
            if row:
                raise Conflict(_("{name} is already listed for {room} on row {row}.").format(
                    name=name, room=label, row=row))
            if plan.role == OWNER:
                owners = [t[2] for t in ties.get(rid, ()) if t[1] == OWNER]
                if owners:
                    raise Conflict(_("{room} already has an owner on record ({name}); a change of owner is a "
                                     "transfer (过户) at the desk.").format(room=label, name="、".join(owners)))
                if plan.code in owner_row:
                    raise Conflict(_("{room} already has its owner on row {row}; list the others as co-owners "
                                     "(共有人).").format(room=label, row=owner_row[plan.code]))
        except DomainError as error:
            checker.refuse(plan, error)
            continue
        listed[(plan.code, plan.person_key)] = plan.row
        listed_names.setdefault((plan.code, name), (plan.row, bool(plan.person["id_number"])))
        checker.keep_person(plan)
        if plan.role == OWNER:
            owner_row[plan.code] = plan.row
    # A co-owner comes with an owner, and a room is let only by its owner (move_in_tenant).
    owned = {code for code, (rid, _s) in rooms.items() if any(t[1] in (OWNER, CO_OWNER) for t in ties.get(rid, ()))}
    owned |= set(owner_row)
    for plan in plans:
        if plan.row in checker.refused_rows or plan.code in owned or plan.role not in (CO_OWNER, TENANT):
            continue
        label = label_from_code(plan.code)
        if plan.role == TENANT:
            checker.refuse(plan, Conflict(_("{room} has no owner on record; register the owner before letting it.")
                                          .format(room=label)))
        else:
            checker.refuse(plan, Conflict(_("{room} has no owner on record or in the file; a co-owner is registered "
                                            "with the owner.").format(room=label)))
    return rooms


# --- writing -----------------------------------------------------------------------------------------

def _execute_many(model, rows: list[dict]) -> None:
    """One prepared INSERT run for every row (DB-API executemany).

    Building a many-row INSERT through the query builder costs more than the database's own
    work; a statement prepared once keeps 20,000 rows to a fraction of a second.
    """
    if not rows:
        return
    db = database.obj
    # The model's defaults for what the rows leave out, as peewee's own inserts would fill them.
    defaults = {f.name: f.default() if callable(f.default) else f.default for f in model._meta.sorted_fields
                if f.name not in rows[0] and f.default is not None and not f.primary_key}
    rows = [{**defaults, **row} for row in rows] if defaults else rows
    names = list(rows[0])
    fields = [model._meta.fields[name] for name in names]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        pw.quote((model._meta.table_name,), db.quote), ", ".join(pw.quote((f.column_name,), db.quote) for f in fields),
        ", ".join([db.param] * len(fields)))
    params = [tuple(f.db_value(row[name]) for f, name in zip(fields, names)) for row in rows]
    db.cursor().executemany(sql, params)


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


def _where(report: ImportReport, row: int) -> str:
    return _("Imported from {source}, row {row}").format(source=report.source or "-", row=row)


def _write_people(actor, plans: list[_Plan], checker: _Checker, report: ImportReport, stamp) -> dict:
    """Create the new people the accepted rows name; returns person key → id (new and recorded)."""
    ids = {key: pid for key, (pid, _n) in checker.recorded_people.items()}
    first: dict[tuple, _Plan] = {}
    for plan in plans:
        if plan.person is not None and plan.person_key not in ids:
            first.setdefault(plan.person_key, plan)
    columns = ("name", "initials", "gender", "id_type", "id_number", "id_rev", "birth_date", "employer",
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
        snap = {"id": pid, **{c: person[c] for c in columns if c not in ("initials", "id_rev")},
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


def _write_ties(actor, plans: list[_Plan], room_ids: dict[str, int], person_ids: dict, report: ImportReport,
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


def _write_rooms(actor, plans: list[_Plan], report: ImportReport, stamp) -> dict[str, int]:
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


def _next_state(state: str, role: str) -> str:
    """The room's state after a tie starts, as the desk's operations move it."""
    if role in (OWNER, CO_OWNER) and state == VACANT:
        return HANDED_OVER
    if role == TENANT:
        return LET
    if role == RESIDENT and state in (VACANT, HANDED_OVER):
        return OCCUPIED
    return state


_STATE_REASONS = {HANDED_OVER: "owner registered", LET: "tenant moved in", OCCUPIED: "resident moved in"}


def _write_room_states(actor, plans: list[_Plan], rooms: dict[str, tuple[int, str]]) -> None:
    states = {code: state for code, (_rid, state) in rooms.items()}
    for plan in plans:
        states[plan.code] = _next_state(states[plan.code], plan.role)
    changed: dict[str, list[int]] = {}
    for code, state in states.items():
        if state != rooms[code][1]:
            changed.setdefault(state, []).append(rooms[code][0])
    for state, ids in changed.items():
        for chunk in _chunks(ids):
            Room.update(state=state).where(Room.id.in_(chunk)).execute()
    # record_many keeps no "before": the state the room left is named in the summary instead.
    entries = [(rooms[code][0], f"{_(_STATE_REASONS[state])}（{state_label(rooms[code][1])} → {state_label(state)}）",
                {"state": state}) for code, state in states.items() if state != rooms[code][1]]
    audit.record_many(actor, "room.state", "room", entries)


def _count_new(plans: list[_Plan], checker: _Checker, report: ImportReport) -> None:
    """What an import would record, for a trial run or a refused file."""
    keys = {p.person_key for p in plans if p.person is not None}
    report.people_created = len({k for k in keys if k not in checker.recorded_people})
    report.ties_created = sum(1 for p in plans if p.person is not None)
    report.rooms_created = sum(1 for p in plans if p.room is not None)


# --- entry points -----------------------------------------------------------------------------------------

def import_records(actor, kind: str, records: Iterable[Record], *, skip_invalid: bool = False,
                   dry_run: bool = False, progress: Progress | None = None, source: str = "") -> ImportReport:
    """Check and record a roster: ``kind`` is "rooms" or "people".

    ``records`` are (spreadsheet row number, {field key: raw value}); the keys are those of
    ``FIELDS[kind]``. Returns the report; nothing is written when a row is refused unless
    ``skip_invalid``, and never on a ``dry_run``. ``progress(done, total)`` may raise
    ``Cancelled``: the transaction is then rolled back.
    """
    actor.require("records.import")
    if kind not in FIELDS:
        raise InvalidInput(_("Unknown kind of roster: {kind}").format(kind=kind))
    records = list(records)
    if not records:
        raise InvalidInput(_("There are no rows to import under the header."))
    report = ImportReport(kind=kind, source=source, rows_read=len(records), dry_run=dry_run,
                          skip_invalid=skip_invalid)
    make_plan = _room_plan if kind == "rooms" else _person_plan
    today = dt.date.today()
    total = len(records)
    plans: list[_Plan] = []
    for done, (row, rec) in enumerate(records, 1):
        try:
            plans.append(make_plan(row, rec, today))
        except DomainError as error:
            report.refused.append((row, str(error)))
        if progress and done % PROGRESS_EVERY == 0:
            progress(done, total)

    # The checks against the records and the writes share one transaction, so nothing can
    # slip in between; a trial run takes no write lock.
    with (contextlib.nullcontext() if dry_run else write_tx()):
        checker = _Checker(plans, report)
        if kind == "rooms":
            _check_rooms_roster(plans, checker)
            rooms = {}
        else:
            rooms = _check_people_roster(plans, checker)
        report.refused.sort()
        good = [p for p in plans if p.row not in checker.refused_rows]
        report.people_matched = sum(1 for p in good if p.person is not None and p.person_key in checker.recorded_people)
        if dry_run or (report.refused and not skip_invalid) or not good:
            _count_new(good, checker, report)
            if not dry_run:
                report.rooms_created = report.people_created = report.ties_created = 0
            return report
        stamp = now()
        if kind == "rooms":
            room_ids = _write_rooms(actor, good, report, stamp)
        else:
            room_ids = {code: rid for code, (rid, _s) in rooms.items()}
        if progress:
            progress(total, total)
        person_ids = _write_people(actor, good, checker, report, stamp)
        _write_ties(actor, good, room_ids, person_ids, report, stamp)
        if kind == "people":
            _write_room_states(actor, good, rooms)
        report.written = True
        audit.record(actor, f"import.{kind}", entity="import", summary=report.summary(limit=0).split("\n")[0]
                     + (f" ({report.source})" if report.source else ""))
        if progress:
            progress(total, total)
    return report
