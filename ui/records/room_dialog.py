"""Create or edit a room (buildings and entrances are made as rooms name them)."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit

from models.records import estate
from models.i18n import _
from ui.widgets.forms import form_dialog
from ui.widgets.editors import AreaEdit, choice_box
from ui.widgets.operations import run_op


class RoomDialog(QDialog):
    def __init__(self, parent, ctx, room_id: int | None):
        super().__init__(parent)
        self.ctx, self.room_id = ctx, room_id
        self.setWindowTitle(_("Edit room") if room_id else _("New room"))
        self.building = QLineEdit(placeholderText=_("e.g. 3"))
        self.entrance = QLineEdit(placeholderText=_("e.g. 2 (empty if none)"))
        self.number = QLineEdit(placeholderText=_("e.g. 1201"))
        self.area = AreaEdit()
        self.use = choice_box(estate.ROOM_USES)
        self.state = choice_box(estate.ROOM_STATES)
        self.note = QLineEdit()
        form = QFormLayout()
        form.addRow(_("Building") + " *", self.building)
        form.addRow(_("Entrance"), self.entrance)
        form.addRow(_("Room number") + " *", self.number)
        form.addRow(_("Gross area (m²)") + " *", self.area)
        form.addRow(_("Use"), self.use)
        form.addRow(_("State"), self.state)
        form.addRow(_("Note"), self.note)
        self.message, _buttons = form_dialog(self, form, self.save)
        self.fields = {"building": self.building, "entrance": self.entrance, "number": self.number,
                       "area": self.area, "use": self.use, "state": self.state}
        if room_id:
            room = estate.get_room(room_id)
            self.building.setText(room.building.code)
            self.entrance.setText(room.entrance.code)
            self.number.setText(room.number)
            self.area.setText(room.area)
            self.use.setCurrentIndex(self.use.findData(room.use))
            self.state.setCurrentIndex(self.state.findData(room.state))
            self.note.setText(room.note)

    def save(self) -> None:
        data = estate.RoomInput(self.building.text(), self.entrance.text(), self.number.text(), self.area.text(),
                                self.use.currentData(), self.state.currentData(), self.note.text())
        actor, room_id = self.ctx.actor, self.room_id
        run_op(self, lambda: estate.update_room(actor, room_id, data) if room_id else estate.create_room(actor, data),
               changed="rooms", error=self.message, fields=self.fields, on_done=self._saved)

    def _saved(self, room) -> None:
        self.room_id = room.id
        self.accept()


def edit_room(parent, ctx, room_id: int | None) -> RoomDialog:
    dialog = RoomDialog(parent, ctx, room_id)
    dialog.open()
    return dialog
