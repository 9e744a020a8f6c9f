"""Release slips in the toolbar's search: a slip's number typed (FX2026-000123, 2026-123) or scanned
(FX2026-000123/K7Q2MA) finds the slip; the hit opens its room, where the slip is on the timeline.

One indexed look-up (the slip's unique year and number) per keystroke, and only when what was typed
reads as a slip's number, so the rooms' and people's searches cost what they cost before.
"""
from __future__ import annotations

import re

from models import validation as v
from models.i18n import _
from models.searching import Hit, register_search_provider
from models.release.slips import SERIAL_PREFIX, SHOWN_STATES

_TYPED = re.compile(r"(?:NO\.?)?(?:%s)?(\d{4})-(\d{1,6})" % SERIAL_PREFIX)


def typed_serial(text) -> tuple[int, int] | None:
    """(year, number) of a slip number typed or scanned into a search box, else None.

    The year and a dash are needed (2026-123), so a room number, a phone tail or a receipt's
    digits alone are never taken for a slip; a scan's check code after "/" is left to the gate.
    """
    raw = v.compact(v.search_text(text)).upper().replace("－", "-").split("/")[0]
    match = _TYPED.fullmatch(raw[:30])
    if not match or not 1990 <= int(match.group(1)) <= 2100 or int(match.group(2)) == 0:
        return None
    return int(match.group(1)), int(match.group(2))


def slips_matching(text: str, limit: int = 1) -> list[Hit]:
    from models.records.estate import Room, label_from_code
    from models.release.slips import ReleaseSlip
    serial = typed_serial(text)
    if serial is None or limit < 1:
        return []
    slip = ReleaseSlip.get_or_none((ReleaseSlip.year == serial[0]) & (ReleaseSlip.number == serial[1]))
    if slip is None:
        return []
    code = Room.select(Room.code).where(Room.id == slip.room_id).scalar()
    state = _(SHOWN_STATES[slip.shown_state()])
    detail = f"{label_from_code(code)} {slip.person_name} {slip.issued_on:%Y-%m-%d} {state}"
    return [Hit("release_slip", slip.id, slip.serial, detail, slip.room_id)]

register_search_provider("release_slip", "[Release slip]", slips_matching, order=30)
