"""登记维修: a defect's repair recorded (what was done, photos of it); the owner then confirms it or asks for it
to be done again. ``follow_up`` holds the three questions the defects register asks about the chosen one."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit

from models import attachments as att
from models.errors import DomainError
from models.handover import handing
from models.i18n import _
from ui.bus import bus
from ui.widgets.forms import form_dialog
from ui.widgets.messages import ask_text, show_error
from ui.widgets.operations import run_op
from ui.widgets.photo_picker import PhotoPicker, choose_photo_files


def _what(defect) -> str:
    return f"{defect.room.code} {defect.location}：{defect.description}"


class RepairDialog(QDialog):
    def __init__(self, parent, ctx, defect):
        super().__init__(parent)
        self.ctx, self.defect_id = ctx, defect.id
        self.setWindowTitle(_("Record the repair"))
        self.setMinimumWidth(560)
        what = QLabel(_what(defect))
        what.setWordWrap(True)
        what.setStyleSheet("font-weight: bold;")
        self.note = QLineEdit()
        self.note.setMaxLength(200)
        self.note.setPlaceholderText(_("What was done, e.g. 更换密封胶条"))
        self.photos = PhotoPicker()
        form = QFormLayout()
        form.addRow(what)
        form.addRow(_("Repair"), self.note)
        form.addRow(_("Defect photos"), self.photos)
        self.message, _buttons = form_dialog(self, form, self.save, ok_text=_("Record the repair"))

    def save(self) -> None:
        actor, defect_id, note, photos = self.ctx.actor, self.defect_id, self.note.text(), list(self.photos.photos)
        run_op(self, lambda: handing.repaired(actor, defect_id, note, photos), changed="handover",
               error=self.message, fields={"note": self.note, "file": self.photos.add_button},
               on_done=lambda _d: self.accept())


def record_repair(parent, ctx, defect) -> RepairDialog:
    dialog = RepairDialog(parent, ctx, defect)
    dialog.open()
    dialog.note.setFocus()
    return dialog


def owner_confirms(parent, ctx, defect) -> bool:
    """业主确认: the owner who saw the repair and is satisfied, by name (the handover's owner offered)."""
    owner = handing.get_handover(defect.handover_id).owner.name if defect.handover_id else ""
    actor = ctx.actor
    _name, ok = ask_text(parent, _("Owner confirms the repair"),
                         _("{what}\nWho confirmed the repair (the owner's name)?").format(what=_what(defect)),
                         _("Confirm the repair"), owner, act=lambda name: handing.confirmed(actor, defect.id, name))
    if ok:
        bus.changed("handover")
    return ok


def repair_again(parent, ctx, defect) -> bool:
    """重新整改: the owner is not satisfied; what is still wrong, and the defect is open again."""
    actor = ctx.actor
    _why, ok = ask_text(parent, _("Repair again"),
                        _("{what}\nWhat is the owner not satisfied with?").format(what=_what(defect)),
                        _("Repair again"), act=lambda why: handing.reopened(actor, defect.id, why))
    if ok:
        bus.changed("handover")
    return ok


def add_photos(parent, ctx, defect_id: int) -> int:
    """Photos chosen from files, kept with the defect one by one; the first refused says why and stops."""
    added = 0
    for path in choose_photo_files(parent):
        try:
            att.add_attachment_file(ctx.actor, "handover_defect", defect_id, path, "现场照片")
        except DomainError as error:
            show_error(parent, error, _("Add photos"))
            break
        added += 1
    if added:
        bus.changed("attachments")
    return added
