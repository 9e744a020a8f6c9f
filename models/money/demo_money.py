"""The demo's money (演示收费数据): two years of fees, receipts, deposits and daily closes.

Registered as the demo step "money" (after the people and ID-copy steps). Every room that
pays (not 空置) is charged monthly from the month after it was handed over, for the last 24
months ending with this one, one ChargeRun a month, exactly as ``generate_month`` raises
them (prepaid credit applied at each run). Households pay the way an office sees them pay:
monthly, quarterly or yearly in advance, a few months late, or not at all for months;
renovations bring their deposits and fees on one receipt, deposits come back (less
deductions) after the works (by finance on weekdays, by the supervisor at the weekend), a
few receipts are voided (most made again at once, some not: the money never came, the
charges stay owed), and each person's day is closed, except today's: a clerk's takings less
the refunds they paid out, received by finance; finance's own refunds on its own close,
received as made.

Each room's account is played in time order as the cashier plays it (oldest charge first,
one receipt line per item labelled with its months), kept in memory, then numbered (per
year, without gaps) and written in bulk; the serial counters are left at the last numbers.
"""
from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, field

from models import audit, users
from models.db import now, sync_id_sequences
from models.demo_context import DemoContext, demo_step
from models.records.estate import HANDED_OVER, LET, OCCUPIED, VACANT
from models.amounts import area_fee, unit_fee, yuan
from models.money.cashier import PREPAYMENT_CODE, period_label
from models.money.charging import month_end, month_label
from models.money.ledger import (AREA_MONTHLY, METHODS, UNIT_MONTHLY, Allocation, Charge, ChargeItem, ChargeRun,
                                 CreditEntry, DailyClose, Deposit, DepositMovement, Receipt, ReceiptLine, Refund)
from models.money.rates import rates_on
from models.records.people import OWNER, TENANT, RoomParty
from models.serials import SerialCounter

MONTHS = 24
# How money reaches the desk (percent): phone payments most, then the bank, then cash.
_METHODS = (("wechat", 40), ("alipay", 28), ("transfer", 12), ("card", 10), ("cash", 10))
_BIG_METHODS = (("transfer", 35), ("wechat", 25), ("alipay", 20), ("card", 15), ("cash", 5))
# Households by how they pay (share of rooms; parking spaces have no prepayment).
_HABITS = (("monthly", 32), ("quarterly", 26), ("yearly", 12), ("late", 27), ("bad", 3))
_PARKING_HABITS = (("monthly", 45), ("quarter_end", 42), ("late", 10), ("bad", 3))
# Data, as the office writes it (not translated).
_VOID_REASONS = ("收款方式选错，已重开收据", "交款人姓名写错，已重开收据", "打印时卡纸，作废后重开",
                 "重复开具，作废")
_DROPPED_REASONS = {"wechat": "微信支付未成功，作废", "alipay": "支付宝支付未成功，作废", "card": "刷卡未成功，作废",
                    "transfer": "转账未到账，作废", "cash": "业主临时决定改日再缴，作废"}
_DEDUCTIONS = (("电梯轿厢壁板划伤，扣维修费", 200, 800), ("楼道墙面污损，扣修复费", 100, 500),
               ("装修垃圾未按规定清运，扣清运费", 200, 300), ("占用消防通道堆放材料，按装修协议扣款", 200, 500),
               ("损坏楼道照明灯具，扣更换费", 50, 200))
_RENOVATION_NOTE = "装修押金及费用"


@dataclass(slots=True)
class _Charge:
    room: int
    item: int
    period: dt.date | None
    amount: int
    due: dt.date
    source: str
    created_at: dt.datetime
    created_by: str
    run: int | None = None               # index of the month
    receipt: "_Receipt | None" = None    # a desk fee: its note is the receipt's serial
    settled: int = 0
    id: int = 0


@dataclass(slots=True)
class _Receipt:
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
class _Deposit:
    room: int
    item: int
    payer: str
    amount: int
    quantity: int
    receipt: _Receipt
    line: list
    moves: list = field(default_factory=list)     # [kind, amount, reason, refund, at, by]
    id: int = 0


