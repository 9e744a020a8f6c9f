"""The release part's integrity checks (数据检查: 物品放行): what the register of slips must always say.

Slips are numbered per year without gaps and the counter stands at the last number; every slip,
its use and its cancellation are in the audit log; a used slip says when and by whom, a cancelled
one why; an owner's slip past the director's months of arrears cites an approval the director
gave, used by no other live slip; a tenant's slip cites a consenting call to the owner on its
day, owes no management fee and is the call's only live slip; every slip lists goods, each of a
quantity above zero. Each rule is one set-based query, so a year of 20,000 rooms' slips is
checked in well under a second. Registered with ``models.check.register_check`` on import.
"""
from __future__ import annotations

import peewee as pw

from models import settings
from models.audit import AuditLog
from models.check import ERROR, WARNING, Finding, must_be_audited, query_finding, register_check, serial_findings
from models.i18n import _
from models.records.estate import Room, label_from_code
from models.release.slips import (APPROVED, BY_OWNER, BY_TENANT, CANCELLED, ISSUED, USED, OwnerCall,
                                  ReleaseApproval, ReleaseItem, ReleaseSlip, show_serial)


def _serial(row: tuple) -> str:
    return show_serial(row[0], row[1])


def _slips(*where):
    query = ReleaseSlip.select(ReleaseSlip.year, ReleaseSlip.number)
    for condition in where:
        query = query.where(condition)
    return query.order_by(ReleaseSlip.year, ReleaseSlip.number)


def _live():
    return ReleaseSlip.state != CANCELLED


@register_check("release.numbers", "Release slip numbers", order=480)
def _numbers() -> list[Finding]:
    return serial_findings(ReleaseSlip, "release", _("Release slips"), show_serial)


# --- the audit trail: issued, used and cancelled, each said in the log --------------------------

must_be_audited(ReleaseSlip, (ReleaseSlip.year, ReleaseSlip.number), _serial,
                lambda: _("{count} release slips have no entry in the audit log: {examples}"))
must_be_audited(OwnerCall, (Room.select(Room.code).where(Room.id == OwnerCall.room), OwnerCall.called_at),
                lambda r: f"{label_from_code(r[0] or '')} {str(r[1])[:16]}",
                lambda: _("{count} calls to owners have no entry in the audit log: {examples}"))
must_be_audited(ReleaseApproval, (ReleaseApproval.id,), lambda r: _("request {id}").format(id=r[0]),
                lambda: _("{count} requests for the director's approval have no entry in the audit log: {examples}"))


def _not_logged(action: str):
    entries = AuditLog.select(AuditLog.id).where((AuditLog.entity == ReleaseSlip._meta.table_name)
                                                 & (AuditLog.entity_id == ReleaseSlip.id) & (AuditLog.action == action))
    return ~pw.fn.EXISTS(entries)


@register_check("release.audit", "Release slips in the audit log", order=481)
def _audited() -> list[Finding]:
    return (query_finding(WARNING, _("{count} release slips were issued with no issue entry in the audit log: "
                                     "{examples}"), _slips(_not_logged("release.issue")), _serial)
            + query_finding(WARNING, _("{count} used release slips have no entry of their use in the audit log: "
                                       "{examples}"), _slips(ReleaseSlip.state == USED,
                                                             _not_logged("release_slip.use")), _serial)
            + query_finding(WARNING, _("{count} cancelled release slips have no entry of their cancellation in the "
                                       "audit log: {examples}"), _slips(ReleaseSlip.state == CANCELLED,
                                                                        _not_logged("release_slip.cancel")), _serial))


# --- states: who and when ----------------------------------------------------------------------

@register_check("release.states", "Release slips used and cancelled", order=482)
def _states() -> list[Finding]:
    used = ReleaseSlip.state == USED
    cancelled = ReleaseSlip.state == CANCELLED
    unknown = ReleaseSlip.state.not_in((ISSUED, USED, CANCELLED))
    no_use = used & (ReleaseSlip.used_at.is_null() | ReleaseSlip.used_by.is_null() | (ReleaseSlip.used_by == ""))
    early = used & (ReleaseSlip.used_at < ReleaseSlip.issued_at)
    no_reason = cancelled & (ReleaseSlip.cancel_reason.is_null() | (ReleaseSlip.cancel_reason == "")
                             | ReleaseSlip.cancelled_at.is_null() | ReleaseSlip.cancelled_by.is_null())
    stray = (ReleaseSlip.state == ISSUED) & (ReleaseSlip.used_at.is_null(False) | ReleaseSlip.cancelled_at.is_null(False))
    return (query_finding(ERROR, _("{count} used release slips do not say when or by whom the goods were let out: "
                                   "{examples}"), _slips(no_use), _serial)
            + query_finding(ERROR, _("{count} release slips were used before they were issued: {examples}"),
                            _slips(early), _serial)
            + query_finding(ERROR, _("{count} cancelled release slips do not say why, when or by whom: {examples}"),
                            _slips(no_reason), _serial)
            + query_finding(ERROR, _("{count} unused release slips carry a time of use or of cancellation: "
                                     "{examples}"), _slips(stray), _serial)
            + query_finding(ERROR, _("{count} release slips are in an unknown state: {examples}"), _slips(unknown),
                            _serial)
            + query_finding(ERROR, _("{count} release slips are valid until a day before their issue: {examples}"),
                            _slips(ReleaseSlip.valid_until < ReleaseSlip.issued_on), _serial))


