"""The renovation part's tables and its one state machine (seed 004 场景二, seed 000 §4.3.6, §4.5.2).

An application (装修申请) is a permanent record: its number, its contractor and workers, the money
taken and given back are never edited away. It moves through ``RENOVATION`` only; the room follows
(装修中 while the works go on). Inspections, rectification notices (整改通知书) and escalation
reports are kept beside it, each once written never changed: a notice is rectified or escalated,
an inspection that was wrong is followed by another.
"""
from __future__ import annotations

import datetime as dt

import peewee as pw

from models.db import BaseModel, now
from models.i18n import label_table
from models.money.ledger import Deposit, Receipt
from models.records.estate import Room
from models.records.people import Person
from models.states import Move, StateMachine

SERIAL_PREFIX = "ZX"            # 装修: ZX2026-000012
NOTICE_PREFIX = "ZG"            # 整改: ZG2026-000003

# --- the application's states ----------------------------------------------------------------------
SUBMITTED, MORE_PAPERS, APPROVED, REJECTED = "submitted", "more_papers", "approved", "rejected"
IN_WORKS, SUSPENDED, COMPLETION, ACCEPTED = "in_works", "suspended", "completion", "accepted"
SETTLED, CLOSED = "settled", "closed"
STATES = label_table("renovation.states", {
    SUBMITTED: "Waiting for review", MORE_PAPERS: "More papers needed", APPROVED: "Approved",
    REJECTED: "Rejected", IN_WORKS: "In works", SUSPENDED: "Suspended", COMPLETION: "Completion requested",
    ACCEPTED: "Accepted", SETTLED: "Deposits settled", CLOSED: "Closed"})
LIVE = (APPROVED, IN_WORKS, SUSPENDED, COMPLETION)          # works allowed or going on: passes count
ON_SITE = (IN_WORKS, SUSPENDED, COMPLETION)                 # inspected daily (seed 000 §4.5.2)

# 装修项目: the checklist of the application form; free text beside it.
WORKS = label_table("renovation.works", {
    "walls": "Walls and ceilings", "floors": "Floors and tiling", "plumbing": "Plumbing and waterproofing",
    "electrics": "Electrics", "windows": "Doors and windows", "balcony": "Balcony", "aircon": "Air-conditioning",
    "kitchen": "Kitchen and bathroom", "gas": "Gas pipes (by the gas company)", "partition": "Partitions",
    "furniture": "Fitted furniture"})

APPLICANT_OWNER, APPLICANT_AGENT = "owner", "agent"


class Contractor(BaseModel):
    """施工单位: picked from those seen before, never typed twice (one row per licence number)."""
    name = pw.CharField(max_length=60)
    licence_no = pw.CharField(max_length=30, unique=True)           # 营业执照号 (统一社会信用代码)
    qualification_no = pw.CharField(max_length=40, default="")     # 资质证书号
    person_in_charge = pw.CharField(max_length=50)                  # 负责人
    phone = pw.CharField(max_length=20)
    created_at = pw.DateTimeField(default=now)
    created_by = pw.CharField(max_length=80)


class Renovation(BaseModel):
    """装修申请 and everything after it, numbered per year without gaps (serial kind "renovation")."""
    year = pw.IntegerField()
    number = pw.IntegerField()
    room = pw.ForeignKeyField(Room, backref="renovations", on_delete="RESTRICT")
    owner = pw.ForeignKeyField(Person, on_delete="RESTRICT")
    applicant = pw.CharField(max_length=10, default=APPLICANT_OWNER)     # owner / agent (代理人)
    agent_name = pw.CharField(max_length=50, default="")
    agent_id_number = pw.CharField(max_length=30, default="")
    agent_phone = pw.CharField(max_length=20, default="")
    authorisation = pw.BooleanField(default=False)          # the owner's written authorisation, kept
    contractor = pw.ForeignKeyField(Contractor, backref="renovations", on_delete="RESTRICT")
    works = pw.CharField(max_length=200, default="")        # checklist keys, comma separated
    works_note = pw.CharField(max_length=200, default="")   # what the checklist does not say
    start_on = pw.DateField()
    end_on = pw.DateField(index=True)
    state = pw.CharField(max_length=12, default=SUBMITTED, index=True)
    submitted_at = pw.DateTimeField(default=now, index=True)
    received_by = pw.CharField(max_length=80)               # the clerk who took the papers (首接责任人)
    received_by_user_id = pw.IntegerField(null=True)
    decided_at = pw.DateTimeField(null=True)
    decided_by = pw.CharField(max_length=80, null=True)
    decision_note = pw.CharField(max_length=300, default="")   # the reasons, the papers wanted, conditions
    owner_told_at = pw.DateTimeField(null=True)             # the decision told to the owner (首接责任制)
    owner_told_by = pw.CharField(max_length=80, null=True)
    owner_told_how = pw.CharField(max_length=60, default="")
    receipt = pw.ForeignKeyField(Receipt, null=True, on_delete="RESTRICT")          # the fees' one receipt
    deposit = pw.ForeignKeyField(Deposit, null=True, on_delete="RESTRICT")          # 装修保证金
    pass_deposit = pw.ForeignKeyField(Deposit, null=True, on_delete="RESTRICT")     # 出入证押金 × workers
    started_at = pw.DateTimeField(null=True)
    room_state_before = pw.CharField(max_length=12, default="")   # the room's state the works interrupted
    completion_at = pw.DateTimeField(null=True)
    accepted_at = pw.DateTimeField(null=True)
    accepted_by = pw.CharField(max_length=80, null=True)
    acceptance_note = pw.CharField(max_length=300, default="")
    settled_at = pw.DateTimeField(null=True)
    closed_at = pw.DateTimeField(null=True)
    note = pw.CharField(max_length=200, default="")

    class Meta:
        indexes = ((("year", "number"), True), (("room", "submitted_at"), False))

    @property
    def serial(self) -> str:
        return show_serial(self.year, self.number)

    @property
    def work_keys(self) -> list[str]:
        return [key for key in self.works.split(",") if key]


