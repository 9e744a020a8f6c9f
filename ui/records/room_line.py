"""The top of a form done for one room, shared by the parts built on records (release slips, renovation)."""
from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit

from models import validation as v
from models.i18n import _
from models.records.estate import find_room


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
    room = find_room(edit.text()) if v.compact(edit.text()) else None
    if room is None:
        message.setText(_("No room {code}: type it as building-entrance-room (3-2-1201).").format(
            code=v.shown(edit.text())))
    return room
