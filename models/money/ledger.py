"""The cashier's book: what the office charges, takes, holds and gives back.

Tables only, and how an operation locks them; the operations live beside them
(rates.py, charging.py, cashier.py, deposits.py, closing.py). Receipts, refunds,
deposits and their movements are permanent: voided or moved, never updated in
their substance nor deleted.
"""
from __future__ import annotations

import peewee as pw

from models.db import BaseModel, database, lock_row, lock_rows, must_lock, now  # noqa: F401  (lock_row: re-exported)
from models.i18n import label_table
from models.records.estate import Room

# Kinds of charge item
AREA_MONTHLY = "area_monthly"    # per m² of gross area per month (management fee)
UNIT_MONTHLY = "unit_monthly"    # a fixed sum per room per month (parking space fee)
FIXED = "fixed"                  # a one-off fee taken at the desk (pass fee, garbage removal)
DEPOSIT = "deposit"              # refundable: held as a liability until refunded or forfeited

# Payment methods, as the receipt prints them
METHODS = label_table("money.methods", {"cash": "Cash", "card": "Bank card", "transfer": "Bank transfer",
                                        "wechat": "WeChat Pay", "alipay": "Alipay"})
# On paper the method is always written as a Chinese office writes it, whatever the screen language.
PRINTED_METHODS = {"cash": "现金", "card": "刷卡", "transfer": "转账", "wechat": "微信", "alipay": "支付宝"}


class ChargeItem(BaseModel):
    """收费项目: 物业管理费, 装修保证金, 出入证押金, 办证工本费, 垃圾清运费…"""
    code = pw.CharField(max_length=30, unique=True)
    name = pw.CharField(max_length=30)
    kind = pw.CharField(max_length=16)
    unit = pw.CharField(max_length=10, default="")       # 元/㎡·月, 元/月, 元/个
    active = pw.BooleanField(default=True)
    sort_order = pw.IntegerField(default=0)


class Rate(BaseModel):
    """A rate from a date on (per room use for monthly items); a change is a new row, never an edit."""
    item = pw.ForeignKeyField(ChargeItem, backref="rates", on_delete="RESTRICT")
    use = pw.CharField(max_length=16, default="")          # room use, "" for every use
    amount = pw.BigIntegerField()                          # 1/10,000 yuan (per m² for area items)
    effective_from = pw.DateField()
    created_at = pw.DateTimeField(default=now)
    created_by = pw.CharField(max_length=80)

    class Meta:
        indexes = ((("item", "use", "effective_from"), True),)


class ChargeRun(BaseModel):
    """One month of monthly charging: made once, so running it again is refused."""
    month = pw.DateField(unique=True)                      # the first of the month
    rooms = pw.IntegerField()
    lines = pw.IntegerField()
    total_fen = pw.BigIntegerField()
    created_at = pw.DateTimeField(default=now)
    created_by = pw.CharField(max_length=80)


class Charge(BaseModel):
    """An amount a room owes: a month's fee, a manual charge, an opening balance, a fee taken at the desk."""
    room = pw.ForeignKeyField(Room, backref="charges", on_delete="RESTRICT")
    item = pw.ForeignKeyField(ChargeItem, on_delete="RESTRICT")
    period = pw.DateField(null=True)                       # first of the month it is for; None: one-off
    amount_fen = pw.BigIntegerField()
    # What allocations have settled so far; kept in the same transaction as every allocation.
    settled_fen = pw.BigIntegerField(default=0)
    due_date = pw.DateField()
    source = pw.CharField(max_length=10)                   # monthly, manual, opening, desk
    run = pw.ForeignKeyField(ChargeRun, null=True, on_delete="RESTRICT")
    note = pw.CharField(max_length=100, default="")
    created_at = pw.DateTimeField(default=now)
    created_by = pw.CharField(max_length=80)
    cancelled_at = pw.DateTimeField(null=True)             # a fee taken on a voided receipt, a charge in error
    cancel_reason = pw.CharField(max_length=200, null=True)

    class Meta:
        indexes = ((("room", "item", "period"), False), (("run",), False))

    @property
    def owed_fen(self) -> int:
        return 0 if self.cancelled_at else self.amount_fen - self.settled_fen


