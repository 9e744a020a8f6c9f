"""The release part's figures on the start page: today's slips not yet used, approvals waiting."""
from __future__ import annotations

import datetime as dt

from models.i18n import _
from ui.modules import StartItem


def start_items(ctx) -> list[StartItem]:
    from models.release.slips import ISSUED, ReleaseSlip
    from models.release.approvals import waiting_approvals
    actor = ctx.actor
    if not actor.can("release.view"):
        return []
    today = dt.date.today()
    unused = ReleaseSlip.select().where((ReleaseSlip.state == ISSUED) & (ReleaseSlip.issued_on == today)).count()
    waiting = len(waiting_approvals())
    items = [StartItem(_("Release slips of today not yet used"), str(unused), "releases", warn=False)]
    if waiting or actor.can("release.approve"):
        items.append(StartItem(_("Releases waiting for the director"), str(waiting), "release_approvals",
                               warn=waiting > 0 and actor.can("release.approve")))
    return items
