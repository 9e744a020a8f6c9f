"""The handover part's lines on a room's timeline: the handover booked and done, the defects found,
repaired and confirmed, the room's keys put in the cabinet, lent, returned and lost, and its
inspections while vacant. Each line opens its record: the handover form ("handover"), the defect
("handover_defect"), the loan ("key_loan") or the key ("cabinet_key"), the inspection
("vacant_inspection"); an appointment opens the handover it led to, or the person who booked it."""
from __future__ import annotations

from models.handover.tables import (APPOINTMENT_STATES, BOOKED, DEPARTMENTS, ENTRUSTED, LOST_ACTIONS, Appointment,
                                    Defect, Handover, Key, KeyLoan, KeyLoss, VacantInspection)
from models.i18n import _
from models.records.people import Person
from models.timeline import Event, as_moment, timeline_source

HANDOVER, DEFECT, KEY, LOAN, INSPECTION = "handover", "handover_defect", "cabinet_key", "key_loan", "vacant_inspection"


def _appointment_lines(room_id: int) -> list[Event]:
    done = dict(Handover.select(Handover.appointment, Handover.id)
                .where((Handover.room == room_id) & Handover.appointment.is_null(False)).tuples())
    events = []
    for made in Appointment.select().where(Appointment.room == room_id).order_by(Appointment.id):
        kind, record = (HANDOVER, done[made.id]) if made.id in done else ("person", made.person_id)
        state = "" if made.state == BOOKED else _(APPOINTMENT_STATES.get(made.state, made.state))
        events.append(Event(made.made_at, _("Handover booked for {time}").format(time=f"{made.at:%Y-%m-%d %H:%M}"),
                            " ".join(x for x in (made.name, _("booked by {who}").format(who=made.made_by), state,
                                                 made.note) if x), kind, record))
    return events


def _handover_lines(room_id: int) -> list[Event]:
    rows = (Handover.select(Handover, Person.name.alias("owner_name")).join(Person, on=(Handover.owner == Person.id))
            .where(Handover.room == room_id).order_by(Handover.id).objects())
    events = []
    for h in rows:
        at = h.created_at if h.created_at.date() == h.handed_on else as_moment(h.handed_on)
        found = h.defects.count()
        detail = _("to {owner}, clerk {clerk}").format(owner=h.owner_name, clerk=h.clerk)
        if found:
            detail += "，" + _("{n} defects found").format(n=found)
        events.append(Event(at, _("Handed over: form {number}").format(number=h.serial), detail, HANDOVER, h.id))
    return events


def _defect_lines(room_id: int) -> list[Event]:
    events = []
    for d in Defect.select().where(Defect.room == room_id).order_by(Defect.id):
        what = f"{d.location} {d.description}"
        events.append(Event(d.found_at, _("Defect found: {what}").format(what=what), _(
            "{department}, repair by {date}").format(department=_(DEPARTMENTS.get(d.department, d.department)),
                                                     date=f"{d.due_on:%Y-%m-%d}"), DEFECT, d.id))
        if d.repaired_at is not None:
            events.append(Event(d.repaired_at, _("Defect repaired: {what}").format(what=what),
                                " ".join(x for x in (d.repaired_by or "", d.repair_note) if x), DEFECT, d.id))
        if d.confirmed_at is not None:
            events.append(Event(d.confirmed_at, _("Repair confirmed by the owner: {what}").format(what=what),
                                " ".join(x for x in (d.confirmed_by or "", d.confirm_note) if x), DEFECT, d.id))
    return events


def _key_lines(room_id: int) -> list[Event]:
    keys = {k.id: k for k in Key.select().where(Key.room == room_id)}
    if not keys:
        return []
    events = []
    for key in keys.values():
        if key.kind == ENTRUSTED:
            until = f"{key.entrusted_until:%Y-%m-%d}" if key.entrusted_until else ""
            events.append(Event(key.added_at, _("Key {hook} entrusted to the office").format(hook=key.hook),
                                _("{label}, until {date} {scope}").format(label=key.label, date=until,
                                                                          scope=key.entrusted_scope).strip(),
                                KEY, key.id))
        else:
            events.append(Event(key.added_at, _("Key {hook} put in the cabinet").format(hook=key.hook), key.label,
                                KEY, key.id))
    for loan in KeyLoan.select().where(KeyLoan.key.in_(list(keys))).order_by(KeyLoan.id):
        hook = keys[loan.key_id].hook
        events.append(Event(loan.out_at, _("Key {hook} lent: loan {number}").format(hook=hook, number=loan.serial),
                            _("{who}: {purpose}, due back {due}").format(
                                who="，".join(x for x in (loan.borrower, loan.unit) if x), purpose=loan.purpose,
                                due=f"{loan.due_at:%Y-%m-%d %H:%M}"), LOAN, loan.id))
        if loan.returned_at is not None:
            events.append(Event(loan.returned_at, _("Key {hook} returned: loan {number}").format(
                hook=hook, number=loan.serial), _("brought back by {who}, taken by {clerk}").format(
                who=loan.returned_by or "", clerk=loan.received_by or ""), LOAN, loan.id))
    for loss in KeyLoss.select().where(KeyLoss.key.in_(list(keys))).order_by(KeyLoss.id):
        kind, record = (LOAN, loss.loan_id) if loss.loan_id is not None else (KEY, loss.key_id)
        events.append(Event(loss.reported_at, _("Key {hook} lost").format(hook=keys[loss.key_id].hook),
                            " ".join(x for x in (_(LOST_ACTIONS.get(loss.action, loss.action)), loss.note,
                                                 loss.reported_by) if x), kind, record))
    return events


def _inspected(inspection: VacantInspection) -> str:
    if not inspection.passed:
        return _("problem found: {findings}").format(findings=inspection.findings)
    return inspection.findings if inspection.findings not in ("", "正常") else _("all in order")


def _inspection_lines(room_id: int) -> list[Event]:
    return [Event(i.at, _("Vacant room inspected"), f"{i.inspector} {_inspected(i)}", INSPECTION, i.id)
            for i in VacantInspection.select().where(VacantInspection.room == room_id).order_by(VacantInspection.id)]


@timeline_source("handover")
def room_events(room_id: int) -> list[Event]:
    return (_appointment_lines(room_id) + _handover_lines(room_id) + _defect_lines(room_id) + _key_lines(room_id)
            + _inspection_lines(room_id))
