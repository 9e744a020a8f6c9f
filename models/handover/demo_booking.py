"""The demo's handover appointments (演示数据: 交房预约): each handover's, with the ones cancelled or missed
before it; buyers of vacant rooms booked for later today, tomorrow and the days after, some who cancelled
or never came. As ``book``, ``cancel`` and ``missed`` write them, audited each.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models.demo_context import DemoRoom
from models.handover.demo_handover import World, snapshot
from models.handover.tables import BOOKED, CANCELLED, DONE, MISSED, Appointment
from models.records import demo_data as dd
from models.records.estate import VACANT

CANCELS = ("业主临时出差，改约", "业主贷款手续未办完，改期", "业主要求改到周末", "业主家中有事，改日再来",
           "业主需先办理车位手续，改期")
GONE = ("业主贷款未获批，暂缓收楼", "业主称暂不收楼", "业主与开发商协商中，暂缓交房")
MISSED_NOTE = "业主未到"
ASKED = ("", "", "", "业主要求先看房再签字", "业主父母代办", "需开荒保洁联系方式", "业主带装修设计师同来")
LAST_SLOT = dt.time(17, 0)


@dataclass(eq=False)
class Booking:
    room: DemoRoom
    name: str
    phone: str
    at: dt.datetime
    made_at: dt.datetime
    made_by: str
    state: str = BOOKED
    note: str = ""                           # as booked; a cancellation's or a no-show's reason is added to it
    closed_at: dt.datetime | None = None     # when it was cancelled or marked missed
    reason: str = ""
    id: int = 0

    @property
    def kept_note(self) -> str:
        return (self.note + " " + self.reason).strip()[:200] if self.closed_at is not None else self.note


def slot(at: dt.datetime) -> dt.datetime:
    """The half hour an appointment is booked for, 09:00 to 17:00."""
    at = at.replace(minute=at.minute - at.minute % 30, second=0, microsecond=0)
    day = at.date()
    return min(max(at, dt.datetime.combine(day, dt.time(9))), dt.datetime.combine(day, LAST_SLOT))


def _made(world: World, room: DemoRoom, before: dt.datetime, low: int, high: int) -> dt.datetime | None:
    """When the booking was taken: ``low``-``high`` days before, never before the room was on record."""
    made = world.office(before.date() - dt.timedelta(days=world.rng.randint(low, high)))
    made = max(made, dt.datetime.combine(room.ready, dt.time(9)) + dt.timedelta(minutes=world.rng.randint(5, 90)))
    made = min(made, world.cutoff)
    return made if made < before else None


def booking_for(world: World, plan) -> tuple[Booking | None, list[Booking]]:
    """A handover's appointment (done), and one the owner cancelled or missed before it, now and then."""
    rng, owner = world.rng, world.ctx.people[plan.owner]
    midnight = dt.datetime.combine(plan.at.date(), dt.time())
    at = slot(max(plan.at - dt.timedelta(minutes=rng.randint(0, 40)), midnight))
    if at > plan.at:                         # a handover before the first slot (a demo made at dawn)
        at = plan.at.replace(second=0)
    made = _made(world, plan.room, at, 1, 12)
    if made is None:
        return None, []
    done = Booking(plan.room, owner.name, owner.mobile, at, made, world.desk(), DONE, rng.choice(ASKED))
    roll, priors = rng.random(), []
    if roll < 0.13:
        if roll < 0.08:         # the owner rang to cancel and booked a later day in the same call
            closed = done.made_at - dt.timedelta(minutes=rng.randint(1, 3))
            span = (done.at.date() - closed.date()).days - 1
            before = slot(world.office(closed.date() + dt.timedelta(days=1 + rng.randrange(max(span, 1)))))
            before = before if span >= 1 else done.at          # no day between: no earlier booking to cancel
            state, reason = CANCELLED, rng.choice(CANCELS)
        else:                   # did not come; booked again later
            before = slot(world.office(done.made_at.date() - dt.timedelta(days=rng.randint(1, 4))))
            closed = before + dt.timedelta(minutes=rng.randint(60, 150))
            state, reason = MISSED, MISSED_NOTE
        first = _made(world, plan.room, min(closed, before), 1, 8)
        if first is not None and closed < done.made_at and first < before < done.at:
            priors.append(Booking(plan.room, owner.name, owner.mobile, before, first, world.desk(), state, "",
                                  closed, reason))
    return done, priors


