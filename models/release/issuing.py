"""Issuing a release slip, as seed 004 场景五 says the desk does it.

Owner (业主放行): ID shown and checked against the record, a copy registered, the goods listed; the
owner is reminded of any management fee owed; more than three months owed needs the office
director's approval (``approvals``) before the slip can print.

Tenant (租户放行): any management fee owed is paid first; the clerk phones the owner (``calls``),
whatever written authorisation the tenant brings, and no consent means no slip.

``readiness`` answers the window's question "what is still missing?" with the same rules that
``issue_slip`` enforces, so the form shows the refusal before the clerk presses the button.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from models import audit, serials, settings
from models import validation as v
from models.db import is_sqlite, database, now, write_tx
from models.errors import Conflict, InvalidInput
from models.i18n import _
from models.records.estate import get_room
from models.records.people import CO_OWNER, OWNER, TENANT, RoomParty, get_person
from models.records.ties import record_id_copy
from models.release.slips import (APPROVED, BY_OWNER, BY_TENANT, CANCELLED, ISSUED, SLIP, OwnerCall, ReleaseApproval,
                                  ReleaseItem, ReleaseSlip)

MAX_LINES = 30
COPY_PURPOSE = "办理物品放行"
WHOLE_HOUSEHOLD_GOODS = "整户搬迁（全部家具、家电及生活用品）"


@dataclass(frozen=True)
class FeeArrears:
    """Management fee owed by a room at a moment: what the slip's 欠费提示 prints."""
    months: int
    fen: int
    since: dt.date | None = None
    charge_ids: tuple[int, ...] = ()          # the overdue management-fee charges (what the cashier is to tick)

    @property
    def owes(self) -> bool:
        return self.fen > 0

    def line(self) -> str:
        """欠物业管理费 3 个月 共 ¥1,234.50 (Chinese on paper whatever the screen language)."""
        from models.amounts import yuan
        if not self.owes:
            return ""
        return f"欠物业管理费 {self.months} 个月 共 {yuan(self.fen)}"


def fee_arrears(room_id: int, as_of: dt.date | None = None) -> FeeArrears:
    """The room's management fee owed, from the money part's figures as they stand now."""
    from models.money.arrears import arrears_of_room
    owed = arrears_of_room(room_id, as_of)
    lines = [(charge, fen) for charge, fen in owed.lines if charge.item.code == "management_fee"]
    months = sorted({charge.period for charge, _fen in lines if charge.period})
    return FeeArrears(len(months), sum(fen for _c, fen in lines), months[0] if months else None,
                      tuple(charge.id for charge, _fen in lines))


def approval_months() -> int:
    return int(settings.get("release.approval_months"))


# --- who may take goods out -------------------------------------------------------------------

def entitled_party(room_id: int, person_id: int) -> RoomParty:
    """The person's current tie to the room as owner, co-owner or tenant; refused otherwise."""
    room = get_room(room_id)
    person = get_person(person_id)
    ties = list(RoomParty.select().where((RoomParty.room == room.id) & (RoomParty.person == person.id)
                                         & RoomParty.role.in_((OWNER, CO_OWNER, TENANT)))
                .order_by(RoomParty.end_date.is_null().desc(), RoomParty.end_date.desc()))
    current = [t for t in ties if t.end_date is None]
    if current:
        return current[0]
    if ties and ties[0].role == TENANT:
        raise Conflict(_("{name}'s tenancy of {room} ended on {date}: a former tenant cannot take goods out. "
                         "If they still live there, record the new tenancy first.").format(
            name=person.name, room=room.label, date=ties[0].end_date), field="person")
    raise Conflict(_("{name} is neither an owner nor a tenant of {room}: only they may take goods out. "
                     "Ask the owner or the tenant to come, or record them first.").format(
        name=person.name, room=room.label), field="person")


def person_role_of(party: RoomParty) -> str:
    return BY_TENANT if party.role == TENANT else BY_OWNER


# --- what is still missing --------------------------------------------------------------------

