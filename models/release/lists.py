"""The release registers (放行登记): slips, calls to owners, the director's approvals.

Each is a ``ListSpec``, so the screen and its xlsx export show the same columns, filters and
order. A slip's state as the lists show it is computed in SQL: an unused slip past its
valid-until day is 已过期 (never written), compared with today's date when the query runs, so a
list left open past midnight shows the new day's truth on its next reload.
"""
from __future__ import annotations

import datetime as dt
import re

import peewee as pw

from models import validation as v
from models.i18n import _
from models.listing import Column, ListSpec, group_concat, prefix, register
from models.records.estate import Building, Entrance, Room
from models.records.people import Person
from models.release.search import typed_serial
from models.release.slips import (APPROVAL_STATES, CANCELLED, EXPIRED, ISSUED, PARTIES, SHOWN_STATES, USED,
                                  OwnerCall, ReleaseApproval, ReleaseItem, ReleaseSlip, show_serial)

# The states a clerk filters by (``--filter state=unused``); 未使用 is an issued slip still valid.
UNUSED = "unused"
STATE_FILTERS = {UNUSED: SHOWN_STATES[ISSUED], USED: SHOWN_STATES[USED], EXPIRED: SHOWN_STATES[EXPIRED],
                 CANCELLED: SHOWN_STATES[CANCELLED]}


def today() -> dt.date:
    return dt.date.today()


class _Today(pw.ColumnBase):
    """Today's date as a parameter, read each time the statement is built (not when this module loaded)."""

    def __sql__(self, ctx):
        return ctx.value(today().isoformat())      # as dates are stored; no driver adapter needed


def _shown_state():
    return pw.Case(None, [((ReleaseSlip.state == ISSUED) & (ReleaseSlip.valid_until < _Today()), EXPIRED)],
                   ReleaseSlip.state)


def state_label(key: str) -> str:
    return _(SHOWN_STATES.get(key, key))


def party_label(key: str) -> str:
    return _(PARTIES.get(key, key))


def yes_no_label(value) -> str:
    return _("Yes") if value else _("No")


# A slip number as one integer (year × 10⁶ + number) every database selects and sorts; shown FX2026-000123.
SERIAL = ReleaseSlip.year * 1_000_000 + ReleaseSlip.number


