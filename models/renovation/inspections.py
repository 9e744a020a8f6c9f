"""Inspections and rectification notices (巡查, 整改通知书; seed 000 §4.3.6 and §4.5.2).

Rooms in works are inspected at least daily, quiet hours included. A finding that breaks the rules
or the agreement raises a rectification notice, numbered per year without gaps, with the rule
broken, what must be done and a deadline; a re-inspection sees it done. An open notice past its
deadline is overdue (shown, never written); what stays unresolved is reported to the owners'
committee, the residents' committee or the housing authority, the report kept as its file.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee as pw

from models import audit, settings
from models import validation as v
from models.db import now, write_tx
from models.errors import Conflict, InvalidInput, NotFound
from models.i18n import _
from models.money.ledger import lock_row
from models.records.estate import Room
from models.renovation.applying import locked
from models.renovation.works import (ACCEPTANCE, ADDRESSEES, INSPECTION_KINDS, NOTICE_DONE, NOTICE_ESCALATED,
                                     NOTICE_OPEN, NOTICE_PREFIX, ON_SITE, QUIET_HOURS, RECHECK, TO_BOTH, Escalation,
                                     Inspection, RectificationNotice, Renovation, show_notice)
from models.serials import allocate

ESCALATE_TO = ("业主委员会", "居民委员会", "房地产主管部门")


@dataclass
class InspectionInput:
    renovation_id: int
    kind: str = "routine"
    quiet_ok: bool | None = None          # quiet hours kept; None when not checked on this visit
    passed: bool = True
    findings: str = ""
    at: object = None                     # when; None: now
    photos: list[tuple[str, bytes]] = ()  # (file name, content)


@dataclass
class NoticeInput:
    inspection_id: int
    rule: str
    required: str
    deadline: object
    finding: str = ""                     # "" : the inspection's findings
    addressed_to: str = TO_BOTH


def rules() -> list[str]:
    """The articles of the renovation agreement a notice can cite (a setting)."""
    return [r.strip() for r in str(settings.get("renovation.rules")).replace(";", "；").split("；") if r.strip()]


def record_inspection(actor, given: InspectionInput) -> Inspection:
    actor.require("renovation.inspect")
    if given.kind not in INSPECTION_KINDS or given.kind == ACCEPTANCE:
        raise InvalidInput(_("Choose the kind of inspection."), field="kind")
    findings = v.text(given.findings, "findings", max_len=400, what="The findings")
    if not given.passed and not findings:
        raise InvalidInput(_("Write down what was found."), field="findings")
    if given.kind == QUIET_HOURS and given.quiet_ok is None:
        raise InvalidInput(_("A quiet-hours check says whether the quiet hours were kept."), field="quiet_ok")
    at = v.parse_moment(given.at, field="at") if given.at not in (None, "") else now()
    if at > now() + dt.timedelta(minutes=5):
        raise InvalidInput(_("An inspection cannot be recorded for a time still to come."), field="at")
    from models.attachments import prepare
    photos = [(name, prepare(data, name)) for name, data in given.photos]
    with write_tx():
        renovation = locked(given.renovation_id)
        if renovation.state not in ON_SITE:
            raise Conflict(_("Renovation {number} is not on site: only works going on are inspected.").format(
                number=renovation.serial))
        inspection = Inspection.create(renovation=renovation, at=at, on=at.date(), inspector=actor.name,
                                       kind=given.kind, quiet_ok=given.quiet_ok, passed=given.passed,
                                       findings=findings)
        _keep_photos(actor, "inspection", inspection.id, photos)
        audit.record(actor, "inspection.record", inspection, summary=f"{renovation.room.code} "
                     f"{_(INSPECTION_KINDS[given.kind])} {'合格' if given.passed else findings}",
                     after=audit.snapshot(inspection))
    return inspection


def _keep_photos(actor, kind: str, owner_id: int, photos) -> None:
    from models.attachments import add_prepared
    for name, prepared in photos:
        add_prepared(actor, kind, owner_id, name, prepared, label="现场照片")


def proposed_deadline(today: dt.date | None = None) -> dt.date:
    return (today or dt.date.today()) + dt.timedelta(days=int(settings.get("renovation.notice_days")))


def issue_notice(actor, given: NoticeInput) -> RectificationNotice:
    """整改通知书 from an inspection's finding: numbered, with the rule, the work required and a deadline."""
    actor.require("renovation.inspect")
    rule = v.text(given.rule, "rule", max_len=200, what="The rule")
    required = v.text(given.required, "required", max_len=400, what="What must be done")
    if not rule:
        raise InvalidInput(_("Say which rule of the renovation agreement was broken."), field="rule")
    if not required:
        raise InvalidInput(_("Say what must be done to rectify it."), field="required")
    if given.deadline in (None, ""):
        raise InvalidInput(_("Give the deadline to rectify by."), field="deadline")
    deadline = v.parse_date(given.deadline, field="deadline")
    if deadline < dt.date.today():
        raise InvalidInput(_("The deadline {date} is already past: give a day from today on.").format(
            date=v.format_date_cn(deadline)), field="deadline")
    if given.addressed_to not in ADDRESSEES:
        raise InvalidInput(_("Say to whom the notice is addressed."), field="addressed_to")
    with write_tx():
        inspection = Inspection.get_or_none(Inspection.id == given.inspection_id)
        if inspection is None:
            raise NotFound(_("No such inspection."))
        renovation = locked(inspection.renovation_id)
        if renovation.state not in ON_SITE:
            raise Conflict(_("Renovation {number} is not on site any more.").format(number=renovation.serial))
        finding = v.text(given.finding, "finding", max_len=400, what="The finding") or inspection.findings
        if not finding:
            raise InvalidInput(_("Write down what was found."), field="finding")
        year = dt.date.today().year
        notice = RectificationNotice.create(
            year=year, number=allocate("rectification", year), renovation=renovation, inspection=inspection,
            addressed_to=given.addressed_to, finding=finding, rule=rule, required=required, deadline=deadline,
            issued_by=actor.name)
        audit.record(actor, "notice.issue", notice, summary=f"No. {notice.serial} {renovation.room.code} {finding}",
                     after=audit.snapshot(notice))
    return notice


