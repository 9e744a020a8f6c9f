"""What every page is given: who is acting, and the main window to open things in."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from models.users import Actor


@dataclass
class AppContext:
    actor: Actor
    database_label: str
    window: Any = None      # the MainWindow: open_room(id), open_page(key), open_person(id)
