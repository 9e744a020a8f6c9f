"""The handover part's printed documents, registered as documents (``reports.pdf.registry``).

交房确认单 ("handover") for a room (3-2-1301: its latest handover) or a form's number (JF2026-000012);
钥匙牌 ("keytags"), a label sheet, for every key held, ``--hook FROM-TO`` for a range of hooks, or one
key named by its tag or hook; 钥匙借用单 ("keyloan") for a loan's number (JY2026-000034); 钥匙登记簿
("key_register") of every key held; 交房预约表 ("appointments") for a day, ``--date`` (default today).
Each is gathered by its ``*_for(actor, ...)`` function in ``models.handover.printed`` (which checks the
actor's permission) and built by its module here, so the window's preview and the command line's
``print`` make it one way.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from models.errors import InvalidInput, NotFound
from models.i18n import _
from reports.pdf.registry import Document, Option, register_document


def _handover_named(text: str) -> int:
    """JF2026-000012, or a room's code: that room's latest handover; a room never handed over is said so."""
    from models import validation as v
    from models.handover.handing import find_handover
    from models.handover.tables import Handover
    from models.records.estate import find_room
    raw = v.compact(text or "").upper()
    if not raw:
        raise InvalidInput(_("Give the room (3-2-1301) or the handover form's number (JF2026-000012)."),
                           field="number")
    if raw.startswith("JF"):
        return find_handover(raw).id
    room = find_room(raw)
    if room is None:
        raise NotFound(_("There is no room {room}: give the building, entrance and number, e.g. 3-2-1301.").format(
            room=v.shown(raw[:30])), field="room")
    latest = Handover.select(Handover.id).where(Handover.room == room.id).order_by(Handover.id.desc()).first()
    if latest is None:
        raise NotFound(_("{room} has never been handed over: there is no handover form to print. Hand it over "
                         "first.").format(room=room.label), field="room")
    return latest.id


def _handover(actor, handover_id: int, _options: dict) -> bytes:
    from models.handover.printed import handover_for
    from reports.pdf.handover.handover_form import build_handover
    return build_handover(handover_for(actor, handover_id))


def _handover_name(handover_id: int) -> str:
    from models.handover.tables import Handover
    from reports.pdf.handover.handover_form import TITLE
    found = Handover.get_or_none(Handover.id == handover_id)
    return f"{TITLE} {found.serial}" if found else TITLE


_RANGE_MARKS = ("~", "～", "至", "..", "—", "–", "－", ",", "，")


def _shape(hook: str) -> str:
    """A-001 and A-040 have one shape (A-9), A and 012 not: how a range's two ends are told apart."""
    return re.sub(r"\d+", "9", re.sub(r"[^\d-]+", "A", hook))


def parse_hook_range(text) -> tuple[str, str]:
    """``--hook FROM-TO`` as typed: A-001-A-040, A-001~A-040, A-001-040 (the same letters), 1-40, or one hook."""
    from models import validation as v
    raw = v.compact(text).upper()
    for mark in _RANGE_MARKS:
        if mark in raw:
            first, _mark, last = raw.partition(mark)
            return _checked_range(raw, first, last)
    pieces = raw.split("-")
    half = len(pieces) // 2
    if len(pieces) % 2 == 0:
        first, last = "-".join(pieces[:half]), "-".join(pieces[half:])
    else:                                                  # A-001-040: the letters of the first hook again
        first, last = "-".join(pieces[:half + 1]), "-".join(pieces[:half] + pieces[half + 1:])
    if len(pieces) == 1 or _shape(first) != _shape(last):
        return _checked_range(raw, raw, raw)              # one hook: A-012
    return _checked_range(raw, first, last)


def _checked_range(raw: str, first: str, last: str) -> tuple[str, str]:
    from models import validation as v
    from models.handover.printed import hook_order
    first, last = first.strip("-"), last.strip("-")
    if not first or not last or len(first) > 12 or len(last) > 12:
        raise InvalidInput(_("{range} is not a range of hooks: give the first and the last hook, e.g. A-001-A-040 "
                             "or 1-40.").format(range=v.shown(raw[:30])), field="hook")
    if hook_order(last) < hook_order(first):
        raise InvalidInput(_("The range of hooks ends ({last}) before it begins ({first}): give the lower hook "
                             "first.").format(first=first, last=last), field="hook")
    return first, last


