"""An application's life after the papers: review, the owner told, the works, completion, acceptance.

Every move goes through the one state machine (``works.RENOVATION``), which says who may make it and
from where; the room follows it (装修中 while the works go on, back to what it was after).
"""
from __future__ import annotations

import datetime as dt

from models import audit
from models import validation as v
from models.amounts import fen_amount, yuan
from models.db import now, write_tx
from models.errors import Conflict, InvalidInput
from models.i18n import _
from models.records.estate import OCCUPIED, ROOM, Room
from models.renovation.applying import locked
from models.renovation.works import (APPROVED, MORE_PAPERS, REJECTED, RENOVATION, SUBMITTED, Deduction,
                                     Renovation)

DECIDED = (APPROVED, REJECTED, MORE_PAPERS)


def _reason(text, empty: str, field: str = "reason") -> str:
    reason = v.text(text, field, max_len=300, what="The reason")
    if not reason:
        raise InvalidInput(empty, field=field)
    return reason


def _decide(actor, renovation_id: int, verb: str, note: str) -> Renovation:
    with write_tx():
        renovation = locked(renovation_id)
        RENOVATION.move(actor, renovation, verb, summary=f"No. {renovation.serial} {note}".strip(),
                        decided_at=now(), decided_by=actor.name, decision_note=note,
                        owner_told_at=None, owner_told_by=None, owner_told_how="")
    return renovation


def approve(actor, renovation_id: int, note: str = "") -> Renovation:
    """工程部审批: approved, with any conditions in the note."""
    return _decide(actor, renovation_id, "approve", v.text(note, "note", max_len=300, what="The note"))


def reject(actor, renovation_id: int, reasons: str) -> Renovation:
    return _decide(actor, renovation_id, "reject", _reason(reasons, _("Say why the application is rejected: the "
                                                                       "owner is told the reasons.")))


def ask_papers(actor, renovation_id: int, wanted: str) -> Renovation:
    return _decide(actor, renovation_id, "ask_papers", _reason(wanted, _("Say which papers are still needed.")))


def papers_brought(actor, renovation_id: int, note: str = "") -> Renovation:
    note = v.text(note, "note", max_len=200, what="The note")
    with write_tx():
        renovation = locked(renovation_id)
        RENOVATION.move(actor, renovation, "resubmit", summary=f"No. {renovation.serial} {note}".strip())
    return renovation


def owner_told(actor, renovation_id: int, how: str) -> Renovation:
    """首接责任制: the clerk tells the owner the decision; the application leaves their follow-up list."""
    actor.require("renovation.apply")
    how = _reason(how, _("Say how the owner was told (phone, in person, SMS)."), field="how")[:60]
    with write_tx():
        renovation = locked(renovation_id)
        if renovation.state == SUBMITTED or renovation.decided_at is None:
            raise Conflict(_("Renovation {number} is not decided yet: the owner is told once it is.").format(
                number=renovation.serial))
        if renovation.owner_told_at is not None:
            raise Conflict(_("The owner was already told on {time} by {who}.").format(
                time=renovation.owner_told_at.strftime("%Y-%m-%d %H:%M"), who=renovation.owner_told_by))
        moment = now()
        Renovation.update(owner_told_at=moment, owner_told_by=actor.name, owner_told_how=how).where(
            Renovation.id == renovation.id).execute()
        audit.record(actor, "renovation.told", renovation, summary=f"No. {renovation.serial} {how}",
                     after={"owner_told_at": moment, "owner_told_by": actor.name})
        renovation.owner_told_at, renovation.owner_told_by, renovation.owner_told_how = moment, actor.name, how
    return renovation


def follow_up(actor) -> list[Renovation]:
    """The applications this clerk took whose owner has not been told yet: waiting, or decided."""
    query = Renovation.select().where(Renovation.owner_told_at.is_null()
                                      & Renovation.state.in_((SUBMITTED,) + DECIDED))
    if actor.user_id is not None:
        query = query.where(Renovation.received_by_user_id == actor.user_id)
    else:
        query = query.where(Renovation.received_by == actor.name)
    return list(query.order_by(Renovation.submitted_at))


def waiting_review() -> list[Renovation]:
    """What the engineering supervisor has to decide, oldest first."""
    return list(Renovation.select().where(Renovation.state == SUBMITTED).order_by(Renovation.submitted_at))


# --- the works --------------------------------------------------------------------------------------

def start_works(actor, renovation_id: int) -> Renovation:
    """开工: the fees taken, the start day reached; the room is 装修中 until the works are accepted."""
    with write_tx():
        renovation = locked(renovation_id)
        if renovation.receipt_id is None:
            raise Conflict(_("The fees of renovation {number} are not taken yet: take them first.").format(
                number=renovation.serial))
        if renovation.start_on > dt.date.today():
            raise Conflict(_("The works of {number} may start on {date}, not before.").format(
                number=renovation.serial, date=v.format_date_cn(renovation.start_on)))
        room = Room.get_by_id(renovation.room_id)
        RENOVATION.move(actor, renovation, "start", summary=f"No. {renovation.serial}", started_at=now(),
                        room_state_before=room.state)
        if ROOM.why_not(actor, room, "start_renovation", permission_checked=True) is None:
            ROOM.move(actor, room, "start_renovation", permission_checked=True,
                      summary=_("works of renovation {number}").format(number=renovation.serial))
    return renovation


