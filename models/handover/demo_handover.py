"""The demo's handovers and key cabinet (演示数据: 交房, 钥匙管理, 空置房): a year of an office's desk.

The rooms of the estate's newest buildings were handed to their first owners on the day the records part
registered them (``transfer_ownership`` moves a vacant room to 已交房, as ``hand_over`` does): each of those
gets its handover form (JF…), mostly by appointment, with the documents checked, the meters read, the keys
counted out and, for about a third, defects followed until the owner confirmed the repair (some still
waiting, a few past their day). The records part's vacant rooms stay vacant: buyers have booked them for
today and the days to come, their keys hang in the cabinet beside the public areas', the plant rooms' and
the keys owners entrusted (some entrustments over), and they are inspected every ``vacant.inspect_days``.
A year of loans, a few keys out past their time, one lost and its lock changed.

Two steps. "handover" (order 42, before renovation's and money's) writes all of it, so a room's 已交房
comes before any later move of it in the audit log. When no room was handed over today (an estate whose
newest rooms were handed over months ago), a vacant room is handed over this morning (and another this
afternoon, once the afternoon is over) to a buyer who already owns a home here: "handover_today" (order 65,
the last) writes them, after money's step, which must not charge them for the months they stood empty.

Rows go in as bulk inserts with their ids, each written as the operations write it, with the same audit
entries (what, on which record, the summary, the state before and after) and the serial counters left at
the last number, so the next handover or loan gets the number after.
"""
from __future__ import annotations

import datetime as dt
import json

import peewee as pw

from models import users
from models.audit import AuditLog
from models.db import bulk_insert, now
from models.demo_context import DemoContext, demo_guard, demo_step
from models.i18n import _
from models.serials import SerialCounter

PART = "handover"
TODAY_PLAN = "handover.today"        # ctx.shared: today's handovers of vacant rooms, for the last step
WINDOW = 730                         # the newest buildings (the records part's "new"): their handovers are here


@demo_guard
def _no_handovers() -> str | None:
    from models.handover.tables import Appointment, Handover, Key
    if Handover.select().exists() or Key.select().exists() or Appointment.select().exists():
        return _("The database already holds handovers or keys; a demo estate is generated only into an empty "
                 "database.")
    return None


@demo_step("handover", order=42, weight=2)
def _handover_step(ctx: DemoContext) -> None:
    from models.handover.demo_booking import book_ahead
    from models.handover.demo_cabinet import Cabinet
    from models.handover.demo_defects import make_sure, reported_since
    from models.handover.demo_handing import handed_today, past_handovers, write_handovers
    from models.handover.demo_vacant import inspect_rounds
    world = World(ctx)
    plans = past_handovers(world.use("handovers"))
    since = reported_since(world.use("since"), plans)
    make_sure(world, [fix for plan in plans for fix in plan.defects] + since)
    today = handed_today(world.use("today"), plans)      # these three hang on the time of day: a stream each
    book_ahead(world.use("booking"), plans, today)
    ctx.advance(1, 5)
    write_handovers(world.use("writing"), plans, since=since)
    ctx.advance(2, 5)
    cabinet = Cabinet(world.use("cabinet"), plans, today)
    cabinet.write()
    ctx.advance(3, 5)
    inspect_rounds(world.use("vacant"))
    world.log.write()
    for model in world.models:
        ctx.audit_table(model)
    if today:
        ctx.shared[TODAY_PLAN] = (world, today, cabinet.keys_given_today())


@demo_step("handover_today", order=65, weight=0)
def _today_step(ctx: DemoContext) -> None:
    kept = ctx.shared.pop(TODAY_PLAN, None)
    if kept is None:
        return
    from models.handover.demo_handing import hand_over_today
    world, today, keys = kept
    hand_over_today(world, today, keys)
    world.log.write()


