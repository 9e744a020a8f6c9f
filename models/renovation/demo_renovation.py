"""The demo's renovations (演示数据: 装修管理): two years of an office's applications, works, inspections,
rectification notices and deposits, made by this part (money only takes and gives back the money).

Two steps. "renovation_plan", before money's (order 45), claims the renovation events and decides the
applications: the works going on in the rooms the records part left 装修中 (its renovation events),
past works after purchases (as money's own demo drew them) and some kitchens and bathrooms redone,
and the applications not (yet) on site in every state: waiting for review (some while the engineering
supervisor is away, some without their fees), more papers asked for, rejected, approved but not
started, accepted and waiting for the deposit. Those whose fees were taken have their deposits
ordered from money (``order_renovation_deposits``), played in money's book: the receipt numbered in
time, the deposits refunded after the acceptance, with money's deductions and lost passes.
"renovation", after money's (order 55), writes the rows linked to what money wrote (see demo_rows).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from models.demo_context import DemoContext, DemoEvent, DemoRoom, demo_guard, demo_step
from models.i18n import _
from models.money.demo_book import add_months
from models.money.demo_deposits import DepositOrder, order_renovation_deposits
from models.records.estate import HANDED_OVER, LET, OCCUPIED, RENOVATING, VACANT
from models.renovation.works import (ACCEPTED, APPROVED, COMPLETION, IN_WORKS, MORE_PAPERS, REJECTED, SETTLED,
                                     SUBMITTED, SUSPENDED)

PART = "renovation"
PLAN = "renovation.plan"          # ctx.shared: the planned applications, for the writing step
MIN_ON_SITE = 6                   # a small estate still shows works of each kind going on
AWAY_DAYS = 4                     # the engineering supervisor is away these last days: the director stands in
FULL = ("walls", "floors", "plumbing", "electrics", "kitchen", "windows", "furniture", "aircon")
PARTIAL = (("kitchen", "plumbing"), ("walls",), ("floors", "walls"), ("plumbing", "kitchen", "electrics"),
           ("balcony", "windows"), ("aircon",), ("furniture", "walls"), ("plumbing",))
SHOP = ("walls", "floors", "electrics", "partition")
WORKS_NOTES = ("主卧衣柜定制", "更换入户门", "阳台改洗衣区", "卫生间重新做防水", "客厅吊顶", "厨房橱柜更换") + ("",) * 8
SHOP_NOTES = ("商铺装修（便利店）", "商铺装修（药店）", "商铺装修（餐饮，已办理油烟审批）", "商铺装修（美发店）")


@dataclass(eq=False)
class Job:
    """One application as planned, by day; times, ids and numbers come in the writing step."""
    room: DemoRoom
    owner: int
    fate: str                          # the state it is in today (past works: settled for now, see demo_rows)
    day: dt.date                       # the papers taken, and the fees with them when taken
    fees: bool = True
    workers: int = 4
    works: tuple = ()
    works_note: str = ""
    decision: str = ""                 # approve, reject or ask_papers: the last decision
    decided: dt.date | None = None
    told: bool = True                  # the owner told of the decision
    start_on: dt.date | None = None    # planned
    end_on: dt.date | None = None
    started: dt.date | None = None
    completion: dt.date | None = None
    accepted: dt.date | None = None
    note: str = ""
    agent: bool = False
    event: DemoEvent | None = None
    order: DepositOrder | None = None
    turned: str = ""                   # the room's state before this demo made it 装修中 ("" if it was already)
    before: str = ""                   # the room's state the works interrupted (room_state_before)
    end: dict = field(default_factory=dict)     # what the writing step works out (times, ids, numbers)

    @property
    def on_site(self) -> bool:
        return self.fate in (IN_WORKS, SUSPENDED, COMPLETION)


@demo_guard
def _no_renovations() -> str | None:
    from models.renovation.works import Renovation
    if Renovation.select().exists():
        return _("The database already holds renovation applications; a demo estate is generated only into an "
                 "empty database.")
    return None


@demo_step("renovation_plan", order=45)
def _plan_step(ctx: DemoContext) -> None:
    ctx.claim("renovation", PART)
    planner = _Planner(ctx)
    planner.on_site()
    planner.not_on_site()
    planner.past()
    planner.order_deposits()
    ctx.shared[PLAN] = planner.jobs


@demo_step("renovation", order=55, weight=3)
def _renovation_step(ctx: DemoContext) -> None:
    from models.renovation.demo_rows import write_jobs
    write_jobs(ctx, ctx.shared.pop(PLAN, None) or [])


def away_from(today: dt.date) -> dt.date:
    """Since when the engineering supervisor is away (training, leave): applications wait, the director
    decides only what cannot wait, the desk does the rounds."""
    return today - dt.timedelta(days=AWAY_DAYS)


def first_month(today: dt.date) -> dt.date:
    """The first of the 24 months money's demo keeps accounts for."""
    return add_months(today.replace(day=1), -23)


