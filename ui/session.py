"""Who sits at the desk: signing in, switching user, signing out, and the idle lock.

A change of shift must not mean quitting the program, and a desk left alone
must not show owners' records to whoever walks up: after the idle time set in
the settings (``session.idle_lock_minutes``) the window hides its pages and
asks for the password again.
"""
from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, QTimer, QTranslator, Signal
from PySide6.QtWidgets import QApplication, QDialog, QFormLayout, QLabel, QLineEdit

from models import settings, users
from models.errors import DomainError
from models.i18n import _, current_language
from ui.widgets.forms import form_dialog


def install_qt_translations(app: QApplication) -> list[QTranslator]:
    """Qt's own words (Yes/No, Cancel, the text boxes' menu, the file and print dialogs) in Chinese.

    PySide6 ships Qt's catalogues (``qtbase_zh_CN.qm``); without them a Chinese
    window asks its questions with English buttons.
    """
    if current_language() != "zh_CN":
        return []
    folder = QLibraryInfo.path(QLibraryInfo.TranslationsPath)
    loaded = []
    for name in ("qtbase", "qt"):
        translator = QTranslator(app)
        if translator.load(QLocale(QLocale.Chinese, QLocale.China), name, "_", folder):
            app.installTranslator(translator)
            loaded.append(translator)
    QLocale.setDefault(QLocale(QLocale.Chinese, QLocale.China))
    return loaded


class IdleWatcher(QObject):
    """Emits ``idle`` once the user has not typed or clicked for ``minutes`` (0: never)."""

    idle = Signal()
    _ACTIVITY = {QEvent.KeyPress, QEvent.MouseButtonPress, QEvent.MouseMove, QEvent.Wheel, QEvent.TouchBegin}

    def __init__(self, minutes: int, parent=None):
        super().__init__(parent)
        self.seconds = max(0, int(minutes)) * 60
        self.last = time.monotonic()
        self.paused = False
        self.timer = QTimer(self)
        self.timer.setInterval(5000)
        self.timer.timeout.connect(self._check)
        if self.seconds:
            QApplication.instance().installEventFilter(self)
            self.timer.start()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() in self._ACTIVITY:
            self.last = time.monotonic()
        return False

    def _check(self) -> None:
        if not self.paused and self.seconds and time.monotonic() - self.last >= self.seconds:
            self.paused = True
            self.idle.emit()

    def resume(self) -> None:
        self.last = time.monotonic()
        self.paused = False

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


class LockDialog(QDialog):
    """The locked window: the same user's password unlocks it; anybody else switches user."""

    SWITCH = 2

    def __init__(self, actor: users.Actor, parent=None, *, idle: bool = True):
        super().__init__(parent)
        self.actor = actor
        self.setObjectName("lock_dialog")
        self.setWindowTitle(_("Window locked"))
        self.password = QLineEdit(echoMode=QLineEdit.Password)
        why = (_("The window was locked after being left idle.") if idle else _("The window is locked."))
        # English sentences need a space between them; Chinese ones (ending in 。) do not.
        intro = QLabel(why + ("" if why.endswith("。") else " ") + _("{name}, type your password to go on; someone else signs in with "
                                     "“Switch user”.").format(name=actor.name))
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Password"), self.password)
        self.message, buttons = form_dialog(self, form, self.unlock, _("Unlock"), _("Switch user"), intro=intro)
        buttons.rejected.disconnect()
        buttons.rejected.connect(lambda: self.done(self.SWITCH))
        self.setMinimumWidth(420)
        self.password.setFocus()

    def unlock(self) -> None:
        user = users.User.get_or_none(users.User.id == self.actor.user_id)
        try:
            if user is None:
                raise DomainError(_("This account no longer exists; switch user."))
            users.authenticate(user.username, self.password.text())
        except DomainError as error:
            # Only the password was asked for: "wrong user name or password" would puzzle.
            wrong = user is not None and user.active
            self.message.setText(_("Wrong password.") if wrong else str(error))
            self.password.selectAll()
            return
        self.accept()

    def reject(self) -> None:  # Esc must not unlock
        self.password.setFocus()


class Session(QObject):
    """Signs in, shows the main window, and starts over on 注销/切换用户 without quitting."""

    def __init__(self, database_label: str, username: str = ""):
        super().__init__()
        self.database_label = database_label
        self.username = username
        self.window = None
        self.watcher: IdleWatcher | None = None

    def start(self) -> bool:
        """The first sign-in; False when the clerk chose to quit instead.

        On a new database the administrator is created, then asked to set the office up
        (skippable: the window then says the office is not set up), then told what comes next.
        """
        new_office = not users.has_users()
        user = self._sign_in(self.username)
        if user is None:
            return False
        if new_office:
            from ui.admin.setup_dialog import OfficeSetupDialog, first_steps_note
            from ui.context import AppContext
            OfficeSetupDialog(AppContext(users.Actor.for_user(user), self.database_label)).exec()
            first_steps_note(None)
        self._show(user)
        return True

    def _sign_in(self, username: str = "", parent=None, cancel_text: str | None = None):
        from ui.login import FirstAdminDialog, LoginDialog
        if not users.has_users():
            dialog = FirstAdminDialog(parent)
        else:
            dialog = LoginDialog(settings.office_name(), username, parent, cancel_text=cancel_text)
        return dialog.user if dialog.exec() else None

    def _show(self, user) -> None:
        from ui.context import AppContext
        from ui.main_window import MainWindow
        ctx = AppContext(actor=users.Actor.for_user(user), database_label=self.database_label)
        self.window = MainWindow(ctx)
        self.window.sign_out_requested.connect(self.sign_out)
        self.window.switch_user_requested.connect(self.switch_user)
        self.window.lock_requested.connect(lambda: self.lock(idle=False))
        self.window.show()
        # The idle lock keeps the owners' records from whoever walks up. A window that shows none
        # (the gate guard's, 门岗) is not locked: a scan would go into the password box instead.
        minutes = settings.get("session.idle_lock_minutes") if ctx.actor.can("records.view") else 0
        self.watcher = IdleWatcher(minutes, self)
        self.watcher.idle.connect(self.lock)

    def _close_window(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher = None
        if self.window is not None:
            window, self.window = self.window, None
            window.close()
            window.deleteLater()

    def sign_out(self) -> None:
        """注销: the window closes; the sign-in comes back, and quitting it quits the program."""
        self._close_window()
        user = self._sign_in()
        if user is None:
            QApplication.instance().quit()
            return
        self._show(user)

    def switch_user(self) -> None:
        """切换用户: sign in over the window, whose records are hidden meanwhile; cancelled, the
        current user carries on."""
        self.window.set_locked(True)
        user = self._sign_in(parent=self.window, cancel_text=_("Cancel"))
        if user is None:
            self.window.set_locked(False)
            return
        self._close_window()
        self._show(user)

    def lock(self, idle: bool = True) -> None:
        if self.window is None:
            return
        self.window.set_locked(True)
        dialog = LockDialog(self.window.ctx.actor, self.window, idle=idle)
        result = dialog.exec()
        if result == LockDialog.SWITCH:
            self.sign_out()
            return
        self.window.set_locked(False)
        if self.watcher is not None:
            self.watcher.resume()
