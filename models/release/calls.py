"""The call to the owner before a tenant's goods leave (seed 004 场景五, 租户放行).

Whether or not the tenant brings the owner's written authorisation, the clerk phones the owner on
the number in the owner's record, away from the tenant, and asks: do you know of the move, is rent
owed, are any of the listed goods yours, do you agree? The call and its answers are recorded; no
consent, no slip.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models import audit
from models import validation as v
from models.db import now, write_tx
from models.errors import Conflict, InvalidInput
from models.i18n import _
from models.records.estate import get_room
from models.records.people import CO_OWNER, OWNER, TENANT, Person, Phone
from models.records.ties import current_parties
from models.release.slips import OwnerCall


@dataclass
class CallInput:
    room_id: int
    tenant_id: int
    phone: str                 # the number dialled: one of the owner's numbers on record
    called_at: object          # when (a datetime, or "2026-11-29 10:05" / "10:05" today)
    answered_by: str           # 业主本人, or who answered
    owner_knows: bool
    rent_owed: bool
    owner_goods: bool
    consent: bool
    written_authorisation: bool = False
    note: str = ""


def owner_numbers(room_id: int) -> list[tuple[Person, str]]:
    """The owners' numbers on record, the first owner's first: the only numbers the clerk may call."""
    numbers = []
    for party in sorted(current_parties(room_id, (OWNER, CO_OWNER)), key=lambda p: (p.role != OWNER, p.id)):
        for phone in party.person.phones.order_by(Phone.is_primary.desc(), Phone.id):
            numbers.append((party.person, phone.number))
    return numbers


def _called_at(value) -> dt.datetime:
    if isinstance(value, dt.datetime):
        moment = value
    else:
        text = v.compact(value)
        if not text:
            raise InvalidInput(_("Record when the owner was called."), field="called_at")
        moment = None
        for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%d%H:%M", "%Y/%m/%d %H:%M", "%H:%M"):
            try:
                moment = dt.datetime.strptime(text if fmt != "%Y-%m-%d%H:%M" else text.replace(" ", ""), fmt)
                break
            except ValueError:
                continue
        if moment is None:
            raise InvalidInput(_("{value} is not a time of day (e.g. 10:05).").format(value=v.shown(text[:20])),
                               field="called_at")
        if moment.year == 1900:
            moment = dt.datetime.combine(dt.date.today(), moment.time())
    if moment > now() + dt.timedelta(minutes=5):
        raise InvalidInput(_("The call's time {time} is in the future.").format(time=moment.strftime("%H:%M")),
                           field="called_at")
    if moment.date() != dt.date.today():
        raise InvalidInput(_("Record today's call: a release is decided on the owner's word of the day."),
                           field="called_at")
    return moment


def record_owner_call(actor, data: CallInput) -> OwnerCall:
    """Record the call and the owner's answers; a refusal is recorded too (it is why no slip was issued)."""
    actor.require("release.issue")
    answered_by = v.text(data.answered_by, "answered_by", max_len=50, what="Who answered")
    note = v.text(data.note, "note", max_len=200, what="The note")
    if not v.compact(data.phone):
        raise InvalidInput(_("Record the number called: the owner's number from the owner's record."), field="phone")
    called_at = _called_at(data.called_at)
    if not answered_by:
        raise InvalidInput(_("Record who answered the call (the owner, or who else)."), field="answered_by")
    with write_tx():
        room = get_room(data.room_id)
        tenants = {p.person_id: p for p in current_parties(room.id, (TENANT,))}
        if data.tenant_id not in tenants:
            raise Conflict(_("The person is not a current tenant of {room}: the owner is called only about a "
                             "tenant's release.").format(room=room.label), field="tenant")
        numbers = owner_numbers(room.id)
        if not numbers:
            raise Conflict(_("{room} has no owner's number on record: the owner cannot be called, so the tenant's "
                             "goods cannot be released. Ask the owner to come in or to update the record.").format(
                room=room.label), field="phone")
        dialled = v.compact(data.phone)
        match = [(person, number) for person, number in numbers if v.compact(number) == dialled]
        if not match:
            raise InvalidInput(_("Call the owner on a number from the owner's record, not one the tenant gives."),
                               field="phone")
        owner, number = match[0]
        call = OwnerCall.create(room=room, tenant=data.tenant_id, owner=owner, phone=number, called_at=called_at,
                                answered_by=answered_by, owner_knows=bool(data.owner_knows),
                                rent_owed=bool(data.rent_owed), owner_goods=bool(data.owner_goods),
                                consent=bool(data.consent), written_authorisation=bool(data.written_authorisation),
                                note=note, recorded_by=actor.name, recorded_at=now())
        said = _("owner consents") if call.consent else _("owner does not consent")
        audit.record(actor, "release.call", call, summary=f"{room.code} {said} {note}".strip()[:200],
                     after=audit.snapshot(call, exclude={"phone"}))
    return call
