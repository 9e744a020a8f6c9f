"""The global search box: a room or a person (or whatever a part can find), found as you type.

Each keystroke asks the parts' search providers (``models.searching.search``: a few indexed
lookups, a few milliseconds) and shows the hits in a pop-up under the box, each tagged with its
provider's title; Enter or a click opens the hit.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QStringListModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QListView

from models.i18n import _
from models.searching import PROVIDERS, Hit, search


class GlobalSearch(QLineEdit):
    hit_chosen = Signal(object)   # a models.searching.Hit

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setPlaceholderText(_("Search: room 3-2-1201, name, initials, phone or ID tail  (Ctrl+F)"))
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(420)
        self.hits: list[Hit] = []
        self.popup = QListView()
        self.popup.setWindowFlags(Qt.ToolTip)
        self.popup.setFocusPolicy(Qt.NoFocus)
        self.popup.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.popup.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.popup.setMouseTracking(True)
        self.popup_model = QStringListModel(self.popup)
        self.popup.setModel(self.popup_model)
        self.popup.clicked.connect(lambda index: self._choose(index.row()))
        self.textEdited.connect(self.run_search)
        self.returnPressed.connect(lambda: self._choose(max(0, self.popup.currentIndex().row())))
        self.installEventFilter(self)

    def run_search(self, text: str) -> None:
        self.hits = search(text)
        lines = []
        tags: dict[str, str] = {}
        for hit in self.hits:
            if hit.kind not in tags:      # a provider's hits are of its own kind (models.searching)
                provider = PROVIDERS.get(hit.kind)
                tags[hit.kind] = _(provider.title) + " " if provider is not None else ""
            lines.append(f"{tags[hit.kind]}{hit.title}    {hit.detail}".rstrip())
        if not lines and text.strip():
            lines = [_("Nothing found")]
        self.popup_model.setStringList(lines)
        if lines:
            self._show_popup()
        else:
            self.popup.hide()

    def _show_popup(self) -> None:
        rows = self.popup_model.rowCount()
        height = min(rows, 12) * (self.popup.sizeHintForRow(0) or 22) + 6
        self.popup.setFixedSize(min(max(self.width() // 2, 520), 640), height)
        self.popup.move(self.mapToGlobal(self.rect().bottomLeft()))
        self.popup.setCurrentIndex(self.popup_model.index(0))
        self.popup.show()

    def _choose(self, row: int) -> None:
        if 0 <= row < len(self.hits):
            hit = self.hits[row]
            self.popup.hide()
            self.hit_chosen.emit(hit)

    def eventFilter(self, obj, event):
        if obj is self and event.type() == QEvent.KeyPress and self.popup.isVisible():
            key = event.key()
            if key in (Qt.Key_Down, Qt.Key_Up):
                row = self.popup.currentIndex().row() + (1 if key == Qt.Key_Down else -1)
                row = max(0, min(row, self.popup_model.rowCount() - 1))
                self.popup.setCurrentIndex(self.popup_model.index(row))
                return True
            if key == Qt.Key_Escape:
                self.popup.hide()
                return True
        if obj is self and event.type() == QEvent.FocusOut:
            self.popup.hide()
        return super().eventFilter(obj, event)
