"""The key cabinet (钥匙管理; seed 000 §5, DOMAIN.md "Handover and keys"): keys on hooks, loans and returns.

Each key hangs on a hook and carries a tag whose barcode is its tag code (K000123); a USB scanner types
the code like a keyboard, so the desk's one field takes a scan, the tag code or the hook number typed.
A key is lent once at a time and taken back only when out; an entrusted key past its entrustment is not
lent; a lost key is recorded with what was done (lock changed, copy made). Nothing is ever deleted.
"""
from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import peewee as pw

from models import audit, settings
from models import validation as v
from models.db import now, write_tx
from models.errors import Conflict, InvalidInput, NotFound
from models.i18n import _
from models.db import lock_row
from models.handover.tables import (BORROWERS, ENTRUSTED, IN_CABINET, KEY, KEY_KINDS, LOST, LOST_ACTIONS, OUT,
                                    RETIRED, VACANT_ROOM, Key, KeyLoan, KeyLoss)
from models.records.estate import Room
from models.serials import allocate


@dataclass
class KeyInput:
    hook: str
    kind: str
    label: str
    room_id: int | None = None
    area: str = ""
    copies: int = 1
    entrusted_by: int | None = None       # the owner who entrusted it (a person's id)
    entrusted_scope: str = ""
    entrusted_until: object = None
    note: str = ""


@dataclass
class LoanInput:
    key: str                              # scanned tag, tag code or hook number
    borrower: str
    purpose: str
    due_at: object = None                 # None: now + the setting keys.loan_hours
    borrower_kind: str = "staff"
    unit: str = ""
    phone: str = ""


def tag_code(key_id: int) -> str:
    return f"K{key_id:06d}"


def find_key(text) -> Key:
    """A key by its tag's barcode (K000123, as a scanner types it), or its hook number typed (A-012)."""
    raw = v.compact(text).upper()
    if not raw:
        raise InvalidInput(_("Scan the key's tag, or type its hook number."), field="key")
    key = Key.get_or_none(Key.tag == raw) or Key.get_or_none(Key.hook == raw)
    if key is None and raw.isdigit():
        key = Key.get_or_none(Key.tag == tag_code(int(raw)))
    if key is None:
        raise NotFound(_("No key has the tag or hook {code}: check the tag, or ask whether the key was ever "
                         "put in the cabinet.").format(code=v.shown(raw[:20])))
    return key


def _locked(key_id: int) -> Key:
    lock_row(Key, key_id)
    return Key.get_by_id(key_id)


def add_key(actor, given: KeyInput) -> Key:
    """A key hung in the cabinet: its hook, what it opens, how many copies; an entrusted key with its scope."""
    actor.require("keys.manage")
    hook = v.compact(given.hook).upper()
    if not hook or len(hook) > 12:
        raise InvalidInput(_("Give the key's hook number (at most 12 letters and digits, e.g. A-012)."), field="hook")
    if given.kind not in KEY_KINDS:
        raise InvalidInput(_("Choose what kind of key it is."), field="kind")
    label = v.text(given.label, "label", max_len=60, what="What the key opens")
    if not label:
        raise InvalidInput(_("Say what the key opens (入户门, 配电房门…)."), field="label")
    copies = v.integer(given.copies, "copies", low=1, high=20, what="The number of copies")
    until = v.parse_date(given.entrusted_until, field="entrusted_until") if given.entrusted_until else None
    if given.kind == ENTRUSTED and (given.entrusted_by is None or until is None):
        raise InvalidInput(_("An entrusted key needs the owner who entrusted it and until when."), field="entrusted_by")
    if given.room_id is None and not given.area.strip():
        raise InvalidInput(_("Say which room or which area the key opens."), field="room")
    with write_tx():
        if Key.select().where(Key.hook == hook).exists():
            raise Conflict(_("Hook {hook} already holds a key: choose a free hook.").format(hook=hook), field="hook")
        if given.room_id is not None and Room.get_or_none(Room.id == given.room_id) is None:
            raise NotFound(_("No such room."))
        key = Key.create(hook=hook, tag=f"~{uuid.uuid4().hex[:10]}", kind=given.kind, room=given.room_id,
                         area=v.text(given.area, "area", max_len=60, what="The area"), label=label, copies=copies,
                         entrusted_by=given.entrusted_by if given.kind == ENTRUSTED else None,
                         entrusted_scope=v.text(given.entrusted_scope, "scope", max_len=100, what="The scope"),
                         entrusted_until=until if given.kind == ENTRUSTED else None, added_by=actor.name,
                         note=v.text(given.note, "note", max_len=200, what="The note"))
        key.tag = tag_code(key.id)
        Key.update(tag=key.tag).where(Key.id == key.id).execute()
        audit.record(actor, "key.entrust" if key.kind == ENTRUSTED else "key.add", key,
                     summary=f"{key.hook} {key.tag} {label}", after=audit.snapshot(key))
    return key


