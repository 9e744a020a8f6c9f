"""The demo's money book (演示收费数据): what two years of an office's fees, receipts, deposits,
refunds and closes are, kept in memory while ``demo_money`` plays each room's account and
``demo_writing`` numbers and writes them."""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from models import users
from models.db import now
from models.demo_context import DemoContext
from models.amounts import area_fee, unit_fee
from models.money.cashier import PREPAYMENT_CODE, period_label
from models.money.charging import month_end
from models.money.ledger import (AREA_MONTHLY, METHODS, UNIT_MONTHLY, ChargeItem)
from models.money.rates import rates_on


MONTHS = 24
# How money reaches the desk (percent): phone payments most, then the bank, then cash.
METHOD_WEIGHTS = (("wechat", 40), ("alipay", 28), ("transfer", 12), ("card", 10), ("cash", 10))
BIG_METHOD_WEIGHTS = (("transfer", 35), ("wechat", 25), ("alipay", 20), ("card", 15), ("cash", 5))
# Households by how they pay (share of rooms; parking spaces have no prepayment).
HABITS = (("monthly", 32), ("quarterly", 26), ("yearly", 12), ("late", 27), ("bad", 3))
PARKING_HABITS = (("monthly", 45), ("quarter_end", 42), ("late", 10), ("bad", 3))
# Data, as the office writes it (not translated).
VOID_REASONS = ("收款方式选错，已重开收据", "交款人姓名写错，已重开收据", "打印时卡纸，作废后重开",
                 "重复开具，作废")
DROPPED_REASONS = {"wechat": "微信支付未成功，作废", "alipay": "支付宝支付未成功，作废", "card": "刷卡未成功，作废",
                    "transfer": "转账未到账，作废", "cash": "业主临时决定改日再缴，作废"}
DEDUCTIONS = (("电梯轿厢壁板划伤，扣维修费", 200, 800), ("楼道墙面污损，扣修复费", 100, 500),
               ("装修垃圾未按规定清运，扣清运费", 200, 300), ("占用消防通道堆放材料，按装修协议扣款", 200, 500),
               ("损坏楼道照明灯具，扣更换费", 50, 200))
RENOVATION_NOTE = "装修押金及费用"


@dataclass(slots=True)
class BookCharge:
    room: int
    item: int
    period: dt.date | None
    amount: int
    due: dt.date
    source: str
    created_at: dt.datetime
    created_by: str
    run: int | None = None               # index of the month
    receipt: "BookReceipt | None" = None    # a desk fee: its note is the receipt's serial
    settled: int = 0
    id: int = 0


@dataclass(slots=True)
class BookReceipt:
    room: int
    payer: str
    method: str
    clerk: str
    taken_at: dt.datetime
    note: str = ""
    lines: list = field(default_factory=list)     # [item, label, quantity, amount, kind, id]
    voided: tuple | None = None                   # (at, by, reason)
    year: int = 0
    number: int = 0
    close: int | None = None
    id: int = 0

    @property
    def total(self) -> int:
        return sum(line[3] for line in self.lines)


@dataclass(slots=True)
class BookDeposit:
    room: int
    item: int
    payer: str
    amount: int
    quantity: int
    receipt: BookReceipt
    line: list
    moves: list = field(default_factory=list)     # [kind, amount, reason, refund, at, by]
    id: int = 0


@dataclass(slots=True)
class BookRefund:
    at: dt.datetime
    receipt: BookReceipt
    room: int
    payee: str
    amount: int
    method: str
    reason: str
    by: str
    year: int = 0
    number: int = 0
    close: int | None = None
    id: int = 0


class Book:
    """What the step writes, as objects until ids and serial numbers are known."""

    def __init__(self):
        self.charges: list[BookCharge] = []
        self.receipts: list[BookReceipt] = []
        # Kept in the order things happened in each room; sorted by time (stably) before numbering.
        self.allocations: list[list] = []     # [charge, line or None, amount, at, voided_at] (+ id)
        self.credits: list[tuple] = []        # (room, amount, line, allocation, reason, at)
        self.deposits: list[BookDeposit] = []
        self.refunds: list[BookRefund] = []
        self.labels: dict[str, str] = {}      # one string per label: 物业管理费 2026年9月 is on thousands of lines

    def allocate(self, charge: BookCharge, line, amount: int, at: dt.datetime, voided_at=None) -> list:
        row = [charge, line, amount, at, voided_at]
        self.allocations.append(row)
        if voided_at is None:
            charge.settled += amount
        return row


