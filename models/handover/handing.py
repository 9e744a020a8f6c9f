"""Handing a new room to its owner (交房; seed 000 §4.5.1): by appointment, documents checked, meters read,
keys counted out, defects written down, all in one transaction with the room's move to 已交房.

The owner is identified at that moment: the room's registered owner (whose ID is on file), or, for a
room with none yet, the buyer registered then with the title deed (records' ``transfer_ownership``).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from models import audit, settings
from models import validation as v
from models.db import now, write_tx
from models.errors import Conflict, InvalidInput, NotFound
from models.i18n import _
from models.handover.tables import (BOOKED, CANCELLED, DEFECT, DEPARTMENTS, DONE, METERS, MISSED, Appointment,
                                    Defect, Handover, HandoverKey)
from models.db import lock_row
from models.records.estate import VACANT, Room, move_room
from models.records.people import CO_OWNER, OWNER, Person
# Reading is part of HandoverInput; the others are re-exported for the callers that know them from here.
from models.handover.meters import Reading, last_reading, read_meter, shown_reading, write_reading  # noqa: F401
from models.handover.keys import hand_keys_to_owner
from models.serials import allocate


@dataclass
class DefectInput:
    location: str
    description: str
    department: str = "engineering"
    due_on: object = None
    photos: list = field(default_factory=list)   # (file name, bytes): kept as the defect's attachments


@dataclass
class HandoverInput:
    room_id: int
    owner_id: int | None                         # the owner on file; None with new_owner
    handed_on: object = None                     # None: today
    appointment_id: int | None = None
    documents: list[str] = field(default_factory=list)
    readings: list[Reading] = field(default_factory=list)
    keys: list[tuple[str, int]] = field(default_factory=list)
    defects: list[DefectInput] = field(default_factory=list)
    deed_no: str = ""                            # 房产证/购房合同号, when the owner is registered at handover
    new_owner: object = None                     # records' PersonInput: the buyer not on file, created here
    note: str = ""


def checklist() -> list[str]:
    return [d.strip() for d in str(settings.get("handover.documents")).replace(";", "；").split("；") if d.strip()]


def key_kinds() -> list[str]:
    return [k.strip() for k in str(settings.get("handover.key_kinds")).replace(";", "；").split("；") if k.strip()]


def missing_on_form(given: HandoverInput) -> list[str]:
    """What a handover form leaves empty, in the clerk's words, asked about before it is confirmed:
    documents not checked, meters not read, no key handed over."""
    missing = []
    unchecked = [d for d in checklist() if d not in given.documents]
    if unchecked:
        missing.append(_("documents not checked: {what}").format(what="、".join(unchecked)))
    unread = [_(METERS[m]) for m in METERS if m not in {r.meter for r in given.readings}]
    if unread:
        missing.append(_("meters not read: {what}").format(what="、".join(unread)))
    if not any(int(count or 0) > 0 for _kind, count in given.keys):
        missing.append(_("no key handed over"))
    return missing


# --- appointments --------------------------------------------------------------------------------------

def book(actor, room_id: int, at, name: str, phone: str = "", person_id: int | None = None,
         note: str = "") -> Appointment:
    actor.require("handover.do")
    moment = v.parse_moment(at, field="at")
    if moment < now() - dt.timedelta(minutes=5):
        raise InvalidInput(_("An appointment is for a time still to come."), field="at")
    name = v.person_name(name, field="name")
    phone = v.phone(phone, field="phone") if str(phone or "").strip() else ""
    with write_tx():
        room = Room.get_or_none(Room.id == room_id)
        if room is None:
            raise NotFound(_("No such room."))
        if room.state != VACANT:
            raise Conflict(_("{room} is {state}: only a vacant room is handed over.").format(
                room=room.label, state=_room_state(room)), field="room")
        made = Appointment.create(room=room, person=person_id, name=name, phone=phone, at=moment,
                                  made_by=actor.name, note=v.text(note, "note", max_len=200, what="The note"))
        audit.record(actor, "appointment.book", made, summary=f"{room.code} {name} {moment:%Y-%m-%d %H:%M}",
                     after=audit.snapshot(made))
    return made


def _room_state(room: Room) -> str:
    from models.records.estate import ROOM
    return ROOM.label(room.state)


def _close_appointment(actor, appointment_id: int, state: str, action: str, reason: str) -> Appointment:
    actor.require("handover.do")
    with write_tx():
        lock_row(Appointment, appointment_id)
        made = Appointment.get_or_none(Appointment.id == appointment_id)
        if made is None:
            raise NotFound(_("No such appointment."))
        if made.state != BOOKED:
            raise Conflict(_("That appointment is no longer booked."))
        Appointment.update(state=state, note=(made.note + " " + reason).strip()[:200]).where(
            Appointment.id == made.id).execute()
        audit.record(actor, action, made, summary=reason, before={"state": BOOKED}, after={"state": state})
        made.state = state
    return made


def cancel(actor, appointment_id: int, reason: str) -> Appointment:
    return _close_appointment(actor, appointment_id, CANCELLED, "appointment.cancel",
                              v.text(reason, "reason", max_len=100, what="The reason") or "取消")


def missed(actor, appointment_id: int) -> Appointment:
    return _close_appointment(actor, appointment_id, MISSED, "appointment.missed", "业主未到")


def day_appointments(day: dt.date | None = None) -> list[Appointment]:
    day = day or dt.date.today()
    start = dt.datetime.combine(day, dt.time())
    return list(Appointment.select(Appointment, Room).join(Room)
                .where((Appointment.at >= start) & (Appointment.at < start + dt.timedelta(days=1)))
                .order_by(Appointment.at))


# --- the handover ----------------------------------------------------------------------------------------

def _owner(room: Room, owner_id: int, deed_no: str, on: dt.date, actor) -> Person:
    from models.records.ties import current_parties, transfer_ownership
    person = Person.get_or_none(Person.id == owner_id)
    if person is None:
        raise InvalidInput(_("Identify the owner: choose the owner's record (with the ID number)."), field="owner")
    if not person.id_number:
        raise InvalidInput(_("{name} has no ID number on file: the owner is identified by the ID before the room "
                             "is handed over.").format(name=person.name), field="owner")
    owners = current_parties(room.id, (OWNER, CO_OWNER))
    if owners:
        if owner_id not in {p.person_id for p in owners}:
            raise InvalidInput(_("{name} is not the owner of {room} on record ({owners}).").format(
                name=person.name, room=room.label, owners="、".join(p.person.name for p in owners)), field="owner")
        return person
    if not v.clean(deed_no):
        raise InvalidInput(_("{room} has no owner on record yet: give the purchase contract or title deed number "
                             "to register {name} as its owner.").format(room=room.label, name=person.name),
                           field="deed_no")
    transfer_ownership(actor, room.id, [owner_id], on, deed_no)
    return person


def _handed_on(value, appointment: Appointment | None) -> dt.date:
    on = v.parse_date(value, field="handed_on") if value not in (None, "") else dt.date.today()
    if on > dt.date.today():
        raise InvalidInput(_("A handover is recorded on the day it is done, not before."), field="handed_on")
    if appointment is not None and on < appointment.made_at.date():
        raise InvalidInput(_("The handover date {date} is before the appointment was made ({made}).").format(
            date=v.format_date_cn(on), made=v.format_date_cn(appointment.made_at.date())), field="handed_on")
    return on


def _checked_defect(given: DefectInput, on: dt.date) -> dict:
    location = v.text(given.location, "location", max_len=40, what="The location")
    description = v.text(given.description, "description", max_len=300, what="The problem")
    if not location or not description:
        raise InvalidInput(_("A defect needs where it is and what is wrong."), field="defect")
    if given.department not in DEPARTMENTS:
        raise InvalidInput(_("Choose who repairs the defect."), field="department")
    due = v.parse_date(given.due_on, field="due_on") if given.due_on not in (None, "") else on + dt.timedelta(days=15)
    if due < on:
        raise InvalidInput(_("A defect's repair is due after it was found."), field="due_on")
    return dict(location=location, description=description, department=given.department, due_on=due)


def hand_over(actor, given: HandoverInput) -> Handover:
    """交房: the room goes from 空置 to 已交房 with its owner identified; everything on the form kept."""
    actor.require("handover.do")
    known = set(checklist())
    unknown = [d for d in given.documents if d not in known]
    if unknown:
        raise InvalidInput(_("Not on the checklist: {what}").format(what="、".join(unknown)), field="documents")
    keys = [(v.text(kind, "keys", max_len=20, what="The kind of key"), v.integer(count, "keys", low=1, high=50,
                                                                                   what="The number of keys"))
            for kind, count in given.keys]
    note = v.text(given.note, "note", max_len=200, what="The note")
    photos = [_prepared(d.photos) for d in given.defects]
    with write_tx():
        lock_row(Room, given.room_id)
        room = Room.get_or_none(Room.id == given.room_id)
        if room is None:
            raise NotFound(_("No such room."))
        if room.state != VACANT:
            raise Conflict(_("{room} is {state}: only a vacant room is handed over.").format(
                room=room.label, state=_room_state(room)), field="room")
        appointment = _appointment(given.appointment_id, room)
        on = _handed_on(given.handed_on, appointment)
        defects = [_checked_defect(d, on) for d in given.defects]
        owner_id = given.owner_id
        if given.new_owner is not None:               # the buyer's record made at the desk, in this transaction
            from models.records.people import create_person
            owner_id = create_person(actor, given.new_owner).id
        # The room moves first, so its history says "handed over"; registering the buyer then moves nothing.
        owner = Person.get_or_none(Person.id == owner_id)
        move_room(actor, room, "hand_over", _("handed over to {name}").format(name=owner.name if owner else "?"),
                  permission_checked=True)
        owner = _owner(room, owner_id, given.deed_no, on, actor)
        year = on.year
        handover = Handover.create(year=year, number=allocate("handover", year), room=room, owner=owner,
                                   appointment=appointment, handed_on=on, documents="；".join(given.documents),
                                   clerk=actor.name, clerk_user_id=actor.user_id, note=note)
        for kind, count in keys:
            HandoverKey.create(handover=handover, kind=kind, count=count)
        for reading in given.readings:
            write_reading(actor, room, reading, on, handover)
        for defect, prepared in zip(defects, photos):
            made = Defect.create(room=room, handover=handover, found_by=actor.name, **defect)
            audit.record(actor, "defect.record", made, summary=f"{room.code} {made.location} {made.description}")
            _attach(actor, made.id, prepared, "验房照片")
        hand_keys_to_owner(actor, room, handover.serial)
        if appointment is not None:
            Appointment.update(state=DONE).where(Appointment.id == appointment.id).execute()
        audit.record(actor, "handover.do", handover, summary=f"No. {handover.serial} {room.code} {owner.name}",
                     after=audit.snapshot(handover))
    return handover


def _appointment(appointment_id: int | None, room: Room) -> Appointment | None:
    """The appointment the handover keeps: the one named, or else the room's earliest still booked (a room
    typed at the desk rather than opened from the day's list), which the handover then closes."""
    if appointment_id is None:
        return (Appointment.select().where((Appointment.room == room.id) & (Appointment.state == BOOKED))
                .order_by(Appointment.at).first())
    made = Appointment.get_or_none((Appointment.id == appointment_id) & (Appointment.room == room.id))
    if made is None:
        raise NotFound(_("No such appointment for {room}.").format(room=room.label))
    if made.state != BOOKED:
        raise Conflict(_("That appointment is no longer booked."))
    return made


