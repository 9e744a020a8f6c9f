"""The modules of the window: each adds its pages, start-page items and room-page pieces here.

A new part of the product (money, release slips, renovation, keys, letters...)
is a new module that calls ``register(Module(...))``, and ``register_room_action`` /
``register_room_tab`` for what it brings to a room's page; the main window, its
navigation, the start page and the room page need no change.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from ui.context import AppContext


@dataclass
class StartItem:
    """A figure on the start page, and what clicking it opens.

    ``todo`` puts it among the day's work (今日工作) at the top, with up to four ``lines`` naming what
    waits (10:00 3-2-1301 张伟); without it, it is one of the office's figures (概况) below."""
    title: str                 # translated text
    value: str
    page: str | None = None    # a page key to open
    warn: bool = False
    todo: bool = False
    lines: tuple[str, ...] = ()
    shown: str | None = None   # what the page's ``shown`` drop-down is set to when opened from here (overdue…)


@dataclass
class Page:
    key: str
    title: str                                 # English source
    factory: Callable[["AppContext"], QWidget]
    permission: str | tuple[str, ...] = "records.view"   # a tuple: any one of them opens the page
    in_nav: bool = True                          # False: opened from elsewhere (a room's page)


@dataclass
class Module:
    key: str
    title: str                                 # English source
    order: int
    pages: list[Page]
    start_items: Callable[["AppContext"], list[StartItem]] | None = None
    # start-page quick actions: (text, handler(ctx), permission)
    actions: list[tuple[str, Callable, str]] = field(default_factory=list)


MODULES: list[Module] = []


def register(module: Module) -> Module:
    MODULES[:] = [m for m in MODULES if m.key != module.key] + [module]
    MODULES.sort(key=lambda m: m.order)
    return module


def load_modules() -> list[Module]:
    """Import every module package so that it registers itself."""
    import ui.home  # noqa: F401
    from models import parts
    parts.load("ui")
    import ui.admin  # noqa: F401
    return MODULES


# What opens a record of a kind (a line of a room's timeline): kind → opener(ctx, record id).
OPENERS: dict[str, Callable[["AppContext", int], None]] = {}


def register_opener(kind: str, opener: Callable[["AppContext", int], None]) -> None:
    """A part says how the window opens its records ("receipt" → the receipt's preview)."""
    OPENERS[kind] = opener


def open_record(ctx, kind: str, record_id: int | None) -> bool:
    """Open a record from anywhere (the room's timeline); False when no part opens that kind."""
    opener = OPENERS.get(kind)
    if opener is None or record_id is None:
        return False
    opener(ctx, record_id)
    return True


def allowed(actor, permission: str | tuple[str, ...]) -> bool:
    permissions = (permission,) if isinstance(permission, str) else permission
    return any(actor.can(p) for p in permissions)


# --- the room page: every part's meeting place ----------------------------------------------


@dataclass(frozen=True)
class RoomAction:
    """A button on a room's page. ``run(page)`` gets the room page (``page.ctx``, ``page.room_id``,
    ``page.room``); ``applies(page)``, asked on every reload, may switch it off for this room
    (no tenant to move out). Without the permission the button is shown greyed out."""
    key: str
    title: str                                   # English source
    run: Callable[[Any], None]
    permission: str = "records.view"
    order: int = 500
    applies: Callable[[Any], bool] | None = None


@dataclass(frozen=True)
class RoomTab:
    """A tab on a room's page: ``factory(ctx)`` makes a widget with ``show_room(room_id)``."""
    key: str
    title: str                                   # English source
    factory: Callable[["AppContext"], QWidget]
    permission: str = "records.view"
    order: int = 500


ROOM_ACTIONS: dict[str, RoomAction] = {}
ROOM_TABS: dict[str, RoomTab] = {}


def register_room_action(action: RoomAction) -> RoomAction:
    ROOM_ACTIONS[action.key] = action
    return action


def register_room_tab(tab: RoomTab) -> RoomTab:
    ROOM_TABS[tab.key] = tab
    return tab


def room_actions() -> list[RoomAction]:
    return sorted(ROOM_ACTIONS.values(), key=lambda a: (a.order, a.key))


def room_tabs(actor) -> list[RoomTab]:
    """The tabs this user may see, in order."""
    return sorted((t for t in ROOM_TABS.values() if actor.can(t.permission)), key=lambda t: (t.order, t.key))
