"""The renovation part's papers as printed, gathered from the database (plain frozen data, no ReportLab).

``application_for``, ``permit_for``, ``passes_for``, ``notice_for`` and ``escalation_for`` are what a
printout asks for, from the window or the command line alike: each checks that the actor may see
renovations, refuses a paper the application's state does not allow, and gathers what it shows.
Printed words are Chinese whatever the screen language (FORMS.md).

Personal data on paper as the office needs it (FORMS.md): the application form is signed and kept
in the office, its phone numbers in full only for a role that may see them; the permit is posted on
the door, so the owner's ID number on it is always masked; no worker's ID number is printed.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models import settings
from models import validation as v
from models.amounts import yuan
from models.errors import Conflict, NotFound
from models.i18n import _
from models.money.printed import printed_room_label
from models.records.people import Person
from models.release.printed import PRINTED_ID_TYPES
from models.renovation import passes as pass_codes
from models.renovation.applying import get_renovation
from models.renovation.works import (APPROVED, CLOSED, IN_WORKS, LIVE, MORE_PAPERS, NOTICE_DONE,
                                     RECHECK, REJECTED, RENOVATION, SETTLED, SUBMITTED, SUSPENDED, TO_CONTRACTOR,
                                     TO_OWNER, WORKS, Escalation, Inspection, RectificationNotice, Renovation, Worker)
from models.validation import format_date_cn

# 装修项目 as the form prints them (the same words as the window's Chinese).
PRINTED_WORKS = {"walls": "墙面、天花", "floors": "地面、铺砖", "plumbing": "给排水、防水", "electrics": "电气线路",
                 "windows": "门窗", "balcony": "阳台", "aircon": "空调安装", "kitchen": "厨卫",
                 "gas": "燃气管道（由燃气公司施工）", "partition": "隔墙", "furniture": "固定家具"}
DRAWINGS = "施工图纸"
PERMIT_STATES = (APPROVED, IN_WORKS)      # a permit goes on the door of works approved or going on
ESCALATE_TO_ALL = "业主委员会、居民委员会、房地产主管部门"


def works_text(renovation: Renovation) -> str:
    """墙面、天花；电气线路；其他：拆除厨房吊顶."""
    items = [PRINTED_WORKS.get(key) or _(WORKS.get(key, key)) for key in renovation.work_keys]
    if renovation.works_note:
        items.append(f"其他：{renovation.works_note}")
    return "；".join(items)


@dataclass(frozen=True)
class PrintedContractor:
    name: str
    licence_no: str
    qualification_no: str
    person_in_charge: str
    phone: str


@dataclass(frozen=True)
class PrintedApplication:
    """装修申请表: the application as the owner signs it and the office keeps it."""
    serial: str
    office: str
    room_label: str
    owner_name: str
    owner_phone: str                     # full or masked, as the actor may see phones
    agent: str                           # 代理人 张三（持业主委托书）, "" when the owner applied
    agent_phone: str
    contractor: PrintedContractor
    works: tuple[tuple[str, bool], ...]  # every item of the checklist, ticked or not
    works_note: str
    workers: tuple[str, ...]             # the workers' names
    start_on: dt.date
    end_on: dt.date
    submitted_at: dt.datetime
    received_by: str
    papers: tuple[str, ...]              # the labels of the papers attached (营业执照, 施工图纸 …)
    decision: str                        # 同意 / 不同意 / 需补充资料 / "" while waiting
    decision_note: str
    decided_by: str
    decided_at: dt.datetime | None
    receipt: str                         # the fees' receipt: its number and lines, "" when not taken

    @property
    def days(self) -> int:
        return (self.end_on - self.start_on).days + 1

    @property
    def drawings(self) -> int:
        return self.papers.count(DRAWINGS)


@dataclass(frozen=True)
class PrintedPermit:
    """装修许可证, posted on the door and read from the corridor."""
    serial: str
    office: str
    room_label: str
    owner_name: str
    owner_id: str                        # 居民身份证 1101**********7774: always masked
    works: str
    start_on: dt.date
    end_on: dt.date
    work_hours: str
    contractor: str
    person_in_charge: str
    contractor_phone: str
    office_phone: str
    issued_on: dt.date                   # the day it was approved


@dataclass(frozen=True)
class PrintedPass:
    """One worker's card (出入证)."""
    pass_number: str                     # ZX2026-000012-03
    name: str
    room_label: str
    contractor: str
    valid_from: dt.date
    valid_until: dt.date
    qr_payload: str                      # ZX2026-000012-03/K7Q2MA
    check_code: str
    photo: bytes | None                  # the one-inch photo as stored (JPEG), None for an empty box
    photo_size: tuple[int, int] | None   # its pixels (width, height): drawn without decoding it
    photo_key: str = ""                  # the stored photo's digest: one image object per photo in a PDF


