"""The demo estate (演示数据): a realistic office's records, for trying the program out.

``generate(actor, rooms)`` fills an empty database in one transaction: demo
users of every role, buildings and rooms, owners, co-owners, tenants and
residents with their histories (transfers, ended tenancies) and a sample of
the ID-copy register. The work is a list of steps run in order; a later module
(fees and receipts, renovations, keys, letters...) adds its own step with
``@demo_step`` and builds on what the earlier steps left in the ``DemoContext``
(rooms with their owners and tenants, people, past events, staff names).

Rows go in as bulk inserts so that 20,000 rooms take seconds, and every derived
column is filled exactly as the domain operations fill it (pinyin initials,
reversed ID and phone tails, room code and floor), so search and the integrity
check (models/check.py) see the demo as they see real records.
"""
from __future__ import annotations

import datetime as dt
import math
import random
import time
from dataclasses import dataclass
from typing import Callable

import peewee as pw

from models import audit, users
from models import demo_data as dd
from models import validation as v
from models.db import database, is_sqlite, write_tx
from models.errors import Conflict, InvalidInput
from models.estate import HANDED_OVER, LET, OCCUPIED, RENOVATING, VACANT, Building, Entrance, Room
from models.i18n import _
from models.people import CO_OWNER, OWNER, RESIDENT, TENANT, IdCopy, Person, Phone, RoomParty, Vehicle, initials_of

# Printed by the command line after generating (DemoSummary.lines); the README should name them too.
DEMO_PASSWORD = "demo123"
DEMO_USERS = (  # username, display name, role
    ("admin", "管理员", users.ADMIN),
    ("clerk", "李静", users.CLERK),
    ("supervisor", "王芳", users.CS_SUPERVISOR),
    ("engineer", "赵建国", users.ENG_SUPERVISOR),
    ("finance", "钱丽", users.FINANCE),
    ("director", "孙志强", users.DIRECTOR),
)
MIN_ROOMS, MAX_ROOMS = 10, 50_000
PROGRESS_TOTAL = 1000
BATCH = 5000    # rows written between two progress reports, so Cancel is heard while writing

users.register_permission("demo.generate", {users.ADMIN}, "generate a demo estate")


@dataclass(slots=True)
class DemoRoom:
    """A generated room and who holds it now, for the steps that follow."""
    id: int
    code: str
    use: str
    state: str
    area_dm2: int
    ready: dt.date                       # the building's handover (交房) date
    owner: int | None = None             # current owner's person id
    owner_since: dt.date | None = None
    tenant: int | None = None            # current tenant's person id
    tenant_since: dt.date | None = None
    lease_end: dt.date | None = None


@dataclass(frozen=True, slots=True)
class DemoEvent:
    """Something that happened at the desk in the past, for later steps to give its paperwork."""
    kind: str            # transfer, move_in, move_out, renovation, parking
    on: dt.date
    room_id: int
    person_id: int


@dataclass
class DemoSummary:
    seed: int
    rooms: int
    buildings: int
    people: int
    counts: dict[str, int]
    users: list[tuple[str, str, str]]    # (username, display name, role) of the users created
    password: str = DEMO_PASSWORD
    seconds: float = 0.0

    def lines(self) -> list[str]:
        """What the command line prints after generating."""
        out = [_("Demo estate generated: {rooms} rooms in {buildings} buildings, {people} people "
                 "({seconds:.1f} s, seed {seed}).").format(rooms=self.rooms, buildings=self.buildings,
                                                            people=self.people, seconds=self.seconds, seed=self.seed)]
        if self.users:
            out.append(_("Demo users (password {password}):").format(password=self.password))
            out += [f"  {name}  {display}  {users.role_label(role)}" for name, display, role in self.users]
        return out


# --- steps ------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoStep:
    key: str
    order: int                            # steps run by ascending order
    weight: int                           # share of the progress bar
    run: Callable[["DemoContext"], None]


STEPS: dict[str, DemoStep] = {}


