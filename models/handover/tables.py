"""The handover part's tables and state machines (DOMAIN.md "Handover and keys"; seed 000 §4.5.1, §4.5.3, §5).

A handover (交房) is a permanent record: the documents checked, the meters read, the keys given and the
defects found are kept as they were signed for. The office's key cabinet: every key it holds, each on
a hook with its tag; every movement a loan row, never an edit; a lost key stays on record with what
was done about it. Vacant rooms (空置房) are inspected on a schedule, each visit recorded.
"""
from __future__ import annotations

import datetime as dt

import peewee as pw

from models.db import BaseModel, now
from models.i18n import label_table
from models.records.estate import Room
from models.records.people import Person
from models.states import Move, StateMachine

HANDOVER_PREFIX, LOAN_PREFIX = "JF", "JY"      # 交房 JF2026-000012, 借钥 JY2026-000034

# --- appointments and handovers -----------------------------------------------------------------------
BOOKED, DONE, CANCELLED, MISSED = "booked", "done", "cancelled", "missed"
APPOINTMENT_STATES = label_table("handover.appointment_states", {
    BOOKED: "Booked", DONE: "Handed over", CANCELLED: "Cancelled", MISSED: "Did not come"})

METERS = label_table("handover.meters", {"water": "Water", "electricity": "Electricity", "gas": "Gas"})


class Appointment(BaseModel):
    """交房预约: who comes for which room, when."""
    room = pw.ForeignKeyField(Room, backref="handover_appointments", on_delete="RESTRICT")
    person = pw.ForeignKeyField(Person, null=True, on_delete="RESTRICT")   # the owner, when on file already
    name = pw.CharField(max_length=50)                                     # as the owner gave it
    phone = pw.CharField(max_length=20, default="")
    at = pw.DateTimeField(index=True)
    made_at = pw.DateTimeField(default=now)
    made_by = pw.CharField(max_length=80)
    state = pw.CharField(max_length=10, default=BOOKED, index=True)
    note = pw.CharField(max_length=200, default="")

    class Meta:
        table_name = "handover_appointment"


class Handover(BaseModel):
    """交房确认单, numbered per year without gaps (serial kind "handover")."""
    year = pw.IntegerField()
    number = pw.IntegerField()
    room = pw.ForeignKeyField(Room, backref="handovers", on_delete="RESTRICT")
    owner = pw.ForeignKeyField(Person, on_delete="RESTRICT")
    appointment = pw.ForeignKeyField(Appointment, null=True, on_delete="RESTRICT")
    handed_on = pw.DateField(index=True)
    documents = pw.CharField(max_length=300, default="")    # the checklist's items checked, "；" separated
    clerk = pw.CharField(max_length=80)
    clerk_user_id = pw.IntegerField(null=True)
    note = pw.CharField(max_length=200, default="")
    created_at = pw.DateTimeField(default=now)

    class Meta:
        indexes = ((("year", "number"), True),)

    @property
    def serial(self) -> str:
        return f"{HANDOVER_PREFIX}{self.year}-{self.number:06d}"


class HandoverKey(BaseModel):
    """钥匙 handed over: a kind (入户门, 信箱, 电表箱…) and how many."""
    handover = pw.ForeignKeyField(Handover, backref="keys", on_delete="RESTRICT")
    kind = pw.CharField(max_length=20)
    count = pw.IntegerField()


class MeterReading(BaseModel):
    """A meter read (水/电/燃气: 表号, 读数), at a handover or another time; never lower than the last."""
    room = pw.ForeignKeyField(Room, backref="meter_readings", on_delete="RESTRICT")
    meter = pw.CharField(max_length=12)                  # water / electricity / gas
    meter_no = pw.CharField(max_length=30)
    reading = pw.DecimalField(max_digits=12, decimal_places=2, auto_round=True)
    read_on = pw.DateField()
    handover = pw.ForeignKeyField(Handover, null=True, backref="readings", on_delete="RESTRICT")
    read_by = pw.CharField(max_length=80)
    recorded_at = pw.DateTimeField(default=now)

    class Meta:
        indexes = ((("room", "meter", "meter_no", "read_on"), False),)