@dataclass(slots=True)
class _Refund:
    at: dt.datetime
    receipt: _Receipt
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


class _Book:
    """What the step writes, as objects until ids and serial numbers are known."""

    def __init__(self):
        self.charges: list[_Charge] = []
        self.receipts: list[_Receipt] = []
        # Kept in the order things happened in each room; sorted by time (stably) before numbering.
        self.allocations: list[list] = []     # [charge, line or None, amount, at, voided_at] (+ id)
        self.credits: list[tuple] = []        # (room, amount, line, allocation, reason, at)
        self.deposits: list[_Deposit] = []
        self.refunds: list[_Refund] = []
        self.labels: dict[str, str] = {}      # one string per label: 物业管理费 2026年9月 is on thousands of lines

    def allocate(self, charge: _Charge, line, amount: int, at: dt.datetime, voided_at=None) -> list:
        row = [charge, line, amount, at, voided_at]
        self.allocations.append(row)
        if voided_at is None:
            charge.settled += amount
        return row


class _Office:
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


class _Room:
    """One room's account, played in time order."""

    def __init__(self, office: _Office, book: _Book, room, rng: random.Random, payers):
        self.office, self.book, self.room, self.rng, self.payers = office, book, room, rng, payers
        self.open: list[_Charge] = []
        self.credit = 0

    # --- what happens --------------------------------------------------------------

    def run(self, index: int) -> list[_Charge]:
        office, room = self.office, self.room
        month, at = office.months[index], office.run_at[index]
        made = []
        for it, amount in office.fees(index, room.use, room.area_dm2):
            charge = _Charge(room.id, it.id, month, amount, office.due[index],
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
            void: str = "") -> _Receipt | None:
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
        method = _pick(self.rng, _BIG_METHODS if big else _METHODS)
        payer = self.payers(at.date())
        clerk = self.office.cashier(self.rng, at.date())
        if void == "dropped":       # the receipt was made, the money never came: voided, the charges still owed
            self._voided_twin(at, plan, payer, method, clerk, _DROPPED_REASONS[method], before=False)
            return None
        if void:
            self._voided_twin(at, plan, payer, method, clerk, self.rng.choice(_VOID_REASONS))
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

    def renovation(self, at: dt.datetime, payer: str, workers: int) -> list[_Deposit]:
        """装修: deposit, pass deposits and pass fees per worker, and the garbage fee, on one receipt."""
        office, book = self.office, self.book
        receipt = self._receipt(at, payer, _pick(self.rng, _BIG_METHODS), note=_RENOVATION_NOTE,
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
                deposit = _Deposit(self.room.id, it.id, payer, amount, quantity, receipt, line)
                book.deposits.append(deposit)
                deposits.append(deposit)
            else:
                charge = _Charge(self.room.id, it.id, None, amount, at.date(), "desk", at,
                                 receipt.clerk, receipt=receipt)
                book.charges.append(charge)
                book.allocate(charge, line, amount, at)
        return deposits

    # --- pieces --------------------------------------------------------------------

    def _receipt(self, at, payer, method, note="", clerk=None) -> _Receipt:
        receipt = _Receipt(self.room.id, payer, method, clerk or self.office.cashier(self.rng, at.date()),
                           at, note)
        self.book.receipts.append(receipt)
        return receipt

    def _charges_line(self, receipt: _Receipt, pairs, at, voided_at=None) -> None:
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


def _pick(rng: random.Random, weighted) -> str:
    """A weighted choice from a small table of shares (in percent); much faster than ``rng.choices``."""
    table = _TABLES.get(weighted)
    if table is None:
        table = _TABLES[weighted] = [k for k, w in weighted for _i in range(w)]
    return table[rng.randrange(len(table))]


def _add_months(day: dt.date, n: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


# --- the step ----------------------------------------------------------------------------------


@demo_step("money", order=50, weight=14)
def _money_step(ctx: DemoContext) -> None:
    office = _Office(ctx)
    if not office.monthly or "management_fee" not in office.items:
        return      # no charge items (an office that deleted them all): nothing to charge
    book = _Book()
    rng = ctx.rng("money")
    ties = _ties(ctx)
    charged = [r for r in ctx.rooms if r.state != VACANT]
    habits = _habits(rng, charged)
    renovations = _renovations(ctx, rng, office)
    # About one room in 40 has had a receipt voided (作废) in two years, most made again at once.
    voids = set(rng.sample([r.id for r in charged], min(len(charged), max(2, len(charged) // 40))))
    for i, room in enumerate(charged):
        _play_room(office, book, room, habits[room.id], renovations.get(room.id), ties.get(room.id, ()),
                   room.id in voids, random.Random(f"{ctx.seed}/money/{room.id}"))
        if i % 1000 == 0:
            ctx.advance(i, 2 * len(charged))
    _write(ctx, office, book)


def _ties(ctx: DemoContext) -> dict[int, list]:
    """Per room, its owners and tenants over time: who pays on a given day."""
    out: dict[int, list] = {}
    query = (RoomParty.select(RoomParty.room, RoomParty.person, RoomParty.role, RoomParty.start_date,
                              RoomParty.end_date)
             .where(RoomParty.role.in_((OWNER, TENANT))).order_by(RoomParty.start_date).tuples())
    for room_id, person_id, role, start, end in query.iterator():
        person = ctx.people.get(person_id)
        if person is not None:
            out.setdefault(room_id, []).append((role, start, end, person.name))
    return out


def _habits(rng: random.Random, rooms) -> dict[int, str]:
    """Each room's way of paying, in the exact shares of ``_HABITS`` (so a small estate has its debtors too)."""
    out = {}
    for kinds, group in ((_PARKING_HABITS, [r for r in rooms if r.use == "parking"]),
                         (_HABITS, [r for r in rooms if r.use != "parking"])):
        group = sorted(group, key=lambda r: r.id)
        rng.shuffle(group)
        total, start = sum(w for _k, w in kinds), 0
        for room in group:
            out[room.id] = kinds[0][0]
        for kind, weight in kinds[1:]:
            count = max(1 if len(group) >= 20 else 0, round(len(group) * weight / total))
            for room in group[start:start + count]:
                out[room.id] = kind
            start += count
    # Owners who do not live there (交房 but empty) pay late more often.
    for room in rooms:
        if room.state == HANDED_OVER and out[room.id] == "monthly" and rng.random() < 0.4:
            out[room.id] = "late"
    return out


def _renovations(ctx: DemoContext, rng: random.Random, office: _Office) -> dict[int, tuple]:
    """Per room: (start day, workers, finished day or None): works now under way, and past ones after a purchase."""
    out = {}
    for event in ctx.events:
        if event.kind == "renovation":
            out[event.room_id] = (event.on, rng.randint(2, 8), None)
    first = office.months[0]
    for room in ctx.rooms:
        if room.id in out or room.use == "parking" or room.state not in (OCCUPIED, LET) or room.owner_since is None:
            continue
        start = room.owner_since + dt.timedelta(days=rng.randint(15, 60))
        if start < first or rng.random() > 0.7:
            continue
        done = start + dt.timedelta(days=rng.randint(60, 150))
        if done < ctx.today - dt.timedelta(days=5):
            out[room.id] = (start, rng.randint(2, 8), done)
    return out


def _play_room(office: _Office, book: _Book, room, habit: str, renovation, ties, void_one: bool,
               rng: random.Random) -> None:
    tenant_pays = room.state == LET and rng.random() < 0.7

    def payer(day: dt.date) -> str:
        owner = tenant = ""
        for role, start, end, name in ties:
            if start <= day and (end is None or end > day):
                if role == OWNER:
                    owner = name
                else:
                    tenant = name
        if tenant and tenant_pays:
            return tenant
        return owner or (ties[0][3] if ties else "业主")

    account = _Room(office, book, room, rng, payer)
    first = office.months[0]
    handed = room.ready if room.ready.day == 1 else _add_months(room.ready, 1)
    start = max(first, handed)
    if start > office.months[-1]:
        return
    start_index = office.month_index(start)
    events: list[tuple] = [(office.run_at[i], 0, "run", i) for i in range(start_index, len(office.months))]
    events += _payments(office, rng, habit, start_index, void_one)
    if renovation is not None:
        events += _renovation_events(office, rng, renovation, payer)
    events.sort(key=lambda e: (e[0], e[1]))
    for at, _order, kind, what in events:
        if kind == "run":
            account.run(what)
        elif kind == "pay":
            up_to, prepay, share, void = what
            account.pay(at, up_to, prepay_months=prepay, share=share, void=void)
        elif kind == "renovation":
            payer_name, workers, refund_plan = what
            deposits = account.renovation(at, payer_name, workers)
            if refund_plan is not None:
                _refund_later(office, book, rng, deposits, refund_plan)


def _payments(office: _Office, rng: random.Random, habit: str, start: int, void_one: bool) -> list[tuple]:
    """When the household comes to pay: (time, 1, "pay", (up to month, months prepaid, share, void)).

    ``void``: "" for a plain payment, "reissued" for one preceded by a receipt made in error,
    "dropped" for a receipt voided because the money never came.
    """
    months, out = office.months, []
    last = len(months) - 1

    def at(index: int, latest_day: int | None = None, earliest_day: int = 1):
        if index > last:
            return None
        day = months[index].replace(day=rng.randint(earliest_day, latest_day or office.due[index].day))
        return office.when(rng, day)

    def add(when, up_to_index, prepay=0, share=None):
        if when is not None:
            out.append((when, 1, "pay", (months[min(up_to_index, last)], prepay, share, "")))

    if habit == "monthly":
        for i in range(start, len(months)):
            if rng.random() < 0.12:      # paid early next month
                add(at(i + 1, 10), i)
            else:
                add(at(i), i)
    elif habit in ("quarterly", "yearly"):
        cycle = 3 if habit == "quarterly" else 12
        for i in range(start, len(months)):
            into = (months[i].month - 1) % cycle
            if i == start or into == 0:
                add(at(i, 20), i, prepay=cycle - 1 - into)
    elif habit == "quarter_end":
        for i in range(start, len(months)):
            if months[i].month % 3 == 0:
                add(at(i, 25, 10), i)
    else:   # late, bad: a few months at a time, the bad ones stopping 4-12 months ago
        stop = last - 1 - rng.randint(4, 12) if habit == "bad" else last
        i = start + rng.randint(1, 3)
        while i <= stop:
            add(at(i), i, share=0.5 if habit == "bad" and rng.random() < 0.15 else None)
            i += rng.randint(2, 4)
        if habit == "bad" and rng.random() < 0.3 and stop + 2 < last:    # paid something towards it since
            add(at(rng.randint(stop + 2, last)), last - 1, share=0.3)
    if void_one:    # one receipt made in error (no prepayment on it) and voided
        chosen = [i for i, (when, _o, _k, what) in enumerate(out) if when.hour >= 10 and not what[1]]
        if chosen:
            i = rng.choice(chosen)
            when, order, kind, (up_to, prepay, share, _void) = out[i]
            out[i] = (when, order, kind, (up_to, prepay, share, "reissued" if rng.random() < 0.7 else "dropped"))
    return out


def _renovation_events(office: _Office, rng: random.Random, renovation, payer) -> list[tuple]:
    start, workers, done = renovation
    if start < office.months[0]:
        return []
    at = office.when(rng, start) or office.when(rng, start - dt.timedelta(days=1))
    if at is None:
        return []
    refund_plan = None
    if done is not None:
        back_on = done + dt.timedelta(days=rng.randint(3, 30))
        back_at = office.when(rng, back_on)
        if back_at is not None and back_at > at:
            refund_plan = back_at
    return [(at, 1, "renovation", (payer(start), workers, refund_plan))]


def _refund_later(office: _Office, book: _Book, rng: random.Random, deposits: list[_Deposit], at: dt.datetime):
    """验收 done: each deposit refunded, less deductions with their reasons (refund_deposit)."""
    method = _pick(rng, (("transfer", 50), ("cash", 30), ("wechat", 20)))
    # Finance pays deposits back; at the weekend finance is away and the supervisor pays from the desk's drawer.
    by = office.finance if at.weekday() < 5 else office.supervisor
    for deposit in deposits:
        kept = []
        code = office.item_codes[deposit.item]
        if code == "renovation_deposit" and rng.random() < 0.15:
            reason, low, high = rng.choice(_DEDUCTIONS)
            kept.append((rng.randint(low // 10, high // 10) * 1000, reason))
        elif code == "pass_deposit" and rng.random() < 0.1:
            lost = rng.randint(1, min(2, deposit.quantity))
            kept.append((deposit.amount * lost // deposit.quantity, f"出入证遗失{lost}张，押金不退"))
        back = deposit.amount - sum(f for f, _r in kept)
        refund = None
        if back > 0:
            item = office.item_names[deposit.item]
            reason = f"退还押金：{item}" + ("；" + "；".join(f"扣{yuan(f)}：{r}" for f, r in kept) if kept else "")
            refund = _Refund(at, deposit.receipt, deposit.room, deposit.payer, back, method, reason, by)
            book.refunds.append(refund)
            deposit.moves.append(["refund", back, "", refund, at, by])
        for fen, reason in kept:
            deposit.moves.append(["deduct", fen, reason, None, at, by])


# --- numbering and writing -----------------------------------------------------------------------


def _write(ctx: DemoContext, office: _Office, book: _Book) -> None:
    counters = {(k, y): last for k, y, last in SerialCounter.select(SerialCounter.kind, SerialCounter.year,
                                                                      SerialCounter.last).tuples()}
    used: dict[tuple, int] = {}

    def number(kind: str, year: int) -> int:
        key = (kind, year)
        used[key] = used.get(key, counters.get(key, 0)) + 1
        return used[key]

    _number(ctx, book, number)
    closes = _daily_closes(ctx, office, book, number)
    runs = _runs(ctx, office, book)
    writer = _Writer(ctx, len(book.receipts) + sum(len(r.lines) for r in book.receipts) + len(book.charges)
                     + len(book.allocations) + len(book.credits))
    ctx.insert(ChargeRun, [ChargeRun.id, ChargeRun.month, ChargeRun.rooms, ChargeRun.lines, ChargeRun.total_fen,
                           ChargeRun.created_at, ChargeRun.created_by], runs)
    ctx.insert(DailyClose, [DailyClose.id, DailyClose.year, DailyClose.number, DailyClose.clerk,
                            DailyClose.clerk_user_id, DailyClose.day, DailyClose.closed_at, DailyClose.receipts,
                            DailyClose.total_fen, DailyClose.by_method, DailyClose.confirmed_by,
                            DailyClose.confirmed_at], closes)
    writer.insert(Receipt, [Receipt.id, Receipt.year, Receipt.number, Receipt.room, Receipt.payer, Receipt.method,
                            Receipt.total_fen, Receipt.note, Receipt.clerk, Receipt.clerk_user_id, Receipt.taken_at,
                            Receipt.with_finance, Receipt.close, Receipt.voided_at, Receipt.voided_by,
                            Receipt.void_reason],
                  ((r.id, r.year, r.number, r.room, r.payer, r.method, r.total, r.note, r.clerk,
                    office.user_ids.get(r.clerk), r.taken_at, r.clerk == office.finance, r.close,
                    *(r.voided or (None, None, None))) for r in book.receipts))
    writer.insert(ReceiptLine, [ReceiptLine.id, ReceiptLine.receipt, ReceiptLine.item, ReceiptLine.label,
                                ReceiptLine.quantity, ReceiptLine.amount_fen, ReceiptLine.kind],
                  ((line[5], r.id, line[0], line[1], line[2], line[3], line[4]) for r in book.receipts
                   for line in r.lines))
    first_run = runs[0][0]
    writer.insert(Charge, [Charge.id, Charge.room, Charge.item, Charge.period, Charge.amount_fen, Charge.settled_fen,
                           Charge.due_date, Charge.source, Charge.run, Charge.note, Charge.created_at,
                           Charge.created_by],
                  ((c.id, c.room, c.item, c.period, c.amount, c.settled, c.due, c.source,
                    None if c.run is None else first_run + c.run,
                    f"{c.receipt.year}-{c.receipt.number:06d}" if c.receipt is not None else "", c.created_at,
                    c.created_by) for c in book.charges))
    writer.insert(Allocation, [Allocation.id, Allocation.charge, Allocation.line, Allocation.amount_fen,
                               Allocation.at, Allocation.voided_at],
                  ((a[5], a[0].id, a[1][5] if a[1] is not None else None, a[2], a[3], a[4])
                   for a in book.allocations))
    book.credits.sort(key=lambda c: c[5])
    writer.insert(CreditEntry, [CreditEntry.room, CreditEntry.amount_fen, CreditEntry.line, CreditEntry.allocation,
                                CreditEntry.reason, CreditEntry.at],
                  ((room, amount, line[5] if line is not None else None,
                    allocation[5] if allocation is not None else None, reason, at)
                   for room, amount, line, allocation, reason, at in book.credits))
    _write_deposits(ctx, office, book)
    ctx.insert(SerialCounter, [SerialCounter.kind, SerialCounter.year, SerialCounter.last],
               [(k, y, last) for (k, y), last in sorted(used.items()) if (k, y) not in counters])
    for (k, y), last in used.items():
        if (k, y) in counters:
            SerialCounter.update(last=last).where((SerialCounter.kind == k) & (SerialCounter.year == y)).execute()
    sync_id_sequences((ChargeRun, Charge, DailyClose, Receipt, ReceiptLine, Allocation, CreditEntry, Refund, Deposit,
                     DepositMovement))
    audit.record_many(ctx.actor, "charge.month", "charge_run", [
        (run[0], f"{month_label(run[1])}：{run[3]} 笔，{yuan(run[4])}（演示数据）", None) for run in runs])
    for model in (Charge, Receipt, ReceiptLine, Allocation, CreditEntry, Deposit, DepositMovement, Refund,
                  DailyClose):
        ctx.audit_table(model)


def _number(ctx: DemoContext, book: _Book, number) -> None:
    """Ids in the order things happened; receipts and refunds numbered per year in that order."""
    book.receipts.sort(key=lambda r: r.taken_at)
    first_receipt = ctx.reserve_ids(Receipt, len(book.receipts))
    line_id = ctx.reserve_ids(ReceiptLine, sum(len(r.lines) for r in book.receipts))
    for i, receipt in enumerate(book.receipts):
        receipt.id = first_receipt + i
        receipt.year = receipt.taken_at.year
        receipt.number = number("receipt", receipt.year)
        for line in receipt.lines:
            line[5] = line_id
            line_id += 1
    book.charges.sort(key=lambda c: c.created_at)
    first_charge = ctx.reserve_ids(Charge, len(book.charges))
    for i, charge in enumerate(book.charges):
        charge.id = first_charge + i
    book.allocations.sort(key=lambda a: a[3])
    first_allocation = ctx.reserve_ids(Allocation, len(book.allocations))
    for i, allocation in enumerate(book.allocations):
        allocation.append(first_allocation + i)
    book.refunds.sort(key=lambda r: r.at)
    first_refund = ctx.reserve_ids(Refund, len(book.refunds))
    for i, refund in enumerate(book.refunds):
        refund.id, refund.year = first_refund + i, refund.at.year
        refund.number = number("refund", refund.year)
    book.deposits.sort(key=lambda d: d.receipt.taken_at)
    first_deposit = ctx.reserve_ids(Deposit, len(book.deposits))
    for i, deposit in enumerate(book.deposits):
        deposit.id = first_deposit + i


def _runs(ctx: DemoContext, office: _Office, book: _Book) -> list[tuple]:
    """What ``generate_month`` records for each month it raised."""
    first_run = ctx.reserve_ids(ChargeRun, len(office.months))
    per_run: dict[int, list] = {}
    for charge in book.charges:
        if charge.run is not None:
            per_run.setdefault(charge.run, []).append(charge)
    runs = []
    for index, month in enumerate(office.months):
        made = per_run.get(index, [])
        runs.append((first_run + index, month, len({c.room for c in made}), len(made), sum(c.amount for c in made),
                     office.run_at[index], office.finance))
    return runs


class _Writer:
    """Bulk inserts in slices, so the rows are never all converted at once and Cancel is heard."""

    SLICE = 20_000

    def __init__(self, ctx: DemoContext, total: int):
        self.ctx, self.total, self.done = ctx, max(total, 1), 0

    def insert(self, model, fields, rows) -> None:
        chunk = []
        for row in rows:
            chunk.append(row)
            if len(chunk) == self.SLICE:
                self._flush(model, fields, chunk)
                chunk = []
        self._flush(model, fields, chunk)

    def _flush(self, model, fields, chunk) -> None:
        self.ctx.insert(model, fields, chunk)
        self.done += len(chunk)
        self.ctx.advance(self.total + self.done, 2 * self.total)     # the first half was playing the accounts


def _daily_closes(ctx: DemoContext, office: _Office, book: _Book, number) -> list[tuple]:
    """日结 for each person's day before today (closing.close_day): a clerk's receipts less the refunds they paid
    out, received by finance; finance's refunds on its own close, received as made. Today's stay open."""
    days: dict[tuple, tuple[list, list]] = {}
    for receipt in book.receipts:
        if receipt.clerk != office.finance and receipt.taken_at.date() < ctx.today:
            days.setdefault((receipt.taken_at.date(), receipt.clerk), ([], []))[0].append(receipt)
    for refund in book.refunds:
        if refund.at.date() < ctx.today:
            days.setdefault((refund.at.date(), refund.by), ([], []))[1].append(refund)
    rows = []
    rng = ctx.rng("money/closes")
    first = ctx.reserve_ids(DailyClose, len(days))
    for i, ((day, clerk), (receipts, refunds)) in enumerate(sorted(days.items())):
        totals = {m: 0 for m in METHODS}
        for r in receipts:
            if r.voided is None:
                totals[r.method] += r.total
        for r in refunds:
            totals[r.method] -= r.amount
        totals = {k: v for k, v in totals.items() if v}
        closed = dt.datetime.combine(day, dt.time(17, 30)) + dt.timedelta(minutes=rng.randint(0, 25))
        confirmed = closed + dt.timedelta(minutes=rng.randint(5, 40))
        if day.weekday() >= 5:      # finance counts weekend takings on Monday morning
            confirmed = dt.datetime.combine(day + dt.timedelta(days=7 - day.weekday()), dt.time(9, rng.randint(5, 50)))
        confirmed = closed if clerk == office.finance else min(confirmed, office.cutoff)
        close_id = first + i
        for r in receipts + refunds:
            r.close = close_id
        rows.append((close_id, day.year, number("daily_close", day.year), clerk, office.user_ids.get(clerk), day,
                     closed, len(receipts), sum(totals.values()), json.dumps(totals), office.finance, confirmed))
    return rows


def _write_deposits(ctx: DemoContext, office: _Office, book: _Book) -> None:
    ctx.insert(Deposit, [Deposit.id, Deposit.room, Deposit.item, Deposit.payer, Deposit.amount_fen, Deposit.held_fen,
                         Deposit.quantity, Deposit.taken_on, Deposit.line, Deposit.source, Deposit.note],
               [(d.id, d.room, d.item, d.payer, d.amount, d.amount - sum(m[1] for m in d.moves), d.quantity,
                 d.receipt.taken_at.date(), d.line[5], "receipt", "") for d in book.deposits])
    ctx.insert(Refund, [Refund.id, Refund.year, Refund.number, Refund.receipt, Refund.room, Refund.payee,
                        Refund.amount_fen, Refund.method, Refund.reason, Refund.by, Refund.at, Refund.by_user_id,
                        Refund.close],
               [(r.id, r.year, r.number, r.receipt.id, r.room, r.payee, r.amount, r.method, r.reason, r.by, r.at,
                 office.user_ids.get(r.by), r.close) for r in book.refunds])
    moves = sorted(((m[4], d.id, m) for d in book.deposits for m in d.moves), key=lambda x: (x[0], x[1]))
    ctx.insert(DepositMovement, [DepositMovement.deposit, DepositMovement.kind, DepositMovement.amount_fen,
                                 DepositMovement.reason, DepositMovement.refund, DepositMovement.on,
                                 DepositMovement.by, DepositMovement.at],
               [(deposit_id, m[0], m[1], m[2], m[3].id if m[3] is not None else None, at.date(), m[5], at)
                for at, deposit_id, m in moves])
