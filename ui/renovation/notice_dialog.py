"""整改通知书: a rectification notice from an inspection's finding, issued and printed in one step.

It opens prefilled: the finding from the inspection, the article of the renovation agreement
that matches it best (``suggest_rule``; the list is the office's setting, typeable), the deadline
the office proposes (``proposed_deadline``), addressed to the owner and the contractor. The clerk
types what must be done and presses Enter: the notice is numbered (ZG2026-000003) and its print
preview opens. When no article matches the finding, the keyboard starts in the article instead: a
few characters of it (第六, 管线) offer the articles holding them, and Enter takes the first one
offered and moves on to what must be done. A deadline in the past is refused by the domain, in its own sentence, and nothing
is written.
"""
from __future__ import annotations

import re

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from models.errors import DomainError
from models.i18n import _
from models.renovation import inspections
from models.renovation.works import ADDRESSEES, INSPECTION_KINDS, TO_BOTH
from ui.renovation.inspect_dialog import renovation_heading
from ui.widgets.editors import DateEdit, choice_box
from ui.widgets.forms import HEADING_STYLE, dialog_buttons, error_label
from ui.widgets.messages import clear_when_edited, show_error
from ui.widgets.operations import run_op

_CJK = re.compile(r"[\u4e00-\u9fff]{2,}")


def _pairs(text: str) -> set[str]:
    return {run[i:i + 2] for run in _CJK.findall(text) for i in range(len(run) - 1)}


def suggest_rule(finding: str, rules: list[str], quiet_broken: bool = False) -> int:
    """The index of the article sharing most two-character words with the finding (休息时间电钻施工 → 第七条
    施工时间…); -1 when none shares any. Quiet hours found broken lean to the article about them."""
    words = _pairs(finding) | ({"休息", "噪音"} if quiet_broken else set())
    best, best_score = -1, 0
    for index, rule in enumerate(rules):
        score = len(words & _pairs(rule))
        if score > best_score:
            best, best_score = index, score
    return best


