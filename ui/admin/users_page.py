"""Users and their roles (administrator only)."""
from __future__ import annotations

from PySide6.QtWidgets import (QAbstractItemView, QDialog, QFormLayout, QHBoxLayout, QHeaderView,
                               QInputDialog, QLineEdit, QMessageBox, QPushButton, QTableView, QVBoxLayout,
                               QWidget)

from models import users
from models.i18n import _
from ui.widgets.forms import form_dialog
from ui.bus import bus
from ui.widgets.editors import choice_box
from ui.widgets.table_model import StaticTableModel
from ui.widgets.operations import run_op


class NewUserDialog(QDialog):
    def __init__(self, parent, ctx):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("New user"))
        self.username = QLineEdit()
        self.display_name = QLineEdit()
        self.role = choice_box(users.ROLES, users.CLERK)
        self.password = QLineEdit(echoMode=QLineEdit.Password)
        self.password2 = QLineEdit(echoMode=QLineEdit.Password)
        form = QFormLayout()
        form.addRow(_("User name"), self.username)
        form.addRow(_("Name"), self.display_name)
        form.addRow(_("Role"), self.role)
        form.addRow(_("Password"), self.password)
        form.addRow(_("Password again"), self.password2)
        self.message, _buttons = form_dialog(self, form, self.save)

    def save(self):
        # The password is typed unseen: twice, as for the first administrator (ui/login.py).
        if self.password.text() != self.password2.text():
            self.message.setText(_("The two passwords differ."))
            return
        actor, username, name, role, password = (self.ctx.actor, self.username.text(), self.display_name.text(),
                                                  self.role.currentData(), self.password.text())
        run_op(self, lambda: users.create_user(actor, username, name, role, password), changed="users",
               error=self.message, on_done=lambda _user: self.accept())


class UsersPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.model = StaticTableModel([_("User name"), _("Name"), _("Role"), _("Status")])
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.view.verticalHeader().setVisible(False)
        row = QHBoxLayout()
        for text, handler in ((_("New user…"), self.new_user), (_("Reset password…"), self.reset_password),
                              (_("Change role…"), self.change_role), (_("Enable / disable"), self.toggle)):
            button = QPushButton(text)
            button.clicked.connect(handler)
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.view)
        self.refresh()

    def refresh(self):
        rows = users.list_users()
        self.model.set_rows([[u.username, u.display_name, users.role_label(u.role),
                              _("active") if u.active else _("disabled")] for u in rows], keys=rows)

    def _selected(self):
        index = self.view.currentIndex()
        return self.model.key_at(index.row()) if index.isValid() else None

    def new_user(self):
        dialog = NewUserDialog(self, self.ctx)
        if dialog.exec():
            self.refresh()
            bus.changed("users")

    def reset_password(self):
        user = self._selected()
        if not user:
            return
        password, ok = QInputDialog.getText(self, _("Reset password"), _("New password for {name}").format(
            name=user.display_name), QLineEdit.Password)
        if ok:
            run_op(self, lambda: users.set_password(self.ctx.actor, user.id, password), on_done=lambda _r:
                   QMessageBox.information(self, _("Reset password"), _("Password changed.")))

    def change_role(self):
        user = self._selected()
        if not user:
            return
        labels = [_(label) for label in users.ROLES.values()]
        keys = list(users.ROLES)
        label, ok = QInputDialog.getItem(self, _("Change role"), user.display_name, labels,
                                         keys.index(user.role), False)
        if ok:
            run_op(self, lambda: users.set_user_active(self.ctx.actor, user.id, user.active,
                                                       keys[labels.index(label)]), changed="users")
            self.refresh()

    def toggle(self):
        user = self._selected()
        if not user:
            return
        run_op(self, lambda: users.set_user_active(self.ctx.actor, user.id, not user.active), changed="users")
        self.refresh()
