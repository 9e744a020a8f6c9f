"""巡查记录: one visit to a room in works, written down from the daily list (seed 000 §4.3.6, §4.5.2).

The dialog opens with the keyboard in the findings: nothing typed and Enter records the visit as
passed; a finding typed and Ctrl+Enter records it and opens the rectification notice (整改通知书)
prefilled with it, so a finding becomes a printed notice in five actions from the list (Enter on
the row, type the finding, Ctrl+Enter, type what must be done, Enter to issue and print).
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from models import settings
from models.errors import DomainError
from models.i18n import _
from models.renovation import inspections
from models.renovation.applying import get_renovation
from models.renovation.works import INSPECTION_KINDS, QUIET_HOURS, ROUTINE, STATES
from ui.widgets.editors import MomentEdit, choice_box, radio_group, radio_value, result_follows
from ui.widgets.forms import error_label, heading_label
from ui.widgets.messages import clear_when_edited, show_error
from ui.widgets.operations import run_op
from ui.widgets.photo_picker import PhotoPicker

KINDS = {key: INSPECTION_KINDS[key] for key in (ROUTINE, QUIET_HOURS)}   # 复查 from a notice, 验收 at completion


def renovation_heading(renovation) -> str:
    """3栋2单元1202 · ZX2026-000012 · 施工中 / the contractor, its person in charge and phone."""
    contractor = renovation.contractor
    return (f"<b style='font-size: 16px'>{renovation.room.code}</b>　{renovation.serial}　"
            f"{_(STATES.get(renovation.state, renovation.state))}<br>"
            f"{contractor.name}　{contractor.person_in_charge}　{contractor.phone}")


class InspectionDialog(QDialog):
    def __init__(self, ctx, renovation, parent=None):
        super().__init__(parent)
        self.ctx, self.renovation = ctx, renovation
        self.inspection = None
        self.setWindowTitle(_("Inspection: {room}").format(room=renovation.room.code))
        self.setMinimumWidth(620)
        heading = heading_label(renovation_heading(renovation), "inspection_heading")
        self.kind = choice_box(KINDS, ROUTINE)
        self.at = MomentEdit()
        self.quiet, quiet_row = radio_group(self, [(True, _("Kept")), (False, _("Not kept")), (None, _("Not checked"))])
        self.quiet.buttons()[2].setChecked(True)
        quiet_hours = QLabel(_("Quiet hours: {hours}").format(hours=settings.get("renovation.quiet_hours")))
        quiet_hours.setStyleSheet("color: #6b7280;")
        quiet_row.insertWidget(3, quiet_hours)
        self.result, result_row = radio_group(self, [(True, _("Passed")), (False, _("Something found"))], True)
        self.findings = QLineEdit()
        self.findings.setObjectName("inspection_findings")
        self.findings.setMaxLength(400)
        self.findings.setPlaceholderText(_("What was found, e.g. 休息时间电钻施工 (leave empty when all is well)"))
        result_follows(self.result, self.findings)
        self.photos = PhotoPicker()
        self.message = error_label()
        self.buttons = self._buttons()
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(self._form(quiet_row, result_row))
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.fields = {"kind": self.kind, "findings": self.findings, "at": self.at,
                       "quiet_ok": self.quiet.buttons()[0]}
        clear_when_edited(self.message, self.kind, self.findings, *self.quiet.buttons(), *self.result.buttons())
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.findings.setFocus()

    def _form(self, quiet_row, result_row) -> QFormLayout:
        form = QFormLayout()
        form.addRow(_("Kind"), self.kind)
        form.addRow(_("Time"), self.at)
        form.addRow(_("Quiet hours kept"), quiet_row)
        form.addRow(_("Result"), result_row)
        form.addRow(_("Findings"), self.findings)
        form.addRow(_("Photos"), self.photos)
        return form

    def _buttons(self) -> QDialogButtonBox:
        """记录 (Enter), 记录并开整改通知书 (Ctrl+Enter), 取消."""
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText(_("Record"))
        buttons.button(QDialogButtonBox.Cancel).setText(_("Cancel"))
        self.notice_button = buttons.addButton(_("Record and issue a notice… (Ctrl+Enter)"), QDialogButtonBox.ActionRole)
        self.notice_button.setObjectName("inspection_notice")
        self.notice_button.setAutoDefault(False)
        buttons.accepted.connect(lambda: self.record(False))
        buttons.rejected.connect(self.reject)
        self.notice_button.clicked.connect(lambda: self.record(True))
        self.notice_button.setVisible(self.ctx.actor.can("renovation.inspect"))
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, lambda: self.record(True))
        return buttons

    def _kind_changed(self) -> None:
        if self.kind.currentData() == QUIET_HOURS and radio_value(self.quiet) is None:
            self.quiet.buttons()[2].setChecked(False)
            self.quiet.setExclusive(False)
            for button in self.quiet.buttons():
                button.setChecked(False)
            self.quiet.setExclusive(True)

    def given(self) -> inspections.InspectionInput:
        return inspections.InspectionInput(
            renovation_id=self.renovation.id, kind=self.kind.currentData(), quiet_ok=radio_value(self.quiet),
            passed=bool(radio_value(self.result, True)), findings=self.findings.text(),
            at=self.at.moment(), photos=list(self.photos.photos))

    def record(self, notice: bool) -> None:
        """Record the visit; with ``notice``, the rectification notice opens next, prefilled."""
        given = self.given()
        if notice and given.findings.strip():
            given.passed = False
            self.result.buttons()[1].setChecked(True)
        if notice and given.passed:
            self.message.setText(_("Write down what was found: a rectification notice is issued for a finding."))
            self.findings.setFocus()
            return
        run_op(self, lambda: inspections.record_inspection(self.ctx.actor, given), error=self.message,
               fields=self.fields, changed="renovation", on_done=lambda made: self._recorded(made, notice))

    def _recorded(self, inspection, notice: bool) -> None:
        self.inspection = inspection
        self.accept()
        if notice:
            from ui.renovation.notice_dialog import issue_notice
            issue_notice(self.ctx, inspection, self.parentWidget())


def record_inspection(ctx, renovation_id: int, parent=None) -> InspectionDialog | None:
    """Open the inspection dialog on a renovation in works (window-modal; returns at once)."""
    parent = parent or getattr(ctx, "window", None)
    try:
        renovation = get_renovation(renovation_id)
    except DomainError as error:
        show_error(parent, error, _("Record an inspection"))
        return None
    dialog = InspectionDialog(ctx, renovation, parent)
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    dialog.open()
    dialog.findings.setFocus()
    return dialog