# --- defects found at handover ------------------------------------------------------------------------
OPEN, REPAIRED, CONFIRMED = "open", "repaired", "confirmed"
DEFECT_STATES = label_table("handover.defect_states", {
    OPEN: "To repair", REPAIRED: "Repaired, owner to confirm", CONFIRMED: "Confirmed by the owner"})
DEPARTMENTS = label_table("handover.departments", {
    "engineering": "Engineering", "developer": "Developer", "contractor": "Builder", "cleaning": "Cleaning",
    "security": "Security"})


class Defect(BaseModel):
    """验房问题: where, what, who repairs it, by when; followed until the owner confirms the repair."""
    room = pw.ForeignKeyField(Room, backref="defects", on_delete="RESTRICT")
    handover = pw.ForeignKeyField(Handover, null=True, backref="defects", on_delete="RESTRICT")
    location = pw.CharField(max_length=40)                 # 客厅, 主卧卫生间…
    description = pw.CharField(max_length=300)
    department = pw.CharField(max_length=16)
    due_on = pw.DateField(index=True)
    state = pw.CharField(max_length=10, default=OPEN, index=True)
    found_at = pw.DateTimeField(default=now)
    found_by = pw.CharField(max_length=80)
    repaired_at = pw.DateTimeField(null=True)
    repaired_by = pw.CharField(max_length=80, null=True)
    repair_note = pw.CharField(max_length=200, default="")
    confirmed_at = pw.DateTimeField(null=True)
    confirmed_by = pw.CharField(max_length=50, null=True)  # the owner who confirmed
    confirm_note = pw.CharField(max_length=200, default="")

    class Meta:
        table_name = "handover_defect"


DEFECT = StateMachine("handover_defect", DEFECT_STATES, [
    Move("repair", {OPEN}, REPAIRED, "handover.defects", "Record the repair"),
    Move("confirm", {REPAIRED}, CONFIRMED, "handover.defects", "Owner confirms the repair"),
    Move("reopen", {REPAIRED}, OPEN, "handover.defects", "Owner not satisfied: repair again"),
])

# --- the key cabinet ----------------------------------------------------------------------------------
IN_CABINET, OUT, LOST, RETIRED = "in", "out", "lost", "retired"
KEY_STATES = label_table("handover.key_states", {
    IN_CABINET: "In the cabinet", OUT: "Lent out", LOST: "Lost", RETIRED: "No longer held"})
VACANT_ROOM, ENTRUSTED, PUBLIC, PLANT = "vacant_room", "entrusted", "public", "plant"
KEY_KINDS = label_table("handover.key_kinds", {
    VACANT_ROOM: "Vacant room", ENTRUSTED: "Entrusted by the owner", PUBLIC: "Public area", PLANT: "Plant room"})
BORROWERS = label_table("handover.borrowers", {"staff": "Staff", "contractor": "Contractor", "owner": "Owner"})
LOST_ACTIONS = label_table("handover.lost_actions", {
    "lock_changed": "Lock changed", "copy_made": "Copy made", "none": "Nothing yet"})


