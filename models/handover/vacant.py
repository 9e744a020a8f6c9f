"""Vacant rooms (空置房; seed 000 §4.5.3): inspected on a schedule (the setting vacant.inspect_days), each
visit recorded with what was found and photos; the rooms due or overdue for a visit are listed."""
from __future__ import annotations

import datetime as dt

import peewee as pw

from models import audit, settings
from models import validation as v
from models.db import now, write_tx
from models.errors import Conflict, InvalidInput, NotFound
from models.i18n import _
from models.handover.tables import VacantInspection
from models.records.estate import VACANT, Room


NOT_INSPECTED = ("parking",)      # a parking space has no door, window or tap to look at


def inspected():
    """The condition for a vacant room the schedule covers (every vacant room but a parking space)."""
    return (Room.state == VACANT) & Room.use.not_in(NOT_INSPECTED)


def every() -> int:
    return int(settings.get("vacant.inspect_days"))


def due_rooms(today: dt.date | None = None) -> list[tuple]:
    """Vacant rooms not inspected for ``vacant.inspect_days`` (never inspected: due since they were vacant),
    as (room id, code, last inspected or None, days since), the longest unseen first. One query."""
    today = today or dt.date.today()
    last = (VacantInspection.select(VacantInspection.room, pw.fn.MAX(VacantInspection.at).alias("last"))
            .group_by(VacantInspection.room).alias("last_seen"))
    limit = dt.datetime.combine(today - dt.timedelta(days=every()), dt.time(23, 59, 59))
    query = (Room.select(Room.id, Room.code, last.c.last)
             .join(last, pw.JOIN.LEFT_OUTER, on=last.c.room_id == Room.id)
             .where(inspected() & (last.c.last.is_null() | (last.c.last <= limit)))
             .order_by(last.c.last.asc(nulls="first"), Room.code))
    out = []
    for room_id, code, seen in query.tuples():
        seen = seen if seen is None or isinstance(seen, dt.datetime) else dt.datetime.fromisoformat(str(seen))
        out.append((room_id, code, seen, (today - seen.date()).days if seen else None))
    return out


def inspect(actor, room_id: int, passed: bool, findings: str = "", at=None, photos=()) -> VacantInspection:
    """A vacant room looked at: doors and windows shut, no leak, no damp, meters still; what was found."""
    actor.require("vacant.inspect")
    findings = v.text(findings, "findings", max_len=300, what="The findings")
    if not passed and not findings:
        raise InvalidInput(_("Write down what was found."), field="findings")
    moment = v.parse_moment(at, field="at") if at not in (None, "") else now()
    if moment > now() + dt.timedelta(minutes=5):
        raise InvalidInput(_("An inspection cannot be recorded for a time still to come."), field="at")
    from models.attachments import add_prepared, prepare
    prepared = [(name, prepare(data, name)) for name, data in photos]
    with write_tx():
        room = Room.get_or_none(Room.id == room_id)
        if room is None:
            raise NotFound(_("No such room."))
        if room.state != VACANT:
            raise Conflict(_("{room} is no longer vacant.").format(room=room.label), field="room")
        made = VacantInspection.create(room=room, at=moment, inspector=actor.name, passed=passed,
                                       findings=findings or "正常")
        for name, file in prepared:
            add_prepared(actor, "vacant_inspection", made.id, name, file, label="现场照片")
        audit.record(actor, "vacant.inspect", made, summary=f"{room.code} {made.findings}",
                     after=audit.snapshot(made))
    return made
