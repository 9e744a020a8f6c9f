"""Renovation (装修管理; seed 004 场景二, seed 000 §4.3.6 and §4.5.2, DOMAIN.md "Renovation").

An owner (or the owner's agent) applies with a contractor and its workers; the deposit, the pass
fees and deposits and the garbage fee are taken on one receipt of the money part. The engineering
supervisor (or the director) approves; the clerk who took the papers tells the owner (首接责任制).
While the works go on the room is 装修中, inspected at least daily; a finding raises a numbered
rectification notice (整改通知书) with a deadline, and what stays unresolved is reported on.
Completion is accepted (验收), deductions are kept with their reasons, and the deposits come back
through the money part, the pass deposits per pass returned.
"""
from models.audit import describe_actions, describe_entities, describe_fields, describe_values
from models.release.readers import register_reader
from models.serials import SerialKind, register_kind
from models.settings import declare
from models.users import (ADMIN, CLERK, COMMAND_LINE, CS_SUPERVISOR, DIRECTOR, ENG_SUPERVISOR, FINANCE,
                          register_permission)

# The core's registries this part fills (tests/test_parts.py holds it to exactly these).
BRINGS = ("models", "permissions", "audit", "serials", "settings", "lists", "checks", "demo", "timeline",
          "search", "verbs", "labels", "documents", "pages", "start", "room_actions", "openers")

register_permission("renovation.view", {CLERK, CS_SUPERVISOR, ENG_SUPERVISOR, FINANCE, DIRECTOR, ADMIN,
                                        COMMAND_LINE}, "see renovations")
register_permission("renovation.apply", {CLERK, CS_SUPERVISOR, ENG_SUPERVISOR, DIRECTOR},
                    "take renovation applications and follow them")
# Seed 004 场景二: the engineering supervisor reviews; the director may stand in.
register_permission("renovation.review", {ENG_SUPERVISOR, DIRECTOR}, "approve renovations and accept the works")
register_permission("renovation.inspect", {CLERK, CS_SUPERVISOR, ENG_SUPERVISOR, DIRECTOR},
                    "inspect renovations and issue rectification notices")
register_permission("renovation.escalate", {CS_SUPERVISOR, ENG_SUPERVISOR, DIRECTOR},
                    "report unresolved rectifications")
# Deposits go back through the money part: who may refund there settles here.
register_permission("renovation.settle", {FINANCE, CS_SUPERVISOR, DIRECTOR}, "settle renovation deposits")

describe_actions({
    "renovation.submit": "Renovation application taken", "renovation.fees": "Renovation fees taken",
    "renovation.approve": "Renovation approved", "renovation.reject": "Renovation rejected",
    "renovation.ask_papers": "More papers asked for", "renovation.resubmit": "Papers brought",
    "renovation.told": "Owner told of the decision", "renovation.start": "Works started",
    "renovation.suspend": "Works suspended", "renovation.resume": "Works resumed",
    "renovation.request_completion": "Completion requested", "renovation.accept": "Works accepted",
    "renovation.fail_acceptance": "Works not accepted", "renovation.settle": "Renovation deposit settled",
    "renovation.close": "Renovation closed", "renovation.workers": "Workers added",
    "renovation_worker.return": "Pass returned", "renovation_worker.refund": "Pass deposit refunded",
    "renovation_worker.lost": "Pass written off as lost", "contractor.create": "Contractor added",
    "inspection.record": "Inspection recorded", "notice.issue": "Rectification notice issued",
    "notice.rectified": "Rectification seen done", "notice.signed": "Rectification notice signed for",
    "escalation.make": "Unresolved rectifications reported", "renovation.deduct": "Deduction from the deposit",
})
describe_entities({"renovation": "Renovation", "renovation_worker": "Renovation worker",
                   "contractor": "Contractor", "inspection": "Inspection",
                   "rectification_notice": "Rectification notice", "escalation": "Escalation report",
                   "renovation_deduction": "Deduction from a renovation deposit"})
