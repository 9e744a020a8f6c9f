"""Printing a renovation's papers from the window: the application form (装修申请表), the permit posted
on the door (装修许可证), the workers' passes (出入证, 8 to an A4), a rectification notice (整改通知书).

Each is found and made through the document registry by its printed number, exactly as the command
line's ``print permit ZX2026-000012`` finds and makes it, so the window and the command line never
print a paper two ways; the preview's title is the paper's printed name and number. A paper the actor
may not print is said in one Chinese sentence instead.
"""
from __future__ import annotations

from models.errors import DomainError
from models.i18n import _
from ui.widgets.messages import show_error
from ui.widgets.print_preview import PrintPreview, actor_of, preview

DOCUMENTS = {"renovation_application": "Print the application form", "permit": "Print the renovation permit",
             "passes": "Print the workers' passes", "notice": "Print the rectification notice"}


def preview_paper(parent, key: str, number: str, workers: str = "") -> PrintPreview | None:
    """``key``: one of ``DOCUMENTS``; ``number``: the application's (ZX2026-000012) or the notice's
    (ZG2026-000003); ``workers``: for the passes, only these ("1,3"), as ``--workers`` takes them."""
    from reports.pdf.registry import get_document
    try:
        document = get_document(key)
        target = document.find(number)
        pdf = document.make(actor_of(parent), target, {"workers": workers} if workers else {})
        return preview(parent, pdf, document.name(target) if document.name else _(document.title))
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
