"""The renovation part's figures on the start page, each opening its page: what waits for review (the
engineering supervisor's), the clerk's own follow-up (首接: owners not told yet), today's rooms still to
inspect, and the overdue rectification notices in red (seed 000 §4.3.6)."""
from __future__ import annotations

from models.i18n import _
from ui.modules import StartItem


def _named(renovations) -> tuple[str, ...]:
    """ZX2026-000012 2-1-1301 深圳市安居装饰: the first four of a queue."""
    return tuple(f"{r.serial} {r.room.code} {r.contractor.name}"[:34] for r in renovations[:4])


def start_items(ctx) -> list[StartItem]:
    from models.renovation import deciding, inspections
    actor = ctx.actor
    if not actor.can("renovation.view"):
        return []
    items = []
    asked = deciding.waiting_review()
    waiting = len(asked)
    if actor.can("renovation.review") or waiting:
        items.append(StartItem(_("Renovations waiting for review"), str(waiting), "renovation_review",
                               warn=waiting > 0 and actor.can("renovation.review"), todo=True,
                               lines=_named(asked)))
    if actor.can("renovation.apply"):
        following = deciding.follow_up(actor)
        mine = len(following)
        items.append(StartItem(_("My follow-up: owners not told yet"), str(mine), "renovation_follow_up",
                               warn=mine > 0, todo=True, lines=_named(following)))
    if actor.can("renovation.inspect"):
        due = inspections.due_today()
        items.append(StartItem(_("Rooms to inspect today"), str(len(due)), "inspections", todo=True,
                               lines=tuple(f"{room} {contractor}" for _id, _no, room, contractor, *_rest in due[:4])))
    overdue = inspections.overdue_notices()
    items.append(StartItem(_("Overdue rectification notices"), str(overdue.count()), "notices",
                           warn=overdue.count() > 0, todo=True, lines=inspections.overdue_lines(overdue)))
    return items