class Key(BaseModel):
    """A key the office holds, on a hook: its tag carries a barcode of ``tag`` (K000123)."""
    hook = pw.CharField(max_length=12, unique=True)        # 钥匙编号 / 挂钩号, e.g. A-012
    tag = pw.CharField(max_length=12, unique=True)         # the barcode on the tag: K000123
    kind = pw.CharField(max_length=12)
    room = pw.ForeignKeyField(Room, null=True, backref="keys", on_delete="RESTRICT")
    area = pw.CharField(max_length=60, default="")         # 3栋配电房, 会所, 消防泵房 (a key of no room)
    label = pw.CharField(max_length=60)                    # what the tag says: 入户门, 配电房门…
    copies = pw.IntegerField(default=1)
    entrusted_by = pw.ForeignKeyField(Person, null=True, on_delete="RESTRICT")
    entrusted_scope = pw.CharField(max_length=100, default="")   # 仅限维修水管时使用…
    entrusted_until = pw.DateField(null=True, index=True)
    state = pw.CharField(max_length=10, default=IN_CABINET, index=True)
    added_at = pw.DateTimeField(default=now)
    added_by = pw.CharField(max_length=80)
    note = pw.CharField(max_length=200, default="")

    class Meta:
        table_name = "cabinet_key"


class KeyLoan(BaseModel):
    """钥匙借用登记, numbered per year without gaps (serial kind "keyloan")."""
    year = pw.IntegerField()
    number = pw.IntegerField()
    key = pw.ForeignKeyField(Key, backref="loans", on_delete="RESTRICT")
    borrower = pw.CharField(max_length=50)
    borrower_kind = pw.CharField(max_length=12, default="staff")
    unit = pw.CharField(max_length=60, default="")          # 单位: 工程部, 某某维修公司
    phone = pw.CharField(max_length=20, default="")
    purpose = pw.CharField(max_length=100)
    out_at = pw.DateTimeField(index=True)
    due_at = pw.DateTimeField(index=True)
    lent_by = pw.CharField(max_length=80)
    returned_at = pw.DateTimeField(null=True, index=True)
    returned_by = pw.CharField(max_length=50, null=True)    # who brought it back
    received_by = pw.CharField(max_length=80, null=True)    # the clerk who took it back
    lost = pw.BooleanField(default=False)

    class Meta:
        indexes = ((("year", "number"), True),)

    @property
    def serial(self) -> str:
        return f"{LOAN_PREFIX}{self.year}-{self.number:06d}"

    def overdue(self, at: dt.datetime | None = None) -> bool:
        return self.returned_at is None and not self.lost and self.due_at < (at or now())


class KeyLoss(BaseModel):
    """A key lost (钥匙遗失): when, who said so, and what was done (lock changed, copy made)."""
    key = pw.ForeignKeyField(Key, backref="losses", on_delete="RESTRICT")
    loan = pw.ForeignKeyField(KeyLoan, null=True, on_delete="RESTRICT")
    reported_at = pw.DateTimeField(default=now)
    reported_by = pw.CharField(max_length=80)
    action = pw.CharField(max_length=16)
    note = pw.CharField(max_length=200, default="")


KEY = StateMachine("cabinet_key", KEY_STATES, [
    Move("lend", {IN_CABINET}, OUT, "keys.lend", "Lend the key"),
    Move("take_back", {OUT}, IN_CABINET, "keys.lend", "Take the key back"),
    Move("lose", {IN_CABINET, OUT}, LOST, "keys.lend", "Record the key lost"),
    Move("replace", {LOST}, IN_CABINET, "keys.manage", "A new key on the hook"),
    Move("retire", {IN_CABINET, LOST}, RETIRED, "keys.manage", "Give the key back to its owner"),
])

# --- vacant rooms ------------------------------------------------------------------------------------


class VacantInspection(BaseModel):
    """空置房巡查: a vacant room looked at (doors, windows, water, damp…), with findings and photos."""
    room = pw.ForeignKeyField(Room, backref="vacant_inspections", on_delete="RESTRICT")
    at = pw.DateTimeField(index=True)
    inspector = pw.CharField(max_length=80)
    passed = pw.BooleanField(default=True)
    findings = pw.CharField(max_length=300, default="")
    recorded_at = pw.DateTimeField(default=now)

    class Meta:
        indexes = ((("room", "at"), False),)


MODELS = (Appointment, Handover, HandoverKey, MeterReading, Defect, Key, KeyLoan, KeyLoss, VacantInspection)
