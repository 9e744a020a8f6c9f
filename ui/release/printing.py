"""Printing a release slip from the window: 物品放行条 FX2026-000123, 存根 and 门岗联.

The preview's title is the slip's printed name and number, which Save PDF offers as the file
name. It is made through the document registry, as the command line's ``print release`` makes
it, so the window and the command line never print a slip two ways.
"""
from __future__ import annotations

from models.errors import DomainError
from models.i18n import _
from ui.widgets.messages import show_error
from ui.widgets.print_preview import PrintPreview, actor_of, preview, preview_document


def preview_slip(window, slip_id: int, paper: str = "A4") -> PrintPreview | None:
    """物品放行条 FX2026-000123: both parts on one A4 (or, ``paper="A5"``, one part an A5).

    A slip the actor may not see, or one that is gone, is said in one Chinese sentence instead.
    """
    try:
        if paper.upper() == "A4":
            return preview_document(window, "release", slip_id)
        from reports.pdf.registry import get_document
        document = get_document("release")
        pdf = document.make(actor_of(window), slip_id, {"paper": paper})
        return preview(window, pdf, document.name(slip_id))
    except DomainError as error:
        show_error(window, error, _("Print the release slip"))
        return None
