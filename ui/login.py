"""Sign-in at start; on a new database, the first administrator is created here."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit

from models import users
from models.errors import DomainError
from models.i18n import _
from ui.widgets.forms import form_dialog


class LoginDialog(QDialog):
    def __init__(self, office: str, username: str = "", parent=None, cancel_text: str | None = None):
        super().__init__(parent)
        self.user = None
        self.setWindowTitle(_("Sign in"))
        self.username = QLineEdit(username)
        self.password = QLineEdit(echoMode=QLineEdit.Password)
        title = QLabel(f"<h2>{office}</h2>")
        form = QFormLayout()
        form.addRow(_("User name"), self.username)
        form.addRow(_("Password"), self.password)
        self.message, _buttons = form_dialog(self, form, self.try_login, _("Sign in"), cancel_text or _("Quit"),
                                             intro=title)
        (self.password if username else self.username).setFocus()
        self.setMinimumWidth(380)

    def try_login(self) -> None:
        try:
            self.user = users.authenticate(self.username.text(), self.password.text())
        except DomainError as error:
            self.message.setText(str(error))
            self.password.selectAll()
            self.password.setFocus()
            return
        self.accept()


class FirstAdminDialog(QDialog):
    """A new database has no user: the person installing it becomes the administrator."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.user = None
        self.setWindowTitle(_("Create the administrator"))
        self.username = QLineEdit("admin")
        self.display_name = QLineEdit()
        self.password = QLineEdit(echoMode=QLineEdit.Password)
        self.password2 = QLineEdit(echoMode=QLineEdit.Password)
        intro = QLabel(_("This database is new. Create the administrator account; the administrator then "
                         "adds the office's clerks and supervisors."))
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("User name"), self.username)
        form.addRow(_("Name"), self.display_name)
        form.addRow(_("Password"), self.password)
        form.addRow(_("Password again"), self.password2)
        self.message, _buttons = form_dialog(self, form, self.create, _("Create"), _("Quit"), intro=intro)
        self.setMinimumWidth(420)

    def create(self) -> None:
        if self.password.text() != self.password2.text():
            self.message.setText(_("The two passwords differ."))
            return
        try:
            self.user = users.create_first_administrator(self.username.text(), self.display_name.text(),
                                                         self.password.text())
        except DomainError as error:
            self.message.setText(str(error))
            return
        self.accept()
