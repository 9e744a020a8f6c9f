"""The demo's money (演示收费数据): two years of fees, receipts, deposits and daily closes.

Registered as the demo step "money" (after the people and ID-copy steps). Every room that
pays (not 空置) is charged monthly from the month after it was handed over, for the last 24
months ending with this one, one ChargeRun a month, exactly as ``generate_month`` raises
them (prepaid credit applied at each run). Households pay the way an office sees them pay:
monthly, quarterly or yearly in advance, a few months late, or not at all for months;
renovations bring their deposits and fees on one receipt (unless a later part claimed the
renovations: then the ones it ordered, see ``demo_deposits``), deposits come back (less
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
import random

from models.demo_context import DemoContext, DemoEvent, demo_step
from models.records.estate import HANDED_OVER, LET, OCCUPIED, VACANT
from models.amounts import yuan
from models.records.people import OWNER, TENANT, RoomParty
from models.money.demo_book import (Book, BookDeposit, BookRefund, BookRoom, DEDUCTIONS, HABITS, Office,
                                    PARKING_HABITS, add_months, pick)
from models.money.demo_deposits import PART, take_orders
from models.money.demo_writing import write_book


# --- the step ----------------------------------------------------------------------------------


@demo_step("money", order=50, weight=14)
def _money_step(ctx: DemoContext) -> None:
    office = Office(ctx)
    if not office.monthly or "management_fee" not in office.items:
        return      # no charge items (an office that deleted them all): nothing to charge
    book = Book()
    rng = ctx.rng("money")
    ties = _ties(ctx)
    charged = [r for r in ctx.rooms if r.state != VACANT]
    habits = _habits(rng, charged)
    keeps = ctx.keeps("renovation", PART)       # False when a later part owns renovations
    renovations = _renovations(ctx, rng, office, keeps)   # drawn even then, so the rest stays the same
    if not keeps:
        renovations = {}            # only the deposits that part ordered
    for room_id, orders in take_orders(ctx).items():
        renovations.setdefault(room_id, []).extend(
            (order.event.on, order.workers, order.finished, order) for order in orders)
    # About one room in 40 has had a receipt voided (作废) in two years, most made again at once.
    voids = set(rng.sample([r.id for r in charged], min(len(charged), max(2, len(charged) // 40))))
    for i, room in enumerate(charged):
        _play_room(office, book, room, habits[room.id], renovations.get(room.id, ()), ties.get(room.id, ()),
                   room.id in voids, random.Random(f"{ctx.seed}/money/{room.id}"))
        if i % 1000 == 0:
            ctx.advance(i, 2 * len(charged))
    write_book(ctx, office, book)


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
    """Each room's way of paying, in the exact shares of ``HABITS`` (so a small estate has its debtors too)."""
    out = {}
    for kinds, group in ((PARKING_HABITS, [r for r in rooms if r.use == "parking"]),
                         (HABITS, [r for r in rooms if r.use != "parking"])):
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


def _renovations(ctx: DemoContext, rng: random.Random, office: Office, publish: bool) -> dict[int, list[tuple]]:
    """Per room: [(start day, workers, finished day or None, None)]: works now under way (the renovation
    events), and past ones after a purchase, which join ``ctx.events`` when ``publish``."""
    out = {}
    for event in ctx.events:
        if event.kind == "renovation":
            out[event.room_id] = (event.on, rng.randint(2, 8), None)
    first, past = office.months[0], []
    for room in ctx.rooms:
        if room.id in out or room.use == "parking" or room.state not in (OCCUPIED, LET) or room.owner_since is None:
            continue
        start = room.owner_since + dt.timedelta(days=rng.randint(15, 60))
        if start < first or rng.random() > 0.7:
            continue
        done = start + dt.timedelta(days=rng.randint(60, 150))
        if done < ctx.today - dt.timedelta(days=5):
            out[room.id] = (start, rng.randint(2, 8), done)
            past.append(DemoEvent("renovation", start, room.id, room.owner, until=done))
    if publish:
        ctx.events += past
    return {room_id: [(*works, None)] for room_id, works in out.items()}


def _play_room(office: Office, book: Book, room, habit: str, renovations, ties, void_one: bool,
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

    account = BookRoom(office, book, room, rng, payer)
    first = office.months[0]
    handed = room.ready if room.ready.day == 1 else add_months(room.ready, 1)
    start = max(first, handed)
    if start > office.months[-1]:
        return
    start_index = office.month_index(start)
    events: list[tuple] = [(office.run_at[i], 0, "run", i) for i in range(start_index, len(office.months))]
    events += _payments(office, rng, habit, start_index, void_one)
    for renovation in renovations:
        events += _renovation_events(office, rng, renovation, payer)
    events.sort(key=lambda e: (e[0], e[1]))
    for at, _order, kind, what in events:
        if kind == "run":
            account.run(what)
        elif kind == "pay":
            up_to, prepay, share, void = what
            account.pay(at, up_to, prepay_months=prepay, share=share, void=void)
        elif kind == "renovation":
            payer_name, workers, refund_plan, order = what
            deposits = account.renovation(at, payer_name, workers)
            if order is not None:
                order.deposits = deposits
            if refund_plan is not None:
                _refund_later(office, book, rng, deposits, refund_plan)


def _payments(office: Office, rng: random.Random, habit: str, start: int, void_one: bool) -> list[tuple]:
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


def _renovation_events(office: Office, rng: random.Random, renovation, payer) -> list[tuple]:
    start, workers, done, order = renovation
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
    return [(at, 1, "renovation", (payer(start), workers, refund_plan, order))]


def _refund_later(office: Office, book: Book, rng: random.Random, deposits: list[BookDeposit], at: dt.datetime):
    """验收 done: each deposit refunded, less deductions with their reasons (refund_deposit)."""
    method = pick(rng, (("transfer", 50), ("cash", 30), ("wechat", 20)))
    # Finance pays deposits back; at the weekend finance is away and the supervisor pays from the desk's drawer.
    by = office.finance if at.weekday() < 5 else office.supervisor
    for deposit in deposits:
        kept = []
        code = office.item_codes[deposit.item]
        if code == "renovation_deposit" and rng.random() < 0.15:
            reason, low, high = rng.choice(DEDUCTIONS)
            kept.append((rng.randint(low // 10, high // 10) * 1000, reason))
        elif code == "pass_deposit" and rng.random() < 0.1:
            lost = rng.randint(1, min(2, deposit.quantity))
            kept.append((deposit.amount * lost // deposit.quantity, f"出入证遗失{lost}张，押金不退"))
        back = deposit.amount - sum(f for f, _r in kept)
        refund = None
        if back > 0:
            item = office.item_names[deposit.item]
            reason = f"退还押金：{item}" + ("；" + "；".join(f"扣{yuan(f)}：{r}" for f, r in kept) if kept else "")
            refund = BookRefund(at, deposit.receipt, deposit.room, deposit.payer, back, method, reason, by)
            book.refunds.append(refund)
            deposit.moves.append(["refund", back, "", refund, at, by])
        for fen, reason in kept:
            deposit.moves.append(["deduct", fen, reason, None, at, by])
