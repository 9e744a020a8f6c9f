"""Taking money at the desk, and the only two ways back: voiding a receipt, paying a refund.

Seed 004 场景三: the clerk takes the money when finance is away and issues the
receipt. Every sum taken gets one receipt, numbered per year without gaps, in
the same transaction as everything the payment settles.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import peewee as pw

from models import audit, serials
from models import validation as v
from models.db import now, write_tx
from models.errors import Conflict, InvalidInput, NotFound
from models.records.estate import get_room
from models.i18n import _
from models.amounts import fen_amount, unit_fee, yuan
from models.money.charging import credit_left_by_line, month_label, open_charges, settle
from models.money.ledger import (DEPOSIT, FIXED, METHODS, Allocation, Charge, ChargeItem, CreditEntry, Deposit,
                                 DepositMovement, Receipt, ReceiptLine, Refund, lock_room, lock_row, lock_rows)
from models.money.rates import item as item_by_code, rate_on
from models.users import FINANCE

PREPAYMENT_CODE = "management_fee"   # prepaid credit is held against the management fee


@dataclass
class DeskItem:
    """A fixed fee or a deposit taken with the payment: 出入证押金 ×3, 垃圾清运费…"""
    code: str
    quantity: int = 1
    amount: str | int | None = None    # the total for the line; None: the standard amount × quantity


@dataclass
class Payment:
    """What the clerk is taking: for which charges, how much, and what else."""
    payer: str
    method: str
    amount: str | int = 0                      # towards charges (and prepayment); text in yuan or int fen
    charge_ids: list[int] | None = None        # the charges ticked; None: oldest first
    prepayment: bool = False                   # say so to take more than what is settled
    items: list[DeskItem] = field(default_factory=list)
    note: str = ""


def _payer(value) -> str:
    payer = v.text(value, "payer", max_len=50, what="The payer")
    if not payer:
        raise InvalidInput(_("Who is paying? The payer's name goes on the receipt."), field="payer")
    return payer


def required_reason(value, empty: str) -> str:
    reason = v.text(value, "reason", max_len=200, what="The reason")
    if not reason:
        raise InvalidInput(empty, field="reason")
    return reason


def payment_method(value) -> str:
    if not isinstance(value, str) or value not in METHODS:
        raise InvalidInput(_("Choose how the money is paid."), field="method")
    return value


def _desk_line(desk: DeskItem) -> tuple[ChargeItem, int, int]:
    """A desk item checked: (item, quantity, amount in fen)."""
    it = item_by_code(desk.code)
    if it.kind not in (FIXED, DEPOSIT):
        raise InvalidInput(_("{item} is settled against its charges, not taken as a desk item.").format(
            item=it.name))
    try:
        quantity = v.quantity(desk.quantity)
    except InvalidInput:
        raise InvalidInput(_("The quantity of {item} must be 1 to 200.").format(item=it.name), field="quantity")
    amount = fen_amount(desk.amount, allow_zero=True)
    if desk.amount in (None, ""):
        amount = unit_fee(rate_on(it.id, "", dt.date.today()) or 0, quantity)
    if amount <= 0:
        raise InvalidInput(_("{item} has no amount.").format(item=it.name), field="amount")
    return it, quantity, amount


def period_label(name: str, periods: list[dt.date], partial: bool) -> str:
    periods = sorted(p for p in periods if p)
    if not periods:
        text = name
    elif len(periods) == 1:
        text = f"{name} {month_label(periods[0])}"
    else:
        first, last = periods[0], periods[-1]
        text = f"{name} {first.year}年{first.month}月-" + (f"{last.month}月" if last.year == first.year
                                                            else f"{last.year}年{last.month}月")
    return text + ("（部分）" if partial else "")


def take_payment(actor, room_id: int, payment: Payment) -> Receipt:
    """Take a payment for a room and issue its receipt, all in one transaction."""
    actor.require("money.take")
    payer = _payer(payment.payer)
    method = payment_method(payment.method)
    note = v.text(payment.note, "note", max_len=200, what="The note")
    towards_charges = fen_amount(payment.amount, allow_zero=True)
    with write_tx():
        # Two desks paying the same room at once: the second waits here, then reads what the first settled.
        lock_room(room_id)
        room = get_room(room_id)
        desk_lines = [_desk_line(desk) for desk in payment.items]
        total = towards_charges + sum(a for _i, _q, a in desk_lines)
        if total <= 0:
            raise InvalidInput(_("Nothing to take: the amount must be more than zero."), field="amount")
        charges, owed, excess = _charges_to_settle(room, payment, towards_charges)
        receipt = _new_receipt(actor, room, payer, method, total, note)
        _settle_charges(receipt, charges, min(towards_charges, owed))
        if excess > 0:
            _take_prepayment(receipt, room, excess)
        for it, quantity, amount in desk_lines:
            _take_desk_item(actor, receipt, room, payer, it, quantity, amount)
        audit.record(actor, "receipt.issue", receipt, summary=f"No. {receipt.serial} {room.code} {payer} {yuan(total)}",
                     after=receipt_snapshot(receipt))
    return receipt


def _charges_to_settle(room, payment: Payment, towards_charges: int) -> tuple[list[Charge], int, int]:
    """The open charges the payment settles, what they owe and what is paid beyond that (checked)."""
    charges = open_charges(room.id, payment.charge_ids)
    if payment.charge_ids is not None:
        missing = set(payment.charge_ids) - {c.id for c in charges}
        if missing:
            raise Conflict(_("Some ticked charges are already settled or not this room's; reload the account."))
    owed = sum(c.owed_fen for c in charges)
    excess = towards_charges - owed
    if excess > 0 and not payment.prepayment:
        raise InvalidInput(_("{amount} is more than the {owed} chosen to settle. If the extra {excess} is paid "
                             "in advance, tick “prepayment”.").format(
            amount=yuan(towards_charges), owed=yuan(owed), excess=yuan(excess)), field="amount")
    return charges, owed, excess


def _new_receipt(actor, room, payer: str, method: str, total: int, note: str) -> Receipt:
    """The receipt, with the next number of this year's series."""
    year = now().year
    number = serials.allocate("receipt", year)
    return Receipt.create(year=year, number=number, room=room, payer=payer, method=method,
                          total_fen=total, note=note, clerk=actor.name,
                          clerk_user_id=actor.user_id, with_finance=actor.role == FINANCE)


