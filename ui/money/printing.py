"""Printing money documents from the window: receipts, refund slips, reminders, daily close sheets.

A preview's title is the document's printed name and number (收据 2026-000123, 收款日结单
RJ2026-000639): it is also the file name offered by Save PDF, so it must be what the paper
says, never a database id. A batch (催缴通知 for hundreds of rooms) is built in the
background with progress and Cancel; only the preview is shown on the GUI thread.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QLabel

from models.errors import Cancelled, InvalidInput
from models.i18n import _
from models.validation import format_date_cn
from ui.widgets.messages import show_error
from ui.widgets.print_preview import PrintPreview, actor_of, preview, preview_document
from ui.widgets.runner import run_in_background


def preview_receipt(parent, receipt_id: int) -> PrintPreview:
    """收据 2026-000123: the three parts on one A4."""
    return preview_document(parent, "receipt", receipt_id)


def preview_refund(parent, refund_id: int) -> PrintPreview:
    """退款单 TK2026-000106: the slip the payee signs, two parts on one A4."""
    return preview_document(parent, "refund", refund_id)


def reminders_note(count: int) -> str:
    """What a run of more than two notices looks like on paper, said once above its preview: the
    order is the cut-and-stack imposition of reports/pdf/reminder.py, intended, and surprising
    to whoever leafs through the pages uncut."""
    if count <= 2:
        return ""
    return _("Printed two to a page for cutting the whole stack at once: page 1 holds notices 1 and {second}; "
             "cut the stack in half and lay the lower pile under the upper one to have them in room order.").format(
        second=(count + 1) // 2 + 1)


def _add_note(dialog: PrintPreview, text: str) -> None:
    if text:
        note = QLabel(text)
        note.setObjectName("preview-note")
        note.setWordWrap(True)
        dialog.layout().insertWidget(0, note)
        note.show()                     # the preview is already open: a widget added to it is shown by hand


def reminders_title(docs) -> str:
    """催缴通知 3-2-1201 for one room; 催缴通知 307 份 for a run."""
    from reports.pdf.money.reminder import TITLE
    if len(docs) == 1:
        return f"{TITLE} {docs[0].room_code}"
    return f"{TITLE} {len(docs)} 份"


def print_reminders(parent, room_ids: list[int], as_of, pay_by,
                    on_shown: Callable[[PrintPreview], None] | None = None):
    """Build the reminders of these rooms in the background (progress per room, then per page,
    Cancel drops the run), then show the preview. Returns the runner's (thread, worker, dialog)."""
    from models.money.documents import reminders_for
    from reports.pdf.money.reminder import PER_PAGE, build_reminders
    actor = actor_of(parent)
    room_ids = list(room_ids)
    rooms = len(room_ids)
    total = rooms + (rooms + PER_PAGE - 1) // PER_PAGE      # a step per room, then a step per page

    def work(progress):
        docs = reminders_for(actor, as_of, pay_by, room_ids=room_ids,
                             progress=lambda done, _n: progress(done, total))
        if not docs:
            raise InvalidInput(_("None of the chosen rooms owes anything on {date}: there is no reminder to print.")
                               .format(date=format_date_cn(as_of)))
        pdf = build_reminders(docs, progress=lambda done, _n: progress(rooms + done, total))
        return reminders_title(docs), pdf, len(docs)

    def done(result) -> None:
        title, pdf, count = result
        dialog = preview(parent, pdf, title)
        _add_note(dialog, reminders_note(count))
        if on_shown is not None:
            on_shown(dialog)

    def failed(error) -> None:
        if not isinstance(error, Cancelled):
            show_error(parent, error, _("Print reminders"))

    return run_in_background(parent, _("Preparing reminders for {n} rooms…").format(n=rooms), work,
                             on_done=done, on_error=failed)


def preview_close(parent, close_id: int) -> PrintPreview:
    """收款日结单 RJ2026-000639."""
    return preview_document(parent, "close", close_id)