class Worker(BaseModel):
    """A worker of the contractor, with a pass (出入证) numbered after the application: ZX2026-000012-03."""
    renovation = pw.ForeignKeyField(Renovation, backref="workers", on_delete="RESTRICT")
    line = pw.IntegerField()
    name = pw.CharField(max_length=50)
    id_type = pw.CharField(max_length=16, default="mainland_id")
    id_number = pw.CharField(max_length=30)
    phone = pw.CharField(max_length=20, default="")
    photo = pw.IntegerField(null=True)                      # the one-inch photo: an attachment's id
    deposit = pw.ForeignKeyField(Deposit, null=True, on_delete="RESTRICT")   # the 出入证押金 its share is in
    returned_at = pw.DateTimeField(null=True)               # the pass handed back
    returned_by = pw.CharField(max_length=80, null=True)    # who took it back
    lost = pw.BooleanField(default=False)                   # written off: its deposit kept
    refunded_at = pw.DateTimeField(null=True)               # its deposit given back through money

    class Meta:
        table_name = "renovation_worker"
        indexes = ((("renovation", "line"), True),)

    @property
    def pass_number(self) -> str:
        return f"{self.renovation.serial}-{self.line:02d}"


# --- inspections and rectification notices --------------------------------------------------------
NOTICE_OPEN, NOTICE_DONE, NOTICE_ESCALATED = "open", "rectified", "escalated"
NOTICE_STATES = label_table("renovation.notice_states", {
    NOTICE_OPEN: "Open", NOTICE_DONE: "Rectified", NOTICE_ESCALATED: "Escalated"})
UNRESOLVED = (NOTICE_OPEN, NOTICE_ESCALATED)      # reported or not, the works wait until a re-inspection sees it done
NOTICE_OVERDUE = "overdue"       # shown, never written: an open notice past its deadline
TO_OWNER, TO_CONTRACTOR, TO_BOTH = "owner", "contractor", "both"
ADDRESSEES = label_table("renovation.addressees", {
    TO_OWNER: "The owner", TO_CONTRACTOR: "The contractor", TO_BOTH: "The owner and the contractor"})
ROUTINE, QUIET_HOURS, RECHECK, ACCEPTANCE = "routine", "quiet", "recheck", "acceptance"
INSPECTION_KINDS = label_table("renovation.inspection_kinds", {
    ROUTINE: "Daily round", QUIET_HOURS: "Quiet-hours check", RECHECK: "Re-inspection",
    ACCEPTANCE: "Acceptance inspection"})


class Inspection(BaseModel):
    """巡查记录: who looked, when, what they found; photos are attachments of the inspection."""
    renovation = pw.ForeignKeyField(Renovation, backref="inspections", on_delete="RESTRICT")
    at = pw.DateTimeField(index=True)
    on = pw.DateField(index=True)                  # the day (the daily list asks it)
    inspector = pw.CharField(max_length=80)
    kind = pw.CharField(max_length=10, default=ROUTINE)
    quiet_ok = pw.BooleanField(null=True)          # quiet hours kept (None: not checked on this visit)
    passed = pw.BooleanField(default=True)         # nothing wrong found
    findings = pw.CharField(max_length=400, default="")
    recorded_at = pw.DateTimeField(default=now)

    class Meta:
        indexes = ((("renovation", "on"), False),)


class Escalation(BaseModel):
    """上报: unresolved notices reported to the owners' committee / residents' committee / housing
    authority (seed 000 §4.3.6); the report's PDF is kept as its attachment (the file)."""
    made_at = pw.DateTimeField(default=now, index=True)
    made_by = pw.CharField(max_length=80)
    to = pw.CharField(max_length=60)               # 业委会 / 居委会 / 房地产主管部门
    date_from = pw.DateField()
    date_to = pw.DateField()
    notices = pw.IntegerField()
    note = pw.CharField(max_length=200, default="")