@dataclass(frozen=True)
class PrintedPasses:
    serial: str
    office: str
    passes: tuple[PrintedPass, ...]


@dataclass(frozen=True)
class PrintedNotice:
    """整改通知书, as both its parts (存根 / 送达联) print it."""
    serial: str                          # ZG2026-000003
    office: str
    renovation: str                      # ZX2026-000012
    room_label: str
    addressed_to: str                    # 业主 张伟、施工单位 深圳市…
    inspected_at: dt.datetime
    inspector: str
    finding: str
    rule: str                            # 违反《装修管理规定》第五条 …
    required: str
    deadline: dt.date
    issued_at: dt.datetime
    issued_by: str
    signed_by: str                       # filled in on a reprint once the stub came back signed
    state: str
    office_phone: str


@dataclass(frozen=True)
class PrintedUnresolved:
    """One unresolved notice in the escalation report."""
    serial: str
    room_label: str
    owner: str
    contractor: str
    finding: str
    rule: str                            # as the inspector cited it: 第五条 不得拆改承重墙…
    inspected_at: dt.datetime
    deadline: dt.date
    days_overdue: int
    history: tuple[str, ...]             # signed for, re-inspections, suspension, earlier reports


@dataclass(frozen=True)
class PrintedEscalation:
    """装修整改问题上报: the unresolved notices of a period, for the committee or the authority."""
    office: str
    office_phone: str
    to: str
    date_from: dt.date
    date_to: dt.date
    made_on: dt.date
    issued: int                          # notices issued in the period
    rectified: int
    rows: tuple[PrintedUnresolved, ...]

    @property
    def rooms(self) -> int:
        return len({row.room_label for row in self.rows})


# --- gathering --------------------------------------------------------------------------------------

def _papers(renovation: Renovation) -> tuple[str, ...]:
    from models.attachments import Attachment
    rows = (Attachment.select(Attachment.label).where(
        (Attachment.owner_kind == "renovation") & (Attachment.owner_id == renovation.id)
        & Attachment.removed_at.is_null()).order_by(Attachment.id).tuples())
    return tuple(label or "资料" for (label,) in rows)


def _decision(renovation: Renovation) -> str:
    state = renovation.state
    if state == SUBMITTED or renovation.decided_at is None:
        return ""
    if state == MORE_PAPERS:
        return "需补充资料"
    # A rejected application may be settled and closed too: only accepted works came through approval.
    if state == REJECTED or (state in (SETTLED, CLOSED) and renovation.accepted_at is None):
        return "不同意"
    return "同意"


def _receipt(renovation: Renovation) -> str:
    """收据 No. 2026-000123：装修保证金 ¥2,000.00，出入证押金 ×2 ¥200.00 …，合计 ¥2,540.00."""
    if renovation.receipt_id is None:
        return ""
    receipt = renovation.receipt
    from models.money.ledger import ReceiptLine
    lines = "，".join(f"{line.label} {yuan(line.amount_fen)}" for line in receipt.lines.order_by(ReceiptLine.id))
    voided = "（已作废）" if receipt.voided_at else ""
    return f"收据 No. {receipt.serial}{voided}：{lines}；合计 {yuan(receipt.total_fen)}"


def application_for(actor, renovation_id: int) -> PrintedApplication:
    """装修申请表 as ``actor`` prints it: phone numbers in full only for a role that may see them."""
    from models.users import revealed
    actor.require("renovation.view")
    r = get_renovation(renovation_id)
    phone = (lambda n: n or "") if "phone" in revealed(actor) else v.mask_phone
    owner = Person.get_by_id(r.owner_id)
    agent = f"{r.agent_name}（持业主委托书）" if r.agent_name else ""
    workers = tuple(w.name for w in r.workers.order_by(Worker.line))
    c = r.contractor
    return PrintedApplication(
        serial=r.serial, office=settings.office_name(), room_label=printed_room_label(r.room),
        owner_name=owner.name, owner_phone=phone(owner.primary_phone), agent=agent, agent_phone=phone(r.agent_phone),
        contractor=PrintedContractor(c.name, c.licence_no, c.qualification_no, c.person_in_charge, c.phone),
        works=tuple((PRINTED_WORKS.get(k) or _(label), k in r.work_keys) for k, label in WORKS.items()),
        works_note=r.works_note, workers=workers, start_on=r.start_on, end_on=r.end_on, submitted_at=r.submitted_at,
        received_by=r.received_by, papers=_papers(r), decision=_decision(r), decision_note=r.decision_note or "",
        decided_by=r.decided_by or "", decided_at=r.decided_at, receipt=_receipt(r))


