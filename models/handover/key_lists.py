"""The key cabinet's registers: every key held (钥匙登记簿) and every loan (钥匙借用登记).

A key's row says who has it and until when from its open loan, looked up for the rows shown; a loan's
state (out, overdue, returned, lost) and an entrustment's expiry are computed in SQL against the time
the query runs. Borrowers' phones are masked for whoever may not see phones, on screen and in exports.
"""
from __future__ import annotations

import peewee as pw

from models import validation as v
from models.handover.lists import (LOAN_LOST, LOAN_OUT, LOAN_OVERDUE, LOAN_RETURNED, LOAN_SHOWN, NOW, TODAY, _day,
                                   _label, _one, _person, loan_text, room_words,
                                   rooms_matching, yes_label)
from models.handover.search import typed_serial, typed_tag
from models.handover.tables import (BORROWERS, ENTRUSTED, KEY_KINDS, KEY_STATES, LOAN_PREFIX, RETIRED, Key, KeyLoan)
from models.listing import Column, ListSpec, prefix, register
from models.records.estate import Room
from models.records.people import Person

def _place(key_ref=None):
    """What a key opens: its room's code, or the area named (3栋配电房)."""
    if key_ref is None:
        return pw.fn.COALESCE(Room.select(Room.code).where(Room.id == Key.room), Key.area)
    inner = Key.alias("key_p")
    room = Room.select(Room.code).where(Room.id == inner.room)
    return _one(inner.select(inner.label.concat(" ").concat(pw.fn.COALESCE(room, inner.area)))
                .where(inner.id == key_ref))


# --- keys ------------------------------------------------------------------------------------------

_LOAN = KeyLoan.alias("loan_k")


def _open_loan(expr):
    """A value of the key's open loan (who has it, until when), looked up for the rows shown."""
    return pw.NodeList((_LOAN.select(expr).where((_LOAN.key == Key.id) & _LOAN.returned_at.is_null() & ~_LOAN.lost)
                        .order_by(_LOAN.id.desc()).limit(1),))


def _overdue_keys(query, on):
    late = pw.fn.EXISTS(_LOAN.select(_LOAN.id).where((_LOAN.key == Key.id) & _LOAN.returned_at.is_null()
                                                     & ~_LOAN.lost & (_LOAN.due_at < NOW)))
    return query.where(late if on else ~late)


def _expired():
    return (Key.kind == ENTRUSTED) & (Key.entrusted_until < TODAY) & (Key.state != RETIRED)


def _keys_text(query, text):
    tag = typed_tag(text)
    if tag is not None:
        return query.where(Key.tag == tag)
    code = room_words(text)
    if code is not None:
        return query.where(prefix(Key.hook, code) | Key.room.in_(rooms_matching(code)))
    word = v.clean_text(text)
    owners = Person.select(Person.id).where(prefix(Person.name, word))
    return query.where(prefix(Key.label, word) | Key.area.contains(word) | Key.entrusted_by.in_(owners))


KEYS = register(ListSpec(
    key="keys", title="Key cabinet", id_expr=Key.id, default_sort="hook", permission="keys.view", base=Key.select,
    columns=[
        Column("hook", "Hook", Key.hook, width=8),
        Column("tag", "Tag", Key.tag, width=9),
        Column("kind", "Kind", Key.kind, width=8, display=_label(KEY_KINDS)),
        Column("place", "Room or area", _place(), width=12),
        Column("label", "Opens", Key.label, width=10),
        Column("copies", "Copies", Key.copies, kind="int", width=4),
        Column("state", "State", Key.state, width=6, display=_label(KEY_STATES)),
        Column("out_with", "Out with", _one(_open_loan(_LOAN.borrower)), width=8),
        Column("out_due", "Due back", _open_loan(_LOAN.due_at).converter(_LOAN.due_at.python_value), kind="datetime",
               width=16),
        Column("entrusted_by", "Entrusted by", _person(Key.entrusted_by), width=8),
        Column("entrusted_scope", "Entrusted for", Key.entrusted_scope, width=16),
        Column("entrusted_until", "Entrusted until", Key.entrusted_until, kind="date", width=10),
        Column("expired", "Entrustment expired", pw.Case(None, [(_expired(), 1)], 0), width=4, display=yes_label),
        Column("added_at", "Put in on", Key.added_at, kind="datetime", width=16),
        Column("note", "Note", Key.note, width=16),
    ],
    text_filter=_keys_text,
    filters={"kind": lambda q, k: q.where(Key.kind == k), "state": lambda q, s: q.where(Key.state == s),
             "overdue": _overdue_keys, "expired": lambda q, on: q.where(_expired() if on else ~_expired()),
             "room": lambda q, r: q.where(Key.room == int(r))},
    filter_values={"kind": v.choice(KEY_KINDS, "Kind", "kind"), "state": v.choice(KEY_STATES, "State", "state"),
                   "overdue": v.yes_no("Out past its time"), "expired": v.yes_no("Entrustment expired"),
                   "room": lambda t: v.integer(t, "room", low=1, high=10**9, what="The room")},
))

# --- key loans -------------------------------------------------------------------------------------

