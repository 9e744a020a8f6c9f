"""One roster row read and checked on its own: raw cells cleaned, then the row's plan.

Each row is checked with the same rules as the desk's own operations (creating a room,
recording a person, registering an owner, a move-in); what needs the other rows or the
records is checked in ``checks``.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from models import validation as v
from models.errors import InvalidInput
from models.estate import HANDED_OVER, VACANT, RoomInput, validate_room
from models.i18n import _
from models.people import (CO_OWNER, OWNER, PARTY_ROLES, RESIDENT, TENANT, PersonInput, party_role_label,
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
class Plan:
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


def room_plan(row: int, rec: dict, today: dt.date) -> Plan:
    b, e, number = _room_parts(rec)
    room = validate_room(RoomInput(b, e, number, _text(rec.get("area")), _text(rec.get("use")) or "residential",
                                   _text(rec.get("state")) or VACANT, _free(rec.get("note"))))
    plan = Plan(row, room["code"], room=room)
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


def person_plan(row: int, rec: dict, today: dt.date) -> Plan:
    code = _room_code(rec)
    role = _role(rec.get("role")) if "role" in rec else OWNER   # a roster with no role column lists owners
    person = _person(rec, "name")
    plan = Plan(row, code, person=person, role=role)
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
