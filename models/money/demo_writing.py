"""The demo's money written: the book numbered per year without gaps, then written in bulk,
with the daily closes, the deposits and the serial counters left at the last numbers."""
from __future__ import annotations

import datetime as dt
import json

from models import audit
from models.db import sync_id_sequences
from models.demo_context import DemoContext
from models.amounts import yuan
from models.money.charging import month_label
from models.money.ledger import (METHODS, Allocation, Charge, ChargeRun, CreditEntry, DailyClose, Deposit,
                                 DepositMovement, Receipt, ReceiptLine, Refund)
from models.serials import SerialCounter
from models.money.demo_book import Book, Office


# --- numbering and writing -----------------------------------------------------------------------


def write_book(ctx: DemoContext, office: Office, book: Book) -> None:
    counters = {(k, y): last for k, y, last in SerialCounter.select(SerialCounter.kind, SerialCounter.year,
                                                                      SerialCounter.last).tuples()}
    used: dict[tuple, int] = {}

    def number(kind: str, year: int) -> int:
        key = (kind, year)
        used[key] = used.get(key, counters.get(key, 0)) + 1
        return used[key]

    _number(ctx, book, number)
    closes = _daily_closes(ctx, office, book, number)
    runs = _runs(ctx, office, book)
    writer = _Writer(ctx, len(book.receipts) + sum(len(r.lines) for r in book.receipts) + len(book.charges)
                     + len(book.allocations) + len(book.credits))
    _write_runs_and_closes(ctx, runs, closes)
    _write_receipts(writer, office, book)
    _write_charges(writer, book, first_run=runs[0][0])
    _write_allocations_and_credits(writer, book)
    _write_deposits(ctx, office, book)
    _write_counters(ctx, counters, used)
    _finish(ctx, runs)


def _write_runs_and_closes(ctx: DemoContext, runs: list[tuple], closes: list[tuple]) -> None:
    ctx.insert(ChargeRun, [ChargeRun.id, ChargeRun.month, ChargeRun.rooms, ChargeRun.lines, ChargeRun.total_fen,
                           ChargeRun.created_at, ChargeRun.created_by], runs)
    ctx.insert(DailyClose, [DailyClose.id, DailyClose.year, DailyClose.number, DailyClose.clerk,
                            DailyClose.clerk_user_id, DailyClose.day, DailyClose.closed_at, DailyClose.receipts,
                            DailyClose.total_fen, DailyClose.by_method, DailyClose.confirmed_by,
                            DailyClose.confirmed_at], closes)


def _write_receipts(writer: "_Writer", office: Office, book: Book) -> None:
    writer.insert(Receipt, [Receipt.id, Receipt.year, Receipt.number, Receipt.room, Receipt.payer, Receipt.method,
                            Receipt.total_fen, Receipt.note, Receipt.clerk, Receipt.clerk_user_id, Receipt.taken_at,
                            Receipt.with_finance, Receipt.close, Receipt.voided_at, Receipt.voided_by,
                            Receipt.void_reason],
                  ((r.id, r.year, r.number, r.room, r.payer, r.method, r.total, r.note, r.clerk,
                    office.user_ids.get(r.clerk), r.taken_at, r.clerk == office.finance, r.close,
                    *(r.voided or (None, None, None))) for r in book.receipts))
    writer.insert(ReceiptLine, [ReceiptLine.id, ReceiptLine.receipt, ReceiptLine.item, ReceiptLine.label,
                                ReceiptLine.quantity, ReceiptLine.amount_fen, ReceiptLine.kind],
                  ((line[5], r.id, line[0], line[1], line[2], line[3], line[4]) for r in book.receipts
                   for line in r.lines))


def _write_charges(writer: "_Writer", book: Book, first_run: int) -> None:
    writer.insert(Charge, [Charge.id, Charge.room, Charge.item, Charge.period, Charge.amount_fen, Charge.settled_fen,
                           Charge.due_date, Charge.source, Charge.run, Charge.note, Charge.created_at,
                           Charge.created_by],
                  ((c.id, c.room, c.item, c.period, c.amount, c.settled, c.due, c.source,
                    None if c.run is None else first_run + c.run,
                    f"{c.receipt.year}-{c.receipt.number:06d}" if c.receipt is not None else "", c.created_at,
                    c.created_by) for c in book.charges))