# --- defects after the handover ---------------------------------------------------------------------------

def add_defect(actor, room_id: int, given: DefectInput) -> Defect:
    actor.require("handover.defects")
    fields = _checked_defect(given, dt.date.today())
    prepared = _prepared(given.photos)
    with write_tx():
        if Room.get_or_none(Room.id == room_id) is None:
            raise NotFound(_("No such room."))
        made = Defect.create(room=room_id, found_by=actor.name, **fields)
        audit.record(actor, "defect.record", made, summary=f"{made.location} {made.description}")
        _attach(actor, made.id, prepared, "验房照片")
    return made


def _prepared(photos) -> list:
    """A defect's photos checked before anything is written (a wrong file refused with the clerk's sentence)."""
    from models.attachments import prepare
    return [(name, prepare(data, name)) for name, data in photos]


def _attach(actor, defect_id: int, prepared: list, label: str) -> None:
    from models.attachments import add_prepared
    for name, file in prepared:
        add_prepared(actor, "handover_defect", defect_id, name, file, label=label)


def _defect_move(actor, defect_id: int, verb: str, photos=(), **changes) -> Defect:
    prepared = _prepared(photos)
    with write_tx():
        lock_row(Defect, defect_id)
        defect = Defect.get_or_none(Defect.id == defect_id)
        if defect is None:
            raise NotFound(_("No such defect."))
        DEFECT.move(actor, defect, verb, summary=f"{defect.location} {defect.description}"[:120], **changes)
        _attach(actor, defect.id, prepared, "维修照片")
    return defect