class DailyClose(BaseModel):
    """日结: a clerk's takings of a day, listed, printed and handed to finance."""
    year = pw.IntegerField()
    number = pw.IntegerField()
    clerk = pw.CharField(max_length=80)
    clerk_user_id = pw.IntegerField(null=True)
    day = pw.DateField()
    closed_at = pw.DateTimeField(default=now)
    receipts = pw.IntegerField()
    total_fen = pw.BigIntegerField()
    by_method = pw.TextField()                             # JSON {method: fen}
    confirmed_by = pw.CharField(max_length=80, null=True)  # the finance user who received the money
    confirmed_at = pw.DateTimeField(null=True)

    class Meta:
        indexes = ((("year", "number"), True),)

    @property
    def serial(self) -> str:
        return f"RJ{self.year}-{self.number:06d}"


class Receipt(BaseModel):
    """收据: every sum taken, numbered per year without gaps. Voided, never edited or deleted."""
    year = pw.IntegerField()
    number = pw.IntegerField()
    room = pw.ForeignKeyField(Room, null=True, backref="receipts", on_delete="RESTRICT")
    payer = pw.CharField(max_length=50)
    method = pw.CharField(max_length=10)
    total_fen = pw.BigIntegerField()
    note = pw.CharField(max_length=200, default="")
    clerk = pw.CharField(max_length=80)
    clerk_user_id = pw.IntegerField(null=True)
    taken_at = pw.DateTimeField(default=now, index=True)
    with_finance = pw.BooleanField(default=False)          # taken by finance itself: nothing to hand over
    close = pw.ForeignKeyField(DailyClose, null=True, backref="receipt_set", on_delete="RESTRICT")
    voided_at = pw.DateTimeField(null=True)
    voided_by = pw.CharField(max_length=80, null=True)
    void_reason = pw.CharField(max_length=200, null=True)

    class Meta:
        indexes = ((("year", "number"), True),)

    @property
    def serial(self) -> str:
        return f"{self.year}-{self.number:06d}"


class ReceiptLine(BaseModel):
    """A line of a receipt: an item, its label as printed, and the sum."""
    receipt = pw.ForeignKeyField(Receipt, backref="lines", on_delete="RESTRICT")
    item = pw.ForeignKeyField(ChargeItem, on_delete="RESTRICT")
    label = pw.CharField(max_length=60)                    # 物业管理费 2026年10月-12月
    quantity = pw.IntegerField(default=1)
    amount_fen = pw.BigIntegerField()
    kind = pw.CharField(max_length=12)                     # charges, prepayment, deposit, fee


class Allocation(BaseModel):
    """Money applied to a charge: from a receipt line, or from a room's prepaid credit."""
    charge = pw.ForeignKeyField(Charge, backref="allocations", on_delete="RESTRICT")
    line = pw.ForeignKeyField(ReceiptLine, null=True, backref="allocations", on_delete="RESTRICT")
    amount_fen = pw.BigIntegerField()                      # negative: given back by a refund
    at = pw.DateTimeField(default=now)
    voided_at = pw.DateTimeField(null=True)                # the receipt was voided


class CreditEntry(BaseModel):
    """A room's prepaid credit (预交款): + when prepaid, − when applied to a charge or refunded."""
    room = pw.ForeignKeyField(Room, backref="credit_entries", on_delete="RESTRICT")
    amount_fen = pw.BigIntegerField()
    line = pw.ForeignKeyField(ReceiptLine, null=True, on_delete="RESTRICT")
    allocation = pw.ForeignKeyField(Allocation, null=True, on_delete="RESTRICT")
    reason = pw.CharField(max_length=60)
    at = pw.DateTimeField(default=now)


