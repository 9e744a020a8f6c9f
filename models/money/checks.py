"""The money's integrity checks (数据检查: 收费): what the cashier's book must always say.

Every charge's settled sum is what its live allocations add up to; every receipt adds up
to its lines and every line to what it settled, prepaid or took as a deposit; receipts,
refunds and daily closes are numbered per year without gaps, and the counters stand at the
last number; deposits hold what was taken less what left; no room's prepaid credit is
below zero. Each check is one set-based query, so the 20,000-room estate with two years of
fees is checked in seconds. Registered with ``models.check.register_check`` on import.
"""
from __future__ import annotations

import peewee as pw

from models.check import ERROR, Finding, query_finding, register_check, serial_findings
from models.records.estate import Room, label_from_code
from models.i18n import _
from models.amounts import yuan
from models.money.ledger import (Allocation, Charge, ChargeItem, ChargeRun, CreditEntry, DailyClose, Deposit,
                                 DepositMovement, Receipt, ReceiptLine, Refund)

# Line kinds whose money went onto charges (allocations), into credit, or into deposits.
SETTLING = ("charges", "fee")


def _charge_label(row: tuple) -> str:
    code, name, period = row[:3]
    month = ""
    if period:
        text = period if isinstance(period, str) else period.isoformat()
        month = f" {int(text[:4])}年{int(text[5:7])}月"
    return f"{label_from_code(code)} {name}{month}"


def _serial(year: int, number: int) -> str:
    return f"{year}-{number:06d}"


def _charges():
    return Charge.select(Room.code, ChargeItem.name, Charge.period).join_from(Charge, Room) \
        .join_from(Charge, ChargeItem)


# --- charges ---------------------------------------------------------------------------


@register_check("money.settled", "Charges and what settled them", order=400)
def _settled() -> list[Finding]:
    """A charge's settled sum is kept beside its allocations: they must agree to the fen."""
    paid = (Allocation.select(Allocation.charge.alias("charge_id"), pw.fn.SUM(Allocation.amount_fen).alias("paid"))
            .where(Allocation.voided_at.is_null()).group_by(Allocation.charge)).alias("paid")
    live = pw.fn.COALESCE(paid.c.paid, 0)
    wrong = (_charges().select_extend(Charge.settled_fen, live)
             .join_from(Charge, paid, pw.JOIN.LEFT_OUTER, on=(paid.c.charge_id == Charge.id))
             .where(Charge.settled_fen != live).order_by(Charge.id))
    bounds = _charges().where((Charge.settled_fen < 0) | (Charge.settled_fen > Charge.amount_fen)
                              | (Charge.amount_fen <= 0)).order_by(Charge.id)
    cancelled = _charges().where(Charge.cancelled_at.is_null(False) & (Charge.settled_fen != 0)).order_by(Charge.id)
    return (query_finding(ERROR, _("{count} charges record a settled sum that is not what their payments add up "
                                    "to: {examples}"), wrong,
                           lambda r: _("{what}: {settled} recorded, {paid} paid").format(
                               what=_charge_label(r), settled=yuan(r[3]), paid=yuan(r[4])))
            + query_finding(ERROR, _("{count} charges are settled below zero or beyond their amount, or have no "
                                      "amount: {examples}"), bounds, _charge_label)
            + query_finding(ERROR, _("{count} cancelled charges still count payments against them: {examples}"),
                             cancelled, _charge_label))


@register_check("money.runs", "Monthly charging runs", order=405)
def _runs() -> list[Finding]:
    made = (Charge.select(Charge.run.alias("run_id"), pw.fn.COUNT(Charge.id).alias("lines"),
                          pw.fn.SUM(Charge.amount_fen).alias("total"))
            .where(Charge.run.is_null(False)).group_by(Charge.run)).alias("made")
    wrong = (ChargeRun.select(ChargeRun.month).join(made, pw.JOIN.LEFT_OUTER, on=(made.c.run_id == ChargeRun.id))
             .where((ChargeRun.lines != pw.fn.COALESCE(made.c.lines, 0))
                    | (ChargeRun.total_fen != pw.fn.COALESCE(made.c.total, 0)))
             .order_by(ChargeRun.month))
    return query_finding(ERROR, _("{count} monthly charging runs record more or fewer charges than they raised: "
                                   "{examples}"), wrong, lambda r: str(r[0])[:7])


# --- receipts and their lines ---------------------------------------------------------------


