"""The renovation part's lines on a room's timeline: each application (taken, decided, works started,
accepted, deposit settled, closed), its inspections and its rectification notices (issued, rectified,
escalated). An application's and an inspection's lines open the application; a notice's, the notice."""
from __future__ import annotations

import peewee as pw

from models.amounts import yuan
from models.i18n import _
from models.renovation.works import (INSPECTION_KINDS, MORE_PAPERS, REJECTED, SUBMITTED, Contractor, Deduction,
                                     Escalation, Inspection, RectificationNotice, Renovation, Worker)
from models.timeline import Event, timeline_source

RENOVATION = "renovation"                 # the openers' kinds (ui/renovation registers them)
NOTICE = "rectification_notice"


def _decision(renovation: Renovation) -> str:
    """What the last decision was: the state says it, unless the papers were brought since."""
    if renovation.state == REJECTED:
        return _("Renovation {serial} rejected")
    if renovation.state in (MORE_PAPERS, SUBMITTED):
        return _("More papers asked for renovation {serial}")
    return _("Renovation {serial} approved")


def _renovation_lines(renovation: Renovation, workers: int, kept_fen: int) -> list[Event]:
    serial = renovation.serial
    line = [(renovation.submitted_at, _("Renovation application {serial}"),
             _("{contractor}, {workers} workers, taken by {clerk}").format(
                 contractor=renovation.contractor_name, workers=workers, clerk=renovation.received_by))]
    if renovation.decided_at is not None:
        line.append((renovation.decided_at, _decision(renovation),
                     f"{renovation.decided_by}：{renovation.decision_note}".rstrip("：")))
    if renovation.started_at is not None:
        line.append((renovation.started_at, _("Works of renovation {serial} started"), renovation.contractor_name))
    if renovation.accepted_at is not None:
        kept = _("{amount} deducted from the deposit").format(amount=yuan(kept_fen)) if kept_fen else ""
        line.append((renovation.accepted_at, _("Works of renovation {serial} accepted"),
                     " ".join(x for x in (renovation.accepted_by or "", renovation.acceptance_note, kept) if x)))
    if renovation.settled_at is not None:
        line.append((renovation.settled_at, _("Deposit of renovation {serial} settled"), ""))
    if renovation.closed_at is not None:
        line.append((renovation.closed_at, _("Renovation {serial} closed"), ""))
    return [Event(at, what.format(serial=serial), detail, RENOVATION, renovation.id) for at, what, detail in line]


def _inspection_lines(room_id: int) -> list[Event]:
    rows = (Inspection.select(Inspection, Renovation.id, Renovation.year, Renovation.number).join(Renovation)
            .where(Renovation.room == room_id).order_by(Inspection.id))
    events = []
    for inspection in rows:
        kind = _(INSPECTION_KINDS.get(inspection.kind, inspection.kind))
        said = _("passed") if inspection.passed else inspection.findings
        quiet = {True: _("quiet hours kept"), False: _("quiet hours not kept"), None: ""}[inspection.quiet_ok]
        events.append(Event(inspection.at, _("{kind} of renovation {serial}").format(
            kind=kind, serial=inspection.renovation.serial),
            " ".join(x for x in (inspection.inspector, said, quiet) if x), RENOVATION, inspection.renovation_id))
    return events


def _notice_lines(room_id: int) -> list[Event]:
    rows = (RectificationNotice.select(RectificationNotice, Escalation.id, Escalation.to, Escalation.made_at)
            .join(Renovation, on=(RectificationNotice.renovation == Renovation.id))
            .switch(RectificationNotice).join(Escalation, pw.JOIN.LEFT_OUTER,
                                              on=(RectificationNotice.escalation == Escalation.id))
            .where(Renovation.room == room_id).order_by(RectificationNotice.id))
    events = []
    for notice in rows:
        serial = notice.serial
        events.append(Event(notice.issued_at, _("Rectification notice {serial}").format(serial=serial),
                            _("{finding}; rectify by {deadline}").format(finding=notice.finding,
                                                                        deadline=f"{notice.deadline:%Y-%m-%d}"),
                            NOTICE, notice.id))
        if notice.rectified_at is not None:
            events.append(Event(notice.rectified_at, _("Rectification notice {serial} rectified").format(
                serial=serial), "", NOTICE, notice.id))
        if notice.escalation_id is not None:
            escalation = notice.escalation
            events.append(Event(escalation.made_at, _("Rectification notice {serial} escalated").format(
                serial=serial), escalation.to, NOTICE, notice.id))
    return events


@timeline_source("renovation")
def room_events(room_id: int) -> list[Event]:
    workers = Worker.select(pw.fn.COUNT(Worker.id)).where(Worker.renovation == Renovation.id)
    kept = Deduction.select(pw.fn.COALESCE(pw.fn.SUM(Deduction.amount_fen), 0)).where(
        Deduction.renovation == Renovation.id)
    rows = (Renovation.select(Renovation, Contractor.name.alias("contractor_name"), workers.alias("worker_count"),
                              kept.alias("kept"))
            .join(Contractor).where(Renovation.room == room_id).order_by(Renovation.id).objects())
    events = []
    for renovation in rows:
        events += _renovation_lines(renovation, renovation.worker_count, int(renovation.kept or 0))   # PG: a Decimal
    return events + _inspection_lines(room_id) + _notice_lines(room_id)
