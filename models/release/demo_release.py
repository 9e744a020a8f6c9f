"""The demo's releases (演示数据: 物品放行): a year of slips, about 0.3 a room, after money's step.

The tenants who moved out in the past year (the records part's move-out events, claimed here), owners
and tenants taking a few pieces out, a few owners moving house. Each keeps its day's management-fee
arrears from money's book, and seed 004 场景五 holds: a tenant whose room owed gets no slip, the owner
is called first (a few say no), an owner past three months has the director's approval (a few declined,
one waiting today). Almost all are used at the gate within their day; a few are cancelled (some
corrected by a new slip), expire, or are marked used at the desk; today's last are still to be used.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from models import audit, users
from models.db import database, is_sqlite, now
from models.demo_context import DemoContext, demo_step
from models.i18n import _
from models.records import demo_data as dd
from models.records.people import OWNER, TENANT, IdCopy, RoomParty
from models.release import issuing
from models.release.slips import (APPROVED, AT_DESK, AT_GATE, BY_OWNER, BY_TENANT, CANCELLED, DECLINED, ISSUED,
                                  USED, WAITING, OwnerCall, ReleaseApproval, ReleaseItem, ReleaseSlip, show_serial)
from models.serials import SerialCounter

PART = "release"
GUARD = ("guard", "周卫东", "gate")            # the demo gate guard (门岗): username, name, role
SHARE = 0.3                                   # slips per room a year
HOME = (("沙发", 1, 2), ("床", 1, 2), ("床垫", 1, 2), ("衣柜", 1, 2), ("书柜", 1, 2), ("餐桌", 1, 1), ("椅子", 2, 6),
        ("茶几", 1, 1), ("电视柜", 1, 1), ("鞋柜", 1, 1), ("书桌", 1, 1), ("电视机", 1, 2), ("冰箱", 1, 1),
        ("洗衣机", 1, 1), ("空调", 1, 3), ("电脑", 1, 2), ("微波炉", 1, 1), ("热水器", 1, 1), ("纸箱", 2, 20),
        ("行李箱", 1, 4), ("自行车", 1, 2), ("电动车", 1, 1), ("钢琴", 1, 1), ("跑步机", 1, 1), ("婴儿车", 1, 1))
SHOP = (("货架", 2, 10), ("展示柜", 1, 4), ("收银台", 1, 1), ("冷柜", 1, 2), ("货品（箱）", 5, 40), ("桌椅", 2, 8))
NOTES = ("旧", "旧家具换新", "已售出", "送修", "捐赠", "搬往新居", "回收") + ("",) * 7
CANCELS = ("业主改期搬家", "搬家公司未到，改日再办", "租户决定暂不搬出", "车辆未能进入小区，改期", "业主取消搬运")
DECLINES = ("欠费时间过长，请业主先缴清欠费再办理", "请业主先缴清半年以上的欠费", "请业主到管理处面谈欠费问题")
ASKS = ("业主承诺本月内缴清", "业主称出差刚回，次日来缴费", "业主急用，物品为个人电器", "")
REFUSALS = ("租户尚欠房租两个月，业主不同意搬出", "业主不知情，要求租户先与其联系", "业主称冰箱、洗衣机为业主所有")
OWNERS_GOODS = "空调为业主所有，不在放行之列"


@dataclass(eq=False)
class _Slip:
    """A slip before it becomes rows; ``fate``: used, desk, cancelled, corrected, expired or open."""
    room: int
    person: int
    party: int
    role: str
    at: dt.datetime
    whole: bool
    goods: list
    owner: int | None = None          # the owner to call (a tenant's slip)
    copy: int | None = None           # the ID copy the desk took at the move-out already
    months: int = 0
    fen: int = 0
    fate: str = USED
    clerk: str = ""
    call: list | None = None
    approval: list | None = None
    replaces: "_Slip | None" = None
    end: dict = field(default_factory=dict)

    @property
    def on(self) -> dt.date:
        return self.at.date()


@demo_step("release", order=60, weight=2)
def _release_step(ctx: DemoContext) -> None:
    world = _World(ctx, _guard_user(ctx))
    slips = _candidates(world)
    _read_arrears(slips)
    slips = [slip for slip in slips if world.admit(slip)]
    world.wait_today()
    world.fates(slips)
    slips = _numbered(world, _with_corrections(world, slips))
    for slip in slips:
        _ending(world, slip)
    _write(world, slips)


def _guard_user(ctx: DemoContext):
    user = users.User.get_or_none(users.User.username == GUARD[0])
    if user is None:
        from models.demo import DEMO_PASSWORD
        user = users.create_user(ctx.actor, *GUARD, DEMO_PASSWORD)
        ctx.created_users.append(GUARD)
    ctx.staff.setdefault(GUARD[2], user.display_name)
    return user


class _World:
    """What the step reads once (ties, staff), and the calls and approvals it makes on the way."""

    def __init__(self, ctx: DemoContext, guard):
        self.ctx, self.rng, self.today = ctx, ctx.rng("release"), ctx.today
        self.cutoff = min(now(), dt.datetime.combine(ctx.today, dt.time(23, 59))) if ctx.today >= dt.date.today() \
            else dt.datetime.combine(ctx.today, dt.time(18))
        self.first = ctx.today - dt.timedelta(days=364)
        self.user_ids = dict(users.User.select(users.User.display_name, users.User.id).tuples())
        self.clerk = ctx.staff.get(users.CLERK, ctx.actor.name)
        self.supervisor = ctx.staff.get(users.CS_SUPERVISOR, self.clerk)
        self.director = ctx.staff.get(users.DIRECTOR, ctx.actor.name)
        self.guard, self.limit, self.plates = guard.display_name, issuing.approval_months(), set()
        self.ties: dict[int, list[tuple]] = {}
        for tie in (RoomParty.select(RoomParty.id, RoomParty.room, RoomParty.person, RoomParty.role,
                                     RoomParty.start_date, RoomParty.end_date, RoomParty.end_reason)
                    .where(RoomParty.role.in_((OWNER, TENANT))).tuples().iterator()):
            self.ties.setdefault(tie[1], []).append(tie)
        self.calls: list[list] = []
        self.approvals: list[list] = []
        self.over = 0                          # owners found past the director's months

    def holder(self, room: int, role: str, day: dt.date) -> tuple | None:
        """The tie of ``role`` current on ``day`` (an owner selling that day, a tenant leaving, still hold it)."""
        for tie in self.ties.get(room, ()):
            if tie[3] == role and tie[4] <= day and (tie[5] is None or tie[5] >= day):
                return tie
        return None

    def moment(self, day: dt.date) -> dt.datetime:
        """A time in office hours that day, never after the demo's present."""
        at = dd.office_time(self.rng, day)
        if at > self.cutoff:
            start = dt.datetime.combine(self.cutoff.date(), dt.time(8, 30) if self.cutoff.hour >= 9 else dt.time())
            at = start + (self.cutoff - start) * self.rng.random()
        return at.replace(microsecond=0)

    def desk(self) -> str:
        return self.clerk if self.rng.random() < 0.8 else self.supervisor

    def phone(self, person: int | None) -> str:
        owner = self.ctx.people.get(person) if person is not None else None
        return owner.mobile if owner is not None else ""

    def call(self, slip, room: int, tenant: int, owner: int, at: dt.datetime, consent: bool, note: str) -> list:
        rng = self.rng
        row = [0, room, tenant, owner, self.phone(owner), at, "业主本人" if rng.random() < 0.85 else "业主家属",
               consent or rng.random() < 0.5, not consent and rng.random() < 0.6, note == OWNERS_GOODS, consent,
               rng.random() < 0.3, note, slip.clerk if slip else self.desk(), at + dt.timedelta(minutes=1)]
        self.calls.append(row)
        return row

    def ask(self, slip, asker, at: dt.datetime, state: str, note: str = "") -> list:
        goods = "、".join(f"{n}×{q}" for n, q, _x in (slip or asker).goods)[:200]
        decided = at + dt.timedelta(minutes=self.rng.randint(3, 15)) if state != WAITING else None
        row = [0, asker.room, asker.person, asker.months, asker.fen, goods, self.rng.choice(ASKS),
               asker.clerk or self.desk(), at, state, decided and self.director,
               decided and self.user_ids.get(self.director), decided, note]
        self.approvals.append(row)
        return row

    def admit(self, slip: _Slip) -> bool:
        """Seed 004 场景五 on the slip's day: a tenant pays first and needs the owner's yes on the phone; an
        owner past the director's months needs the director's approval (a few are declined: no slip)."""
        rng = self.rng
        if slip.role == BY_TENANT:
            if slip.fen > 0 or not self.phone(slip.owner):
                return False
            note = OWNERS_GOODS if rng.random() < 0.05 else ""
            slip.call = self.call(slip, slip.room, slip.person, slip.owner, _before(rng, slip.at, 5, 30), True, note)
            refused = slip.on - dt.timedelta(days=rng.randint(1, 20))     # a few owners said no the first time
            tenant = self.holder(slip.room, TENANT, refused)
            if not slip.whole and rng.random() < 0.04 and tenant is not None and tenant[2] == slip.person:
                self.call(None, slip.room, slip.person, slip.owner, self.moment(refused), False, rng.choice(REFUSALS))
        elif slip.months > self.limit:
            self.over += 1
            declined = self.over % 8 == 2          # one in eight, the second one already
            row = self.ask(None if declined else slip, slip, _before(rng, slip.at, 20, 60),
                           DECLINED if declined else APPROVED,
                           rng.choice(DECLINES) if declined else rng.choice(("", "同意，请提醒业主尽快缴费")))
            slip.approval = None if declined else row
            return not declined
        return True

    def wait_today(self) -> None:
        """One owner owing enough asks today: the director's start page shows the request waiting."""
        rooms = [r for r in self.ctx.rooms if r.owner and r.use != "parking" and r.state != "vacant"]
        askers = [_Slip(r.id, r.owner, 0, BY_OWNER, self.moment(self.today), False, _goods(self.rng, False, r.use))
                  for r in self.rng.sample(rooms, min(len(rooms), 80))]
        _read_arrears(askers)
        asker = next((s for s in askers if s.months > self.limit), None)
        if asker is not None:
            self.ask(None, asker, _before(self.rng, self.cutoff, 3, 40), WAITING)

    def fates(self, slips: list[_Slip]) -> None:
        """Used at the gate within the day, mostly; a few cancelled, corrected, expired or marked at the desk."""
        # In every 60 past slips, whatever the estate's size: the move-outs were all let out (tenancy ended).
        past = [s for s in slips if s.on < self.today and not (s.whole and s.role == BY_TENANT)]
        for i, slip in enumerate(past):
            fate = {7: CANCELLED, 19: "corrected", 31: AT_DESK, 43: "expired", 55: AT_DESK}.get(i % 60, USED)
            # A correction of a slip citing an approval or a call would need them asked again.
            plain = slip.role == BY_OWNER and slip.approval is None
            slip.fate = CANCELLED if fate == "corrected" and not plain else fate
        for slip in sorted((s for s in slips if s.on >= self.today), key=lambda s: s.at)[-3:]:
            slip.fate = "open"