@register_check("money.receipt_totals", "Receipt totals", order=410)
def _receipt_totals() -> list[Finding]:
    lines = (ReceiptLine.select(ReceiptLine.receipt.alias("receipt_id"), pw.fn.SUM(ReceiptLine.amount_fen)
                                .alias("total")).group_by(ReceiptLine.receipt)).alias("lines")
    summed = pw.fn.COALESCE(lines.c.total, 0)
    wrong = (Receipt.select(Receipt.year, Receipt.number, Receipt.total_fen, summed)
             .join(lines, pw.JOIN.LEFT_OUTER, on=(lines.c.receipt_id == Receipt.id))
             .where((Receipt.total_fen != summed) | (Receipt.total_fen <= 0)).order_by(Receipt.year, Receipt.number))
    return query_finding(ERROR, _("{count} receipts do not add up to their lines: {examples}"), wrong,
                          lambda r: _("No. {serial}: {total} on the receipt, {lines} in its lines").format(
                              serial=_serial(r[0], r[1]), total=yuan(r[2]), lines=yuan(r[3])))


def _line_label(row: tuple) -> str:
    year, number, label = row[:3]
    return f"No. {_serial(year, number)} {label}"


@register_check("money.receipt_lines", "Receipt lines and what they settled", order=420)
def _receipt_lines() -> list[Finding]:
    """A line of fees settled exactly its amount (refunds give back, as negative allocations, no more than it paid).

    A voided receipt settles nothing: its allocations are all voided. A prepayment line is one
    credit entry of its amount; a deposit line is one deposit of its amount.
    """
    alloc = (Allocation.select(
        Allocation.line.alias("line_id"),
        pw.fn.SUM(pw.Case(None, [(Allocation.amount_fen > 0, Allocation.amount_fen)], 0)).alias("paid"))
        .where(Allocation.voided_at.is_null() & Allocation.line.is_null(False))
        .group_by(Allocation.line)).alias("alloc")
    paid = pw.fn.COALESCE(alloc.c.paid, 0)

    def lines(*extra):
        return (ReceiptLine.select(Receipt.year, Receipt.number, ReceiptLine.label, *extra)
                .join(Receipt).switch(ReceiptLine))

    live = Receipt.voided_at.is_null()
    settling = ReceiptLine.kind.in_(SETTLING)
    unsettled = (lines(ReceiptLine.amount_fen, paid)
                 .join(alloc, pw.JOIN.LEFT_OUTER, on=(alloc.c.line_id == ReceiptLine.id))
                 .where(settling & live & (paid != ReceiptLine.amount_fen)).order_by(ReceiptLine.id))
    voided = (lines().join(alloc, on=(alloc.c.line_id == ReceiptLine.id))
              .where(Receipt.voided_at.is_null(False)).order_by(ReceiptLine.id))
    # Per line and charge: a refund gives back on a charge at most what this receipt paid on it,
    # never what a later receipt paid on the same charge.
    positive = pw.fn.SUM(pw.Case(None, [(Allocation.amount_fen > 0, Allocation.amount_fen)], 0))
    negative = pw.fn.SUM(pw.Case(None, [(Allocation.amount_fen < 0, 0 - Allocation.amount_fen)], 0))
    per_charge = (Allocation.select(Allocation.line.alias("line_id"))
                  .where(Allocation.voided_at.is_null() & Allocation.line.is_null(False))
                  .group_by(Allocation.line, Allocation.charge).having(negative > positive)).alias("per_charge")
    over = (lines().join(per_charge, on=(per_charge.c.line_id == ReceiptLine.id)).distinct()
            .order_by(Receipt.year, Receipt.number))
    stray = (lines().join(alloc, on=(alloc.c.line_id == ReceiptLine.id))
             .where(ReceiptLine.kind.not_in(SETTLING)).order_by(ReceiptLine.id))
    # What a prepayment line paid in (a void or a refund that gave it back names the line too, less).
    credit = (CreditEntry.select(CreditEntry.line.alias("line_id"), pw.fn.SUM(CreditEntry.amount_fen).alias("fen"))
              .where(CreditEntry.line.is_null(False) & (CreditEntry.amount_fen > 0))
              .group_by(CreditEntry.line)).alias("credit")
    prepaid = (lines().join(credit, pw.JOIN.LEFT_OUTER, on=(credit.c.line_id == ReceiptLine.id))
               .where((ReceiptLine.kind == "prepayment")
                      & (pw.fn.COALESCE(credit.c.fen, 0) != ReceiptLine.amount_fen)).order_by(ReceiptLine.id))
    held = (Deposit.select(Deposit.line.alias("line_id"), pw.fn.SUM(Deposit.amount_fen).alias("fen"))
            .where(Deposit.line.is_null(False)).group_by(Deposit.line)).alias("held")
    deposits = (lines().join(held, pw.JOIN.LEFT_OUTER, on=(held.c.line_id == ReceiptLine.id))
                .where((ReceiptLine.kind == "deposit") & (pw.fn.COALESCE(held.c.fen, 0) != ReceiptLine.amount_fen))
                .order_by(ReceiptLine.id))
    return (query_finding(ERROR, _("{count} receipt lines settled more or less than their amount: {examples}"),
                           unsettled, lambda r: _("{what}: {amount} on the line, {paid} settled").format(
                               what=_line_label(r), amount=yuan(r[3]), paid=yuan(r[4])))
            + query_finding(ERROR, _("{count} lines of voided receipts still settle charges: {examples}"), voided,
                             _line_label)
            + query_finding(ERROR, _("{count} receipt lines gave back by refund more on a charge than they "
                                      "settled on it: {examples}"), over, _line_label)
            + query_finding(ERROR, _("{count} prepayment or deposit lines settle charges: {examples}"), stray,
                             _line_label)
            + query_finding(ERROR, _("{count} prepayment lines are not matched by the prepaid credit they "
                                      "gave: {examples}"), prepaid, _line_label)
            + query_finding(ERROR, _("{count} deposit lines are not matched by the deposit they took: {examples}"),
                             deposits, _line_label))


