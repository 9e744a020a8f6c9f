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

from models import audit, users
from models.records import demo_data as dd
from models.records import demo_people  # noqa: F401  (registers the "people" step)
from models.money import demo_money  # noqa: F401  (registers the "money" step)
from models import validation as v
from models.db import sync_id_sequences, write_tx
from models.demo_context import BATCH, PROGRESS_TOTAL, STEPS, DemoContext, DemoEvent, DemoRoom, demo_step
from models.errors import Conflict, InvalidInput
from models.records.estate import HANDED_OVER, LET, OCCUPIED, RENOVATING, VACANT, Building, Entrance, Room
from models.i18n import _
from models.records.people import IdCopy, Person

__all__ = ["generate", "demo_step", "DemoContext", "DemoSummary", "DemoRoom", "DemoEvent", "DEMO_USERS",
           "DEMO_PASSWORD", "MIN_ROOMS", "MAX_ROOMS", "PROGRESS_TOTAL"]

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

users.register_permission("demo.generate", {users.ADMIN}, "generate a demo estate")


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
        from models.audit import ENTITIES, entity_label
        others = [f"{entity_label(table)} {n:,}" for table, n in self.counts.items()
                  if n and table in ENTITIES and table not in ("building", "entrance", "room", "person")]
        if others:
            out.append(_("Also: {records}.").format(records="，".join(others)))
        if self.users:
            out.append(_("Demo users (password {password}):").format(password=self.password))
            out += [f"  {name}  {display}  {users.role_label(role)}" for name, display, role in self.users]
        return out



# The demo office: 阳光花园, as its letterhead, notices and permits name it.
DEMO_OFFICE = ("阳光花园管理处", "阳光花园", "阳光花园3栋1楼客服中心", "0755-8888 6666")


def why_not_generate() -> str | None:
    """Why a demo estate may not go into this database, or None when it may.

    A demo is fake rooms, people and permanent receipts, and accounts whose password everybody
    knows: only ever into an empty database that is not a real office's. An office that was
    set up under its own name is a real office, even before its rosters are imported.
    """
    from models import settings
    if Room.select().exists() or Building.select().exists():
        return _("The database already holds buildings and rooms; a demo estate is generated only into an empty "
                 "database.")
    if settings.is_configured() and settings.get("office.name") != DEMO_OFFICE[0]:
        return _("This is the database of {office}: a demo estate (made-up rooms, receipts, and accounts with the "
                 "password {password}) would mix with its records. Make a separate demo database instead: "
                 "main.py --db 演示.db demo").format(office=settings.get("office.name"), password=DEMO_PASSWORD)
    return None


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
        refusal = why_not_generate()
        if refusal:
            raise Conflict(refusal)
        ctx.advance(0, 1)
        for step in steps:
            ctx.run_step(step, step.weight / weights)
        sync_id_sequences((Building, Entrance, Room, Person))
        audit.record(actor, "demo.generate", entity="demo",
                     summary=_("Demo estate generated with seed {seed}: {rooms} rooms, {people} people.").format(
                         seed=seed, rooms=len(ctx.rooms), people=len(ctx.people)))
    return DemoSummary(seed=seed, rooms=len(ctx.rooms), buildings=ctx.counts.get("building", 0),
                       people=len(ctx.people), counts=dict(ctx.counts), users=list(ctx.created_users),
                       seconds=time.monotonic() - started)


# --- users ------------------------------------------------------------------------


@demo_step("users", order=10)
def _users_step(ctx: DemoContext) -> None:
    """The demo office's particulars (where not set up yet), then a user of each role.

    A username already taken (the first administrator) is kept as it is.
    """
    from models import settings
    if not settings.is_configured():
        settings.set_up_office(ctx.actor, *DEMO_OFFICE)
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
