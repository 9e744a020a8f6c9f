"""The renovation part's integrity checks (数据检查: 装修管理): the register and the money agree.

Applications and rectification notices are numbered per year without gaps; each is in the audit log,
and so is each move it made. A state says what its times say (settled iff a settlement time…). Each
application's fees are on one receipt of its room that was not voided behind its back; its deposits
are lines of that receipt; no deposit went back before the works were accepted (a rejected
application's may); nothing gave back more than was taken; the deductions kept at the acceptance
are the deposit's deductions; a pass's deposit refunded is a refund on its deposit. Each rule is one
set-based query. Registered with ``models.check.register_check`` on import.
"""
from __future__ import annotations

import peewee as pw

from models.amounts import yuan
from models.audit import AuditLog
from models.check import ERROR, WARNING, Finding, must_be_audited, query_finding, register_check, serial_findings
from models.i18n import _
from models.money.ledger import ChargeItem, Deposit, DepositMovement, Receipt, ReceiptLine
from models.records.estate import RENOVATING, Room, label_from_code
from models.renovation.works import (ACCEPTED, APPROVED, CLOSED, COMPLETION, IN_WORKS, LIVE, MORE_PAPERS, NOTICE_DONE,
                                     NOTICE_ESCALATED, NOTICE_OPEN, NOTICE_STATES, ON_SITE, REJECTED, SETTLED, STATES,
                                     SUBMITTED, SUSPENDED, Contractor, Deduction, Escalation, Inspection,
                                     RectificationNotice, Renovation, Worker, show_notice, show_serial)

GONE = ("refund", "deduct", "forfeit")          # what leaves a deposit by the office's decision (not a void)


def _serial(row: tuple) -> str:
    return show_serial(row[0], row[1])


def _notice(row: tuple) -> str:
    return show_notice(row[0], row[1])


def _renovations(*where, joins=()):
    query = Renovation.select(Renovation.year, Renovation.number)
    for model, on in joins:
        query = query.join_from(Renovation, model, on=on)
    for condition in where:
        query = query.where(condition)
    return query.order_by(Renovation.year, Renovation.number)


def _notices(*where):
    query = RectificationNotice.select(RectificationNotice.year, RectificationNotice.number)
    for condition in where:
        query = query.where(condition)
    return query.order_by(RectificationNotice.year, RectificationNotice.number)


def _findings(rules, describe=_serial) -> list[Finding]:
    found = []
    for level, message, query in rules:
        found += query_finding(level, message, query, describe)
    return found


@register_check("renovation.numbers", "Renovation and rectification notice numbers", order=490)
def _numbers() -> list[Finding]:
    return (serial_findings(Renovation, "renovation", _("Renovation applications"), show_serial)
            + serial_findings(RectificationNotice, "rectification", _("Rectification notices"), show_notice))


# --- the audit trail ------------------------------------------------------------------------------

must_be_audited(Renovation, (Renovation.year, Renovation.number), _serial,
                lambda: _("{count} renovation applications have no entry in the audit log: {examples}"))
must_be_audited(RectificationNotice, (RectificationNotice.year, RectificationNotice.number), _notice,
                lambda: _("{count} rectification notices have no entry in the audit log: {examples}"))
must_be_audited(Inspection, (Inspection.at, Inspection.inspector), lambda r: f"{str(r[0])[:16]} {r[1]}",
                lambda: _("{count} inspections have no entry in the audit log: {examples}"))
must_be_audited(Deduction, (Deduction.amount_fen, Deduction.reason), lambda r: f"{yuan(r[0])} {r[1]}",
                lambda: _("{count} deductions from renovation deposits have no entry in the audit log: {examples}"))
must_be_audited(Contractor, (Contractor.name,), lambda r: r[0],
                lambda: _("{count} contractors have no entry in the audit log: {examples}"))
must_be_audited(Escalation, (Escalation.made_at, Escalation.to), lambda r: f"{str(r[0])[:10]} {r[1]}",
                lambda: _("{count} escalation reports have no entry in the audit log: {examples}"))


def _not_logged(model, *actions):
    entries = AuditLog.select(AuditLog.id).where((AuditLog.entity == model._meta.table_name)
                                                 & (AuditLog.entity_id == model.id) & AuditLog.action.in_(actions))
    return ~pw.fn.EXISTS(entries)


