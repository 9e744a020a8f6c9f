"""The pieces every form dialog has: the line that says what is wrong, and its buttons."""
from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel

from models.i18n import _


def error_label() -> QLabel:
    """Where a refused operation's sentence is shown, in red, wrapping."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #c9302c; font-weight: bold;")
    return label


def dialog_buttons(dialog: QDialog, on_accept: Callable[[], None], ok_text: str | None = None,
                   cancel_text: str | None = None) -> QDialogButtonBox:
    """OK/Cancel with the office's words; OK runs ``on_accept``, which closes the dialog only on success."""
    buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
    buttons.button(QDialogButtonBox.Ok).setText(ok_text or _("Save"))
    buttons.button(QDialogButtonBox.Cancel).setText(cancel_text or _("Cancel"))
    buttons.accepted.connect(on_accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
