"""空置房巡查登记: one visit to a vacant room (seed 000 §4.5.3) — doors and windows shut, no leak, no damp.

The dialog opens with the keyboard in the findings: nothing typed and Enter records the visit as passed
(正常); a finding typed makes it a finding (the result follows what is typed unless the clerk chose one);
photos are chosen before it is recorded and kept with it as its attachments.
"""
from __future__ import annotations

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (QButtonGroup, QDateTimeEdit, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QRadioButton, QVBoxLayout, QWidget)

from models.errors import DomainError
from models.handover import vacant
from models.i18n import _
from models.records.estate import get_room, label_from_code
from ui.widgets.forms import dialog_buttons, error_label
from ui.widgets.messages import clear_when_edited, show_error
from ui.widgets.operations import run_op
from ui.widgets.photo_picker import PhotoPicker

HEADING_STYLE = "QLabel { padding: 6px; background: #f3f6f9; border: 1px solid #d0d7de; }"


def radio_group(parent: QWidget, choices: list[tuple[object, str]], checked=None) -> tuple[QButtonGroup, QHBoxLayout]:
    """Radio buttons in a row, each carrying its value (``property("value")``)."""
    group, row = QButtonGroup(parent), QHBoxLayout()
    for index, (value, text) in enumerate(choices):
        button = QRadioButton(text)
        button.setProperty("value", value)
        button.setChecked(value == checked)
        group.addButton(button, index)
        row.addWidget(button)
    row.addStretch(1)
    return group, row


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
        heading = QLabel(f"<b style='font-size: 16px'>{label_from_code(room.code)}</b>　{room.code}"
                         + (f"<br>{last_seen}" if last_seen else ""))
        heading.setObjectName("vacant_heading")
        heading.setStyleSheet(HEADING_STYLE)
        self.opened = QDateTime.currentDateTime()
        self.at = QDateTimeEdit(self.opened)
        self.at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.at.setCalendarPopup(True)
        self.result, result_row = radio_group(self, [(True, _("All in order")), (False, _("Something found"))], True)
        self.result_chosen = False
        self.result.buttonClicked.connect(lambda _b: setattr(self, "result_chosen", True))
        self.findings = QLineEdit()
        self.findings.setObjectName("vacant_findings")
        self.findings.setMaxLength(300)
        self.findings.setPlaceholderText(_("What was found, e.g. 阳台窗未关、卫生间漏水 (empty when all is in order)"))
        self.findings.textEdited.connect(self._typed)
        self.photos = PhotoPicker()
        form = QFormLayout()
        form.addRow(_("Time"), self.at)
        form.addRow(_("Result"), result_row)
        form.addRow(_("Findings"), self.findings)
        form.addRow(_("Photos"), self.photos)
        self.message = error_label()
        self.buttons = dialog_buttons(self, self.record, _("Record"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        clear_when_edited(self.message, self.findings, *self.result.buttons())
        self.fields = {"findings": self.findings, "at": self.at}
        self.findings.setFocus()

    def _typed(self, text: str) -> None:
        if not self.result_chosen:
            self.result.buttons()[1 if text.strip() else 0].setChecked(True)

    def record(self) -> None:
        at = self.at.dateTime()
        untouched = at.toString("yyyyMMddHHmm") == self.opened.toString("yyyyMMddHHmm")
        passed = bool(self.result.checkedButton().property("value"))
        findings, photos = self.findings.text(), list(self.photos.photos)
        moment = None if untouched else at.toPython()
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
