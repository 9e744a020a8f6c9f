"""What the demo steps share: the step registry, the context they fill and read, and the
generated rooms and past events later steps build on (see ``models.demo``).

Past events are public: ``ctx.events`` holds what happened at the desk (a transfer, a move-in or
-out, a renovation, a parking space bought), for the steps that follow to give their paperwork.
A kind of event can be owned by one part. The part that makes something of it today asks
``ctx.keeps(kind, part)`` first (money, before it takes a renovation's deposits and fees), and
holds the kind from then on, unless a later part claimed it before with ``ctx.claim(kind, part)``
in a step ordered earlier (money's step is 50): a renovation part that makes the applications
itself. The part that gave way then leaves those events alone and offers a public function
through which the claimant gets what it used to make (money: ``order_renovation_deposits`` in
its demo, played in its book so receipts stay numbered in time order). A claim that comes too
late is an error, not paperwork made twice. ID copies are not owned: the desk takes them at
every event, whoever owns it.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any, Callable

import peewee as pw

from models import audit
from models.db import bulk_insert
from models.i18n import _

PROGRESS_TOTAL = 1000
BATCH = 5000    # rows written between two progress reports, so Cancel is heard while writing


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
    until: dt.date | None = None         # when it was over (a renovation's works), None if still going


# --- steps ------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoStep:
    key: str
    order: int                            # steps run by ascending order
    weight: int                           # share of the progress bar
    run: Callable[["DemoContext"], None]


STEPS: dict[str, DemoStep] = {}
GUARDS: list[Callable[[], str | None]] = []


def demo_step(key: str, *, order: int, weight: int = 1):
    """Register a demo step; a module's step runs when that module has been imported."""
    def register(fn):
        STEPS[key] = DemoStep(key, order, weight, fn)
        return fn
    return register


def demo_guard(fn: Callable[[], str | None]) -> Callable[[], str | None]:
    """Register why a demo may not go into this database (a part's records are already there):
    ``fn()`` returns the clerk's sentence, or None when the part has nothing in it yet."""
    GUARDS.append(fn)
    return fn


class DemoContext:
    """What the steps share: the actor, one random stream per step, bulk writers, and what was made."""

    def __init__(self, actor, seed: int, rooms_wanted: int, today: dt.date, progress=None):
        self.actor, self.seed, self.rooms_wanted, self.today = actor, seed, rooms_wanted, today
        self.rooms: list[DemoRoom] = []
        self.people: dict[int, Any] = {}              # person id → the records part's NewPerson (name, ID…)
        self.events: list[DemoEvent] = []             # the past, in the order the steps told it
        self.claims: dict[str, str] = {}              # kind of event → the part that gives it its paperwork
        self.shared: dict[str, Any] = {}              # what a part hands to later steps, keyed "<part>.<what>"
        self.staff: dict[str, str] = {}              # role → display name of the demo user
        self.created_users: list[tuple[str, str, str]] = []
        self.counts: dict[str, int] = {}
        self._next_ids: dict[str, int] = {}
        self._models: dict[str, type[pw.Model]] = {}
        self._progress = progress
        self._reported = -1
        self._base = 0.0
        self._span = 0.0

    def rng(self, key: str) -> random.Random:
        """Each step has its own stream, so a step added later does not change the others' data."""
        return random.Random(f"{self.seed}/{key}")

    def claim(self, kind: str, part: str) -> None:
        """``part`` gives the past events of ``kind`` their paperwork; the part that would have made it
        leaves them alone. Refused (a programming error) once another part holds the kind."""
        holder = self.claims.setdefault(kind, part)
        if holder != part:
            raise ValueError(f"demo events of kind {kind!r} already belong to the part {holder!r}: "
                             "claim them in a step ordered before its step")

    def keeps(self, kind: str, part: str) -> bool:
        """Whether ``part`` makes the paperwork of the events of ``kind`` as it always has: yes, and it
        holds the kind from now on, unless another part claimed it first."""
        return self.claims.setdefault(kind, part) == part

    def claimed_by(self, kind: str) -> str | None:
        """The part that holds the events of ``kind``, or None while nobody does."""
        return self.claims.get(kind)

    def events_of(self, kind: str) -> list[DemoEvent]:
        return [event for event in self.events if event.kind == kind]

    def first_free_id(self, model: type[pw.Model]) -> int:
        table = model._meta.table_name
        if table not in self._next_ids:
            self._next_ids[table] = (model.select(pw.fn.MAX(model._meta.primary_key)).scalar() or 0) + 1
            self._models[table] = model
        return self._next_ids[table]

    def models_with_ids(self) -> list[type[pw.Model]]:
        """The tables whose rows the steps wrote with ids of their own (PostgreSQL's sequences follow)."""
        return list(self._models.values())

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
        bulk_insert(model, fields, rows)

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

    def finish(self) -> None:
        if self._progress is not None and self._reported != PROGRESS_TOTAL:
            self._reported = PROGRESS_TOTAL
            self._progress(PROGRESS_TOTAL, PROGRESS_TOTAL)

    def advance(self, done: int, total: int) -> None:
        """Progress within the current step; raises ``Cancelled`` if the caller says so."""
        if self._progress is None:
            return
        value = int(self._base + self._span * min(done, total) / max(total, 1))
        if value != self._reported:
            self._reported = value
            self._progress(value, PROGRESS_TOTAL)
