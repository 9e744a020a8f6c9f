"""Deposits held (押金): a liability, listed at any date; refunded, part-refunded with deductions, or forfeited."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee as pw

from models import audit
from models import validation as v
from models.db import write_tx
from models.errors import Conflict, InvalidInput, NotFound
from models.i18n import _
from models.amounts import fen_amount, yuan
from models.money.cashier import payment_method, new_refund, required_reason
from models.money.ledger import ChargeItem, Deposit, DepositMovement, Receipt, ReceiptLine, lock_room, lock_row


@dataclass
class Deduction:
    """A sum kept from a deposit, and why (damage to the lift lobby, a pass not returned...)."""
    amount: str | int
    reason: str


def get_deposit(deposit_id: int) -> Deposit:
    deposit = Deposit.get_or_none(Deposit.id == deposit_id)
    if deposit is None:
        raise NotFound(_("No such deposit."))
    return deposit


def _locked_deposit(deposit_id: int) -> Deposit:
    """The deposit, read after locking its room's account and then the deposit itself (in that order)."""
    room_id = Deposit.select(Deposit.room).where(Deposit.id == deposit_id).scalar()
    lock_room(room_id)
    lock_row(Deposit, deposit_id)
    return get_deposit(deposit_id)


def _refund_reason(item: str, kept: list[tuple[int, str]]) -> str:
    """The refund's reason, with the deductions kept (each also recorded, in full, on the deposit)."""
    reason = _("deposit refund: {item}").format(item=item)
    if not kept:
        return reason
    for text in ("；".join(f"扣{yuan(f)}：{r}" for f, r in kept), "；".join(f"扣{yuan(f)}" for f, _r in kept)):
        if len(reason) + 1 + len(text) <= 200:
            return reason + "；" + text
    return reason + "；" + _("{n} deductions, {total} in all").format(n=len(kept), total=yuan(sum(f for f, _r in kept)))


def refund_deposit(actor, deposit_id: int, refund_amount, deductions: list[Deduction] = (), *, method: str = "cash",
                   payee: str = "", on=None):
    """Give back (part of) a deposit, keeping deductions with their reasons. Returns the Refund, if any money left."""
    actor.require("money.void")
    method = payment_method(method)
    back = fen_amount(refund_amount, allow_zero=True)
    payee = v.text(payee, "payee", max_len=50, what="The payee")
    kept = []
    for d in deductions:
        fen = fen_amount(d.amount, field="deduction", allow_zero=True)
        reason = v.text(d.reason, "deduction", max_len=200, what="The reason")
        if fen <= 0:
            raise InvalidInput(_("A deduction must be more than zero."), field="deduction")
        if not reason:
            raise InvalidInput(_("Each deduction needs its reason."), field="deduction")
        kept.append((fen, reason))
    if back == 0 and not kept:
        raise InvalidInput(_("Nothing to refund or deduct."), field="amount")
    on = v.parse_date(on) if on else dt.date.today()
    with write_tx():
        deposit = _locked_deposit(deposit_id)
        total = back + sum(f for f, _r in kept)
        if total > deposit.held_fen:
            raise InvalidInput(_("{total} is more than the {held} still held on this deposit.").format(
                total=yuan(total), held=yuan(deposit.held_fen)), field="amount")
        receipt = deposit.line.receipt if deposit.line_id else None
        refund = None
        if back:
            refund = new_refund(actor, receipt, deposit.room_id, payee or deposit.payer, back, method,
                                 _refund_reason(deposit.item.name, kept))
            DepositMovement.create(deposit=deposit, kind="refund", amount_fen=back, refund=refund, on=on,
                                   by=actor.name)
        for fen, reason in kept:
            DepositMovement.create(deposit=deposit, kind="deduct", amount_fen=fen, reason=reason, on=on,
                                   by=actor.name)
        before = deposit.held_fen
        Deposit.update(held_fen=Deposit.held_fen - total).where(Deposit.id == deposit.id).execute()
        audit.record(actor, "deposit.refund", deposit, summary=_("{item}: {back} refunded, {kept} deducted").format(
            item=deposit.item.name, back=yuan(back), kept=yuan(total - back)),
            before={"held_fen": before}, after={"held_fen": before - total})
    return refund


def forfeit_deposit(actor, deposit_id: int, reason: str, on=None) -> None:
    """没收: the whole remaining deposit is kept (by the agreement's terms), with the reason."""
    actor.require("money.void")
    reason = required_reason(reason, _("Say why the deposit is forfeited."))
    on = v.parse_date(on) if on else dt.date.today()
    with write_tx():
        deposit = _locked_deposit(deposit_id)
        if deposit.held_fen <= 0:
            raise Conflict(_("Nothing is held on this deposit any more."))
        DepositMovement.create(deposit=deposit, kind="forfeit", amount_fen=deposit.held_fen, reason=reason, on=on,
                               by=actor.name)
        audit.record(actor, "deposit.forfeit", deposit, summary=f"{deposit.item.name} {yuan(deposit.held_fen)}: "
                     f"{reason}", before={"held_fen": deposit.held_fen}, after={"held_fen": 0})
        Deposit.update(held_fen=0).where(Deposit.id == deposit.id).execute()


def held_as_of(on: dt.date | None = None) -> list[dict]:
    """What the office holds on a date: for whom, since when, how much (taken minus what left by then)."""
    on = on or dt.date.today()
    left = (DepositMovement.select(DepositMovement.deposit, pw.fn.SUM(DepositMovement.amount_fen).alias("out"))
            .where(DepositMovement.on <= on).group_by(DepositMovement.deposit))
    gone = {d: out for d, out in left.tuples()}
    rows = []
    query = (Deposit.select(Deposit, ChargeItem).join(ChargeItem).switch(Deposit)
             .where(Deposit.taken_on <= on).order_by(Deposit.taken_on, Deposit.id))
    for deposit in query:
        held = deposit.amount_fen - gone.get(deposit.id, 0)
        if held > 0:
            rows.append({"deposit": deposit, "held_fen": held})
    return rows


def held_totals(on: dt.date | None = None) -> dict[str, int]:
    """Totals held by item on a date, and overall."""
    totals: dict[str, int] = {}
    for row in held_as_of(on):
        name = row["deposit"].item.name
        totals[name] = totals.get(name, 0) + row["held_fen"]
    totals["合计"] = sum(totals.values())
    return totals


def deposits_of_receipt(receipt: Receipt) -> list[Deposit]:
    return list(Deposit.select().join(ReceiptLine).where(ReceiptLine.receipt == receipt))
