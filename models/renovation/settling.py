"""Giving the money back (seed 004 场景二, DOMAIN.md "Renovation"): the renovation deposit after the
acceptance, less its deductions; each pass's deposit when the pass comes back; a lost pass's kept.

Every sum moves through the money part (``refund_deposit``: a refund record pointing at the receipt,
a deposit movement per deduction), never here: the renovation only says which, and remembers when.
No deposit comes back before the works are accepted (or the application was rejected), and never
more than was taken: the money part refuses more than the deposit still holds.
"""
from __future__ import annotations

from models import audit
from models import validation as v
from models.amounts import yuan
from models.db import now, write_tx
from models.errors import Conflict, InvalidInput, NotFound
from models.i18n import _
from models.money.deposits import Deduction as MoneyDeduction
from models.money.deposits import refund_deposit
from models.money.ledger import Deposit, lock_row
from models.renovation.applying import locked
from models.renovation.works import (ACCEPTED, CLOSED, LIVE, REJECTED, RENOVATION, SETTLED, Deduction, Renovation,
                                     Worker)

REFUNDABLE = (ACCEPTED, REJECTED, SETTLED, CLOSED)       # pass deposits: after the works, or if never allowed


def settle(actor, renovation_id: int, *, method: str = "cash", payee: str = ""):
    """退还装修保证金: the deposit less the acceptance's deductions, through money. Returns the refund
    (None when the deductions took it all, or nothing was taken)."""
    actor.require("renovation.settle")
    with write_tx():
        renovation = locked(renovation_id)
        if renovation.state not in (ACCEPTED, REJECTED):
            # The machine's own sentence: no deposit before acceptance (完工验收后方可退还).
            RENOVATION.move(actor, renovation, "settle")
        refund = None
        if renovation.deposit_id is not None:
            deposit = Deposit.get_by_id(renovation.deposit_id)
            kept = [(d.amount_fen, d.reason) for d in renovation.deductions.order_by(Deduction.id)]
            back = deposit.held_fen - sum(f for f, _r in kept)
            if back < 0:
                raise Conflict(_("The deductions are more than the deposit still held ({held}).").format(
                    held=yuan(deposit.held_fen)))
            if back > 0 or kept:
                refund = refund_deposit(actor, deposit.id, back, [MoneyDeduction(f, r) for f, r in kept],
                                        method=method, payee=payee)
        RENOVATION.move(actor, renovation, "settle", summary=f"No. {renovation.serial}", settled_at=now())
    return refund


def _worker(renovation: Renovation, worker_id: int) -> Worker:
    worker = Worker.get_or_none((Worker.id == worker_id) & (Worker.renovation == renovation.id))
    if worker is None:
        raise NotFound(_("No such worker on renovation {number}.").format(number=renovation.serial))
    return worker


def return_pass(actor, renovation_id: int, worker_id: int) -> Worker:
    """出入证交回: the pass no longer opens the gate; its deposit may be refunded."""
    actor.require("renovation.apply")
    with write_tx():
        renovation = locked(renovation_id)
        worker = _worker(renovation, worker_id)
        if worker.returned_at is not None:
            raise Conflict(_("Pass {number} was returned on {time}.").format(
                number=worker.pass_number, time=worker.returned_at.strftime("%Y-%m-%d %H:%M")))
        if worker.lost:
            raise Conflict(_("Pass {number} was written off as lost.").format(number=worker.pass_number))
        moment = now()
        Worker.update(returned_at=moment, returned_by=actor.name).where(Worker.id == worker.id).execute()
        audit.record(actor, "renovation_worker.return", worker, summary=f"{worker.pass_number} {worker.name}",
                     after={"returned_at": moment})
        worker.returned_at, worker.returned_by = moment, actor.name
    return worker


