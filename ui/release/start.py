"""The release part's figures on the start page: today's slips not yet used, approvals waiting."""
from __future__ import annotations

from models.i18n import _
from ui.modules import StartItem


def start_items(ctx) -> list[StartItem]:
    from models.release.approvals import waiting_approvals
    from models.release.gate import unused_today, unused_today_lines
    actor = ctx.actor
    if not actor.can("release.view"):
        return []
    unused = unused_today()
    asked = waiting_approvals()
    waiting = len(asked)
    items = [StartItem(_("Release slips of today not yet used"), str(unused), "releases", warn=False, todo=True,
                       lines=unused_today_lines() if unused else ())]
    if waiting or actor.can("release.approve"):
        items.append(StartItem(_("Releases waiting for the director"), str(waiting), "release_approvals",
                               warn=waiting > 0 and actor.can("release.approve"), todo=True,
                               lines=tuple(f"{a.room.code} {a.person.name} {a.goods}"[:30] for a in asked[:4])))
    return items
