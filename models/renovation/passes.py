"""Worker passes (装修施工人员出入证): numbered after the application (ZX2026-000012-03), with a QR code
of the number and a check code, read at the gate like a release slip (``models.release.gate``).

A pass opens the gate while its renovation is approved or in works, up to the planned end, until it is
handed back or written off; while the works are suspended for an overdue rectification it does not.
"""
from __future__ import annotations

import datetime as dt
import hmac
import re

from models import validation as v
from models.i18n import _
from models.release.gate import GateAnswer, GateCard, check_code
from models.renovation.works import (APPROVED, COMPLETION, IN_WORKS, MORE_PAPERS, REJECTED, SUBMITTED, SUSPENDED,
                                     Renovation, Worker, show_serial)

_PASS = re.compile(r"(?:NO\.?)?ZX(\d{4})-?(\d{1,9})-(\d{1,3})(?:[/*#\s]+([A-Z2-7]{6}))?")
_LOOK_ALIKE = str.maketrans("018", "OIB")
WORKER_PASS = "worker_pass"
VALID, EXPIRED, RETURNED, LOST, SUSPENDED_PASS, NOT_YET, OVER = (
    "valid", "expired", "returned", "lost", "suspended", "not_yet", "over")


def pass_code(worker: Worker) -> str:
    return check_code(worker.pass_number)


def qr_payload(worker: Worker) -> str:
    """What the pass's QR code holds, and what a scanner types at the gate."""
    return f"{worker.pass_number}/{pass_code(worker)}"


def _parse(text) -> tuple[str, str | None] | None:
    raw = v.compact(text).upper().replace("－", "-")[:60]
    match = _PASS.fullmatch(raw)
    if match is None and "/" in raw:
        number, _slash, code = raw.rpartition("/")
        match = _PASS.fullmatch(f"{number}/{code.translate(_LOOK_ALIKE)}")
    if match is None:
        return None
    serial = f"{show_serial(int(match.group(1)), int(match.group(2)))}-{int(match.group(3)):02d}"
    return serial, match.group(4)


def find_pass(serial: str) -> Worker | None:
    base, _dash, line = serial.rpartition("-")
    year, number = int(base[2:6]), int(base[7:])
    return (Worker.select(Worker, Renovation).join(Renovation)
            .where((Renovation.year == year) & (Renovation.number == number) & (Worker.line == int(line))).first())


def pass_state(worker: Worker, today: dt.date) -> str:
    renovation = worker.renovation
    if worker.lost:
        return LOST
    if worker.returned_at is not None:
        return RETURNED
    if renovation.state == SUSPENDED:
        return SUSPENDED_PASS
    if renovation.state not in (APPROVED, IN_WORKS, COMPLETION):
        return OVER
    if today < renovation.start_on:
        return NOT_YET
    if today > renovation.end_on:
        return EXPIRED
    return VALID


def _refusal(worker: Worker, state: str) -> tuple[str, str]:
    renovation = worker.renovation
    if state == RETURNED:
        return _("Returned"), _("This pass was handed back on {time}: it no longer opens the gate.").format(
            time=worker.returned_at.strftime("%Y-%m-%d %H:%M"))
    if state == LOST:
        return _("Written off"), _("This pass was reported lost and written off. Keep it and call the front desk.")
    if state == SUSPENDED_PASS:
        return _("Works suspended"), _("The works in {room} are suspended until a rectification is done: no "
                                       "worker goes in. Send them to the front desk.").format(room=renovation.room.label)
    if state == OVER and renovation.state in (SUBMITTED, MORE_PAPERS):
        return _("Not valid"), _("Renovation {number} is not approved yet: the pass is not valid.").format(
            number=renovation.serial)
    if state == OVER and renovation.state == REJECTED:
        return _("Not valid"), _("Renovation {number} was not approved: the pass is not valid.").format(
            number=renovation.serial)
    if state == OVER:
        return _("Not valid"), _("Renovation {number} is no longer under way: the pass is not valid.").format(
            number=renovation.serial)
    if state == NOT_YET:
        return _("Not yet valid"), _("The works may start on {date}.").format(date=renovation.start_on)
    if state == EXPIRED:
        return _("Expired"), _("Valid until {date}: the works should be over. Send the worker to the front desk "
                               "to have the period extended.").format(date=renovation.end_on)
    return _("Valid"), ""


def _card(worker: Worker) -> GateCard:
    from models.attachments import content
    renovation = worker.renovation
    photo = content(worker.photo)[1] if worker.photo else None
    return GateCard("worker_pass", f"装修施工人员出入证 {worker.pass_number}", (
        ("姓名", worker.name), ("施工房号", renovation.room.label), ("施工单位", renovation.contractor.name),
        ("有效期", f"{renovation.start_on:%Y-%m-%d} 至 {renovation.end_on:%Y-%m-%d}")), photo)


def answer_pass(text, today: dt.date | None = None) -> GateAnswer | None:
    """The gate's answer to a worker pass; None when the text is not a pass (a release slip, say)."""
    parsed = _parse(text)
    if parsed is None:
        return None
    serial, code = parsed
    today = today or dt.date.today()
    worker = find_pass(serial)
    if worker is None:
        return GateAnswer(False, _("No pass {number} was issued: do not let the worker in; call the front desk.").format(
            number=serial), "unknown", subject=WORKER_PASS)
    if code is None:
        return GateAnswer(False, _("Type the check code too, printed under the pass's QR code: {number}/ and the six "
                                   "letters and digits.").format(number=serial), "needs_code", typed=True,
                          subject=WORKER_PASS)
    if not hmac.compare_digest(code, pass_code(worker)):
        return GateAnswer(False, _("The check code of pass {number} does not match: the pass is not the office's. "
                                   "Do not let the worker in; call the front desk.").format(number=serial), "forged",
                          subject=WORKER_PASS)
    state = pass_state(worker, today)
    label, reason = _refusal(worker, state)
    return GateAnswer(state == VALID, reason, state, card=_card(worker), state_text=label, subject=WORKER_PASS)