def book_ahead(world: World, plans: list, today_plans: list) -> None:
    """Buyers of vacant rooms booked for later today, tomorrow and the week; some cancelled or never came.
    Written with the handovers' own (today's handovers of vacant rooms wait for their step)."""
    rng, today, cutoff = world.rng, world.today, world.cutoff
    taken = {p.room.id for p in today_plans}
    rooms = sorted((r for r in world.ctx.rooms if r.state == VACANT and r.use != "parking" and r.id not in taken),
                   key=lambda r: (-r.ready.toordinal(), r.id))
    pool = rooms[:max(40, len(rooms) // 4)]
    rng.shuffle(pool)
    done_today = sum(1 for p in plans + today_plans if p.booking is not None and p.at.date() == today)
    wanted = rng.randint(3, 5)
    later = [s for s in (dt.datetime.combine(today, dt.time(9)) + dt.timedelta(minutes=30 * i) for i in range(17))
             if s >= cutoff + dt.timedelta(minutes=15)]
    missed_today = 1 if cutoff.time() >= dt.time(11, 30) and (rng.random() < 0.6 or len(later) < 2) else 0
    times = rng.sample(later, min(len(later), max(1, wanted - done_today - missed_today)))
    for day in range(1, 8):
        open_slots = [dt.datetime.combine(today + dt.timedelta(days=day), dt.time(9)) + dt.timedelta(minutes=30 * i)
                      for i in range(17)]
        times += rng.sample(open_slots, rng.randint(2, 5) if day == 1 else rng.randint(0, 2))
    for at in sorted(times):
        if pool:
            _booked(world, pool.pop(), at, BOOKED)
    if missed_today and pool:
        at = dt.datetime.combine(today, dt.time(9, 30)) + dt.timedelta(minutes=30 * rng.randint(0, 2))
        closed = min(at + dt.timedelta(minutes=rng.randint(60, 90)), cutoff - dt.timedelta(minutes=1))
        _booked(world, pool.pop(), at, MISSED, closed, MISSED_NOTE)
    for _i in range(min(12, max(2, len(rooms) // 60))):     # the weeks before: never came back
        if not pool:
            break
        at = slot(world.office(today - dt.timedelta(days=rng.randint(3, 60))))
        if rng.random() < 0.5:
            _booked(world, pool.pop(), at, MISSED, at + dt.timedelta(minutes=rng.randint(60, 150)), MISSED_NOTE)
        else:
            _booked(world, pool.pop(), at, CANCELLED, at - dt.timedelta(hours=rng.randint(3, 50)), rng.choice(GONE))
    kept = [b for p in plans for b in ([p.booking] if p.booking else []) + p.priors]
    write_bookings(world, kept + world.bookings)


def _booked(world: World, room: DemoRoom, at: dt.datetime, state: str, closed: dt.datetime | None = None,
            reason: str = "") -> None:
    rng = world.rng
    gender = rng.choice("MF")
    name = dd.surname(rng) + dd.given_name(rng, gender, dd.birth_date(rng, world.today, 26, 60))
    made = _made(world, room, min(at, closed or at), 0 if state == BOOKED else 1, 6)
    if made is None or (closed is not None and closed > world.cutoff):
        return
    world.bookings.append(Booking(room, name, dd.mobile(rng), at, made, world.desk(), state,
                                  rng.choice(ASKED) if state == BOOKED else "", closed, reason))


def write_bookings(world: World, bookings: list[Booking]) -> None:
    """Ids in the order they were made; ``book``'s entry, then ``cancel``'s or ``missed``'s."""
    if not bookings:
        return
    bookings.sort(key=lambda b: b.made_at)
    first = world.ctx.reserve_ids(Appointment, len(bookings))
    rows, log = [], world.log
    for i, b in enumerate(bookings):
        b.id = first + i
        row = dict(id=b.id, room=b.room.id, person=None, name=b.name, phone=b.phone, at=b.at, made_at=b.made_at,
                   made_by=b.made_by, state=BOOKED, note=b.note)
        log.add(b.made_at, "appointment.book", "handover_appointment", b.id,
                f"{b.room.code} {b.name} {b.at:%Y-%m-%d %H:%M}", after=snapshot(Appointment, row))
        if b.state in (CANCELLED, MISSED):
            log.add(b.closed_at, f"appointment.{'cancel' if b.state == CANCELLED else 'missed'}",
                    "handover_appointment", b.id, b.reason, {"state": BOOKED}, {"state": b.state})
        rows.append((b.id, b.room.id, None, b.name, b.phone, b.at, b.made_at, b.made_by, b.state, b.kept_note))
    a = Appointment
    world.insert(a, [a.id, a.room, a.person, a.name, a.phone, a.at, a.made_at, a.made_by, a.state, a.note], rows)
