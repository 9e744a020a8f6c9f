"""The handover part's share of the clerk's day on the start page: today's handover appointments, keys
overdue, defects past their repair day, vacant rooms due for inspection; and how many keys are out."""
from __future__ import annotations

from models.i18n import _
from ui.modules import StartItem


def start_items(ctx) -> list[StartItem]:
    from models.handover import today
    actor = ctx.actor
    items = []
    if actor.can("handover.view"):
        booked = today.appointments()
        items.append(StartItem(_("Handovers booked today"), str(booked.count), "handover_appointments",
                               warn=booked.warn, todo=True, lines=booked.lines))
    if actor.can("keys.view"):
        overdue = today.keys_overdue()
        items.append(StartItem(_("Keys overdue"), str(overdue.count), "key_loans", warn=overdue.warn, todo=True,
                               lines=overdue.lines, shown="overdue"))
    if actor.can("handover.view"):
        late = today.defects_late()
        items.append(StartItem(_("Handover defects past due"), str(late.count), "defects", warn=late.warn,
                               todo=True, lines=late.lines, shown="late"))
        due = today.vacant_due()
        items.append(StartItem(_("Vacant rooms due for inspection"), str(due.count), "vacant_rooms", warn=due.warn,
                               todo=True, lines=due.lines, shown="due"))
    if actor.can("keys.view"):
        items.append(StartItem(_("Keys out now"), str(today.keys_out()), "key_cabinet", shown="out"))
    return items
