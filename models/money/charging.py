"""Raising charges: a month's fees for every charged room (once per month), and manual charges."""
from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import peewee as pw

from models import audit
from models import validation as v
from models.db import bulk_insert, is_sqlite, now, write_tx
from models.errors import Conflict, InvalidInput
from models.records.estate import VACANT, Room, get_room
from models.i18n import _
from models.amounts import area_fee, fen_amount, unit_fee, yuan
from models.money.ledger import (AREA_MONTHLY, UNIT_MONTHLY, Allocation, Charge, ChargeItem, ChargeRun, CreditEntry,
                                 lock_key, lock_room, lock_rooms)
from models.money.rates import item as item_by_code, rates_on

BACKDATE_MONTHS = 12     # a run further back than this, or before the office's first run, must be confirmed


def month_start(value, field: str = "month") -> dt.date:
    """``2026-11``, ``2026年11月`` or a date → the first of that month (``validation.month``)."""
    return v.month(value, field=field)


def month_end(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def month_label(month: dt.date) -> str:
    return f"{month.year}年{month.month}月"


def add_months(month: dt.date, n: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def charged_rooms():
    """Rooms that pay monthly fees: all but the unsold (空置) ones."""
    return Room.select(Room.id, Room.area_dm2, Room.use).where(Room.state != VACANT)


class MonthPlan(NamedTuple):
    """What raising a month would raise, before anything is written."""
    rooms: int
    lines: int
    total_fen: int


def _month_lines(month: dt.date):
    """(room id, item id, fen) of every monthly charge a run of ``month`` raises (not those already raised)."""
    monthly = list(ChargeItem.select().where(ChargeItem.kind.in_((AREA_MONTHLY, UNIT_MONTHLY))
                                             & (ChargeItem.active == True)))  # noqa: E712
    rates = rates_on(month)
    already = {(r, i) for r, i in Charge.select(Charge.room, Charge.item)
               .where((Charge.period == month) & Charge.cancelled_at.is_null()).tuples()}
    for room_id, area, use in charged_rooms().tuples().iterator():
        for it in monthly:
            rate = rates.get((it.id, use), rates.get((it.id, "")))
            if rate is None or (room_id, it.id) in already:
                continue
            amount = area_fee(area, rate) if it.kind == AREA_MONTHLY else unit_fee(rate)
            if amount > 0:
                yield room_id, it.id, amount


def month_plan(month) -> MonthPlan:
    """What ``generate_month`` would raise for ``month``: rooms, charges and the total. Writes nothing."""
    month = month_start(month)
    rooms, lines, total = set(), 0, 0
    for room_id, _item, amount in _month_lines(month):
        rooms.add(room_id)
        lines += 1
        total += amount
    return MonthPlan(len(rooms), lines, total)


def backdate_reason(month) -> str | None:
    """Why raising ``month`` is a back-dated run that must be confirmed, or None when it is not.

    A month more than twelve months back, or before the first month the office ever raised, is
    most likely a typing error (2025 for 2026), and raising it charges every room a month it may
    never have owed: such a run is refused unless asked for with ``backdate=True``.
    """
    month = month_start(month)
    oldest = add_months(dt.date.today().replace(day=1), -BACKDATE_MONTHS)
    if month < oldest:
        return _("{month} is more than {n} months back.").format(month=month_label(month), n=BACKDATE_MONTHS)
    first = ChargeRun.select(pw.fn.MIN(ChargeRun.month)).scalar()
    if first is not None and month < first:
        return _("{month} is before {first}, the first month the office raised.").format(
            month=month_label(month), first=month_label(first))
    return None


def generate_month(actor, month, progress=None, *, backdate: bool = False) -> ChargeRun:
    """Raise the month's fees (management fee by area, parking by space) for every charged room.

    A month is raised once: a second run is refused and writes nothing, also when two desks
    raise it at the same moment. A back-dated month (see ``backdate_reason``) is raised only
    with ``backdate=True``. A room's prepaid credit is applied to its new charges in the same
    transaction.
    """
    actor.require("money.charge")
    month = month_start(month)
    if month > dt.date.today().replace(day=1) + dt.timedelta(days=62):
        raise InvalidInput(_("{month} is too far ahead to raise charges for.").format(month=month_label(month)),
                           field="month")
    due = month_end(month)
    with write_tx():
        # Two desks raising the same month: the second waits here until the first commits, then finds it raised.
        lock_key("charge_month", month.year * 12 + month.month)
        done = ChargeRun.get_or_none(ChargeRun.month == month)
        if done is not None:
            raise _raised_twice(done)
        reason = None if backdate else backdate_reason(month)
        if reason:
            raise InvalidInput(reason + " " + _("Check the month; if it really was never charged, raise it as a "
                                            "back-dated run."), field="month")
        try:
            run = ChargeRun.create(month=month, rooms=0, lines=0, total_fen=0, created_by=actor.name)
        except pw.IntegrityError:      # the month's unique index: raised by another desk meanwhile
            raise _raised_twice(None, month)
        rows, rooms, total = [], set(), 0
        stamp = now()
        for room_id, item_id, amount in _month_lines(month):
            rows.append((room_id, item_id, month, amount, 0, due, "monthly", run.id, "", stamp, actor.name))
            rooms.add(room_id)
            total += amount
        _insert_charges(rows, progress)
        run.rooms, run.lines, run.total_fen = len(rooms), len(rows), total
        run.save()
        applied = apply_credit(actor, month=month)
        audit.record(actor, "charge.month", run, summary=_("{month}: {lines} charges for {rooms} rooms, {total}; "
                                                           "{applied} from prepaid credit").format(
            month=month_label(month), lines=len(rows), rooms=len(rooms), total=yuan(total), applied=yuan(applied)),
            after={"month": month.isoformat(), "lines": len(rows), "total_fen": total,
                   **({"backdate": True} if backdate else {})})
    return run


def _raised_twice(done: ChargeRun | None, month: dt.date | None = None) -> Conflict:
    if done is None:
        return Conflict(_("The charges of {month} were raised at the same moment by another desk; they are not "
                          "raised twice.").format(month=month_label(month)), field="month")
    return Conflict(_("The charges of {month} were already raised by {who} on {when}; they are not raised "
                      "twice.").format(month=month_label(done.month), who=done.created_by,
                                       when=done.created_at.strftime("%Y-%m-%d %H:%M")), field="month")


def _insert_charges(rows: list[tuple], progress=None) -> None:
    bulk_insert(Charge, [Charge.room, Charge.item, Charge.period, Charge.amount_fen, Charge.settled_fen,
                         Charge.due_date, Charge.source, Charge.run, Charge.note, Charge.created_at,
                         Charge.created_by], rows, progress=progress)


def add_charge(actor, room_id: int, item_code: str, amount, *, period=None, note: str = "") -> Charge:
    """A charge raised by hand (a late month, water, an opening balance...)."""
    actor.require("money.charge")
    fen = fen_amount(amount)
    month = month_start(period, field="period") if period not in (None, "") else None
    note = v.text(note, "note", max_len=100, what="The note")
    with write_tx():
        if month:
            lock_key("charge_month", month.year * 12 + month.month)     # not beside a run of the same month
        lock_room(room_id)
        room = get_room(room_id)
        it = item_by_code(item_code)
        if month and Charge.select().where((Charge.room == room) & (Charge.item == it) & (Charge.period == month)
                                           & Charge.cancelled_at.is_null()).exists():
            raise Conflict(_("{room} is already charged {item} for {month}.").format(
                room=room.label, item=it.name, month=month_label(month)), field="period")
        charge = Charge.create(room=room, item=it, period=month, amount_fen=fen, due_date=month_end(month) if month
                               else dt.date.today(), source="manual", note=note, created_by=actor.name)
        audit.record(actor, "charge.add", charge, summary=f"{room.code} {it.name} {yuan(fen)}",
                     after=audit.snapshot(charge))
    return charge


def credit_balance(room_id: int) -> int:
    return CreditEntry.select(pw.fn.COALESCE(pw.fn.SUM(CreditEntry.amount_fen), 0)).where(
        CreditEntry.room == room_id).scalar()


def credit_left_by_line(room_id: int) -> dict[int | None, int]:
    """What is left of each prepayment (预交款) of a room, by the receipt line that paid it in.

    Credit is used oldest first: each use of credit on a charge takes from the oldest
    prepayment with something left. What a void or a refund gave back names its own line
    and comes off that one. (Entries written before that was recorded are taken oldest first.)
    """
    left: dict[int | None, int] = {}
    entries = (CreditEntry.select(CreditEntry.amount_fen, CreditEntry.line).where(CreditEntry.room == room_id)
               .order_by(CreditEntry.id).tuples())
    for amount, line_id in entries:
        if amount > 0 or line_id is not None:
            left[line_id] = left.get(line_id, 0) + amount
            continue
        use = -amount
        for key, have in left.items():
            if use <= 0:
                break
            take = min(have, use)
            if take > 0:
                left[key] = have - take
                use -= take
    return left


def apply_credit(actor, room_ids: list[int] | None = None, month: dt.date | None = None) -> int:
    """Use rooms' prepaid credit (预交款) on their open charges, oldest first. Inside a write transaction."""
    def in_credit():
        query = CreditEntry.select(CreditEntry.room, pw.fn.SUM(CreditEntry.amount_fen).alias("balance"))
        if room_ids is not None:
            query = query.where(CreditEntry.room.in_(room_ids))
        return dict(query.group_by(CreditEntry.room).having(pw.fn.SUM(CreditEntry.amount_fen) > 0).tuples())

    candidates = in_credit()
    lock_rooms(candidates)
    # Read again under the locks: a desk may have used or given back credit meanwhile.
    balances = candidates if is_sqlite() else {r: b for r, b in in_credit().items() if r in candidates}
    applied_total = 0
    for room_id in sorted(balances):
        balance = balances[room_id]
        for charge in open_charges(room_id):
            if balance <= 0:
                break
            take = min(balance, charge.owed_fen)
            allocation = settle(charge, take, line=None)
            CreditEntry.create(room=room_id, amount_fen=-take, allocation=allocation, reason="applied")
            balance -= take
            applied_total += take
    if applied_total:
        audit.record(actor, "credit.apply", entity="charge", summary=_("{amount} of prepaid credit applied").format(
            amount=yuan(applied_total)) + (f" ({month_label(month)})" if month else ""))
    return applied_total


def open_charges(room_id: int, charge_ids: list[int] | None = None) -> list[Charge]:
    """What a room still owes, oldest first."""
    query = (Charge.select(Charge, ChargeItem).join(ChargeItem)
             .where((Charge.room == room_id) & (Charge.settled_fen < Charge.amount_fen) & Charge.cancelled_at.is_null()))
    if charge_ids is not None:
        query = query.where(Charge.id.in_(charge_ids))
    return list(query.order_by(Charge.due_date, ChargeItem.sort_order, Charge.id))


def settle(charge: Charge, amount: int, line) -> Allocation:
    """Apply money to a charge (negative: give it back); the charge's settled sum moves with it."""
    allocation = Allocation.create(charge=charge, line=line, amount_fen=amount)
    Charge.update(settled_fen=Charge.settled_fen + amount).where(Charge.id == charge.id).execute()
    charge.settled_fen += amount
    return allocation
