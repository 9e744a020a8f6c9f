"""The release part's lines on a room's timeline: slips issued, used and cancelled, calls to the owner
and the director's approvals. A slip's lines open the slip; a call or an approval opens the slip it
led to, or else the person it was about."""
from __future__ import annotations

from models.amounts import yuan
from models.i18n import _
from models.listing import group_concat
from models.release.slips import AT_DESK, PARTIES, WAITING, APPROVAL_STATES, OwnerCall, ReleaseApproval, \
    ReleaseItem, ReleaseSlip
from models.timeline import Event, as_moment, timeline_source

SLIP = "release_slip"        # the opener's kind (ui/release registers it)


def _slip_lines(room_id: int) -> list[Event]:
    goods = (ReleaseItem.select(group_concat(ReleaseItem.name.concat("×").concat(ReleaseItem.quantity), "、"))
             .where(ReleaseItem.slip == ReleaseSlip.id))
    rows = (ReleaseSlip.select(ReleaseSlip, goods.alias("goods")).where(ReleaseSlip.room == room_id)
            .order_by(ReleaseSlip.id))
    events = []
    for slip in rows:
        mark = _("(urgent)") if slip.urgent else ""
        who = f"{slip.person_name}（{_(PARTIES.get(slip.person_role, slip.person_role))}）"
        events.append(Event(slip.issued_at or as_moment(slip.issued_on),
                            _("Release slip {serial}").format(serial=slip.serial) + mark,
                            f"{who} {slip.goods or ''}".strip(), SLIP, slip.id))
        if slip.used_at is not None:
            where = _("marked at the desk") if slip.used_where == AT_DESK else _("at the gate")
            events.append(Event(slip.used_at, _("Goods let out on {serial}").format(serial=slip.serial),
                                f"{slip.used_by} {where}", SLIP, slip.id))
        if slip.cancelled_at is not None:
            events.append(Event(slip.cancelled_at, _("Release slip {serial} cancelled").format(serial=slip.serial),
                                f"{slip.cancelled_by}：{slip.cancel_reason}", SLIP, slip.id))
    return events


def _slip_of(column, record_id: int) -> int | None:
    row = (ReleaseSlip.select(ReleaseSlip.id).where(column == record_id)
           .order_by((ReleaseSlip.state == "cancelled").asc(), ReleaseSlip.id.desc()).first())
    return row.id if row is not None else None


def _call_lines(room_id: int) -> list[Event]:
    events = []
    for call in OwnerCall.select().where(OwnerCall.room == room_id).order_by(OwnerCall.id):
        said = _("owner consents") if call.consent else _("owner does not consent")
        slip_id = _slip_of(ReleaseSlip.owner_call, call.id)
        kind, record = (SLIP, slip_id) if slip_id is not None else ("person", call.tenant_id)
        events.append(Event(call.called_at, _("Owner called about a release"),
                            f"{call.answered_by}：{said} {call.note}".strip(), kind, record))
    return events


def _approval_lines(room_id: int) -> list[Event]:
    events = []
    for approval in ReleaseApproval.select().where(ReleaseApproval.room == room_id).order_by(ReleaseApproval.id):
        slip_id = _slip_of(ReleaseSlip.approval, approval.id)
        kind, record = (SLIP, slip_id) if slip_id is not None else ("person", approval.person_id)
        owed = _("{months} months owed, {amount}").format(months=approval.arrears_months,
                                                          amount=yuan(approval.arrears_fen))
        events.append(Event(approval.requested_at, _("Director's approval asked"),
                            f"{approval.requested_by}：{owed}", kind, record))
        if approval.state != WAITING and approval.decided_at is not None:
            state = _(APPROVAL_STATES[approval.state])
            events.append(Event(approval.decided_at, _("Director: {state}").format(state=state),
                                f"{approval.decided_by}：{approval.decision_note}".rstrip("："), kind, record))
    return events


@timeline_source("release")
def room_events(room_id: int) -> list[Event]:
    return _slip_lines(room_id) + _call_lines(room_id) + _approval_lines(room_id)
