"""The gate (门岗): a slip scanned or typed, the answer at once, and the goods let out once.

The gate part of a slip carries a QR code of ``FX2026-000123/K7Q2MA``: the number and a check code,
an HMAC of the number under the office's own key (``ReleaseKey``), so an invented number, or a real
number with a made-up code, is caught; a photocopy of a used slip is caught as used. A USB scanner
types like a keyboard, so the gate's one field takes the scan or the number typed by hand.
"""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re
from dataclasses import dataclass, field

from models import validation as v
from models.db import now, write_tx
from models.errors import Conflict, InvalidInput, NotAllowed, NotFound
from models.i18n import _
from models.release.readers import READERS, GateCard  # noqa: F401  (GateCard: part of a GateAnswer)
from models.release.slips import (AT_DESK, AT_GATE, CANCELLED, EXPIRED, ISSUED, SERIAL_PREFIX, SHOWN_STATES, SLIP,
                                  USED, ReleaseItem, ReleaseKey, ReleaseSlip, show_serial)

CODE_LENGTH = 6
NEEDS_CODE = "needs_code"                   # a number typed without its check code
_LOOK_ALIKE = str.maketrans("018", "OIB")
_SCAN = re.compile(r"(?:NO\.?)?(?:FX)?(\d{4})-?(\d{1,9})(?:[/*#\s]+([A-Z2-7]{%d}))?" % CODE_LENGTH)


def _office_key() -> bytes:
    """Read each time (one indexed row): a process may switch databases, each with its own key."""
    row = ReleaseKey.select(ReleaseKey.secret).order_by(ReleaseKey.id).first()
    if row is None:
        raise RuntimeError("the release part's key is missing (migration 001 makes it)")
    return bytes.fromhex(row.secret)


def check_code(serial: str) -> str:
    """Six letters and digits 2-7 from the office's key and the slip's number (base32: no 0, 1 or 8, so a
    code typed off the paper with 0 for O, 1 for I or 8 for B is read as meant)."""
    digest = hmac.new(_office_key(), serial.encode("ascii"), hashlib.sha256).digest()
    return base64.b32encode(digest).decode("ascii")[:CODE_LENGTH]


def qr_payload(slip: ReleaseSlip) -> str:
    """What the gate part's QR code holds, and what a scanner types at the gate."""
    return f"{slip.serial}/{check_code(slip.serial)}"


@dataclass(frozen=True)
class Scan:
    year: int
    number: int
    code: str | None          # None: typed by hand without the code

    @property
    def serial(self) -> str:
        return show_serial(self.year, self.number)


def read_scan(text) -> Scan:
    """``FX2026-000123/K7Q2MA`` (scanned), ``FX2026-000123``, ``2026-123`` or ``2026000123`` (typed)."""
    raw = v.compact(text).upper().replace("：", ":").replace("－", "-")
    match = _SCAN.fullmatch(raw[:60])
    if match is None and "/" in raw:
        # Typed off the paper: the code has no 0, 1 or 8 (base32), so those were O, I and B.
        number, _slash, code = raw.rpartition("/")
        match = _SCAN.fullmatch(f"{number}/{code.translate(_LOOK_ALIKE)}"[:60])
    if not match or not 1990 <= int(match.group(1)) <= 2100 or int(match.group(2)) == 0:
        raise InvalidInput(_("{value} is not a release slip's number (e.g. {prefix}2026-000123).").format(
            value=v.shown(raw[:40]), prefix=SERIAL_PREFIX), field="number")
    return Scan(int(match.group(1)), int(match.group(2)), match.group(3))


@dataclass
class GateAnswer:
    """What the gate's screen shows: the slip in large type, and whether the goods may go."""
    ok: bool
    reason: str                             # the refusal in red, or "" when the goods may go
    state: str                              # issued / used / cancelled / expired / unknown / forged
    slip: ReleaseSlip | None = None
    items: list[ReleaseItem] = field(default_factory=list)
    typed: bool = False                     # a number without its check code: typed by hand
    card: GateCard | None = None            # another part's pass (then ``slip`` is None)
    state_text: str = ""                    # that pass's state in words (有效, 已过期, 已交回, 停工整改)
    subject: str = "slip"                   # what was read: a release slip, or another part's pass ("worker_pass")

    @property
    def state_label(self) -> str:
        if self.state_text:
            return self.state_text
        if self.state in SHOWN_STATES:
            return _(SHOWN_STATES[self.state])
        if self.state == NEEDS_CODE:
            return _("Check code missing")
        return _("Unknown") if self.state == "unknown" else _("Code does not match")


def answer(text, today: dt.date | None = None, *, number_alone: bool = False) -> GateAnswer:
    """The gate's answer to a scan: never raises for what a scanner or a guard may type.

    ``number_alone``: a number without its check code is answered too (the desk's ``release show``,
    reading a slip it has in hand); at the gate it must come with its code."""
    today = today or dt.date.today()
    for reader in READERS:
        other = reader(text, today)
        if other is not None:
            return other
    try:
        scan = read_scan(text)
    except InvalidInput as error:
        return GateAnswer(False, str(error), "unknown")
    slip = ReleaseSlip.get_or_none((ReleaseSlip.year == scan.year) & (ReleaseSlip.number == scan.number))
    if slip is None:
        return GateAnswer(False, _("No slip {number} was issued: the number is made up or mistyped. Do not let the "
                                   "goods out; send them back to the front desk.").format(number=scan.serial),
                          "unknown")
    if scan.code is None and not number_alone:
        # A number alone could be guessed (they run in order): typed by hand, it comes with its code.
        return GateAnswer(False, _("Type the check code too, printed under the QR code of the gate part: "
                                   "{number}/ and the six letters and digits.").format(number=scan.serial),
                          NEEDS_CODE, typed=True)
    if scan.code is not None and not hmac.compare_digest(scan.code, check_code(slip.serial)):
        return GateAnswer(False, _("The check code of slip {number} does not match: the slip is not the office's. "
                                   "Do not let the goods out; call the front desk.").format(number=slip.serial),
                          "forged", slip)
    items = list(slip.items.order_by(ReleaseItem.line))
    state = slip.shown_state(today)
    reason = _refusal(slip, state)
    return GateAnswer(not reason, reason, state, slip, items, typed=scan.code is None)