def _before(rng: random.Random, at: dt.datetime, low: int, high: int) -> dt.datetime:
    moment = at - dt.timedelta(minutes=rng.randint(low, high), seconds=rng.randrange(60))
    return max(moment, dt.datetime.combine(at.date(), dt.time())).replace(microsecond=0)


# --- who takes what out, and when ----------------------------------------------------------------
def _candidates(world: _World) -> list[_Slip]:
    ctx, rng, today = world.ctx, world.rng, world.today
    slips = (_move_outs(world) if ctx.keeps("move_out", PART) else [])
    homes = [r for r in ctx.rooms if r.use != "parking" and r.state != "vacant" and r.owner]
    let = [r for r in homes if r.tenant and r.tenant_since and r.tenant_since <= today]
    for room in rng.choices(let, k=round(len(ctx.rooms) * 0.05)) if let else []:
        tie = world.holder(room.id, TENANT, today)
        if tie is not None and tie[5] is None:
            slips.append(_partial(world, room, tie, BY_TENANT, room.tenant_since))
    wanted = max(3, round(SHARE * len(ctx.rooms))) - len(slips)
    for room in rng.choices(homes, k=max(0, wanted)) if homes else []:
        tie = world.holder(room.id, OWNER, today)
        if tie is not None and tie[5] is None:
            slips.append(_partial(world, room, tie, BY_OWNER, room.owner_since or world.first))
    short = 3 - sum(s.on >= today for s in slips)          # a few of today's, whatever the estate's size
    for slip in [s for s in slips if s.role == BY_OWNER and not s.whole and s.on < today][:max(0, short)]:
        slip.at = world.moment(today)
    for slip in slips:
        slip.clerk = world.desk()
    return slips