def _settle_charges(receipt: Receipt, charges: list[Charge], remaining: int) -> None:
    """Charges, oldest first: one receipt line per item, labelled with the months it covers."""
    by_item: dict[int, list] = {}
    for charge in charges:
        if remaining <= 0:
            break
        take = min(remaining, charge.owed_fen)
        by_item.setdefault(charge.item_id, []).append((charge, take))
        remaining -= take
    for item_id, pairs in by_item.items():
        it = pairs[0][0].item
        partial = any(take < charge.owed_fen for charge, take in pairs)
        line = ReceiptLine.create(receipt=receipt, item=it, kind="charges",
                                  label=period_label(it.name, [c.period for c, _t in pairs], partial),
                                  amount_fen=sum(t for _c, t in pairs))
        for charge, take in pairs:
            settle(charge, take, line)


def _take_prepayment(receipt: Receipt, room, excess: int) -> None:
    """Prepaid credit pays whatever the room is charged next; it is named after what that is."""
    it = item_by_code("parking_fee" if room.use == "parking" else PREPAYMENT_CODE)
    line = ReceiptLine.create(receipt=receipt, item=it, kind="prepayment", label=f"预交{it.name}",
                              amount_fen=excess)
    CreditEntry.create(room=room, amount_fen=excess, line=line, reason="prepaid")