def repaired(actor, defect_id: int, note: str = "", photos=()) -> Defect:
    """The repair done; ``photos`` ((file name, bytes)) kept with the defect in the same transaction."""
    return _defect_move(actor, defect_id, "repair", photos, repaired_at=now(), repaired_by=actor.name,
                        repair_note=v.text(note, "note", max_len=200, what="The note"))


def confirmed(actor, defect_id: int, owner_name: str, note: str = "") -> Defect:
    return _defect_move(actor, defect_id, "confirm", confirmed_at=now(),
                        confirmed_by=v.person_name(owner_name, field="confirmed_by"),
                        confirm_note=v.text(note, "note", max_len=200, what="The note"))


def reopened(actor, defect_id: int, why: str) -> Defect:
    why = v.text(why, "reason", max_len=200, what="The reason")
    if not why:
        raise InvalidInput(_("Say what the owner is not satisfied with."), field="reason")
    return _defect_move(actor, defect_id, "reopen", repaired_at=None, repaired_by=None, confirm_note=why)


def late_defects(today: dt.date | None = None):
    """Defects past their due day and not repaired (the start page's figure)."""
    today = today or dt.date.today()
    from models.handover.tables import OPEN
    return Defect.select().where((Defect.state == OPEN) & (Defect.due_on < today)).order_by(Defect.due_on)


