"""Global search: one box that finds a room or a person as the clerk types.

Room numbers (``3-2-1201``, ``3栋2单元1201``, ``1201``), names, pinyin
initials, phone tails and ID tails. Each kind of input is one SQL statement:
an indexed range (a prefix on a column, or on a reversed column for tails)
joined to what the pop-up shows, so a keystroke costs little more than the
bare indexed query. Registered with the toolbar's search (``models.searching``)
as two providers, rooms first, then people; ``search`` asks both, for the
records' own pickers.
"""
from __future__ import annotations

import re
from functools import lru_cache

from models import validation as v
from models.db import database
from models.records.estate import label_from_code
from models.records.people import party_role_label
from models.searching import LIMIT, Hit, register_search_provider

__all__ = ["Hit", "LIMIT", "search", "rooms_matching", "people_matching"]


# {p} is the driver's parameter mark; {agg} the dialect's string aggregation.
_ROOMS_SQL = """
SELECT r.id, r.code, {agg}
FROM (SELECT id, code, entrance_id, floor, number FROM room WHERE {where} LIMIT 400) r
LEFT JOIN room_party rp ON rp.room_id = r.id AND rp.end_date IS NULL AND rp.role IN ('owner', 'co_owner')
LEFT JOIN person p ON p.id = rp.person_id
GROUP BY r.id, r.code, r.entrance_id, r.floor, r.number
ORDER BY r.entrance_id, r.floor, r.number LIMIT {limit}"""

_PEOPLE_SQL = """
SELECT m.id, m.name, m.shown, r.id, r.code, rp.role
FROM (SELECT {cols} FROM {source} WHERE {where} ORDER BY {order} LIMIT {limit}) m
LEFT JOIN room_party rp ON rp.person_id = m.id AND rp.end_date IS NULL
LEFT JOIN room r ON r.id = rp.room_id
ORDER BY m.rank, m.id, rp.id"""

_PERSON_SOURCES = {
    "name": ("id, name, '' AS shown, name AS rank", "person", "name >= {p} AND name < {p}", "name, id"),
    "initials": ("id, name, '' AS shown, initials AS rank", "person", "initials >= {p} AND initials < {p}",
                 "initials, id"),
    "id_tail": ("id, name, id_number AS shown, 1 AS rank", "person", "id_rev >= {p} AND id_rev < {p}", "id"),
    "phone_tail": ("person.id, person.name, phone.number AS shown, 0 AS rank",
                   "phone JOIN person ON person.id = phone.person_id",
                   "phone.number_rev >= {p} AND phone.number_rev < {p}", "phone.id"),
}

_sql_cache: dict[tuple, str] = {}


def _sql(kind: str, key: str = "") -> str:
    """The statement text for this database's dialect, built once."""
    db = database.obj
    cache_key = (type(db).__name__, kind, key)
    text = _sql_cache.get(cache_key)
    if text is None:
        p = db.param
        agg = ("GROUP_CONCAT(p.name, '、')" if p == "?" else "STRING_AGG(p.name, '、' ORDER BY rp.id)")
        if kind == "rooms":
            where = {"code": f"code >= {p} AND code < {p}", "number": f"number = {p}"}[key]
            text = _ROOMS_SQL.format(agg=agg, where=where, limit=LIMIT)
        else:
            cols, source, where, order = _PERSON_SOURCES[key]
            text = _PEOPLE_SQL.format(cols=cols, source=source, where=where.format(p=p), order=order,
                                      limit=LIMIT)
        _sql_cache[cache_key] = text
    return text


def _room_code_prefix(text: str) -> str | None:
    code = v.compact(text).upper()
    for src, dst in (("号楼", "-"), ("栋", "-"), ("幢", "-"), ("座", "-"), ("单元", "-"), ("室", ""), ("号", "")):
        code = code.replace(src, dst)
    if re.fullmatch(r"[0-9A-Z]+-[0-9A-Z-]*", code):
        return code
    return None


def _rooms(key: str, params: tuple) -> list[Hit]:
    rows = database.obj.execute_sql(_sql("rooms", key), params).fetchall()
    return [Hit("room", rid, label_from_code(code), owners or "", rid) for rid, code, owners in rows]


def _people(key: str, value: str, masker=None) -> list[Hit]:
    rows = database.obj.execute_sql(_sql("people", key), (value, value + "\uffff")).fetchall()
    order: list[int] = []
    facts: dict[int, dict] = {}
    for pid, name, shown, room_id, code, role in rows:
        fact = facts.get(pid)
        if fact is None:
            fact = facts[pid] = {"name": name, "shown": masker(shown) if masker and shown else "", "rooms": []}
            order.append(pid)
        if code and all(code != c for c, _r, _i in fact["rooms"]):
            fact["rooms"].append((code, role, room_id))
    hits = []
    for pid in order:
        fact = facts[pid]
        detail = "，".join(f"{label_from_code(c)} {party_role_label(r)}" for c, r, _i in fact["rooms"][:3])
        if fact["shown"]:
            detail = f"{fact['shown']}  {detail}".strip()
        hits.append(Hit("person", pid, fact["name"], detail, fact["rooms"][0][2] if fact["rooms"] else None))
    return hits


@lru_cache(maxsize=8)
def _reading(text: str) -> tuple[str, str]:
    """What was typed, read once per keystroke for both providers: (way, value).

    ``code``: a room code prefix; ``digits``: a room number and/or a phone or ID tail;
    ``initials``; ``name``; ``""`` when there is nothing to look for.
    """
    text = v.search_text(text)     # a pasted lone surrogate or NUL must not break or widen the search
    t = v.compact(text)
    if not t:
        return "", ""
    code = _room_code_prefix(t)
    if code:
        return "code", code
    if re.fullmatch(r"\d+[Xx]?", t):
        return "digits", t
    if re.fullmatch(r"[A-Za-z]+", t):
        return "initials", t.lower()
    return "name", v.clean(text)


def rooms_matching(text: str, limit: int = LIMIT) -> list[Hit]:
    """Rooms by code prefix (3-2-12, 3栋2单元12) or, for up to five digits, by room number."""
    way, value = _reading(text)
    if way == "code":
        return _rooms("code", (value, value + "\uffff"))[:limit]
    if way == "digits" and value.isdigit() and len(value) <= 5:
        return _rooms("number", (value,))[:limit]
    return []


def people_matching(text: str, limit: int = LIMIT) -> list[Hit]:
    """People by name prefix, pinyin initials, or (four digits or more) phone and ID tails."""
    way, value = _reading(text)
    if way == "digits":
        if len(value) < 4:
            return []
        rev = value.upper()[::-1]
        hits, seen = [], set()
        for hit in _people("phone_tail", rev, v.mask_phone) + _people("id_tail", rev, v.mask_id):
            if hit.id not in seen:
                seen.add(hit.id)
                hits.append(hit)
        return hits[:limit]
    if way in ("initials", "name"):
        return _people(way, value)[:limit]
    return []


def search(text: str, limit: int = LIMIT) -> list[Hit]:
    """Rooms and people matching what was typed, best kind first."""
    rooms = rooms_matching(text, limit)
    if len(rooms) >= limit:
        return rooms[:limit]
    return rooms + people_matching(text, limit - len(rooms))


register_search_provider("room", "[Room]", rooms_matching, order=10)
register_search_provider("person", "[Person]", people_matching, order=20)