def signed_for(actor, notice_id: int, who: str) -> RectificationNotice:
    """The kept part came back signed (签收人)."""
    actor.require("renovation.inspect")
    who = v.person_name(who, field="signed_by")
    with write_tx():
        notice = _locked_notice(notice_id)
        if notice.signed_by:
            raise Conflict(_("Notice {number} was signed for by {who}.").format(number=notice.serial,
                                                                               who=notice.signed_by))
        RectificationNotice.update(signed_by=who).where(RectificationNotice.id == notice.id).execute()
        audit.record(actor, "notice.signed", notice, summary=f"No. {notice.serial} {who}", after={"signed_by": who})
        notice.signed_by = who
    return notice


def recheck(actor, notice_id: int, done: bool, findings: str = "", photos=()) -> Inspection:
    """复查: a re-inspection; done, the notice is rectified; not done, it stays open (overdue in time)."""
    actor.require("renovation.inspect")
    findings = v.text(findings, "findings", max_len=400, what="The findings")
    if not done and not findings:
        raise InvalidInput(_("Write down what is still not done."), field="findings")
    from models.attachments import prepare
    prepared = [(name, prepare(data, name)) for name, data in photos]
    with write_tx():
        notice = _locked_notice(notice_id)
        if notice.state == NOTICE_DONE:
            raise Conflict(_("Notice {number} was seen rectified on {time}: nothing to re-inspect.").format(
                number=notice.serial, time=notice.rectified_at.strftime("%Y-%m-%d %H:%M")))
        renovation = locked(notice.renovation_id)
        if renovation.state not in ON_SITE:
            raise Conflict(_("Renovation {number} is not on site any more.").format(number=renovation.serial))
        moment = now()
        inspection = Inspection.create(renovation=renovation, at=moment, on=moment.date(), inspector=actor.name,
                                       kind=RECHECK, passed=done,
                                       findings=findings or f"整改通知书 {notice.serial} 已整改")
        _keep_photos(actor, "inspection", inspection.id, prepared)
        audit.record(actor, "inspection.record", inspection, summary=f"复查 {notice.serial} {'已整改' if done else findings}",
                     after=audit.snapshot(inspection))
        if done:
            RectificationNotice.update(state=NOTICE_DONE, rectified_at=moment, recheck=inspection).where(
                RectificationNotice.id == notice.id).execute()
            audit.record(actor, "notice.rectified", notice, summary=f"No. {notice.serial}",
                         before={"state": notice.state}, after={"state": NOTICE_DONE})
    return inspection


def _locked_notice(notice_id: int) -> RectificationNotice:
    lock_row(RectificationNotice, notice_id)
    notice = RectificationNotice.get_or_none(RectificationNotice.id == notice_id)
    if notice is None:
        raise NotFound(_("No such rectification notice."))
    return notice


def find_notice(text) -> RectificationNotice:
    year, number = v.serial(text, prefix=NOTICE_PREFIX, field="number", example="ZG2026-000003")
    found = RectificationNotice.get_or_none((RectificationNotice.year == year) & (RectificationNotice.number == number))
    if found is None:
        raise NotFound(_("No rectification notice {number}.").format(number=show_notice(year, number)))
    return found


# --- the lists the desk works from --------------------------------------------------------------------

