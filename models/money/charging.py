"""Raising charges: a month's fees for every charged room (once per month), and manual charges."""
from __future__ import annotations

import datetime as dt

import peewee as pw

from models import audit
from models import validation as v
from models.db import database, is_sqlite, now, write_tx
from models.errors import Conflict, InvalidInput
from models.estate import VACANT, Room, get_room
from models.i18n import _
from models.money.amounts import area_fee, parse_yuan, unit_fee, yuan
from models.money.ledger import AREA_MONTHLY, UNIT_MONTHLY, Allocation, Charge, ChargeItem, ChargeRun, CreditEntry
from models.money.rates import item as item_by_code, rates_on


def month_start(value) -> dt.date:
    """``2026-11``, ``2026年11月`` or a date → the first of that month."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.replace(day=1)
    text = v.compact(value).replace("年", "-").replace("月", "").replace("/", "-").replace(".", "-")
    try:
        year, month = (int(x) for x in text.split("-")[:2])
        return dt.date(year, month, 1)
    except (ValueError, TypeError):
        raise InvalidInput(_("{value} is not a month (e.g. 2026-11).").format(value=text or "“”"), field="month")


def month_end(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def month_label(month: dt.date) -> str:
    return f"{month.year}年{month.month}月"


def charged_rooms():
    """Rooms that pay monthly fees: all but the unsold (空置) ones."""
    return Room.select(Room.id, Room.area_dm2, Room.use).where(Room.state != VACANT)


def generate_month(actor, month, progress=None) -> ChargeRun:
    """Raise the month's fees (management fee by area, parking by space) for every charged room.

    A month is raised once: a second run is refused and writes nothing. A room's
    prepaid credit is applied to its new charges in the same transaction.
    """
    actor.require("money.charge")
    month = month_start(month)
    if month > dt.date.today().replace(day=1) + dt.timedelta(days=62):
        raise InvalidInput(_("{month} is too far ahead to raise charges for.").format(month=month_label(month)),
                           field="month")
    due = month_end(month)
    with write_tx():
        done = ChargeRun.get_or_none(ChargeRun.month == month)
        if done is not None:
            raise Conflict(_("The charges of {month} were already raised by {who} on {when}; they are not raised "
                             "twice.").format(month=month_label(month), who=done.created_by,
                                              when=done.created_at.strftime("%Y-%m-%d %H:%M")))
        monthly = list(ChargeItem.select().where(ChargeItem.kind.in_((AREA_MONTHLY, UNIT_MONTHLY))
                                                 & (ChargeItem.active == True)))  # noqa: E712
        rates = rates_on(month)
        already = {(r, i) for r, i in Charge.select(Charge.room, Charge.item)
                   .where((Charge.period == month) & Charge.cancelled_at.is_null()).tuples()}
        rows, rooms, total = [], set(), 0
        stamp = now()
        run = ChargeRun.create(month=month, rooms=0, lines=0, total_fen=0, created_by=actor.name)
        for room_id, area, use in charged_rooms().tuples().iterator():
            for it in monthly:
                rate = rates.get((it.id, use), rates.get((it.id, "")))
                if rate is None or (room_id, it.id) in already:
                    continue
                amount = area_fee(area, rate) if it.kind == AREA_MONTHLY else unit_fee(rate)
                if amount <= 0:
                    continue
                rows.append((room_id, it.id, month, amount, 0, due, "monthly", run.id, "", stamp, actor.name))
                rooms.add(room_id)
                total += amount
        _insert_charges(rows, progress)
        run.rooms, run.lines, run.total_fen = len(rooms), len(rows), total
        run.save()
        applied = apply_credit(actor, month=month)
        audit.record(actor, "charge.month", run, summary=_("{month}: {lines} charges for {rooms} rooms, {total}; "
                                                           "{applied} from prepaid credit").format(
            month=month_label(month), lines=len(rows), rooms=len(rooms), total=yuan(total), applied=yuan(applied)),
            after={"month": month.isoformat(), "lines": len(rows), "total_fen": total})
    return run


def _insert_charges(rows: list[tuple], progress=None) -> None:
    columns = ("room_id", "item_id", "period", "amount_fen", "settled_fen", "due_date", "source", "run_id", "note",
               "created_at", "created_by")
    db = database.obj
    for start in range(0, len(rows), 5000):
        chunk = rows[start:start + 5000]
        if is_sqlite(db):
            db.cursor().executemany(
                f"INSERT INTO charge ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                [(r[0], r[1], r[2].isoformat(), r[3], r[4], r[5].isoformat(), r[6], r[7], r[8],
                  r[9].isoformat(" "), r[10]) for r in chunk])
        else:
            Charge.insert_many([dict(zip(("room", "item", "period", "amount_fen", "settled_fen", "due_date", "source",
                                          "run", "note", "created_at", "created_by"), r)) for r in chunk]).execute()
        if progress:
            progress(min(start + 5000, len(rows)), len(rows))


def add_charge(actor, room_id: int, item_code: str, amount, *, period=None, note: str = "") -> Charge:
    """A charge raised by hand (a late month, water, an opening balance...)."""
    actor.require("money.charge")
    fen = parse_yuan(amount)
    month = month_start(period) if period not in (None, "") else None
    with write_tx():
        room = get_room(room_id)
        it = item_by_code(item_code)
        if month and Charge.select().where((Charge.room == room) & (Charge.item == it) & (Charge.period == month)
                                           & Charge.cancelled_at.is_null()).exists():
            raise Conflict(_("{room} is already charged {item} for {month}.").format(
                room=room.label, item=it.name, month=month_label(month)), field="period")
        charge = Charge.create(room=room, item=it, period=month, amount_fen=fen, due_date=month_end(month) if month
                               else dt.date.today(), source="manual", note=v.clean_text(note)[:100],
                               created_by=actor.name)
        audit.record(actor, "charge.add", charge, summary=f"{room.code} {it.name} {yuan(fen)}",
                     after=audit.snapshot(charge))
    return charge


def credit_balance(room_id: int) -> int:
    return CreditEntry.select(pw.fn.COALESCE(pw.fn.SUM(CreditEntry.amount_fen), 0)).where(
        CreditEntry.room == room_id).scalar()


def apply_credit(actor, room_ids: list[int] | None = None, month: dt.date | None = None) -> int:
    """Use rooms' prepaid credit (预交款) on their open charges, oldest first. Inside a write transaction."""
    balances = CreditEntry.select(CreditEntry.room, pw.fn.SUM(CreditEntry.amount_fen).alias("balance"))
    if room_ids is not None:
        balances = balances.where(CreditEntry.room.in_(room_ids))
    balances = balances.group_by(CreditEntry.room).having(pw.fn.SUM(CreditEntry.amount_fen) > 0)
    applied_total = 0
    for room_id, balance in balances.tuples():
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