def demo_step(key: str, *, order: int, weight: int = 1):
    """Register a demo step; a module's step runs when that module has been imported."""
    def register(fn):
        STEPS[key] = DemoStep(key, order, weight, fn)
        return fn
    return register


def _sqlite_value(value):
    # Dates as peewee stores them on SQLite, without relying on sqlite3's deprecated default adapters.
    if isinstance(value, dt.datetime):
        return value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class DemoContext:
    """What the steps share: the actor, one random stream per step, bulk writers, and what was made."""

    def __init__(self, actor, seed: int, rooms_wanted: int, today: dt.date, progress=None):
        self.actor, self.seed, self.rooms_wanted, self.today = actor, seed, rooms_wanted, today
        self.rooms: list[DemoRoom] = []
        self.people: dict[int, dd.NewPerson] = {}
        self.events: list[DemoEvent] = []
        self.staff: dict[str, str] = {}              # role → display name of the demo user
        self.created_users: list[tuple[str, str, str]] = []
        self.counts: dict[str, int] = {}
        self._next_ids: dict[str, int] = {}
        self._progress = progress
        self._reported = -1
        self._base = 0.0
        self._span = 0.0

    def rng(self, key: str) -> random.Random:
        """Each step has its own stream, so a step added later does not change the others' data."""
        return random.Random(f"{self.seed}/{key}")

    def first_free_id(self, model: type[pw.Model]) -> int:
        table = model._meta.table_name
        if table not in self._next_ids:
            self._next_ids[table] = (model.select(pw.fn.MAX(model._meta.primary_key)).scalar() or 0) + 1
        return self._next_ids[table]

    def reserve_ids(self, model: type[pw.Model], count: int) -> int:
        first = self.first_free_id(model)
        self._next_ids[model._meta.table_name] = first + count
        return first

    def insert(self, model: type[pw.Model], fields: list[pw.Field], rows: list[tuple]) -> None:
        """Bulk insert inside the generate transaction; counts the rows per table."""
        if not rows:
            return
        table = model._meta.table_name
        self.counts[table] = self.counts.get(table, 0) + len(rows)
        db = database.obj
        if is_sqlite(db):
            # One prepared statement for all rows: about three times faster than multi-row VALUES.
            sql = 'INSERT INTO "{}" ({}) VALUES ({})'.format(
                table, ", ".join(f'"{f.column_name}"' for f in fields), ", ".join("?" * len(fields)))
            db.connection().executemany(sql, [tuple(_sqlite_value(x) for x in row) for row in rows])
            return
        per_chunk = max(1, 15000 // len(fields))
        for start in range(0, len(rows), per_chunk):
            model.insert_many(rows[start:start + per_chunk], fields=fields).as_rowcount().execute()

    def audit_each(self, action: str, model: type[pw.Model], ids: list[int]) -> None:
        summary = _("demo data")
        audit.record_many(self.actor, action, model._meta.table_name, [(i, summary, None) for i in ids])

    def audit_table(self, model: type[pw.Model]) -> None:
        table = model._meta.table_name
        audit.record(self.actor, "demo.generate", entity=table,
                     summary=_("demo data: {count} rows").format(count=self.counts.get(table, 0)))

    def run_step(self, step: DemoStep, share: float) -> None:
        self._span = PROGRESS_TOTAL * share
        step.run(self)
        self.advance(1, 1)
        self._base += self._span

    def advance(self, done: int, total: int) -> None:
        """Progress within the current step; raises ``Cancelled`` if the caller says so."""
        if self._progress is None:
            return
        value = int(self._base + self._span * min(done, total) / max(total, 1))
        if value != self._reported:
            self._reported = value
            self._progress(value, PROGRESS_TOTAL)


def generate(actor, rooms: int = 600, *, seed: int = 2026, progress=None,
             today: dt.date | None = None) -> DemoSummary:
    """Fill an empty database with a demo estate of ``rooms`` rooms (10 to 50,000).

    Refused when the database already holds rooms. Deterministic for a given
    seed and day. ``progress(done, total)`` may raise ``Cancelled``; nothing is
    then written.
    """
    actor.require("demo.generate")
    if not isinstance(rooms, int) or not MIN_ROOMS <= rooms <= MAX_ROOMS:
        raise InvalidInput(_("A demo estate has {low} to {high} rooms.").format(low=MIN_ROOMS, high=MAX_ROOMS),
                           field="rooms")
    started = time.monotonic()
    ctx = DemoContext(actor, seed, rooms, today or dt.date.today(), progress)
    steps = sorted(STEPS.values(), key=lambda s: s.order)
    weights = sum(s.weight for s in steps)
    with write_tx():
        if Room.select().exists() or Building.select().exists():
            raise Conflict(_("The database already holds buildings and rooms; a demo estate is generated only "
                             "into an empty database."))
        ctx.advance(0, 1)
        for step in steps:
            ctx.run_step(step, step.weight / weights)
        _sync_sequences((Building, Entrance, Room, Person))
        audit.record(actor, "demo.generate", entity="demo",
                     summary=_("Demo estate generated with seed {seed}: {rooms} rooms, {people} people.").format(
                         seed=seed, rooms=len(ctx.rooms), people=len(ctx.people)))
    return DemoSummary(seed=seed, rooms=len(ctx.rooms), buildings=ctx.counts.get("building", 0),
                       people=len(ctx.people), counts=dict(ctx.counts), users=list(ctx.created_users),
                       seconds=time.monotonic() - started)


def _sync_sequences(models) -> None:
    """PostgreSQL: rows were inserted with explicit ids, so move each id sequence past them."""
    db = database.obj
    if is_sqlite(db):
        return
    for model in models:
        table = model._meta.table_name
        db.execute_sql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                       f'COALESCE((SELECT MAX(id) FROM "{table}"), 0) + 1, false)')