@register_check("renovation.audit", "Renovation moves in the audit log", order=491)
def _audited() -> list[Finding]:
    R = Renovation
    moves = [
        (R.submitted_at.is_null(False), ("renovation.submit",),
         _("{count} renovation applications have no entry of their taking in the audit log: {examples}")),
        (R.decided_at.is_null(False), ("renovation.approve", "renovation.reject", "renovation.ask_papers"),
         _("{count} decided renovation applications have no entry of the decision in the audit log: {examples}")),
        (R.started_at.is_null(False), ("renovation.start",),
         _("{count} renovations in works have no entry of the start of works in the audit log: {examples}")),
        (R.accepted_at.is_null(False), ("renovation.accept",),
         _("{count} accepted renovations have no entry of the acceptance in the audit log: {examples}")),
        (R.settled_at.is_null(False), ("renovation.settle",),
         _("{count} settled renovations have no entry of the settlement in the audit log: {examples}")),
        (R.closed_at.is_null(False), ("renovation.close",),
         _("{count} closed renovations have no entry of the closing in the audit log: {examples}")),
    ]
    found = []
    for condition, actions, message in moves:
        found += query_finding(WARNING, message, _renovations(condition, _not_logged(R, *actions)), _serial)
    N = RectificationNotice
    return (found + query_finding(WARNING, _("{count} rectification notices have no entry of their issue in the audit "
                                             "log: {examples}"), _notices(_not_logged(N, "notice.issue")), _notice)
            + query_finding(WARNING, _("{count} rectified notices have no entry of the re-inspection that saw them "
                                       "done in the audit log: {examples}"),
                            _notices(N.state == NOTICE_DONE, _not_logged(N, "notice.rectified")), _notice))


# --- states: what the times say -------------------------------------------------------------------

@register_check("renovation.states", "Renovation states", order=492)
def _states() -> list[Finding]:
    R = Renovation
    after_works = (SETTLED, CLOSED)
    return _findings([
        (ERROR, _("{count} renovation applications are in an unknown state: {examples}"), _renovations(
            R.state.not_in(tuple(STATES)))),
        (ERROR, _("{count} renovation applications end before they start: {examples}"), _renovations(
            R.end_on < R.start_on)),
        (ERROR, _("{count} decided renovation applications do not say who decided or when: {examples}"), _renovations(
            R.state.in_((APPROVED, REJECTED, MORE_PAPERS) + LIVE + (ACCEPTED,) + after_works),
            R.decided_at.is_null() | R.decided_by.is_null())),
        (ERROR, _("{count} renovation applications on site or accepted have no time the works started: "
                  "{examples}"), _renovations(R.state.in_(ON_SITE + (ACCEPTED,)), R.started_at.is_null())),
        (ERROR, _("{count} renovation applications carry a start of works but were never in works: {examples}"),
         _renovations(R.state.in_((SUBMITTED, MORE_PAPERS, APPROVED, REJECTED)), R.started_at.is_null(False))),
        (ERROR, _("{count} renovation applications wait for the acceptance with no time completion was "
                  "requested: {examples}"), _renovations(R.state == COMPLETION, R.completion_at.is_null())),
        (ERROR, _("{count} renovation applications are accepted with no time or inspector of the acceptance, or "
                  "carry an acceptance they are not in: {examples}"), _renovations(
            ((R.state == ACCEPTED) & (R.accepted_at.is_null() | R.accepted_by.is_null()))
            | (R.accepted_at.is_null(False) & R.state.not_in((ACCEPTED,) + after_works)))),
        (ERROR, _("{count} renovation applications were settled after works that were never accepted: {examples}"),
         _renovations(R.state.in_(after_works), R.accepted_at.is_null(), R.started_at.is_null(False))),
        (ERROR, _("{count} renovation applications are settled without a time of settlement, or carry one they are "
                  "not in: {examples}"), _renovations(
            (R.state.in_(after_works) & R.settled_at.is_null()) | (R.state.not_in(after_works)
                                                                   & R.settled_at.is_null(False)))),
        (ERROR, _("{count} renovation applications are closed without a time of closing, or carry one they are not "
                  "in: {examples}"), _renovations((R.state == CLOSED) != R.closed_at.is_null(False))),
    ])


@register_check("renovation.rooms", "Rooms under renovation", order=493)
def _rooms() -> list[Finding]:
    R = Renovation
    twice = (R.select(Room.code, pw.fn.COUNT(R.id)).join(Room)
             .where(R.state.in_(LIVE + (SUBMITTED, MORE_PAPERS))).group_by(Room.code)
             .having(pw.fn.COUNT(R.id) > 1).order_by(Room.code))
    not_renovating = _renovations(R.state.in_((IN_WORKS, SUSPENDED, COMPLETION)), Room.state != RENOVATING,
                                  joins=((Room, R.room == Room.id),))
    return (query_finding(ERROR, _("{count} rooms have more than one renovation application under way: {examples}"),
                          twice, lambda r: _("{room}: {n} applications").format(room=label_from_code(r[0]), n=r[1]))
            + query_finding(WARNING, _("{count} renovations are in works but their room is not shown as under "
                                       "renovation: {examples}"), not_renovating, _serial))


