"""Move-out release (放行; seed 004 场景五, DOMAIN.md "Move-out release"): slips from the desk to the gate.

An owner moving goods out shows their ID (a copy is registered), lists the goods and signs; more than
three months of management-fee arrears needs the office director's approval first. A tenant moving
out pays any management fee owed first, and the clerk phones the owner, who must consent. The slip
(放行条) is numbered per year; its gate part carries a QR code with the number and a check code, and
the gate guard (门岗) scans it and lets the goods out once.
"""
from models.audit import describe_actions, describe_entities, describe_fields, describe_values
from models.serials import SerialKind, register_kind
from models.settings import declare
from models.users import (ADMIN, CLERK, COMMAND_LINE, CS_SUPERVISOR, DIRECTOR, ENG_SUPERVISOR, FINANCE,
                          register_permission, register_role)

# The core's registries this part fills (tests/test_parts.py holds it to exactly these).
BRINGS = ("models", "permissions", "roles", "audit", "serials", "settings", "lists", "checks", "demo", "timeline",
          "search", "verbs", "labels", "documents", "pages", "start", "room_actions", "openers")

# The gate guard (大堂护卫员 / 门岗): the gate page and nothing else of the office's records.
GATE = "gate"
register_role(GATE, "Gate guard")

register_permission("release.view", {CLERK, CS_SUPERVISOR, ENG_SUPERVISOR, FINANCE, DIRECTOR, ADMIN, COMMAND_LINE},
                    "see release slips")
register_permission("release.issue", {CLERK, CS_SUPERVISOR, DIRECTOR}, "issue release slips")
# Seed 004 场景五: more than three months owed → the office director (管理处主任) decides.
register_permission("release.approve", {DIRECTOR}, "approve a release with more than three months of arrears")
register_permission("release.cancel", {CLERK, CS_SUPERVISOR, DIRECTOR}, "cancel release slips")
# The guard lets goods out; the desk may mark a slip used from the gate part the guard sent back.
register_permission("release.use", {GATE, CLERK, CS_SUPERVISOR, DIRECTOR}, "let goods out on a release slip")
register_permission("release.gate", {GATE}, "work the gate page")

describe_actions({
    "release.issue": "Release slip issued", "release_slip.use": "Goods let out", "release_slip.cancel":
    "Release slip cancelled", "release.call": "Owner called about a release", "release.request":
    "Director's approval asked", "release.approve": "Release approved by the director",
    "release.decline": "Release declined by the director",
})
describe_entities({"release_slip": "Release slip", "release_item": "Goods on a release slip",
                   "owner_call": "Call to the owner", "release_approval": "Director's approval of a release",
                   "release_key": "Release check-code key"})
describe_fields({
    "person_role": "Released as", "person_name": "Person", "whole_household": "Whole household", "plate": "Vehicle plate",
    "issued_on": "Issued on", "valid_until": "Valid until", "urgent": "Urgent", "arrears_months": "Months owed",
    "arrears_fen": "Amount owed", "owner_call": "Call to the owner", "approval": "Director's approval",
    "replaces": "Replaces slip", "used_at": "Let out at", "used_by": "Let out by", "used_where": "Marked used at",
    "cancelled_by": "Cancelled by", "phone": "Number called", "called_at": "Called at", "answered_by": "Answered by",
    "owner_knows": "Owner knows of the move", "rent_owed": "Rent owed", "owner_goods": "Owner's goods listed",
    "consent": "Owner consents", "written_authorisation": "Owner's written authorisation",
    "decided_by": "Decided by", "decided_at": "Decided at", "decision_note": "Director's note",
    "requested_by": "Asked by", "goods": "Goods",
})


def _slip_model():
    from models.release.slips import ReleaseSlip
    return ReleaseSlip


def _show(year: int, number: int) -> str:
    from models.release.slips import show_serial
    return show_serial(year, number)


register_kind(SerialKind("release", "Release slips", _slip_model, _show, order=450))

declare("release.valid_days", "Release slip valid for (days after issue)", int, 0,
        "0: valid on the day of issue only (seed 004: goods leave the day the slip is written).",
        lambda value: _days_in_range(value), group="Release")
declare("release.quick_picks", "Quick picks for goods", str,
        "沙发,床,床垫,衣柜,书柜,餐桌,椅子,电视机,冰箱,洗衣机,空调,电脑,纸箱,行李箱,自行车,电动车",
        "Buttons beside the goods list, separated by commas.", group="Release")
declare("release.approval_months", "Months of arrears needing the director", int, 3,
        "An owner's release with more months owed than this needs the office director's approval.",
        lambda value: _months_in_range(value), group="Release")


def _days_in_range(value) -> None:
    from models.errors import InvalidInput
    from models.i18n import _
    if not 0 <= int(value) <= 30:
        raise InvalidInput(_("A release slip is valid for 0 to 30 days."))


def _months_in_range(value) -> None:
    from models.errors import InvalidInput
    from models.i18n import _
    if not 0 <= int(value) <= 36:
        raise InvalidInput(_("Give 0 to 36 months."))


def _party_shown(key):
    from models.i18n import _
    from models.release.slips import PARTIES
    return _(PARTIES[key]) if key in PARTIES else key


describe_values({"person_role": _party_shown})

from models.release import migrations  # noqa: E402,F401  (its schema chain)
from models.release import events, search  # noqa: E402,F401  (its lines on a room's timeline, its search hits)
from models.release import commands  # noqa: E402,F401  (its verbs of the command line)
from models.release import checks, demo_release  # noqa: E402,F401  (its checks and demo step)