def _move_outs(world: _World) -> list[_Slip]:
    """The tenants who moved out in the past year: a whole household each, on the day the tenancy ended."""
    copies = {(person, room, taken.date()): (copy_id, taken) for copy_id, person, room, taken in
              IdCopy.select(IdCopy.id, IdCopy.person, IdCopy.room, IdCopy.taken_at)
              .where(IdCopy.purpose.in_((dd.PURPOSE_RELEASE, issuing.COPY_PURPOSE))).tuples().iterator()}
    slips = []
    for event in world.ctx.events_of("move_out"):
        tie = next((t for t in world.ties.get(event.room_id, ()) if t[2] == event.person_id and t[3] == TENANT
                    and t[5] == event.on), None)
        owner = world.holder(event.room_id, OWNER, event.on)
        if not world.first <= event.on < world.today or tie is None or owner is None:
            continue
        copy = copies.get((event.person_id, event.room_id, event.on))
        at = copy[1] + dt.timedelta(minutes=world.rng.randint(3, 15)) if copy else world.moment(event.on)
        slips.append(_Slip(event.room_id, event.person_id, tie[0], BY_TENANT, at, True, _goods(world.rng, True),
                           owner=owner[2], copy=copy[0] if copy else None))
    return slips


def _partial(world: _World, room, tie: tuple, role: str, since: dt.date) -> _Slip:
    since = max(since, world.first)
    day = since + dt.timedelta(days=world.rng.randint(0, max(0, (world.today - since).days)))
    owner = world.holder(room.id, OWNER, day) if role == BY_TENANT else None
    whole = role == BY_OWNER and room.use != "shop" and world.rng.random() < 0.04      # moving house
    return _Slip(room.id, tie[2], tie[0], role, world.moment(day), whole, _goods(world.rng, whole, room.use),
                 owner=owner[2] if owner else None)


