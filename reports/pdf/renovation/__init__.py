"""The renovation part's printed documents, registered as documents (``reports.pdf.registry``).

装修申请表 ("renovation_application"), 装修许可证 ("permit") and 装修施工人员出入证 ("passes") are
printed for an application's number (ZX2026-000012; a pass's number ZX2026-000012-03 prints that
pass alone, as does ``--workers 3,4``); 整改通知书 ("notice") for a notice's number (ZG2026-000003);
装修整改问题上报 ("escalation") for a period, ``--from`` / ``--to``, and ``--report-to`` whom.
Each is gathered by its ``*_for(actor, ...)`` function in ``models.renovation.printed`` (which checks
the actor's permission and the application's state) and built by its module here, so the window's
preview and the command line's ``print`` make it one way.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models.errors import InvalidInput
from models.i18n import _
from reports.pdf.registry import Document, Option, register_document


@dataclass(frozen=True)
class PassSheet:
    """What ``print passes`` names: an application, and (a pass's number given) that pass alone."""
    renovation_id: int
    lines: tuple[int, ...] = ()


def _renovation_named(text: str) -> int:
    from models.renovation.applying import find_renovation
    if not (text or "").strip():
        raise InvalidInput(_("Give the application's number, e.g. ZX2026-000012."), field="number")
    return find_renovation(text).id


def _renovation_name(title: str):
    def name(target) -> str:
        from models.renovation.works import Renovation
        found = Renovation.get_or_none(Renovation.id == getattr(target, "renovation_id", target))
        return f"{title} {found.serial}" if found else title
    return name


def _application(actor, renovation_id: int, _options: dict) -> bytes:
    from models.renovation.printed import application_for
    from reports.pdf.renovation.application import build_application
    return build_application(application_for(actor, renovation_id))


def _permit(actor, renovation_id: int, _options: dict) -> bytes:
    from models.renovation.printed import permit_for
    from reports.pdf.renovation.permit import build_permit
    return build_permit(permit_for(actor, renovation_id))


def _sheet_named(text: str) -> PassSheet:
    """ZX2026-000012 (every pass still out) or ZX2026-000012-03, as typed or scanned (that pass alone)."""
    from models import validation as v
    from models.renovation.applying import find_renovation
    typed = v.compact(text).upper().replace("－", "-").split("/")[0]
    base, dash, line = typed.rpartition("-")
    if typed.count("-") == 2 and line.isdigit():
        return PassSheet(find_renovation(base).id, (int(line),))
    return PassSheet(_renovation_named(text))


def pass_lines(text) -> tuple[int, ...]:
    """Which passes to print, as typed: "3", "3,4" or "2-5" (the numbers after the application's)."""
    from models import validation as v
    lines: list[int] = []
    for part in v.clean(text).replace("，", ",").replace("、", ",").split(","):
        part = part.strip()
        if not part:
            continue
        first, dash, last = part.partition("-")
        if not first.strip().isdigit() or (dash and not last.strip().isdigit()):
            raise InvalidInput(_("Give the passes as their numbers, e.g. 3 or 3,4 or 2-5."), field="workers")
        low, high = int(first), int(last if dash else first)
        if high < low or low < 1 or high > 99:
            # Never "all" for a range that names none: a pass printed too many is a gate left open.
            raise InvalidInput(_("{range} names no pass: give the passes from the lower number to the higher, "
                                 "e.g. 2-6.").format(range=part), field="workers")
        lines += range(low, high + 1)
    return tuple(dict.fromkeys(lines))


def _passes(actor, sheet: PassSheet, options: dict) -> bytes:
    from models.renovation.printed import passes_for
    from reports.pdf.renovation.passes import build_passes
    lines = tuple(dict.fromkeys(sheet.lines + pass_lines(options.get("workers") or "")))
    return build_passes(passes_for(actor, sheet.renovation_id, lines))


def _notice_named(text: str) -> int:
    from models.renovation.inspections import find_notice
    if not (text or "").strip():
        raise InvalidInput(_("Give the notice's number, e.g. ZG2026-000003."), field="number")
    return find_notice(text).id


def _notice(actor, notice_id: int, _options: dict) -> bytes:
    from models.renovation.printed import notice_for
    from reports.pdf.renovation.notice import build_notice
    return build_notice(notice_for(actor, notice_id))


def _notice_name(notice_id: int) -> str:
    from models.renovation.works import RectificationNotice
    from reports.pdf.renovation.notice import TITLE
    found = RectificationNotice.get_or_none(RectificationNotice.id == notice_id)
    return f"{TITLE} {found.serial}" if found else TITLE


def period(options: dict, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """--from (default 1 January) and --to (default today), as typed."""
    from models import validation as v
    today = today or dt.date.today()
    start = v.parse_date(options["from"], field="from") if options.get("from") else today.replace(month=1, day=1)
    end = v.parse_date(options["to"], field="to") if options.get("to") else today
    if end < start:
        raise InvalidInput(_("The period ends ({end}) before it begins ({start}).").format(
            end=v.format_date_cn(end), start=v.format_date_cn(start)), field="to")
    return start, end


def _period_named(text: str) -> None:
    if (text or "").strip():
        raise InvalidInput(_("The escalation report takes no number: give its period with --from and --to."),
                           field="number")
    return None


def _escalation(actor, _target, options: dict) -> bytes:
    from models.renovation.printed import escalation_for
    from reports.pdf.renovation.escalation import build_escalation
    start, end = period(options)
    return build_escalation(escalation_for(actor, start, end, options.get("report_to") or ""))


def _escalation_name(_target) -> str:
    from reports.pdf.renovation.escalation import TITLE
    return TITLE


APPLICATION = register_document(Document(
    "renovation_application", "Renovation application form", "the application's number (ZX2026-000012)",
    find=_renovation_named, make=_application, name=_renovation_name("装修申请表")))
PERMIT = register_document(Document(
    "permit", "Renovation permit", "the application's number (ZX2026-000012)",
    find=_renovation_named, make=_permit, name=_renovation_name("装修许可证")))
PASSES = register_document(Document(
    "passes", "Worker passes", "the application's number (ZX2026-000012), or one pass's (ZX2026-000012-03)",
    find=_sheet_named, make=_passes, name=_renovation_name("装修施工人员出入证"),
    options=(Option("workers", "only these passes, by their last number (3 or 3,4 or 2-5)"),)))
NOTICE = register_document(Document(
    "notice", "Rectification notice", "its number (ZG2026-000003)", find=_notice_named, make=_notice,
    name=_notice_name))
ESCALATION = register_document(Document(
    "escalation", "Unresolved rectifications report", "nothing: give the period with --from and --to",
    find=_period_named, make=_escalation, name=_escalation_name,
    options=(Option("from", "notices issued from this date (default 1 January)"),
             Option("to", "notices issued up to this date (default today)"),
             Option("report_to", "to whom the report goes (业主委员会, 居民委员会, 房地产主管部门; default all three)"))))