@dataclass
class Readiness:
    """What the desk knows before issuing: arrears now, and what the rules still want."""
    person_role: str
    arrears: FeeArrears
    approval: ReleaseApproval | None = None        # the approval the slip would cite (approved, unused)
    pending: ReleaseApproval | None = None         # asked, not yet decided
    declined: ReleaseApproval | None = None        # the last word was no
    call: OwnerCall | None = None                  # the latest call about this tenant today
    refusals: list[str] = field(default_factory=list)   # why not yet, each with what to do next

    @property
    def needs_approval(self) -> bool:
        return self.person_role == BY_OWNER and self.arrears.months > approval_months()

    @property
    def ready(self) -> bool:
        return not self.refusals


def readiness(room_id: int, person_id: int, today: dt.date | None = None, replacing: int | None = None) -> Readiness:
    """What stands between this person and a slip now (refusals in the clerk's words, with what to do).

    ``replacing``: the unused slip a correction cancels; the owner's consent or the director's
    approval it used serve its correction (the same goods' release, written again)."""
    today = today or dt.date.today()
    party = entitled_party(room_id, person_id)
    ready = Readiness(person_role_of(party), fee_arrears(room_id))
    if ready.person_role == BY_TENANT:
        _tenant_rules(ready, room_id, person_id, today, replacing)
    elif ready.needs_approval:
        _approval_rule(ready, room_id, person_id, replacing)
    return ready


def _tenant_rules(ready: Readiness, room_id: int, person_id: int, today: dt.date, replacing: int | None) -> None:
    from models.amounts import yuan
    if ready.arrears.owes:
        ready.refusals.append(_("The room owes {months} months of management fee, {amount} in all: a tenant's goods "
                                "leave only when it is paid. Take the payment first (F8 opens the cashier on this "
                                "room).").format(months=ready.arrears.months, amount=yuan(ready.arrears.fen)))
    start = dt.datetime.combine(today, dt.time())
    ready.call = (OwnerCall.select().where((OwnerCall.room == room_id) & (OwnerCall.tenant == person_id)
                                           & (OwnerCall.called_at >= start))
                  .order_by(OwnerCall.called_at.desc(), OwnerCall.id.desc()).first())
    if ready.call is None:
        ready.refusals.append(_("Call the owner first (away from the tenant), on the number in the owner's record, "
                                "and record the answers: a written authorisation does not replace the call."))
    elif not ready.call.consent:
        ready.refusals.append(_("The owner did not agree to this release ({time}). Ask the tenant to contact the "
                                "owner first; call again when they have.").format(
            time=ready.call.called_at.strftime("%H:%M")))
    elif _call_used(ready.call.id, replacing):
        ready.call = None
        ready.refusals.append(_("The owner's consent was for the slip already issued. Call the owner again for "
                                "another slip."))


def _call_used(call_id: int, replacing: int | None = None) -> bool:
    return ReleaseSlip.select().where((ReleaseSlip.owner_call == call_id) & (ReleaseSlip.state != CANCELLED)
                                      & (ReleaseSlip.id != (replacing or 0))).exists()


def _approval_rule(ready: Readiness, room_id: int, person_id: int, replacing: int | None) -> None:
    from models.amounts import yuan
    from models.release.approvals import latest_approval
    latest = latest_approval(room_id, person_id, replacing)
    if latest is not None and latest.state == APPROVED:
        ready.approval = latest
        return
    if latest is not None and latest.state == "waiting":
        ready.pending = latest
        ready.refusals.append(_("Waiting for the office director's approval (asked by {who} at {time}); the director "
                                "approves from their own start page.").format(
            who=latest.requested_by, time=latest.requested_at.strftime("%H:%M")))
        return
    if latest is not None:
        ready.declined = latest
    ready.refusals.append(_("The room owes {months} months of management fee ({amount}), more than {limit}: the "
                            "office director must approve this release first. Ask for the approval.").format(
        months=ready.arrears.months, amount=yuan(ready.arrears.fen), limit=approval_months()))


# --- the slip ---------------------------------------------------------------------------------

