"""The start page (工作台): the clerk's day, from what every part registers.

At the top, the day's work (今日工作): each part's to-do figures (today's handovers, keys overdue,
rooms to inspect, slips not used, money not handed to finance…) with the first few lines of what waits,
red where something is late; below, the office's figures (概况); then the quick actions. Clicking a
card opens its page. The page is rebuilt only when shown after a change (``bus.data_changed``).
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout,
                               QWidget)

from models.i18n import _, label_table
from models.settings import office_name
from models.validation import format_date_cn
from ui.bus import bus
from ui.modules import MODULES, Module, Page, StartItem, register

RED, BLUE = "#c9302c", "#1f4e79"
WEEKDAYS = label_table("home.weekdays", dict(enumerate(("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                                          "Saturday", "Sunday"))))


class _Clickable(QFrame):
    def __init__(self, on_click=None):
        super().__init__()
        self.on_click = on_click
        self.setCursor(Qt.PointingHandCursor if on_click else Qt.ArrowCursor)

    def mouseReleaseEvent(self, event):
        if self.on_click and event.button() == Qt.LeftButton:
            self.on_click()
        super().mouseReleaseEvent(event)


class Tile(_Clickable):
    """One of the office's figures: the number, and what it counts."""

    def __init__(self, title: str, value: str, warn: bool, on_click=None):
        super().__init__(on_click)
        self.setObjectName("tile")
        self.setStyleSheet("#tile { background: #ffffff; border: 1px solid #d0d7de; border-radius: 6px; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        number = QLabel(value)
        number.setStyleSheet(f"font-size: 20px; font-weight: bold; color: {RED if warn else BLUE};")
        caption = QLabel(title)
        caption.setWordWrap(True)
        caption.setStyleSheet("color: #555; font-size: 12px;")
        layout.addWidget(number)
        layout.addWidget(caption)
        self.setMinimumWidth(StartPage.TILE_WIDTH)


class TaskCard(_Clickable):
    """A piece of the day's work: what it is, how many, and the first lines of what waits."""

    def __init__(self, item: StartItem, on_click=None):
        super().__init__(on_click)
        self.setObjectName("task")
        edge = RED if item.warn else "#d0d7de"
        self.setStyleSheet(f"#task {{ background: #ffffff; border: 1px solid #d0d7de; border-left: 4px solid {edge};"
                           " border-radius: 6px; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(3)
        top = QHBoxLayout()
        title = QLabel(item.title)
        title.setWordWrap(True)
        title.setStyleSheet("font-size: 14px; font-weight: bold; color: #333;")
        number = QLabel(item.value)
        number.setStyleSheet(f"font-size: 24px; font-weight: bold; color: {RED if item.warn else BLUE};")
        top.addWidget(title, 1)
        top.addWidget(number, 0, Qt.AlignRight | Qt.AlignTop)
        layout.addLayout(top)
        for line in item.lines:
            shown = QLabel(line)
            shown.setStyleSheet("color: #444; font-size: 12px;")
            shown.setTextInteractionFlags(Qt.NoTextInteraction)
            layout.addWidget(shown)
        if not item.lines:
            quiet = QLabel(_("Nothing waiting") if item.value in ("0", "¥0.00") else "")
            quiet.setStyleSheet("color: #999; font-size: 12px;")
            layout.addWidget(quiet)
        layout.addStretch(1)
        self.setMinimumWidth(StartPage.TASK_WIDTH)


def _section(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-size: 15px; font-weight: bold; color: #1f4e79; margin-top: 8px;")
    return label


def day_items(ctx) -> list[StartItem]:
    """What every module puts on the start page for this user, in the modules' order."""
    items = []
    for module in MODULES:
        if module.start_items:
            items += module.start_items(ctx)
    return items


class StartPage(QWidget):
    TASK_WIDTH, TILE_WIDTH = 250, 150        # a card's and a tile's least width: the columns follow the window

    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        self.layout_ = QVBoxLayout(body)
        self.layout_.setContentsMargins(24, 18, 24, 18)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.layout_.addWidget(self.heading)
        self.tasks_title = _section(_("Today's work"))
        self.layout_.addWidget(self.tasks_title)
        self.tasks = QGridLayout()
        self.tasks.setSpacing(12)
        self.layout_.addLayout(self.tasks)
        self.layout_.addWidget(_section(_("The office in figures")))
        self.grid = QGridLayout()
        self.grid.setSpacing(10)
        self.layout_.addLayout(self.grid)
        self.actions_title = _section(_("Quick actions"))
        self.layout_.addWidget(self.actions_title)
        self.actions = QGridLayout()
        self.layout_.addLayout(self.actions)
        self.layout_.addStretch(1)
        self._stale = True
        self._columns = (0, 0)
        self._items: list[StartItem] = []
        bus.data_changed.connect(self._changed)

    def _changed(self, _kind):
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event):
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _open(self, item: StartItem):
        """Clicking a card opens its page (返回 comes back here), showing what the card counts."""
        if not item.page:
            return None

        def run():
            page = self.ctx.window.open_page(item.page, come_back=True)
            choice = getattr(page, "shown", None)
            if item.shown is not None and choice is not None and choice.findData(item.shown) >= 0:
                choice.setCurrentIndex(choice.findData(item.shown))
        return run

    def _fitting(self) -> tuple[int, int]:
        room = max(self.width() - 60, self.TASK_WIDTH)
        return max(1, min(3, room // (self.TASK_WIDTH + 12))), max(2, min(6, room // (self.TILE_WIDTH + 10)))

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if self._items and self._fitting() != self._columns:
            self._lay_out()

    def refresh(self) -> None:
        self._stale = False
        today = dt.date.today()
        self.heading.setText(f"{office_name()} · {format_date_cn(today)} {_(WEEKDAYS[today.weekday()])}")
        self._items = day_items(self.ctx)
        self._lay_out()
        if not self.actions.count():          # the actions follow the user, who stays while the page lives
            self._add_actions()

    def _lay_out(self) -> None:
        """The cards and tiles in as many columns as the page's width takes."""
        self._columns = task_columns, tile_columns = self._fitting()
        for layout in (self.tasks, self.grid):
            while layout.count():
                item = layout.takeAt(0)
                if item.widget():
                    item.widget().hide()
                    item.widget().deleteLater()
        tasks = [item for item in self._items if item.todo]
        tasks.sort(key=lambda item: (not item.warn, not item.lines))      # what is late first, then what waits
        for i, item in enumerate(tasks):
            self.tasks.addWidget(TaskCard(item, self._open(item)), i // task_columns, i % task_columns)
        self.tasks_title.setVisible(bool(tasks))
        for i, item in enumerate(item for item in self._items if not item.todo):
            self.grid.addWidget(Tile(item.title, item.value, item.warn, self._open(item)),
                                i // tile_columns, i % tile_columns)

    def cards(self) -> list[QFrame]:
        """Every card and tile shown now, the day's work first (what a test or a tour reads)."""
        return [layout.itemAt(i).widget() for layout in (self.tasks, self.grid) for i in range(layout.count())]

    def _add_actions(self) -> None:
        column = 0
        for module in MODULES:
            for text, handler, permission in module.actions:
                if not self.ctx.actor.can(permission):
                    continue
                button = QPushButton(text)
                button.setMinimumHeight(34)
                button.clicked.connect(lambda _c=False, h=handler: h(self.ctx))
                self.actions.addWidget(button, column // 4, column % 4)
                column += 1
        self.actions_title.setVisible(column > 0)


register(Module(key="home", title="Front desk", order=0,
                pages=[Page("start", "Start page", lambda ctx: StartPage(ctx))]))
