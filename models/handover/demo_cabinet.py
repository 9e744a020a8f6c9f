"""The demo's key cabinet (演示数据: 钥匙柜): the public areas' and plant rooms' keys on hooks A-001…, the
vacant rooms' on B-…, the keys owners entrusted on C-…, each put in as ``add_key`` does (its tag K000123
from its id), some given back since (``retire``); then a year of loans (see ``demo_loans``).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee as pw

from models.demo_context import DemoRoom
from models.handover.demo_handover import World, snapshot
from models.handover.keys import tag_code
from models.handover.tables import ENTRUSTED, IN_CABINET, PLANT, PUBLIC, RETIRED, VACANT_ROOM, Key
from models.records.estate import VACANT, Building, Room

VACANT_KEYS = 400          # the cabinet holds the keys of this many vacant rooms at most (the newest first)
# area, what the key opens, kind, copies
AREAS = (("会所", "会所大门", PUBLIC, 2), ("会所", "会所活动室", PUBLIC, 1), ("儿童游乐区", "器材房", PUBLIC, 1),
         ("北区消防通道", "消防通道门", PUBLIC, 2), ("架空层", "架空层活动室", PUBLIC, 1), ("管理处", "仓库", PUBLIC, 2),
         ("垃圾房", "垃圾房门", PUBLIC, 2), ("北门岗亭", "岗亭后门", PUBLIC, 1), ("地下车库", "卷帘门控制箱", PUBLIC, 1),
         ("总配电房", "配电房门", PLANT, 2), ("生活水泵房", "水泵房门", PLANT, 2), ("消防泵房", "消防泵房门", PLANT, 2),
         ("发电机房", "发电机房门", PLANT, 1), ("监控中心", "监控机房门", PLANT, 1), ("中水处理站", "处理站大门", PLANT, 1),
         ("游泳池", "泳池机房门", PLANT, 1))
ENTRUSTMENTS = ("仅限紧急情况（漏水、火警）时使用", "出差期间代为开窗通风", "装修期间供施工人员进出", "出租看房时使用",
                "业主忘带钥匙时取用")
GIVEN_BACK = "委托到期，钥匙已交还业主"


@dataclass(eq=False)
class CabinetKey:
    hook: str
    kind: str
    label: str
    added_at: dt.datetime
    added_by: str
    room: DemoRoom | None = None
    area: str = ""
    copies: int = 1
    entrusted_by: int | None = None
    scope: str = ""
    until: dt.date | None = None
    note: str = ""
    gone_at: dt.datetime | None = None       # given back (retired) then; no loan after it
    gone_why: str = ""
    gone_later: bool = False                 # today's handover gives it back, in the last step
    plan: object = None                      # the handover that gave it to the owner
    state: str = IN_CABINET
    id: int = 0

    @property
    def tag(self) -> str:
        return tag_code(self.id)


class Cabinet:
    def __init__(self, world: World, plans: list, today: list):
        self.world, self.rng = world, world.rng
        self.keys: list[CabinetKey] = []
        self.opened = world.office(world.since, (8, 30), 60)           # the register's first morning
        self._first_morning = 0
        self._areas()
        self._vacant_rooms(plans, today)
        self._entrusted()

    def _added(self, day: dt.date) -> dt.datetime:
        """The keys already held when the register was opened went in that morning, one after the other."""
        if day > self.world.since:
            return self.world.before_now(self.world.office(day))
        self._first_morning += 1
        return self.opened + dt.timedelta(seconds=40 * self._first_morning)

    def _areas(self) -> None:
        """The estate's public areas and plant rooms, then each building's roof and lift machine room."""
        world = self.world
        floors = dict(Room.select(Building.code, pw.fn.MAX(Room.floor)).join(Building).group_by(Building.code)
                      .tuples())
        ready = {}
        for room in world.ctx.rooms:
            if room.use != "parking":
                ready.setdefault(room.code.split("-")[0], room.ready)
        todo = [(area, label, kind, copies, world.since) for area, label, kind, copies in AREAS]
        for code in sorted(ready, key=lambda c: (len(c), c)):
            todo.append((f"{code}栋天台", "天台门", PUBLIC, 2, ready[code]))
            if (floors.get(code) or 0) > 7:
                todo.append((f"{code}栋电梯机房", "电梯机房门", PLANT, 1, ready[code]))
        for i, (area, label, kind, copies, day) in enumerate(todo, 1):
            self.keys.append(CabinetKey(f"A-{i:03d}", kind, label, self._added(day), world.supervisor, area=area,
                                        copies=copies))

    def _vacant_rooms(self, plans: list, today: list) -> None:
        """The keys of vacant rooms, the newest first; some new rooms' keys were given to their owners at the
        handover this year, and today's."""
        world, rng = self.world, self.rng
        vacant = sorted((r for r in world.ctx.rooms if r.state == VACANT and r.use != "parking"),
                        key=lambda r: (-r.ready.toordinal(), r.id))[:VACANT_KEYS]
        handed = sorted((p for p in plans if p.room.ready + dt.timedelta(days=4) < p.at.date()
                         and world.since < p.at.date()), key=lambda p: p.room.id)
        rng.shuffle(handed)
        held = [(room, None) for room in vacant] + [(p.room, p) for p in handed[:min(40, len(handed) // 10)]]
        keys = []
        for room, plan in held:
            key = CabinetKey("", VACANT_ROOM, "入户门", self._added(room.ready + dt.timedelta(days=1)), world.supervisor,
                             room=room, copies=rng.choice((1, 2, 2)))
            if plan is not None:
                key.gone_at = plan.at + dt.timedelta(minutes=rng.randint(3, 10))
                key.plan = plan
            for plan in today:
                if room.id == plan.room.id:
                    key.gone_at, key.gone_later = plan.at, True
            keys.append(key)
        keys.sort(key=lambda k: (k.added_at, k.room.code))
        for i, key in enumerate(keys, 1):
            key.hook = f"B-{i:03d}"
        self.keys += keys

    def _entrusted(self) -> None:
        """Keys owners left with the office: for emergencies, while away, for their builders or letting agents;
        some entrustments over: two keys still on their hooks (not to be lent), the others mostly given back."""
        world, rng = self.world, self.rng
        homes = [r for r in world.ctx.rooms if r.owner is not None and r.use != "parking" and r.owner_since]
        rng.shuffle(homes)
        count = min(150, max(6, round(len(homes) * 0.008)))
        span = (world.today - world.since).days
        keys = []
        for room in homes:
            if len(keys) == count:
                break
            days = rng.choice((30, 60, 90, 90, 180, 180, 365, 365))
            if len(keys) < 3:           # over: two still held, one given back
                days = min(days, 180)
                day = world.today - dt.timedelta(days=days + rng.randint(3, 60))
            else:
                day = world.since + dt.timedelta(days=rng.randint(0, span - 1))
            if day < max(world.since, room.owner_since + dt.timedelta(days=7)):
                continue
            keys.append(CabinetKey("", ENTRUSTED, "入户门", self._added(day), world.supervisor, room=room, copies=1,
                                   entrusted_by=room.owner, scope=rng.choice(ENTRUSTMENTS),
                                   until=day + dt.timedelta(days=days)))
        for i, key in enumerate(keys):
            if i >= 2 and key.until < world.today and (i == 2 or rng.random() < 0.6):
                back = world.office(key.until + dt.timedelta(days=rng.randint(0, 10)))
                if back <= world.cutoff:
                    key.gone_at, key.gone_why = back, GIVEN_BACK
        keys.sort(key=lambda k: k.added_at)
        for i, key in enumerate(keys, 1):
            key.hook = f"C-{i:03d}"
        self.keys += keys

    def keys_given_today(self) -> dict[int, tuple[int, str]]:
        """Room id → (key id, hook) of the vacant rooms handed over today, whose keys go to their owners."""
        return {key.room.id: (key.id, key.hook) for key in self.keys if key.gone_later}

    # --- writing --------------------------------------------------------------------------------------------

    def write(self) -> None:
        from models.handover.demo_loans import lend_for_a_year, write_loans
        world, log = self.world, self.world.log
        self.keys.sort(key=lambda k: (k.added_at, k.hook))
        first = world.ctx.reserve_ids(Key, len(self.keys))
        for i, key in enumerate(self.keys):
            key.id = first + i
        for key in self.keys:
            if key.plan is not None:                           # the handover, numbered by now
                key.gone_why = f"已交房，钥匙交业主（{key.plan.serial}）"
        lender = lend_for_a_year(world.use("loans"), self.keys)
        rows = []
        for key in self.keys:
            row = dict(id=key.id, hook=key.hook, tag=key.tag, kind=key.kind, room=key.room.id if key.room else None,
                       area=key.area, label=key.label, copies=key.copies, entrusted_by=key.entrusted_by,
                       entrusted_scope=key.scope, entrusted_until=key.until, state=IN_CABINET, added_at=key.added_at,
                       added_by=key.added_by, note=key.note)
            log.add(key.added_at, "key.entrust" if key.kind == ENTRUSTED else "key.add", "cabinet_key", key.id,
                    f"{key.hook} {key.tag} {key.label}", after=snapshot(Key, row))
            if key.gone_at is not None and not key.gone_later:
                key.state = RETIRED
                log.move(key.gone_at, "cabinet_key", "retire", key.id, f"{key.hook} {key.gone_why}", IN_CABINET,
                         RETIRED)
            row["state"] = key.state
            rows.append(tuple(row.values()))
        k = Key
        world.insert(k, [k.id, k.hook, k.tag, k.kind, k.room, k.area, k.label, k.copies, k.entrusted_by,
                         k.entrusted_scope, k.entrusted_until, k.state, k.added_at, k.added_by, k.note], rows)
        write_loans(world, lender)