class Office:
    """The desk's people, the items and their rates, and the clock."""

    def __init__(self, ctx: DemoContext):
        self.ctx = ctx
        today = ctx.today
        self.cutoff = min(now(), dt.datetime.combine(today, dt.time(17, 30))) if today >= dt.date.today() \
            else dt.datetime.combine(today, dt.time(17, 30))
        first = today.replace(day=1)
        months = [first]
        while len(months) < MONTHS:
            months.append((months[-1] - dt.timedelta(days=1)).replace(day=1))
        self.months = months[::-1]
        rng = ctx.rng("money/runs")
        # The month's charges are raised by finance first thing on the 1st.
        self.due = [month_end(m) for m in self.months]
        self.run_at = [min(dt.datetime.combine(m, dt.time(8, rng.randint(0, 25), rng.randint(0, 59))), self.cutoff)
                       for m in self.months]
        self.items = {i.code: i for i in ChargeItem.select()}
        self.item_names = {i.id: i.name for i in self.items.values()}
        self.item_codes = {i.id: i.code for i in self.items.values()}
        self.monthly = sorted((i for i in self.items.values() if i.kind in (AREA_MONTHLY, UNIT_MONTHLY) and i.active),
                              key=lambda i: (i.sort_order, i.id))
        self.rates = [rates_on(m) for m in self.months]
        self.fee_cache: dict[tuple, list] = {}
        staff = ctx.staff
        actor_name = ctx.actor.name
        self.finance = staff.get(users.FINANCE, actor_name)
        self.clerk = staff.get(users.CLERK, actor_name)
        self.supervisor = staff.get(users.CS_SUPERVISOR, self.clerk)
        found = {(u.display_name, u.role): u.id for u in users.User.select()}
        self.user_ids = {name: found.get((name, role)) for role, name in
                         ((users.FINANCE, self.finance), (users.CLERK, self.clerk),
                          (users.CS_SUPERVISOR, self.supervisor))}

    def fees(self, month_index: int, use: str, area: int) -> list[tuple]:
        """(item, amount) of a room's monthly charges, as ``generate_month`` computes them."""
        key = (month_index, use, area)
        if key not in self.fee_cache:
            rates, out = self.rates[month_index], []
            for it in self.monthly:
                rate = rates.get((it.id, use), rates.get((it.id, "")))
                if rate is None:
                    continue
                amount = area_fee(area, rate) if it.kind == AREA_MONTHLY else unit_fee(rate)
                if amount > 0:
                    out.append((it, amount))
            self.fee_cache[key] = out
        return self.fee_cache[key]

    def standard(self, code: str, on: dt.date, quantity: int = 1) -> int:
        it = self.items.get(code)
        if it is None:
            return 0
        rates = rates_on(on) if on < self.months[0] else self.rates[self.month_index(on)]
        rate = rates.get((it.id, ""))
        return unit_fee(rate, quantity) if rate is not None else 0

    def month_index(self, day: dt.date) -> int:
        return (day.year - self.months[0].year) * 12 + day.month - self.months[0].month

    def when(self, rng: random.Random, day: dt.date) -> dt.datetime | None:
        """A moment in office hours that day, or None if that is still to come."""
        at = dt.datetime.combine(day, dt.time(9)) + dt.timedelta(seconds=rng.randrange(0, 8 * 3600 + 1800))
        if at <= self.cutoff:
            return at
        if day == self.cutoff.date() and self.cutoff.time() > dt.time(9, 5):
            span = int((self.cutoff - dt.datetime.combine(day, dt.time(9))).total_seconds())
            return dt.datetime.combine(day, dt.time(9)) + dt.timedelta(seconds=rng.randrange(0, span))
        return None

    def cashier(self, rng: random.Random, day: dt.date) -> str:
        # Seed 004 场景三: finance takes the money; when finance is away (weekends) the desk does.
        if day.weekday() >= 5:
            return self.clerk if rng.random() < 0.8 else self.supervisor
        roll = rng.random()
        return self.finance if roll < 0.45 else self.clerk if roll < 0.9 else self.supervisor