@register_check("money.receipt_rooms", "Receipts settle their own room's charges", order=425)
def _receipt_rooms() -> list[Finding]:
    wrong = (Allocation.select(Receipt.year, Receipt.number, ReceiptLine.label)
             .join(ReceiptLine).join(Receipt).switch(Allocation).join(Charge)
             .where(Receipt.room.is_null() | (Receipt.room != Charge.room)).order_by(Allocation.id))
    return query_finding(ERROR, _("{count} receipt lines settle another room's charges: {examples}"), wrong,
                          _line_label)


@register_check("money.refunds_vs_receipts", "Refunds against receipts", order=430)
def _refunds_vs_receipts() -> list[Finding]:
    """What a receipt's lines gave back is covered by refunds paid against it (other than deposit refunds)."""
    deposit_refunds = DepositMovement.select(DepositMovement.refund).where(DepositMovement.refund.is_null(False))
    refunded = (Refund.select(Refund.receipt.alias("receipt_id"), pw.fn.SUM(Refund.amount_fen).alias("fen"))
                .where(Refund.receipt.is_null(False) & Refund.id.not_in(deposit_refunds))
                .group_by(Refund.receipt)).alias("refunded")
    back = (Allocation.select(ReceiptLine.receipt.alias("receipt_id"),
                              pw.fn.SUM(0 - Allocation.amount_fen).alias("fen"))
            .join(ReceiptLine).where((Allocation.amount_fen < 0) & Allocation.voided_at.is_null())
            .group_by(ReceiptLine.receipt)).alias("back")
    wrong = (Receipt.select(Receipt.year, Receipt.number, back.c.fen, pw.fn.COALESCE(refunded.c.fen, 0))
             .join(back, on=(back.c.receipt_id == Receipt.id))
             .join_from(Receipt, refunded, pw.JOIN.LEFT_OUTER, on=(refunded.c.receipt_id == Receipt.id))
             .where(back.c.fen > pw.fn.COALESCE(refunded.c.fen, 0)).order_by(Receipt.year, Receipt.number))
    return query_finding(ERROR, _("{count} receipts gave back on their charges more than was refunded on them: "
                                   "{examples}"), wrong,
                          lambda r: _("No. {serial}: {back} given back, {refunded} refunded").format(
                              serial=_serial(r[0], r[1]), back=yuan(r[2]), refunded=yuan(r[3])))


# --- numbering --------------------------------------------------------------------------------


@register_check("money.receipt_numbers", "Receipt numbers", order=440)
def _receipt_numbers() -> list[Finding]:
    return serial_findings(Receipt, "receipt", _("Receipts"), _serial)


@register_check("money.refund_numbers", "Refund numbers", order=441)
def _refund_numbers() -> list[Finding]:
    return serial_findings(Refund, "refund", _("Refunds"), lambda y, n: f"TK{_serial(y, n)}")


@register_check("money.close_numbers", "Daily close numbers", order=442)
def _close_numbers() -> list[Finding]:
    return serial_findings(DailyClose, "daily_close", _("Daily closes"), _serial)


# --- deposits, credit, daily closes ------------------------------------------------------------


@register_check("money.deposits", "Deposits held", order=450)
def _deposits() -> list[Finding]:
    out = (DepositMovement.select(DepositMovement.deposit.alias("deposit_id"),
                                  pw.fn.SUM(DepositMovement.amount_fen).alias("fen"))
           .group_by(DepositMovement.deposit)).alias("out")
    left = Deposit.amount_fen - pw.fn.COALESCE(out.c.fen, 0)
    wrong = (Deposit.select(Room.code, ChargeItem.name, Deposit.payer, Deposit.held_fen, left)
             .join_from(Deposit, ChargeItem).join_from(Deposit, Room, pw.JOIN.LEFT_OUTER)
             .join_from(Deposit, out, pw.JOIN.LEFT_OUTER, on=(out.c.deposit_id == Deposit.id))
             .where((Deposit.held_fen != left) | (Deposit.held_fen < 0) | (Deposit.amount_fen <= 0))
             .order_by(Deposit.id))
    return query_finding(ERROR, _("{count} deposits hold a sum that is not what was taken less what left: "
                                   "{examples}"), wrong,
                          lambda r: _("{room} {item} ({payer}): {held} recorded as held, {left} by its movements")
                          .format(room=label_from_code(r[0]) if r[0] else "", item=r[1], payer=r[2],
                                  held=yuan(r[3]), left=yuan(r[4])))