def _goods(rng: random.Random, whole: bool, use: str = "residential") -> list[tuple[str, int, str]]:
    """Lines of goods as the desk writes them: 整户搬迁 and its big pieces, or a few items with notes."""
    pool = SHOP if use == "shop" else HOME
    if whole:
        big = [(name, rng.randint(low, high), "") for name, low, high in rng.sample(HOME[11:18], rng.randint(1, 3))]
        return [(issuing.WHOLE_HOUSEHOLD_GOODS, 1, "")] + big + [("纸箱", rng.randint(10, 40), "")]
    picked = rng.sample(pool, rng.randint(1, 4))
    return [(name, rng.randint(low, high), rng.choice(NOTES)) for name, low, high in picked]


# --- the arrears of the day, from money's book -----------------------------------------------------
_OWED_SQL = """
SELECT o.k, COUNT(DISTINCT o.period), SUM(o.owed) FROM (
  SELECT d.k AS k, c.period AS period, c.amount_fen - COALESCE((SELECT SUM(a.amount_fen) FROM allocation a
      WHERE a.charge_id = c.id AND a.at <= d.day_end AND (a.voided_at IS NULL OR a.voided_at > d.day_end)), 0) AS owed
  FROM release_demo_day d JOIN charge c ON c.room_id = d.room_id
  WHERE c.item_id = {p} AND c.due_date <= d.day AND (c.cancelled_at IS NULL OR c.cancelled_at > d.day_end)) o
WHERE o.owed > 0 GROUP BY o.k"""


