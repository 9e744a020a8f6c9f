"""Questions and notices of the money pages, with Chinese buttons.

Qt's standard buttons (Yes/No/OK/Cancel) come out in English: the program loads no Qt
translation. Every box here names its buttons through ``_()``, and a question's accept
button says what it does (日结, 打印), so a clerk never answers "Yes" to the wrong thing.
"""
from __future__ import annotations

import html
import traceback
from typing import Callable

from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QComboBox, QDialog, QInputDialog, QLabel,
                               QLineEdit, QMessageBox, QWidget)

from models.errors import DomainError
from models.i18n import _


def _box(parent: QWidget | None, icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.NoButton, parent)
    box.setObjectName("money-message")
    return box


def confirm(parent: QWidget | None, title: str, text: str, accept_text: str, *, safe: bool = False) -> bool:
    """Ask before doing something; True if the clerk accepts. ``safe``: Enter accepts (a print);
    otherwise Enter cancels (a close cannot be taken back)."""
    box = _box(parent, QMessageBox.Question, title, text)
    accept = box.addButton(accept_text, QMessageBox.AcceptRole)
    cancel = box.addButton(_("Cancel"), QMessageBox.RejectRole)
    box.setDefaultButton(accept if safe else cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is accept


def inform(parent: QWidget | None, title: str, text: str, warning: bool = False) -> None:
    box = _box(parent, QMessageBox.Warning if warning else QMessageBox.Information, title, text)
    close = box.addButton(_("Close"), QMessageBox.AcceptRole)
    box.setDefaultButton(close)
    box.setEscapeButton(close)
    box.exec()


def show_error(parent: QWidget | None, error: BaseException, title: str | None = None) -> None:
    """A domain error is the clerk's sentence; anything else is a bug, said plainly."""
    if isinstance(error, DomainError):
        inform(parent, title or _("Cannot do that"), str(error), warning=True)
    else:
        traceback.print_exception(error)
        inform(parent, title or _("Error"), _("Unexpected error: {error}").format(error=error), warning=True)


class _Question(QInputDialog):
    """A line of text whose accept button runs ``act`` on it: if the operation says no (an empty
    reason, a receipt voided meanwhile), the sentence is shown under the question in red and
    the dialog stays open with what was typed, until the clerk corrects it or cancels."""

    def __init__(self, parent: QWidget | None, question: str, act: Callable[[str], object] | None):
        super().__init__(parent)
        self.question, self.act, self.error = question, act, ""
        self.setLabelText(question)
        self.textValueChanged.connect(lambda _t: self._show_error(""))

    def _show_error(self, error: str) -> None:
        if error == self.error:
            return
        self.error = error
        if not error:
            self.setLabelText(self.question)
            return
        self.setLabelText(f"<p>{html.escape(self.question)}</p>"
                          f"<p style='color: #c9302c; font-weight: bold;'>{html.escape(error)}</p>")

    def done(self, result: int) -> None:
        if result == QDialog.Accepted and self.act is not None:
            try:
                self.act(self.textValue())
            except DomainError as error:
                self._show_error(str(error))
                return
        super().done(result)


def ask_text(parent: QWidget | None, title: str, label: str, ok_text: str, text: str = "",
             act: Callable[[str], object] | None = None) -> tuple[str, bool]:
    """A line of text (a reason, a month); (text, False) if the clerk cancels.

    With ``act`` the accept button runs ``act(text)`` and closes the dialog only if it succeeds;
    a domain error is said in the dialog, which stays open (a voided receipt's reason left
    empty is asked for again, not lost with the whole question)."""
    dialog = _Question(parent, label, act)
    dialog.setObjectName("money-question")
    dialog.setWindowTitle(title)
    dialog.setTextValue(text)
    dialog.setOkButtonText(ok_text)
    dialog.setCancelButtonText(_("Cancel"))
    accepted = dialog.exec() == QDialog.Accepted
    return dialog.textValue(), accepted


def clear_when_edited(message: QLabel, *widgets: QWidget, clear: Callable[[], None] | None = None) -> None:
    """A form's error line goes as soon as the clerk changes what the form holds: a sentence about
    an amount no longer typed there (请勾选预交 after ticking it) must not stay up until the next try.
    ``clear`` replaces the plain clearing (a page that keeps a success note)."""
    def cleared(*_args) -> None:
        if clear is not None:
            clear()
        elif message.text():
            message.clear()
    for widget in widgets:
        if isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(cleared)
            if widget.isEditable():
                widget.editTextChanged.connect(cleared)
        elif isinstance(widget, QLineEdit):
            widget.textEdited.connect(cleared)
        elif isinstance(widget, QAbstractSpinBox) and hasattr(widget, "valueChanged"):
            widget.valueChanged.connect(cleared)
        elif isinstance(widget, QAbstractButton):
            widget.toggled.connect(cleared)
        elif hasattr(widget, "dateChanged"):
            widget.dateChanged.connect(cleared)