# --- the money ------------------------------------------------------------------------------------

def _deposit_wrong(field, code: str, receipt_must_match: bool):
    """Renovations whose deposit ``field`` is not a ``code`` deposit of their room (on their fees receipt)."""
    deposit, item, line = Deposit.alias("dep_k"), ChargeItem.alias("item_k"), ReceiptLine.alias("line_k")
    wrong = (deposit.room != Renovation.room) | (item.code != code) | line.id.is_null()
    if receipt_must_match:
        wrong |= line.receipt != Renovation.receipt
    return _renovations(field.is_null(False), wrong, joins=(
        (deposit, field == deposit.id), (item, deposit.item == item.id))).join_from(
        deposit, line, pw.JOIN.LEFT_OUTER, on=(deposit.line == line.id))


@register_check("renovation.money", "Renovation fees on the money ledger", order=494)
def _money() -> list[Finding]:
    R = Renovation
    receipt = Receipt.alias("receipt_k")
    on_receipt = ((receipt, R.receipt == receipt.id),)
    own = Renovation.alias("own_k")
    worker_deposits = (Worker.select(Worker.renovation).join(own, on=(Worker.renovation == own.id))
                       .join_from(Worker, Deposit, on=(Worker.deposit == Deposit.id)).join(ChargeItem)
                       .where((Deposit.room != own.room) | (ChargeItem.code != "pass_deposit")))
    return _findings([
        (ERROR, _("{count} renovations went into works with no fees receipt: {examples}"),
         _renovations(R.started_at.is_null(False), R.receipt.is_null())),
        (ERROR, _("{count} renovations rely on a fees receipt that was voided: take the fees again (the works "
                  "cannot go on unpaid): {examples}"),
         _renovations(receipt.voided_at.is_null(False), R.state != REJECTED, joins=on_receipt)),
        (ERROR, _("{count} renovations' fees receipts are another room's: {examples}"),
         _renovations(receipt.room != R.room, joins=on_receipt)),
        (ERROR, _("{count} renovations' deposits are not a renovation deposit of their room taken on their fees "
                  "receipt: {examples}"), _deposit_wrong(R.deposit, "renovation_deposit", True)),
        (ERROR, _("{count} renovations' pass deposits are not a pass deposit of their room taken on their fees "
                  "receipt: {examples}"), _deposit_wrong(R.pass_deposit, "pass_deposit", True)),
        (ERROR, _("{count} renovations have workers whose pass deposit is not a pass deposit of their room: "
                  "{examples}"), _renovations(R.id.in_(worker_deposits))),
    ])


def _moved(kinds, *where):
    """Deposit movements of ``kinds`` (refund, deduct…) with their renovation (its deposit or a pass deposit)."""
    query = DepositMovement.select(DepositMovement.id).where(DepositMovement.kind.in_(kinds))
    for condition in where:
        query = query.where(condition)
    return query


def _rejected():
    """A renovation that never went into works: rejected, or settled after a rejection."""
    R = Renovation
    return (R.state == REJECTED) | (R.state.in_((SETTLED, CLOSED)) & R.started_at.is_null() & R.accepted_at.is_null())


def _pass_deposits():
    return Worker.select(Worker.deposit).where((Worker.renovation == Renovation.id) & Worker.deposit.is_null(False))


@register_check("renovation.deposits", "Renovation deposits given back", order=495)
def _deposits() -> list[Finding]:
    R, M = Renovation, DepositMovement
    before = R.accepted_at.is_null() | (M.at < R.accepted_at)
    early = _moved(GONE, M.deposit == R.deposit, before)
    early_passes = _moved(("refund",), M.deposit.in_(_pass_deposits()), before)
    out = pw.fn.COALESCE(M.select(pw.fn.SUM(M.amount_fen)).where((M.deposit == Deposit.id) & M.kind.in_(GONE)), 0)
    over = Deposit.select(Deposit.id).where(out > Deposit.amount_fen)
    kept = pw.fn.COALESCE(Deduction.select(pw.fn.SUM(Deduction.amount_fen)).where(Deduction.renovation == R.id), 0)
    deducted = pw.fn.COALESCE(M.select(pw.fn.SUM(M.amount_fen)).where((M.deposit == R.deposit)
                                                                       & (M.kind == "deduct")), 0)
    still = Deposit.select(Deposit.held_fen).where(Deposit.id == R.deposit)
    return _findings([
        (ERROR, _("{count} renovation deposits were given back or deducted before the works were accepted: "
                  "{examples}"), _renovations(pw.fn.EXISTS(early), ~_rejected())),
        (ERROR, _("{count} renovations had pass deposits refunded before the works were accepted: {examples}"),
         _renovations(pw.fn.EXISTS(early_passes), ~_rejected())),
        (ERROR, _("{count} renovations gave back more than was taken on their deposits: {examples}"),
         _renovations(R.deposit.in_(over) | R.pass_deposit.in_(over)
                      | R.id.in_(Worker.select(Worker.renovation).where(Worker.deposit.in_(over))))),
        (ERROR, _("{count} settled renovations' deductions are not what was deducted from their deposit: "
                  "{examples}"), _renovations(R.settled_at.is_null(False), kept != deducted)),
        (ERROR, _("{count} renovations keep deductions but their works were never accepted: {examples}"),
         _renovations(R.accepted_at.is_null(), kept > 0)),
        (ERROR, _("{count} settled renovations' deposits still hold money: {examples}"),
         _renovations(R.settled_at.is_null(False), R.deposit.is_null(False), still > 0)),
    ])