# --- users ------------------------------------------------------------------------


@demo_step("users", order=10)
def _users_step(ctx: DemoContext) -> None:
    """A user of each role; a username already taken (the first administrator) is kept as it is."""
    existing = {u.username: u for u in users.User.select()}
    for i, (username, display, role) in enumerate(DEMO_USERS):
        user = existing.get(username)
        if user is None:
            user = users.create_user(ctx.actor, username, display, role, DEMO_PASSWORD)
            ctx.created_users.append((username, display, role))
        ctx.staff.setdefault(user.role, user.display_name)
        ctx.advance(i + 1, len(DEMO_USERS))
    for _username, display, role in DEMO_USERS:
        ctx.staff.setdefault(role, display)


# --- estate -----------------------------------------------------------------------

SPACES_PER_LEVEL, LEVELS_PER_GARAGE = 500, 2


@dataclass
class _BuildingPlan:
    code: str
    entrances: int
    floors: int
    per_floor: int
    rooms: int                  # may stop short of entrances × floors × per_floor in the last building
    shops: bool = False         # ground floor let as shops (底商)
    parking: bool = False
    ready: dt.date | None = None


def _plan_estate(rng: random.Random, total: int, today: dt.date) -> list[_BuildingPlan]:
    parking = total // 10 if total >= 200 else 0
    plans: list[_BuildingPlan] = []
    left = total - parking
    while left > 0:
        entrances = rng.choices((1, 2, 3, 4), (20, 40, 25, 15))[0]
        kind = rng.choices(("multi", "mid", "high"), (25, 40, 35))[0]   # 多层 / 小高层 / 高层
        floors = {"multi": rng.randint(6, 9), "mid": rng.randint(11, 18), "high": rng.randint(24, 33)}[kind]
        per_floor = rng.choices((2, 3, 4), (40, 30, 30))[0]
        while entrances > 1 and entrances * floors * per_floor > left:
            entrances -= 1
        if floors * per_floor > left:
            floors = math.ceil(left / per_floor)
        count = min(left, entrances * floors * per_floor)
        plans.append(_BuildingPlan(str(len(plans) + 1), entrances, floors, per_floor, count,
                                   shops=floors >= 6 and rng.random() < 0.3))
        left -= count
    # Built in up to five phases (一期…五期), the newest handed over in the last year or two.
    phases = min(5, max(1, math.ceil(len(plans) / 4)))
    first = today - dt.timedelta(days=rng.randint(8 * 365, 14 * 365))
    last = today - dt.timedelta(days=rng.randint(90, 540)) if phases > 1 else first
    for i, plan in enumerate(plans):
        phase = i * phases // len(plans)
        plan.ready = first + (last - first) * phase / max(phases - 1, 1) + dt.timedelta(days=rng.randint(0, 30))
        plan.ready = min(plan.ready, today)
    for g in range(math.ceil(parking / (SPACES_PER_LEVEL * LEVELS_PER_GARAGE))):
        spaces = min(parking - g * SPACES_PER_LEVEL * LEVELS_PER_GARAGE, SPACES_PER_LEVEL * LEVELS_PER_GARAGE)
        plans.append(_BuildingPlan(f"P{g + 1}", 1, LEVELS_PER_GARAGE, SPACES_PER_LEVEL, spaces, parking=True,
                                   ready=plans[0].ready))
    return plans