def _room_back(actor, renovation: Renovation) -> None:
    """The works are over: the room is again what it was (已入住 or 已交房)."""
    room = Room.get_by_id(renovation.room_id)
    verb = "finish_renovation_lived_in" if renovation.room_state_before == OCCUPIED else "finish_renovation"
    if ROOM.why_not(actor, room, verb, permission_checked=True) is None:
        ROOM.move(actor, room, verb, permission_checked=True,
                  summary=_("renovation {number} accepted").format(number=renovation.serial))


def suspend(actor, renovation_id: int, reason: str) -> Renovation:
    reason = _reason(reason, _("Say why the works are suspended."))
    with write_tx():
        renovation = locked(renovation_id)
        RENOVATION.move(actor, renovation, "suspend", summary=f"No. {renovation.serial} {reason}")
    return renovation


def resume(actor, renovation_id: int) -> Renovation:
    with write_tx():
        renovation = locked(renovation_id)
        RENOVATION.move(actor, renovation, "resume", summary=f"No. {renovation.serial}")
    return renovation


def request_completion(actor, renovation_id: int) -> Renovation:
    """竣工: the owner asks for the acceptance inspection."""
    with write_tx():
        renovation = locked(renovation_id)
        RENOVATION.move(actor, renovation, "request_completion", summary=f"No. {renovation.serial}",
                        completion_at=now())
    return renovation


def accept(actor, renovation_id: int, note: str = "", deductions: list[tuple] = ()) -> Renovation:
    """验收 passed: the deductions from the deposit kept with their reasons; the room is no longer 装修中."""
    note = v.text(note, "note", max_len=300, what="The note")
    kept = _deductions(deductions)
    with write_tx():
        renovation = locked(renovation_id)
        RENOVATION.move(actor, renovation, "accept", summary=f"No. {renovation.serial} {note}".strip(),
                        accepted_at=now(), accepted_by=actor.name, acceptance_note=note)
        held = _deposit_held(renovation)
        if sum(f for f, _r in kept) > held:
            raise InvalidInput(_("The deductions ({total}) are more than the deposit held ({held}).").format(
                total=yuan(sum(f for f, _r in kept)), held=yuan(held)), field="deduction")
        for fen, reason in kept:
            row = Deduction.create(renovation=renovation, amount_fen=fen, reason=reason, added_by=actor.name)
            audit.record(actor, "renovation.deduct", row, summary=f"No. {renovation.serial} {yuan(fen)} {reason}")
        _room_back(actor, renovation)
    return renovation


def fail_acceptance(actor, renovation_id: int, reasons: str) -> Renovation:
    reasons = _reason(reasons, _("Say what must still be done before the works are accepted."))
    with write_tx():
        renovation = locked(renovation_id)
        RENOVATION.move(actor, renovation, "fail_acceptance", summary=f"No. {renovation.serial} {reasons}",
                        acceptance_note=reasons, completion_at=None)
    return renovation


def _deductions(deductions) -> list[tuple[int, str]]:
    kept = []
    for amount, reason in deductions:
        fen = fen_amount(amount, field="deduction")
        reason = v.text(reason, "deduction", max_len=200, what="The reason")
        if fen <= 0:
            raise InvalidInput(_("A deduction must be more than zero."), field="deduction")
        if not reason:
            raise InvalidInput(_("Each deduction needs its reason."), field="deduction")
        kept.append((fen, reason))
    return kept


def _deposit_held(renovation: Renovation) -> int:
    from models.money.ledger import Deposit
    if renovation.deposit_id is None:
        return 0
    return Deposit.get_by_id(renovation.deposit_id).held_fen


def suspend_overdue(actor, today: dt.date | None = None) -> list[Renovation]:
    """停工整改: every renovation in works with a rectification notice past its deadline is suspended, the
    notice named as the reason (the morning's job; a pass then no longer opens the gate)."""
    from models.renovation.works import IN_WORKS, UNRESOLVED, RectificationNotice
    actor.require("renovation.inspect")
    today = today or dt.date.today()
    overdue = (RectificationNotice.select(RectificationNotice.renovation, RectificationNotice.year,
                                          RectificationNotice.number)
               .join(Renovation).where(RectificationNotice.state.in_(UNRESOLVED)
                                       & (RectificationNotice.deadline < today) & (Renovation.state == IN_WORKS))
               .order_by(RectificationNotice.id).tuples())
    reasons: dict[int, list[str]] = {}
    for renovation_id, year, number in overdue:
        reasons.setdefault(renovation_id, []).append(f"ZG{year}-{number:06d}")
    done = []
    for renovation_id, serials in reasons.items():
        done.append(suspend(actor, renovation_id, _("Rectification notice {numbers} overdue").format(
            numbers="、".join(serials))))
    return done