@register_check("renovation.passes", "Worker passes and their deposits", order=496)
def _passes() -> list[Finding]:
    W, M = Worker, DepositMovement
    refunded = pw.fn.EXISTS(_moved(("refund",), M.deposit == W.deposit))
    others = Worker.alias("other_k")
    unmarked = (M.select(M.deposit).where((M.kind == "refund") & M.deposit.in_(_pass_deposits()))
                .where(~pw.fn.EXISTS(others.select(others.id).where((others.deposit == M.deposit)
                                                                    & others.refunded_at.is_null(False)))))

    def workers(*where):
        query = (W.select(Renovation.year, Renovation.number, W.line).join(Renovation)
                 .order_by(Renovation.year, Renovation.number, W.line))
        for condition in where:
            query = query.where(condition)
        return query

    def describe(row):
        return f"{show_serial(row[0], row[1])}-{row[2]:02d}"
    return (_findings([
        (ERROR, _("{count} passes are marked refunded but no refund was paid on their deposit: {examples}"),
         workers(W.refunded_at.is_null(False), W.deposit.is_null(False), ~refunded)),
        (ERROR, _("{count} passes are marked refunded but were never returned: {examples}"),
         workers(W.refunded_at.is_null(False), W.returned_at.is_null())),
        (ERROR, _("{count} passes written off as lost are also returned or refunded: {examples}"),
         workers(W.lost, W.returned_at.is_null(False) | W.refunded_at.is_null(False))),
        (ERROR, _("{count} passes of closed renovations were neither refunded nor written off: {examples}"),
         workers(Renovation.state == CLOSED, W.refunded_at.is_null(), ~W.lost)),
    ], describe) + query_finding(ERROR, _("{count} renovations paid refunds on pass deposits with no pass marked "
                                          "refunded: {examples}"), _renovations(pw.fn.EXISTS(unmarked)), _serial))


# --- rectification notices ------------------------------------------------------------------------

@register_check("renovation.notices", "Rectification notices", order=497)
def _notices_check() -> list[Finding]:
    N = RectificationNotice
    inspection = Inspection.alias("inspection_k")
    other = _notices(inspection.renovation != N.renovation).join_from(N, inspection,
                                                                      on=(N.inspection == inspection.id))
    done = Renovation.select(Renovation.id).where(Renovation.state.in_((ACCEPTED, SETTLED, CLOSED)))
    return _findings([
        (ERROR, _("{count} rectification notices are in an unknown state: {examples}"),
         _notices(N.state.not_in(tuple(NOTICE_STATES)))),
        (ERROR, _("{count} rectified notices do not say when or by which re-inspection, or an open one says so: "
                  "{examples}"), _notices(((N.state == NOTICE_DONE) != N.rectified_at.is_null(False))
                                          | ((N.state == NOTICE_DONE) & N.recheck.is_null()))),
        (ERROR, _("{count} escalated notices name no escalation report, or an open one names one: "
                  "{examples}"), _notices(((N.state == NOTICE_ESCALATED) & N.escalation.is_null())
                                          | ((N.state == NOTICE_OPEN) & N.escalation.is_null(False)))),
        (ERROR, _("{count} rectification notices had a deadline before the day they were issued: {examples}"),
         _notices(N.deadline < pw.fn.DATE(N.issued_at))),
        (ERROR, _("{count} rectification notices cite an inspection of another renovation: {examples}"),
         other),
        (ERROR, _("{count} rectification notices are still open or escalated though their works were accepted: "
                  "{examples}"), _notices(N.state.in_((NOTICE_OPEN, NOTICE_ESCALATED)), N.renovation.in_(done))),
    ], _notice)
