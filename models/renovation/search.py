"""Renovations and rectification notices in the toolbar's search.

An application's number typed (ZX2026-000012, 2026-12) or a worker's pass scanned
(ZX2026-000012-03/K7Q2MA) finds the application; a contractor's name (or its licence number) finds
its applications, newest first; a notice's number (ZG2026-000003) finds the notice. Each is an
indexed look-up (the contractors are a few hundred rows), asked only when the text can be one.
"""
from __future__ import annotations

import re

from models import validation as v
from models.i18n import _
from models.searching import Hit, register_search_provider

_TYPED = re.compile(r"(?:NO\.?)?(ZX|ZG)?(\d{4})-(\d{1,6})(?:-(\d{1,3}))?")


def typed_number(text) -> tuple[str, int, int] | None:
    """("ZX"/"ZG"/"", year, number) of an application's, a pass's or a notice's number, else None."""
    raw = v.compact(v.search_text(text)).upper().replace("－", "-").split("/")[0]
    match = _TYPED.fullmatch(raw[:30])
    if not match or not 1990 <= int(match.group(2)) <= 2100 or int(match.group(3)) == 0:
        return None
    if match.group(4) is not None and match.group(1) != "ZX":
        return None                     # a pass number is ZX…-03; other dashes are not ours
    return match.group(1) or "", int(match.group(2)), int(match.group(3))


def _hit(renovation) -> Hit:
    from models.records.estate import label_from_code
    from models.renovation.works import RENOVATION
    detail = (f"{label_from_code(renovation.room.code)} {renovation.contractor.name} "
              f"{renovation.start_on:%Y-%m-%d} {RENOVATION.label(renovation.state)}")
    return Hit("renovation", renovation.id, renovation.serial, detail, renovation.room_id, own_page=True)


def renovations_matching(text: str, limit: int = 5) -> list[Hit]:
    from models.renovation.works import Contractor, Renovation
    if limit < 1:
        return []
    typed = typed_number(text)
    if typed is not None:
        kind, year, number = typed
        found = None if kind == "ZG" else Renovation.get_or_none((Renovation.year == year)
                                                                 & (Renovation.number == number))
        return [_hit(found)] if found is not None else []
    word = v.clean_text(v.search_text(text))
    if len(word) < 2:
        return []
    contractors = Contractor.select(Contractor.id).where(Contractor.name.contains(word)
                                                         | Contractor.licence_no.startswith(word.upper()))
    rows = (Renovation.select().where(Renovation.contractor.in_(contractors))
            .order_by(Renovation.submitted_at.desc(), Renovation.id.desc()).limit(limit))
    return [_hit(r) for r in rows]


def notices_matching(text: str, limit: int = 1) -> list[Hit]:
    from models.records.estate import label_from_code
    from models.renovation.lists import NOTICE_SHOWN
    from models.renovation.works import RectificationNotice
    typed = typed_number(text)
    if typed is None or typed[0] != "ZG" or limit < 1:
        return []
    notice = RectificationNotice.get_or_none((RectificationNotice.year == typed[1])
                                             & (RectificationNotice.number == typed[2]))
    if notice is None:
        return []
    room = notice.renovation.room
    state = _(NOTICE_SHOWN[notice.shown_state()])
    detail = f"{label_from_code(room.code)} {notice.finding[:20]} {notice.deadline:%Y-%m-%d} {state}"
    return [Hit("rectification_notice", notice.id, notice.serial, detail, room.id)]


register_search_provider("renovation", "[Renovation]", renovations_matching, order=40)
register_search_provider("rectification_notice", "[Rectification notice]", notices_matching, order=41)