class RectificationNotice(BaseModel):
    """整改通知书, numbered per year without gaps (serial kind "rectification")."""
    year = pw.IntegerField()
    number = pw.IntegerField()
    renovation = pw.ForeignKeyField(Renovation, backref="notices", on_delete="RESTRICT")
    inspection = pw.ForeignKeyField(Inspection, backref="notices", on_delete="RESTRICT")
    addressed_to = pw.CharField(max_length=10, default=TO_BOTH)
    finding = pw.CharField(max_length=400)                   # 经检查发现
    rule = pw.CharField(max_length=200)                      # 违反《装修管理规定》第 X 条 …
    required = pw.CharField(max_length=400)                  # 整改要求
    deadline = pw.DateField(index=True)                      # 限期
    issued_at = pw.DateTimeField(default=now)
    issued_by = pw.CharField(max_length=80)
    signed_by = pw.CharField(max_length=50, default="")      # 签收人, when the signed part came back
    state = pw.CharField(max_length=10, default=NOTICE_OPEN, index=True)
    rectified_at = pw.DateTimeField(null=True)
    recheck = pw.ForeignKeyField(Inspection, null=True, on_delete="RESTRICT")   # the re-inspection that saw it done
    escalation = pw.ForeignKeyField(Escalation, null=True, backref="notice_rows", on_delete="RESTRICT")

    class Meta:
        indexes = ((("year", "number"), True),)

    @property
    def serial(self) -> str:
        return f"{NOTICE_PREFIX}{self.year}-{self.number:06d}"

    def shown_state(self, today: dt.date | None = None) -> str:
        if self.state == NOTICE_OPEN and self.deadline < (today or dt.date.today()):
            return NOTICE_OVERDUE
        return self.state


class Deduction(BaseModel):
    """扣款: what the acceptance keeps from the renovation deposit, and why (damage, garbage left…)."""
    renovation = pw.ForeignKeyField(Renovation, backref="deductions", on_delete="RESTRICT")
    amount_fen = pw.BigIntegerField()
    reason = pw.CharField(max_length=200)
    added_at = pw.DateTimeField(default=now)
    added_by = pw.CharField(max_length=80)

    class Meta:
        table_name = "renovation_deduction"


MODELS = (Contractor, Renovation, Worker, Inspection, Escalation, RectificationNotice, Deduction)


def show_serial(year: int, number: int) -> str:
    return f"{SERIAL_PREFIX}{year}-{number:06d}"


def show_notice(year: int, number: int) -> str:
    return f"{NOTICE_PREFIX}{year}-{number:06d}"


# --- the one state machine ------------------------------------------------------------------------

def _no_open_notice(renovation: Renovation) -> str | None:
    from models.i18n import _
    open_notices = (RectificationNotice.select().where((RectificationNotice.renovation == renovation.id)
                                                       & RectificationNotice.state.in_(UNRESOLVED)).count())
    if open_notices:
        return _("{n} rectification notice(s) are still open: re-inspect first.").format(n=open_notices)
    return None


def _no_overdue_notice(renovation: Renovation) -> str | None:
    from models.i18n import _
    overdue = (RectificationNotice.select().where(
        (RectificationNotice.renovation == renovation.id) & RectificationNotice.state.in_(UNRESOLVED)
        & (RectificationNotice.deadline < dt.date.today())).count())
    if overdue:
        return _("{n} rectification notice(s) are overdue: the works stay suspended until they are rectified.").format(
            n=overdue)
    return None


def _passes_settled(renovation: Renovation) -> str | None:
    from models.i18n import _
    out = (Worker.select().where((Worker.renovation == renovation.id) & Worker.refunded_at.is_null()
                                 & ~Worker.lost).count())
    if out:
        return _("{n} pass(es) are not yet returned and refunded, or written off as lost.").format(n=out)
    return None


REVIEW = "renovation.review"
RENOVATION = StateMachine("renovation", STATES, [
    Move("approve", {SUBMITTED}, APPROVED, REVIEW, "Approve"),
    Move("reject", {SUBMITTED, MORE_PAPERS}, REJECTED, REVIEW, "Reject"),
    Move("ask_papers", {SUBMITTED}, MORE_PAPERS, REVIEW, "Ask for more papers"),
    Move("resubmit", {MORE_PAPERS}, SUBMITTED, "renovation.apply", "Take the papers brought"),
    Move("start", {APPROVED}, IN_WORKS, "renovation.apply", "Start the works"),
    Move("suspend", {IN_WORKS}, SUSPENDED, "renovation.inspect", "Suspend the works"),
    Move("resume", {SUSPENDED}, IN_WORKS, "renovation.inspect", "Resume the works", guard=_no_overdue_notice),
    Move("request_completion", {IN_WORKS}, COMPLETION, "renovation.apply", "Ask for the acceptance inspection",
         guard=_no_open_notice),
    Move("accept", {COMPLETION}, ACCEPTED, REVIEW, "Accept the works", guard=_no_open_notice),
    Move("fail_acceptance", {COMPLETION}, IN_WORKS, REVIEW, "Fail the acceptance"),
    Move("settle", {ACCEPTED, REJECTED}, SETTLED, "renovation.settle", "Settle the deposit"),
    Move("close", {SETTLED}, CLOSED, "renovation.settle", "Close the file", guard=_passes_settled),
], correct_permission=None)