def _write_allocations_and_credits(writer: "_Writer", book: Book) -> None:
    writer.insert(Allocation, [Allocation.id, Allocation.charge, Allocation.line, Allocation.amount_fen,
                               Allocation.at, Allocation.voided_at],
                  ((a[5], a[0].id, a[1][5] if a[1] is not None else None, a[2], a[3], a[4])
                   for a in book.allocations))
    book.credits.sort(key=lambda c: c[5])
    writer.insert(CreditEntry, [CreditEntry.room, CreditEntry.amount_fen, CreditEntry.line, CreditEntry.allocation,
                                CreditEntry.reason, CreditEntry.at],
                  ((room, amount, line[5] if line is not None else None,
                    allocation[5] if allocation is not None else None, reason, at)
                   for room, amount, line, allocation, reason, at in book.credits))


def _write_counters(ctx: DemoContext, counters: dict[tuple, int], used: dict[tuple, int]) -> None:
    """The serial counters left at the last numbers the book used."""
    ctx.insert(SerialCounter, [SerialCounter.kind, SerialCounter.year, SerialCounter.last],
               [(k, y, last) for (k, y), last in sorted(used.items()) if (k, y) not in counters])
    for (k, y), last in used.items():
        if (k, y) in counters:
            SerialCounter.update(last=last).where((SerialCounter.kind == k) & (SerialCounter.year == y)).execute()


def _finish(ctx: DemoContext, runs: list[tuple]) -> None:
    """Id sequences caught up, the month runs audited, every money table's rows audited."""
    sync_id_sequences((ChargeRun, Charge, DailyClose, Receipt, ReceiptLine, Allocation, CreditEntry, Refund, Deposit,
                     DepositMovement))
    audit.record_many(ctx.actor, "charge.month", "charge_run", [
        (run[0], f"{month_label(run[1])}：{run[3]} 笔，{yuan(run[4])}（演示数据）", None) for run in runs])
    for model in (Charge, Receipt, ReceiptLine, Allocation, CreditEntry, Deposit, DepositMovement, Refund,
                  DailyClose):
        ctx.audit_table(model)


def _number(ctx: DemoContext, book: Book, number) -> None:
    """Ids in the order things happened; receipts and refunds numbered per year in that order."""
    book.receipts.sort(key=lambda r: r.taken_at)
    first_receipt = ctx.reserve_ids(Receipt, len(book.receipts))
    line_id = ctx.reserve_ids(ReceiptLine, sum(len(r.lines) for r in book.receipts))
    for i, receipt in enumerate(book.receipts):
        receipt.id = first_receipt + i
        receipt.year = receipt.taken_at.year
        receipt.number = number("receipt", receipt.year)
        for line in receipt.lines:
            line[5] = line_id
            line_id += 1
    book.charges.sort(key=lambda c: c.created_at)
    first_charge = ctx.reserve_ids(Charge, len(book.charges))
    for i, charge in enumerate(book.charges):
        charge.id = first_charge + i
    book.allocations.sort(key=lambda a: a[3])
    first_allocation = ctx.reserve_ids(Allocation, len(book.allocations))
    for i, allocation in enumerate(book.allocations):
        allocation.append(first_allocation + i)
    book.refunds.sort(key=lambda r: r.at)
    first_refund = ctx.reserve_ids(Refund, len(book.refunds))
    for i, refund in enumerate(book.refunds):
        refund.id, refund.year = first_refund + i, refund.at.year
        refund.number = number("refund", refund.year)
    book.deposits.sort(key=lambda d: d.receipt.taken_at)
    first_deposit = ctx.reserve_ids(Deposit, len(book.deposits))
    for i, deposit in enumerate(book.deposits):
        deposit.id = first_deposit + i


def _runs(ctx: DemoContext, office: Office, book: Book) -> list[tuple]:
    """What ``generate_month`` records for each month it raised."""
    first_run = ctx.reserve_ids(ChargeRun, len(office.months))
    per_run: dict[int, list] = {}
    for charge in book.charges:
        if charge.run is not None:
            per_run.setdefault(charge.run, []).append(charge)
    runs = []
    for index, month in enumerate(office.months):
        made = per_run.get(index, [])
        runs.append((first_run + index, month, len({c.room for c in made}), len(made), sum(c.amount for c in made),
                     office.run_at[index], office.finance))
    return runs