def serial_text(value) -> str:
    return show_serial(int(value) // 1_000_000, int(value) % 1_000_000) if value else ""


_ROOM_SORT = (pw.fn.LENGTH(Building.code), Building.code, Entrance.code, Room.floor, Room.number)


def _room_or_name(query, text: str, names: tuple, room_of=None):
    """A room code prefix (3-2-12, 3栋2单元12) or a name's beginning in any of ``names``. ``room_of``: the
    list's reference to the room, when the room is not joined (looked up by an indexed sub-query)."""
    code = v.compact(text).upper()
    for src, dst in (("号楼", "-"), ("栋", "-"), ("幢", "-"), ("单元", "-"), ("室", "")):
        code = code.replace(src, dst)
    if re.fullmatch(r"[0-9A-Z]+(-[0-9A-Z]*)*", code):
        rooms = prefix(Room.code, code) if "-" in code else (prefix(Room.number, code) | prefix(Room.code, code + "-"))
        return query.where(room_of.in_(Room.select(Room.id).where(rooms)) if room_of is not None else rooms)
    word = v.clean_text(text)
    condition = prefix(names[0], word)
    for name in names[1:]:
        condition |= prefix(name, word)
    return query.where(condition)


def _day(value, end: bool = False) -> dt.datetime:
    return dt.datetime.combine(v.parse_date(value), dt.time.max if end else dt.time())


def _as_state(text) -> str:
    return v.label_key(text, STATE_FILTERS, "State", "state", aliases={ISSUED: UNUSED})


def _state_filter(query, state):
    still_valid = ReleaseSlip.valid_until >= _Today()
    conditions = {UNUSED: (ReleaseSlip.state == ISSUED) & still_valid,
                  EXPIRED: (ReleaseSlip.state == ISSUED) & ~still_valid,
                  USED: ReleaseSlip.state == USED, CANCELLED: ReleaseSlip.state == CANCELLED}
    return query.where(conditions[state]) if state in conditions else query


# --- slips ----------------------------------------------------------------------------------------

# The register of slips grows by thousands a year: its rows are the slips alone (the room and the director
# are looked up for the rows shown), so the 100,000 ids of a busy office's years come in one quick query.
_APPROVAL = ReleaseApproval.alias("approval_s")


def _slips_base():
    return ReleaseSlip.select()


def _of_room(expr, *joined, blank=""):
    """A value of the slip's room, as an expression a list can select and sort by."""
    query = Room.select(expr)
    for model in joined:
        query = query.join_from(Room, model)
    return pw.fn.COALESCE(query.where(Room.id == ReleaseSlip.room), blank)


_SLIP_ROOM_SORT = (_of_room(pw.fn.LENGTH(Building.code), Building, blank=0), _of_room(Building.code, Building),
                   _of_room(Entrance.code, Entrance), _of_room(Room.floor, blank=0), _of_room(Room.number))


def _goods():
    item = ReleaseItem.alias("item_s")
    note = pw.Case(None, [(item.note != "", pw.Value("（").concat(item.note).concat("）"))], "")
    return (item.select(group_concat(item.name.concat("×").concat(item.quantity).concat(note), "、"))
            .where(item.slip == ReleaseSlip.id))


def _slips_text(query, text):
    serial = typed_serial(text)
    if serial is not None:
        return query.where((ReleaseSlip.year == serial[0]) & (ReleaseSlip.number == serial[1]))
    return _room_or_name(query, text, (ReleaseSlip.person_name, ReleaseSlip.plate), ReleaseSlip.room)


# Widths in characters (a Chinese character counts two): FX2026-000123, 3-2-1201, a name of two to
# four characters; the goods (沙发×1、纸箱×12…) are the widest, and take what the window has left.
RELEASES = register(ListSpec(
    key="releases", title="Release slips", id_expr=ReleaseSlip.id, default_sort="serial", default_descending=True,
    permission="release.view", base=_slips_base,
    columns=[
        Column("serial", "Slip no.", SERIAL, width=14, sort=(ReleaseSlip.year, ReleaseSlip.number),
               display=serial_text),
        Column("urgent", "Urgent", ReleaseSlip.urgent, width=4, display=lambda u: _("Urgent") if u else ""),
        Column("issued_on", "Issued on", ReleaseSlip.issued_on, kind="date", width=10),
        Column("valid_until", "Valid until", ReleaseSlip.valid_until, kind="date", width=10),
        Column("room", "Room", _of_room(Room.code), width=9, sort=_SLIP_ROOM_SORT),
        Column("person", "Person", ReleaseSlip.person_name, width=8),
        Column("role", "Owner or tenant", ReleaseSlip.person_role, width=4, display=party_label),
        Column("goods", "Goods", _goods(), width=36, sortable=False),
        Column("plate", "Vehicle plate", ReleaseSlip.plate, width=9),
        Column("arrears_months", "Months owed", ReleaseSlip.arrears_months, kind="int", width=4),
        Column("arrears_fen", "Amount owed", ReleaseSlip.arrears_fen, kind="money", width=10),
        Column("approval", "Director's approval", pw.fn.COALESCE(_APPROVAL.select(_APPROVAL.decided_by)
                                                                 .where(_APPROVAL.id == ReleaseSlip.approval), ""),
               width=8),
        Column("state", "State", _shown_state(), width=6, display=state_label),
        Column("used_at", "Let out at", ReleaseSlip.used_at, kind="datetime", width=16),
        Column("used_by", "Guard", ReleaseSlip.used_by, width=8),
        Column("clerk", "Issued by", ReleaseSlip.clerk, width=8),
        Column("cancel_reason", "Cancel reason", ReleaseSlip.cancel_reason, width=16),
    ],
    text_filter=_slips_text,
    filters={"state": _state_filter,
             "urgent": lambda q, on: q.where(ReleaseSlip.urgent == bool(on)),
             "role": lambda q, role: q.where(ReleaseSlip.person_role == role),
             "year": lambda q, y: q.where(ReleaseSlip.year == v.year(y)),
             "from": lambda q, d: q.where(ReleaseSlip.issued_on >= v.parse_date(d)),
             "to": lambda q, d: q.where(ReleaseSlip.issued_on <= v.parse_date(d))},
    filter_values={"state": _as_state, "urgent": v.yes_no("Urgent"), "role": v.choice(PARTIES, "Released as", "role"),
                   "year": v.year, "from": v.parse_date, "to": v.parse_date},
))

# --- calls to owners ------------------------------------------------------------------------------

_TENANT, _OWNER = Person.alias("tenant_c"), Person.alias("owner_c")


def _calls_base():
    return (OwnerCall.select().join_from(OwnerCall, Room).join_from(Room, Building).join_from(Room, Entrance)
            .join_from(OwnerCall, _TENANT, on=(OwnerCall.tenant == _TENANT.id))
            .join_from(OwnerCall, _OWNER, on=(OwnerCall.owner == _OWNER.id)))


def _answer(key: str, header: str, field) -> Column:
    return Column(key, header, field, width=5, display=yes_no_label)


RELEASE_CALLS = register(ListSpec(
    key="release_calls", title="Calls to owners", id_expr=OwnerCall.id, default_sort="called_at",
    default_descending=True, permission="release.view", base=_calls_base,
    columns=[
        Column("called_at", "Called at", OwnerCall.called_at, kind="datetime", width=16),
        Column("room", "Room", Room.code, width=9, sort=_ROOM_SORT),
        Column("tenant", "Tenant", _TENANT.name, width=8),
        Column("owner", "Owner", _OWNER.name, width=8),
        Column("phone", "Number called", OwnerCall.phone, width=13, personal="phone"),
        Column("answered_by", "Answered by", OwnerCall.answered_by, width=8),
        _answer("owner_knows", "Owner knows of the move", OwnerCall.owner_knows),
        _answer("rent_owed", "Rent owed", OwnerCall.rent_owed),
        _answer("owner_goods", "Owner's goods listed", OwnerCall.owner_goods),
        _answer("written", "Owner's written authorisation", OwnerCall.written_authorisation),
        _answer("consent", "Owner consents", OwnerCall.consent),
        Column("note", "Note", OwnerCall.note, width=20),
        Column("recorded_by", "Recorded by", OwnerCall.recorded_by, width=8),
    ],
    text_filter=lambda q, t: _room_or_name(q, t, (_TENANT.name, _OWNER.name)),
    filters={"consent": lambda q, yes: q.where(OwnerCall.consent == bool(yes)),
             "from": lambda q, d: q.where(OwnerCall.called_at >= _day(d)),
             "to": lambda q, d: q.where(OwnerCall.called_at <= _day(d, end=True))},
    filter_values={"consent": v.yes_no("Owner consents"), "from": v.parse_date, "to": v.parse_date},
))

# --- the director's approvals ---------------------------------------------------------------------

_ASKER = Person.alias("person_a")


def _approvals_base():
    return (ReleaseApproval.select().join_from(ReleaseApproval, Room).join_from(Room, Building)
            .join_from(Room, Entrance).join_from(ReleaseApproval, _ASKER, on=(ReleaseApproval.person == _ASKER.id)))


def approval_state_label(key: str) -> str:
    return _(APPROVAL_STATES.get(key, key))


RELEASE_APPROVALS = register(ListSpec(
    key="release_approvals", title="Director's approvals", id_expr=ReleaseApproval.id, default_sort="requested_at",
    default_descending=True, permission="release.view", base=_approvals_base,
    columns=[
        Column("requested_at", "Asked at", ReleaseApproval.requested_at, kind="datetime", width=16),
        Column("room", "Room", Room.code, width=9, sort=_ROOM_SORT),
        Column("person", "Person", _ASKER.name, width=8),
        Column("months", "Months owed", ReleaseApproval.arrears_months, kind="int", width=4),
        Column("amount", "Amount owed", ReleaseApproval.arrears_fen, kind="money", width=10),
        Column("goods", "Goods", ReleaseApproval.goods, width=20),
        Column("request_note", "Note", ReleaseApproval.request_note, width=16),
        Column("requested_by", "Asked by", ReleaseApproval.requested_by, width=8),
        Column("state", "State", ReleaseApproval.state, width=10, display=approval_state_label),
        Column("decided_by", "Decided by", ReleaseApproval.decided_by, width=8),
        Column("decided_at", "Decided at", ReleaseApproval.decided_at, kind="datetime", width=16),
        Column("decision_note", "Director's note", ReleaseApproval.decision_note, width=20),
    ],
    text_filter=lambda q, t: _room_or_name(q, t, (_ASKER.name,)),
    filters={"state": lambda q, s: q.where(ReleaseApproval.state == s),
             "from": lambda q, d: q.where(ReleaseApproval.requested_at >= _day(d)),
             "to": lambda q, d: q.where(ReleaseApproval.requested_at <= _day(d, end=True))},
    filter_values={"state": v.choice(APPROVAL_STATES, "State", "state"), "from": v.parse_date, "to": v.parse_date},
))

