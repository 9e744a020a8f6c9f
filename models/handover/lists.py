"""The handover registers: handovers (交房登记), defects (验房问题), appointments (交房预约); the key
cabinet's (key_lists) and the vacant rooms' (vacant_lists) are loaded with them, on the helpers here.

Each is a ``ListSpec``, so a list on screen and its xlsx export show the same columns, filters and
order. The rows of each list are its own table alone; the room, the owner, the key and the open loan
are looked up for the rows shown (sub-queries by primary key), so the ids of a busy office's 100,000
loans come in one quick query. What depends on the day (a defect's days late, a loan overdue, a
vacant room due for its visit, an entrustment expired) is computed in SQL when the query runs, never
written, so a list left open past midnight shows the new day's truth on its next reload.
"""
from __future__ import annotations

import datetime as dt
import re

import peewee as pw

from models import validation as v
from models.db import database, is_sqlite, now
from models.handover.search import typed_serial
from models.handover.tables import (APPOINTMENT_STATES, DEFECT_STATES, DEPARTMENTS, HANDOVER_PREFIX, LOAN_PREFIX,
                                    METERS, OPEN, Appointment, Defect, Handover, HandoverKey, MeterReading)
from models.i18n import _, label_table
from models.listing import Column, ListSpec, group_concat, prefix, register
from models.records.estate import Building, Entrance, Room
from models.records.people import Person

# A loan as the lists show it, and a vacant room's schedule.
LOAN_OUT, LOAN_OVERDUE, LOAN_RETURNED, LOAN_LOST = "out", "overdue", "returned", "lost"
LOAN_SHOWN = label_table("handover.loan_shown", {
    LOAN_OUT: "Out on loan", LOAN_OVERDUE: "Overdue, not back", LOAN_RETURNED: "Returned to the cabinet",
    LOAN_LOST: "Lost"})
NEVER, VISIT_OVERDUE, VISIT_DUE, VISIT_OK = "never", "overdue", "due", "ok"
VISIT_SHOWN = label_table("handover.visit_shown", {
    NEVER: "Never inspected", VISIT_OVERDUE: "Inspection overdue", VISIT_DUE: "Due today", VISIT_OK: "Not due"})


def today() -> dt.date:
    return dt.date.today()


def moment() -> dt.datetime:
    return now()


class _Param(pw.ColumnBase):
    """A value read each time the statement is built (today, now, the inspection schedule), not at import."""

    def __init__(self, get):
        super().__init__()
        self.get = get

    def __sql__(self, ctx):
        return ctx.value(self.get())       # as dates and times are stored; no driver adapter needed


TODAY = _Param(lambda: today().isoformat())
NOW = _Param(lambda: moment().strftime("%Y-%m-%d %H:%M:%S"))


class _Dialect(pw.ColumnBase):
    """An expression whose SQL is chosen when the query runs, for its database (date arithmetic)."""

    def __init__(self, sqlite, other):
        super().__init__()
        self.sqlite, self.other = sqlite, other

    def __sql__(self, ctx):
        return ctx.sql(self.sqlite() if is_sqlite(database.obj) else self.other())


def day_of(expr):
    """The day of a moment (or a date itself), comparable with a date column."""
    return _Dialect(lambda: pw.fn.date(expr), lambda: pw.Cast(expr, "date"))


def days_between(start, end):
    """Whole days from ``start`` to ``end`` (dates or moments), as an integer."""
    return _Dialect(lambda: pw.Cast(pw.fn.julianday(pw.fn.date(end)) - pw.fn.julianday(pw.fn.date(start)), "INTEGER"),
                    lambda: pw.Cast(end, "date") - pw.Cast(start, "date"))


def plus_days(expr, days):
    """The day ``days()`` after the day of ``expr``."""
    return _Dialect(lambda: pw.fn.date(expr, f"+{int(days())} days"),
                    lambda: pw.Cast(expr, "date") + int(days()))


def yes_label(value) -> str:
    return _("Yes") if value else ""


def yes_no_label(value) -> str:
    return _("Yes") if value else _("No")


def _serial_text(letters: str):
    def show(value) -> str:
        return f"{letters}{int(value) // 1_000_000}-{int(value) % 1_000_000:06d}" if value else ""
    return show


handover_text = _serial_text(HANDOVER_PREFIX)
loan_text = _serial_text(LOAN_PREFIX)

def _label(table: dict):
    return lambda key: _(table.get(key, key))


def _day(value, end: bool = False) -> dt.datetime:
    return dt.datetime.combine(v.parse_date(value), dt.time.max if end else dt.time())


# --- the room a row points at, looked up for the rows shown -----------------------------------------

def _one(query, blank=""):
    return pw.fn.COALESCE(query, blank)


def _of_room(ref, expr, *joined, blank=""):
    query = Room.select(expr)
    for model in joined:
        query = query.join_from(Room, model)
    return _one(query.where(Room.id == ref), blank)


def _room_sort(ref) -> tuple:
    return (_of_room(ref, pw.fn.LENGTH(Building.code), Building, blank=0), _of_room(ref, Building.code, Building),
            _of_room(ref, Entrance.code, Entrance), _of_room(ref, Room.floor, blank=0), _of_room(ref, Room.number))


