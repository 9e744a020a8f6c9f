"""The demo's vacant-room rounds (演示数据: 空置房巡查): a building's vacant rooms (a dozen at a time) looked at
every ``vacant.inspect_days`` in one round, as ``inspect`` writes each visit; most rooms seen within the
period, a few rounds falling due today, and a few rooms missed at their last round, now overdue.
"""
from __future__ import annotations

import datetime as dt

from models.handover import vacant
from models.handover.demo_handover import World, snapshot
from models.handover.tables import VacantInspection
from models.records.estate import VACANT

ROUND = 12                 # rooms seen in one round (a building's, or part of a large one's)
FINE = ("正常",) * 14 + ("门窗完好，已开窗通风",)
PASSED_NOTES = ("地漏干涸返味，已注水", "窗户未关，已关好", "室内有积灰，已通知保洁")
FOUND = ("卫生间天花板渗水，已通知楼上住户并报工程部", "阳台窗未关，雨水打湿地面，已关窗擦干", "入户门锁芯损坏，已报开发商",
         "厨房水管接头滴漏，已关闭总阀并报修", "墙面发霉，已开窗通风并报工程部", "电表箱门被撬，已报保安部")


def inspect_rounds(world: World) -> None:
    rng, every = world.rng, vacant.every()
    rooms = [r for r in world.ctx.rooms if r.state == VACANT and r.use != "parking"]
    if not rooms:
        return
    buildings: dict[str, list] = {}
    for room in sorted(rooms, key=lambda r: r.code):
        buildings.setdefault(room.code.split("-")[0], []).append(room)
    rounds = [members[i:i + ROUND] for _code, members in sorted(buildings.items())
              for i in range(0, len(members), ROUND)]
    due_today = set(rng.sample(range(len(rounds)), max(1, round(len(rounds) * 0.05))))
    missed = set(rng.sample([r.id for r in rooms], min(len(rooms) // 3, max(2, round(len(rooms) * 0.02)))))
    visits = []
    for i, group in enumerate(rounds):
        last = world.today - dt.timedelta(days=every if i in due_today else rng.randint(1, max(1, every - 1)))
        day = last
        while day >= world.since:
            visits += _round(world, group, day, missed if day == last else ())
            day -= dt.timedelta(days=max(1, every + (rng.randint(-2, 1) if day != last else 0)))
    _write(world, visits)


def _round(world: World, rooms: list, day: dt.date, skipped) -> list[tuple]:
    """One building's round: the inspector goes from room to room, a few minutes each."""
    rng = world.rng
    inspector = rng.choices((world.engineer, world.clerk, world.supervisor), (50, 35, 15))[0]
    at = world.office(day, (9, 30), 330)
    out = []
    for room in sorted(rooms, key=lambda r: r.code):
        if room.id in skipped or day <= room.ready:
            continue
        at += dt.timedelta(minutes=rng.randint(4, 12), seconds=rng.randrange(60))
        roll = rng.random()
        if roll < 0.05:
            passed, findings = False, rng.choice(FOUND)
        else:
            passed, findings = True, rng.choice(PASSED_NOTES) if roll < 0.08 else rng.choice(FINE)
        recorded = at + dt.timedelta(minutes=rng.randint(0, 90))
        out.append((room, at.replace(microsecond=0), inspector, passed, findings, recorded.replace(microsecond=0)))
    return out


def _write(world: World, visits: list[tuple]) -> None:
    visits.sort(key=lambda v: v[1])
    first = world.ctx.reserve_ids(VacantInspection, len(visits))
    rows = []
    for i, (room, at, inspector, passed, findings, recorded) in enumerate(visits):
        row = dict(id=first + i, room=room.id, at=at, inspector=inspector, passed=passed, findings=findings,
                   recorded_at=recorded)
        world.log.add(recorded, "vacant.inspect", "vacant_inspection", row["id"], f"{room.code} {findings}",
                      after=snapshot(VacantInspection, row))
        rows.append(tuple(row.values()))
    v = VacantInspection
    world.insert(v, [v.id, v.room, v.at, v.inspector, v.passed, v.findings, v.recorded_at], rows)
