"""What the demo steps share: the step registry, the context they fill and read, and the
generated rooms and past events later steps build on (see ``models.demo``)."""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Callable

import peewee as pw

from models import audit
from models.records import demo_data as dd
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


# --- steps ------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoStep:
    key: str
    order: int                            # steps run by ascending order
    weight: int                           # share of the progress bar
    run: Callable[["DemoContext"], None]


STEPS: dict[str, DemoStep] = {}


def demo_step(key: str, *, order: int, weight: int = 1):
    """Register a demo step; a module's step runs when that module has been imported."""
    def register(fn):
        STEPS[key] = DemoStep(key, order, weight, fn)
        return fn
    return register


class DemoContext:
    """What the steps share: the actor, one random stream per step, bulk writers, and what was made."""

    def __init__(self, actor, seed: int, rooms_wanted: int, today: dt.date, progress=None):
        self.actor, self.seed, self.rooms_wanted, self.today = actor, seed, rooms_wanted, today
        self.rooms: list[DemoRoom] = []
        self.people: dict[int, dd.NewPerson] = {}
        self.events: list[DemoEvent] = []
        self.staff: dict[str, str] = {}              # role → display name of the demo user
        self.created_users: list[tuple[str, str, str]] = []
        self.counts: dict[str, int] = {}
        self._next_ids: dict[str, int] = {}
        self._progress = progress
        self._reported = -1
        self._base = 0.0
        self._span = 0.0

    def rng(self, key: str) -> random.Random:
        """Each step has its own stream, so a step added later does not change the others' data."""
        return random.Random(f"{self.seed}/{key}")

    def first_free_id(self, model: type[pw.Model]) -> int:
        table = model._meta.table_name
        if table not in self._next_ids:
            self._next_ids[table] = (model.select(pw.fn.MAX(model._meta.primary_key)).scalar() or 0) + 1
        return self._next_ids[table]

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

    def advance(self, done: int, total: int) -> None:
        """Progress within the current step; raises ``Cancelled`` if the caller says so."""
        if self._progress is None:
            return
        value = int(self._base + self._span * min(done, total) / max(total, 1))
        if value != self._reported:
            self._reported = value
            self._progress(value, PROGRESS_TOTAL)
