"""The renovation registers (装修登记): applications, inspections, rectification notices.

Each is a ``ListSpec``, so the screen and its xlsx export show the same columns, filters and
order. The rows of each list are its own table alone; the room, the owner, the contractor and the
money are looked up for the rows shown (sub-queries by primary key), so the ids of a busy office's
100,000 rows come in one quick query, as the release register does. A notice past its deadline
and still open is 逾期 (computed in SQL against the day the query runs, never written).
"""
from __future__ import annotations

import datetime as dt
import re

import peewee as pw

from models import validation as v
from models.i18n import _, label_table
from models.listing import Column, ListSpec, prefix, register
from models.money.ledger import Deposit, Receipt
from models.records.estate import Building, Entrance, Room
from models.records.people import Person, Phone
from models.renovation.works import (ADDRESSEES, INSPECTION_KINDS, NOTICE_DONE, NOTICE_ESCALATED, NOTICE_OPEN,
                                     NOTICE_OVERDUE, NOTICE_PREFIX, ON_SITE, RENOVATION, SERIAL_PREFIX, STATES, WORKS,
                                     Contractor, Escalation, Inspection, RectificationNotice, Renovation, Worker)

# A notice's state as the lists show it: an open notice past its deadline is overdue.
NOTICE_SHOWN = label_table("renovation.notice_shown", {
    NOTICE_OPEN: "Open", NOTICE_OVERDUE: "Overdue", NOTICE_DONE: "Rectified", NOTICE_ESCALATED: "Escalated"})


def today() -> dt.date:
    return dt.date.today()


class _Today(pw.ColumnBase):
    """Today's date as a parameter, read each time the statement is built (not when this module loaded)."""

    def __sql__(self, ctx):
        return ctx.value(today().isoformat())      # as dates are stored; no driver adapter needed


def yes_no_label(value) -> str:
    return _("Yes") if value else _("No")


def works_label(keys) -> str:
    return "，".join(_(WORKS.get(key, key)) for key in str(keys or "").split(",") if key)   # labels hold 、


def _serial_text(prefix_letters: str):
    def show(value) -> str:
        return f"{prefix_letters}{int(value) // 1_000_000}-{int(value) % 1_000_000:06d}" if value else ""
    return show


renovation_text = _serial_text(SERIAL_PREFIX)
notice_text = _serial_text(NOTICE_PREFIX)
receipt_text = _serial_text("")

_TYPED = re.compile(r"(?:NO\.?)?(ZX|ZG)?(\d{4})-(\d{1,6})")


def typed_serial(text) -> tuple[str, int, int] | None:
    """("ZX" or "ZG" or "", year, number) of a number typed into a search box (ZX2026-000012, ZG2026-3,
    2026-12), else None. The year and a dash are needed, so a room number is never read as one."""
    raw = v.compact(v.search_text(text)).upper().replace("－", "-").split("/")[0]
    match = _TYPED.fullmatch(raw[:30])
    if not match or not 1990 <= int(match.group(2)) <= 2100 or int(match.group(3)) == 0:
        return None
    return match.group(1) or "", int(match.group(2)), int(match.group(3))


def _day(value, end: bool = False) -> dt.datetime:
    return dt.datetime.combine(v.parse_date(value), dt.time.max if end else dt.time())


# --- what the rows point at, looked up for the rows shown ------------------------------------------

def _one(query, blank=""):
    """A sub-query's one value as a column expression (sortable); ``blank`` when it finds none."""
    return pw.fn.COALESCE(query, blank)


def _of_room(ref, expr, *joined, blank="", through: bool = False):
    """A value of a row's room, as an expression a list can select and sort by: ``ref`` is the room's
    id (an application's), or with ``through`` the id of the application whose room it is (an
    inspection's, a notice's; joined inside the sub-query, one level deep)."""
    query = Room.select(expr)
    for model in joined:
        query = query.join_from(Room, model)
    if through:
        return _one(query.join_from(Room, Renovation, on=(Renovation.room == Room.id)).where(Renovation.id == ref),
                    blank)
    return _one(query.where(Room.id == ref), blank)


def _room_sort(ref, through: bool = False) -> tuple:
    return (_of_room(ref, pw.fn.LENGTH(Building.code), Building, blank=0, through=through),
            _of_room(ref, Building.code, Building, through=through),
            _of_room(ref, Entrance.code, Entrance, through=through),
            _of_room(ref, Room.floor, blank=0, through=through), _of_room(ref, Room.number, through=through))