def permit_for(actor, renovation_id: int) -> PrintedPermit:
    """装修许可证: only for an application approved, or works going on."""
    actor.require("renovation.view")
    r = get_renovation(renovation_id)
    if r.state not in PERMIT_STATES:
        raise Conflict(_("Renovation {number} is {state}: a permit is printed only once the application is "
                         "approved, and while the works go on.").format(number=r.serial,
                                                                        state=RENOVATION.label(r.state)))
    if r.receipt_id is None:
        raise Conflict(_("The fees of renovation {number} are not taken yet: take them before the permit is "
                         "printed.").format(number=r.serial))
    owner = Person.get_by_id(r.owner_id)
    id_type = PRINTED_ID_TYPES.get(owner.id_type, "证件")
    contractor = r.contractor
    return PrintedPermit(
        serial=r.serial, office=settings.office_name(), room_label=printed_room_label(r.room), owner_name=owner.name,
        owner_id=f"{id_type} {v.mask_id(owner.id_number)}" if owner.id_number else "", works=works_text(r),
        start_on=r.start_on, end_on=r.end_on, work_hours=str(settings.get("renovation.work_hours")),
        contractor=contractor.name, person_in_charge=contractor.person_in_charge, contractor_phone=contractor.phone,
        office_phone=settings.shown("office.phone"), issued_on=(r.decided_at or r.submitted_at).date())


def _photos(workers: list[Worker]) -> dict[int, tuple[bytes, tuple[int, int] | None, str]]:
    """The workers' photos in one query: stored JPEGs, never decoded here."""
    from models.attachments import Attachment
    ids = [w.photo for w in workers if w.photo]
    if not ids:
        return {}
    rows = Attachment.select(Attachment.id, Attachment.data, Attachment.width, Attachment.height, Attachment.sha256,
                             Attachment.mime).where(Attachment.id.in_(ids) & Attachment.removed_at.is_null())
    return {a.id: (bytes(a.data), (a.width, a.height) if a.width and a.height else None, a.sha256)
            for a in rows if a.is_image}


def _chosen(r: Renovation, lines: tuple[int, ...]) -> list[Worker]:
    workers = list(r.workers.order_by(Worker.line))
    if not lines:
        out = [w for w in workers if w.returned_at is None and not w.lost]
        if not out:
            raise Conflict(_("Every pass of renovation {number} was handed back or written off: none to "
                             "print.").format(number=r.serial))
        return out
    by_line = {w.line: w for w in workers}
    missing = [f"{r.serial}-{n:02d}" for n in lines if n not in by_line]
    if missing:
        raise NotFound(_("Renovation {number} has no pass {passes}.").format(number=r.serial,
                                                                             passes="、".join(missing)))
    gone = [by_line[n] for n in lines if by_line[n].returned_at is not None or by_line[n].lost]
    if gone:
        raise Conflict(_("Pass {number} was handed back or written off: it is not printed again.").format(
            number=f"{r.serial}-{gone[0].line:02d}"))
    return [by_line[n] for n in lines]


def passes_for(actor, renovation_id: int, lines: tuple[int, ...] = ()) -> PrintedPasses:
    """装修施工人员出入证 of the workers still holding one (or of ``lines`` only), while the works are live."""
    actor.require("renovation.view")
    r = get_renovation(renovation_id)
    if r.state not in LIVE:
        raise Conflict(_("Renovation {number} is {state}: passes are printed only once the application is "
                         "approved, until the works are accepted.").format(number=r.serial,
                                                                          state=RENOVATION.label(r.state)))
    workers = _chosen(r, lines)
    photos = _photos(workers)
    room, contractor = printed_room_label(r.room), r.contractor.name
    cards = []
    for w in workers:
        w.renovation = r                   # the pass number reads the application: no query per worker
        payload = pass_codes.qr_payload(w)
        data, size, key = photos.get(w.photo, (None, None, ""))
        cards.append(PrintedPass(w.pass_number, w.name, room, contractor, r.start_on, r.end_on, payload,
                                 payload.rsplit("/", 1)[1], data, size, key))
    return PrintedPasses(r.serial, settings.office_name(), tuple(cards))


def _addressed(notice: RectificationNotice, r: Renovation) -> str:
    owner, contractor = f"业主 {r.owner.name}", f"施工单位 {r.contractor.name}"
    if notice.addressed_to == TO_OWNER:
        return owner
    return contractor if notice.addressed_to == TO_CONTRACTOR else f"{owner}、{contractor}"


