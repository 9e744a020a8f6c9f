"""Arrears (欠费): what a room owes as of a date, in months and money; the estate's arrears list."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee as pw

from models.records.estate import get_room
from models.money.ledger import Allocation, Charge, ChargeItem


@dataclass(frozen=True)
class Arrears:
    room_id: int
    amount_fen: int
    months: int                      # months of management fee owed
    since: dt.date | None            # the oldest month owed
    lines: list                      # [(charge, owed_fen)]


def arrears_of_room(room_id: int, as_of: dt.date | None = None) -> Arrears:
    """What the room owes on ``as_of``: charges due by then less what was paid by then."""
    today = dt.date.today()
    as_of = as_of or today
    get_room(room_id)
    charges = list(Charge.select(Charge, ChargeItem).join(ChargeItem)
                   .where((Charge.room == room_id) & (Charge.due_date <= as_of) &
                          (Charge.cancelled_at.is_null() | (Charge.cancelled_at > _end_of(as_of))))
                   .order_by(Charge.due_date, Charge.id))
    if as_of >= today:
        paid = {c.id: c.settled_fen for c in charges}
    else:
        paid = _paid_by(as_of, [c.id for c in charges])
    lines = [(c, c.amount_fen - paid.get(c.id, 0)) for c in charges]
    lines = [(c, owed) for c, owed in lines if owed > 0]
    # Months owed: the months any monthly fee is owed for (a flat's management fee, a space's parking fee),
    # counted as the arrears list counts them.
    months = sorted({c.period for c, _o in lines if c.period})
    return Arrears(room_id, sum(o for _c, o in lines), len(months), months[0] if months else None, lines)


def _end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.max)


def _paid_by(as_of: dt.date, charge_ids: list[int]) -> dict[int, int]:
    """Allocations made by the end of ``as_of`` and not voided by then."""
    if not charge_ids:
        return {}
    end = _end_of(as_of)
    rows = (Allocation.select(Allocation.charge, pw.fn.SUM(Allocation.amount_fen))
            .where(Allocation.charge.in_(charge_ids) & (Allocation.at <= end) &
                   (Allocation.voided_at.is_null() | (Allocation.voided_at > end)))
            .group_by(Allocation.charge).tuples())
    return dict(rows)


def estate_arrears(as_of: dt.date | None = None, min_months: int = 0) -> list[dict]:
    """Every room owing on ``as_of`` (today's figures from the open-charge index; past dates from allocations)."""
    as_of = as_of or dt.date.today()
    from models.money.lists import arrears_rows
    return [row for row in arrears_rows(as_of) if row["months"] >= min_months]
