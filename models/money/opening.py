"""Opening balances (期初余额): what rooms owed and what deposits the office held before it used the program.

A reader (``reports/excel/money/opening.py``) turns the office's old lists into records: the sheet
row number and a dict of field key → raw cell value. Arrears become charges (source
"opening") due at the end of the month they are for, so that arrears lists, reminders and
the release rule (more than three months owed) count them as the desk's own charges; a row
for a period (2026年1月-3月) becomes one charge a month. Deposits become deposits held
(source "opening"), listed with the rest, and refunded through the same ledger.

Every row is checked first; nothing is written when a row is refused, unless
``skip_invalid``; a ``dry_run`` checks and writes nothing. One transaction, audited.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Iterable

import peewee as pw

from models import audit
from models import validation as v
from models.db import now
from models.errors import DomainError, InvalidInput
from models.records.estate import Room, label_from_code
from models.i18n import _
from models.imports import ImportField, ImportReport, Progress, Record, audit_import, import_tx, start_import
from models.cells import cell, cell_date, cell_free, cell_text
from models.records.importing import ROOM_FIELDS
from models.records.importing.rows import room_code_of
from models.amounts import fen_amount, yuan
from models.money.charging import apply_credit, month_end, month_label
from models.money.ledger import DEPOSIT, Charge, ChargeItem, CreditEntry, Deposit, lock_key, lock_rooms

__all__ = ["import_opening", "OpeningReport", "OPENING_FIELDS", "DEFAULT_ITEM"]

DEFAULT_ITEM = "management_fee"      # an arrears row that names no item owes the management fee
PROGRESS_EVERY = 500

OPENING_FIELDS: dict[str, tuple[ImportField, ...]] = {
    "arrears": ROOM_FIELDS + (
        ImportField("item", "Charge item"),
        ImportField("month", "Month or period"),
        ImportField("amount", "Amount owed", required=True),
        ImportField("note", "Note"),
    ),
    "deposits": ROOM_FIELDS + (
        ImportField("item", "Deposit", required=True),
        ImportField("payer", "Payer", required=True),
        ImportField("quantity", "Quantity"),
        ImportField("amount", "Amount", required=True),
        ImportField("taken_on", "Taken on", required=True),
        ImportField("note", "Note"),
    ),
}

# 2026-09, 2026年9月, 2026/9, 202609; a period: 2026年1月-3月, 2025-11至2026-02, 2025.11~2026.2
_MONTH = r"(\d{4})\s*(?:[年\-/.]\s*(\d{1,2})|(\d{2}))\s*月?"
_DAY = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$|^\d{4}年\d{1,2}月\d{1,2}日$")
_PERIOD = re.compile(rf"^{_MONTH}(?:\s*(?:-|~|～|至|到|—|–)\s*(?:(\d{{4}})\s*[年\-/.]\s*)?(\d{{1,2}})\s*月?)?$")


@dataclass
class OpeningReport(ImportReport):
    """What an opening-balance import did, or would do."""
    charges_created: int = 0
    deposits_created: int = 0
    rooms: int = 0
    total_fen: int = 0

    def recorded(self) -> str:
        if self.kind == "arrears":
            return _("{charges} opening charges of {rooms} rooms, {total} owed in all").format(
                charges=self.charges_created, rooms=self.rooms, total=yuan(self.total_fen))
        return _("{deposits} deposits held for {rooms} rooms, {total} in all").format(
            deposits=self.deposits_created, rooms=self.rooms, total=yuan(self.total_fen))


@dataclass
class _Row:
    row: int
    room_id: int
    code: str
    item: ChargeItem
    amount: int
    months: list[dt.date]         # arrears: the months it is for (none: an undated balance)
    note: str = ""
    payer: str = ""
    quantity: int = 1
    taken_on: dt.date | None = None

    def shares(self) -> list[tuple[dt.date | None, int]]:
        """The amount per month, the odd fen on the last month; one undated share when no month is given."""
        if not self.months:
            return [(None, self.amount)]
        each, odd = divmod(self.amount, len(self.months))
        return [(m, each + (odd if i == len(self.months) - 1 else 0)) for i, m in enumerate(self.months)]


# --- reading a row ----------------------------------------------------------------------------------


def _months(value, this_month: dt.date) -> tuple[list[dt.date], str]:
    """The months a cell names, or none and the cell's words (a period the office wrote in its own way)."""
    if isinstance(value, (dt.date, dt.datetime)):
        months = [(value.date() if isinstance(value, dt.datetime) else value).replace(day=1)]
    else:
        text = cell_text(value).replace(" ", "")
        if not text:
            return [], ""
        if _DAY.match(text):      # a whole date written as text: the month it falls in
            return _months(v.parse_date(text, field="month"), this_month)
        found = _PERIOD.match(text)
        if found is None:
            if re.match(r"^\d{4}\s*[年\-/.]?\s*\d", text):
                raise InvalidInput(_("{value} is not a month or a period (e.g. 2026-09, or 2026年1月-3月).").format(
                    value=text), field="month")
            return [], cell_free(value)
        year, month, month2, year_to, month_to = found.groups()
        try:
            first = dt.date(int(year), int(month or month2), 1)
            last = dt.date(int(year_to or year), int(month_to), 1) if month_to else first
        except ValueError:
            raise InvalidInput(_("{value} is not a month or a period (e.g. 2026-09, or 2026年1月-3月).").format(
                value=text), field="month")
        if last < first:
            raise InvalidInput(_("The period {value} ends before it starts.").format(value=text), field="month")
        months = [first]
        while months[-1] < last:
            months.append(month_end(months[-1]) + dt.timedelta(days=1))
    if months[-1] > this_month:
        raise InvalidInput(_("{month} is still to come: opening arrears are for this month or earlier.").format(
            month=month_label(months[-1])), field="month")
    return months, ""


