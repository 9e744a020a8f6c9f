"""The daily close (日结): a clerk's takings listed, totalled by method, printed, and handed to finance."""
from __future__ import annotations

import datetime as dt
import json

import peewee as pw

from models import audit, serials
from models.db import now, write_tx
from models.errors import Conflict, InvalidInput, NotFound
from models.i18n import _
from models.money.amounts import yuan
from models.money.ledger import METHODS, DailyClose, Receipt


def _mine(actor):
    if actor.user_id is not None:
        return Receipt.clerk_user_id == actor.user_id
    return (Receipt.clerk == actor.name) & Receipt.clerk_user_id.is_null()


def open_receipts(actor) -> list[Receipt]:
    """The clerk's receipts not yet in a daily close."""
    return list(Receipt.select().where(_mine(actor) & Receipt.close.is_null() & (Receipt.with_finance == False))  # noqa
                .order_by(Receipt.year, Receipt.number))


def not_handed_over() -> pw.Select:
    """Money taken by clerks that finance has not yet received (shown as 未交财务)."""
    return (Receipt.select().join(DailyClose, pw.JOIN.LEFT_OUTER)
            .where((Receipt.with_finance == False) & Receipt.voided_at.is_null()  # noqa: E712
                   & (Receipt.close.is_null() | DailyClose.confirmed_at.is_null())))


def totals_by_method(receipts) -> dict[str, int]:
    totals = {method: 0 for method in METHODS}
    for r in receipts:
        if r.voided_at is None:
            totals[r.method] += r.total_fen
    return {k: v for k, v in totals.items() if v}


def close_day(actor) -> DailyClose:
    """日结: the clerk's open receipts (voided ones listed, not counted) go into one numbered close."""
    actor.require("money.take")
    with write_tx():
        receipts = open_receipts(actor)
        if not receipts:
            raise Conflict(_("There is nothing to close: every receipt you issued is already in a daily close."))
        by_method = totals_by_method(receipts)
        year = now().year
        close = DailyClose.create(year=year, number=serials.allocate("daily_close", year), clerk=actor.name,
                                  clerk_user_id=actor.user_id, day=dt.date.today(), receipts=len(receipts),
                                  total_fen=sum(by_method.values()), by_method=json.dumps(by_method))
        Receipt.update(close=close).where(Receipt.id.in_([r.id for r in receipts])).execute()
        audit.record(actor, "close.day", close, summary=_("{n} receipts, {total}").format(
            n=len(receipts), total=yuan(close.total_fen)), after=audit.snapshot(close))
    return close


def confirm_close(actor, close_id: int) -> DailyClose:
    """Finance counts the money and signs for it: the receipts are handed over."""
    actor.require("money.confirm")
    with write_tx():
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


def method_totals(close: DailyClose) -> dict[str, int]:
    return json.loads(close.by_method)