def _read_arrears(slips: list[_Slip]) -> None:
    """Each slip's management fee owed at the end of its day (``issuing.fee_arrears`` then), in one statement."""
    from models.money.ledger import ChargeItem
    item = ChargeItem.get_or_none(ChargeItem.code == "management_fee")
    if item is None or not slips:
        return
    db, p = database.obj, database.obj.param
    day, moment = ("TEXT", "TEXT") if is_sqlite(db) else ("DATE", "TIMESTAMP")
    db.execute_sql(f"CREATE TEMPORARY TABLE release_demo_day (k INTEGER, room_id INTEGER, day {day}, day_end {moment})")
    try:
        db.cursor().executemany(f"INSERT INTO release_demo_day VALUES ({p}, {p}, {p}, {p})", [
            (i, s.room, s.on.isoformat(), f"{s.on.isoformat()} 23:59:59.999999") for i, s in enumerate(slips)])
        for k, months, fen in db.execute_sql(_OWED_SQL.format(p=p), (item.id,)).fetchall():
            slips[k].months, slips[k].fen = int(months), int(fen)
    finally:
        db.execute_sql("DROP TABLE release_demo_day")


# --- how each ended, numbered and written -------------------------------------------------------------
def _with_corrections(world: _World, slips: list[_Slip]) -> list[_Slip]:
    """A slip written wrong is cancelled by a new one made minutes later (``issue_slip(replaces=…)``)."""
    out = list(slips)
    for old in (s for s in slips if s.fate == "corrected"):
        name, quantity, note = old.goods[-1]
        at = old.at + dt.timedelta(minutes=world.rng.randint(5, 20))
        out.append(_Slip(old.room, old.person, old.party, old.role, at, old.whole, old.goods[:-1] + [
            (name, quantity + 1, note)], months=old.months, fen=old.fen, clerk=old.clerk, replaces=old))
    return out


def _numbered(world: _World, slips: list[_Slip]) -> list[_Slip]:
    """Ids and numbers per year in the order the slips were written; the counter left at the last."""
    slips.sort(key=lambda s: s.at)
    first = world.ctx.reserve_ids(ReleaseSlip, len(slips))
    last: dict[int, int] = {}
    for i, slip in enumerate(slips):
        last[slip.on.year] = last.get(slip.on.year, 0) + 1
        slip.end.update(id=first + i, year=slip.on.year, number=last[slip.on.year])
    # The demo goes into a database without slips (``why_not_generate``): the counters start here.
    SerialCounter.delete().where((SerialCounter.kind == "release") & SerialCounter.year.in_(list(last))).execute()
    world.ctx.insert(SerialCounter, [SerialCounter.kind, SerialCounter.year, SerialCounter.last],
                     [("release", year, number) for year, number in sorted(last.items())])
    return slips


def _ending(world: _World, slip: _Slip) -> None:
    """Its valid-until day and state, and when and by whom it was used or cancelled."""
    rng, end = world.rng, slip.end
    longer = rng.random() < 0.1 and slip.fate != "expired"
    end.update(valid=slip.on + dt.timedelta(days=rng.choice((1, 2)) if longer else 0), state=ISSUED,
               used=(None, None, None), cancelled=(None, None, None))
    if slip.fate in (USED, AT_DESK):
        desk = slip.fate == AT_DESK
        at = slip.at + dt.timedelta(minutes=rng.randint(60, 240) if desk else rng.randint(10, 180))
        at = min(at, dt.datetime.combine(slip.on, dt.time(21, 30)))
        if at <= world.cutoff:
            end.update(state=USED, used=(at, world.desk() if desk else world.guard, AT_DESK if desk else AT_GATE))
    elif slip.fate == CANCELLED:
        end.update(state=CANCELLED, cancelled=(slip.at + dt.timedelta(minutes=rng.randint(10, 120)), slip.clerk,
                                               rng.choice(CANCELS)))
    if slip.replaces is not None:
        reason = _("Corrected by slip {number}").format(number=show_serial(end["year"], end["number"]))
        slip.replaces.end.update(state=CANCELLED, cancelled=(slip.at, slip.clerk, reason))


def _with_ids(ctx: DemoContext, model, rows: list[list], at: int) -> list[list]:
    rows.sort(key=lambda row: row[at])
    first = ctx.reserve_ids(model, len(rows))
    for i, row in enumerate(rows):
        row[0] = first + i
    return rows


