"""The office director's approval of a release when the room owes more than three months (seed 004 场景五).

The clerk asks from the release form; the director, signed in at their own desk, sees it waiting on
their start page and approves or declines with a note. Nobody types the director's password at the
clerk's desk: the approval is the director's own act, recorded with who and when.
"""
from __future__ import annotations

from models import audit
from models import validation as v
from models.db import now, write_tx
from models.errors import Conflict, InvalidInput, NotFound
from models.i18n import _
from models.release.slips import APPROVED, CANCELLED, DECLINED, WAITING, ReleaseApproval, ReleaseSlip


def latest_approval(room_id: int, person_id: int, replacing: int | None = None) -> ReleaseApproval | None:
    """The last approval asked for this person's release from this room that no slip has used yet
    (but ``replacing``, the slip a correction cancels: its approval serves the correction)."""
    used = ReleaseSlip.select(ReleaseSlip.approval).where(ReleaseSlip.approval.is_null(False)
                                                         & (ReleaseSlip.state != CANCELLED)
                                                         & (ReleaseSlip.id != (replacing or 0)))
    return (ReleaseApproval.select().where((ReleaseApproval.room == room_id) & (ReleaseApproval.person == person_id)
                                           & ReleaseApproval.id.not_in(used))
            .order_by(ReleaseApproval.requested_at.desc(), ReleaseApproval.id.desc()).first())


def request_approval(actor, room_id: int, person_id: int, goods: str = "", note: str = "") -> ReleaseApproval:
    """Ask the director: the arrears as they stand now go with the request."""
    from models.release.issuing import fee_arrears, readiness
    actor.require("release.issue")
    goods, note = v.clean_text(goods)[:200], v.text(note, "note", max_len=200, what="The note")
    with write_tx():
        ready = readiness(room_id, person_id)
        if not ready.needs_approval:
            raise Conflict(_("This release needs no director's approval: only an owner's release with more than "
                             "{n} months owed does.").format(n=_months()))
        if ready.pending is not None:
            raise Conflict(_("The director has already been asked (at {time}); wait for the answer.").format(
                time=ready.pending.requested_at.strftime("%H:%M")))
        if ready.approval is not None:
            raise Conflict(_("The director has already approved this release."))
        owed = fee_arrears(room_id)
        approval = ReleaseApproval.create(room=room_id, person=person_id, arrears_months=owed.months,
                                          arrears_fen=owed.fen, goods=goods, request_note=note,
                                          requested_by=actor.name, requested_at=now())
        audit.record(actor, "release.request", approval, summary=f"{owed.line()} {goods}".strip()[:200],
                     after=audit.snapshot(approval))
    return approval


def _months() -> int:
    from models.release.issuing import approval_months
    return approval_months()


def decide_approval(actor, approval_id: int, approve: bool, note: str = "") -> ReleaseApproval:
    """The director approves or declines; a decision is final (a new request may follow a no)."""
    actor.require("release.approve")
    note = v.text(note, "note", max_len=200, what="The note")
    if not approve and not note:
        raise InvalidInput(_("Say why the release is declined: the clerk tells the owner."), field="note")
    with write_tx():
        approval = ReleaseApproval.get_or_none(ReleaseApproval.id == approval_id)
        if approval is None:
            raise NotFound(_("No such request for approval."))
        state = APPROVED if approve else DECLINED
        updated = (ReleaseApproval.update(state=state, decided_by=actor.name, decided_by_user_id=actor.user_id,
                                          decided_at=now(), decision_note=note)
                   .where((ReleaseApproval.id == approval.id) & (ReleaseApproval.state == WAITING)).execute())
        if updated != 1:
            raise Conflict(_("This request was already decided by {who}.").format(who=approval.decided_by or "?"))
        approval = ReleaseApproval.get_by_id(approval.id)
        audit.record(actor, "release.approve" if approve else "release.decline", approval, summary=note,
                     before={"state": WAITING}, after={"state": state, "decided_by": actor.name, "decision_note": note})
    return approval


def waiting_approvals() -> list[ReleaseApproval]:
    return list(ReleaseApproval.select().where(ReleaseApproval.state == WAITING)
                .order_by(ReleaseApproval.requested_at))


def last_change() -> tuple:
    """The newest request and the newest decision: a page polling for news from other desks compares these."""
    import peewee as pw
    return tuple(ReleaseApproval.select(pw.fn.MAX(ReleaseApproval.id), pw.fn.MAX(ReleaseApproval.decided_at))
                 .scalar(as_tuple=True))