def room_words(text: str) -> str | None:
    """A room code typed (3-2-12, 3栋2单元12, 1201) in the form Room.code keeps, else None."""
    code = v.compact(text).upper()
    for src, dst in (("号楼", "-"), ("栋", "-"), ("幢", "-"), ("单元", "-"), ("室", "")):
        code = code.replace(src, dst)
    return code if re.fullmatch(r"[0-9A-Z]+(-[0-9A-Z]*)*", code) else None


def rooms_matching(code: str):
    rooms = prefix(Room.code, code) if "-" in code else (prefix(Room.number, code) | prefix(Room.code, code + "-"))
    return Room.select(Room.id).where(rooms)


def _person(ref):
    return _one(Person.select(Person.name).where(Person.id == ref))


def _handover_of(query, serial, ref):
    letters, year, number = serial
    if letters != HANDOVER_PREFIX:
        return query.where(pw.SQL("1 = 0"))
    found = Handover.select(Handover.id).where((Handover.year == year) & (Handover.number == number))
    return query.where(ref.in_(found))


# --- handovers -------------------------------------------------------------------------------------

HANDOVER_SERIAL = Handover.year * 1_000_000 + Handover.number
_NOT_CONFIRMED = Defect.state != "confirmed"


def _keys_given():
    given = HandoverKey.alias("given_l")
    return (given.select(group_concat(given.kind.concat("×").concat(given.count), "、"))
            .where(given.handover == Handover.id))


def _readings():
    read = MeterReading.alias("read_l")
    return (read.select(group_concat(read.meter.concat(" ").concat(read.meter_no).concat(" ")
                                     .concat(read.reading), "；")).where(read.handover == Handover.id))


def readings_label(text) -> str:
    """``water SB-1 12.50；gas RQ-1 0`` as the desk reads it: 水 SB-1：12.5；燃气 RQ-1：0."""
    from models.handover.handing import shown_reading
    shown = []
    for item in str(text or "").split("；"):
        meter, _sep, rest = item.partition(" ")
        number, _sep, value = rest.rpartition(" ")
        try:
            value = shown_reading(value)
        except (ArithmeticError, ValueError):      # not a number (decimal's InvalidOperation): shown as it is
            pass
        shown.append(f"{_(METERS.get(meter, meter))} {number}：{value}" if number else item)
    return "；".join(x for x in shown if x)


def _open_defects(ref):
    return Defect.select(pw.fn.COUNT(Defect.id)).where((Defect.handover == ref) & _NOT_CONFIRMED)


def _with_open_defects(query, on):
    some = pw.fn.EXISTS(Defect.select(Defect.id).where((Defect.handover == Handover.id) & _NOT_CONFIRMED))
    return query.where(some if on else ~some)


def _handovers_text(query, text):
    serial = typed_serial(text)
    if serial is not None:
        return _handover_of(query, serial, Handover.id)
    code = room_words(text)
    if code is not None:
        return query.where(Handover.room.in_(rooms_matching(code)))
    word = v.clean_text(text)
    owners = Person.select(Person.id).where(prefix(Person.name, word))
    return query.where(Handover.owner.in_(owners) | prefix(Handover.clerk, word))


HANDOVERS = register(ListSpec(
    key="handovers", title="Handovers", id_expr=Handover.id, default_sort="serial", default_descending=True,
    permission="handover.view", base=Handover.select,
    columns=[
        Column("serial", "Form no.", HANDOVER_SERIAL, width=14, sort=(Handover.year, Handover.number),
               display=handover_text),
        Column("handed_on", "Handed over on", Handover.handed_on, kind="date", width=10),
        Column("room", "Room", _of_room(Handover.room, Room.code), width=9, sort=_room_sort(Handover.room)),
        Column("owner", "Owner", _person(Handover.owner), width=8),
        Column("documents", "Documents checked", Handover.documents, width=30, sortable=False),
        Column("keys", "Keys handed over", _keys_given(), width=20, sortable=False),
        Column("readings", "Meter readings", _readings(), width=30, display=readings_label, sortable=False),
        Column("open_defects", "Defects open", _one(_open_defects(Handover.id), 0), kind="int", width=4),
        Column("clerk", "Handled by", Handover.clerk, width=8),
        Column("note", "Note", Handover.note, width=16),
    ],
    text_filter=_handovers_text,
    filters={"year": lambda q, y: q.where(Handover.year == v.year(y)),
             "from": lambda q, d: q.where(Handover.handed_on >= v.parse_date(d)),
             "to": lambda q, d: q.where(Handover.handed_on <= v.parse_date(d)),
             "open_defects": _with_open_defects},
    filter_values={"year": v.year, "from": v.parse_date, "to": v.parse_date,
                   "open_defects": v.yes_no("Defects open")},
))

# --- defects ---------------------------------------------------------------------------------------


def _days_late():
    """An open defect past its day: the days since; a repair done late: the days it was late; else none."""
    repaired = day_of(Defect.repaired_at)
    return pw.Case(None, [((Defect.state == OPEN) & (Defect.due_on < TODAY), days_between(Defect.due_on, TODAY)),
                          (Defect.repaired_at.is_null(False) & (repaired > Defect.due_on),
                           days_between(Defect.due_on, Defect.repaired_at))], None)