class Refund(BaseModel):
    """退款: money given back, its own numbered record pointing at the receipt it refunds.

    It is paid out of the drawer of whoever pays it (``by``), so it is counted, less, in that
    person's daily close (日结) of the day it was paid.
    """
    year = pw.IntegerField()
    number = pw.IntegerField()
    receipt = pw.ForeignKeyField(Receipt, null=True, backref="refunds", on_delete="RESTRICT")
    room = pw.ForeignKeyField(Room, null=True, on_delete="RESTRICT")
    payee = pw.CharField(max_length=50)
    amount_fen = pw.BigIntegerField()
    method = pw.CharField(max_length=10)
    reason = pw.CharField(max_length=200)
    by = pw.CharField(max_length=80)
    at = pw.DateTimeField(default=now, index=True)
    # Migration 004. None on refunds paid before daily closes counted them (by_user_id: also from the command line).
    by_user_id = pw.IntegerField(null=True)
    close = pw.ForeignKeyField(DailyClose, null=True, backref="refund_set", on_delete="RESTRICT")

    class Meta:
        indexes = ((("year", "number"), True),)

    @property
    def serial(self) -> str:
        return f"TK{self.year}-{self.number:06d}"


class Deposit(BaseModel):
    """A deposit held for someone (装修保证金, 出入证押金, 钥匙押金…): a liability until it moves."""
    room = pw.ForeignKeyField(Room, null=True, backref="deposits", on_delete="RESTRICT")
    item = pw.ForeignKeyField(ChargeItem, on_delete="RESTRICT")
    payer = pw.CharField(max_length=50)
    amount_fen = pw.BigIntegerField()
    held_fen = pw.BigIntegerField()                        # what is still held; kept with every movement
    quantity = pw.IntegerField(default=1)                  # passes: one deposit line per pass count
    taken_on = pw.DateField(index=True)
    line = pw.ForeignKeyField(ReceiptLine, null=True, on_delete="RESTRICT")
    source = pw.CharField(max_length=10)                   # receipt, opening
    note = pw.CharField(max_length=100, default="")


class DepositMovement(BaseModel):
    """What left a deposit: refunded, deducted (with the reason), or forfeited."""
    deposit = pw.ForeignKeyField(Deposit, backref="movements", on_delete="RESTRICT")
    kind = pw.CharField(max_length=10)                     # refund, deduct, forfeit, void (its receipt voided)
    amount_fen = pw.BigIntegerField()
    reason = pw.CharField(max_length=200, default="")
    refund = pw.ForeignKeyField(Refund, null=True, on_delete="RESTRICT")
    on = pw.DateField()
    by = pw.CharField(max_length=80)
    at = pw.DateTimeField(default=now)


MODELS = [ChargeItem, Rate, ChargeRun, Charge, DailyClose, Receipt, ReceiptLine, Allocation, CreditEntry, Refund,
          Deposit, DepositMovement]


# --- locking what an operation reads ------------------------------------------------------------
#
# On PostgreSQL a transaction does not lock what it reads: two desks paying the same room read
# the same open charge and both settled it. Every read-then-write operation therefore locks,
# inside its transaction and before it reads any sum, the rows the sums hang on, always in one
# order so that two operations never wait for each other crosswise:
#
#     month (advisory) → rooms (ascending ids) → receipt → deposits → daily close → serial counters
#
# On SQLite ``write_tx`` takes the database's write lock at BEGIN IMMEDIATE, which already
# serialises every writer: the helpers do nothing there.

# Advisory lock namespaces: things that have no row to lock yet (a month not yet charged).
_ADVISORY = {"charge_month": 1402}


def lock_room(room_id: int | None) -> None:
    """Lock a room's account (its charges, credit, receipts and deposits) for this transaction."""
    lock_rows(Room, [room_id])


def lock_rooms(room_ids) -> None:
    lock_rows(Room, room_ids)


def lock_key(kind: str, key: int) -> None:
    """A transaction's advisory lock on something that has no row yet (e.g. a month not yet charged)."""
    if must_lock():
        database.obj.execute_sql("SELECT pg_advisory_xact_lock(%s, %s)", (_ADVISORY[kind], int(key)))