class World:
    """What the steps read once (the staff, the clock, the checklist) and the audit entries they gather."""

    def __init__(self, ctx: DemoContext):
        from models.handover import handing
        self.ctx, self.today = ctx, ctx.today
        self.rng = ctx.rng("handover")
        self.cutoff = (min(now(), dt.datetime.combine(ctx.today, dt.time(23, 59)))
                       if ctx.today >= dt.date.today() else dt.datetime.combine(ctx.today, dt.time(18)))
        self.since = ctx.today - dt.timedelta(days=364)        # the cabinet's and the rounds' year
        self.newest = ctx.today - dt.timedelta(days=WINDOW)
        name = ctx.actor.name
        self.clerk = ctx.staff.get(users.CLERK, name)
        self.supervisor = ctx.staff.get(users.CS_SUPERVISOR, self.clerk)
        self.engineer = ctx.staff.get(users.ENG_SUPERVISOR, self.clerk)
        self.user_ids = dict(users.User.select(users.User.display_name, users.User.id).tuples())
        self.checklist = handing.checklist()
        self.key_kinds = handing.key_kinds()
        self.log = AuditRows(ctx)
        self.models: list = []
        self.bookings: list = []                 # appointments made for vacant rooms (booked ahead, not kept)
        self.last_numbers: dict[str, dict[int, int]] = {}
        from models.handover.demo_photos import Photos
        self.photos = Photos(self)

    def use(self, stream: str) -> "World":
        """Draw from the stream of one part of the year from now on, so that what hangs on the time of day
        (today's appointments, the keys out now) leaves the rest as it is."""
        self.rng = self.ctx.rng(f"handover/{stream}")
        return self

    def desk(self) -> str:
        return self.clerk if self.rng.random() < 0.8 else self.supervisor

    def office(self, day: dt.date, start=(9, 0), minutes: int = 510) -> dt.datetime:
        """A moment in office hours that day (09:00-17:30 by default), to the second."""
        return dt.datetime.combine(day, dt.time(*start)) + dt.timedelta(seconds=self.rng.randrange(minutes * 60))

    def before_now(self, at: dt.datetime, room: int = 20) -> dt.datetime:
        """``at``, or a moment of the last ``room`` minutes (of the same day) when it would be still to come."""
        if at <= self.cutoff:
            return at
        earlier = self.cutoff - dt.timedelta(minutes=1 + (at.minute * 7 + at.second) % room)
        return max(earlier, dt.datetime.combine(at.date(), dt.time())) if at.date() == self.cutoff.date() else earlier

    def insert(self, model, fields: list, rows: list) -> None:
        if model not in self.models:
            self.models.append(model)
        self.ctx.insert(model, fields, rows)

    def numbered(self, kind: str, items: list, when) -> None:
        """Numbers per year in the order ``when(item)`` gives, after those this demo gave already."""
        last = self.last_numbers.setdefault(kind, {})
        for item in sorted(items, key=when):
            year = when(item).year
            last[year] = last.get(year, 0) + 1
            item.year, item.number = year, last[year]
        counters(kind, last)


def counters(kind: str, last: dict[int, int]) -> None:
    """The serial counters stand at the last number given (the demo goes into a database without any)."""
    if not last:
        return
    SerialCounter.delete().where((SerialCounter.kind == kind) & SerialCounter.year.in_(list(last))).execute()
    bulk_insert(SerialCounter, [SerialCounter.kind, SerialCounter.year, SerialCounter.last],
                [(kind, year, number) for year, number in sorted(last.items())])


_FIELDS: dict = {}
_ENCODER = json.JSONEncoder(ensure_ascii=False, default=str)     # ``audit.record``'s json.dumps, made once


def snapshot(model, values: dict, exclude=()) -> dict:
    """What ``audit.snapshot`` keeps of a record just created with ``values`` (every stored field, in the
    model's order; dates as ISO text), without making a model instance for each of thousands of rows."""
    key = (model, tuple(exclude))
    if key not in _FIELDS:
        _FIELDS[key] = [(name, isinstance(field, (pw.DateField, pw.DateTimeField)))
                        for name, field in model._meta.fields.items() if name not in exclude]
    return {name: (values[name].isoformat() if dated and values[name] is not None else values[name])
            for name, dated in _FIELDS[key]}


def _json(record: dict | None) -> str | None:
    return _ENCODER.encode(record) if record is not None else None


class AuditRows:
    """The audit entries the operations would have written, gathered and written in the order things
    happened (``audit.record``'s columns: the summary, the state or record before and after)."""

    def __init__(self, ctx: DemoContext):
        self.ctx = ctx
        self.rows: list[tuple] = []

    def add(self, at: dt.datetime, action: str, entity: str, entity_id: int, summary: str,
            before: dict | None = None, after: dict | None = None) -> None:
        self.rows.append((at, len(self.rows), action, entity, entity_id, summary, before, after))

    def move(self, at: dt.datetime, kind: str, verb: str, record_id: int, summary: str, old: str, new: str,
             **changes) -> None:
        """A state machine's move (``StateMachine.move``): "<kind>.<verb>", the state before and after."""
        self.add(at, f"{kind}.{verb}", kind, record_id, summary, {"state": old}, {"state": new, **changes})

    def write(self) -> None:
        actor, stamp = self.ctx.actor, now()
        rows = sorted(self.rows, key=lambda r: (r[0], r[1]))
        bulk_insert(AuditLog, [AuditLog.at, AuditLog.actor_user_id, AuditLog.actor_name, AuditLog.actor_role,
                               AuditLog.via, AuditLog.action, AuditLog.entity, AuditLog.entity_id, AuditLog.summary,
                               AuditLog.before, AuditLog.after],
                    [(stamp, actor.user_id, actor.name, actor.role, actor.via, action, entity, entity_id, summary,
                      _json(before), _json(after)) for _at, _i, action, entity, entity_id, summary, before, after
                     in rows])
        self.rows = []