def _renovation_serial(renovation_ref):
    return _one(Renovation.select(Renovation.year * 1_000_000 + Renovation.number)
                .where(Renovation.id == renovation_ref), 0)


def _room_words(text: str) -> str | None:
    """A room code typed (3-2-12, 3栋2单元12, 1201) in the form Room.code is kept, else None."""
    code = v.compact(text).upper()
    for src, dst in (("号楼", "-"), ("栋", "-"), ("幢", "-"), ("单元", "-"), ("室", "")):
        code = code.replace(src, dst)
    return code if re.fullmatch(r"[0-9A-Z]+(-[0-9A-Z]*)*", code) else None


def _rooms_matching(code: str):
    rooms = prefix(Room.code, code) if "-" in code else (prefix(Room.number, code) | prefix(Room.code, code + "-"))
    return Room.select(Room.id).where(rooms)


def _renovations_of_rooms(code: str):
    return Renovation.select(Renovation.id).where(Renovation.room.in_(_rooms_matching(code)))


def _by_serial(query, serial, renovation_ref):
    kind, year, number = serial
    if kind == NOTICE_PREFIX:
        return query.where(pw.SQL("1 = 0"))
    found = Renovation.select(Renovation.id).where((Renovation.year == year) & (Renovation.number == number))
    return query.where(renovation_ref.in_(found))


# --- renovations --------------------------------------------------------------------------------

SERIAL = Renovation.year * 1_000_000 + Renovation.number


def state_label(key: str) -> str:
    return RENOVATION.label(key)


def _owner_phone():
    return _one(Phone.select(Phone.number).where(Phone.person == Renovation.owner)
                .order_by(Phone.is_primary.desc(), Phone.id).limit(1))


def _renovations_text(query, text):
    serial = typed_serial(text)
    if serial is not None:
        return _by_serial(query, serial, Renovation.id)
    code = _room_words(text)
    if code is not None:
        return query.where(Renovation.room.in_(_rooms_matching(code)))
    word = v.clean_text(text)
    contractors = Contractor.select(Contractor.id).where(Contractor.name.contains(word)
                                                         | prefix(Contractor.person_in_charge, word))
    owners = Person.select(Person.id).where(prefix(Person.name, word))
    return query.where(Renovation.contractor.in_(contractors) | Renovation.owner.in_(owners)
                       | prefix(Renovation.agent_name, word))


def _as_state(text) -> str:
    return v.label_key(text, STATES, "State", "state")


def _past_end(query, on):
    late = Renovation.state.in_(ON_SITE) & (Renovation.end_on < _Today())
    return query.where(late if on else ~late)


RENOVATIONS = register(ListSpec(
    key="renovations", title="Renovations", id_expr=Renovation.id, default_sort="serial", default_descending=True,
    permission="renovation.view", base=Renovation.select,
    columns=[
        Column("serial", "Application no.", SERIAL, width=14, sort=(Renovation.year, Renovation.number),
               display=renovation_text),
        Column("room", "Room", _of_room(Renovation.room, Room.code), width=9, sort=_room_sort(Renovation.room)),
        Column("owner", "Owner", _one(Person.select(Person.name).where(Person.id == Renovation.owner)), width=8),
        Column("owner_phone", "Owner phone", _owner_phone(), width=13, personal="phone", sortable=False),
        Column("agent", "Agent", Renovation.agent_name, width=8),
        Column("contractor", "Contractor", _one(Contractor.select(Contractor.name)
                                                .where(Contractor.id == Renovation.contractor)), width=24),
        Column("contractor_phone", "Contractor phone", _one(Contractor.select(Contractor.phone)
                                                            .where(Contractor.id == Renovation.contractor)), width=13),
        Column("works", "Works", Renovation.works, width=24, display=works_label, sortable=False),
        Column("works_note", "Other works", Renovation.works_note, width=16),
        Column("start_on", "Start", Renovation.start_on, kind="date", width=10),
        Column("end_on", "Planned end", Renovation.end_on, kind="date", width=10),
        Column("state", "State", Renovation.state, width=8, display=state_label),
        Column("workers", "Workers", _one(Worker.select(pw.fn.COUNT(Worker.id))
                                          .where(Worker.renovation == Renovation.id), 0), kind="int", width=4),
        Column("receipt", "Fees receipt no.", _one(Receipt.select(Receipt.year * 1_000_000 + Receipt.number)
                                                   .where(Receipt.id == Renovation.receipt), 0),
               width=12, display=receipt_text),
        Column("deposit_held", "Deposit held", _one(Deposit.select(Deposit.held_fen)
                                                    .where(Deposit.id == Renovation.deposit), None),
               kind="money", width=10),
        Column("submitted_at", "Submitted at", Renovation.submitted_at, kind="datetime", width=16),
        Column("received_by", "Papers taken by", Renovation.received_by, width=8),
        Column("decided_by", "Decided by", Renovation.decided_by, width=8),
        Column("decided_at", "Decided at", Renovation.decided_at, kind="datetime", width=16),
        Column("decision_note", "Reasons", Renovation.decision_note, width=20),
        Column("owner_told_at", "Owner told at", Renovation.owner_told_at, kind="datetime", width=16),
        Column("accepted_at", "Accepted at", Renovation.accepted_at, kind="datetime", width=16),
        Column("settled_at", "Settled at", Renovation.settled_at, kind="datetime", width=16),
    ],
    text_filter=_renovations_text,
    filters={"state": lambda q, s: q.where(Renovation.state == s),
             "overdue": _past_end,
             "year": lambda q, y: q.where(Renovation.year == v.year(y)),
             "from": lambda q, d: q.where(Renovation.submitted_at >= _day(d)),
             "to": lambda q, d: q.where(Renovation.submitted_at <= _day(d, end=True))},
    filter_values={"state": _as_state, "overdue": v.yes_no("Past the planned end"), "year": v.year,
                   "from": v.parse_date, "to": v.parse_date},
))

