"""Questions and notices of the money pages, with Chinese buttons.

Qt's standard buttons (Yes/No/OK/Cancel) come out in English: the program loads no Qt
translation. Every box here names its buttons through ``_()``, and a question's accept
button says what it does (日结, 打印), so a clerk never answers "Yes" to the wrong thing.
"""
from __future__ import annotations

import traceback

from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox, QWidget

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


def ask_text(parent: QWidget | None, title: str, label: str, ok_text: str, text: str = "") -> tuple[str, bool]:
    """A line of text (a reason, a month); (text, False) if the clerk cancels."""
    dialog = QInputDialog(parent)
    dialog.setObjectName("money-question")
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextValue(text)
    dialog.setOkButtonText(ok_text)
    dialog.setCancelButtonText(_("Cancel"))
    accepted = dialog.exec() == QDialog.Accepted
    return dialog.textValue(), accepted