@register_check("money.credit", "Prepaid credit", order=460)
def _credit() -> list[Finding]:
    balance = pw.fn.SUM(CreditEntry.amount_fen)
    wrong = (CreditEntry.select(Room.code, balance).join(Room).group_by(Room.id, Room.code)
             .having(balance < 0).order_by(Room.code))
    applied = (CreditEntry.select(Room.code).join_from(CreditEntry, Room)
               .join_from(CreditEntry, Allocation, on=(CreditEntry.allocation == Allocation.id))
               .where(Allocation.voided_at.is_null() & (CreditEntry.amount_fen + Allocation.amount_fen != 0))
               .order_by(CreditEntry.id))
    return (query_finding(ERROR, _("{count} rooms have used more prepaid credit than they paid in: {examples}"),
                           wrong, lambda r: _("{room}: {balance}").format(room=label_from_code(r[0]),
                                                                           balance=yuan(r[1])))
            + query_finding(ERROR, _("{count} uses of prepaid credit do not match the sum they settled: "
                                      "{examples}"), applied, lambda r: label_from_code(r[0])))


@register_check("money.closes", "Daily closes", order=470)
def _closes() -> list[Finding]:
    """A close counts its receipts not voided, less the refunds it lists; each is its own person's."""
    counted = pw.fn.SUM(pw.Case(None, [(Receipt.voided_at.is_null(), Receipt.total_fen)], 0))
    inside = (Receipt.select(Receipt.close.alias("close_id"), pw.fn.COUNT(Receipt.id).alias("n"),
                             counted.alias("fen"))
              .where(Receipt.close.is_null(False)).group_by(Receipt.close)).alias("inside")
    paid = (Refund.select(Refund.close.alias("close_id"), pw.fn.SUM(Refund.amount_fen).alias("fen"))
            .where(Refund.close.is_null(False)).group_by(Refund.close)).alias("paid")
    net = pw.fn.COALESCE(inside.c.fen, 0) - pw.fn.COALESCE(paid.c.fen, 0)
    wrong = (DailyClose.select(DailyClose.year, DailyClose.number, DailyClose.clerk, DailyClose.total_fen, net)
             .join(inside, pw.JOIN.LEFT_OUTER, on=(inside.c.close_id == DailyClose.id))
             .join_from(DailyClose, paid, pw.JOIN.LEFT_OUTER, on=(paid.c.close_id == DailyClose.id))
             .where((DailyClose.receipts != pw.fn.COALESCE(inside.c.n, 0))
                    | (DailyClose.total_fen != net))
             .order_by(DailyClose.year, DailyClose.number))
    finance = (Receipt.select(Receipt.year, Receipt.number)
               .where((Receipt.with_finance == True) & Receipt.close.is_null(False))  # noqa: E712
               .order_by(Receipt.year, Receipt.number))

    def someone_else(user_id, name):
        return (pw.fn.COALESCE(user_id, -1) != pw.fn.COALESCE(DailyClose.clerk_user_id, -1)) | (
            user_id.is_null() & (name != DailyClose.clerk))

    others_receipts = (Receipt.select(Receipt.year, Receipt.number).join(DailyClose)
                       .where(someone_else(Receipt.clerk_user_id, Receipt.clerk))
                       .order_by(Receipt.year, Receipt.number))
    others_refunds = (Refund.select(Refund.year, Refund.number).join(DailyClose)
                      .where(someone_else(Refund.by_user_id, Refund.by)).order_by(Refund.year, Refund.number))
    return (query_finding(ERROR, _("{count} daily closes do not add up to their receipts: {examples}"), wrong,
                           lambda r: _("No. {serial} {clerk}: {total} closed, {receipts} in its receipts").format(
                               serial=_serial(r[0], r[1]), clerk=r[2], total=yuan(r[3]), receipts=yuan(r[4])))
            + query_finding(ERROR, _("{count} receipts taken by finance itself are in a clerk's daily close: "
                                      "{examples}"), finance, lambda r: _serial(*r))
            + query_finding(ERROR, _("{count} receipts are in the daily close of someone other than who took "
                                      "the money: {examples}"), others_receipts, lambda r: _serial(*r))
            + query_finding(ERROR, _("{count} refunds are in the daily close of someone other than who paid "
                                      "them: {examples}"), others_refunds, lambda r: f"TK{_serial(*r)}"))
