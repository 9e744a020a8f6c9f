"""Start the window: open the database, sign in, show the main window."""
from __future__ import annotations

import sys

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox

from models.db import default_target, open_database
from models.errors import DomainError
from models.i18n import _


def _app_font() -> QFont:
    font = QFont()
    font.setFamilies(["Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
                      "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "SimSun"])
    font.setPointSize(10)
    return font


def create_app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(_("Property front desk"))
    app.setOrganizationName("PropertyDesk")
    app.setFont(_app_font())
    return app


def run_gui(db_target: str | None = None, username: str | None = None) -> int:
    from models import settings, users
    from ui.context import AppContext
    from ui.login import FirstAdminDialog, LoginDialog
    from ui.main_window import MainWindow

    app = create_app()
    target = db_target or default_target()
    try:
        open_database(target)
    except DomainError as error:
        QMessageBox.critical(None, _("Cannot open the database"), str(error))
        return 1
    if not users.has_users():
        dialog = FirstAdminDialog()
        if not dialog.exec():
            return 0
        user = dialog.user
    else:
        dialog = LoginDialog(settings.get("office.name"), username or "")
        if not dialog.exec():
            return 0
        user = dialog.user
    ctx = AppContext(actor=users.Actor.for_user(user), database_label=_label(target))
    window = MainWindow(ctx)
    window.show()
    return app.exec()


def _label(target: str) -> str:
    if "://" in target and "@" in target:   # never show a password from a URL
        scheme, rest = target.split("://", 1)
        return f"{scheme}://{rest.split('@', 1)[1]}"
    return target
