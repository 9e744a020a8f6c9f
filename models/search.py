"""Global search: one box that finds a room or a person as the clerk types.

Room numbers (``3-2-1201``, ``3栋2单元1201``, ``1201``), names, pinyin
initials, phone tails and ID tails. Each kind of input is one indexed range
query (prefix on a column, or on a reversed column for tails), so a keystroke
is answered in a few milliseconds on a large estate.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from models import validation as v
from models.estate import Building, Entrance, Room, label_from_code
from models.listing import prefix
from models.people import Person, Phone, RoomParty, party_role_label

LIMIT = 20


@dataclass(frozen=True)
class Hit:
    kind: str            # "room" or "person"
    id: int
    title: str
    detail: str
    room_id: int | None = None


def _room_code_prefix(text: str) -> str | None:
    code = v.compact(text).upper()
    for src, dst in (("号楼", "-"), ("栋", "-"), ("幢", "-"), ("座", "-"), ("单元", "-"), ("室", ""), ("号", "")):
        code = code.replace(src, dst)
    if re.fullmatch(r"[0-9A-Z]+-[0-9A-Z-]*", code):
        return code
    return None


def _room_hits(query) -> list[Hit]:
    """Rooms in the order of the building (floor, then number), each with its owners' names."""
    rows = list(query.select(Room.id, Room.code).order_by(Room.entrance, Room.floor, Room.number)
                .limit(LIMIT).tuples())
    owners: dict[int, list[str]] = {}
    if rows:
        for rid, name in (RoomParty.select(RoomParty.room, Person.name).join(Person)
                          .where(RoomParty.room.in_([r[0] for r in rows]) & RoomParty.end_date.is_null()
                                 & RoomParty.role.in_(("owner", "co_owner"))).order_by(RoomParty.id).tuples()):
            owners.setdefault(rid, []).append(name)
    return [Hit("room", rid, label_from_code(code), "、".join(owners.get(rid, [])), rid) for rid, code in rows]


def _person_hits(people_ids: list[int], why: dict[int, str]) -> list[Hit]:
    if not people_ids:
        return []
    names = dict(Person.select(Person.id, Person.name).where(Person.id.in_(people_ids)).tuples())
    rooms: dict[int, list[tuple[str, str, int]]] = {}
    ties = (RoomParty.select(RoomParty.person, RoomParty.role, Room.code, Room.id).join(Room)
            .where(RoomParty.person.in_(people_ids) & RoomParty.end_date.is_null()).tuples())
    for pid, role, code, rid in ties:
        rooms.setdefault(pid, []).append((code, role, rid))
    hits = []
    for pid in people_ids:
        if pid not in names:
            continue
        tied = rooms.get(pid, [])
        detail = "，".join(f"{label_from_code(code)} {party_role_label(role)}" for code, role, _r in tied[:3])
        if why.get(pid):
            detail = f"{why[pid]}  {detail}".strip()
        hits.append(Hit("person", pid, names[pid], detail, tied[0][2] if tied else None))
    return hits


def search(text: str, limit: int = LIMIT) -> list[Hit]:
    """Rooms and people matching what was typed, best kind first."""
    t = v.compact(text)
    if not t:
        return []
    hits: list[Hit] = []
    code = _room_code_prefix(t)
    if code:
        hits += _room_hits(Room.select().where(prefix(Room.code, code)))
    elif re.fullmatch(r"\d+[Xx]?", t):
        if t.isdigit() and len(t) <= 5:
            hits += _room_hits(Room.select().where(Room.number == t))
        if len(t) >= 4:
            rev = t.upper()[::-1]
            why: dict[int, str] = {}
            for pid, number in (Phone.select(Phone.person, Phone.number).where(prefix(Phone.number_rev, rev))
                                .limit(limit).tuples()):
                why.setdefault(pid, v.mask_phone(number))
            for pid, number in (Person.select(Person.id, Person.id_number).where(prefix(Person.id_rev, rev))
                                .limit(limit).tuples()):
                why.setdefault(pid, v.mask_id(number))
            hits += _person_hits(list(why)[:limit], why)
    elif re.fullmatch(r"[A-Za-z]+", t):
        ids = [pid for (pid,) in Person.select(Person.id).where(prefix(Person.initials, t.lower()))
               .order_by(Person.initials, Person.id).limit(limit).tuples()]
        hits += _person_hits(ids, {})
    else:
        name = v.clean(text)
        ids = [pid for (pid,) in Person.select(Person.id).where(prefix(Person.name, name))
               .order_by(Person.name, Person.id).limit(limit).tuples()]
        hits += _person_hits(ids, {})
    return hits[:limit]


def building_codes() -> list[str]:
    return [b for (b,) in Building.select(Building.code).order_by(Building.code).tuples()]


__all__ = ["Hit", "search", "building_codes", "Entrance"]