class _Writer:
    """Bulk inserts in slices, so the rows are never all converted at once and Cancel is heard."""

    SLICE = 20_000

    def __init__(self, ctx: DemoContext, total: int):
        self.ctx, self.total, self.done = ctx, max(total, 1), 0

    def insert(self, model, fields, rows) -> None:
        chunk = []
        for row in rows:
            chunk.append(row)
            if len(chunk) == self.SLICE:
                self._flush(model, fields, chunk)
                chunk = []
        self._flush(model, fields, chunk)

    def _flush(self, model, fields, chunk) -> None:
        self.ctx.insert(model, fields, chunk)
        self.done += len(chunk)
        self.ctx.advance(self.total + self.done, 2 * self.total)     # the first half was playing the accounts


def _daily_closes(ctx: DemoContext, office: Office, book: Book, number) -> list[tuple]:
    """日结 for each person's day before today (closing.close_day): a clerk's receipts less the refunds they paid
    out, received by finance; finance's refunds on its own close, received as made. Today's stay open."""
    days: dict[tuple, tuple[list, list]] = {}
    for receipt in book.receipts:
        if receipt.clerk != office.finance and receipt.taken_at.date() < ctx.today:
            days.setdefault((receipt.taken_at.date(), receipt.clerk), ([], []))[0].append(receipt)
    for refund in book.refunds:
        if refund.at.date() < ctx.today:
            days.setdefault((refund.at.date(), refund.by), ([], []))[1].append(refund)
    rows = []
    rng = ctx.rng("money/closes")
    first = ctx.reserve_ids(DailyClose, len(days))
    for i, ((day, clerk), (receipts, refunds)) in enumerate(sorted(days.items())):
        totals = {m: 0 for m in METHODS}
        for r in receipts:
            if r.voided is None:
                totals[r.method] += r.total
        for r in refunds:
            totals[r.method] -= r.amount
        totals = {k: v for k, v in totals.items() if v}
        closed = dt.datetime.combine(day, dt.time(17, 30)) + dt.timedelta(minutes=rng.randint(0, 25))
        confirmed = closed + dt.timedelta(minutes=rng.randint(5, 40))
        if day.weekday() >= 5:      # finance counts weekend takings on Monday morning
            confirmed = dt.datetime.combine(day + dt.timedelta(days=7 - day.weekday()), dt.time(9, rng.randint(5, 50)))
        confirmed = closed if clerk == office.finance else min(confirmed, office.cutoff)
        close_id = first + i
        for r in receipts + refunds:
            r.close = close_id
        rows.append((close_id, day.year, number("daily_close", day.year), clerk, office.user_ids.get(clerk), day,
                     closed, len(receipts), sum(totals.values()), json.dumps(totals), office.finance, confirmed))
    return rows


def _write_deposits(ctx: DemoContext, office: Office, book: Book) -> None:
    ctx.insert(Deposit, [Deposit.id, Deposit.room, Deposit.item, Deposit.payer, Deposit.amount_fen, Deposit.held_fen,
                         Deposit.quantity, Deposit.taken_on, Deposit.line, Deposit.source, Deposit.note],
               [(d.id, d.room, d.item, d.payer, d.amount, d.amount - sum(m[1] for m in d.moves), d.quantity,
                 d.receipt.taken_at.date(), d.line[5], "receipt", "") for d in book.deposits])
    ctx.insert(Refund, [Refund.id, Refund.year, Refund.number, Refund.receipt, Refund.room, Refund.payee,
                        Refund.amount_fen, Refund.method, Refund.reason, Refund.by, Refund.at, Refund.by_user_id,
                        Refund.close],
               [(r.id, r.year, r.number, r.receipt.id, r.room, r.payee, r.amount, r.method, r.reason, r.by, r.at,
                 office.user_ids.get(r.by), r.close) for r in book.refunds])
    moves = sorted(((m[4], d.id, m) for d in book.deposits for m in d.moves), key=lambda x: (x[0], x[1]))
    ctx.insert(DepositMovement, [DepositMovement.deposit, DepositMovement.kind, DepositMovement.amount_fen,
                                 DepositMovement.reason, DepositMovement.refund, DepositMovement.on,
                                 DepositMovement.by, DepositMovement.at],
               [(deposit_id, m[0], m[1], m[2], m[3].id if m[3] is not None else None, at.date(), m[5], at)
                for at, deposit_id, m in moves])
