"""Printing the handover part's papers from the window: the handover form (交房确认单) for the owner to sign,
and a day's handover appointments.

Each is made through the document registry exactly as the command line's ``print handover JF2026-000012``
and ``print appointments --date 2026-11-30`` make it, so the window and the command line never print a
paper two ways. A paper that cannot be made (a role that may not print it) is said in one Chinese sentence.
"""
from __future__ import annotations

import datetime as dt

from models.errors import DomainError
from models.i18n import _
from ui.widgets.messages import show_error
from ui.widgets.print_preview import PrintPreview, actor_of, preview


def _preview(parent, key: str, text: str, options: dict, title: str) -> PrintPreview | None:
    from reports.pdf.registry import get_document
    try:
        document = get_document(key)
        declared = {option.name: option.default for option in document.options}
        declared.update({k: v for k, v in options.items() if k in declared})
        target = document.find(text)
        pdf = document.make(actor_of(parent), target, declared)
        return preview(parent, pdf, document.name(target) if document.name else _(document.title))
    except DomainError as error:
        show_error(parent, error, title)
        return None


def preview_handover_form(parent, serial: str) -> PrintPreview | None:
    """交房确认单 of the handover numbered ``serial`` (JF2026-000012), in the preview with its print button."""
    return _preview(parent, "handover", serial, {}, _("Print the handover form"))


def preview_day(parent, day: dt.date) -> PrintPreview | None:
    """The day's handover appointments (交房预约表), as ``print appointments --date`` makes it."""
    from reports.pdf.registry import get_document
    try:
        takes_date = any(option.name == "date" for option in get_document("appointments").options)
    except DomainError as error:
        show_error(parent, error, _("Print the day's appointments"))
        return None
    return _preview(parent, "appointments", "" if takes_date else day.isoformat(), {"date": day.isoformat()},
                    _("Print the day's appointments"))