EARLY, EVENING, MORNING = dt.time(8, 0), dt.time(20, 0), dt.time(9, 30)     # a loan is not due in the night


def proposed_due(at: dt.datetime | None = None) -> dt.datetime:
    """When a new loan is due back: ``keys.loan_hours`` from now, but a time that would fall in the night
    is the next 09:30 (after 20:00 or past midnight: the next morning; before 08:00: that morning)."""
    at = at or now()
    due = at + dt.timedelta(hours=int(settings.get("keys.loan_hours")))
    if due.date() > at.date() or due.time() > EVENING:
        due = dt.datetime.combine(at.date() + dt.timedelta(days=1), MORNING)
    elif due.time() < EARLY:
        due = dt.datetime.combine(at.date(), MORNING)
    return due.replace(second=0, microsecond=0)


def _due(value) -> dt.datetime:
    if value in (None, ""):
        return proposed_due()
    try:
        due = v.parse_moment(value, field="due_at")
    except InvalidInput:
        try:                                   # a day alone: due by the end of that working day
            due = dt.datetime.combine(v.parse_date(value, field="due_at"), dt.time(18, 0))
        except InvalidInput:
            raise InvalidInput(_("{value} is not a time: give it as 2026-11-29 18:00, or 18:00 for today.").format(
                value=v.shown(str(value)[:30])), field="due_at") from None
    if due <= now():
        raise InvalidInput(_("The key is due back at {time}, which has already passed: give a time still to "
                             "come.").format(time=due.strftime("%Y-%m-%d %H:%M")), field="due_at")
    return due


def why_not_lend(key: Key, today: dt.date | None = None) -> str | None:
    """Why this key cannot be lent now, as the clerk is told at the scan; None when it can."""
    today = today or dt.date.today()
    if key.state == OUT:
        loan = open_loan(key)
        return _("Key {hook} is already out with {who} since {time}: it must come back first.").format(
            hook=key.hook, who=loan.borrower if loan else "?",
            time=loan.out_at.strftime("%m-%d %H:%M") if loan else "?")
    if key.state == LOST:
        return _("Key {hook} is recorded lost: hang a new key on its hook before lending it.").format(hook=key.hook)
    if key.state == RETIRED:
        return _("Key {hook} is no longer held by the office.").format(hook=key.hook)
    if key.kind == ENTRUSTED and key.entrusted_until is not None and key.entrusted_until < today:
        return _("The owner entrusted key {hook} until {date}: the entrustment has ended, so the key is not lent. "
                 "Ask the owner to renew it, or give the key back.").format(
            hook=key.hook, date=v.format_date_cn(key.entrusted_until))
    return None


def hand_keys_to_owner(actor, room: Room, form: str) -> list[Key]:
    """At a handover the room's keys the office kept while it stood vacant go to the owner: each one on its
    hook is no longer held; one still lent out stops the handover until it is back."""
    kept = list(Key.select().where((Key.room == room.id) & (Key.kind == VACANT_ROOM)
                                   & Key.state.in_((IN_CABINET, OUT))).order_by(Key.hook))
    for key in kept:
        if key.state == OUT:
            loan = open_loan(key)
            raise Conflict(_("Key {hook} of {room} is lent out to {who}: take it back before the room is handed "
                             "over, so the owner gets every key.").format(
                hook=key.hook, room=room.label, who=loan.borrower if loan else "?"), field="room")
    for key in kept:
        lock_row(Key, key.id)
        given = _("handed to the owner with form {form}").format(form=form)
        KEY.move(actor, key, "retire", summary=f"{key.hook} {given}", permission_checked=True)
    return kept


def lend(actor, given: LoanInput) -> KeyLoan:
    """借出: the key leaves the cabinet with a borrower, a purpose and a time to be back."""
    actor.require("keys.lend")
    borrower = v.text(given.borrower, "borrower", max_len=50, what="The borrower")
    if not borrower:
        raise InvalidInput(_("Who is borrowing the key? The borrower's name goes on the slip."), field="borrower")
    purpose = v.text(given.purpose, "purpose", max_len=100, what="The purpose")
    if not purpose:
        raise InvalidInput(_("Say what the key is borrowed for."), field="purpose")
    if given.borrower_kind not in BORROWERS:
        raise InvalidInput(_("Say who the borrower is (staff, contractor, owner)."), field="borrower_kind")
    phone = v.phone(given.phone, field="phone") if str(given.phone or "").strip() else ""
    if given.borrower_kind == "contractor" and not phone:
        raise InvalidInput(_("A contractor borrowing a key leaves a phone number."), field="phone")
    due = _due(given.due_at)
    with write_tx():
        key = _locked(find_key(given.key).id)
        refusal = why_not_lend(key)
        if refusal:
            raise Conflict(refusal, field="key")
        moment = now()
        year = moment.year
        loan = KeyLoan.create(year=year, number=allocate("keyloan", year), key=key, borrower=borrower,
                              borrower_kind=given.borrower_kind, unit=v.text(given.unit, "unit", max_len=60,
                                                                             what="The unit"),
                              phone=phone, purpose=purpose, out_at=moment, due_at=due, lent_by=actor.name)
        KEY.move(actor, key, "lend", summary=f"{key.hook} → {borrower} No. {loan.serial}")
    return loan