# --- inspections --------------------------------------------------------------------------------


def kind_label(key: str) -> str:
    return _(INSPECTION_KINDS.get(key, key))


def quiet_label(value) -> str:
    return "" if value is None else yes_no_label(value)


def _inspections_text(query, text):
    serial = typed_serial(text)
    if serial is not None:
        if serial[0] == NOTICE_PREFIX:      # a notice's number: the inspection that raised it
            raised = RectificationNotice.select(RectificationNotice.inspection).where(
                (RectificationNotice.year == serial[1]) & (RectificationNotice.number == serial[2]))
            return query.where(Inspection.id.in_(raised))
        return _by_serial(query, serial, Inspection.renovation)
    code = _room_words(text)
    if code is not None:
        return query.where(Inspection.renovation.in_(_renovations_of_rooms(code)))
    return query.where(prefix(Inspection.inspector, v.clean_text(text)))


INSPECTIONS = register(ListSpec(
    key="inspections", title="Inspections", id_expr=Inspection.id, default_sort="at", default_descending=True,
    permission="renovation.view", base=Inspection.select,
    columns=[
        Column("at", "Time", Inspection.at, kind="datetime", width=16),
        Column("room", "Room", _of_room(Inspection.renovation, Room.code, through=True), width=9,
               sort=_room_sort(Inspection.renovation, through=True)),
        Column("renovation", "Application no.", _renovation_serial(Inspection.renovation), width=14,
               display=renovation_text),
        Column("kind", "Kind", Inspection.kind, width=8, display=kind_label),
        Column("inspector", "Inspector", Inspection.inspector, width=8),
        Column("quiet_ok", "Quiet hours kept", Inspection.quiet_ok, width=4, display=quiet_label),
        Column("passed", "Passed", Inspection.passed, width=4, display=yes_no_label),
        Column("findings", "Findings", Inspection.findings, width=30),
        Column("notices", "Notices raised", _one(RectificationNotice.select(pw.fn.COUNT(RectificationNotice.id))
                                                 .where(RectificationNotice.inspection == Inspection.id), 0),
               kind="int", width=4),
    ],
    text_filter=_inspections_text,
    filters={"kind": lambda q, k: q.where(Inspection.kind == k),
             "passed": lambda q, yes: q.where(Inspection.passed == bool(yes)),
             "quiet": lambda q, yes: q.where(Inspection.quiet_ok == bool(yes)),
             "year": lambda q, y: q.where((Inspection.on >= dt.date(v.year(y), 1, 1))
                                          & (Inspection.on <= dt.date(v.year(y), 12, 31))),
             "from": lambda q, d: q.where(Inspection.on >= v.parse_date(d)),
             "to": lambda q, d: q.where(Inspection.on <= v.parse_date(d))},
    filter_values={"kind": v.choice(INSPECTION_KINDS, "Kind", "kind"), "passed": v.yes_no("Passed"),
                   "quiet": v.yes_no("Quiet hours kept"), "year": v.year, "from": v.parse_date, "to": v.parse_date},
))

