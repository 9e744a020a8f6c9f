"""The demo estate (演示数据): a realistic office's records, for trying the program out.

``generate(actor, rooms)`` fills an empty database in one transaction. The core
makes the demo users of every role; the rest is the parts' steps, run in order
(records: buildings and rooms, owners, co-owners, tenants and residents with
their histories, the ID-copy register; money: two years of fees, receipts,
deposits and closes). A part adds its step with ``@demo_step`` in its own
package (loaded through ``models.parts``) and builds on what the earlier steps
left in the ``DemoContext`` (rooms with their owners and tenants, people, past
events, staff names); a part that gives a kind of past event its own paperwork
claims it (``DemoContext.claim``), see ``models.demo_context``.

Rows go in as bulk inserts so that 20,000 rooms take seconds, and every derived
column is filled exactly as the domain operations fill it (pinyin initials,
reversed ID and phone tails, room code and floor), so search and the integrity
check (models/check.py) see the demo as they see real records.
"""
from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from models import audit, parts, users
from models.db import sync_id_sequences, write_tx
from models.demo_context import GUARDS, PROGRESS_TOTAL, STEPS, DemoContext, DemoEvent, DemoRoom, demo_step
from models.errors import Conflict, InvalidInput
from models.i18n import _

__all__ = ["generate", "demo_step", "DemoContext", "DemoSummary", "DemoRoom", "DemoEvent", "DEMO_USERS",
           "DEMO_PASSWORD", "MIN_ROOMS", "MAX_ROOMS", "PROGRESS_TOTAL"]

# Printed by the command line after generating (DemoSummary.lines); the README should name them too.
DEMO_PASSWORD = "demo123"
DEMO_USERS = (  # username, display name, role
    ("admin", "管理员", users.ADMIN),
    ("clerk", "李静", users.CLERK),
    ("supervisor", "王芳", users.CS_SUPERVISOR),
    ("engineer", "赵建国", users.ENG_SUPERVISOR),
    ("finance", "钱丽", users.FINANCE),
    ("director", "孙志强", users.DIRECTOR),
)
MIN_ROOMS, MAX_ROOMS = 10, 50_000
# Counted in the summary's first line (rooms, buildings, people), so not listed again after it.
HEADLINE_TABLES = ("building", "entrance", "room", "person")

users.register_permission("demo.generate", {users.ADMIN}, "generate a demo estate")


@dataclass
class DemoSummary:
    seed: int
    rooms: int
    buildings: int
    people: int
    counts: dict[str, int]
    users: list[tuple[str, str, str]]    # (username, display name, role) of the users created
    password: str = DEMO_PASSWORD
    seconds: float = 0.0

    def lines(self) -> list[str]:
        """What the command line prints after generating."""
        out = [_("Demo estate generated: {rooms} rooms in {buildings} buildings, {people} people "
                 "({seconds:.1f} s, seed {seed}).").format(rooms=self.rooms, buildings=self.buildings,
                                                            people=self.people, seconds=self.seconds, seed=self.seed)]
        from models.audit import ENTITIES, entity_label
        others = [f"{entity_label(table)} {n:,}" for table, n in self.counts.items()
                  if n and table in ENTITIES and table not in HEADLINE_TABLES]
        if others:
            out.append(_("Also: {records}.").format(records="，".join(others)))
        if self.users:
            out.append(_("Demo users (password {password}):").format(password=self.password))
            out += [f"  {name}  {display}  {users.role_label(role)}" for name, display, role in self.users]
        return out


# The demo office: 阳光花园, as its letterhead, notices and permits name it.
DEMO_OFFICE = ("阳光花园管理处", "阳光花园", "阳光花园3栋1楼客服中心", "0755-8888 6666")


def why_not_generate() -> str | None:
    """Why a demo estate may not go into this database, or None when it may.

    A demo is fake rooms, people and permanent receipts, and accounts whose password everybody
    knows: only ever into an empty database that is not a real office's. An office that was
    set up under its own name is a real office, even before its rosters are imported.
    """
    from models import settings
    for guard in GUARDS:        # each part: does this database already hold its records?
        refusal = guard()
        if refusal:
            return refusal
    if settings.is_configured() and settings.get("office.name") != DEMO_OFFICE[0]:
        return _("This is the database of {office}: a demo estate (made-up rooms, receipts, and accounts with the "
                 "password {password}) would mix with its records. Make a separate demo database instead: "
                 "main.py --db 演示.db demo").format(office=settings.get("office.name"), password=DEMO_PASSWORD)
    return None


def generate(actor, rooms: int = 600, *, seed: int = 2026, progress=None,
             today: dt.date | None = None) -> DemoSummary:
    """Fill an empty database with a demo estate of ``rooms`` rooms (10 to 50,000).

    Refused when the database already holds rooms. Deterministic for a given
    seed and day. ``progress(done, total)`` may raise ``Cancelled``; nothing is
    then written.
    """
    actor.require("demo.generate")
    if not isinstance(rooms, int) or not MIN_ROOMS <= rooms <= MAX_ROOMS:
        raise InvalidInput(_("A demo estate has {low} to {high} rooms.").format(low=MIN_ROOMS, high=MAX_ROOMS),
                           field="rooms")
    started = time.monotonic()
    parts.load("models")     # the parts' steps (estate, people, ID copies, money…) register as they load
    ctx = DemoContext(actor, seed, rooms, today or dt.date.today(), progress)
    steps = sorted(STEPS.values(), key=lambda s: s.order)
    weights = sum(s.weight for s in steps)
    with write_tx():
        refusal = why_not_generate()
        if refusal:
            raise Conflict(refusal)
        ctx.advance(0, 1)
        for step in steps:
            ctx.run_step(step, step.weight / weights)
        ctx.finish()                  # the bar ends full whatever the weights' float sum came to
        sync_id_sequences(ctx.models_with_ids())
        audit.record(actor, "demo.generate", entity="demo",
                     summary=_("Demo estate generated with seed {seed}: {rooms} rooms, {people} people.").format(
                         seed=seed, rooms=len(ctx.rooms), people=len(ctx.people)))
    return DemoSummary(seed=seed, rooms=len(ctx.rooms), buildings=ctx.counts.get("building", 0),
                       people=len(ctx.people), counts=dict(ctx.counts), users=list(ctx.created_users),
                       seconds=time.monotonic() - started)


# --- users ------------------------------------------------------------------------


@demo_step("users", order=10)
def _users_step(ctx: DemoContext) -> None:
    """The demo office's particulars (where not set up yet), then a user of each role.

    A username already taken (the first administrator) is kept as it is.
    """
    from models import settings
    if not settings.is_configured():
        settings.set_up_office(ctx.actor, *DEMO_OFFICE)
    existing = {u.username: u for u in users.User.select()}
    for i, (username, display, role) in enumerate(DEMO_USERS):
        user = existing.get(username)
        if user is None:
            user = users.create_user(ctx.actor, username, display, role, DEMO_PASSWORD)
            ctx.created_users.append((username, display, role))
        ctx.staff.setdefault(user.role, user.display_name)
        ctx.advance(i + 1, len(DEMO_USERS))
    for _username, display, role in DEMO_USERS:
        ctx.staff.setdefault(role, display)