def _refusal(slip: ReleaseSlip, state: str) -> str:
    if state == USED:
        return _("Already used: let out at {time} by {who}. A slip lets goods out once.").format(
            time=slip.used_at.strftime("%Y-%m-%d %H:%M"), who=slip.used_by)
    if state == CANCELLED:
        return _("Cancelled at {time} by {who}: {reason}. Send the goods back to the front desk.").format(
            time=slip.cancelled_at.strftime("%Y-%m-%d %H:%M"), who=slip.cancelled_by, reason=slip.cancel_reason)
    if state == EXPIRED:
        return _("Expired: valid until {date}. The goods need a new slip from the front desk.").format(
            date=slip.valid_until)
    return ""


def urgent_today(today: dt.date | None = None) -> list[ReleaseSlip]:
    """Today's urgent (急) slips not yet used, newest first: what the gate has been told to expect."""
    today = today or dt.date.today()
    return list(ReleaseSlip.select().where(ReleaseSlip.urgent & (ReleaseSlip.state == ISSUED)
                                           & (ReleaseSlip.issued_on == today) & (ReleaseSlip.valid_until >= today))
                .order_by(ReleaseSlip.issued_at.desc(), ReleaseSlip.id.desc()))


def unused_today(today: dt.date | None = None) -> int:
    """How many of today's slips have not reached the gate yet (the start page's figure)."""
    today = today or dt.date.today()
    return ReleaseSlip.select().where((ReleaseSlip.state == ISSUED) & (ReleaseSlip.issued_on == today)).count()


def unused_today_lines(today: dt.date | None = None, shown: int = 4) -> tuple[str, ...]:
    """The first of today's slips not used yet, as the start page names them: FX2026-000123 2-1-1301 张伟."""
    from models.records.estate import Room
    today = today or dt.date.today()
    rows = (ReleaseSlip.select(ReleaseSlip.year, ReleaseSlip.number, Room.code, ReleaseSlip.person_name).join(Room)
            .where((ReleaseSlip.state == ISSUED) & (ReleaseSlip.issued_on == today))
            .order_by(ReleaseSlip.number).limit(shown).tuples())
    return tuple(f"{show_serial(year, number)} {code} {name}" for year, number, code, name in rows)


def find_slip(text) -> ReleaseSlip:
    """A slip by its number (or a scan), for the desk and the command line."""
    scan = read_scan(text)
    slip = ReleaseSlip.get_or_none((ReleaseSlip.year == scan.year) & (ReleaseSlip.number == scan.number))
    if slip is None:
        raise NotFound(_("No release slip {number}.").format(number=scan.serial))
    if scan.code is not None and not hmac.compare_digest(scan.code, check_code(slip.serial)):
        raise InvalidInput(_("The check code of slip {number} does not match.").format(number=slip.serial),
                           field="number")
    return slip


def use_slip(actor, text, where: str = AT_GATE) -> ReleaseSlip:
    """放行: the goods leave; the slip is used, with the time and who let them out.

    A tenant's whole-household move-out also ends the tenancy and its household (迁出).
    ``where`` is the gate, or the desk marking it from the gate part the guard sent back.
    """
    actor.require("release.use")
    if where not in (AT_GATE, AT_DESK):
        raise InvalidInput(_("Unknown place: {where}").format(where=where))
    if where == AT_GATE and not actor.can("release.gate"):
        # The register must say truly where the goods left: the desk marks a slip from the gate part sent back.
        raise NotAllowed(_("Only the gate guard lets goods out at the gate. At the desk, mark a slip used from "
                           "the gate part the guard sent back (补记放行; on the command line: --desk)."))
    if where == AT_GATE and read_scan(text).code is None:
        raise InvalidInput(_("At the gate a slip is let out on its QR code, or its number with the check code "
                             "(FX2026-000123/K7Q2MA)."), field="number")
    with write_tx():
        slip = _locked(find_slip(text))
        if slip.state != ISSUED or slip.valid_until < dt.date.today():
            refusal = _refusal(slip, slip.shown_state())
            raise Conflict(_("Slip {number}: {why}").format(number=slip.serial, why=refusal))
        moment = now()
        SLIP.move(actor, slip, "use", summary=_("let out at the gate") if where == AT_GATE else
                  _("marked used at the desk from the gate part"), used_at=moment, used_by=actor.name,
                  used_where=where)
        if slip.whole_household and slip.person_role == "tenant":
            _end_tenancy(actor, slip, moment.date())
    return slip


def _locked(slip: ReleaseSlip) -> ReleaseSlip:
    """The slip's row held to commit and read again: a second guard scanning it at the same moment waits,
    then is told when and by whom it was used (on SQLite BEGIN IMMEDIATE already queues them)."""
    from models.money.ledger import lock_row
    lock_row(ReleaseSlip, slip.id)
    return ReleaseSlip.get_by_id(slip.id)


def _end_tenancy(actor, slip: ReleaseSlip, on: dt.date) -> None:
    from models.records.people import RoomParty
    from models.records.ties import close_tie
    party = RoomParty.get_by_id(slip.party_id)
    if party.end_date is None:
        close_tie(actor, party.id, on, reason="move_out")
