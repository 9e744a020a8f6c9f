"""复查: a re-inspection of a rectification notice: done (the notice is rectified) or not yet (it stays
open, and overdue once past its deadline), with what was seen and photos."""
from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit

from models.i18n import _
from models.renovation import inspections
from models.renovation.works import ADDRESSEES
from ui.widgets.editors import radio_group, radio_value
from ui.widgets.forms import form_dialog, heading_label
from ui.widgets.messages import clear_when_edited
from ui.widgets.operations import run_op
from ui.widgets.photo_picker import PhotoPicker


def notice_heading(notice) -> str:
    """ZG2026-000003 · 3-2-1202 · 限期 2026-12-02 / the finding / the rule / what must be done."""
    lines = [f"<b style='font-size: 16px'>{html.escape(notice.serial)}</b>　{html.escape(notice.renovation.room.code)}"
             f"　{html.escape(_('Rectify by {date}').format(date=f'{notice.deadline:%Y-%m-%d}'))}"
             f"　{html.escape(_(ADDRESSEES.get(notice.addressed_to, notice.addressed_to)))}",
             _("Found: {text}").format(text=notice.finding), _("Rule broken: {text}").format(text=notice.rule),
             _("What must be done: {text}").format(text=notice.required)]
    return "<br>".join(lines[:1] + [html.escape(line) for line in lines[1:]])


class RecheckDialog(QDialog):
    def __init__(self, ctx, notice, parent=None):
        super().__init__(parent)
        self.ctx, self.notice = ctx, notice
        self.inspection = None
        self.setWindowTitle(_("Re-inspection: notice {number}").format(number=notice.serial))
        self.setMinimumWidth(620)
        heading = heading_label(notice_heading(notice))
        self.done_group, done_row = radio_group(self, [(True, _("Rectified")), (False, _("Not yet rectified"))], True)
        self.findings = QLineEdit()
        self.findings.setObjectName("recheck_findings")
        self.findings.setMaxLength(400)
        self.findings.setPlaceholderText(_("What was seen (needed when it is not yet done)"))
        self.photos = PhotoPicker()
        form = QFormLayout()
        form.addRow(_("Result"), done_row)
        form.addRow(_("Findings"), self.findings)
        form.addRow(_("Photos"), self.photos)
        self.message, self.buttons = form_dialog(self, form, self.record, _("Record re-inspection"), intro=heading)
        clear_when_edited(self.message, self.findings, *self.done_group.buttons())

    def record(self) -> None:
        done = bool(radio_value(self.done_group, True))
        findings, photos = self.findings.text(), list(self.photos.photos)
        run_op(self, lambda: inspections.recheck(self.ctx.actor, self.notice.id, done, findings, photos),
               error=self.message, fields={"findings": self.findings}, changed="renovation",
               on_done=self._recorded)

    def _recorded(self, inspection) -> None:
        self.inspection = inspection
        self.accept()


def recheck_notice(ctx, notice, parent=None) -> RecheckDialog:
    dialog = RecheckDialog(ctx, notice, parent)
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    dialog.open()
    return dialog