def refund_passes(actor, renovation_id: int, worker_ids: list[int], *, method: str = "cash", payee: str = ""):
    """退还出入证押金 for the passes returned: one refund for them all. A pass not returned is refused."""
    actor.require("renovation.settle")
    if not worker_ids:
        raise InvalidInput(_("Choose the returned passes whose deposit is refunded."), field="workers")
    with write_tx():
        renovation = locked(renovation_id)
        if renovation.state not in REFUNDABLE:
            raise Conflict(_("Renovation {number} is {state}: pass deposits come back after the works are "
                             "accepted.").format(number=renovation.serial, state=RENOVATION.label(renovation.state)))
        workers = [_worker(renovation, i) for i in dict.fromkeys(worker_ids)]
        for worker in workers:
            if worker.returned_at is None:
                raise Conflict(_("Pass {number} ({name}) was never returned: its deposit is not refunded.").format(
                    number=worker.pass_number, name=worker.name))
            if worker.refunded_at is not None:
                raise Conflict(_("The deposit of pass {number} was already refunded.").format(number=worker.pass_number))
        refunds = []
        for deposit_id in dict.fromkeys(w.deposit_id for w in workers):
            mine = [w for w in workers if w.deposit_id == deposit_id]
            back = _shares(deposit_id, len(mine))
            if back:
                refunds.append(refund_deposit(actor, deposit_id, back, method=method, payee=payee))
        _mark(actor, workers, "refund", "refunded_at")
    return refunds


def refund_preview(worker_ids: list[int]) -> int:
    """What refunding these returned passes would give back now, reckoned as ``refund_passes`` does (the
    window's dialog says the amount before the clerk confirms)."""
    from collections import Counter
    deposits = Counter(deposit for (deposit,) in Worker.select(Worker.deposit).where(
        Worker.id.in_(list(worker_ids)) & Worker.deposit.is_null(False)).tuples())
    return sum(_shares(deposit_id, count, lock=False) for deposit_id, count in deposits.items())


def _shares(deposit_id: int | None, count: int, *, lock: bool = True) -> int:
    """What ``count`` more passes of one pass deposit give back: a share each (the deposit over its
    passes); the last passes of it take what is left of an uneven split."""
    if deposit_id is None:
        return 0
    if lock:
        lock_row(Deposit, deposit_id)
    deposit = Deposit.get_by_id(deposit_id)
    settled = Worker.select().where((Worker.deposit == deposit_id)
                                    & (Worker.refunded_at.is_null(False) | Worker.lost)).count()
    if settled + count >= deposit.quantity:
        return deposit.held_fen
    return min(deposit.amount_fen // max(deposit.quantity, 1) * count, deposit.held_fen)


def write_off_pass(actor, renovation_id: int, worker_id: int, reason: str = "出入证遗失，押金不退"):
    """A pass lost or kept: its share of the deposit is deducted (kept), with the reason."""
    actor.require("renovation.settle")
    reason = v.text(reason, "reason", max_len=200, what="The reason") or "出入证遗失，押金不退"
    with write_tx():
        renovation = locked(renovation_id)
        if renovation.state not in REFUNDABLE and renovation.state not in LIVE:
            raise Conflict(_("Renovation {number} is {state}.").format(
                number=renovation.serial, state=RENOVATION.label(renovation.state)))
        worker = _worker(renovation, worker_id)
        if worker.lost or worker.refunded_at is not None:
            raise Conflict(_("Pass {number} is settled already.").format(number=worker.pass_number))
        if worker.returned_at is not None:
            raise Conflict(_("Pass {number} was returned: refund its deposit instead.").format(
                number=worker.pass_number))
        kept = _shares(worker.deposit_id, 1)
        if kept > 0:
            refund_deposit(actor, worker.deposit_id, 0, [MoneyDeduction(kept, f"{worker.pass_number} {reason}")])
        Worker.update(lost=True).where(Worker.id == worker.id).execute()
        audit.record(actor, "renovation_worker.lost", worker, summary=f"{worker.pass_number} {worker.name} {reason}",
                     after={"lost": True})
        worker.lost = True
    return worker


def close(actor, renovation_id: int) -> Renovation:
    """结案: the deposit settled and every pass returned and refunded, or written off."""
    with write_tx():
        renovation = locked(renovation_id)
        RENOVATION.move(actor, renovation, "close", summary=f"No. {renovation.serial}", closed_at=now())
    return renovation


def unreturned(renovation: Renovation) -> list[Worker]:
    """The passes not handed back (listed at completion)."""
    return list(renovation.workers.where(Worker.returned_at.is_null() & ~Worker.lost).order_by(Worker.line))


def _mark(actor, workers: list[Worker], action: str, column: str) -> None:
    moment = now()
    Worker.update({getattr(Worker, column): moment}).where(Worker.id.in_([w.id for w in workers])).execute()
    for worker in workers:
        setattr(worker, column, moment)
        audit.record(actor, f"renovation_worker.{action}", worker, summary=f"{worker.pass_number} {worker.name}",
                     after={column: moment})
