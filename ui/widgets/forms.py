"""The pieces every form dialog has: the line that says what is wrong, its buttons, and the box at its top
saying what the form is done for."""
from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLayout, QVBoxLayout, QWidget

from models.i18n import _

HEADING_STYLE = "QLabel { padding: 6px; background: #f3f6f9; border: 1px solid #d0d7de; }"


def heading_label(text: str, name: str = "") -> QLabel:
    """What a form is done for (the room, the record's number and state), boxed at its top, wrapping."""
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(HEADING_STYLE)
    return label


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


def form_dialog(dialog: QDialog, form: QLayout, on_accept: Callable[[], None], ok_text: str | None = None,
                cancel_text: str | None = None, intro: QWidget | None = None) -> tuple[QLabel, QDialogButtonBox]:
    """Lay out a form dialog as every dialog here is: (an introduction,) the form, the error line, the buttons."""
    message = error_label()
    buttons = dialog_buttons(dialog, on_accept, ok_text, cancel_text)
    layout = QVBoxLayout(dialog)
    if intro is not None:
        layout.addWidget(intro)
    layout.addLayout(form)
    layout.addWidget(message)
    layout.addWidget(buttons)
    return message, buttons
