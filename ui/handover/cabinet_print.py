"""Printing the key cabinet's papers from the window: a loan slip (钥匙借用单), the key tags with their
barcodes (钥匙牌), the key register (钥匙登记簿).

Each is made through the document registry exactly as the command line's ``print keyloan JY2026-000034``,
``print keytags --hook A-001-A-020`` and ``print key_register`` make it, so the window and the command line
never print a paper two ways. A paper that cannot be made is said in one Chinese sentence.
"""
from __future__ import annotations

from models.errors import DomainError
from models.i18n import _
from ui.widgets.messages import show_error
from ui.widgets.print_preview import PrintPreview, actor_of, preview


def preview_paper(parent, key: str, text: str = "", options: dict | None = None,
                  title: str = "") -> PrintPreview | None:
    """The document ``key`` named by ``text`` (a number, or nothing), with its ``options`` as typed."""
    from reports.pdf.registry import get_document
    try:
        document = get_document(key)
        declared = {option.name: option.default for option in document.options}
        declared.update({k: v for k, v in (options or {}).items() if k in declared})
        target = document.find(text)
        pdf = document.make(actor_of(parent), target, declared)
        return preview(parent, pdf, document.name(target) if document.name else _(document.title))
    except DomainError as error:
        show_error(parent, error, title or _("Print"))
        return None


def preview_loan_slip(parent, serial: str) -> PrintPreview | None:
    """钥匙借用单 JY2026-000034, for the borrower to sign."""
    return preview_paper(parent, "keyloan", serial, title=_("Print the loan slip"))


def preview_tags(parent, hooks: str) -> PrintPreview | None:
    """钥匙牌 of the hooks ``hooks`` (A-001-A-020, or one hook A-012), as ``--hook`` takes them."""
    return preview_paper(parent, "keytags", "", {"hook": hooks}, title=_("Print key tags"))


def preview_register(parent) -> PrintPreview | None:
    """钥匙登记簿: every key held, its state and who has it."""
    return preview_paper(parent, "key_register", "", title=_("Print the key register"))