def broken_rule(rule: str) -> str:
    """违反《装修管理规定》第五条 …, however the inspector typed the rule."""
    rule = rule.strip()
    if rule.startswith("违反"):
        return rule
    return f"违反{rule}" if rule.startswith("《") else f"违反《装修管理规定》{rule}"


def notice_document(notice_id: int) -> PrintedNotice:
    notice = RectificationNotice.get_or_none(RectificationNotice.id == notice_id)
    if notice is None:
        raise NotFound(_("No such rectification notice."))
    r, inspection = notice.renovation, notice.inspection
    return PrintedNotice(
        serial=notice.serial, office=settings.office_name(), renovation=r.serial, room_label=printed_room_label(r.room),
        addressed_to=_addressed(notice, r), inspected_at=inspection.at, inspector=inspection.inspector,
        finding=notice.finding, rule=broken_rule(notice.rule), required=notice.required, deadline=notice.deadline,
        issued_at=notice.issued_at, issued_by=notice.issued_by, signed_by=notice.signed_by or "", state=notice.state,
        office_phone=settings.shown("office.phone"))


def notice_for(actor, notice_id: int) -> PrintedNotice:
    actor.require("renovation.view")
    return notice_document(notice_id)


# --- the escalation report ----------------------------------------------------------------------------

def _history(notice: RectificationNotice, rechecks: list[Inspection], reports: dict[int, Escalation]) -> tuple:
    lines = [f"已签收（{notice.signed_by}）" if notice.signed_by else "未签收"]
    for seen in rechecks:
        if seen.at >= notice.issued_at:
            lines.append(f"{format_date_cn(seen.on)} 复查（{seen.inspector}）：{seen.findings}")
    if notice.renovation.state == SUSPENDED:
        lines.append("已责令停工整改")
    report = reports.get(notice.escalation_id)
    if report is not None:
        lines.append(f"{format_date_cn(report.made_at.date())} 已上报{report.to}")
    return tuple(lines)


def escalation_document(date_from, date_to, to: str = "", today: dt.date | None = None) -> PrintedEscalation:
    from models.renovation.inspections import unresolved
    today = today or dt.date.today()
    start, end = v.parse_date(date_from, field="from"), v.parse_date(date_to, field="to")
    notices = unresolved(start, end, today)
    ids = {n.renovation_id for n in notices}
    # A re-inspection that saw another notice rectified is that notice's story, not these ones'.
    closed = RectificationNotice.select(RectificationNotice.recheck).where(
        RectificationNotice.renovation.in_(ids) & RectificationNotice.recheck.is_null(False))
    rechecks: dict[int, list[Inspection]] = {}
    for seen in (Inspection.select().where(Inspection.renovation.in_(ids) & (Inspection.kind == RECHECK)
                                           & Inspection.id.not_in(closed)).order_by(Inspection.at) if ids else ()):
        rechecks.setdefault(seen.renovation_id, []).append(seen)
    reports = {e.id: e for e in Escalation.select().where(
        Escalation.id.in_({n.escalation_id for n in notices if n.escalation_id}))} if notices else {}
    rows = tuple(PrintedUnresolved(
        serial=n.serial, room_label=printed_room_label(n.renovation.room), owner=n.renovation.owner.name,
        contractor=n.renovation.contractor.name, finding=n.finding, rule=n.rule,
        inspected_at=n.inspection.at, deadline=n.deadline, days_overdue=max((today - n.deadline).days, 0),
        history=_history(n, rechecks.get(n.renovation_id, []), reports)) for n in notices)
    issued = RectificationNotice.select().where(
        (RectificationNotice.issued_at >= dt.datetime.combine(start, dt.time()))
        & (RectificationNotice.issued_at < dt.datetime.combine(end + dt.timedelta(days=1), dt.time())))
    rectified = issued.where(RectificationNotice.state == NOTICE_DONE).count()
    return PrintedEscalation(office=settings.office_name(), office_phone=settings.shown("office.phone"),
                             to=v.clean(to).strip()[:60] or ESCALATE_TO_ALL, date_from=start, date_to=end,
                             made_on=today, issued=issued.count(), rectified=rectified, rows=rows)


def escalation_for(actor, date_from, date_to, to: str = "", today: dt.date | None = None) -> PrintedEscalation:
    """The report of the notices issued from ``date_from`` to ``date_to`` still unresolved (or escalated)."""
    actor.require("renovation.view")
    return escalation_document(date_from, date_to, to, today)