class NoticeDialog(QDialog):
    def __init__(self, ctx, inspection, parent=None):
        super().__init__(parent)
        self.ctx, self.inspection = ctx, inspection
        self.notice = None
        renovation = inspection.renovation
        self.setWindowTitle(_("Rectification notice: {room}").format(room=renovation.room.code))
        self.setMinimumWidth(680)
        heading = QLabel(renovation_heading(renovation) + "<br>" + _("{kind} at {time} by {who}").format(
            kind=_(INSPECTION_KINDS.get(inspection.kind, inspection.kind)), time=f"{inspection.at:%Y-%m-%d %H:%M}",
            who=inspection.inspector))
        heading.setStyleSheet(HEADING_STYLE)
        self.finding = QLineEdit(inspection.findings)
        self.finding.setMaxLength(400)
        suggested = self._rule_box(inspection)
        self.required = QLineEdit()
        self.required.setObjectName("notice_required")
        self.required.setMaxLength(400)
        self.required.setPlaceholderText(_("What must be done, e.g. 立即停止休息时间噪音作业"))
        self.deadline = DateEdit(inspections.proposed_deadline())
        self.deadline.setObjectName("notice_deadline")
        self.addressed = choice_box(ADDRESSEES, TO_BOTH)
        form = QFormLayout()
        form.addRow(_("Found"), self.finding)
        form.addRow(_("Rule broken"), self.rule)
        form.addRow(_("What must be done"), self.required)
        form.addRow(_("Rectify by"), self.deadline)
        form.addRow(_("Addressed to"), self.addressed)
        self.message = error_label()
        self.buttons = dialog_buttons(self, self.issue, _("Issue and print"), _("Not now"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.fields = {"finding": self.finding, "rule": self.rule, "required": self.required,
                       "deadline": self.deadline, "addressed_to": self.addressed}
        clear_when_edited(self.message, self.finding, self.rule, self.required, self.deadline, self.addressed)
        self.first_field = self.required if suggested >= 0 else self.rule
        self.first_field.setFocus()

    def _rule_box(self, inspection) -> int:
        """The article broken: the office's list, the one matching the finding chosen (its index, -1 when
        none does); typed, it offers the articles holding what was typed (第六, 管线)."""
        self.rule = QComboBox()
        self.rule.setObjectName("notice_rule")
        self.rule.setEditable(True)
        self.rule.setInsertPolicy(QComboBox.NoInsert)
        self.rule.setMaxVisibleItems(12)
        self.rule.setMinimumContentsLength(30)
        self.rule.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        rules = inspections.rules()
        self.rule.addItems(rules)
        suggested = suggest_rule(inspection.findings, rules, inspection.quiet_ok is False)
        self.rule.setCurrentIndex(suggested)
        self.rule.lineEdit().setPlaceholderText(_("Choose or type the article broken, e.g. 第七条 …"))
        self.rule_completer = QCompleter(self.rule.model(), self.rule)
        self.rule_completer.setCompletionMode(QCompleter.PopupCompletion)
        self.rule_completer.setFilterMode(Qt.MatchContains)
        self.rule_completer.setCaseSensitivity(Qt.CaseInsensitive)
        self.rule.setCompleter(self.rule_completer)
        self.rule_completer.activated.connect(lambda _text: self.required.setFocus())   # picked in the list
        for widget in (self.rule, self.rule.lineEdit()):
            widget.installEventFilter(self)
        return suggested

    def eventFilter(self, watched, event):  # noqa: N802 - Qt override
        """Enter in the article takes the article offered and moves on to what must be done."""
        if (event.type() == QEvent.KeyPress and event.key() in (Qt.Key_Return, Qt.Key_Enter)
                and watched in (self.rule, self.rule.lineEdit())):
            self.take_rule()
            return True
        return super().eventFilter(watched, event)

    def take_rule(self) -> None:
        """The article typed made whole: the one chosen in the list offered, else the first it offers."""
        completer, typed = self.rule_completer, self.rule.currentText().strip()
        popup = completer.popup()
        if typed and self.rule.findText(typed) < 0:
            completer.setCompletionPrefix(typed)
            row = popup.currentIndex().row() if popup.isVisible() and popup.currentIndex().isValid() else 0
            if completer.setCurrentRow(row):
                self.rule.setEditText(completer.currentCompletion())
        popup.hide()
        self.required.setFocus()

    def given(self) -> inspections.NoticeInput:
        return inspections.NoticeInput(
            inspection_id=self.inspection.id, rule=self.rule.currentText(), required=self.required.text(),
            deadline=self.deadline.value(), finding=self.finding.text(), addressed_to=self.addressed.currentData())

    def issue(self) -> None:
        given = self.given()
        run_op(self, lambda: inspections.issue_notice(self.ctx.actor, given), error=self.message,
               fields=self.fields, changed="renovation", on_done=self._issued)

    def _issued(self, notice) -> None:
        self.notice = notice
        self.accept()
        print_notice(self.ctx, self.parentWidget(), notice.id)


def print_notice(ctx, parent, notice_id: int):
    """The notice's print preview (document "notice", as ``main.py print notice`` makes it)."""
    from ui.widgets.print_preview import preview_document
    parent = parent or getattr(ctx, "window", None)
    try:
        return preview_document(parent, "notice", notice_id, actor=ctx.actor)
    except DomainError as error:
        show_error(parent, error, _("Print the rectification notice"))
        return None


def issue_notice(ctx, inspection, parent=None) -> NoticeDialog:
    """Open the notice dialog on an inspection with a finding (window-modal; returns at once)."""
    dialog = NoticeDialog(ctx, inspection, parent or getattr(ctx, "window", None))
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    dialog.open()
    dialog.first_field.setFocus()
    return dialog
