"""The demo's ID-copy register (证件复印登记): the copies the desk took at past events.

A sample of the past events the people step left in ``ctx.events`` (transfers, renovations,
move-outs, move-ins, parking spaces), each with the copy's purpose as the desk writes it
(seed 004 温馨贴士 A3). Registered as the demo step "id_copies".
"""
from __future__ import annotations

from models import users
from models.demo_context import DemoContext, demo_step
from models.records import demo_data as dd
from models.records.people import IdCopy

# What a copy was taken for at each past event, and how often the register holds it.
_COPY_PURPOSES = {
    "transfer": (dd.PURPOSE_TRANSFER, 1.0),
    "renovation": (dd.PURPOSE_RENOVATION, 1.0),
    "move_out": (dd.PURPOSE_RELEASE, 0.8),
    "move_in": (dd.PURPOSE_MOVE_IN, 0.5),
    "parking": (dd.PURPOSE_PARKING, 0.5),
}


@demo_step("id_copies", order=40)
def _id_copies_step(ctx: DemoContext) -> None:
    """证件复印登记 for a sample of the past events (seed 004 温馨贴士 A3)."""
    rng = ctx.rng("id_copies")
    desk = [ctx.staff.get(users.CLERK, ctx.actor.name)] * 4 + [ctx.staff.get(users.CS_SUPERVISOR, ctx.actor.name)]
    rows = []
    for event in ctx.events:
        purpose, share = _COPY_PURPOSES.get(event.kind, ("", 0.0))
        if purpose and rng.random() < share:
            person = ctx.people[event.person_id]
            rows.append((event.person_id, event.room_id, person.id_type, person.id_number, purpose,
                         dd.office_time(rng, event.on), rng.choice(desk)))
    rows.sort(key=lambda r: r[5])
    ctx.insert(IdCopy, [IdCopy.person, IdCopy.room, IdCopy.id_type, IdCopy.id_number, IdCopy.purpose,
                        IdCopy.taken_at, IdCopy.taken_by], rows)
    ctx.audit_table(IdCopy)