def _take_desk_item(actor, receipt: Receipt, room, payer: str, it: ChargeItem, quantity: int, amount: int) -> None:
    """A deposit held, or a fixed fee charged and settled at once."""
    label = it.name + (f" ×{quantity}" if quantity > 1 else "")
    if it.kind == DEPOSIT:
        line = ReceiptLine.create(receipt=receipt, item=it, kind="deposit", label=label, quantity=quantity,
                                  amount_fen=amount)
        Deposit.create(room=room, item=it, payer=payer, amount_fen=amount, held_fen=amount, quantity=quantity,
                       taken_on=dt.date.today(), line=line, source="receipt")
    else:
        line = ReceiptLine.create(receipt=receipt, item=it, kind="fee", label=label, quantity=quantity,
                                  amount_fen=amount)
        charge = Charge.create(room=room, item=it, amount_fen=amount, due_date=dt.date.today(), source="desk",
                               note=receipt.serial, created_by=actor.name)
        settle(charge, amount, line)


def receipt_snapshot(receipt: Receipt) -> dict:
    snap = audit.snapshot(receipt)
    snap["lines"] = [(line.label, line.amount_fen) for line in receipt.lines.order_by(ReceiptLine.id)]
    return snap


def get_receipt(receipt_id: int) -> Receipt:
    receipt = Receipt.get_or_none(Receipt.id == receipt_id)
    if receipt is None:
        raise NotFound(_("No such receipt."))
    return receipt


def find_by_serial(model, serial: str, *, prefix: str, example: str, missing: str):
    """The ``model`` row (a receipt, a refund) numbered ``serial`` as printed, ``prefix`` and all;
    ``missing`` (with ``{serial}``) is the error when there is none."""
    year, number = v.serial(serial, prefix=prefix, example=example)
    row = model.get_or_none((model.year == year) & (model.number == number))
    if row is None:
        raise NotFound(missing.format(serial=f"{prefix}{year}-{number:06d}"))
    return row


def find_receipt(serial: str) -> Receipt:
    """``2026-000123`` (or ``No. 2026-123``) → the receipt."""
    return find_by_serial(Receipt, serial, prefix="", example="2026-000123", missing=_("No receipt {serial}."))


def refunded_fen(receipt_id: int, *, deposits: bool = True) -> int:
    """What was given back against a receipt; ``deposits=False`` leaves out its deposits' refunds,
    which go back through the deposit ledger and do not reduce what the receipt's fees may refund."""
    query = Refund.select(pw.fn.COALESCE(pw.fn.SUM(Refund.amount_fen), 0)).where(Refund.receipt == receipt_id)
    if not deposits:
        query = query.where(Refund.id.not_in(DepositMovement.select(DepositMovement.refund)
                                             .where(DepositMovement.refund.is_null(False))))
    return query.scalar()


def get_refund(refund_id: int) -> Refund:
    refund = Refund.get_or_none(Refund.id == refund_id)
    if refund is None:
        raise NotFound(_("No such refund."))
    return refund


def refunds_of_receipt(receipt_id: int) -> list[Refund]:
    """The refunds paid against a receipt (its fees and its deposits alike), oldest first."""
    return list(Refund.select().where(Refund.receipt == receipt_id).order_by(Refund.id))


def refunds_of_deposit(deposit_id: int) -> list[Refund]:
    """The refunds paid out of a deposit (an opening deposit's refunds have no receipt to find them by)."""
    return list(Refund.select().join(DepositMovement, on=(DepositMovement.refund == Refund.id))
                .where(DepositMovement.deposit == deposit_id).order_by(Refund.id))


def _locked_receipt(receipt_id: int) -> Receipt:
    """The receipt, read after locking its room's account and then the receipt itself (in that order)."""
    room_id = Receipt.select(Receipt.room).where(Receipt.id == receipt_id).scalar()
    lock_room(room_id)
    lock_row(Receipt, receipt_id)
    return get_receipt(receipt_id)