LOAN_SERIAL = KeyLoan.year * 1_000_000 + KeyLoan.number
_STILL_OUT = KeyLoan.returned_at.is_null() & ~KeyLoan.lost


def _loan_state():
    return pw.Case(None, [(KeyLoan.lost, LOAN_LOST), (KeyLoan.returned_at.is_null(False), LOAN_RETURNED),
                          (KeyLoan.due_at < NOW, LOAN_OVERDUE)], LOAN_OUT)


def _late():
    """Out past its time now, or brought back after it."""
    return pw.Case(None, [((_STILL_OUT & (KeyLoan.due_at < NOW)) | (KeyLoan.returned_at > KeyLoan.due_at), 1)], 0)


def _loan_state_filter(query, state):
    conditions = {LOAN_OUT: _STILL_OUT & (KeyLoan.due_at >= NOW), LOAN_OVERDUE: _STILL_OUT & (KeyLoan.due_at < NOW),
                  LOAN_RETURNED: KeyLoan.returned_at.is_null(False) & ~KeyLoan.lost, LOAN_LOST: KeyLoan.lost}
    return query.where(conditions[state]) if state in conditions else query


def _of_key(expr):
    return _one(Key.select(expr).where(Key.id == KeyLoan.key))


def _keys_of(query, condition):
    return query.where(KeyLoan.key.in_(Key.select(Key.id).where(condition)))


def _loans_text(query, text):
    serial = typed_serial(text)
    if serial is not None:
        letters, year, number = serial
        if letters != LOAN_PREFIX:
            return query.where(pw.SQL("1 = 0"))
        return query.where((KeyLoan.year == year) & (KeyLoan.number == number))
    tag = typed_tag(text)
    if tag is not None:
        return _keys_of(query, Key.tag == tag)
    code = room_words(text)
    if code is not None:
        return _keys_of(query, prefix(Key.hook, code) | Key.room.in_(rooms_matching(code)))
    word = v.clean_text(text)
    return query.where(prefix(KeyLoan.borrower, word) | prefix(KeyLoan.unit, word) | prefix(KeyLoan.lent_by, word))


def _as_key(text) -> int:
    """A key's id from its tag or hook typed; an unknown one is a filter typed wrong (said as such)."""
    from models.errors import InvalidInput, NotFound
    from models.handover.keys import find_key
    try:
        return find_key(text).id
    except NotFound as error:
        raise InvalidInput(str(error), field="key") from None


KEY_LOANS = register(ListSpec(
    key="keyloans", title="Key loans", id_expr=KeyLoan.id, default_sort="serial", default_descending=True,
    permission="keys.view", base=KeyLoan.select,
    columns=[
        Column("serial", "Loan no.", LOAN_SERIAL, width=14, sort=(KeyLoan.year, KeyLoan.number), display=loan_text),
        Column("tag", "Tag", _of_key(Key.tag), width=9),
        Column("hook", "Hook", _of_key(Key.hook), width=8),
        Column("opens", "Opens", _place(KeyLoan.key), width=16),
        Column("borrower", "Borrower", KeyLoan.borrower, width=8),
        Column("borrower_kind", "Borrower is", KeyLoan.borrower_kind, width=6, display=_label(BORROWERS)),
        Column("unit", "Unit", KeyLoan.unit, width=12),
        Column("phone", "Phone", KeyLoan.phone, width=13, personal="phone"),
        Column("purpose", "Borrowed for", KeyLoan.purpose, width=16),
        Column("out_at", "Lent at", KeyLoan.out_at, kind="datetime", width=16),
        Column("due_at", "Due back", KeyLoan.due_at, kind="datetime", width=16),
        Column("state", "State", _loan_state(), width=6, display=_label(LOAN_SHOWN)),
        Column("late", "Late back", _late(), width=4, display=yes_label),
        Column("returned_at", "Brought back at", KeyLoan.returned_at, kind="datetime", width=16),
        Column("returned_by", "Returned by", KeyLoan.returned_by, width=8),
        Column("received_by", "Taken back by", KeyLoan.received_by, width=8),
        Column("lent_by", "Lent by", KeyLoan.lent_by, width=8),
    ],
    text_filter=_loans_text,
    filters={"state": _loan_state_filter,
             "open": lambda q, on: q.where(_STILL_OUT if on else ~_STILL_OUT),
             "key": lambda q, k: q.where(KeyLoan.key == int(k)),
             "room": lambda q, r: _keys_of(q, Key.room == int(r)),
             "borrower_kind": lambda q, k: q.where(KeyLoan.borrower_kind == k),
             "year": lambda q, y: q.where(KeyLoan.year == v.year(y)),
             "from": lambda q, d: q.where(KeyLoan.out_at >= _day(d)),
             "to": lambda q, d: q.where(KeyLoan.out_at <= _day(d, end=True))},
    filter_values={"state": v.choice(LOAN_SHOWN, "State", "state"), "open": v.yes_no("Still out"), "key": _as_key,
                   "room": lambda t: v.integer(t, "room", low=1, high=10**9, what="The room"),
                   "borrower_kind": v.choice(BORROWERS, "Borrower is", "borrower_kind"),
                   "year": v.year, "from": v.parse_date, "to": v.parse_date},
))
