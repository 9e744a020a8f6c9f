"""One roster row read and checked on its own: raw cells cleaned, then the row's plan.

Each row is checked with the same rules as the desk's own operations (creating a room,
recording a person, registering an owner, a move-in); what needs the other rows or the
records is checked in ``checks``. A row is checked as far as its checks can run apart,
and every problem found is kept on its plan (``Plan.problems``): a clerk correcting a row
learns everything wrong with it at once, not one thing per import.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from models import validation as v
from models.errors import DomainError, InvalidInput
from models.records.estate import HANDED_OVER, VACANT, RoomInput, validate_room
from models.i18n import _
from models.cells import FormulaNotCalculated, UncalculatedFormula, cell_date, cell_free, cell_text
from models.records.people import (CO_OWNER, OWNER, PARTY_ROLES, RESIDENT, TENANT, PersonInput, party_role_label,
                           validate_person)

# The deed number of an ownership taken from a roster that gives none (stored data, not a message).
IMPORTED_DEED_NO = "导入"

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


def _values(value) -> list[str]:
    """Several values in one field: several columns, or one cell with 、/,; between them."""
    items = value if isinstance(value, (list, tuple)) else [value]
    out: list[str] = []
    for item in items:
        out += [part.strip() for part in _SEPARATORS.split(cell_text(item)) if part.strip()]
    return out


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
    if not cell_text(value):
        return v.ID_MAINLAND
    key = _word(value, ID_TYPE_WORDS, v.ID_TYPES)
    if key is None:
        raise InvalidInput(_("Unknown document type: {type}").format(type=cell_text(value)), field="id_type")
    return key


def _role(value) -> str:
    key = _word(value, ROLE_WORDS, PARTY_ROLES)
    if key is None:
        raise InvalidInput(_("The role {value} is not one of: 业主, 共有人, 租户, 住户.").format(
            value=v.shown(cell_text(value))), field="role")
    return key


def _room_parts(rec: dict) -> tuple[str, str, str]:
    """Building, entrance, number from a full code (3-2-1201, 3栋2单元1201) or from three columns."""
    room, building, entrance = cell_text(rec.get("room")), cell_text(rec.get("building")), cell_text(rec.get("entrance"))
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


def room_code_of(rec: dict) -> str:
    """The room code a row names (building, entrance, number), checked as the room dialog checks it."""
    b, e, number = _room_parts(rec)
    return v.room_code(v.code_part(b, "Building", "building"),
                       v.code_part(e, "Entrance", "entrance") if v.compact(e) else "",
                       v.code_part(number, "Room number", "number"))


class Problems:
    """Every problem of one row, each said once.

    A field found wrong is not blamed again by a later check (an unreadable area is not
    also "empty"); ``validated`` runs a whole-record validation again with a stand-in for
    each field it refuses, so that one wrong field does not hide the next.
    """

    def __init__(self):
        self._found: list[str | None] = []      # None: where the unreadable formulas are told
        self._formulas: list[str] = []
        self.fields: set[str] = set()

    def __bool__(self) -> bool:
        return bool(self._found)

    @property
    def messages(self) -> list[str]:
        """What is wrong, in the order found; the formulas with no saved result told once, together."""
        return [m if m is not None else str(FormulaNotCalculated(self._formulas)) for m in self._found]

    def add(self, error: DomainError, field_name: str | None = None) -> None:
        name = field_name or error.field
        if name is not None and name in self.fields:
            return
        if name is not None:
            self.fields.add(name)
        if isinstance(error, FormulaNotCalculated):
            if not self._formulas:
                self._found.append(None)
            self._formulas += [c for c in error.cells if c not in self._formulas]
        elif str(error) not in self._found:
            self._found.append(str(error))

    def run(self, check: Callable, *args, default=None, field_name: str | None = None):
        """``check(*args)``, or ``default`` when it refuses (the refusal is kept)."""
        try:
            return check(*args)
        except InvalidInput as error:
            self.add(error, field_name)
            return default

    def validated(self, validate: Callable, data, stand_ins: dict[str, Any]) -> tuple[dict | None, set[str]]:
        """``validate(data)`` with a stand-in for each field it refuses (``stand_ins``: field → value).

        Returns the validated fields (stand-ins included; ``None`` when a refusal has no
        stand-in) and the fields that were stood in for.
        """
        stood_in: set[str] = set()
        for name in self.fields & set(stand_ins):      # already found wrong (an unreadable cell)
            data = dataclasses.replace(data, **{name: stand_ins[name]})
            stood_in.add(name)
        while True:
            try:
                return validate(data), stood_in
            except InvalidInput as error:
                self.add(error)
                if error.field not in stand_ins or error.field in stood_in:
                    return None, stood_in
                data = dataclasses.replace(data, **{error.field: stand_ins[error.field]})
                stood_in.add(error.field)


# What lets a record's validation check its other fields once one is found wrong (never stored:
# a row with a problem is refused). Keys are the fields the validations name; values fit them.
_ROOM_STAND_INS = {"building": "1", "entrance": "", "number": "101", "area": "1", "use": "residential",
                   "state": VACANT, "note": ""}
_PERSON_STAND_INS = {"name": "待定", "id_type": "other", "id_number": "", "gender": "", "phones": [],
                     "employer": "", "emergency_name": "待定", "emergency_relation": "", "emergency_phone": "",
                     "vehicles": [], "notes": ""}
# A refusal names the field as the form does; the input field it stands in for.
_PERSON_FIELD_OF = {"phone": "phones", "plate": "vehicles"}


_IDENTITY = frozenset({"name", "id_type", "id_number"})


def _person(rec: dict, name_key: str, problems: Problems) -> tuple[dict | None, dict]:
    """The person a row names, and what was read of them (name, ID number, for the row's other checks).

    The person's fields are validated, with stand-ins for any found wrong (a bad phone), as
    long as who they are (name and document) is sound, so that the checks against the file
    and the records still run; a row with a problem is never written. None otherwise.
    """
    def read(reader, key, name):
        return problems.run(reader, rec.get(key), default=_PERSON_STAND_INS[name], field_name=name)

    raw_id = rec.get("id_number")
    if isinstance(raw_id, float):
        # Excel keeps 15 significant digits of a number: an 18-digit ID typed as a number is already lost.
        problems.add(InvalidInput(_("The ID number was stored as a number, so Excel kept only its first 15 digits; "
                                    "format the column as text and type the number again."), field="id_number"))
        raw_id = None
    id_type = problems.run(_id_type, rec.get("id_type"), default="other", field_name="id_type")
    plates = problems.run(_values, rec.get("plate"), default=[], field_name="vehicles")
    space = problems.run(cell_free, rec.get("parking_space"), default="", field_name="vehicles")
    phones = problems.run(_values, rec.get("phone"), default=[], field_name="phones")
    data = PersonInput(
        name=read(cell_free, name_key, "name"), id_type=id_type, id_number=read(cell_text, "id_number", "id_number")
        if raw_id is not None else "",
        gender=read(cell_text, "gender", "gender"), phones=[(p, "mobile") for p in phones],
        employer=read(cell_free, "employer", "employer"), emergency_name=read(cell_free, "emergency_name", "emergency_name"),
        emergency_relation=read(cell_free, "emergency_relation", "emergency_relation"),
        emergency_phone=read(cell_text, "emergency_phone", "emergency_phone"),
        vehicles=[(p, space if i == 0 else "") for i, p in enumerate(plates)], notes=read(cell_free, "notes", "notes"))

    def validate(data: PersonInput) -> dict:
        try:
            return validate_person(data)
        except InvalidInput as error:
            name = _PERSON_FIELD_OF.get(error.field, error.field)
            raise InvalidInput(str(error), field=name) from error

    person, _stood_in = problems.validated(validate, data, _PERSON_STAND_INS)
    # The ID number as validated, or None when it is itself in question (then nothing says it is missing).
    read_as = {"name": "" if "name" in problems.fields else data.name,
               "id_number": None if person is None or "id_number" in problems.fields
               else person["id_number"] or ""}
    return (None if person is None or problems.fields & _IDENTITY else person), read_as


def _need_id(name: str, id_number, role: str) -> None:
    # transfer_ownership and move_in_tenant refuse an owner or tenant with no ID on file (seed 004 标准3).
    if not id_number:
        raise InvalidInput(_("{name} is recorded as {role}, which needs the ID document; the ID number is empty.")
                           .format(name=v.shown(name), role=party_role_label(role)), field="id_number")


def _filled_in(rec: dict, *keys: str) -> bool:
    """Whether any of these cells holds something (a formula with no saved result counts)."""
    for key in keys:
        items = rec.get(key)
        for item in items if isinstance(items, (list, tuple)) else [items]:
            if isinstance(item, UncalculatedFormula) or (item is not None and cell_text(item)):
                return True
    return False


# --- one row's plan ------------------------------------------------------------------------------

@dataclass
class Plan:
    row: int
    code: str                         # "" when the row's room cannot be read
    room: dict | None = None          # a room to create (rooms roster)
    person: dict | None = None        # the person the row names (None when unnamed or who is in doubt)
    role: str = OWNER                 # "" when the role cannot be read
    relation: str = ""
    start: dt.date | None = None
    lease_end: dt.date | None = None
    document_no: str = ""
    problems: list[str] = field(default_factory=list)   # why the row is refused, each said once

    @property
    def person_key(self):
        """Who the person is: their document, or (for someone with none) this row alone."""
        if self.person is None:
            return None
        if self.person["id_number"]:
            return (self.person["id_type"], self.person["id_number"])
        return ("row", self.row)

    def refuse(self, reason: str) -> None:
        if reason not in self.problems:
            self.problems.append(reason)


def room_plan(row: int, rec: dict, today: dt.date) -> Plan:
    problems = Problems()
    parts = problems.run(_room_parts, rec, field_name="number")
    b, e, number = parts or (_ROOM_STAND_INS["building"], "", _ROOM_STAND_INS["number"])

    def read(key, name, reader=cell_text):
        return problems.run(reader, rec.get(key), default=_ROOM_STAND_INS[name], field_name=name)

    data = RoomInput(b, e, number, read("area", "area"), read("use", "use") or "residential",
                     read("state", "state") or VACANT, read("note", "note", cell_free))
    room, stood_in = problems.validated(validate_room, data, _ROOM_STAND_INS)
    plan = Plan(row, room["code"] if room and parts and not stood_in & {"building", "entrance", "number"} else "")
    plan.room = None if problems else room
    if _filled_in(rec, "owner_name", "id_number", "phone"):
        owner_names = problems.run(_values, rec.get("owner_name"), default=[], field_name="name")
        if len(owner_names) > 1:
            # Each owner needs an ID number of their own: co-owners go in the people roster.
            problems.add(InvalidInput(_("{names}: one owner per row; list co-owners (共有人) in the people roster.")
                                      .format(names=cell_free(rec.get("owner_name"))), field="name"))
        person, read_as = _person(rec, "owner_name", problems)
        if read_as["id_number"] is not None:
            problems.run(_need_id, read_as["name"], read_as["id_number"], OWNER)
        plan.person = person
        plan.start = problems.run(cell_date, rec.get("start_date"), "start_date") or today
        plan.document_no = (problems.run(cell_free, rec.get("deed_no"), default="") or "")[:60] or IMPORTED_DEED_NO
        if room and room["state"] == VACANT:   # as transfer_ownership: a room with an owner is handed over
            room["state"] = HANDED_OVER
    plan.problems = problems.messages
    return plan


def person_plan(row: int, rec: dict, today: dt.date) -> Plan:
    problems = Problems()
    code = problems.run(room_code_of, rec, default="", field_name="room")
    # A roster with no role column lists owners.
    role = problems.run(_role, rec.get("role"), default="", field_name="role") if "role" in rec else OWNER
    person, read_as = _person(rec, "name", problems)
    plan = Plan(row, code, person=person, role=role)
    if role not in ("", RESIDENT) and read_as["id_number"] is not None:
        problems.run(_need_id, read_as["name"], read_as["id_number"], role)
    if role == TENANT:
        start = problems.run(cell_date, rec.get("lease_start"), "lease_start", field_name="lease_start")
        if start is None and "lease_start" not in problems.fields:
            start = problems.run(cell_date, rec.get("start_date"), "start_date", field_name="lease_start")
        end = problems.run(cell_date, rec.get("lease_end"), "lease_end", field_name="lease_end")
        if start is None and "lease_start" not in problems.fields:
            problems.add(InvalidInput(_("A tenant needs the lease start date."), field="lease_start"))
        if end is None and "lease_end" not in problems.fields:
            problems.add(InvalidInput(_("A tenant needs the lease end date."), field="lease_end"))
        if start is not None and end is not None and end < start:
            problems.add(InvalidInput(_("The tenancy ends ({end}) before it starts ({start}).").format(
                end=end, start=start), field="lease_end"))
        plan.start, plan.lease_end = start, end
        plan.document_no = (problems.run(cell_free, rec.get("lease_no"), default="") or "")[:60]
    else:
        plan.start = problems.run(cell_date, rec.get("start_date"), "start_date") or today
        if role == RESIDENT:
            plan.relation = (problems.run(cell_free, rec.get("relation"), default="") or "")[:20]
        else:
            plan.document_no = (problems.run(cell_free, rec.get("deed_no"), default="") or "")[:60] or IMPORTED_DEED_NO
    plan.problems = problems.messages
    return plan