class _Lookup:
    """Rooms and items of the office, as a roster names them."""

    def __init__(self):
        self.rooms = dict(Room.select(Room.code, Room.id).tuples())
        self.items: dict[str, ChargeItem] = {}
        for item in ChargeItem.select():
            self.items[v.compact(item.name)] = self.items[item.code.lower()] = item
        self.deposit_names = "、".join(i.name for i in ChargeItem.select().where(ChargeItem.kind == DEPOSIT)
                                      .order_by(ChargeItem.sort_order))

    def room(self, rec: dict) -> tuple[int, str]:
        code = room_code_of(rec)
        if code not in self.rooms:
            raise InvalidInput(_("There is no room {room} in the estate.").format(room=label_from_code(code)),
                               field="room")
        return self.rooms[code], code

    def item(self, value, deposit: bool) -> ChargeItem:
        text = cell_text(value)
        item = self.items.get(v.compact(text)) or self.items.get(text.lower())
        if item is None:
            raise InvalidInput(_("{item} is not an item the office charges or holds.").format(item=v.shown(text)),
                               field="item")
        if deposit and item.kind != DEPOSIT:
            raise InvalidInput(_("{item} is not a deposit; the deposits are {items}.").format(
                item=item.name, items=self.deposit_names), field="item")
        if not deposit and item.kind == DEPOSIT:
            raise InvalidInput(_("{item} is a deposit, not a charge: import it with the deposits held.").format(
                item=item.name), field="item")
        return item


def _arrears_row(row: int, rec: dict, lookup: _Lookup, today: dt.date) -> _Row:
    room_id, code = lookup.room(rec)
    item = lookup.item(rec.get("item") or "", deposit=False) if cell_text(rec.get("item")) \
        else lookup.items.get(DEFAULT_ITEM) or lookup.item(DEFAULT_ITEM, deposit=False)
    months, period_text = _months(rec.get("month"), today.replace(day=1))
    amount = fen_amount(cell(rec.get("amount")), field="amount")
    if len(months) > amount:
        raise InvalidInput(_("{amount} cannot be shared over {months} months.").format(
            amount=yuan(amount), months=len(months)), field="amount")
    note = v.text("；".join(x for x in (period_text, cell_free(rec.get("note"))) if x), "note", max_len=100,
                  what="The note")
    return _Row(row, room_id, code, item, amount, months, note)