describe_fields({
    "contractor": "Contractor", "works": "Works", "works_note": "Other works", "start_on": "Start",
    "end_on": "Planned end", "received_by": "Papers taken by", "decision_note": "Reasons",
    "owner_told_at": "Owner told at", "owner_told_by": "Owner told by", "accepted_by": "Accepted by",
    "acceptance_note": "Acceptance note", "licence_no": "Business licence no.",
    "qualification_no": "Qualification certificate no.", "person_in_charge": "Person in charge",
    "deadline": "Deadline", "finding": "Finding", "rule": "Rule broken", "required": "What must be done",
    "signed_by": "Signed for by", "inspector": "Inspector", "quiet_ok": "Quiet hours kept", "findings": "Findings",
    "returned_at": "Returned at", "lost": "Lost",
})


def _model(name: str):
    def get():
        from models.renovation import works
        return getattr(works, name)
    return get


def _show(prefix: str):
    def show(year: int, number: int) -> str:
        return f"{prefix}{year}-{number:06d}"
    return show


register_kind(SerialKind("renovation", "Renovation applications", _model("Renovation"), _show("ZX"), order=460))
register_kind(SerialKind("rectification", "Rectification notices", _model("RectificationNotice"), _show("ZG"),
                         order=470))


def _hours(value) -> None:
    from models.errors import InvalidInput
    from models.i18n import _
    if not str(value).strip():
        raise InvalidInput(_("This setting cannot be empty."))


def _days(value) -> None:
    from models.errors import InvalidInput
    from models.i18n import _
    if not 1 <= int(value) <= 60:
        raise InvalidInput(_("Give 1 to 60 days."))


declare("renovation.work_hours", "Hours works are allowed", str,
        "工作日 8:00-12:00，14:00-18:00；休息日及法定节假日不得进行产生噪音的施工",
        "Printed on the renovation permit posted on the door.", _hours, group="Renovation")
declare("renovation.quiet_hours", "Quiet hours", str, "12:00-14:00，18:00-次日8:00",
        "When inspections check that no noisy work is done (seed 000 §4.3.6).", _hours, group="Renovation")
declare("renovation.notice_days", "Days to rectify", int, 3,
        "The deadline a new rectification notice proposes, in days from today.", _days, group="Renovation")
declare("renovation.rules", "Rules of the renovation agreement", str,
        "第五条 不得拆改承重墙、梁、柱及剪力墙；第六条 不得擅自改动燃气、消防及公共管线；"
        "第七条 施工时间须遵守管理处规定，休息时间不得进行噪音作业；第八条 装修垃圾须袋装并运至指定地点；"
        "第九条 不得擅自改变房屋外观、封闭阳台须按统一样式；第十条 防水工程须做闭水试验并经验收；"
        "第十一条 施工人员须佩戴出入证进出；第十二条 不得占用公共通道堆放材料",
        "The articles a rectification notice can cite, separated by ；.", _hours, group="Renovation")


def _works_shown(value):
    from models.i18n import _
    from models.renovation.works import WORKS
    return "，".join(_(WORKS.get(key, key)) for key in str(value or "").split(",") if key)


describe_values({"works": _works_shown})

from models.renovation import migrations  # noqa: E402,F401  (its schema chain)
from models.renovation import owners  # noqa: E402,F401  (the records that take attachments)


def _read_pass(text, today):
    from models.renovation.passes import answer_pass
    return answer_pass(text, today)


register_reader(_read_pass)      # the gate answers a worker pass too (models/renovation/passes.py)

from models.renovation import events, search  # noqa: E402,F401  (its lines on a room's timeline, its search hits)
from models.renovation import checks  # noqa: E402,F401  (its checks)
from models.renovation import demo_renovation  # noqa: E402,F401  (its demo steps)
from models.renovation import commands  # noqa: E402,F401  (its verbs of the command line)
