"""The start page (工作台): what needs attention today, from every module."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from models.i18n import _
from models.settings import office_name
from ui.bus import bus
from ui.modules import MODULES, Module, Page, register


class Tile(QFrame):
    def __init__(self, title: str, value: str, warn: bool, on_click=None):
        super().__init__()
        self.setFrameShape(QFrame.StyledPanel)
        self.setStyleSheet("Tile { background: #ffffff; border: 1px solid #d0d7de; border-radius: 6px; }")
        self.setCursor(Qt.PointingHandCursor if on_click else Qt.ArrowCursor)
        self.on_click = on_click
        layout = QVBoxLayout(self)
        number = QLabel(value)
        number.setStyleSheet(f"font-size: 26px; font-weight: bold; color: {'#c9302c' if warn else '#1f4e79'};")
        caption = QLabel(title)
        caption.setStyleSheet("color: #555; font-size: 13px;")
        layout.addWidget(number)
        layout.addWidget(caption)
        self.setMinimumSize(170, 90)

    def mouseReleaseEvent(self, event):
        if self.on_click:
            self.on_click()
        super().mouseReleaseEvent(event)


class StartPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(24, 18, 24, 18)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.layout_.addWidget(self.heading)
        self.grid = QGridLayout()
        self.grid.setSpacing(12)
        self.layout_.addLayout(self.grid)
        self.actions = QGridLayout()
        self.layout_.addLayout(self.actions)
        self.layout_.addStretch(1)
        self._stale = True
        bus.data_changed.connect(self._changed)

    def _changed(self, _kind):
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event):
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        self.heading.setText(f"{office_name()} · {_('Today')}")
        for layout in (self.grid, self.actions):
            while layout.count():
                item = layout.takeAt(0)
                if item.widget():
                    item.widget().deleteLater()
        tiles = []
        for module in MODULES:
            if module.start_items:
                tiles += module.start_items(self.ctx)
        for i, item in enumerate(tiles):
            action = (lambda key=item.page: self.ctx.window.open_page(key)) if item.page else None
            self.grid.addWidget(Tile(item.title, item.value, item.warn, action), i // 4, i % 4)
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


register(Module(key="home", title="Front desk", order=0,
                pages=[Page("start", "Start page", lambda ctx: StartPage(ctx))]))