_STATES = (VACANT, HANDED_OVER, RENOVATING, OCCUPIED, LET)
_STATE_WEIGHTS = {            # per use and building age: new buildings are still moving in
    "new": (15, 30, 25, 25, 5),
    "residential": (3, 6, 3, 68, 20),
    "shop": (15, 0, 5, 25, 55),
    "parking": (30, 0, 0, 70, 0),
}


def _room_numbers(plan: _BuildingPlan):
    """(entrance code, floor, number) in the order a building is listed; parking as B1001, B1002…"""
    made = 0
    for e in range(plan.entrances):
        entrance = str(e + 1) if plan.entrances > 1 else ""
        for floor in range(1, plan.floors + 1):
            for pos in range(1, plan.per_floor + 1):
                if made == plan.rooms:
                    return
                made += 1
                number = f"B{floor}{pos:03d}" if plan.parking else f"{floor}{pos:02d}"
                yield entrance, floor, pos, number


@demo_step("estate", order=20, weight=2)
def _estate_step(ctx: DemoContext) -> None:
    rng = ctx.rng("estate")
    plans = _plan_estate(rng, ctx.rooms_wanted, ctx.today)
    building_id = ctx.reserve_ids(Building, len(plans))
    entrance_id = ctx.first_free_id(Entrance)
    room_id = ctx.reserve_ids(Room, ctx.rooms_wanted)
    buildings, entrances, rooms = [], [], []
    for plan in plans:
        note = "地下停车库" if plan.parking else f"{plan.ready.year}年交房"
        buildings.append((building_id, plan.code, note))
        entrance_ids: dict[str, int] = {}
        # One floor plan per building: room 01 has the same area on every floor.
        layout = [rng.randint(6000, 18000) for _p in range(plan.per_floor)]
        shop_areas = [rng.randint(3000, 15000) for _p in range(plan.per_floor)]
        age = "new" if (ctx.today - plan.ready).days < 730 else "residential"
        for entrance, floor, pos, number in _room_numbers(plan):
            if entrance not in entrance_ids:
                entrance_ids[entrance] = entrance_id
                entrances.append((entrance_id, building_id, entrance))
                entrance_id += 1
            if plan.parking:
                use, area, weights = "parking", rng.choice((1200, 1250, 1250, 1250, 1300, 1380)), "parking"
            elif plan.shops and floor == 1:
                use, area, weights = "shop", shop_areas[pos - 1], "shop"
            else:
                use, area, weights = "residential", layout[pos - 1], age
            state = rng.choices(_STATES, _STATE_WEIGHTS[weights])[0]
            note = ""
            if use == "shop" and state != VACANT:
                note = rng.choice(dd.SHOP_NOTES)
            elif use == "residential" and rng.random() < 0.03:
                note = rng.choice(dd.ROOM_NOTES)
            code = v.room_code(plan.code, entrance, number)
            rooms.append((room_id, building_id, entrance_ids[entrance], number, v.floor_of(number), code, area, use,
                          state, note, dt.datetime.combine(plan.ready, dt.time(9))))
            ctx.rooms.append(DemoRoom(room_id, code, use, state, area, plan.ready))
            room_id += 1
        building_id += 1
        ctx.advance(6 * len(rooms), 10 * ctx.rooms_wanted)   # planning is 60% of this step, writing the rest
    ctx.reserve_ids(Entrance, len(entrances))
    ctx.insert(Building, [Building.id, Building.code, Building.note], buildings)
    ctx.insert(Entrance, [Entrance.id, Entrance.building, Entrance.code], entrances)
    ctx.insert(Room, [Room.id, Room.building, Room.entrance, Room.number, Room.floor, Room.code, Room.area_dm2,
                      Room.use, Room.state, Room.note, Room.created_at], rooms)
    ctx.audit_table(Building)
    ctx.audit_table(Entrance)
    for start in range(0, len(rooms), BATCH):
        ctx.audit_each("room.create", Room, [r[0] for r in rooms[start:start + BATCH]])
        ctx.advance(7 * len(rooms) + 3 * min(start + BATCH, len(rooms)), 10 * len(rooms))