def _deposit_row(row: int, rec: dict, lookup: _Lookup, today: dt.date) -> _Row:
    room_id, code = lookup.room(rec)
    item = lookup.item(rec.get("item"), deposit=True)
    payer = v.text(cell(rec.get("payer")), "payer", max_len=50, what="The payer")
    if not payer:
        raise InvalidInput(_("Who paid the deposit? The payer is empty."), field="payer")
    quantity_text = cell_text(rec.get("quantity"))
    quantity = 1
    if quantity_text:
        try:
            quantity = v.quantity(quantity_text)
        except InvalidInput:
            raise InvalidInput(_("The quantity {value} is not a whole number from 1 to 200.").format(
                value=quantity_text[:20]), field="quantity")
    amount = fen_amount(cell(rec.get("amount")), field="amount")
    taken_on = cell_date(rec.get("taken_on"), "taken_on")
    if taken_on is None:
        raise InvalidInput(_("Since when is the deposit held? The date it was taken is empty."), field="taken_on")
    if taken_on > today:
        raise InvalidInput(_("The deposit was taken on {date}, which is still to come.").format(
            date=v.format_date_cn(taken_on)), field="taken_on")
    note = v.text(cell(rec.get("note")), "note", max_len=100, what="The note")
    return _Row(row, room_id, code, item, amount, [], note, payer, quantity, taken_on)


# --- the import ----------------------------------------------------------------------------------


def import_opening(actor, kind: str, records: Iterable[Record], *, skip_invalid: bool = False,
                   dry_run: bool = False, progress: Progress | None = None, source: str = "") -> OpeningReport:
    """Record opening balances: ``kind`` is "arrears" or "deposits".

    ``records`` are (sheet row number, {field key: raw value}) with the keys of
    ``OPENING_FIELDS[kind]``. Nothing is written when a row is refused unless ``skip_invalid``,
    and never on a ``dry_run``. ``progress(done, total)`` may raise ``Cancelled``: the
    transaction is then rolled back.
    """
    records, report = start_import(actor, "money.opening", kind, OPENING_FIELDS, records, OpeningReport,
                                   unknown=_("Unknown kind of opening balance: {kind}"), skip_invalid=skip_invalid,
                                   dry_run=dry_run, source=source)
    today = dt.date.today()
    make = _arrears_row if kind == "arrears" else _deposit_row
    with import_tx(report):
        lookup = _Lookup()
        rows: list[_Row] = []
        for done, (number, rec) in enumerate(records, 1):
            try:
                rows.append(make(number, rec, lookup, today))
            except DomainError as error:
                report.refused.append((number, str(error)))
            if progress and done % PROGRESS_EVERY == 0:
                progress(done, len(records))
        if not dry_run:
            _lock(rows)
        good = _check_arrears(rows, report) if kind == "arrears" else _check_deposits(rows, report)
        report.refused.sort()
        _count(report, good)
        if report.stops(good):
            if not dry_run:
                report.charges_created = report.deposits_created = 0
            return report
        stamp = now()
        if kind == "arrears":
            _write_arrears(actor, good, stamp)
        else:
            _write_deposits(actor, good)
        report.written = True
        audit_import(actor, "opening.import", report, after={"kind": kind, "rows": len(good),
                                                            "total_fen": report.total_fen})
        if progress:
            progress(len(records), len(records))
    return report


def _lock(rows: list[_Row]) -> None:
    """Before the rows are checked against the records: the months they charge (so that no run or
    hand-made charge of the same month slips in beside them), then their rooms, in that order."""
    for month in sorted({m for r in rows for m in r.months}):
        lock_key("charge_month", month.year * 12 + month.month)
    lock_rooms({r.room_id for r in rows})


def _count(report: OpeningReport, good: list[_Row]) -> None:
    report.rooms = len({r.room_id for r in good})
    report.total_fen = sum(r.amount for r in good)
    if report.kind == "arrears":
        report.charges_created = sum(max(1, len(r.months)) for r in good)
    else:
        report.deposits_created = len(good)


