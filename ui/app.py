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
    from ui.session import install_qt_translations
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(_("Property front desk"))
    app.setOrganizationName("PropertyDesk")
    app.setFont(_app_font())
    if not getattr(app, "_pmdesk_translators", None):
        app._pmdesk_translators = install_qt_translations(app)
    return app


def no_screen() -> str | None:
    """Why the window cannot open here, said before Qt tries (it aborts in English without a screen)."""
    import os
    if sys.platform.startswith("linux") and not any(os.environ.get(name) for name in
                                                    ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        return _("There is no screen here (no DISPLAY): the window cannot open. The command line works "
                 "without one: see main.py --help.")
    return None


def run_gui(db_target: str | None = None, username: str | None = None, *, create: bool = False) -> int:
    from models.db import label
    from ui.session import Session

    why = no_screen()
    if why:
        print(f"{_('Error')}: {why}", file=sys.stderr)
        return 1
    app = create_app()
    target = db_target or default_target()
    try:
        # A new database only in the default place (the first start) or when asked with --create.
        open_database(target, create=create)
    except DomainError as error:
        QMessageBox.critical(None, _("Cannot open the database"), str(error))
        return 1
    session = Session(label(target), username or "")
    if not session.start():
        return 0
    app._pmdesk_session = session
    from ui import crash
    crash.install(lambda: QApplication.activeWindow())
    return app.exec()
