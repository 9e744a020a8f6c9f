"""Handovers, key loans and keys in the toolbar's search.

A handover form's number (JF2026-000012) finds the form; a key loan's (JY2026-000034) the loan; a key's
tag as a scanner types it (K000123) or its hook number (A-012) the key. Each opens its own record
(own_page): the form, the loan, the key in the cabinet. Each is one look-up by a unique index, asked
only when what was typed can be one, so a keystroke costs the rooms' and people's searches nothing.
"""
from __future__ import annotations

import re

from models import validation as v
from models.i18n import _
from models.searching import Hit, register_search_provider

_TYPED = re.compile(r"(?:NO\.?)?(JF|JY)(\d{4})-?(\d{1,6})")
_TAG = re.compile(r"K(\d{1,6})")


def typed_serial(text) -> tuple[str, int, int] | None:
    """("JF" or "JY", year, number) of a handover form's or a key loan's number typed (JF2026-000012,
    jy2026-34), else None. The letters are needed: a room number or a receipt is never read as one."""
    raw = v.compact(v.search_text(text)).upper().replace("－", "-")
    match = _TYPED.fullmatch(raw[:30])
    if not match or not 1990 <= int(match.group(2)) <= 2100 or int(match.group(3)) == 0:
        return None
    return match.group(1), int(match.group(2)), int(match.group(3))


def typed_tag(text) -> str | None:
    """A key tag typed or scanned (K000123, k123) in the form the tag is kept, else None."""
    match = _TAG.fullmatch(v.compact(v.search_text(text)).upper()[:12])
    return f"K{int(match.group(1)):06d}" if match else None


def _room_label(room_id) -> str:
    from models.records.estate import Room, label_from_code
    if room_id is None:
        return ""
    return label_from_code(Room.select(Room.code).where(Room.id == room_id).scalar() or "")


def handovers_matching(text: str, limit: int = 1) -> list[Hit]:
    from models.handover.tables import Handover
    typed = typed_serial(text)
    if typed is None or typed[0] != "JF" or limit < 1:
        return []
    found = Handover.get_or_none((Handover.year == typed[1]) & (Handover.number == typed[2]))
    if found is None:
        return []
    detail = f"{_room_label(found.room_id)} {found.owner.name} {found.handed_on:%Y-%m-%d}"
    return [Hit("handover", found.id, found.serial, detail, found.room_id, own_page=True)]


def _loan_state(loan) -> str:
    from models.handover.lists import LOAN_LOST, LOAN_OUT, LOAN_OVERDUE, LOAN_RETURNED, LOAN_SHOWN
    state = (LOAN_LOST if loan.lost else LOAN_RETURNED if loan.returned_at is not None
             else LOAN_OVERDUE if loan.overdue() else LOAN_OUT)
    return _(LOAN_SHOWN[state])


def loans_matching(text: str, limit: int = 1) -> list[Hit]:
    from models.handover.tables import KeyLoan
    typed = typed_serial(text)
    if typed is None or typed[0] != "JY" or limit < 1:
        return []
    loan = KeyLoan.get_or_none((KeyLoan.year == typed[1]) & (KeyLoan.number == typed[2]))
    if loan is None:
        return []
    key = loan.key
    detail = f"{key.hook} {key.label} {loan.borrower} {loan.out_at:%Y-%m-%d} {_loan_state(loan)}"
    return [Hit("key_loan", loan.id, loan.serial, detail, key.room_id, own_page=True)]


def keys_matching(text: str, limit: int = 1) -> list[Hit]:
    from models.handover.keys import open_loan
    from models.handover.tables import KEY, OUT, Key
    if limit < 1:
        return []
    tag = typed_tag(text)
    raw = v.compact(v.search_text(text)).upper()
    if tag is not None:
        key = Key.get_or_none(Key.tag == tag)
    elif 0 < len(raw) <= 12:
        key = Key.get_or_none(Key.hook == raw)
    else:
        return []
    if key is None:
        return []
    where = _room_label(key.room_id) or key.area
    state = KEY.label(key.state)
    if key.state == OUT:
        loan = open_loan(key)
        state = _("out with {who}").format(who=loan.borrower) if loan is not None else state
    return [Hit("cabinet_key", key.id, f"{key.hook} {key.tag}", f"{key.label} {where} {state}", key.room_id,
                own_page=True)]


register_search_provider("handover", "[Handover]", handovers_matching, order=50)
register_search_provider("key_loan", "[Key loan]", loans_matching, order=51)
register_search_provider("cabinet_key", "[Key]", keys_matching, order=52)
