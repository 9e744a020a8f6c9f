"""The top of a form done for one room, shared by the parts built on records (release slips, renovation,
handover): on a page, or at the top of a dialog."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit

from models import validation as v
from models.i18n import _
from models.records.estate import find_room


class RoomCodeEdit(QLineEdit):
    """房号 typed: Enter finds the room and goes no further — in a dialog it does not also press OK (a line
    edit passes its Enter on to the dialog, whose default button would write the form half filled)."""

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().keyPressEvent(event)
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            event.accept()


def room_line(owner, placeholder: str, on_enter: Callable[[], None]) -> QHBoxLayout:
    """The top of a form done for one room (a release slip, a renovation application, a handover booked): 房号
    typed, Enter to find it, and the room's heading beside it; sets ``owner.room_code`` and ``owner.heading``."""
    owner.room_code = RoomCodeEdit()
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
    """The room typed in ``edit`` (3-2-1201, 3栋2单元1201), the sentence in ``message`` cleared; or None with
    the sentence saying how to type it."""
    room = find_room(edit.text()) if v.compact(edit.text()) else None
    if room is None:
        message.setText(_("No room {code}: type it as building-entrance-room (3-2-1201).").format(
            code=v.shown(edit.text())))
    else:
        message.clear()
    return room
