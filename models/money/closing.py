"""The daily close (日结): a day's takings of one person listed, totalled by method, printed, and handed to finance.

A close is of one day: the receipts the person took that day and the refunds they paid out that
day, so that the sheet is dated by the day the money moved and its totals (takings less refunds,
by method) are what that day's drawer holds. Days left open are closed one at a time, the oldest
first, each on its own sheet.

Finance's own takings are with finance already and need no close; a refund finance pays comes
out of the money finance holds, and is counted on finance's own close of the day, which is
received as it is made (there is no one to hand it to).
"""
from __future__ import annotations

import datetime as dt
import json

import peewee as pw

from models import audit, serials
from models import validation as v
from models.db import now, write_tx
from models.errors import Conflict, InvalidInput, NotFound
from models.i18n import _
from models.amounts import yuan
from models.money.ledger import METHODS, DailyClose, Receipt, Refund, lock_row, lock_rows
from models.users import FINANCE


def _mine(actor):
    if actor.user_id is not None:
        return Receipt.clerk_user_id == actor.user_id
    return (Receipt.clerk == actor.name) & Receipt.clerk_user_id.is_null()


def _paid_by(actor):
    if actor.user_id is not None:
        return Refund.by_user_id == actor.user_id
    return (Refund.by == actor.name) & Refund.by_user_id.is_null()


def _open_receipts_query(actor):
    return Receipt.select().where(_mine(actor) & Receipt.close.is_null() & (Receipt.with_finance == False))  # noqa


def _open_refunds_query(actor):
    return Refund.select().where(_paid_by(actor) & Refund.close.is_null())


def _on(field, day: dt.date):
    start = dt.datetime.combine(day, dt.time())
    return (field >= start) & (field < start + dt.timedelta(days=1))


def open_receipts(actor) -> list[Receipt]:
    """The clerk's receipts not yet in a daily close (of every open day)."""
    return list(_open_receipts_query(actor).order_by(Receipt.year, Receipt.number))


def open_refunds(actor) -> list[Refund]:
    """The refunds the user paid out that are not yet in a daily close."""
    return list(_open_refunds_query(actor).order_by(Refund.year, Refund.number))


def open_days(actor) -> list[dt.date]:
    """The days the user took or paid out money that are not yet closed, oldest first."""
    days = {r.taken_at.date() for r in _open_receipts_query(actor).select(Receipt.taken_at)}
    days |= {r.at.date() for r in _open_refunds_query(actor).select(Refund.at)}
    return sorted(days)


def not_handed_over() -> pw.Select:
    """Money taken by clerks that finance has not yet received (shown as 未交财务)."""
    # Written so the index on close_id finds them (a few hundred) rather than reading every receipt.
    unconfirmed = DailyClose.select(DailyClose.id).where(DailyClose.confirmed_at.is_null())
    return (Receipt.select()
            .where((Receipt.with_finance == False) & Receipt.voided_at.is_null()  # noqa: E712
                   & (Receipt.close.is_null() | Receipt.close.in_(unconfirmed))))


def not_handed_over_by_clerk(shown: int = 4) -> tuple[tuple[str, int], ...]:
    """Who holds the money finance has not received yet, the most first (the start page's lines)."""
    total = pw.fn.SUM(Receipt.total_fen)
    return tuple(not_handed_over().select(Receipt.clerk, total).group_by(Receipt.clerk)
                 .order_by(total.desc()).limit(shown).tuples())


def totals_by_method(receipts, refunds=()) -> dict[str, int]:
    """What the drawer holds by method: the receipts not voided, less the refunds paid out."""
    totals = {method: 0 for method in METHODS}
    for r in receipts:
        if r.voided_at is None:
            totals[r.method] += r.total_fen
    for refund in refunds:
        totals[refund.method] = totals.get(refund.method, 0) - refund.amount_fen
    return {k: v for k, v in totals.items() if v}


