"""The demo's key loans (演示数据: 钥匙借用): a year of them, as ``lend`` and ``take_back`` write them, numbered
JY… in the order they went out; one key lost by a contractor (``report_lost``: the lock changed) and a new
one hung on its hook (``replace``); today, two to four keys out past their time and one or more still out.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models import settings
from models.handover.demo_cabinet import CabinetKey
from models.handover.demo_handover import World
from models.handover.tables import (ENTRUSTED, IN_CABINET, LOST, LOST_ACTIONS, OUT, PLANT, PUBLIC, VACANT_ROOM,
                                    KeyLoan, KeyLoss)
from models.i18n import _
from models.records import demo_data as dd

# who borrows: name, kind, unit
STAFF = (("刘建华", "工程部"), ("陈志明", "工程部"), ("黄永福", "工程部"), ("何卫东", "工程部"), ("张秀英", "保洁部"),
         ("李桂兰", "保洁部"), ("吴强", "保安部"), ("马丽", "客服部"))
FIRMS = {"lift": ("何志刚", "深圳市安达电梯工程有限公司"), "fire": ("林国华", "深圳市消安消防设备维保有限公司"),
         "mobile": ("郑磊", "中国移动深圳分公司"), "water": ("罗建军", "深圳市清源二次供水设备清洗有限公司"),
         "power": ("梁伟", "深圳供电局"), "cctv": ("冯涛", "深圳市安视达安防工程有限公司"),
         "sales": ("苏丽", "开发商销售部"), "agent": ("钟凯", "链家地产（本小区店）"), "fitter": ("邓师傅", "业主所请装修队")}
# what the key opens → (purpose, who: a firm, or the staff of a department)
PURPOSES = {
    "天台门": (("天台防水检查", "工程部"), ("清理天台排水口", "工程部"), ("通信基站维护", "mobile"), ("太阳能热水器检修", "工程部")),
    "电梯机房门": (("电梯月度维保", "lift"), ("电梯月度维保", "lift"), ("电梯故障维修", "lift"), ("电梯年检", "lift")),
    "配电房门": (("配电房例行巡检", "工程部"), ("供电线路检修", "power")),
    "水泵房门": (("水泵保养", "工程部"), ("二次供水水箱清洗", "water")),
    "消防泵房门": (("消防泵月度测试", "fire"), ("消防设施年检", "fire")),
    "发电机房门": (("发电机试运行", "工程部"),), "监控机房门": (("监控设备维修", "cctv"), ("更换硬盘录像机", "cctv")),
    "处理站大门": (("中水设备巡检", "工程部"),), "泳池机房门": (("泳池水处理设备维护", "工程部"),),
    "会所大门": (("会所活动布置", "客服部"), ("会所保洁", "保洁部")), "会所活动室": (("业主活动布置", "客服部"),),
    "器材房": (("取游乐设施维修工具", "工程部"),), "消防通道门": (("消防检查", "fire"), ("消防通道巡查", "保安部")),
    "架空层活动室": (("业主活动借用", "客服部"),), "仓库": (("领取物料", "工程部"), ("领取保洁用品", "保洁部")),
    "垃圾房门": (("垃圾房清洗", "保洁部"),), "岗亭后门": (("岗亭设备维修", "工程部"),),
    "卷帘门控制箱": (("卷帘门检修", "工程部"),),
}
VACANT_PURPOSES = (("带客户看房", "sales"), ("带客户看房", "sales"), ("空置房开窗通风", "保洁部"),
                   ("检查渗水（楼下住户投诉）", "工程部"), ("抄水电表", "工程部"))
ENTRUSTED_PURPOSES = {"仅限紧急情况（漏水、火警）时使用": ("紧急关闭水阀（楼下报漏水）", "工程部"),
                      "出差期间代为开窗通风": ("开窗通风", "保洁部"), "装修期间供施工人员进出": ("装修施工进场", "fitter"),
                      "出租看房时使用": ("带租客看房", "agent"), "业主忘带钥匙时取用": ("业主忘带钥匙", "owner")}
WEIGHTS = {PLANT: 4, PUBLIC: 3, VACANT_ROOM: 2, ENTRUSTED: 1}
LOST_NOTE = "借用人遗失钥匙，已更换锁芯，费用由借用单位承担"


@dataclass(eq=False)
class Loan:
    key: CabinetKey
    borrower: str
    kind: str
    unit: str
    phone: str
    purpose: str
    out_at: dt.datetime
    due_at: dt.datetime
    lent_by: str
    returned_at: dt.datetime | None = None
    returned_by: str | None = None
    received_by: str | None = None
    lost: bool = False
    id: int = 0
    year: int = 0
    number: int = 0

    @property
    def serial(self) -> str:
        return f"JY{self.year}-{self.number:06d}"


class Lender:
    def __init__(self, world: World, keys: list[CabinetKey]):
        self.world, self.rng = world, world.rng
        self.keys = [k for k in keys if k.kind in WEIGHTS]
        self.hours = int(settings.get("keys.loan_hours"))
        self.phones = {}
        self.free: dict[int, dt.datetime] = {id(k): k.added_at for k in self.keys}   # back on its hook since
        self.loans: list[Loan] = []
        self.loss: tuple | None = None          # (the loan, reported lost, new key hung)
        self.blocked: dict[int, tuple] = {}      # a key away from its hook between these moments
        self.weighted = [k for k in self.keys for _i in range(WEIGHTS[k.kind])]

    def phone(self, name: str) -> str:
        if name not in self.phones:
            self.phones[name] = dd.mobile(self.rng)
        return self.phones[name]

    def who(self, key: CabinetKey) -> tuple[str, str, str, str, str]:
        """(borrower, kind, unit, phone, purpose) for this key."""
        rng = self.rng
        if key.kind == VACANT_ROOM:
            purpose, by = rng.choice(VACANT_PURPOSES)
        elif key.kind == ENTRUSTED:
            purpose, by = ENTRUSTED_PURPOSES.get(key.scope, ("维修", "工程部"))
        else:
            purpose, by = rng.choice(PURPOSES.get(key.label, (("检修", "工程部"),)))
        if by == "owner":
            owner = self.world.ctx.people[key.entrusted_by]
            return owner.name, "owner", "", owner.mobile, purpose
        if by in FIRMS:
            name, unit = FIRMS[by]
            return name, "contractor", unit, self.phone(name), purpose
        name = rng.choice([n for n, unit in STAFF if unit == by] or [self.world.engineer])
        return name, "staff", by, self.phone(name), purpose

    def colleague(self, unit: str) -> str:
        """Who brought the key back for the borrower: someone of the same department (the engineering
        supervisor for a firm's man)."""
        return self.rng.choice([n for n, u in STAFF if u == unit] or [self.world.engineer])

    def can_lend(self, key: CabinetKey, out: dt.datetime, back: dt.datetime) -> bool:
        if self.free[id(key)] > out or (key.gone_at is not None and back >= key.gone_at):
            return False
        if key.until is not None and out.date() > key.until:
            return False                # the entrustment is over: ``lend`` refuses
        away = self.blocked.get(id(key))
        return away is None or back < away[0] or out > away[1]

    def lend(self, key: CabinetKey, out: dt.datetime, due: dt.datetime, back: dt.datetime | None,
             who: tuple | None = None) -> Loan:
        borrower, kind, unit, phone, purpose = who or self.who(key)
        loan = Loan(key, borrower, kind, unit, phone, purpose, out, due, self.world.desk())
        if back is not None:
            loan.returned_at, loan.received_by = back, self.world.desk()
            loan.returned_by = borrower if self.rng.random() < 0.9 or kind == "owner" else self.colleague(unit)
        self.free[id(key)] = back or dt.datetime.max
        self.loans.append(loan)
        return loan

    def day(self, day: dt.date, rate: float) -> None:
        rng, world = self.rng, self.world
        count = int(rate * (0.5 if day.weekday() >= 5 else 1.2)) + (rng.random() < rate % 1)
        moments = sorted(world.office(day, (8, 30), 510) for _i in range(count))
        for out in moments:
            key = rng.choice(self.weighted)
            due = out + dt.timedelta(hours=self.hours)
            if rng.random() < 0.06:
                back = due + dt.timedelta(minutes=rng.randint(10, 20 * 60))     # brought back late
            else:
                back = out + dt.timedelta(minutes=rng.randint(15, self.hours * 60 - 5))
            if back > world.cutoff - dt.timedelta(minutes=1) or not self.can_lend(key, out, back):
                continue
            self.lend(key, out.replace(microsecond=0), due.replace(microsecond=0), back.replace(microsecond=0))


def lend_for_a_year(world: World, keys: list[CabinetKey]) -> Lender:
    """The year's loans planned (the keys out now marked so); ``write_loans`` writes them once the keys are in."""
    lender = Lender(world, keys)
    if not lender.keys:
        return lender
    _lose_one(lender)
    rate = min(14.0, max(1.5, len(lender.keys) / 30))
    day = world.since
    while day <= world.today:
        lender.day(day, rate)
        day += dt.timedelta(days=1)
    _still_out(lender)
    return lender


def _lose_one(lender: Lender) -> None:
    """A contractor lost a plant room's key these last months: the lock changed, a new key hung two days on."""
    world, rng = lender.world, lender.rng
    jobs = [(k, purpose, firm) for k in lender.keys if k.kind == PLANT
            for purpose, firm in PURPOSES.get(k.label, ()) if firm in FIRMS]
    if not jobs:
        return
    key, purpose, firm = rng.choice(jobs)
    out = world.office(world.today - dt.timedelta(days=rng.randint(20, 100)))
    if out < key.added_at:
        return
    name, unit = FIRMS[firm]
    loan = lender.lend(key, out, out + dt.timedelta(hours=lender.hours), None,
                       (name, "contractor", unit, lender.phone(name), purpose))
    lender.free[id(key)] = key.added_at
    reported = world.office(out.date() + dt.timedelta(days=1))
    replaced = world.office(reported.date() + dt.timedelta(days=2))
    lender.blocked[id(key)] = (out, replaced)
    loan.lost = True
    lender.loss = (loan, reported, replaced)


def _still_out(lender: Lender) -> None:
    """Today: two to four keys not back in time, one to three out and not due yet."""
    world, rng = lender.world, lender.rng
    candidates = [k for k in lender.keys if k.kind != ENTRUSTED and k.gone_at is None]
    rng.shuffle(candidates)
    late, due_later = rng.randint(2, 4), rng.randint(1, 3)
    for key in candidates:
        if late:
            out = world.office(world.cutoff.date() - dt.timedelta(days=rng.randint(0, 2)), (8, 30), 480)
            due = out + dt.timedelta(hours=lender.hours)
            if due >= world.cutoff - dt.timedelta(minutes=10):
                out -= dt.timedelta(days=1)
                due -= dt.timedelta(days=1)
        elif due_later:         # lent this afternoon; after hours, until tomorrow morning
            out = min(world.cutoff - dt.timedelta(minutes=rng.randint(20, 150)),
                      dt.datetime.combine(world.cutoff.date(), dt.time(17)) - dt.timedelta(minutes=rng.randint(0, 90)))
            due = out + dt.timedelta(hours=lender.hours)
            if due < world.cutoff + dt.timedelta(minutes=30):
                due = dt.datetime.combine(world.cutoff.date() + dt.timedelta(days=1), dt.time(9, 30))
        else:
            return
        if not lender.can_lend(key, out, world.cutoff):
            continue
        lender.lend(key, out.replace(microsecond=0), due.replace(second=0, microsecond=0), None)
        key.state = OUT
        if late:
            late -= 1
        else:
            due_later -= 1


def write_loans(world: World, lender: Lender) -> None:
    ctx, log = world.ctx, world.log
    loans = sorted(lender.loans, key=lambda l: l.out_at)
    world.numbered("keyloan", loans, lambda l: l.out_at)
    first = ctx.reserve_ids(KeyLoan, len(loans))
    for i, loan in enumerate(loans):
        loan.id = first + i
        key = loan.key
        log.move(loan.out_at, "cabinet_key", "lend", key.id, f"{key.hook} → {loan.borrower} No. {loan.serial}",
                 IN_CABINET, OUT)
        if loan.returned_at is not None:
            log.move(loan.returned_at, "cabinet_key", "take_back", key.id,
                     f"{key.hook} ← {loan.returned_by} No. {loan.serial}", OUT, IN_CABINET)
    rows = [(l.id, l.year, l.number, l.key.id, l.borrower, l.kind, l.unit, l.phone, l.purpose, l.out_at, l.due_at,
             l.lent_by, l.returned_at, l.returned_by, l.received_by, l.lost) for l in loans]
    k = KeyLoan
    world.insert(k, [k.id, k.year, k.number, k.key, k.borrower, k.borrower_kind, k.unit, k.phone, k.purpose, k.out_at,
                     k.due_at, k.lent_by, k.returned_at, k.returned_by, k.received_by, k.lost], rows)
    if lender.loss is not None:
        loan, reported, replaced = lender.loss
        key, by = loan.key, world.desk()
        log.move(reported, "cabinet_key", "lose", key.id, f"{key.hook} {_(LOST_ACTIONS['lock_changed'])} {LOST_NOTE}",
                 OUT, LOST)
        log.move(replaced, "cabinet_key", "replace", key.id, f"{key.hook} 已换锁，新钥匙2把挂回原钩", LOST, IN_CABINET)
        world.insert(KeyLoss, [KeyLoss.key, KeyLoss.loan, KeyLoss.reported_at, KeyLoss.reported_by, KeyLoss.action,
                               KeyLoss.note], [(key.id, loan.id, reported, by, "lock_changed", LOST_NOTE)])
