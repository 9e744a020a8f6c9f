"""The release part's tables: slips (放行条) and their goods, the calls to owners, the director's approvals.

A slip is a permanent record (DOMAIN.md "Data that must never be lost"): once issued it is never
edited or deleted. It is used at the gate or cancelled with a reason; a correction is a new slip
that cancels the old one. What the room owed at the moment of issue is kept on the slip, so a later
payment does not rewrite the arrears line of a slip already printed.
"""
from __future__ import annotations

import datetime as dt

import peewee as pw

from models.db import BaseModel, now
from models.i18n import label_table
from models.records.estate import Room
from models.records.people import IdCopy, Person, RoomParty
from models.states import Move, StateMachine

# A slip's states. "Expired" is not a state: an issued slip whose valid-until day has passed.
ISSUED, USED, CANCELLED = "issued", "used", "cancelled"
EXPIRED = "expired"          # shown, filtered and refused at the gate; never written
STATES = label_table("release.states", {ISSUED: "Not used", USED: "Used", CANCELLED: "Cancelled"})
SHOWN_STATES = label_table("release.shown_states", {ISSUED: "Not used", USED: "Used", CANCELLED: "Cancelled",
                                                     EXPIRED: "Expired"})

# Who the goods leave with (seed 004 场景五: 业主放行 / 租户放行).
BY_OWNER, BY_TENANT = "owner", "tenant"
PARTIES = label_table("release.parties", {BY_OWNER: "Owner", BY_TENANT: "Tenant"})

# A director's approval of a release with more than three months of arrears.
WAITING, APPROVED, DECLINED = "waiting", "approved", "declined"
APPROVAL_STATES = label_table("release.approval_states", {WAITING: "Waiting for the director",
                                                          APPROVED: "Approved", DECLINED: "Declined"})

# Where a slip was marked used: at the gate (scanned or typed by the guard), or at the desk from
# the gate part the guard sent back.
AT_GATE, AT_DESK = "gate", "desk"


class ReleaseKey(BaseModel):
    """The office's secret for the slips' check codes: made once, when the part's tables are made."""
    secret = pw.CharField(max_length=64)
    created_at = pw.DateTimeField(default=now)


class ReleaseApproval(BaseModel):
    """审批: the office director's word on a release when the room owes more than three months."""
    room = pw.ForeignKeyField(Room, backref="release_approvals", on_delete="RESTRICT")
    person = pw.ForeignKeyField(Person, on_delete="RESTRICT")
    arrears_months = pw.IntegerField()
    arrears_fen = pw.BigIntegerField()
    goods = pw.CharField(max_length=200, default="")        # what the clerk said is leaving
    request_note = pw.CharField(max_length=200, default="")
    requested_by = pw.CharField(max_length=80)
    requested_at = pw.DateTimeField(default=now, index=True)
    state = pw.CharField(max_length=10, default=WAITING, index=True)
    decided_by = pw.CharField(max_length=80, null=True)
    decided_by_user_id = pw.IntegerField(null=True)
    decided_at = pw.DateTimeField(null=True)
    decision_note = pw.CharField(max_length=200, default="")


class OwnerCall(BaseModel):
    """The call to the owner when a tenant moves goods out (seed 004 场景五, 租户放行), and its answers."""
    room = pw.ForeignKeyField(Room, backref="owner_calls", on_delete="RESTRICT")
    tenant = pw.ForeignKeyField(Person, on_delete="RESTRICT")
    owner = pw.ForeignKeyField(Person, on_delete="RESTRICT")
    phone = pw.CharField(max_length=20)                     # the number called, from the owner's record
    called_at = pw.DateTimeField()
    answered_by = pw.CharField(max_length=50)               # 业主本人 / who else answered
    owner_knows = pw.BooleanField()                          # 业主是否知情
    rent_owed = pw.BooleanField()                            # 是否拖欠房租
    owner_goods = pw.BooleanField()                          # 所列物品中是否有业主的财产
    consent = pw.BooleanField()                              # 业主是否同意放行
    written_authorisation = pw.BooleanField(default=False)   # 租户是否持业主书面委托 (never replaces the call)
    note = pw.CharField(max_length=200, default="")
    recorded_by = pw.CharField(max_length=80)
    recorded_at = pw.DateTimeField(default=now, index=True)