def _late(query, on):
    late = (Defect.state == OPEN) & (Defect.due_on < TODAY)
    return query.where(late if on else ~late)


def _defects_text(query, text):
    serial = typed_serial(text)
    if serial is not None:
        return _handover_of(query, serial, Defect.handover)
    code = room_words(text)
    if code is not None:
        return query.where(Defect.room.in_(rooms_matching(code)))
    word = v.clean_text(text)
    return query.where(prefix(Defect.location, word) | Defect.description.contains(word)
                       | prefix(Defect.found_by, word))


DEFECTS = register(ListSpec(
    key="defects", title="Handover defects", id_expr=Defect.id, default_sort="found_at", default_descending=True,
    permission="handover.view", base=Defect.select,
    columns=[
        Column("room", "Room", _of_room(Defect.room, Room.code), width=9, sort=_room_sort(Defect.room)),
        Column("handover", "Form no.", _one(Handover.select(HANDOVER_SERIAL).where(Handover.id == Defect.handover), 0),
               width=14, display=handover_text),
        Column("location", "Location", Defect.location, width=8),
        Column("description", "Problem", Defect.description, width=30),
        Column("department", "Responsible department", Defect.department, width=8, display=_label(DEPARTMENTS)),
        Column("due_on", "To be done by", Defect.due_on, kind="date", width=10),
        Column("state", "State", Defect.state, width=10, display=_label(DEFECT_STATES)),
        Column("days_late", "Days late", _days_late(), kind="int", width=5),
        Column("found_at", "Found at", Defect.found_at, kind="datetime", width=16),
        Column("found_by", "Found by", Defect.found_by, width=8),
        Column("repaired_at", "Repaired at", Defect.repaired_at, kind="datetime", width=16),
        Column("repaired_by", "Repaired by", Defect.repaired_by, width=8),
        Column("confirmed_at", "Confirmed at", Defect.confirmed_at, kind="datetime", width=16),
        Column("confirmed_by", "Confirmed by", Defect.confirmed_by, width=8),
    ],
    text_filter=_defects_text,
    filters={"state": lambda q, s: q.where(Defect.state == s), "late": _late,
             "department": lambda q, d: q.where(Defect.department == d),
             "room": lambda q, r: q.where(Defect.room == int(r)),
             "handover": lambda q, h: q.where(Defect.handover == int(h)),
             "from": lambda q, d: q.where(Defect.found_at >= _day(d)),
             "to": lambda q, d: q.where(Defect.found_at <= _day(d, end=True))},
    filter_values={"state": v.choice(DEFECT_STATES, "State", "state"), "late": v.yes_no("Past the due day"),
                   "department": v.choice(DEPARTMENTS, "Responsible department", "department"),
                   "room": lambda t: v.integer(t, "room", low=1, high=10**9, what="The room"),
                   "handover": lambda t: v.integer(t, "handover", low=1, high=10**9, what="The handover"),
                   "from": v.parse_date, "to": v.parse_date},
))

# --- appointments ----------------------------------------------------------------------------------


def _on_day(query, day):
    start = dt.datetime.combine(v.parse_date(day), dt.time())
    return query.where((Appointment.at >= start) & (Appointment.at < start + dt.timedelta(days=1)))


def _appointments_text(query, text):
    code = room_words(text)
    if code is not None:
        return query.where(Appointment.room.in_(rooms_matching(code)))
    word = v.clean_text(text)
    return query.where(prefix(Appointment.name, word) | prefix(Appointment.made_by, word))


APPOINTMENTS = register(ListSpec(
    key="appointments", title="Handover appointments", id_expr=Appointment.id, default_sort="at",
    default_descending=True, permission="handover.view", base=Appointment.select,
    columns=[
        Column("at", "Time", Appointment.at, kind="datetime", width=16),
        Column("room", "Room", _of_room(Appointment.room, Room.code), width=9, sort=_room_sort(Appointment.room)),
        Column("name", "Name", Appointment.name, width=8),
        Column("phone", "Phone", Appointment.phone, width=13, personal="phone"),
        Column("state", "State", Appointment.state, width=8, display=_label(APPOINTMENT_STATES)),
        Column("made_by", "Booked by", Appointment.made_by, width=8),
        Column("made_at", "Booked at", Appointment.made_at, kind="datetime", width=16),
        Column("note", "Note", Appointment.note, width=16),
    ],
    text_filter=_appointments_text,
    filters={"day": _on_day, "state": lambda q, s: q.where(Appointment.state == s),
             "from": lambda q, d: q.where(Appointment.at >= _day(d)),
             "to": lambda q, d: q.where(Appointment.at <= _day(d, end=True))},
    filter_values={"day": v.parse_date, "state": v.choice(APPOINTMENT_STATES, "State", "state"),
                   "from": v.parse_date, "to": v.parse_date},
))

from models.handover import key_lists, vacant_lists  # noqa: E402,F401  (the cabinet's and the vacant rooms' lists)
