"""Shifts change without quitting: sign out, switch user, the idle lock; Qt's own words in Chinese."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QMessageBox

from models import settings, users
from tests.ui.conftest import click_ok
from ui.session import IdleWatcher, LockDialog, Session, install_qt_translations


def test_qt_standard_buttons_read_in_chinese(qapp):
    install_qt_translations(qapp)
    box = QMessageBox(QMessageBox.Question, "打印", "打印 307 份催缴通知？", QMessageBox.Yes | QMessageBox.No)
    assert box.button(QMessageBox.Yes).text().startswith("是")
    assert box.button(QMessageBox.No).text().startswith("否")
    buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
    assert "取消" in buttons.button(QDialogButtonBox.Cancel).text()
    edit = QLineEdit("张伟")
    edit.selectAll()
    menu = edit.createStandardContextMenu()
    assert any("复制" in action.text() for action in menu.actions())


def _people(db):
    admin = users.create_first_administrator("admin", "管理员", "secret1")
    actor = users.Actor.for_user(admin)
    clerk = users.create_user(actor, "lijing", "李静", users.CLERK, "secret2")
    night = users.create_user(actor, "wangfang", "王芳", users.CS_SUPERVISOR, "secret3")
    return clerk, night


def _when_modal(qtbot, act):
    """Act on the next modal dialog once it is up (it runs its own event loop)."""
    def attempt():
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(20, attempt)
            return
        act(modal)
    QTimer.singleShot(0, attempt)


def _sign_in_as(qtbot, username, password):
    def act(dialog):
        dialog.username.setText(username)
        qtbot.keyClicks(dialog.password, password)
        click_ok(qtbot, dialog)
    return act


def test_idle_window_locks_hides_the_records_and_wants_the_same_password(qtbot, db):
    clerk, _night = _people(db)
    session = Session("test.db")
    session._show(clerk)
    qtbot.addWidget(session.window)
    window = session.window
    seen = {}

    def act(dialog):
        assert isinstance(dialog, LockDialog)
        seen["hidden"] = not window.centralWidget().isVisible()
        qtbot.keyClicks(dialog.password, "wrong")
        click_ok(qtbot, dialog)
        seen["refused"] = dialog.message.text()
        dialog.password.clear()
        qtbot.keyClicks(dialog.password, "secret2")
        click_ok(qtbot, dialog)

    _when_modal(qtbot, act)
    session.watcher.seconds = 1
    session.watcher.last -= 5                               # nobody touched anything for a while
    session.watcher._check()                                # the timer's tick: locks, waits for the password
    assert seen["hidden"] and "密码错误" in seen["refused"]
    assert window.centralWidget().isVisible() and session.window is window


def _click_action(qtbot, window, action):
    from PySide6.QtWidgets import QToolBar
    toolbar = window.findChild(QToolBar)
    qtbot.mouseClick(toolbar.widgetForAction(action), Qt.LeftButton)


def test_switch_user_keeps_the_program_running_for_the_next_shift(qtbot, db):
    clerk, _night = _people(db)
    session = Session("test.db")
    session._show(clerk)
    first = session.window
    assert first.ctx.actor.name == "李静"
    _when_modal(qtbot, _sign_in_as(qtbot, "wangfang", "secret3"))
    _click_action(qtbot, first, first.switch_action)
    assert session.window is not first and session.window.ctx.actor.name == "王芳"
    qtbot.addWidget(session.window)


def test_switch_user_cancelled_leaves_the_clerk_signed_in(qtbot, db):
    clerk, _night = _people(db)
    session = Session("test.db")
    session._show(clerk)
    first = session.window
    qtbot.addWidget(first)
    _when_modal(qtbot, lambda dialog: dialog.reject())
    _click_action(qtbot, first, first.switch_action)
    assert session.window is first and first.isVisible()


def test_sign_out_then_cancel_quits(qtbot, db, monkeypatch):
    clerk, _night = _people(db)
    session = Session("test.db")
    session._show(clerk)
    quits = []
    monkeypatch.setattr(QApplication.instance(), "quit", lambda: quits.append(True))
    _when_modal(qtbot, lambda dialog: dialog.reject())
    session.window.sign_out_action.trigger()
    assert session.window is None and quits == [True]


def test_idle_time_comes_from_the_settings(db, qapp):
    assert settings.get("session.idle_lock_minutes") == 15
    watcher = IdleWatcher(0)
    assert not watcher.timer.isActive()                     # 0: never locks
    watcher.stop()


def test_locking_by_hand_says_so_and_a_wrong_password_is_called_that(qtbot, db):
    clerk, _night = _people(db)
    session = Session("test.db")
    session._show(clerk)
    qtbot.addWidget(session.window)
    seen = {}

    def act(dialog):
        seen["intro"] = " ".join(label.text() for label in dialog.findChildren(type(dialog.message)))
        qtbot.keyClicks(dialog.password, "nope")
        click_ok(qtbot, dialog)
        seen["wrong"] = dialog.message.text()
        dialog.password.clear()
        qtbot.keyClicks(dialog.password, "secret2")
        click_ok(qtbot, dialog)

    _when_modal(qtbot, act)
    _click_action(qtbot, session.window, session.window.lock_action)
    assert "窗口已锁定" in seen["intro"] and "长时间" not in seen["intro"]
    assert seen["wrong"] == "密码错误。"


def test_switch_user_hides_the_records_and_offers_cancel(qtbot, db):
    clerk, _night = _people(db)
    session = Session("test.db")
    session._show(clerk)
    window = session.window
    qtbot.addWidget(window)
    seen = {}

    def act(dialog):
        seen["hidden"] = not window.centralWidget().isVisible()
        seen["cancel"] = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Cancel).text()
        dialog.reject()

    _when_modal(qtbot, act)
    _click_action(qtbot, window, window.switch_action)
    assert seen == {"hidden": True, "cancel": "取消"} and window.centralWidget().isVisible()
