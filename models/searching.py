"""The toolbar's search (查找): one box, and the parts that answer it.

A part registers a search provider for each kind of record it can find as the clerk types
(records: rooms, then people; later parts: key loans, matters…). ``search(text)`` asks the
providers in order and stops when the pop-up is full, so a keystroke costs what the first
providers' indexed look-ups cost. A provider's key is the kind of the hits it returns
(``Hit.kind``), its title the tag the pop-up shows before them (English, translated when
shown); the window opens a hit by its kind.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

LIMIT = 20      # hits in the pop-up


@dataclass(frozen=True)
class Hit:
    kind: str            # the provider's key: "room", "person"…
    id: int
    title: str
    detail: str
    room_id: int | None = None      # the room it belongs to, if any: a person opens on their room's page
    own_page: bool = False          # the record has a page of its own (a renovation): open it, not the room


@dataclass(frozen=True)
class SearchProvider:
    key: str
    title: str                                      # English source, e.g. "[Room]"
    search: Callable[[str, int], list[Hit]]         # (what was typed, most hits wanted) → hits, best first
    order: int = 500


PROVIDERS: dict[str, SearchProvider] = {}
_parts_loaded = False


def register_search_provider(key: str, title: str, search: Callable[[str, int], list[Hit]], *,
                             order: int = 500) -> None:
    """Register what finds records of kind ``key``; providers are asked by ascending ``order``."""
    PROVIDERS[key] = SearchProvider(key, title, search, order)


def _load_parts() -> None:
    """The parts register their providers when their packages load (on the first search, not at
    import: a part's search module imports this one)."""
    global _parts_loaded
    if not _parts_loaded:
        from models import parts
        parts.load("models")
        _parts_loaded = True


def providers() -> list[SearchProvider]:
    """The registered providers, in the order they are asked."""
    _load_parts()
    return sorted(PROVIDERS.values(), key=lambda p: p.order)


def search(text: str, limit: int = LIMIT) -> list[Hit]:
    """What every provider finds for ``text``, in the providers' order, at most ``limit`` hits."""
    hits: list[Hit] = []
    for provider in providers():
        room = limit - len(hits)
        if room <= 0:
            break
        hits += provider.search(text, room)[:room]
    return hits