def working_day(day: dt.date, forward: bool = True) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1 if forward else -1)
    return day


class _Planner:
    def __init__(self, ctx: DemoContext):
        self.ctx, self.rng, self.today = ctx, ctx.rng("renovation"), ctx.today
        self.first = first_month(ctx.today)
        self.jobs: list[Job] = []
        self.used: set[int] = set()
        from models.renovation.demo_site import open_from
        self.open_from = open_from(ctx.today)
        homes = [r for r in ctx.rooms if r.use != "parking" and r.owner is not None and r.owner_since is not None]
        held = ctx.today - dt.timedelta(days=60)
        pool = [r for r in homes if r.state in (HANDED_OVER, OCCUPIED) and r.owner_since <= held]
        self.rng.shuffle(pool)
        pool.sort(key=lambda r: r.state == HANDED_OVER)     # 交房 rooms last, as they are taken first (pop)
        self.pool, self.homes = pool, homes

    def days(self, low: int, high: int) -> dt.timedelta:
        return dt.timedelta(days=self.rng.randint(low, high))

    def _job(self, room: DemoRoom, fate: str, day: dt.date, **more) -> Job:
        rng, full = self.rng, more.pop("full", False)
        if room.use == "shop":
            works, note = SHOP, rng.choice(SHOP_NOTES)
        elif room.state == HANDED_OVER or full:
            works, note = tuple(k for k in FULL if rng.random() < 0.8) or FULL[:4], rng.choice(WORKS_NOTES)
        else:
            works, note = rng.choice(PARTIAL), rng.choice(WORKS_NOTES)
        workers = rng.randint(4, 8) if len(works) >= 4 else rng.randint(2, 4)
        job = Job(room, room.owner, fate, day, workers=workers, works=works, works_note=note,
                  agent=rng.random() < 0.12, **more)
        self.jobs.append(job)
        self.used.add(room.id)
        return job

    def _decide(self, job: Job, decision: str, low: int = 1, high: int = 3) -> None:
        job.decision = decision
        job.decided = self.weekday(min(self.today, job.day + self.days(low, high)), job.day)

    def weekday(self, day: dt.date, earliest: dt.date) -> dt.date:
        """The working day nearest ``day``: the Friday before, or the Monday after if that is not too early or
        still to come."""
        if day.weekday() < 5:
            return day
        before = day - dt.timedelta(days=day.weekday() - 4)
        after = day + dt.timedelta(days=7 - day.weekday())
        return before if before >= earliest else after if after <= self.today else day

    # --- the works going on --------------------------------------------------------------------

    def on_site(self) -> None:
        ctx, today = self.ctx, self.today
        rooms = {r.id: r for r in ctx.rooms}
        going = []
        for event in ctx.events_of("renovation"):
            room = rooms.get(event.room_id)
            if event.until is None and room is not None and room.state == RENOVATING and room.id not in self.used:
                going.append((room, event))
                self.used.add(room.id)
        for room in self.pool[::-1][:max(0, MIN_ON_SITE - len(going))]:   # a small estate: a few more rooms in works
            on = max(room.owner_since + dt.timedelta(days=1), today - self.days(8, 40))
            event = DemoEvent("renovation", on, room.id, room.owner)
            ctx.events.append(event)
            going.append((room, event))
            self.used.add(room.id)
        self.pool = [r for r in self.pool if r.id not in self.used]
        jobs = [self._going(room, event) for room, event in going]
        self._fates_on_site(jobs)

    def _going(self, room: DemoRoom, event: DemoEvent) -> Job:
        turned = ""
        if room.state != RENOVATING:
            turned, room.state = room.state, RENOVATING
        job = self._job(room, IN_WORKS, event.on, event=event, turned=turned, before=turned or HANDED_OVER,
                        full=True)
        self._decide(job, "approve", 0, 2)
        job.started = self.weekday(min(self.today, job.decided + self.days(0, 3)), job.decided)
        job.start_on = job.started
        job.end_on = job.started + self.days(45, 120)
        return job

    def _fates_on_site(self, jobs: list[Job]) -> None:
        """Most in works; some waiting for the acceptance; a few suspended for an overdue notice."""
        rng, today = self.rng, self.today
        latest = today - dt.timedelta(days=6)          # a notice issued, its deadline past, the works stopped
        ready = [j for j in jobs if j.started <= today - dt.timedelta(days=25)]
        for job in rng.sample(ready, min(len(ready), max(1, round(len(jobs) * 0.06)))):
            job.fate = COMPLETION
            job.completion = max(job.started + dt.timedelta(days=20), today - self.days(0, 4))
        stoppable = [j for j in jobs if j.fate == IN_WORKS and j.started <= latest
                     and max(j.started, self.open_from) <= latest]
        count = min(len(stoppable), max(2, round(len(jobs) * 0.03)))
        # One at least stopped long enough ago for a month's report to have taken its notice (escalated).
        old = [j for j in stoppable if j.started < self.open_from - dt.timedelta(days=10)]
        chosen = rng.sample(old, 1) if old else []
        rest = [j for j in stoppable if j not in chosen]
        for job in chosen + rng.sample(rest, min(len(rest), count - len(chosen))):
            job.fate = SUSPENDED

    # --- applications not on site ------------------------------------------------------------------

    def not_on_site(self) -> None:
        share = max(len([j for j in self.jobs if j.on_site]), MIN_ON_SITE)
        wanted = ((self._submitted, max(3, round(share * 0.05))), (self._more_papers, max(1, round(share * 0.02))),
                  (self._approved, max(2, round(share * 0.05))), (self._accepted, max(1, round(share * 0.03))),
                  (self._rejected_paid, max(1, round(share * 0.01))), (self._rejected, max(2, round(share * 0.03))))
        for make, count in wanted:
            for i in range(count):
                if not self.pool:
                    return
                make(self.pool.pop(), i)

    def _submitted(self, room: DemoRoom, i: int) -> None:
        """Waiting for review: today's and yesterday's; some while the engineering supervisor is away; some
        whose owner will come back to pay."""
        kind = i % 3
        day = self.today - self.days(1, AWAY_DAYS) if kind == 1 else self.today - self.days(0, 1)
        job = self._job(room, SUBMITTED, day, fees=kind != 2)
        if kind == 1:
            job.note = self.rng.choice(("工程主管外出培训，待返岗后审批", "工程主管休假，待返岗后审批"))
        elif kind == 2:
            job.note = self.rng.choice(("业主称费用下次来时缴纳", "业主未带足费用，约定开工前缴清", ""))
        self._plan_dates(job)

    def _more_papers(self, room: DemoRoom, i: int) -> None:
        job = self._job(room, MORE_PAPERS, self.today - self.days(3, 20))
        self._decide(job, "ask_papers")
        job.told = i % 3 != 1 and job.decided < self.today
        self._plan_dates(job)

    def _approved(self, room: DemoRoom, i: int) -> None:
        job = self._job(room, APPROVED, self.today - self.days(2, 15))
        self._decide(job, "approve")
        job.told = i % 3 != 1
        job.start_on = job.decided + self.days(1, 12)
        job.end_on = job.start_on + self.days(30, 100)

    def _accepted(self, room: DemoRoom, _i: int) -> None:
        """Accepted these last days: the deposits not yet given back (settled when the owner comes)."""
        job = self._job(room, ACCEPTED, self.today - self.days(45, 100), before=room.state)
        self._works_done(job, self.today - self.days(3, 8), self.today - self.days(1, 2))

    def _rejected_paid(self, room: DemoRoom, _i: int) -> None:
        """Rejected after the fees were taken: the deposits wait to be settled."""
        job = self._job(room, REJECTED, self.today - self.days(5, 25))
        self._decide(job, "reject")
        job.told = True
        self._plan_dates(job)

    def _rejected(self, room: DemoRoom, _i: int) -> None:
        """Rejected before anything was paid, over the two years."""
        span = max(1, (self.today - self.first).days - 40)
        job = self._job(room, REJECTED, max(room.owner_since, self.first) + self.days(5, span), fees=False)
        job.day = min(job.day, self.today - dt.timedelta(days=30))
        self._decide(job, "reject")
        self._plan_dates(job)

    def _plan_dates(self, job: Job) -> None:
        job.start_on = job.day + self.days(5, 20)
        job.end_on = job.start_on + self.days(30, 100)

    def _works_done(self, job: Job, completion: dt.date, accepted: dt.date) -> None:
        self._decide(job, "approve", 1, 2)
        job.started = self.weekday(job.decided + self.days(1, 4), job.decided)
        job.start_on = job.started
        job.completion = max(completion, job.started + dt.timedelta(days=10))
        job.accepted = self.weekday(max(accepted, job.completion + dt.timedelta(days=1)), job.completion)
        job.end_on = max(job.completion, job.started + self.days(20, 40))
        job.event = DemoEvent("renovation", job.day, job.room.id, job.owner, until=job.accepted)

    # --- the past ---------------------------------------------------------------------------------------

    def past(self) -> None:
        """Works after a purchase (as money's own demo drew them), and a few lived-in homes redone."""
        rng, today = self.rng, self.today
        done: list[Job] = []
        for room in self.homes:
            if room.id in self.used or room.state not in (OCCUPIED, LET):
                continue
            start = room.owner_since + self.days(15, 60)
            if start < self.first or rng.random() > 0.7:
                continue
            end = start + self.days(45, 110)                 # two to three months for a whole home
            if end < today - dt.timedelta(days=5):
                done.append(self._past_job(room, start, end, full=True))
        lived = [r for r in self.homes if r.id not in self.used and r.state == OCCUPIED]
        rng.shuffle(lived)
        span = (today - self.first).days - 70
        for room in lived[:max(0, 5 - len(done)) + round(len(done) * 0.05)]:
            start = max(self.first, room.owner_since) + self.days(5, max(5, span))
            if start + dt.timedelta(days=60) <= today - dt.timedelta(days=20):
                done.append(self._past_job(room, start, start + self.days(20, 50)))
        self.ctx.events += [job.event for job in done]

    def _past_job(self, room: DemoRoom, start: dt.date, end: dt.date, full: bool = False) -> Job:
        job = self._job(room, SETTLED, start, full=full, before=HANDED_OVER if full else OCCUPIED)
        self._works_done(job, end - self.days(1, 4), end)
        return job

    # --- money ---------------------------------------------------------------------------------------------

    def order_deposits(self) -> None:
        """The fees taken on money's receipt; the deposits refunded after the acceptance (past works)."""
        months_end = self.today.replace(day=1)
        for job in self.jobs:
            room = job.room
            handed = room.ready if room.ready.day == 1 else add_months(room.ready, 1)
            if not job.fees or room.state == VACANT or job.day < self.first or handed > months_end:
                job.fees = False
                continue
            event = job.event or DemoEvent("renovation", job.day, room.id, job.owner)
            finished = job.accepted if job.fate == SETTLED else None
            job.order = order_renovation_deposits(self.ctx, event, job.workers, finished)