# --- people and their ties to rooms -------------------------------------------------


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


class _Households:
    """Owners, families, tenants and their pasts, room by room (no database access)."""

    def __init__(self, ctx: DemoContext, rng: random.Random, used_ids: set[str]):
        self.ctx, self.rng, self.today = ctx, rng, ctx.today
        self.maker = dd.PersonMaker(rng, ctx.today, ctx.first_free_id(Person), used_ids)
        self.ties: list[tuple] = []
        self.investors: list[dd.NewPerson] = []     # owners who buy more than one room
        self.car_owners: list[dd.NewPerson] = []    # have a car and no parking space yet
        self.owner_since: dict[int, dt.date] = {}   # current owners, for the parking spaces they buy
        self.owner_list: list[dd.NewPerson] = []

    def tie(self, room: DemoRoom, person: dd.NewPerson, role: str, start: dt.date, *, end=None, reason="",
            relation="", lease_end=None, doc="", head=None) -> None:
        self.ties.append((room.id, person.id, role, relation, start, end, lease_end, doc, reason,
                          head.id if head is not None else None, dd.office_time(self.rng, start)))

    def event(self, kind: str, on: dt.date, room: DemoRoom, person: dd.NewPerson) -> None:
        self.ctx.events.append(DemoEvent(kind, on, room.id, person.id))

    def _ages(self, start: dt.date, youngest: int = 22, oldest: int = 72) -> dict:
        """Ages today of someone at least ``youngest`` on ``start``."""
        low = max(youngest + 3, (self.today - start).days // 365 + youngest)
        return dict(min_age=low, max_age=max(low + 10, oldest))

    def owners(self, room: DemoRoom, start: dt.date, end: dt.date | None = None):
        """The owner (and a spouse, co-owner on the deed or not) from ``start``; a transfer ends them at ``end``."""
        rng = self.rng
        spouse, co_owned = None, False
        reuse = 0.3 if room.use == "shop" else {LET: 0.3, HANDED_OVER: 0.2}.get(room.state, 0.03)
        candidate = rng.choice(self.investors) if self.investors and end is None and rng.random() < reuse else None
        if candidate is not None and candidate.age(start) >= 22:
            owner = candidate
        elif room.use == "residential" and rng.random() < (0.6 if room.state == OCCUPIED else 0.35):
            owner, spouse = self.maker.couple(start, **self._ages(start))
            # A spouse off the deed is recorded only where the family lives (as a resident).
            co_owned = end is not None or room.state != OCCUPIED or rng.random() < 0.6
        else:
            owner = self.maker.person(start, **self._ages(start))
        if owner is not candidate and rng.random() < 0.12:
            self.investors.append(owner)
        deed = dd.deed_number(rng, start.year)
        reason = "transfer" if end else ""
        self.tie(room, owner, OWNER, start, end=end, reason=reason, doc=deed)
        if co_owned:
            self.tie(room, spouse, CO_OWNER, start, end=end, reason=reason, relation=dd.SPOUSE, doc=deed)
        if end is None:
            self._current_owner(owner, start)
        return owner, spouse, co_owned

    def _current_owner(self, owner: dd.NewPerson, since: dt.date) -> None:
        if owner.id not in self.owner_since:
            self.owner_since[owner.id] = since
            self.owner_list.append(owner)

    def household(self, room: DemoRoom) -> None:
        rng, today = self.rng, self.today
        first = min(today, room.ready + _days(rng.randint(0, 120)))
        since, held = first, (today - first).days
        if room.state == RENOVATING and held > 400 and rng.random() < 0.7:
            since = today - _days(rng.randint(20, 200))         # bought second-hand, now renovating
        elif held > 800 and rng.random() < 0.08:
            since = first + _days(rng.randint(365, held - 30))   # 过户 some years after handover
        if since != first:
            self.owners(room, first, end=since)
        owner, spouse, co_owned = self.owners(room, since)
        room.owner, room.owner_since = owner.id, since
        if since != first:
            self.event("transfer", since, room, owner)
        if room.state == OCCUPIED and room.use == "residential":
            self.family(room, owner, spouse, co_owned, since)
        elif room.state == LET:
            self.tenancy(room, since)
        elif room.state == HANDED_OVER and rng.random() < 0.1:
            self.past_tenancy(room, since, today - _days(rng.randint(20, 300)))
        elif room.state == RENOVATING:
            self.event("renovation", max(since, today - _days(rng.randint(1, 60))), room, owner)

    def family(self, room, owner, spouse, co_owned, since) -> None:
        rng = self.rng
        if spouse is not None and not co_owned:
            self.tie(room, spouse, RESIDENT, since, relation=dd.SPOUSE)
        father = spouse if spouse is not None and owner.gender == "F" else owner
        mother = owner if father is spouse else (spouse or owner)
        for _i in range(rng.choices((0, 1, 2, 3), (30, 45, 22, 3) if spouse else (65, 28, 7, 0))[0]):
            child = self.maker.child(since, father, mother.born)
            if child is not None:
                self.tie(room, child, RESIDENT, child.recorded, relation=dd.CHILD)
        if rng.random() < 0.1:   # parents come to help with the grandchildren
            for _i in range(rng.choice((1, 1, 2))):
                came = min(self.today, since + _days(rng.randint(0, 1000)))
                parent = self.maker.parent(came, owner)
                if parent is not None:
                    self.tie(room, parent, RESIDENT, came, relation=dd.PARENT)
        if rng.random() < 0.45:
            driver = spouse if spouse is not None and rng.random() < 0.3 else owner
            self.maker.car(driver)
            self.car_owners.append(driver)

    def tenancy(self, room: DemoRoom, since: dt.date) -> None:
        """The current tenant on a lease (1-3 years), and before them perhaps one who moved out."""
        rng, today = self.rng, self.today
        years = rng.choices((1, 2, 3), (60, 30, 10))[0]
        lease_end = today + _days(rng.randint(15, 365 * years - 15))
        start = lease_end - _days(365 * years - 1)
        if start < since:
            start = min(today, since + _days(rng.randint(7, 60)))
            lease_end = max(lease_end, start + _days(364))
        elif rng.random() < 0.05:   # the lease ran out and the renewal has not been brought in yet
            shift = lease_end - (today - _days(rng.randint(1, 60)))
            if start - shift >= since:
                start, lease_end = start - shift, lease_end - shift
        if (start - since).days > 400 and rng.random() < 0.5:
            self.past_tenancy(room, since, start - _days(rng.randint(1, 45)))
        partner = None
        if room.use == "residential" and rng.random() < 0.3:
            tenant, partner = self.maker.couple(start, **self._ages(start, oldest=60))
        else:
            tenant = self.maker.person(start, **self._ages(start, oldest=60))
            if room.use == "shop":
                tenant.employer = "个体经营"
        self.tie(room, tenant, TENANT, start, lease_end=lease_end, doc=dd.lease_number(rng, start.year))
        if partner is not None:
            self.tie(room, partner, RESIDENT, start, relation=dd.TENANT_FAMILY[dd.SPOUSE], head=tenant)
            if rng.random() < 0.3:
                father = tenant if tenant.gender == "M" else partner
                child = self.maker.child(start, father, (partner if father is tenant else tenant).born)
                if child is not None:
                    self.tie(room, child, RESIDENT, child.recorded, relation=dd.TENANT_FAMILY[dd.CHILD], head=tenant)
        room.tenant, room.tenant_since, room.lease_end = tenant.id, start, lease_end
        self.event("move_in", start, room, tenant)
        if rng.random() < 0.25:
            self.maker.car(tenant)

    def past_tenancy(self, room: DemoRoom, since: dt.date, until: dt.date) -> None:
        """A tenancy that ended (迁出) on or before ``until``: the tenant moved out, goods released."""
        rng = self.rng
        span = (until - since).days
        if span < 200:
            return
        years = rng.choice((1, 1, 2))
        length = min(365 * years - 1, span - 1)
        start = until - _days(rng.randint(min(length, 180), length))
        lease_end = start + _days(365 * years - 1)
        end = min(until, lease_end)
        tenant = self.maker.person(start, **self._ages(start, oldest=60))
        self.tie(room, tenant, TENANT, start, end=end, reason="move_out", lease_end=lease_end,
                 doc=dd.lease_number(rng, start.year))
        if room.use == "residential" and rng.random() < 0.3:
            partner = self.maker.person(start, gender="F" if tenant.gender == "M" else "M", born=tenant.born)
            self.tie(room, partner, RESIDENT, start, end=end, reason="move_out",
                     relation=dd.TENANT_FAMILY[dd.SPOUSE], head=tenant)
        self.event("move_out", end, room, tenant)

    def parking_space(self, room: DemoRoom) -> None:
        """A space bought by a household with a car (车位), which then parks there."""
        rng = self.rng
        if self.car_owners:
            i = rng.randrange(len(self.car_owners))
            self.car_owners[i], self.car_owners[-1] = self.car_owners[-1], self.car_owners[i]
            buyer = self.car_owners.pop()
        elif self.owner_list:
            buyer = self.owner_list[rng.randrange(len(self.owner_list))]
        else:
            buyer = self.maker.person(room.ready, **self._ages(room.ready))
        since = min(self.today, max(room.ready, self.owner_since.get(buyer.id, buyer.recorded))
                    + _days(rng.randint(0, 200)))
        self.tie(room, buyer, OWNER, since, doc=dd.deed_number(rng, since.year))
        room.owner, room.owner_since = buyer.id, since
        self._current_owner(buyer, since)
        space = next((car for car in buyer.vehicles if not car[1]), None)
        if space is not None:
            space[1] = room.code
            self.event("parking", since, room, buyer)


@demo_step("people", order=30, weight=8)
def _people_step(ctx: DemoContext) -> None:
    rng = ctx.rng("people")
    used = {n for (n,) in Person.select(Person.id_number).where(Person.id_number.is_null(False)).tuples()}
    homes = _Households(ctx, rng, used)
    todo = [room for room in ctx.rooms if room.state != VACANT]
    # Progress: rooms make the first half, writing people the next 45%, ties the rest (per mille).
    for i, room in enumerate(todo):
        if room.use == "parking":
            homes.parking_space(room)
        else:
            homes.household(room)
        if i % 500 == 0:
            ctx.advance(500 * i // len(todo), 1000)
    people = homes.maker.people
    ctx.reserve_ids(Person, len(people))
    ctx.people.update((p.id, p) for p in people)
    writer = _PeopleWriter(ctx)
    for start in range(0, len(people), BATCH):
        writer.write(people[start:start + BATCH])
        ctx.advance(500 + 450 * min(start + BATCH, len(people)) // max(len(people), 1), 1000)
    ctx.audit_table(Phone)
    ctx.audit_table(Vehicle)
    ctx.insert(RoomParty, [RoomParty.room, RoomParty.person, RoomParty.role, RoomParty.relation,
                           RoomParty.start_date, RoomParty.end_date, RoomParty.lease_end, RoomParty.document_no,
                           RoomParty.end_reason, RoomParty.head, RoomParty.created_at],
               sorted(homes.ties, key=lambda t: t[-1]))   # in the order the desk recorded them
    ctx.audit_table(RoomParty)



class _PeopleWriter:
    """Person, phone and vehicle rows with their derived columns, as ``create_person`` writes them."""

    def __init__(self, ctx: DemoContext):
        self.ctx = ctx
        self.initials: dict[str, str] = {}   # pypinyin is the slow part, and names repeat
        self.clock = ctx.rng("people/recorded")

    def write(self, people: list[dd.NewPerson]) -> None:
        rows, phones, vehicles = [], [], []
        for p in people:
            if p.name not in self.initials:
                self.initials[p.name] = initials_of(p.name)
            mainland = p.id_type == v.ID_MAINLAND
            created = dd.office_time(self.clock, p.recorded)
            rows.append((p.id, p.name, self.initials[p.name], p.gender, p.id_type, p.id_number, p.id_number[::-1],
                         p.born if mainland else None, p.employer, *p.emergency, p.notes, created, created))
            for i, (number, label) in enumerate(p.phones):
                phones.append((p.id, number, number.replace("-", "")[::-1], label, i == 0))
            vehicles += [(p.id, plate, space, note) for plate, space, note in p.vehicles]
        ctx = self.ctx
        ctx.insert(Person, [Person.id, Person.name, Person.initials, Person.gender, Person.id_type,
                            Person.id_number, Person.id_rev, Person.birth_date, Person.employer,
                            Person.emergency_name, Person.emergency_relation, Person.emergency_phone, Person.notes,
                            Person.created_at, Person.updated_at], rows)
        ctx.insert(Phone, [Phone.person, Phone.number, Phone.number_rev, Phone.label, Phone.is_primary], phones)
        ctx.insert(Vehicle, [Vehicle.person, Vehicle.plate, Vehicle.parking_space, Vehicle.note], vehicles)
        ctx.audit_each("person.create", Person, [p.id for p in people])


# --- the ID-copy register ------------------------------------------------------------

# What a copy was taken for at each past event, and how often the register holds it.
_COPY_PURPOSES = {
    "transfer": (dd.PURPOSE_TRANSFER, 1.0),
    "renovation": (dd.PURPOSE_RENOVATION, 1.0),
    "move_out": (dd.PURPOSE_RELEASE, 0.8),
    "move_in": (dd.PURPOSE_MOVE_IN, 0.5),
    "parking": (dd.PURPOSE_PARKING, 0.5),
}


@demo_step("id_copies", order=40)
def _id_copies_step(ctx: DemoContext) -> None:
    """证件复印登记 for a sample of the past events (seed 004 温馨贴士 A3)."""
    rng = ctx.rng("id_copies")
    desk = [ctx.staff.get(users.CLERK, ctx.actor.name)] * 4 + [ctx.staff.get(users.CS_SUPERVISOR, ctx.actor.name)]
    rows = []
    for event in ctx.events:
        purpose, share = _COPY_PURPOSES.get(event.kind, ("", 0.0))
        if purpose and rng.random() < share:
            person = ctx.people[event.person_id]
            rows.append((event.person_id, event.room_id, person.id_type, person.id_number, purpose,
                         dd.office_time(rng, event.on), rng.choice(desk)))
    rows.sort(key=lambda r: r[5])
    ctx.insert(IdCopy, [IdCopy.person, IdCopy.room, IdCopy.id_type, IdCopy.id_number, IdCopy.purpose,
                        IdCopy.taken_at, IdCopy.taken_by], rows)
    ctx.audit_table(IdCopy)