@dataclass(frozen=True)
class TagSheet:
    """What ``print keytags`` names: one key (its tag or hook typed or scanned), or every key held."""
    key_id: int | None = None


def _tags_named(text: str) -> TagSheet:
    from models.handover.keys import find_key
    return TagSheet(find_key(text).id) if (text or "").strip() else TagSheet()


def _tags(actor, sheet: TagSheet, options: dict) -> bytes:
    from models import validation as v
    from models.handover.printed import keytags_for
    from models.handover.tables import Key
    from reports.pdf.handover.keytags import build_keytags
    typed = v.compact(options.get("hook") or "").upper()
    if sheet.key_id is not None and typed:
        raise InvalidInput(_("Name one key or give --hook, not both."), field="hook")
    hooks = None
    if typed:
        # A hook whose own name looks like a range (3-1) is that hook.
        hooks = (typed, typed) if Key.select().where(Key.hook == typed).exists() else parse_hook_range(typed)
    return build_keytags(keytags_for(actor, hooks=hooks, key_id=sheet.key_id))


def _tags_name(sheet: TagSheet) -> str:
    from reports.pdf.handover.keytags import TITLE
    if sheet.key_id is None:
        return TITLE
    from models.handover.tables import Key
    found = Key.get_or_none(Key.id == sheet.key_id)
    return f"{TITLE} {found.hook}" if found else TITLE


def _loan_named(text: str) -> int:
    from models.handover.keys import find_loan
    if not (text or "").strip():
        raise InvalidInput(_("Give the key loan's number, e.g. JY2026-000034."), field="number")
    return find_loan(text).id


def _loan(actor, loan_id: int, _options: dict) -> bytes:
    from models.handover.printed import loan_for
    from reports.pdf.handover.keyloan import build_loan
    return build_loan(loan_for(actor, loan_id))


def _loan_name(loan_id: int) -> str:
    from models.handover.tables import KeyLoan
    from reports.pdf.handover.keyloan import TITLE
    found = KeyLoan.get_or_none(KeyLoan.id == loan_id)
    return f"{TITLE} {found.serial}" if found else TITLE


def _register_named(text: str) -> None:
    if (text or "").strip():
        raise InvalidInput(_("The key register takes no number: it lists every key held."), field="number")


def _day_named(text: str) -> None:
    if (text or "").strip():
        raise InvalidInput(_("The day's appointments take no number: give the day with --date."), field="number")


def _register(actor, _target, _options: dict) -> bytes:
    from models.handover.printed import register_for
    from reports.pdf.handover.key_register import build_register
    return build_register(register_for(actor))


def _register_name(_target) -> str:
    from reports.pdf.handover.key_register import TITLE
    return TITLE


def _appointments(actor, _target, options: dict) -> bytes:
    from models import validation as v
    from models.handover.printed import appointments_for
    from reports.pdf.handover.appointments import build_appointments
    day = v.parse_date(options["date"], field="date") if options.get("date") else None
    return build_appointments(appointments_for(actor, day))


def _appointments_name(_target) -> str:
    from reports.pdf.handover.appointments import TITLE
    return TITLE


HANDOVER = register_document(Document(
    "handover", "Handover form", "the room (3-2-1301: its latest handover) or the form's number (JF2026-000012)",
    find=_handover_named, make=_handover, name=_handover_name))
KEYTAGS = register_document(Document(
    "keytags", "Key tags", "nothing for every key held, or one key's tag or hook (K000123, A-012)",
    find=_tags_named, make=_tags, name=_tags_name,
    options=(Option("hook", "only the keys on these hooks, FROM-TO (A-001-A-040, or 1-40)"),)))
KEYLOAN = register_document(Document(
    "keyloan", "Key loan slip", "the loan's number (JY2026-000034)", find=_loan_named, make=_loan, name=_loan_name))
KEY_REGISTER = register_document(Document(
    "key_register", "Key register", "nothing: every key held is listed",
    find=_register_named, make=_register,
    name=_register_name))
APPOINTMENTS = register_document(Document(
    "appointments", "Handover appointments of a day", "nothing: give the day with --date",
    find=_day_named, make=_appointments,
    name=_appointments_name, options=(Option("date", "the day (default today)"),)))
