"""钥匙入柜: a key hung in the cabinet — its hook, its kind, the room (typed) or the area it opens, what it
opens, how many copies; a key an owner entrusts with the owner (one of the room's owners on record), what
it may be used for and until when. Once in, its tag (K000123, the barcode) is offered for printing, so
the key can be scanned out and back from the first loan.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QSpinBox, QVBoxLayout)

from models import settings
from models import validation as v
from models.errors import DomainError
from models.handover import keys
from models.handover.tables import ENTRUSTED, KEY_KINDS, VACANT_ROOM, Key
from models.i18n import _
from models.records.estate import VACANT, find_room, get_room, label_from_code
from models.records.ties import current_parties
from ui.handover.cabinet_print import preview_tags
from ui.widgets.editors import DateEdit, choice_box
from ui.widgets.forms import dialog_buttons, error_label
from ui.widgets.messages import clear_when_edited, confirm, show_error
from ui.widgets.operations import run_op

DOORS = ("配电房门", "水泵房门", "电梯机房门", "天台门", "消防通道门", "会所大门")


class KeyDialog(QDialog):
    """One key put in the cabinet; ``key`` is set once it is."""

    def __init__(self, ctx, room=None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.room = None
        self.key: Key | None = None
        self.setWindowTitle(_("Put a key in the cabinet"))
        self.setMinimumWidth(560)
        self.hook = QLineEdit()
        self.hook.setObjectName("key_hook")
        self.hook.setMaxLength(12)
        self.hook.setPlaceholderText(_("e.g. A-012"))
        self.kind = choice_box(KEY_KINDS, VACANT_ROOM)
        self.room_code = QLineEdit()
        self.room_code.setObjectName("key_room")
        self.room_code.setPlaceholderText(_("Room, e.g. 3-2-1301 (Enter)"))
        self.room_code.editingFinished.connect(self._find_room)
        self.room_label = QLabel()
        self.room_label.setStyleSheet("font-weight: bold;")
        self.area = QLineEdit()
        self.area.setMaxLength(60)
        self.area.setPlaceholderText(_("Or an area, e.g. 3栋配电房, 会所"))
        self.label = QComboBox()
        self.label.setEditable(True)
        self.label.setInsertPolicy(QComboBox.NoInsert)
        self.label.addItems(self._doors())
        self.label.lineEdit().setMaxLength(60)
        self.copies = QSpinBox()
        self.copies.setRange(1, 20)
        self.entrusted = self._entrusted_box()
        self.note = QLineEdit()
        self.note.setMaxLength(200)
        self.message = error_label()
        self.buttons = dialog_buttons(self, self.save, _("Put in the cabinet"))
        layout = QVBoxLayout(self)
        layout.addLayout(self._form())
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.fields = {"hook": self.hook, "kind": self.kind, "label": self.label, "copies": self.copies,
                       "room": self.room_code, "area": self.area, "entrusted_by": self.owner,
                       "entrusted_until": self.until, "scope": self.scope, "note": self.note}
        clear_when_edited(self.message, self.hook, self.kind, self.room_code, self.area, self.label, self.owner,
                          self.scope, self.until, self.note)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        if room is not None:
            self.set_room(room)
            self.kind.setCurrentIndex(self.kind.findData(VACANT_ROOM if room.state == VACANT else ENTRUSTED))
        self._kind_changed()
        self.hook.setFocus()

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        form.addRow(_("Hook"), self.hook)
        form.addRow(_("Kind"), self.kind)
        room_row = QHBoxLayout()
        room_row.addWidget(self.room_code)
        room_row.addWidget(self.room_label, 1)
        form.addRow(_("Room"), room_row)
        form.addRow(_("Area it opens"), self.area)
        form.addRow(_("What it opens"), self.label)
        form.addRow(_("Copies"), self.copies)
        form.addRow(self.entrusted)
        form.addRow(_("Note"), self.note)
        return form

    def _doors(self) -> list[str]:
        kinds = [k.strip() for k in str(settings.get("handover.key_kinds")).split("；") if k.strip()]
        return kinds + [d for d in DOORS if d not in kinds]

    def _entrusted_box(self) -> QGroupBox:
        box = QGroupBox(_("Entrusted by the owner"))
        self.owner = QComboBox()
        self.owner.setObjectName("key_owner")
        self.scope = QLineEdit()
        self.scope.setMaxLength(100)
        self.scope.setPlaceholderText(_("e.g. 仅限维修水管时使用"))
        self.until = DateEdit(dt.date.today() + dt.timedelta(days=365))
        form = QFormLayout(box)
        form.addRow(_("Owner"), self.owner)
        form.addRow(_("May be used for"), self.scope)
        form.addRow(_("Entrusted until"), self.until)
        return box

    def _kind_changed(self) -> None:
        self.entrusted.setVisible(self.kind.currentData() == ENTRUSTED)
        self.adjustSize()

    def _find_room(self) -> None:
        text = self.room_code.text()
        if not v.compact(text):
            self.set_room(None)
            return
        room = find_room(text)
        if room is None:
            self.room_label.clear()
            self.message.setText(_("No room {code}: type it as building-entrance-room (3-2-1201).").format(
                code=v.shown(text)))
            self.room = None
            self._fill_owners()
            return
        self.set_room(room)

    def set_room(self, room) -> None:
        self.room = room
        if room is not None and self.room_code.text() != room.code:
            self.room_code.setText(room.code)
        self.room_label.setText(label_from_code(room.code) if room is not None else "")
        self._fill_owners()

    def _fill_owners(self) -> None:
        self.owner.clear()
        if self.room is None:
            self.owner.setPlaceholderText(_("Type the room first"))
            return
        owners = current_parties(self.room.id, ("owner", "co_owner"))
        for party in owners:
            self.owner.addItem(party.person.name, party.person_id)
        self.owner.setPlaceholderText(_("The room has no owner on record") if not owners else "")

    def given(self) -> keys.KeyInput:
        entrusted = self.kind.currentData() == ENTRUSTED
        return keys.KeyInput(
            hook=self.hook.text(), kind=self.kind.currentData(), label=self.label.currentText(),
            room_id=self.room.id if self.room is not None else None, area=self.area.text(),
            copies=self.copies.value(), entrusted_by=self.owner.currentData() if entrusted else None,
            entrusted_scope=self.scope.text() if entrusted else "",
            entrusted_until=self.until.value() if entrusted else None, note=self.note.text())

    def save(self) -> None:
        if v.compact(self.room_code.text()) and (self.room is None or self.room.code != self.room_code.text()):
            self._find_room()
            if self.room is None:
                self.room_code.setFocus()
                return
        given = self.given()
        run_op(self, lambda: keys.add_key(self.ctx.actor, given), error=self.message, fields=self.fields,
               changed="keys", on_done=self._added)

    def _added(self, key: Key) -> None:
        self.key = key
        self.accept()
        parent = self.parentWidget()
        if confirm(parent, _("Key in the cabinet"), _("Key {hook} ({where} {label}) is on its hook; its tag is {tag}. "
                                                       "Print the tag now?").format(
                hook=key.hook, where=label_from_code(self.room.code) if self.room else key.area, label=key.label,
                tag=key.tag), _("Print the tag"), safe=True):
            preview_tags(parent, key.hook)


def add_key(ctx, room=None, parent=None) -> KeyDialog:
    """The key dialog, window-modal (returns at once); on a room when given."""
    dialog = KeyDialog(ctx, room, parent or getattr(ctx, "window", None))
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    dialog.open()
    return dialog


def add_key_for_room(ctx, room_id: int) -> KeyDialog | None:
    """钥匙入柜… from a room's page: the dialog with the room filled in."""
    try:
        room = get_room(room_id)
    except DomainError as error:
        show_error(getattr(ctx, "window", None), error, _("Put a key in the cabinet"))
        return None
    return add_key(ctx, room)
