"""The demo's estate (演示楼栋和房间): buildings in phases, entrances, floors and rooms.

Up to five phases of multi-storey, mid-rise and high-rise buildings, some with shops on the
ground floor, and underground parking for a larger estate; each room with the state an estate
of that age has (new buildings still moving in). Written in bulk with the derived columns
(code, floor) filled as ``create_room`` fills them, each room audited, and the rooms left in
``ctx.rooms`` for the steps that follow. Registered as the demo step "estate"; the records
part also refuses a demo over an estate that already has buildings or rooms.
"""
from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass

from models import validation as v
from models.demo_context import BATCH, DemoContext, DemoRoom, demo_guard, demo_step
from models.i18n import _
from models.records import demo_data as dd
from models.records.estate import HANDED_OVER, LET, OCCUPIED, RENOVATING, VACANT, Building, Entrance, Room


@demo_guard
def _estate_is_empty() -> str | None:
    """A demo goes only into a database without buildings and rooms."""
    if Room.select().exists() or Building.select().exists():
        return _("The database already holds buildings and rooms; a demo estate is generated only into an empty "
                 "database.")
    return None


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
