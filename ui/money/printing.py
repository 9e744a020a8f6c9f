"""Printing money documents from the window: receipts, reminders, daily close sheets."""
from __future__ import annotations

from ui.widgets.print_preview import preview


def preview_receipt(parent, receipt_id: int):
    from models.money.documents import receipt_document
    from reports.pdf.receipt import build_receipt
    doc = receipt_document(receipt_id)
    return preview(parent, build_receipt(doc), f"收据 {doc.serial}")


def preview_reminders(parent, room_ids: list[int], as_of, pay_by):
    from models.money.documents import reminder_document
    from reports.pdf.reminder import build_reminders
    docs = [reminder_document(rid, as_of, pay_by) for rid in room_ids]
    return preview(parent, build_reminders(docs), f"催缴通知 {len(docs)} 份")


def preview_close(parent, close_id: int):
    from models.money.documents import close_document
    from reports.pdf.daily_close import build_close
    doc = close_document(close_id)
    return preview(parent, build_close(doc), f"收款日结单 {close_id}")
