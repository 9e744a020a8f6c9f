"""空置房巡查登记: one visit to a vacant room (seed 000 §4.5.3) — doors and windows shut, no leak, no damp.

The dialog opens with the keyboard in the findings: nothing typed and Enter records the visit as passed
(正常); a finding typed makes it a finding (the result follows what is typed unless the clerk chose one);
photos are chosen before it is recorded and kept with it as its attachments.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit

from models.errors import DomainError
from models.handover import vacant
from models.i18n import _
from models.records.estate import get_room, label_from_code
from ui.widgets.editors import MomentEdit, radio_group, radio_value, result_follows
from ui.widgets.forms import form_dialog, heading_label
from ui.widgets.messages import clear_when_edited, show_error
from ui.widgets.operations import run_op
from ui.widgets.photo_picker import PhotoPicker


def last_seen_text(last, days) -> str:
    """上次巡查 2026-10-01（59 天前）, or 从未巡查."""
    if last is None:
        return _("Not inspected yet")
    return _("Last inspected {date} ({days} days ago)").format(date=f"{last:%Y-%m-%d}", days=days)


class VacantInspectionDialog(QDialog):
    """One visit to ``room`` recorded; ``inspection`` is set once it is."""

    def __init__(self, ctx, room, last_seen: str = "", parent=None):
        super().__init__(parent)
        self.ctx, self.room = ctx, room
        self.inspection = None
        self.setWindowTitle(_("Vacant room inspection: {room}").format(room=room.code))
        self.setMinimumWidth(600)
        heading = heading_label(f"<b style='font-size: 16px'>{label_from_code(room.code)}</b>　{room.code}"
                                + (f"<br>{last_seen}" if last_seen else ""), "vacant_heading")
        self.at = MomentEdit()
        self.result, result_row = radio_group(self, [(True, _("All in order")), (False, _("Something found"))], True)
        self.findings = QLineEdit()
        self.findings.setObjectName("vacant_findings")
        self.findings.setMaxLength(300)
        self.findings.setPlaceholderText(_("What was found, e.g. 阳台窗未关、卫生间漏水 (empty when all is in order)"))
        result_follows(self.result, self.findings)
        self.photos = PhotoPicker()
        form = QFormLayout()
        form.addRow(_("Time"), self.at)
        form.addRow(_("Result"), result_row)
        form.addRow(_("Findings"), self.findings)
        form.addRow(_("Photos"), self.photos)
        self.message, self.buttons = form_dialog(self, form, self.record, _("Record"), intro=heading)
        clear_when_edited(self.message, self.findings, *self.result.buttons())
        self.fields = {"findings": self.findings, "at": self.at}
        self.findings.setFocus()

    def record(self) -> None:
        passed = bool(radio_value(self.result, True))
        findings, photos, moment = self.findings.text(), list(self.photos.photos), self.at.moment()
        run_op(self, lambda: vacant.inspect(self.ctx.actor, self.room.id, passed, findings, at=moment,
                                            photos=photos),
               error=self.message, fields=self.fields, changed=("vacant", "attachments"), on_done=self._recorded)

    def _recorded(self, inspection) -> None:
        self.inspection = inspection
        self.accept()


def inspect_room_dialog(ctx, room_id: int, last_seen: str = "", parent=None) -> VacantInspectionDialog | None:
    """The inspection dialog on a vacant room, window-modal (returns at once)."""
    parent = parent or getattr(ctx, "window", None)
    try:
        room = get_room(room_id)
    except DomainError as error:
        show_error(parent, error, _("Vacant room inspection"))
        return None
    dialog = VacantInspectionDialog(ctx, room, last_seen, parent)
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    dialog.open()
    dialog.findings.setFocus()
    return dialog