class BookRoom:
    """One room's account, played in time order."""

    def __init__(self, office: Office, book: Book, room, rng: random.Random, payers):
        self.office, self.book, self.room, self.rng, self.payers = office, book, room, rng, payers
        self.open: list[BookCharge] = []
        self.credit = 0

    # --- what happens --------------------------------------------------------------

    def run(self, index: int) -> list[BookCharge]:
        office, room = self.office, self.room
        month, at = office.months[index], office.run_at[index]
        made = []
        for it, amount in office.fees(index, room.use, room.area_dm2):
            charge = BookCharge(room.id, it.id, month, amount, office.due[index],
                             "monthly", at, office.finance, run=index)
            self.open.append(charge)
            made.append(charge)
        self.book.charges += made
        if self.credit > 0:       # apply_credit: prepaid credit on open charges, oldest first
            for charge in self.open:
                if self.credit <= 0:
                    break
                take = min(self.credit, charge.amount - charge.settled)
                allocation = self.book.allocate(charge, None, take, at)
                self.book.credits.append((room.id, -take, None, allocation, "applied", at))
                self.credit -= take
            self._tidy()
        return made

    def pay(self, at: dt.datetime, up_to: dt.date, *, prepay_months: int = 0, share: float | None = None,
            void: str = "") -> BookReceipt | None:
        """take_payment: the charges up to a month (oldest first), perhaps part, perhaps more in advance."""
        chosen = [c for c in self.open if c.period is None or c.period <= up_to]
        owed = sum(c.amount - c.settled for c in chosen)
        towards = owed
        if share is not None and owed:
            towards = min(owed, max(10000, int(owed * share) // 10000 * 10000))   # whole hundreds of yuan
        prepay = 0
        if prepay_months:
            index = self.office.month_index(up_to)
            prepay = prepay_months * sum(a for it, a in self.office.fees(index, self.room.use, self.room.area_dm2)
                                         if it.kind == AREA_MONTHLY)
        if towards + prepay <= 0:
            return None
        plan, left = {}, towards
        for charge in chosen:
            if left <= 0:
                break
            take = min(left, charge.amount - charge.settled)
            plan.setdefault(charge.item, []).append((charge, take))
            left -= take
        big = towards + prepay > 150000
        method = pick(self.rng, BIG_METHOD_WEIGHTS if big else METHOD_WEIGHTS)
        payer = self.payers(at.date())
        clerk = self.office.cashier(self.rng, at.date())
        if void == "dropped":       # the receipt was made, the money never came: voided, the charges still owed
            self._voided_twin(at, plan, payer, method, clerk, DROPPED_REASONS[method], before=False)
            return None
        if void:
            self._voided_twin(at, plan, payer, method, clerk, self.rng.choice(VOID_REASONS))
        receipt = self._receipt(at, payer, method, clerk=clerk)
        for pairs in plan.values():
            self._charges_line(receipt, pairs, at)
        if prepay:
            it = self.office.items[PREPAYMENT_CODE]
            line = [it.id, f"预交{it.name}", 1, prepay, "prepayment", 0]
            receipt.lines.append(line)
            self.book.credits.append((self.room.id, prepay, line, None, "prepaid", at))
            self.credit += prepay
        self._tidy()
        return receipt

    def renovation(self, at: dt.datetime, payer: str, workers: int) -> list[BookDeposit]:
        """装修: deposit, pass deposits and pass fees per worker, and the garbage fee, on one receipt."""
        office, book = self.office, self.book
        receipt = self._receipt(at, payer, pick(self.rng, BIG_METHOD_WEIGHTS), note=RENOVATION_NOTE,
                                clerk=office.finance if at.weekday() < 5 and self.rng.random() < 0.7 else None)
        deposits = []
        for code, quantity, kind in (("renovation_deposit", 1, "deposit"), ("pass_deposit", workers, "deposit"),
                                     ("pass_fee", workers, "fee"), ("garbage_fee", 1, "fee")):
            it = office.items.get(code)
            amount = office.standard(code, at.date(), quantity)
            if it is None or amount <= 0:
                continue
            line = [it.id, it.name + (f" ×{quantity}" if quantity > 1 else ""), quantity, amount, kind, 0]
            receipt.lines.append(line)
            if kind == "deposit":
                deposit = BookDeposit(self.room.id, it.id, payer, amount, quantity, receipt, line)
                book.deposits.append(deposit)
                deposits.append(deposit)
            else:
                charge = BookCharge(self.room.id, it.id, None, amount, at.date(), "desk", at,
                                 receipt.clerk, receipt=receipt)
                book.charges.append(charge)
                book.allocate(charge, line, amount, at)
        return deposits

    # --- pieces --------------------------------------------------------------------

    def _receipt(self, at, payer, method, note="", clerk=None) -> BookReceipt:
        receipt = BookReceipt(self.room.id, payer, method, clerk or self.office.cashier(self.rng, at.date()),
                           at, note)
        self.book.receipts.append(receipt)
        return receipt

    def _charges_line(self, receipt: BookReceipt, pairs, at, voided_at=None) -> None:
        it_id = pairs[0][0].item
        name = self.office.item_names[it_id]
        partial = any(take < charge.amount - charge.settled for charge, take in pairs)
        label = period_label(name, [c.period for c, _t in pairs], partial)
        line = [it_id, self.book.labels.setdefault(label, label), 1, sum(t for _c, t in pairs),
                "charges", 0]
        receipt.lines.append(line)
        for charge, take in pairs:
            self.book.allocate(charge, line, take, at, voided_at)

    def _voided_twin(self, at, plan, payer, method, clerk, reason: str, before: bool = True) -> None:
        """A receipt made in error and voided (作废): minutes before the right one, or with none after it."""
        rng, office = self.rng, self.office
        made = at - dt.timedelta(minutes=rng.randint(6, 20)) if before else at
        voided = made + dt.timedelta(minutes=rng.randint(1, 4))
        wrong_method = method if "方式" not in reason else rng.choice([m for m in METHODS if m != method])
        twin = self._receipt(made, payer if "姓名" not in reason else payer[0] + "先生", wrong_method, clerk=clerk)
        twin.voided = (voided, office.finance if rng.random() < 0.6 else office.supervisor, reason)
        for pairs in plan.values():
            self._charges_line(twin, pairs, made, voided_at=voided)

    def _tidy(self) -> None:
        self.open = [c for c in self.open if c.settled < c.amount]


_TABLES: dict[tuple, list] = {}


def pick(rng: random.Random, weighted) -> str:
    """A weighted choice from a small table of shares (in percent); much faster than ``rng.choices``."""
    table = _TABLES.get(weighted)
    if table is None:
        table = _TABLES[weighted] = [k for k, w in weighted for _i in range(w)]
    return table[rng.randrange(len(table))]


def add_months(day: dt.date, n: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)
