"""Printing a renovation's papers from the window: the application form (装修申请表), the permit posted
on the door (装修许可证), the workers' passes (出入证, 8 to an A4), a rectification notice (整改通知书).

Each is made through the document registry, as the command line's ``print permit NUMBER`` makes it, so
the window and the command line never print a paper two ways; its preview's title is the paper's
printed name and number. A paper the actor may not print, or one not made yet, is said in one
Chinese sentence instead.
"""
from __future__ import annotations

from models.errors import DomainError
from models.i18n import _
from ui.widgets.messages import show_error
from ui.widgets.print_preview import PrintPreview, preview_document

DOCUMENTS = {"renovation_application": "Print the application form", "permit": "Print the renovation permit",
             "passes": "Print the workers' passes", "notice": "Print the rectification notice"}


def preview_paper(parent, key: str, target: int) -> PrintPreview | None:
    """``key``: one of ``DOCUMENTS``; ``target``: the renovation's id (the notice's id for a notice)."""
    try:
        return preview_document(parent, key, target)
    except DomainError as error:
        show_error(parent, error, _(DOCUMENTS.get(key, "Print")))
        return None


def preview_receipt(parent, receipt_id: int) -> PrintPreview | None:
    """The fees' receipt (收据), the money part's own document."""
    try:
        from ui.money.printing import preview_receipt as money_receipt
        return money_receipt(parent, receipt_id)
    except DomainError as error:
        show_error(parent, error, _("Print the receipt"))
        return None