@dataclass
class GoodsLine:
    name: str
    quantity: object = 1
    note: str = ""


@dataclass
class SlipInput:
    room_id: int
    person_id: int
    id_shown: str                              # the ID number on the document shown, typed or read
    goods: list[GoodsLine]
    whole_household: bool = False
    plate: str = ""
    valid_until: object = None                 # None: the setting (the day of issue by default)
    urgent: bool = False
    note: str = ""
    replaces: int | None = None                # a slip this one corrects: cancelled with it
    issued_on: dt.date | None = None           # for tests and the demo; the window leaves it to today


def default_valid_until(issued_on: dt.date | None = None) -> dt.date:
    return (issued_on or dt.date.today()) + dt.timedelta(days=int(settings.get("release.valid_days")))


def _goods(lines: list[GoodsLine]) -> list[tuple[str, int, str]]:
    # A line with neither an item nor a note is an empty row of the form, not a line of goods.
    kept = [line for line in lines if v.clean_text(str(line.name or "")) or v.clean_text(str(line.note or ""))]
    if not kept:
        raise InvalidInput(_("List the goods leaving (at least one line), or choose the whole household."),
                           field="goods")
    if len(kept) > MAX_LINES:
        raise InvalidInput(_("A slip holds at most {n} lines of goods.").format(n=MAX_LINES), field="goods")
    goods = []
    for i, line in enumerate(kept, 1):
        name = v.text(line.name, "goods", max_len=200, what="The item")
        if not name:
            raise InvalidInput(_("Line {n} of the goods has a quantity but no item.").format(n=i), field="goods")
        if len(name) > 40:
            raise InvalidInput(_("Line {n}: an item's name has at most 40 characters.").format(n=i), field="goods")
        try:
            quantity = v.quantity(line.quantity, field="goods", high=999)
        except InvalidInput as error:
            raise InvalidInput(_("Line {n} ({item}): {why}").format(n=i, item=name, why=error), field="goods") from None
        goods.append((name, quantity, v.text(line.note, "goods", max_len=60, what="The note")))
    return goods


def _valid_until(value, issued_on: dt.date) -> dt.date:
    if value in (None, ""):
        return default_valid_until(issued_on)
    until = v.parse_date(value, field="valid_until")
    if until < issued_on:
        raise InvalidInput(_("Valid until {until} is before the day of issue {day}.").format(
            until=until, day=issued_on), field="valid_until")
    if until > issued_on + dt.timedelta(days=30):
        raise InvalidInput(_("A release slip is valid for at most 30 days."), field="valid_until")
    return until


def _check_id_shown(person, shown_text: str) -> None:
    shown = v.compact(shown_text).upper()
    if not person.id_number:
        raise InvalidInput(_("{name} has no ID number on record: add it to the person's record before the "
                             "release.").format(name=person.name), field="id_shown")
    if not shown:
        raise InvalidInput(_("Type or read the number of the ID document shown, to check it against the record."),
                           field="id_shown")
    if shown != person.id_number.upper():
        raise InvalidInput(_("The ID number shown ({shown}) is not the one on record for {name}. Check the "
                             "document: only the owner or the tenant on record may take goods out.").format(
            shown=v.mask_id(shown), name=person.name), field="id_shown")


def id_shown_problem(person_id: int, shown_text: str) -> str | None:
    """For the form as the clerk types: why the number shown is not the one on record, or None."""
    try:
        _check_id_shown(get_person(person_id), shown_text)
    except InvalidInput as error:
        return str(error)
    return None


def _validated(data: SlipInput) -> dict:
    issued_on = data.issued_on or dt.date.today()
    plate = v.plate(data.plate) if v.compact(data.plate) else ""
    note = v.text(data.note, "note", max_len=200, what="The note")
    goods = _goods(data.goods)
    return dict(issued_on=issued_on, valid_until=_valid_until(data.valid_until, issued_on), plate=plate, note=note,
                goods=goods)


