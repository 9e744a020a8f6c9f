"""Global search: one box that finds a room or a person as the clerk types.

Room numbers (``3-2-1201``, ``3栋2单元1201``, ``1201``), names, pinyin
initials, phone tails and ID tails. Each kind of input is one SQL statement:
an indexed range (a prefix on a column, or on a reversed column for tails)
joined to what the pop-up shows, so a keystroke costs little more than the
bare indexed query.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from models import validation as v
from models.db import database
from models.records.estate import label_from_code
from models.records.people import party_role_label

LIMIT = 20


@dataclass(frozen=True)
class Hit:
    kind: str            # "room" or "person"
    id: int
    title: str
    detail: str
    room_id: int | None = None


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


def search(text: str, limit: int = LIMIT) -> list[Hit]:
    """Rooms and people matching what was typed, best kind first."""
    text = v.search_text(text)     # a pasted lone surrogate or NUL must not break or widen the search
    t = v.compact(text)
    if not t:
        return []
    code = _room_code_prefix(t)
    if code:
        return _rooms("code", (code, code + "\uffff"))[:limit]
    if re.fullmatch(r"\d+[Xx]?", t):
        hits: list[Hit] = []
        if t.isdigit() and len(t) <= 5:
            hits += _rooms("number", (t,))
        if len(t) >= 4:
            rev = t.upper()[::-1]
            seen = {h.id for h in hits if h.kind == "person"}
            for hit in _people("phone_tail", rev, v.mask_phone) + _people("id_tail", rev, v.mask_id):
                if hit.id not in seen:
                    seen.add(hit.id)
                    hits.append(hit)
        return hits[:limit]
    if re.fullmatch(r"[A-Za-z]+", t):
        return _people("initials", t.lower())[:limit]
    return _people("name", v.clean(text))[:limit]
