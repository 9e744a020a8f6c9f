"""The pieces every form dialog has: the line that says what is wrong, and its buttons."""
from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLayout, QLineEdit, QVBoxLayout, QWidget

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


def room_line(owner, placeholder: str, on_enter: Callable[[], None]) -> QHBoxLayout:
    """The top of a form done for one room (a release slip, a renovation application): 房号 typed, Enter to
    find it, and the room's heading beside it; sets ``owner.room_code`` and ``owner.heading``."""
    owner.room_code = QLineEdit()
    owner.room_code.setPlaceholderText(placeholder)
    owner.room_code.returnPressed.connect(on_enter)
    owner.heading = QLabel()
    owner.heading.setStyleSheet("font-size: 18px; font-weight: bold;")
    top = QHBoxLayout()
    top.addWidget(QLabel(_("Room")))
    top.addWidget(owner.room_code)
    top.addWidget(owner.heading, 1)
    return top


def typed_room(edit: QLineEdit, message: QLabel):
    """The room typed in ``edit`` (3-2-1201, 3栋2单元1201), or None with the sentence in ``message``."""
    from models import validation as v
    from models.records.estate import find_room
    room = find_room(edit.text()) if v.compact(edit.text()) else None
    if room is None:
        message.setText(_("No room {code}: type it as building-entrance-room (3-2-1201).").format(
            code=v.shown(edit.text())))
    return room
