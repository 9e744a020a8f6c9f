"""The demo's handovers (演示数据: 交房): the newest buildings' rooms handed to their first owners, each as
``hand_over`` writes it: the room's move to 已交房, the form numbered JF…, the documents checked, the keys
counted out, the meters read, the defects found; and today's, when the records part handed none over today.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from models.demo_context import DemoRoom
from models.handover.demo_booking import Booking, booking_for, write_bookings
from models.handover.demo_defects import Fix, found_at_handover, write_defects
from models.handover.demo_handover import World, snapshot
from models.handover.tables import METERS, RETIRED, Defect, Handover, HandoverKey, MeterReading
from models.i18n import _
from models.records import demo_data as dd
from models.records.estate import HANDED_OVER, VACANT, Room
from models.records.people import OWNER, RoomParty

KEY_COUNTS = {"入户门": 3, "信报箱": 2, "电表箱": 1, "水表箱": 1, "单元门禁卡": 2}
SHOP_KEYS = ("入户门", "电表箱", "水表箱")
NOTES = ("购房发票后补", "业主委托家人代为收楼，已核对委托书", "业主要求尽快安排开荒保洁", "车位另行办理",
         "入伙通知书遗失，凭购房合同办理")
DOCUMENT_NOTES = {"购房发票": "购房发票后补", "入伙通知书": "入伙通知书遗失，凭购房合同办理",
                  "物业服务协议": "物业服务协议业主带回细读，下次交回"}
METER_PREFIX = {"water": "SB", "electricity": "DB", "gas": "RQ"}


@dataclass(eq=False)
class Plan:
    """One handover before it becomes rows; ids and the number come when it is written."""
    room: DemoRoom
    owner: int
    at: dt.datetime                 # the moment it was done (the form's 交房日期 is its day)
    clerk: str
    booking: Booking | None = None
    priors: list[Booking] = field(default_factory=list)     # cancelled or missed before it
    documents: list = field(default_factory=list)
    keys: list = field(default_factory=list)
    readings: list = field(default_factory=list)
    defects: list[Fix] = field(default_factory=list)
    note: str = ""
    deed: str = ""                  # today's of a vacant room: the buyer registered at the handover with the deed
    id: int = 0
    year: int = 0
    number: int = 0

    @property
    def serial(self) -> str:
        return f"JF{self.year}-{self.number:06d}"


def past_handovers(world: World) -> list[Plan]:
    """Every room of the newest buildings handed over: on the day and at the moment its first owner was
    registered (the records part's tie), the records part's vacant rooms left as they are."""
    ctx = world.ctx
    rooms = {r.id: r for r in ctx.rooms
             if r.use != "parking" and r.state != VACANT and r.ready >= world.newest}
    if not rooms:
        return []
    first: dict[int, tuple] = {}
    query = (RoomParty.select(RoomParty.room, RoomParty.person, RoomParty.start_date, RoomParty.created_at)
             .where((RoomParty.role == OWNER) & RoomParty.room.between(min(rooms), max(rooms)))
             .order_by(RoomParty.start_date, RoomParty.id))
    for room_id, person, start, created in query.tuples().iterator():
        if room_id in rooms and room_id not in first:
            first[room_id] = (person, start, created)
    plans = []
    for room_id, (person, start, created) in sorted(first.items()):
        at = created if created.date() == start else world.office(start)
        plans.append(_plan(world, rooms[room_id], person, world.before_now(at, 90)))
    today = [p for p in plans if p.at.date() == world.today]
    booked = [p for p in today if p.booking is not None]
    booked = set(world.rng.sample(booked, min(3, len(booked))))
    for plan in today:                       # a day of many: three came by appointment, the rest walked in
        if plan not in booked:
            plan.booking = None
    return plans


def handed_today(world: World, plans: list[Plan]) -> list[Plan]:
    """No room handed over today: buyers who own a home here already take the keys of vacant new rooms, one
    this morning (and one this afternoon, when the afternoon is over), each by appointment."""
    ctx, rng = world.ctx, world.rng
    if any(p.at.date() == world.today for p in plans):
        return []
    vacant = sorted((r for r in ctx.rooms if r.state == VACANT and r.use == "residential"),
                    key=lambda r: (-r.ready.toordinal(), r.id))[:20]
    owners = sorted({r.owner for r in ctx.rooms if r.owner is not None and r.use != "parking"
                     and ctx.people[r.owner].age(world.today) >= 28 and ctx.people[r.owner].mobile})
    rng.shuffle(vacant)
    out = []
    for start in ((9, 30), (13, 30))[:2 if world.cutoff.time() >= dt.time(15) else 1]:
        if not vacant or not owners:
            break
        at = dt.datetime.combine(world.today, dt.time(*start)) + dt.timedelta(minutes=rng.randint(0, 120))
        plan = _plan(world, vacant.pop(), rng.choice(owners), world.before_now(at, 60).replace(microsecond=0),
                     sure=True)
        plan.deed = dd.deed_number(rng, world.today.year)
        out.append(plan)
    return out


def _plan(world: World, room: DemoRoom, owner: int, at: dt.datetime, sure: bool = False) -> Plan:
    rng = world.rng
    plan = Plan(room, owner, at, world.desk())
    if sure or rng.random() < 0.85:
        plan.booking, plan.priors = booking_for(world, plan)
    documents = list(world.checklist)
    if documents and rng.random() < 0.15:
        missing = rng.choice([d for d in documents if d in DOCUMENT_NOTES] or documents)
        documents.remove(missing)
        plan.note = DOCUMENT_NOTES.get(missing, "")
    elif rng.random() < 0.08:
        plan.note = rng.choice(NOTES)
    plan.documents = documents
    plan.keys = _keys(world, room)
    plan.readings = _readings(world, room)
    plan.defects = found_at_handover(world, plan) if rng.random() < 0.33 or sure else []
    return plan


def _keys(world: World, room: DemoRoom) -> list[tuple[str, int]]:
    rng, out = world.rng, []
    for kind in world.key_kinds:
        if room.use == "shop" and kind not in SHOP_KEYS:
            continue
        count = KEY_COUNTS.get(kind, 1)
        if kind == "入户门":
            count = 2 if room.use == "shop" else rng.choice((3, 3, 3, 4))
        elif kind == "单元门禁卡":
            count = rng.choice((2, 2, 3, 4))
        out.append((kind, count))
    return out


def _readings(world: World, room: DemoRoom) -> list[tuple[str, str, Decimal]]:
    """New meters: a little water and power used by the builders and the cleaners, gas barely turned."""
    rng = world.rng
    ranges = {"water": (0, 1500), "electricity": (500, 30000), "gas": (0, 300)}
    meters = ("water", "electricity") if room.use == "shop" else ("water", "electricity", "gas")
    return [(meter, f"{METER_PREFIX[meter]}{room.ready:%y}{room.id:06d}",
             (Decimal(rng.randint(*ranges[meter])) / 100).quantize(Decimal("0.01"))) for meter in meters]


# --- writing ----------------------------------------------------------------------------------------------

def write_handovers(world: World, plans: list[Plan], parties: dict | None = None, since: list[Fix] = ()) -> None:
    """The forms with their keys, readings and defects, numbered per year in the order they were done;
    the audit entries ``hand_over`` writes, in its order. ``parties``: plan → the owner tie registered at
    the handover (today's buyers of vacant rooms), audited between the room's move and the form; ``since``: the
    defects owners reported after their handover."""
    if not plans:
        return
    ctx, people, parties = world.ctx, world.ctx.people, parties or {}
    plans.sort(key=lambda p: p.at)
    world.numbered("handover", plans, lambda p: p.at)
    first = ctx.reserve_ids(Handover, len(plans))
    readings = [(plan, *r) for plan in plans for r in plan.readings]
    next_reading = ctx.reserve_ids(MeterReading, len(readings))
    fixes = [fix for plan in plans for fix in plan.defects]
    next_fix = ctx.reserve_ids(Defect, len(fixes))
    for i, fix in enumerate(fixes):
        fix.id = next_fix + i
    rows, keys, reading_rows, log = [], [], [], world.log
    for i, plan in enumerate(plans):
        plan.id = first + i
        room, owner = plan.room, people[plan.owner].name
        log.move(plan.at, "room", "hand_over", room.id, _("handed over to {name}").format(name=owner),
                 VACANT, HANDED_OVER)
        if plan in parties:
            party = parties[plan]
            log.add(plan.at, "ownership.register", "room_party", party["id"], f"{room.code} {owner}",
                    after=snapshot(RoomParty, party))
        row = dict(id=plan.id, year=plan.year, number=plan.number, room=room.id, owner=plan.owner,
                   appointment=plan.booking.id if plan.booking else None, handed_on=plan.at.date(),
                   documents="；".join(plan.documents), clerk=plan.clerk, clerk_user_id=world.user_ids.get(plan.clerk),
                   note=plan.note, created_at=plan.at)
        rows.append(tuple(row.values()))
        keys += [(plan.id, kind, count) for kind, count in plan.keys]
        for meter, meter_no, value in plan.readings:
            reading_rows.append((next_reading, room.id, meter, meter_no, value, plan.at.date(), plan.id, plan.clerk,
                                 plan.at))
            log.add(plan.at, "meter.read", "meter_reading", next_reading,
                    f"{room.code} {_(METERS[meter])} {meter_no} {value}")
            next_reading += 1
        for fix in plan.defects:
            log.add(plan.at, "defect.record", "handover_defect", fix.id,
                    f"{room.code} {fix.location} {fix.description}")
            world.photos.attach(fix)
        log.add(plan.at, "handover.do", "handover", plan.id, f"No. {plan.serial} {room.code} {owner}",
                after=snapshot(Handover, row))
    world.insert(Handover, HANDOVER_FIELDS, rows)
    world.insert(HandoverKey, [HandoverKey.handover, HandoverKey.kind, HandoverKey.count], keys)
    m = MeterReading
    world.insert(m, [m.id, m.room, m.meter, m.meter_no, m.reading, m.read_on, m.handover, m.read_by, m.recorded_at],
                 reading_rows)
    write_defects(world, fixes + list(since))


HANDOVER_FIELDS = [Handover.id, Handover.year, Handover.number, Handover.room, Handover.owner, Handover.appointment,
                   Handover.handed_on, Handover.documents, Handover.clerk, Handover.clerk_user_id, Handover.note,
                   Handover.created_at]


def hand_over_today(world: World, plans: list[Plan], keys: dict) -> None:
    """Today's handovers of vacant rooms, after money's step: each buyer registered as owner with the deed,
    the room 已交房, its form, and the vacant room's key (``keys``: room id → (key id, hook)) given to the
    owner, no longer held."""
    ctx = world.ctx
    parties, bookings = {}, []
    first = ctx.reserve_ids(RoomParty, len(plans))
    fields = [RoomParty.id, RoomParty.room, RoomParty.person, RoomParty.role, RoomParty.relation, RoomParty.head,
              RoomParty.start_date, RoomParty.end_date, RoomParty.lease_end, RoomParty.document_no,
              RoomParty.end_reason, RoomParty.created_at]
    for i, plan in enumerate(plans):
        room = plan.room
        parties[plan] = dict(id=first + i, room=room.id, person=plan.owner, role=OWNER, relation="", head=None,
                             start_date=plan.at.date(), end_date=None, lease_end=None, document_no=plan.deed,
                             end_reason="", created_at=plan.at)
        room.state, room.owner, room.owner_since = HANDED_OVER, plan.owner, plan.at.date()
        bookings += ([plan.booking] if plan.booking else []) + plan.priors
    ctx.insert(RoomParty, fields, [tuple(party[f.name] for f in fields) for party in parties.values()])
    Room.update(state=HANDED_OVER).where(Room.id.in_([p.room.id for p in plans])).execute()
    write_bookings(world, bookings)
    write_handovers(world, plans, parties)
    from models.handover.tables import IN_CABINET, Key
    for plan in plans:
        if plan.room.id not in keys:
            continue
        key_id, hook = keys[plan.room.id]
        at = min(plan.at + dt.timedelta(minutes=world.rng.randint(3, 10)), max(world.cutoff, plan.at))
        Key.update(state=RETIRED).where(Key.id == key_id).execute()
        world.log.move(at, "cabinet_key", "retire", key_id, f"{hook} 已交房，钥匙交业主（{plan.serial}）",
                       IN_CABINET, RETIRED)