class ReleaseSlip(BaseModel):
    """物品放行条: numbered per year without gaps (serial kind "release")."""
    year = pw.IntegerField()
    number = pw.IntegerField()
    room = pw.ForeignKeyField(Room, backref="release_slips", on_delete="RESTRICT")
    person = pw.ForeignKeyField(Person, on_delete="RESTRICT")
    party = pw.ForeignKeyField(RoomParty, on_delete="RESTRICT")   # the tie that entitled the person
    person_role = pw.CharField(max_length=10)                       # owner / tenant (PARTIES)
    person_name = pw.CharField(max_length=50)                       # as printed, kept as it was
    id_type = pw.CharField(max_length=16)
    id_number = pw.CharField(max_length=30)
    id_copy = pw.ForeignKeyField(IdCopy, on_delete="RESTRICT")      # the copy registered for this release
    whole_household = pw.BooleanField(default=False)                # 整户搬迁
    plate = pw.CharField(max_length=12, default="")
    issued_on = pw.DateField(index=True)
    valid_until = pw.DateField(index=True)
    issued_at = pw.DateTimeField(default=now)
    clerk = pw.CharField(max_length=80)
    clerk_user_id = pw.IntegerField(null=True)
    urgent = pw.BooleanField(default=False)                          # 急: the gate sees it at once
    note = pw.CharField(max_length=200, default="")
    # What the room owed in management fees at the moment of issue (kept, never recomputed).
    arrears_months = pw.IntegerField(default=0)
    arrears_fen = pw.BigIntegerField(default=0)
    approval = pw.ForeignKeyField(ReleaseApproval, null=True, on_delete="RESTRICT")
    owner_call = pw.ForeignKeyField(OwnerCall, null=True, on_delete="RESTRICT")
    replaces = pw.ForeignKeyField("self", null=True, backref="replaced_by", on_delete="RESTRICT")
    state = pw.CharField(max_length=10, default=ISSUED, index=True)
    used_at = pw.DateTimeField(null=True)
    used_by = pw.CharField(max_length=80, null=True)
    used_where = pw.CharField(max_length=6, null=True)              # gate / desk
    cancelled_at = pw.DateTimeField(null=True)
    cancelled_by = pw.CharField(max_length=80, null=True)
    cancel_reason = pw.CharField(max_length=200, null=True)

    class Meta:
        indexes = ((("year", "number"), True), (("room", "issued_on"), False))

    @property
    def serial(self) -> str:
        return show_serial(self.year, self.number)

    def shown_state(self, today: dt.date | None = None) -> str:
        """Its state as the gate and the lists show it: an unused slip past its day is expired."""
        if self.state == ISSUED and self.valid_until < (today or dt.date.today()):
            return EXPIRED
        return self.state


class ReleaseItem(BaseModel):
    """A line of goods on a slip: 物品名称, 数量, 备注."""
    slip = pw.ForeignKeyField(ReleaseSlip, backref="items", on_delete="RESTRICT")
    line = pw.IntegerField()
    name = pw.CharField(max_length=40)
    quantity = pw.IntegerField()
    note = pw.CharField(max_length=60, default="")


MODELS = (ReleaseKey, ReleaseApproval, OwnerCall, ReleaseSlip, ReleaseItem)

SERIAL_PREFIX = "FX"          # 放行: FX2026-000123, apart from receipts' 2026-000123


def show_serial(year: int, number: int) -> str:
    return f"{SERIAL_PREFIX}{year}-{number:06d}"


def _not_expired(slip: ReleaseSlip) -> str | None:
    from models.i18n import _
    if slip.valid_until < dt.date.today():
        return _("Slip {number} expired on {date}: the goods need a new slip from the front desk.").format(
            number=slip.serial, date=slip.valid_until)
    return None


# The slip's moves: used at the gate (or at the desk from the returned gate part), or cancelled.
SLIP = StateMachine("release_slip", dict(STATES), [
    Move("use", {ISSUED}, USED, "release.use", "Let out", guard=_not_expired),
    Move("cancel", {ISSUED}, CANCELLED, "release.cancel", "Cancel the slip"),
])
