"""The vacant rooms' registers (空置房; seed 000 §4.5.3): every vacant room with its last inspection and
when the next is due, and every inspection made.

A room's schedule is computed in SQL when the query runs, against the setting ``vacant.inspect_days``
read then: never inspected, overdue, due today or not due, exactly as ``vacant.due_rooms`` counts a
room due. The rows are the vacant rooms alone (an indexed state), their last inspection looked up by
the (room, at) index, so the 20,000 rooms of a large estate open in one quick query.
"""
from __future__ import annotations

import datetime as dt

import peewee as pw

from models import validation as v
from models.attachments import Attachment
from models.handover.lists import (NEVER, TODAY, VISIT_DUE, VISIT_OK, VISIT_OVERDUE, VISIT_SHOWN, _Param, _day,
                                   _label, _of_room, _one, _room_sort, days_between, plus_days, room_words,
                                   rooms_matching, yes_no_label)
from models.handover import vacant
from models.handover.tables import VacantInspection
from models.listing import Column, ListSpec, prefix, register
from models.records.estate import Building, Entrance, Room


def every() -> int:
    from models.handover.vacant import every as days
    return days()


def _today() -> dt.date:
    from models.handover import lists
    return lists.today()              # read when the query runs (and as a test sets the day)


def _limit(end: bool):
    """The last moment (or the first) of the day ``every()`` days ago: seen by then, a room is due today."""
    def value() -> str:
        day = _today() - dt.timedelta(days=every())
        return dt.datetime.combine(day, dt.time(23, 59, 59) if end else dt.time()).strftime("%Y-%m-%d %H:%M:%S")
    return _Param(value)


_SEEN = VacantInspection.alias("seen_v")
_DAY = pw.DateField()          # how a day computed in SQL reads back (SQLite gives its text)


def _last(expr=None):
    """The room's last inspection (its time, or ``expr`` of it)."""
    if expr is None:       # as an expression (IS NULL, <), its sub-query in brackets
        return pw.NodeList((_SEEN.select(pw.fn.MAX(_SEEN.at)).where(_SEEN.room == Room.id),))
    return pw.NodeList((_SEEN.select(expr).where(_SEEN.room == Room.id).order_by(_SEEN.at.desc(), _SEEN.id.desc())
                        .limit(1),))


def _visit_state():
    last = _last()
    return pw.Case(None, [(last.is_null(), NEVER), (last < _limit(False), VISIT_OVERDUE),
                          (last <= _limit(True), VISIT_DUE)], VISIT_OK)


def _visit_filter(query, state):
    last = _last()
    conditions = {NEVER: last.is_null(), VISIT_OVERDUE: last < _limit(False),
                  VISIT_DUE: (last >= _limit(False)) & (last <= _limit(True)), VISIT_OK: last > _limit(True)}
    return query.where(conditions[state]) if state in conditions else query


def _due(query, on):
    last = _last()
    due = last.is_null() | (last <= _limit(True))
    return query.where(due if on else ~due)


def _vacant_base():
    return Room.select().where(vacant.inspected())


_ROOM_SORT = (pw.fn.COALESCE(Building.select(pw.fn.LENGTH(Building.code)).where(Building.id == Room.building), 0),
              _one(Building.select(Building.code).where(Building.id == Room.building)),
              _one(Entrance.select(Entrance.code).where(Entrance.id == Room.entrance)), Room.floor, Room.number)


def _rooms_text(query, text):
    code = room_words(text)
    if code is None:
        return query.where(pw.SQL("1 = 0"))
    return query.where(Room.id.in_(rooms_matching(code)))


VACANT_ROOMS = register(ListSpec(
    key="vacant_rooms", title="Vacant rooms", id_expr=Room.id, default_sort="room", permission="handover.view",
    base=_vacant_base,
    columns=[
        Column("room", "Room", Room.code, width=9, sort=_ROOM_SORT),
        Column("last_at", "Last inspected", _last().converter(_SEEN.at.python_value), kind="datetime", width=16),
        Column("last_by", "Inspected by", _one(_last(_SEEN.inspector)), width=8),
        Column("last_passed", "All in order", _last(_SEEN.passed), width=4, display=yes_no_label),
        Column("last_findings", "Findings", _one(_last(_SEEN.findings)), width=24),
        Column("days_since", "Days since", days_between(_last(), TODAY), kind="int", width=5),
        Column("next_due", "Next due", plus_days(_last(), every).converter(_DAY.python_value), kind="date", width=10),
        Column("due", "Inspection", _visit_state(), width=8, display=_label(VISIT_SHOWN)),
    ],
    text_filter=_rooms_text,
    filters={"due": _due, "state": _visit_filter},
    filter_values={"due": v.yes_no("Due for inspection"), "state": v.choice(VISIT_SHOWN, "Inspection", "state")},
))

# --- inspections -----------------------------------------------------------------------------------


def _photos():
    return (Attachment.select(pw.fn.COUNT(Attachment.id))
            .where((Attachment.owner_kind == "vacant_inspection") & (Attachment.owner_id == VacantInspection.id)
                   & Attachment.removed_at.is_null()))


def _inspections_text(query, text):
    code = room_words(text)
    if code is not None:
        return query.where(VacantInspection.room.in_(rooms_matching(code)))
    word = v.clean_text(text)
    return query.where(prefix(VacantInspection.inspector, word) | VacantInspection.findings.contains(word))


VACANT_INSPECTIONS = register(ListSpec(
    key="vacant_inspections", title="Vacant-room inspections", id_expr=VacantInspection.id, default_sort="at",
    default_descending=True, permission="handover.view", base=VacantInspection.select,
    columns=[
        Column("at", "Time", VacantInspection.at, kind="datetime", width=16),
        Column("room", "Room", _of_room(VacantInspection.room, Room.code), width=9,
               sort=_room_sort(VacantInspection.room)),
        Column("inspector", "Inspected by", VacantInspection.inspector, width=8),
        Column("passed", "All in order", VacantInspection.passed, width=4, display=yes_no_label),
        Column("findings", "Findings", VacantInspection.findings, width=30),
        Column("photos", "Photos", pw.fn.COALESCE(_photos(), 0), kind="int", width=4),
        Column("recorded_at", "Recorded at", VacantInspection.recorded_at, kind="datetime", width=16),
    ],
    text_filter=_inspections_text,
    filters={"passed": lambda q, yes: q.where(VacantInspection.passed == bool(yes)),
             "room": lambda q, r: q.where(VacantInspection.room == int(r)),
             "from": lambda q, d: q.where(VacantInspection.at >= _day(d)),
             "to": lambda q, d: q.where(VacantInspection.at <= _day(d, end=True))},
    filter_values={"passed": v.yes_no("All in order"),
                   "room": lambda t: v.integer(t, "room", low=1, high=10**9, what="The room"),
                   "from": v.parse_date, "to": v.parse_date},
))
