"""Room handover and key custody (交房, 钥匙管理, 空置房; seed 000 §4.5.1, §4.5.3, §5; DOMAIN.md "Handover and keys").

A new room is handed to its owner by appointment: the documents checked against a checklist, the
meters read, the keys counted out, the defects found written down and followed until the owner
confirms the repair, the handover form (交房确认单) signed. The office's key cabinet holds the keys of
vacant rooms, keys owners entrust, public areas and plant rooms, each on a hook with a barcoded tag;
every loan and return is logged, overdue keys stand out, lost keys are recorded with what was done.
Vacant rooms are inspected on a schedule.
"""
from models.audit import describe_actions, describe_entities, describe_fields
from models.serials import SerialKind, register_kind
from models.settings import declare
from models.users import (ADMIN, CLERK, COMMAND_LINE, CS_SUPERVISOR, DIRECTOR, ENG_SUPERVISOR, FINANCE,
                          register_permission)

# The core's registries this part fills (tests/test_parts.py holds it to exactly these).
BRINGS = ("models", "permissions", "audit", "serials", "settings", "lists", "checks", "demo", "timeline", "search",
          "verbs", "labels", "documents", "pages", "start", "room_actions", "openers")

_DESK_READERS = {CLERK, CS_SUPERVISOR, ENG_SUPERVISOR, FINANCE, DIRECTOR, ADMIN, COMMAND_LINE}
register_permission("handover.view", _DESK_READERS, "see handovers, defects and vacant-room inspections")
register_permission("handover.do", {CLERK, CS_SUPERVISOR, DIRECTOR}, "book and do room handovers")
register_permission("handover.defects", {CLERK, CS_SUPERVISOR, ENG_SUPERVISOR, DIRECTOR},
                    "follow the defects found at handover")
register_permission("keys.view", _DESK_READERS, "see the key cabinet")
register_permission("keys.lend", {CLERK, CS_SUPERVISOR, ENG_SUPERVISOR, DIRECTOR}, "lend and take back keys")
register_permission("keys.manage", {CS_SUPERVISOR, DIRECTOR, ADMIN}, "put keys in the cabinet or take them out")
register_permission("vacant.inspect", {CLERK, CS_SUPERVISOR, ENG_SUPERVISOR, DIRECTOR}, "inspect vacant rooms")

describe_actions({
    "appointment.book": "Handover booked", "appointment.cancel": "Handover appointment cancelled",
    "appointment.missed": "Owner did not come to the handover", "handover.do": "Room handed over",
    "meter.read": "Meter read", "defect.record": "Defect recorded", "handover_defect.repair": "Defect repaired",
    "handover_defect.confirm": "Repair confirmed by the owner", "handover_defect.reopen": "Defect reopened",
    "key.add": "Key put in the cabinet", "cabinet_key.lend": "Key lent", "cabinet_key.take_back": "Key returned",
    "cabinet_key.lose": "Key lost", "cabinet_key.replace": "New key on the hook",
    "cabinet_key.retire": "Key given back", "key.entrust": "Key entrusted", "vacant.inspect": "Vacant room inspected",
})
describe_entities({
    "handover_appointment": "Handover appointment", "handover": "Handover", "handover_key": "Keys handed over",
    "meter_reading": "Meter reading", "handover_defect": "Defect found at handover", "cabinet_key": "Key",
    "key_loan": "Key loan", "key_loss": "Lost key", "vacant_inspection": "Vacant-room inspection"})
describe_fields({
    "handed_on": "Handed over on", "documents": "Documents checked", "meter": "Meter", "meter_no": "Meter no.",
    "reading": "Reading", "location": "Location", "description": "Problem", "department": "Responsible department",
    "due_on": "To be done by", "hook": "Hook", "tag": "Tag", "copies": "Copies", "entrusted_until": "Entrusted until",
    "entrusted_scope": "Entrusted for", "borrower": "Borrower", "purpose": "Purpose", "due_at": "Due back",
    "returned_at": "Returned at", "returned_by": "Returned by", "findings": "Findings",
})


def _model(name: str):
    def get():
        from models.handover import tables
        return getattr(tables, name)
    return get


def _show(prefix: str):
    def show(year: int, number: int) -> str:
        return f"{prefix}{year}-{number:06d}"
    return show


register_kind(SerialKind("handover", "Handover forms", _model("Handover"), _show("JF"), order=480))
register_kind(SerialKind("keyloan", "Key loan slips", _model("KeyLoan"), _show("JY"), order=490))


def _not_blank(value) -> None:
    from models.errors import InvalidInput
    from models.i18n import _
    if not str(value).strip():
        raise InvalidInput(_("This setting cannot be empty."))


def _days(value) -> None:
    from models.errors import InvalidInput
    from models.i18n import _
    if not 1 <= int(value) <= 180:
        raise InvalidInput(_("Give 1 to 180 days."))


def _hours(value) -> None:
    from models.errors import InvalidInput
    from models.i18n import _
    if not 1 <= int(value) <= 72:
        raise InvalidInput(_("Give 1 to 72 hours."))


declare("handover.documents", "Documents checked at handover", str,
        "购房合同；业主身份证；入伙通知书；购房发票；物业服务协议；业主公约", "The handover form's checklist, "
        "separated by ；.", _not_blank, group="Handover")
declare("handover.key_kinds", "Kinds of keys handed over", str, "入户门；信报箱；电表箱；水表箱；单元门禁卡",
        "Offered on the handover form, separated by ；.", _not_blank, group="Handover")
declare("vacant.inspect_days", "Inspect vacant rooms every (days)", int, 30,
        "Seed 000 §4.5.3: vacant rooms are looked at on a schedule; a room not seen for this long is due.",
        _days, group="Handover")
declare("keys.loan_hours", "Keys lent for (hours)", int, 4, "The due-back time a new loan proposes.", _hours,
        group="Handover")

from models.handover import migrations, owners  # noqa: E402,F401  (its schema chain; records taking attachments)

from models.handover import tables  # noqa: E402,F401  (its tables, machines and label tables)
from models.handover import events, search  # noqa: E402,F401  (its lines on a room's timeline, its search hits)
from models.handover import checks  # noqa: E402,F401  (its checks)
from models.handover import demo_handover  # noqa: E402,F401  (its demo steps)
from models.handover import commands  # noqa: E402,F401  (its verbs of the command line)
