"""The main window: navigation to every module's pages, global search, status.

A role that may open one page only (the gate guard, 门岗) gets that page alone: no navigation and no
search, since the search shows the office's records. A page opened with ``come_back=True`` (the
release form's F9 to the cashier) remembers the page it came from; 返回 (Alt+Left) goes back to it.
"""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow, QPushButton,
                               QStackedWidget, QToolBar, QVBoxLayout, QWidget)

from models.i18n import _
from models.settings import is_configured, office_name
from models.users import role_label
from ui.bus import bus
from ui.context import AppContext
from ui.modules import allowed, load_modules
from ui.widgets.search_box import GlobalSearch
from ui.widgets.settings import qsettings


WINDOW_SIZE = (1280, 800)      # the first start's size on a screen that has the room
FRAME = (16, 40)                # the window's frame and title bar, not yet known before it is shown


class MainWindow(QMainWindow):
    sign_out_requested = Signal()      # 注销
    switch_user_requested = Signal()   # 切换用户
    lock_requested = Signal()          # 锁定 (Ctrl+L), as the idle time does

    def __init__(self, ctx: AppContext):
        super().__init__()
        self.ctx = ctx
        ctx.window = self
        self.pages: dict[str, QWidget] = {}
        self.page_defs = {}
        self.back_pages: list[str] = []     # where 返回 goes, the latest last
        self._build_nav()
        self.stack = QStackedWidget()
        self._fill_nav()
        self.nav.currentItemChanged.connect(self._nav_changed)
        self._build_central()
        self._build_toolbar()
        self._fit_to_role()
        self.statusBar().addPermanentWidget(QLabel(
            f"{ctx.actor.name}（{role_label(ctx.actor.role)}）  {_('Database')}: {ctx.database_label}"))
        self.open_page(self.first_page())
        self._first_size()

    def _first_size(self) -> None:
        """The size remembered from last time when it fits the screen; else (a first start, or a smaller
        screen since) 1280×800 or the screen's free area if smaller (a 1366×768 laptop with its task bar), so
        the buttons along the bottom of a page are never below the screen's edge."""
        geometry = qsettings().value("window/geometry")
        if geometry is not None and self.restoreGeometry(geometry) and self._fits():
            return
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(*WINDOW_SIZE)
            return
        area = screen.availableGeometry()
        self.resize(min(WINDOW_SIZE[0], area.width() - FRAME[0]), min(WINDOW_SIZE[1], area.height() - FRAME[1]))
        self.move(area.x() + (area.width() - self.width() - FRAME[0]) // 2,
                  area.y() + (area.height() - self.height() - FRAME[1]) // 2)

    def _fits(self) -> bool:
        """The window (maximized, or with its frame) inside the free area of a screen."""
        if self.isMaximized() or self.isFullScreen():
            return True
        screen = QGuiApplication.screenAt(self.geometry().center()) or QGuiApplication.primaryScreen()
        if screen is None:
            return True
        area = screen.availableGeometry()
        return self.width() + FRAME[0] <= area.width() and self.height() + FRAME[1] <= area.height()

    def _build_nav(self) -> None:
        self.nav = QListWidget()
        self.nav.setFixedWidth(180)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setStyleSheet("QListWidget { font-size: 15px; } QListWidget::item { padding: 8px 10px; }")

    def _fill_nav(self) -> None:
        """Each module's pages the user may open, under the module's title; all of them in ``page_defs``."""
        for module in load_modules():
            permitted = [p for p in module.pages if allowed(self.ctx.actor, p.permission)]
            for page in permitted:
                self.page_defs[page.key] = page
            visible = [p for p in permitted if p.in_nav]
            if not visible:
                continue
            header = QListWidgetItem(_(module.title))
            header.setFlags(Qt.NoItemFlags)
            header.setForeground(Qt.darkGray)
            self.nav.addItem(header)
            for page in visible:
                item = QListWidgetItem("  " + _(page.title))
                item.setData(Qt.UserRole, page.key)
                self.nav.addItem(item)

    def _build_central(self) -> None:
        """The unset banner on top; below it the navigation beside the page stack."""
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.unset_banner = self._unset_banner()
        outer.addWidget(self.unset_banner)
        row = QHBoxLayout()
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        outer.addLayout(row, 1)
        self.setCentralWidget(central)

    def _build_toolbar(self) -> None:
        """The search box (Ctrl+F), then lock, switch user and sign out."""
        toolbar = QToolBar(_("Search"))
        toolbar.setMovable(False)
        self.back_action = QAction(_("Back"), self)
        self.back_action.setShortcut(QKeySequence("Alt+Left"))
        self.back_action.setToolTip(_("Back to the page this one was opened from (Alt+Left)"))
        self.back_action.setEnabled(False)
        self.back_action.triggered.connect(self.go_back)
        toolbar.addAction(self.back_action)
        self.back_separator = toolbar.addSeparator()
        self.search = GlobalSearch()
        self.search.hit_chosen.connect(self.open_hit)
        self.search_actions = [toolbar.addWidget(QLabel("  " + _("Find") + "  ")), toolbar.addWidget(self.search)]
        self.addToolBar(toolbar)
        self.find_action = QAction(self)
        self.find_action.setShortcut(QKeySequence.Find)
        self.find_action.triggered.connect(lambda: (self.search.setFocus(), self.search.selectAll()))
        self.addAction(self.find_action)

        toolbar.addSeparator()
        self.lock_action = QAction(_("Lock"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setToolTip(_("Lock the window while you are away (Ctrl+L)"))
        self.lock_action.triggered.connect(self.lock_requested)
        self.switch_action = QAction(_("Switch user"), self)
        self.switch_action.triggered.connect(self.switch_user_requested)
        self.sign_out_action = QAction(_("Sign out"), self)
        self.sign_out_action.triggered.connect(self.sign_out_requested)
        for action in (self.lock_action, self.switch_action, self.sign_out_action):
            toolbar.addAction(action)

    def first_page(self) -> str | None:
        """The start page if the user may open it, else the first page of the navigation they may."""
        if "start" in self.page_defs:
            return "start"
        keys = [key for key, page in self.page_defs.items() if page.in_nav] or list(self.page_defs)
        return keys[0] if keys else None

    @property
    def single_page(self) -> bool:
        """The whole window is one page (the gate guard's): nothing to navigate to."""
        return len(self.page_defs) == 1

    def _fit_to_role(self) -> None:
        """No navigation for a one-page window; no search for a user who may not read the records
        (its hits are the office's rooms and people)."""
        self.nav.setVisible(not self.single_page)
        self.back_action.setVisible(not self.single_page)
        self.back_separator.setVisible(not self.single_page)
        searching = self.ctx.actor.can("records.view")
        for action in self.search_actions:
            action.setVisible(searching)
        self.find_action.setEnabled(searching)
        self._refresh_office()

    def _unset_banner(self) -> QWidget:
        """While the office has no name, say so at the top: its forms print the "not set" mark."""
        banner = QWidget()
        banner.setObjectName("unset_banner")
        banner.setStyleSheet("#unset_banner { background: #fff3cd; border-bottom: 1px solid #e0c36a; }")
        line = QHBoxLayout(banner)
        text = QLabel(_("The office is not set up yet: forms print “{mark}” where the office's name belongs.").format(
            mark=office_name()))
        text.setWordWrap(True)
        line.addWidget(text, 1)
        if self.ctx.actor.can("settings.edit"):
            button = QPushButton(_("Set up now…"))
            button.clicked.connect(self.open_setup)
            line.addWidget(button)
        else:
            line.addWidget(QLabel(_("Ask the administrator to set it up.")))
        banner.setVisible(not is_configured())
        bus.data_changed.connect(self._refresh_office)
        return banner

    def open_setup(self) -> None:
        from ui.admin.setup_dialog import OfficeSetupDialog
        if OfficeSetupDialog(self.ctx, self).exec():
            bus.changed("settings")
        self._refresh_office()

    def _refresh_office(self, _kind: str = "*") -> None:
        self.unset_banner.setVisible(not is_configured())
        title = _(next(iter(self.page_defs.values())).title) if self.single_page else _("Front desk")
        self.setWindowTitle(f"{office_name()} — {title}")

    def set_locked(self, locked: bool) -> None:
        """While locked nothing of the records shows behind the password box."""
        self.centralWidget().setVisible(not locked)
        if locked:
            self.search.clear()         # the last search (a name, a phone) is not left on show
        for toolbar in self.findChildren(QToolBar):
            toolbar.setEnabled(not locked)

    def closeEvent(self, event):
        qsettings().setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)

    # --- opening things --------------------------------------------------------------
    def page(self, key: str) -> QWidget:
        if key not in self.pages:
            widget = self.page_defs[key].factory(self.ctx)
            self.pages[key] = widget
            self.stack.addWidget(widget)
        return self.pages[key]

    def open_page(self, key: str | None, *, come_back: bool = False) -> QWidget | None:
        """Show a page (made the first time). ``come_back``: remember the page shown now, for
        ``go_back`` (返回, Alt+Left) to return to once the errand on this one is done."""
        if key not in self.page_defs:
            return None
        here = self.current_page_key()
        if come_back and here is not None and here != key:
            if here in self.back_pages:
                self.back_pages.remove(here)
            self.back_pages = (self.back_pages + [here])[-10:]
        if key in self.back_pages:          # arrived where 返回 would have gone: nothing to return to there
            self.back_pages.remove(key)
        widget = self.page(key)
        # A page switched to from a button of the page before (the room page's 收款…): the keyboard
        # leaves that page first. Hiding a page that holds the focus left the start page drawn
        # beneath the new one (Qt moved the focus through it).
        current, focused = self.stack.currentWidget(), QApplication.focusWidget()
        if current is not None and focused is not None and current.isAncestorOf(focused):
            focused.clearFocus()
        self.stack.setCurrentWidget(widget)
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(-1)          # a page outside the navigation (a room) selects nothing
        self.nav.blockSignals(False)
        for i in range(self.nav.count()):
            if self.nav.item(i).data(Qt.UserRole) == key:
                self.nav.blockSignals(True)
                self.nav.setCurrentRow(i)
                self.nav.blockSignals(False)
        self._update_back()
        return widget

    def current_page_key(self) -> str | None:
        current = self.stack.currentWidget()
        return next((key for key, widget in self.pages.items() if widget is current), None)

    def go_back(self) -> QWidget | None:
        """返回: the page the one shown now was opened from (``open_page(..., come_back=True)``)."""
        if not self.back_pages:
            return None
        return self.open_page(self.back_pages.pop())

    def _update_back(self) -> None:
        self.back_action.setEnabled(bool(self.back_pages))

    def _nav_changed(self, current, _previous) -> None:
        if current is not None and current.data(Qt.UserRole):
            self.open_page(current.data(Qt.UserRole))

    def open_room(self, room_id: int) -> None:
        page = self.open_page("room")
        page.show_room(room_id)

    def open_person(self, person_id: int) -> None:
        """A person's record card, opened by the part that keeps people (its registered opener)."""
        from ui.modules import open_record
        open_record(self.ctx, "person", person_id)

    def open_hit(self, hit) -> None:
        """A search hit: a room, or the room its record belongs to; a record with a page of its own (a
        renovation), or with no room (a person who left), opens as the part whose kind it is says (its
        registered opener)."""
        from ui.modules import open_record
        if hit.kind == "room":
            self.open_room(hit.id)
        elif hit.room_id is not None and not hit.own_page:
            self.open_room(hit.room_id)
        else:
            open_record(self.ctx, hit.kind, hit.id)