def void_receipt(actor, receipt_id: int, reason: str) -> Receipt:
    """作废: a receipt made in error. What it settled is owed again; what it took in deposits and credit goes."""
    actor.require("money.void")
    reason = required_reason(reason, _("Say why the receipt is voided."))
    with write_tx():
        receipt = _locked_receipt(receipt_id)
        if receipt.voided_at is not None:
            raise Conflict(_("Receipt {serial} was already voided by {who} on {when}.").format(
                serial=receipt.serial, who=receipt.voided_by, when=receipt.voided_at.strftime("%Y-%m-%d %H:%M")))
        if receipt.close_id is not None:
            raise Conflict(_("Receipt {serial} is already in a daily close ({close}); its money was counted for "
                             "finance. Pay a refund instead of voiding.").format(serial=receipt.serial,
                                                                                  close=receipt.close.serial))
        if refunded_fen(receipt.id):
            raise Conflict(_("Receipt {serial} has refunds paid against it; it cannot be voided.").format(
                serial=receipt.serial))
        lines = list(receipt.lines)
        line_ids = [line.id for line in lines]
        deposit_ids = [i for (i,) in Deposit.select(Deposit.id).where(Deposit.line.in_(line_ids)).tuples()] \
            if line_ids else []
        lock_rows(Deposit, deposit_ids)
        deposits = list(Deposit.select().where(Deposit.id.in_(deposit_ids))) if deposit_ids else []
        if any(d.held_fen != d.amount_fen for d in deposits):
            raise Conflict(_("A deposit taken on receipt {serial} was already refunded or deducted; it cannot be "
                             "voided.").format(serial=receipt.serial))
        # Only the credit this receipt paid in goes with it, and only if none of it was used yet
        # (credit is used oldest first); other receipts' prepayments of the room stay.
        prepaid = [line for line in lines if line.kind == "prepayment"]
        if prepaid and receipt.room_id:
            left = credit_left_by_line(receipt.room_id)
            if any(left.get(line.id, 0) < line.amount_fen for line in prepaid):
                raise Conflict(_("The prepayment on receipt {serial} was already used on later charges; pay a "
                                 "refund instead of voiding.").format(serial=receipt.serial))
        stamp = now()
        for allocation in Allocation.select().where(Allocation.line.in_(line_ids) & Allocation.voided_at.is_null()):
            Allocation.update(voided_at=stamp).where(Allocation.id == allocation.id).execute()
            Charge.update(settled_fen=Charge.settled_fen - allocation.amount_fen).where(
                Charge.id == allocation.charge_id).execute()
        Charge.update(cancelled_at=stamp, cancel_reason=_("receipt {serial} voided").format(serial=receipt.serial)) \
            .where((Charge.source == "desk") & (Charge.note == receipt.serial) & (Charge.room == receipt.room_id)) \
            .execute()
        for line in prepaid:
            CreditEntry.create(room=receipt.room_id, amount_fen=-line.amount_fen, line=line, reason="voided")
        for deposit in deposits:
            DepositMovement.create(deposit=deposit, kind="void", amount_fen=deposit.held_fen, reason=reason,
                                   on=stamp.date(), by=actor.name)
            Deposit.update(held_fen=0).where(Deposit.id == deposit.id).execute()
        before = {"voided_at": None}
        receipt.voided_at, receipt.voided_by, receipt.void_reason = stamp, actor.name, reason
        receipt.save()
        audit.record(actor, "receipt.void", receipt, summary=f"No. {receipt.serial}: {reason}", before=before,
                     after={"voided_at": stamp.isoformat(), "voided_by": actor.name, "void_reason": reason})
    return receipt


def refundable_fen(receipt: Receipt) -> int:
    """What may still be given back on a receipt (its deposits go back through the deposit ledger)."""
    if receipt.voided_at is not None:
        return 0
    taken = sum(line.amount_fen for line in receipt.lines if line.kind in ("charges", "prepayment", "fee"))
    return taken - refunded_fen(receipt.id, deposits=False)


