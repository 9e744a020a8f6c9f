"""One signal after every write, so lists and the start page refresh themselves.

A page that changes data calls ``bus.changed("rooms")``; every open list over
that kind of record reloads. No page refreshes another by hand.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class DataBus(QObject):
    data_changed = Signal(str)   # a record kind: "rooms", "people", "*" for everything

    def changed(self, kind: str = "*") -> None:
        self.data_changed.emit(kind)


bus = DataBus()