# --- the director's approval (seed 004 场景五: more than three months owed) -----------------------

@register_check("release.approvals", "Director's approvals of releases", order=483)
def _approvals() -> list[Finding]:
    limit = int(settings.get("release.approval_months"))
    approval = ReleaseApproval.alias("approval_k")
    needing = (ReleaseSlip.select(ReleaseSlip.year, ReleaseSlip.number)
               .join(approval, pw.JOIN.LEFT_OUTER, on=(ReleaseSlip.approval == approval.id))
               .where((ReleaseSlip.person_role == BY_OWNER) & (ReleaseSlip.arrears_months > limit)
                      & (approval.id.is_null() | (approval.state != APPROVED) | (approval.room != ReleaseSlip.room)
                         | (approval.person != ReleaseSlip.person)))
               .order_by(ReleaseSlip.year, ReleaseSlip.number))
    twice = (ReleaseSlip.select(ReleaseSlip.approval, pw.fn.COUNT(ReleaseSlip.id))
             .where(ReleaseSlip.approval.is_null(False) & _live()).group_by(ReleaseSlip.approval)
             .having(pw.fn.COUNT(ReleaseSlip.id) > 1).order_by(ReleaseSlip.approval))
    undecided = (ReleaseApproval.select(ReleaseApproval.id)
                 .where((ReleaseApproval.state != "waiting") & (ReleaseApproval.decided_at.is_null()
                                                                | ReleaseApproval.decided_by.is_null()))
                 .order_by(ReleaseApproval.id))
    return (query_finding(ERROR, _("{count} owners' release slips past {limit} months of arrears cite no approval the "
                                   "director gave for them: {examples}").replace("{limit}", str(limit)), needing,
                          _serial)
            + query_finding(ERROR, _("{count} director's approvals are cited by more than one live slip: {examples}"),
                            twice, lambda r: _("request {id}: {slips} slips").format(id=r[0], slips=r[1]))
            + query_finding(ERROR, _("{count} director's decisions do not say who decided or when: {examples}"),
                            undecided, lambda r: _("request {id}").format(id=r[0])))


# --- the call to the owner (租户放行) -------------------------------------------------------------

@register_check("release.calls", "Calls to owners for tenants' releases", order=484)
def _calls() -> list[Finding]:
    call = OwnerCall.alias("call_k")
    day = pw.fn.DATE(call.called_at)
    unconsented = (ReleaseSlip.select(ReleaseSlip.year, ReleaseSlip.number)
                   .join(call, pw.JOIN.LEFT_OUTER, on=(ReleaseSlip.owner_call == call.id))
                   .where((ReleaseSlip.person_role == BY_TENANT)
                          & (call.id.is_null() | (call.consent == False) | (call.room != ReleaseSlip.room)  # noqa: E712
                             | (call.tenant != ReleaseSlip.person) | (day != ReleaseSlip.issued_on)))
                   .order_by(ReleaseSlip.year, ReleaseSlip.number))
    twice = (ReleaseSlip.select(ReleaseSlip.owner_call, pw.fn.COUNT(ReleaseSlip.id))
             .where(ReleaseSlip.owner_call.is_null(False) & _live()).group_by(ReleaseSlip.owner_call)
             .having(pw.fn.COUNT(ReleaseSlip.id) > 1).order_by(ReleaseSlip.owner_call))
    owing = _slips(ReleaseSlip.person_role == BY_TENANT, ReleaseSlip.arrears_fen > 0)
    return (query_finding(ERROR, _("{count} tenants' release slips cite no call of their day in which the owner "
                                   "consented: {examples}"), unconsented, _serial)
            + query_finding(ERROR, _("{count} owner's consents are cited by more than one live slip: {examples}"),
                            twice, lambda r: _("call {id}: {slips} slips").format(id=r[0], slips=r[1]))
            + query_finding(ERROR, _("{count} tenants' release slips were issued while the room owed management "
                                     "fees: {examples}"), owing, _serial))


# --- the goods ---------------------------------------------------------------------------------

@register_check("release.goods", "Goods on release slips", order=485)
def _goods() -> list[Finding]:
    listed = ReleaseItem.select(ReleaseItem.id).where(ReleaseItem.slip == ReleaseSlip.id)
    empty = _slips(~pw.fn.EXISTS(listed))
    bad = (ReleaseItem.select(ReleaseSlip.year, ReleaseSlip.number, ReleaseItem.name, ReleaseItem.quantity)
           .join(ReleaseSlip).where((ReleaseItem.quantity <= 0) | (ReleaseItem.name == ""))
           .order_by(ReleaseSlip.year, ReleaseSlip.number, ReleaseItem.line))
    return (query_finding(ERROR, _("{count} release slips list no goods: {examples}"), empty, _serial)
            + query_finding(ERROR, _("{count} lines of goods on release slips have no item or a quantity of zero or "
                                     "less: {examples}"), bad,
                            lambda r: f"{_serial(r)} {r[2] or '?'}×{r[3]}"))