def refund_receipt(actor, receipt_id: int, amount, reason: str, method: str = "cash") -> Refund:
    """退款 against a receipt: its unused prepayment first, then the latest charges it settled (owed again).

    A fee taken at the desk (办证工本费, 垃圾清运费) that is given back is no longer due, by the
    sum given back: the fee becomes what the office keeps, and a fee given back whole is
    cancelled. It never turns into arrears.
    """
    actor.require("money.void")
    reason = required_reason(reason, _("Say why the money is refunded."))
    method = payment_method(method)
    fen = fen_amount(amount)
    with write_tx():
        receipt = _locked_receipt(receipt_id)
        if receipt.voided_at is not None:
            raise Conflict(_("Receipt {serial} is voided; nothing on it can be refunded.").format(
                serial=receipt.serial))
        can = refundable_fen(receipt)
        if fen > can:
            raise InvalidInput(_("A refund of {amount} is more than the {can} that can still be refunded on receipt "
                                 "{serial}.").format(amount=yuan(fen), can=yuan(can), serial=receipt.serial),
                               field="amount")
        refund = new_refund(actor, receipt, receipt.room_id, receipt.payer, fen, method, reason)
        left = fen
        prepaid = [line for line in receipt.lines if line.kind == "prepayment"]
        if prepaid and receipt.room_id:
            unused_by_line = credit_left_by_line(receipt.room_id)
            for line in prepaid:
                unused = min(max(0, unused_by_line.get(line.id, 0)), left)
                if unused:
                    CreditEntry.create(room=receipt.room_id, amount_fen=-unused, line=line, reason="refunded")
                    left -= unused
        if left:
            # Only what *this* receipt paid on each charge can come back from it (its allocations there,
            # less earlier refunds): another receipt's payment on the same charge stays.
            line_ids = [line.id for line in receipt.lines if line.kind in ("charges", "fee", "prepayment")]
            paid: dict[int, int] = {}
            lines_of: dict[int, int] = {}
            for allocation in (Allocation.select().where(Allocation.line.in_(line_ids) & Allocation.voided_at.is_null())
                               .order_by(Allocation.id)):
                paid[allocation.charge_id] = paid.get(allocation.charge_id, 0) + allocation.amount_fen
                lines_of[allocation.charge_id] = allocation.line_id
            for charge_id in sorted(paid, reverse=True):          # the latest charges it paid first
                if left <= 0:
                    break
                back = min(left, paid[charge_id])
                if back <= 0:
                    continue
                charge = Charge.get_by_id(charge_id)
                settle(charge, -back, lines_of[charge_id])
                if charge.source == "desk":
                    _give_back_fee(charge, back, refund)
                left -= back
        if left:
            raise Conflict(_("The money of receipt {serial} was used on later charges; refund it from those "
                             "receipts.").format(serial=receipt.serial))
        audit.record(actor, "refund.issue", refund, summary=f"{refund.serial} ← No. {receipt.serial} {yuan(fen)}: "
                     f"{reason}", after=audit.snapshot(refund))
    return refund


def _give_back_fee(charge: Charge, back: int, refund: Refund) -> None:
    """A desk fee refunded by ``back`` (already unsettled by that much) is due by that much less."""
    if charge.settled_fen <= 0:
        Charge.update(cancelled_at=now(), cancel_reason=_("refunded: {serial}").format(serial=refund.serial)) \
            .where(Charge.id == charge.id).execute()
    else:
        Charge.update(amount_fen=Charge.amount_fen - back).where(Charge.id == charge.id).execute()


def new_refund(actor, receipt, room_id, payee, fen, method, reason) -> Refund:
    """A numbered refund, paid out of the drawer of ``actor`` (counted in their daily close)."""
    year = now().year
    return Refund.create(year=year, number=serials.allocate("refund", year), receipt=receipt, room=room_id,
                         payee=payee, amount_fen=fen, method=method, reason=reason, by=actor.name,
                         by_user_id=actor.user_id)


def charge_items(kind: str) -> list[ChargeItem]:
    return list(ChargeItem.select().where((ChargeItem.kind == kind) & (ChargeItem.active == True))  # noqa: E712
                .order_by(ChargeItem.sort_order))