def close_day(actor, day=None) -> DailyClose:
    """日结 of one day: the user's receipts taken and refunds paid that day go into one numbered close.

    ``day`` is the day to close (by default the oldest day still open); the close is dated by it.
    Voided receipts are listed, not counted; refunds paid are counted less. A day is closed again
    for what was taken or paid on it after its first close.
    """
    actor.require("money.take")
    wanted = v.parse_date(day, field="day") if day not in (None, "") else None
    with write_tx():
        days = open_days(actor)
        if not days:
            raise Conflict(_("There is nothing to close: every receipt you issued is already in a daily close."))
        if wanted is not None and wanted not in days:
            raise Conflict(_("You have nothing open on {day} to close; the days still open are {days}.").format(
                day=v.format_date_cn(wanted), days="、".join(v.format_date_cn(d) for d in days)), field="day")
        day = wanted or days[0]
        # Lock what the close counts, so that a void or a second close at the same moment waits for it
        # and then finds the receipts closed (PostgreSQL; SQLite's write lock is already held).
        receipt_ids = [i for (i,) in _open_receipts_query(actor).select(Receipt.id)
                       .where(_on(Receipt.taken_at, day)).tuples()]
        refund_ids = [i for (i,) in _open_refunds_query(actor).select(Refund.id).where(_on(Refund.at, day)).tuples()]
        lock_rows(Receipt, receipt_ids)
        lock_rows(Refund, refund_ids)
        receipts = list(_open_receipts_query(actor).where(Receipt.id.in_(receipt_ids))
                        .order_by(Receipt.year, Receipt.number)) if receipt_ids else []
        refunds = list(_open_refunds_query(actor).where(Refund.id.in_(refund_ids))
                       .order_by(Refund.year, Refund.number)) if refund_ids else []
        if not receipts and not refunds:
            raise Conflict(_("There is nothing to close: every receipt you issued is already in a daily close."))
        by_method = totals_by_method(receipts, refunds)
        stamp = now()
        year = stamp.year
        # Finance pays refunds out of the money it holds: its close has no one to be handed to.
        received = actor.role == FINANCE
        close = DailyClose.create(year=year, number=serials.allocate("daily_close", year), clerk=actor.name,
                                  clerk_user_id=actor.user_id, day=day, closed_at=stamp, receipts=len(receipts),
                                  total_fen=sum(by_method.values()), by_method=json.dumps(by_method),
                                  confirmed_by=actor.name if received else None,
                                  confirmed_at=stamp if received else None)
        if receipts:
            Receipt.update(close=close).where(Receipt.id.in_([r.id for r in receipts])).execute()
        if refunds:
            Refund.update(close=close).where(Refund.id.in_([r.id for r in refunds])).execute()
        summary = _("{day}: {n} receipts, {total}").format(day=day.isoformat(), n=len(receipts),
                                                             total=yuan(close.total_fen))
        if refunds:
            summary += _("; {n} refunds paid, {total}").format(n=len(refunds),
                                                               total=yuan(sum(r.amount_fen for r in refunds)))
        audit.record(actor, "close.day", close, summary=summary, after=audit.snapshot(close))
    return close


def confirm_close(actor, close_id: int) -> DailyClose:
    """Finance counts the money and signs for it: the receipts are handed over."""
    actor.require("money.confirm")
    with write_tx():
        lock_row(DailyClose, close_id)
        close = DailyClose.get_or_none(DailyClose.id == close_id)
        if close is None:
            raise NotFound(_("No such daily close."))
        if close.confirmed_at is not None:
            raise Conflict(_("This daily close was already received by {who} on {when}.").format(
                who=close.confirmed_by, when=close.confirmed_at.strftime("%Y-%m-%d %H:%M")))
        if close.clerk_user_id is not None and close.clerk_user_id == actor.user_id:
            raise InvalidInput(_("Finance cannot receive its own takings."))
        close.confirmed_by, close.confirmed_at = actor.name, now()
        close.save()
        audit.record(actor, "close.confirm", close, summary=f"{close.clerk} {yuan(close.total_fen)}",
                     before={"confirmed_at": None}, after={"confirmed_by": actor.name})
    return close


def close_receipts(close_id: int) -> list[Receipt]:
    return list(Receipt.select().where(Receipt.close == close_id).order_by(Receipt.year, Receipt.number))


def close_refunds(close_id: int) -> list[Refund]:
    """The refunds a close counts (less): to be listed on the printed sheet beside its receipts."""
    return list(Refund.select().where(Refund.close == close_id).order_by(Refund.year, Refund.number))


def method_totals(close: DailyClose) -> dict[str, int]:
    return json.loads(close.by_method)