def get_appointment(appointment_id: int) -> Appointment:
    found = Appointment.get_or_none(Appointment.id == appointment_id)
    if found is None:
        raise NotFound(_("No such appointment."))
    return found


def get_handover(handover_id: int) -> Handover:
    found = Handover.get_or_none(Handover.id == handover_id)
    if found is None:
        raise NotFound(_("No such handover."))
    return found


def get_defect(defect_id: int) -> Defect:
    found = Defect.get_or_none(Defect.id == defect_id)
    if found is None:
        raise NotFound(_("No such defect."))
    return found


def find_handover(text) -> Handover:
    """By the form's number (JF2026-000012) or the room's code (its latest handover)."""
    raw = v.compact(text).upper()
    if raw.startswith("JF"):
        year, number = v.serial(raw, prefix="JF", field="number", example="JF2026-000012")
        found = Handover.get_or_none((Handover.year == year) & (Handover.number == number))
    else:
        from models.records.estate import find_room
        room = find_room(raw)
        found = (Handover.select().where(Handover.room == room.id).order_by(Handover.id.desc()).first()
                 if room is not None else None)
        if room is not None and found is None:
            raise NotFound(_("{room} has not been handed over yet: there is no handover form.").format(
                room=room.code))
    if found is None:
        raise NotFound(_("No handover form {what}.").format(what=v.shown(raw[:30])))
    return found
