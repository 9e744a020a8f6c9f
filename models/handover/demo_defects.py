"""The demo's defects (演示数据: 验房问题): found at the handovers, or reported by the new owners since, each
followed as ``repaired``, ``confirmed`` and ``reopened`` write it. Most were repaired and confirmed by the
owner; some repaired wait for the owner; a few are still open past their day, and the latest not yet due.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from models.demo_context import DemoRoom
from models.handover.demo_handover import World
from models.handover.tables import CONFIRMED, OPEN, REPAIRED, Defect

# where, what, who repairs it, days to repair, what the repair was
FOUND = (
    ("客厅", "墙面裂缝约30cm", "developer", 15, "已批荡修补并重新刷漆"),
    ("主卧", "窗框与墙体交接处渗水", "developer", 15, "已重新打密封胶，淋水试验无渗漏"),
    ("主卫", "地漏排水不畅", "contractor", 7, "已疏通地漏，清出水泥块"),
    ("厨房", "地砖空鼓2块", "contractor", 15, "已更换空鼓地砖"),
    ("入户门", "门锁卡滞，开关不顺", "developer", 7, "已调整锁体并润滑"),
    ("阳台", "栏杆底座松动", "developer", 10, "已重新加固栏杆底座"),
    ("次卧", "墙面涂料污损", "contractor", 10, "已补刷涂料"),
    ("厨房", "烟道止逆阀缺失", "developer", 10, "已安装止逆阀"),
    ("客厅", "插座无电", "engineering", 3, "已更换插座，通电正常"),
    ("次卫", "天花板有渗水痕迹", "developer", 20, "楼上防水层已修补，闭水试验合格"),
    ("主卧", "铝合金推拉窗推拉不顺", "contractor", 7, "已更换滑轮"),
    ("餐厅", "踢脚线脱落", "contractor", 7, "已重新粘贴"),
    ("阳台", "排水口堵塞", "cleaning", 3, "已清理建筑垃圾"),
    ("入户门", "门框漆面划伤", "contractor", 10, "已补漆"),
    ("主卫", "坐便器底部渗水", "developer", 10, "已重新安装坐便器并打胶"),
    ("书房", "墙面空鼓", "developer", 20, "已铲除空鼓部位重新批荡"),
    ("电表箱", "电表箱门无法关闭", "engineering", 3, "已更换合页"),
)
REOPENED = ("业主验收：仍有渗水", "修补处颜色与原墙面不一致", "仍排水缓慢", "仍有松动")
CONFIRM_NOTES = ("", "", "", "业主确认已修好", "业主电话确认")


@dataclass(eq=False)
class Fix:
    room: DemoRoom
    location: str
    description: str
    department: str
    due_on: dt.date
    found_at: dt.datetime
    found_by: str
    repair_note: str
    owner: str                              # who confirms the repair
    handover: object = None                 # the handover's plan, or None (reported since)
    moves: list = field(default_factory=list)   # (at, verb, changes) in order
    id: int = 0

    def final(self) -> dict:
        state, fields = OPEN, dict(repaired_at=None, repaired_by=None, repair_note="", confirmed_at=None,
                                   confirmed_by=None, confirm_note="")
        for _at, verb, changes in self.moves:
            state = {"repair": REPAIRED, "confirm": CONFIRMED, "reopen": OPEN}[verb]
            fields.update(changes)
        return dict(state=state, **fields)


def found_at_handover(world: World, plan) -> list[Fix]:
    rng = world.rng
    owner = world.ctx.people[plan.owner].name
    count = rng.choices((1, 2, 3), (55, 30, 15))[0]
    fixes = []
    for where, what, department, days, note in rng.sample(FOUND, count):
        fix = Fix(plan.room, where, what, department, plan.at.date() + dt.timedelta(days=days), plan.at, plan.clerk,
                  note, owner, plan)
        _follow(world, fix)
        fixes.append(fix)
    return fixes


def _follow(world: World, fix: Fix) -> None:
    """Repaired within the days given (now and then late, now and then again after the owner looked), then
    confirmed when the owner came by. Every draw is made whatever the clock says, so the defects after it
    come out the same at any time of day; only what is still to come is left out."""
    rng = world.rng
    roll, again, days = rng.random(), rng.random() < 0.06, (fix.due_on - fix.found_at.date()).days
    steps = [("repair", rng.randint(1, days + 8), _repair(world, fix.repair_note))]
    if again:
        steps += [("reopen", rng.randint(1, 6), dict(repaired_at=None, repaired_by=None,
                                                      confirm_note=rng.choice(REOPENED))),
                  ("repair", rng.randint(2, 10), _repair(world, "返修完成：" + fix.repair_note))]
    steps.append(("confirm", rng.randint(1, 14), dict(confirmed_at=None, confirmed_by=fix.owner,
                                                      confirm_note=rng.choice(CONFIRM_NOTES))))
    day, moments = fix.found_at.date(), []
    for _verb, wait, _changes in steps:
        day += dt.timedelta(days=wait)
        moments.append(world.office(day))
    if roll < 0.015:
        return                               # the builder has not come yet
    if roll < 0.075:
        steps = steps[:1]                    # repaired; the owner has not come to look yet
    last = fix.found_at
    for (verb, _wait, changes), at in zip(steps, moments):
        at = max(at, last + dt.timedelta(minutes=30))
        if at > world.cutoff:
            return
        stamp = {"repair": "repaired_at", "confirm": "confirmed_at"}.get(verb)
        fix.moves.append((at, verb, dict(changes, **{stamp: at}) if stamp else changes))
        last = at


def _after(world: World, at: dt.datetime, days: int) -> dt.datetime | None:
    """A moment in office hours ``days`` later, or None when that is still to come."""
    later = world.office(at.date() + dt.timedelta(days=days))
    later = max(later, at + dt.timedelta(minutes=30))
    return later if later <= world.cutoff else None


def _repair(world: World, note: str, at: dt.datetime | None = None) -> dict:
    who = world.engineer if world.rng.random() < 0.7 else world.clerk
    return dict(repaired_at=at, repaired_by=who, repair_note=note)


def reported_since(world: World, plans: list) -> list[Fix]:
    """Owners back at the desk these last weeks with something found after moving their things in
    (``add_defect``): written down, due in the usual 15 days; one or two repaired already."""
    rng = world.rng
    if not plans:
        return []
    out = []
    for plan in rng.sample(plans, min(len(plans), max(2, min(8, len(plans) // 300)))):
        where, what, department, _days, note = rng.choice(FOUND)
        found = world.before_now(world.office(world.today - dt.timedelta(days=rng.randint(1, 12))), 120)
        if found <= plan.at:
            continue
        fix = Fix(plan.room, where, what, department, found.date() + dt.timedelta(days=15), found, world.desk(), note,
                  world.ctx.people[plan.owner].name)
        at = _after(world, found, rng.randint(1, 4)) if rng.random() < 0.3 else None
        if at is not None:
            fix.moves.append((at, "repair", _repair(world, note, at)))
        out.append(fix)
    return out


def make_sure(world: World, fixes: list[Fix]) -> None:
    """A small estate shows each case too: two repairs waiting for the owner, two defects past their day."""
    rng = world.rng

    def state(fix):
        return fix.final()["state"]
    confirmed = [f for f in fixes if state(f) == CONFIRMED]
    rng.shuffle(confirmed)
    for fix in confirmed[:max(0, 2 - sum(state(f) == REPAIRED for f in fixes))]:
        fix.moves = [m for m in fix.moves if m[1] != "confirm"]
    late = [f for f in fixes if state(f) == OPEN and f.due_on < world.today]
    old = [f for f in fixes if state(f) == CONFIRMED and f.due_on < world.today]
    rng.shuffle(old)
    for fix in old[:max(0, 2 - len(late))]:
        fix.moves = []


def write_defects(world: World, fixes: list[Fix]) -> None:
    """The rows as they stand today; ``add_defect``'s entry for those reported since (a handover's are in its
    own), and one per move."""
    if not fixes:
        return
    ctx, log = world.ctx, world.log
    later = [f for f in fixes if f.id == 0]
    first = ctx.reserve_ids(Defect, len(later))
    for i, fix in enumerate(sorted(later, key=lambda f: f.found_at)):
        fix.id = first + i
        log.add(fix.found_at, "defect.record", "handover_defect", fix.id, f"{fix.location} {fix.description}")
        world.photos.attach(fix)
    rows = []
    for fix in sorted(fixes, key=lambda f: f.id):
        end = fix.final()
        rows.append((fix.id, fix.room.id, fix.handover.id if fix.handover else None, fix.location, fix.description,
                     fix.department, fix.due_on, end["state"], fix.found_at, fix.found_by, end["repaired_at"],
                     end["repaired_by"], end["repair_note"], end["confirmed_at"], end["confirmed_by"],
                     end["confirm_note"]))
        state, summary = OPEN, f"{fix.location} {fix.description}"[:120]
        for at, verb, changes in fix.moves:
            new = {"repair": REPAIRED, "confirm": CONFIRMED, "reopen": OPEN}[verb]
            log.move(at, "handover_defect", verb, fix.id, summary, state, new, **changes)
            state = new
    d = Defect
    world.insert(d, [d.id, d.room, d.handover, d.location, d.description, d.department, d.due_on, d.state, d.found_at,
                     d.found_by, d.repaired_at, d.repaired_by, d.repair_note, d.confirmed_at, d.confirmed_by,
                     d.confirm_note], rows)
    world.photos.write()
