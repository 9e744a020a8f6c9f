"""What the handover part puts on the clerk's day (the start page): today's appointments, keys overdue,
defects past their due day, vacant rooms due for their inspection. Each answer is a count and the first
few lines naming what waits, from at most two small queries, so the start page opens at once on a
20,000-room estate."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models.db import now
from models.handover import vacant
from models.handover.handing import day_appointments, late_defects
from models.handover.keys import overdue_loans
from models.handover.tables import APPOINTMENT_STATES, BOOKED, Defect, Key, KeyLoan
from models.i18n import _
from models.records.estate import Room

SHOWN = 4          # lines under a figure


@dataclass(frozen=True)
class Waiting:
    count: int
    lines: tuple[str, ...]
    warn: bool = False


def _late(delta: dt.timedelta) -> str:
    hours = int(delta.total_seconds() // 3600)
    if hours >= 48:
        return _("{days} days late").format(days=hours // 24)
    return _("{hours} h late").format(hours=max(hours, 1)) if hours else _("just due")


def _opens(key: Key) -> str:
    """What a key opens, short: 1-2-302 入户门, 3栋配电房 配电房门."""
    where = key.area or (Room.get_by_id(key.room_id).code if key.room_id else "")
    return f"{where} {key.label}".strip()


def appointments(day: dt.date | None = None) -> Waiting:
    """Today's handovers, by time: 10:00 3-2-1301 张伟 (已交房); red while one is past its time unseen."""
    rows = day_appointments(day)
    moment = now()
    lines, late = [], False
    for made in rows:
        state = "" if made.state == BOOKED else f"（{_(APPOINTMENT_STATES[made.state])}）"
        lines.append(f"{made.at:%H:%M} {made.room.code} {made.name}{state}")
        late = late or (made.state == BOOKED and made.at < moment - dt.timedelta(hours=1))
    waiting = [line for line, made in zip(lines, rows) if made.state == BOOKED]
    return Waiting(len(rows), tuple((waiting or lines)[:SHOWN]), late)


def keys_overdue(at: dt.datetime | None = None) -> Waiting:
    """Keys out past their time: A-012 刘师傅 逾期3小时, the longest overdue first."""
    at = at or now()
    query = overdue_loans(at)
    count = query.count()
    lines = tuple(f"{loan.key.hook} {_opens(loan.key)} {loan.borrower} {_late(at - loan.due_at)}"
                  for loan in query.limit(SHOWN))
    return Waiting(count, lines, count > 0)


def defects_late(today: dt.date | None = None) -> Waiting:
    """Defects found at handover, past their repair day and not repaired."""
    today = today or dt.date.today()
    query = late_defects(today)
    count = query.count()
    rows = (query.select(Defect.location, Defect.description, Defect.due_on, Room.code).join(Room)
            .limit(SHOWN).tuples())
    lines = tuple(_("{room} {where}: {what} ({days} days late)").format(
        room=code, where=where, what=what[:14], days=(today - due).days) for where, what, due, code in rows)
    return Waiting(count, lines, count > 0)


def vacant_due(today: dt.date | None = None) -> Waiting:
    """Vacant rooms whose inspection is due (never seen, or not for ``vacant.inspect_days``)."""
    today = today or dt.date.today()
    due = vacant.due_rooms(today)
    lines = tuple(_("{room}: never inspected").format(room=code) if seen is None else
                  _("{room}: last seen {days} days ago").format(room=code, days=days)
                  for _id, code, seen, days in due[:SHOWN])
    return Waiting(len(due), lines, bool(due))


def keys_out() -> int:
    return Key.select().where(Key.state == "out").count()


def loans_today() -> int:
    start = dt.datetime.combine(dt.date.today(), dt.time())
    return KeyLoan.select().where(KeyLoan.out_at >= start).count()
