"""One way for a page to run a domain operation: run it, say why it was refused, tell every page.

    run_op(self, lambda: cashier.refund_receipt(...), error=self.message, changed="money",
           on_done=lambda refund: self.accept())

A refusal (``DomainError``) is shown where the page says things: its form's error line (the
field the error names gets the focus) or else a message box with Chinese buttons. After a
write, ``bus.changed(kind)`` tells every open list and the start page to refresh themselves, so
no page refreshes another by hand. Slow work (an import, a batch print) goes through
``runner.run_in_background`` instead, with the same error and refresh rules.
"""
from __future__ import annotations

from typing import Callable, TypeVar

from PySide6.QtWidgets import QLabel, QWidget

from models.errors import DomainError
from ui.bus import bus

T = TypeVar("T")


def run_op(parent: QWidget | None, op: Callable[[], T], *, on_done: Callable[[T], None] | None = None,
           changed: str | tuple[str, ...] = (), error: QLabel | None = None,
           fields: dict[str, QWidget] | None = None) -> bool:
    """Run ``op``; on success call ``on_done(result)`` and announce ``changed``. False when a rule
    refused it (the refusal was shown)."""
    try:
        result = op()
    except DomainError as refusal:
        show_refusal(parent, refusal, error, fields)
        return False
    if error is not None:
        error.clear()
    if on_done is not None:     # first: the page notes what it did (a close's number), then all refresh
        on_done(result)
    for kind in (changed,) if isinstance(changed, str) else changed:
        bus.changed(kind)
    return True


def show_refusal(parent: QWidget | None, refusal: DomainError, error: QLabel | None = None,
                 fields: dict[str, QWidget] | None = None) -> None:
    """The clerk's sentence in the form's error line (focusing the field it names), else a message box."""
    if error is None:
        from ui.widgets.messages import show_error
        show_error(parent, refusal)
        return
    error.setText(str(refusal))
    widget = (fields or {}).get(refusal.field or "")
    if widget is not None:
        widget.setFocus()