def open_loan(key: Key) -> KeyLoan | None:
    return (KeyLoan.select().where((KeyLoan.key == key.id) & KeyLoan.returned_at.is_null() & ~KeyLoan.lost)
            .order_by(KeyLoan.id.desc()).first())


def take_back(actor, text, returned_by: str = "") -> KeyLoan:
    """归还: the key is back on its hook; who brought it and who took it."""
    actor.require("keys.lend")
    with write_tx():
        key = _locked(find_key(text).id)
        if key.state != OUT:
            raise Conflict(_("Key {hook} is not out ({state}): there is nothing to take back.").format(
                hook=key.hook, state=KEY.label(key.state)), field="key")
        loan = open_loan(key)
        who = v.text(returned_by, "returned_by", max_len=50, what="Who brought it back") or (loan.borrower if loan
                                                                                               else "")
        moment = now()
        if loan is not None:
            KeyLoan.update(returned_at=moment, returned_by=who, received_by=actor.name).where(
                KeyLoan.id == loan.id).execute()
        KEY.move(actor, key, "take_back", summary=f"{key.hook} ← {who}" + (f" No. {loan.serial}" if loan else ""))
        if loan is not None:
            loan.returned_at, loan.returned_by, loan.received_by = moment, who, actor.name
    return loan


def report_lost(actor, text, action: str, note: str = "") -> KeyLoss:
    """遗失: the key is lost (out with a borrower, or missing from its hook), and what was done about it."""
    actor.require("keys.lend")
    if action not in LOST_ACTIONS:
        raise InvalidInput(_("Say what was done about the lost key (lock changed, copy made)."), field="action")
    note = v.text(note, "note", max_len=200, what="The note")
    with write_tx():
        key = _locked(find_key(text).id)
        loan = open_loan(key) if key.state == OUT else None
        KEY.move(actor, key, "lose", summary=f"{key.hook} {_(LOST_ACTIONS[action])} {note}".strip())
        if loan is not None:
            KeyLoan.update(lost=True).where(KeyLoan.id == loan.id).execute()
        loss = KeyLoss.create(key=key, loan=loan, reported_by=actor.name, action=action, note=note)
    return loss


def replace(actor, text, note: str = "") -> Key:
    """A new key (a copy made, or the lock changed) hangs on the lost one's hook."""
    with write_tx():
        key = _locked(find_key(text).id)
        KEY.move(actor, key, "replace", summary=f"{key.hook} {v.text(note, 'note', max_len=200)}".strip())
    return key


def retire(actor, text, reason: str) -> Key:
    """Given back to its owner (an entrustment ended, the room sold and handed over): no longer held."""
    reason = v.text(reason, "reason", max_len=200, what="The reason")
    if not reason:
        raise InvalidInput(_("Say why the office no longer holds the key."), field="reason")
    with write_tx():
        key = _locked(find_key(text).id)
        KEY.move(actor, key, "retire", summary=f"{key.hook} {reason}")
    return key


def overdue_loans(at: dt.datetime | None = None) -> pw.Select:
    """Keys out past their due time, the longest overdue first (the start page's figure, the cabinet's red rows)."""
    at = at or now()
    return (KeyLoan.select(KeyLoan, Key).join(Key).where(KeyLoan.returned_at.is_null() & ~KeyLoan.lost
                                                         & (KeyLoan.due_at < at))
            .order_by(KeyLoan.due_at))


def find_loan(text) -> KeyLoan:
    year, number = v.serial(text, prefix="JY", field="number", example="JY2026-000034")
    loan = KeyLoan.get_or_none((KeyLoan.year == year) & (KeyLoan.number == number))
    if loan is None:
        raise NotFound(_("No key loan {number}.").format(number=f"JY{year}-{number:06d}"))
    return loan


def recent_borrowers(limit: int = 30) -> list[tuple[str, str, str, str]]:
    """Who borrowed keys lately, newest first and each name once: (name, kind, unit, phone). The loan form
    offers them, so a regular borrower is picked by a few letters rather than typed out with unit and phone."""
    seen: dict[str, tuple[str, str, str, str]] = {}
    query = (KeyLoan.select(KeyLoan.borrower, KeyLoan.borrower_kind, KeyLoan.unit, KeyLoan.phone)
             .order_by(KeyLoan.id.desc()).limit(limit * 10))
    for name, kind, unit, phone in query.tuples():
        if name not in seen:
            seen[name] = (name, kind, unit or "", phone or "")
        if len(seen) >= limit:
            break
    return list(seen.values())