def issue_slip(actor, data: SlipInput) -> ReleaseSlip:
    """Issue a release slip: every rule of seed 004 场景五 checked again, in one transaction."""
    actor.require("release.issue")
    clean = _validated(data)
    with write_tx():
        _lock(data.room_id)
        person = get_person(data.person_id)
        party = entitled_party(data.room_id, person.id)
        _check_id_shown(person, data.id_shown)
        ready = readiness(data.room_id, person.id, clean["issued_on"], replacing=data.replaces)
        if ready.refusals:
            raise Conflict(ready.refusals[0])
        replaced = _replaced(actor, data.replaces, data.room_id)
        copy = record_id_copy(actor, person.id, COPY_PURPOSE, data.room_id)
        slip = ReleaseSlip.create(
            year=clean["issued_on"].year, number=serials.allocate("release", clean["issued_on"].year),
            room=data.room_id, person=person, party=party, person_role=ready.person_role, person_name=person.name,
            id_type=person.id_type, id_number=person.id_number, id_copy=copy,
            whole_household=bool(data.whole_household), plate=clean["plate"], issued_on=clean["issued_on"],
            valid_until=clean["valid_until"], issued_at=now(), clerk=actor.name, clerk_user_id=actor.user_id,
            urgent=bool(data.urgent), note=clean["note"], arrears_months=ready.arrears.months,
            arrears_fen=ready.arrears.fen, approval=ready.approval, owner_call=ready.call,
            replaces=replaced.id if replaced else None)
        for i, (name, quantity, note) in enumerate(clean["goods"], 1):
            ReleaseItem.create(slip=slip, line=i, name=name, quantity=quantity, note=note)
        if replaced is not None:
            SLIP.move(actor, replaced, "cancel", summary=_("replaced by {number}").format(number=slip.serial),
                      cancelled_at=now(), cancelled_by=actor.name,
                      cancel_reason=_("Corrected by slip {number}").format(number=slip.serial))
        audit.record(actor, "release.issue", slip, summary=_slip_summary(slip, clean["goods"]),
                     after=audit.snapshot(slip, exclude={"id_number"}))
    return slip


def _lock(room_id: int) -> None:
    """Two desks issuing for one room queue up (on SQLite BEGIN IMMEDIATE already does)."""
    if not is_sqlite(database.obj):
        from models.money.ledger import lock_room
        lock_room(room_id)


def _replaced(actor, slip_id: int | None, room_id: int) -> ReleaseSlip | None:
    if slip_id is None:
        return None
    actor.require("release.cancel")
    old = ReleaseSlip.get_or_none(ReleaseSlip.id == slip_id)
    if old is None or old.room_id != room_id:
        raise Conflict(_("The slip to correct is not one of this room's."), field="replaces")
    if old.state != ISSUED:
        raise Conflict(_("Slip {number} is {state}: only an unused slip can be corrected.").format(
            number=old.serial, state=SLIP.label(old.state)), field="replaces")
    return old


def _slip_summary(slip: ReleaseSlip, goods) -> str:
    listed = "、".join(f"{name}×{quantity}" for name, quantity, _note in goods)
    mark = "（急）" if slip.urgent else ""
    return f"{slip.serial}{mark} {slip.person_name}: {listed}"[:200]


def cancel_slip(actor, slip_id: int, reason: str) -> ReleaseSlip:
    """Cancel an unused slip, with the reason; it stays in the register, marked cancelled."""
    actor.require("release.cancel")
    if not v.clean_text(reason):
        raise InvalidInput(_("Say why the slip is cancelled."), field="reason")
    reason = v.text(reason, "reason", max_len=200, what="The reason")
    with write_tx():
        from models.money.ledger import lock_row
        lock_row(ReleaseSlip, slip_id)           # a second desk cancelling it waits, then sees it cancelled
        slip = ReleaseSlip.get_or_none(ReleaseSlip.id == slip_id)
        if slip is None:
            raise Conflict(_("No such release slip."))
        SLIP.move(actor, slip, "cancel", summary=reason, cancelled_at=now(), cancelled_by=actor.name,
                  cancel_reason=reason)
    return slip