# --- rectification notices ------------------------------------------------------------------------

NOTICE_SERIAL = RectificationNotice.year * 1_000_000 + RectificationNotice.number


def _notice_state():
    return pw.Case(None, [((RectificationNotice.state == NOTICE_OPEN) & (RectificationNotice.deadline < _Today()),
                           NOTICE_OVERDUE)], RectificationNotice.state)


def notice_state_label(key: str) -> str:
    return _(NOTICE_SHOWN.get(key, key))


def addressee_label(key: str) -> str:
    return _(ADDRESSEES.get(key, key))


def _notice_state_filter(query, state):
    still = RectificationNotice.deadline >= _Today()
    opened = RectificationNotice.state == NOTICE_OPEN
    conditions = {NOTICE_OPEN: opened & still, NOTICE_OVERDUE: opened & ~still,
                  NOTICE_DONE: RectificationNotice.state == NOTICE_DONE,
                  NOTICE_ESCALATED: RectificationNotice.state == NOTICE_ESCALATED}
    return query.where(conditions[state]) if state in conditions else query


def _overdue(query, on):
    late = (RectificationNotice.state == NOTICE_OPEN) & (RectificationNotice.deadline < _Today())
    return query.where(late if on else ~late)


def _notices_text(query, text):
    serial = typed_serial(text)
    if serial is not None:
        kind, year, number = serial
        if kind == NOTICE_PREFIX or not kind:
            found = (RectificationNotice.year == year) & (RectificationNotice.number == number)
            if kind:
                return query.where(found)
            mine = Renovation.select(Renovation.id).where((Renovation.year == year) & (Renovation.number == number))
            return query.where(found | RectificationNotice.renovation.in_(mine))
        return _by_serial(query, serial, RectificationNotice.renovation)
    code = _room_words(text)
    if code is not None:
        return query.where(RectificationNotice.renovation.in_(_renovations_of_rooms(code)))
    word = v.clean_text(text)
    return query.where(prefix(RectificationNotice.issued_by, word) | prefix(RectificationNotice.signed_by, word))


NOTICES = register(ListSpec(
    key="notices", title="Rectification notices", id_expr=RectificationNotice.id, default_sort="serial",
    default_descending=True, permission="renovation.view", base=RectificationNotice.select,
    columns=[
        Column("serial", "Notice no.", NOTICE_SERIAL, width=14,
               sort=(RectificationNotice.year, RectificationNotice.number), display=notice_text),
        Column("room", "Room", _of_room(RectificationNotice.renovation, Room.code, through=True), width=9,
               sort=_room_sort(RectificationNotice.renovation, through=True)),
        Column("renovation", "Application no.", _renovation_serial(RectificationNotice.renovation), width=14,
               display=renovation_text),
        Column("addressed_to", "Addressed to", RectificationNotice.addressed_to, width=8, display=addressee_label),
        Column("finding", "Finding", RectificationNotice.finding, width=30),
        Column("rule", "Rule broken", RectificationNotice.rule, width=24),
        Column("required", "What must be done", RectificationNotice.required, width=24),
        Column("deadline", "Deadline", RectificationNotice.deadline, kind="date", width=10),
        Column("state", "State", _notice_state(), width=8, display=notice_state_label),
        Column("issued_by", "Issued by", RectificationNotice.issued_by, width=8),
        Column("issued_at", "Issued at", RectificationNotice.issued_at, kind="datetime", width=16),
        Column("signed_by", "Signed for by", RectificationNotice.signed_by, width=8),
        Column("rectified_at", "Rectified at", RectificationNotice.rectified_at, kind="datetime", width=16),
        Column("escalated_to", "Escalated to", _one(Escalation.select(Escalation.to)
                                                    .where(Escalation.id == RectificationNotice.escalation)), width=12),
    ],
    text_filter=_notices_text,
    filters={"state": _notice_state_filter, "overdue": _overdue,
             "year": lambda q, y: q.where(RectificationNotice.year == v.year(y)),
             "from": lambda q, d: q.where(RectificationNotice.issued_at >= _day(d)),
             "to": lambda q, d: q.where(RectificationNotice.issued_at <= _day(d, end=True))},
    filter_values={"state": lambda text: v.label_key(text, NOTICE_SHOWN, "State", "state"),
                   "overdue": v.yes_no("Overdue"), "year": v.year, "from": v.parse_date, "to": v.parse_date},
))