def _write(world: _World, slips: list[_Slip]) -> None:
    ctx, rng = world.ctx, world.rng
    c, a, s, i = OwnerCall, ReleaseApproval, ReleaseSlip, ReleaseItem
    ctx.insert(c, [c.id, c.room, c.tenant, c.owner, c.phone, c.called_at, c.answered_by, c.owner_knows, c.rent_owed,
                   c.owner_goods, c.consent, c.written_authorisation, c.note, c.recorded_by, c.recorded_at],
               _with_ids(ctx, c, world.calls, 5))
    ctx.insert(a, [a.id, a.room, a.person, a.arrears_months, a.arrears_fen, a.goods, a.request_note, a.requested_by,
                   a.requested_at, a.state, a.decided_by, a.decided_by_user_id, a.decided_at, a.decision_note],
               _with_ids(ctx, a, world.approvals, 8))
    copies = _with_ids(ctx, IdCopy, [[0, x.person, x.room, ctx.people[x.person].id_type, ctx.people[x.person]
                                      .id_number, issuing.COPY_PURPOSE, x.at - dt.timedelta(minutes=2), x.clerk, x]
                                     for x in slips if x.copy is None], 6)
    for row in copies:
        row.pop().copy = row[0]
    ctx.insert(IdCopy, [IdCopy.id, IdCopy.person, IdCopy.room, IdCopy.id_type, IdCopy.id_number, IdCopy.purpose,
                        IdCopy.taken_at, IdCopy.taken_by], copies)
    rows, items = [], []
    for x in slips:
        e, person = x.end, ctx.people[x.person]
        plate = dd.plate(rng, world.plates) if rng.random() < (0.35 if x.whole else 0.12) else ""
        rows.append((e["id"], e["year"], e["number"], x.room, x.person, x.party, x.role, person.name, person.id_type,
                     person.id_number, x.copy, x.whole, plate, x.on, e["valid"], x.at, x.clerk,
                     world.user_ids.get(x.clerk), rng.random() < 0.03, "", x.months, x.fen,
                     x.approval and x.approval[0], x.call and x.call[0], x.replaces and x.replaces.end["id"],
                     e["state"], *e["used"], *e["cancelled"]))
        items += [(e["id"], line, name, quantity, note) for line, (name, quantity, note) in enumerate(x.goods, 1)]
    ctx.insert(s, [s.id, s.year, s.number, s.room, s.person, s.party, s.person_role, s.person_name, s.id_type,
                   s.id_number, s.id_copy, s.whole_household, s.plate, s.issued_on, s.valid_until, s.issued_at,
                   s.clerk, s.clerk_user_id, s.urgent, s.note, s.arrears_months, s.arrears_fen, s.approval,
                   s.owner_call, s.replaces, s.state, s.used_at, s.used_by, s.used_where, s.cancelled_at,
                   s.cancelled_by, s.cancel_reason], rows)
    ctx.insert(i, [i.slip, i.line, i.name, i.quantity, i.note], items)
    _audit(world, rows)


def _audit(world: _World, rows: list[tuple]) -> None:
    """One entry per slip issued, used and cancelled, per call, per request and per decision."""
    actor, entity = world.ctx.actor, ReleaseSlip._meta.table_name
    at_gate, at_desk = _("let out at the gate"), _("marked used at the desk from the gate part")
    audit.record_many(actor, "release.issue", entity, [(r[0], f"{show_serial(r[1], r[2])} {r[7]}", None)
                                                       for r in rows])
    audit.record_many(actor, "release_slip.use", entity, [(r[0], at_gate if r[28] == AT_GATE else at_desk, None)
                                                          for r in rows if r[25] == USED])
    audit.record_many(actor, "release_slip.cancel", entity, [(r[0], r[31], None) for r in rows if r[25] == CANCELLED])
    consents = {True: _("owner consents"), False: _("owner does not consent")}
    audit.record_many(actor, "release.call", OwnerCall._meta.table_name,
                      [(c[0], f"{consents[c[10]]} {c[12]}".strip(), None) for c in world.calls])
    table = ReleaseApproval._meta.table_name
    audit.record_many(actor, "release.request", table, [(r[0], r[5], None) for r in world.approvals])
    for state, action in ((APPROVED, "release.approve"), (DECLINED, "release.decline")):
        audit.record_many(actor, action, table, [(r[0], r[13], None) for r in world.approvals if r[9] == state])
    world.ctx.audit_table(IdCopy)