def due_today(today: dt.date | None = None) -> list[tuple]:
    """今日待巡查: renovations on site not yet inspected today, as (id, serial, room, contractor, phone, state,
    last inspected, open notices), rooms in order. One query: quick on a thousand works at once."""
    today = today or dt.date.today()
    from models.renovation.works import Contractor
    seen_today = Inspection.select(Inspection.renovation).where(Inspection.on == today)
    last = (Inspection.select(Inspection.renovation, pw.fn.MAX(Inspection.at).alias("last"))
            .group_by(Inspection.renovation).alias("last_seen"))
    open_notices = (RectificationNotice.select(RectificationNotice.renovation,
                                               pw.fn.COUNT(RectificationNotice.id).alias("n"))
                    .where(RectificationNotice.state == NOTICE_OPEN).group_by(RectificationNotice.renovation)
                    .alias("open_notices"))
    query = (Renovation.select(Renovation.id, Renovation.year, Renovation.number, Room.code, Contractor.name,
                               Contractor.phone, Renovation.state, last.c.last, open_notices.c.n)
             .join(Room, on=Renovation.room == Room.id)
             .switch(Renovation).join(Contractor, on=Renovation.contractor == Contractor.id)
             .switch(Renovation).join(last, pw.JOIN.LEFT_OUTER, on=last.c.renovation_id == Renovation.id)
             .switch(Renovation).join(open_notices, pw.JOIN.LEFT_OUTER,
                                      on=open_notices.c.renovation_id == Renovation.id)
             .where(Renovation.state.in_(ON_SITE) & Renovation.id.not_in(seen_today))
             .order_by(Room.code))
    # MAX() of a subquery comes back as SQLite stored it (text): made a moment here, for every database.
    return [(rid, f"ZX{year}-{number:06d}", room, contractor, phone, state, _moment(last_at),
             n or 0) for rid, year, number, room, contractor, phone, state, last_at, n in query.tuples()]


def _moment(value) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def overdue_notices(today: dt.date | None = None) -> pw.Select:
    today = today or dt.date.today()
    return (RectificationNotice.select().where((RectificationNotice.state == NOTICE_OPEN)
                                               & (RectificationNotice.deadline < today))
            .order_by(RectificationNotice.deadline, RectificationNotice.id))


def overdue_lines(overdue: pw.Select, shown: int = 4) -> tuple[str, ...]:
    """The first overdue notices as the start page names them: ZG2026-000003 3-2-1202 逾期2天."""
    today = dt.date.today()
    rows = (overdue.select(RectificationNotice.year, RectificationNotice.number, RectificationNotice.deadline,
                           Room.code).join(Renovation).join(Room).limit(shown).tuples())
    return tuple(_("{serial} {room}, {days} days late").format(serial=f"ZG{year}-{number:06d}", room=code,
                                                              days=(today - deadline).days)
                 for year, number, deadline, code in rows)


def unresolved(date_from, date_to, today: dt.date | None = None) -> list[RectificationNotice]:
    """The notices issued in the period and still not rectified after their deadline (escalated ones too)."""
    today = today or dt.date.today()
    start = v.parse_date(date_from, field="from")
    end = v.parse_date(date_to, field="to")
    if end < start:
        raise InvalidInput(_("The period ends before it begins."), field="to")
    return list(RectificationNotice.select().where(
        (RectificationNotice.issued_at >= dt.datetime.combine(start, dt.time()))
        & (RectificationNotice.issued_at < dt.datetime.combine(end + dt.timedelta(days=1), dt.time()))
        & (((RectificationNotice.state == NOTICE_OPEN) & (RectificationNotice.deadline < today))
           | (RectificationNotice.state == NOTICE_ESCALATED)))
        .order_by(RectificationNotice.year, RectificationNotice.number))


def escalate(actor, to: str, date_from, date_to, pdf: bytes, note: str = "") -> Escalation:
    """上报: the unresolved notices of the period marked escalated, the report's PDF kept as the file."""
    actor.require("renovation.escalate")
    to = v.text(to, "to", max_len=60, what="To whom")
    if not to:
        raise InvalidInput(_("Say to whom the report goes (业主委员会, 居民委员会, 房地产主管部门)."), field="to")
    note = v.text(note, "note", max_len=200, what="The note")
    from models.attachments import add_prepared, prepare
    prepared = prepare(pdf, "escalation.pdf")
    with write_tx():
        notices = [n for n in unresolved(date_from, date_to) if n.state == NOTICE_OPEN]
        if not notices:
            raise Conflict(_("No rectification notice of that period is overdue and still open: nothing to report."))
        escalation = Escalation.create(made_by=actor.name, to=to, date_from=v.parse_date(date_from),
                                       date_to=v.parse_date(date_to), notices=len(notices), note=note)
        ids = [n.id for n in notices]
        RectificationNotice.update(state=NOTICE_ESCALATED, escalation=escalation).where(
            RectificationNotice.id.in_(ids) & (RectificationNotice.state == NOTICE_OPEN)).execute()
        add_prepared(actor, "escalation", escalation.id, f"上报{escalation.made_at:%Y%m%d}.pdf", prepared,
                     label="上报材料")
        audit.record(actor, "escalation.make", escalation, summary=f"{to} {len(ids)}份整改通知书",
                     after={"notices": [n.serial for n in notices]})
    return escalation


def escalations(limit: int = 200) -> list[Escalation]:
    """The escalation reports made (上报记录), newest first; each one's PDF is its attachment."""
    return list(Escalation.select().order_by(Escalation.made_at.desc(), Escalation.id.desc()).limit(limit))