def _check_arrears(rows: list[_Row], report: OpeningReport) -> list[_Row]:
    """A month is charged once per room and item: not twice in the file, not again over the records."""
    seen: dict[tuple, int] = {}
    undated_seen: dict[tuple, int] = {}
    wanted = {m for r in rows for m in r.months}
    charged = set()
    undated = set()
    room_ids = list({r.room_id for r in rows})
    for start in range(0, len(room_ids), 500):
        chunk = room_ids[start:start + 500]
        if wanted:
            charged |= set(Charge.select(Charge.room, Charge.item, Charge.period)
                           .where(Charge.room.in_(chunk) & Charge.period.in_(list(wanted))
                                  & Charge.cancelled_at.is_null()).tuples())
        undated |= set(Charge.select(Charge.room, Charge.item, Charge.amount_fen, Charge.note)
                       .where(Charge.room.in_(chunk) & Charge.period.is_null() & (Charge.source == "opening")
                              & Charge.cancelled_at.is_null()).tuples())
    good = []
    for r in rows:
        label = label_from_code(r.code)
        reason = None
        for month in r.months:
            key = (r.room_id, r.item.id, month)
            if key in seen:
                reason = _("{room} {item} {month} is already listed in row {row}.").format(
                    room=label, item=r.item.name, month=month_label(month), row=seen[key])
            elif key in charged:
                reason = _("{room} is already charged {item} for {month}.").format(
                    room=label, item=r.item.name, month=month_label(month))
            if reason:
                break
        if not r.months:
            key = (r.room_id, r.item.id, r.amount, r.note)
            if key in undated_seen:
                reason = _("{room} {item} {amount} is already listed in row {row}.").format(
                    room=label, item=r.item.name, amount=yuan(r.amount), row=undated_seen[key])
            elif key in undated:
                reason = _("{room} {item} {amount} was already imported as an opening balance.").format(
                    room=label, item=r.item.name, amount=yuan(r.amount))
        if reason:
            report.refused.append((r.row, reason))
            continue
        for month in r.months:
            seen[(r.room_id, r.item.id, month)] = r.row
        if not r.months:
            undated_seen[(r.room_id, r.item.id, r.amount, r.note)] = r.row
        good.append(r)
    return good


def _deposit_key(r: _Row) -> tuple:
    return (r.room_id, r.item.id, r.payer, r.amount, r.taken_on)


def _check_deposits(rows: list[_Row], report: OpeningReport) -> list[_Row]:
    """The same deposit (room, item, payer, sum, day) is listed once, and imported once."""
    room_ids = list({r.room_id for r in rows})
    held = set()
    for start in range(0, len(room_ids), 500):
        held |= {(room, item, payer, amount, taken_on) for room, item, payer, amount, taken_on in
                 Deposit.select(Deposit.room, Deposit.item, Deposit.payer, Deposit.amount_fen, Deposit.taken_on)
                 .where(Deposit.room.in_(room_ids[start:start + 500]) & (Deposit.source == "opening")).tuples()}
    seen: dict[tuple, int] = {}
    good = []
    for r in rows:
        key = _deposit_key(r)
        what = f"{label_from_code(r.code)} {r.item.name} {r.payer} {yuan(r.amount)}"
        if key in seen:
            report.refused.append((r.row, _("{what} is already listed in row {row}.").format(what=what, row=seen[key])))
        elif key in held:
            report.refused.append((r.row, _("{what} was already imported as a deposit held.").format(what=what)))
        else:
            seen[key] = r.row
            good.append(r)
    return good


def _write_arrears(actor, rows: list[_Row], stamp: dt.datetime) -> None:
    made = []
    today = stamp.date()
    for r in rows:
        for month, amount in r.shares():
            charge = Charge.create(room=r.room_id, item=r.item, period=month, amount_fen=amount,
                                   due_date=month_end(month) if month else today, source="opening", note=r.note,
                                   created_at=stamp, created_by=actor.name)
            made.append((charge.id, f"{r.code} {r.item.name} {month_label(month) if month else r.note} "
                                    f"{yuan(amount)}", None))
    audit.record_many(actor, "opening.import", "charge", made)
    # As after a month's charging: a room's prepaid credit goes onto what it owes.
    balance = pw.fn.SUM(CreditEntry.amount_fen)
    in_credit = {room for (room,) in CreditEntry.select(CreditEntry.room).group_by(CreditEntry.room)
                 .having(balance > 0).tuples()}
    owing = sorted(in_credit & {r.room_id for r in rows})
    if owing:
        apply_credit(actor, owing)


def _write_deposits(actor, rows: list[_Row]) -> None:
    made = []
    for r in rows:
        deposit = Deposit.create(room=r.room_id, item=r.item, payer=r.payer, amount_fen=r.amount, held_fen=r.amount,
                                 quantity=r.quantity, taken_on=r.taken_on, line=None, source="opening", note=r.note)
        made.append((deposit.id, f"{r.code} {r.item.name} {r.payer} {yuan(r.amount)}", None))
    audit.record_many(actor, "opening.import", "deposit", made)
