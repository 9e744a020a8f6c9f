"""Charge items and their rates: set by the office, changed from a date on, never rewriting the past."""
from __future__ import annotations

import datetime as dt

import peewee as pw

from models import audit
from models import validation as v
from models.db import write_tx
from models.errors import Conflict, InvalidInput, NotFound
from models.i18n import _
from models.amounts import format_rate, parse_rate
from models.money.ledger import AREA_MONTHLY, DEPOSIT, FIXED, UNIT_MONTHLY, ChargeItem, ChargeRun, Rate

SINCE_EVER = dt.date(2000, 1, 1)

# The items an office starts with (seed 004 场景二, 场景三); the office changes rates in the window.
DEFAULT_ITEMS = [
    # code, name, kind, unit, [(use, rate in yuan)]
    ("management_fee", "物业管理费", AREA_MONTHLY, "元/㎡·月",
     [("residential", "2.50"), ("shop", "5.00"), ("office", "3.50"), ("storage", "1.20")]),
    ("parking_fee", "车位管理费", UNIT_MONTHLY, "元/月", [("parking", "60.00")]),
    ("renovation_deposit", "装修保证金", DEPOSIT, "元/户", [("", "2000.00")]),
    ("pass_deposit", "出入证押金", DEPOSIT, "元/证", [("", "100.00")]),
    ("key_deposit", "钥匙押金", DEPOSIT, "元/把", [("", "50.00")]),
    ("pass_fee", "办证工本费", FIXED, "元/证", [("", "20.00")]),
    ("garbage_fee", "垃圾清运费", FIXED, "元/户", [("", "300.00")]),
]


def seed_default_items() -> None:
    """Migration 002: the default items and their first rates (only where missing)."""
    for order, (code, name, kind, unit, rates) in enumerate(DEFAULT_ITEMS):
        item = ChargeItem.get_or_none(ChargeItem.code == code)
        if item is None:
            item = ChargeItem.create(code=code, name=name, kind=kind, unit=unit, sort_order=order)
            for use, rate in rates:
                Rate.create(item=item, use=use, amount=parse_rate(rate), effective_from=SINCE_EVER,
                            created_by="初始设置")


def items(kind: str | None = None) -> list[ChargeItem]:
    query = ChargeItem.select().where(ChargeItem.active == True)  # noqa: E712
    if kind:
        query = query.where(ChargeItem.kind == kind)
    return list(query.order_by(ChargeItem.sort_order, ChargeItem.id))


def item(code: str) -> ChargeItem:
    found = ChargeItem.get_or_none(ChargeItem.code == code)
    if found is None:
        raise NotFound(_("Unknown charge item: {code}").format(code=code))
    return found


def rate_on(item_id: int, use: str, on: dt.date) -> int | None:
    """The rate in force on a date for a room use (a use-specific rate before the all-uses one)."""
    row = (Rate.select(Rate.amount).where((Rate.item == item_id) & (Rate.use.in_((use, ""))) &
                                           (Rate.effective_from <= on))
           .order_by((Rate.use == "").asc(), Rate.effective_from.desc()).first())
    return row.amount if row else None


def rates_on(on: dt.date) -> dict[tuple[int, str], int]:
    """Every (item, use) rate in force on a date, for a whole charging run."""
    out: dict[tuple[int, str], int] = {}
    for rate in Rate.select().where(Rate.effective_from <= on).order_by(Rate.effective_from):
        out[(rate.item_id, rate.use)] = rate.amount
    return out


def standard_amount(code: str, on: dt.date | None = None) -> int:
    """A fixed fee's or deposit's standard sum in fen (e.g. 装修保证金 2,000.00)."""
    from models.amounts import unit_fee
    found = item(code)
    rate = rate_on(found.id, "", on or dt.date.today())
    return unit_fee(rate) if rate is not None else 0


def set_rate(actor, code: str, use: str, amount, effective_from) -> Rate:
    """A new rate from a date on. Months already charged keep what they were charged."""
    actor.require("money.rates")
    if effective_from in (None, ""):
        raise InvalidInput(_("A rate needs the date it takes effect."), field="effective_from")
    effective_from = v.parse_date(effective_from, field="effective_from")
    rate = parse_rate(amount)
    with write_tx():
        found = item(code)
        if found.kind in (AREA_MONTHLY, UNIT_MONTHLY):
            last = ChargeRun.select(pw.fn.MAX(ChargeRun.month)).scalar()
            if last is not None and effective_from <= _month_end(last):
                first_free = _month_end(last) + dt.timedelta(days=1)
                raise Conflict(_("Charges up to {month} are already raised; a new rate can take effect from "
                                 "{date} on.").format(month=f"{last.year}年{last.month}月",
                                                      date=v.format_date_cn(first_free)), field="effective_from")
        elif use:
            raise InvalidInput(_("Fixed fees and deposits have one rate for every use."), field="use")
        if Rate.select().where((Rate.item == found) & (Rate.use == (use or "")) &
                               (Rate.effective_from == effective_from)).exists():
            raise Conflict(_("{item} already has a rate from {date}.").format(
                item=found.name, date=v.format_date_cn(effective_from)), field="effective_from")
        row = Rate.create(item=found, use=use or "", amount=rate, effective_from=effective_from,
                          created_by=actor.name)
        audit.record(actor, "rate.set", row, summary=f"{found.name} {use or ''} {format_rate(rate)} "
                     f"{_('from')} {effective_from}", after=audit.snapshot(row))
    return row


def _month_end(month: dt.date) -> dt.date:
    nxt = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return nxt - dt.timedelta(days=1)


__all__ = ["AREA_MONTHLY", "UNIT_MONTHLY", "FIXED", "DEPOSIT", "items", "item", "rate_on", "rates_on", "set_rate",
           "standard_amount", "seed_default_items"]
