"""A room's timeline: everything that happened to it, newest first, whichever part recorded it.

Each part adds a source with ``@timeline_source("money")``: a function of a room id returning
its ``Event``s (receipts, refunds, deposits; ties and ID copies; later slips, renovations,
keys, matters, letters). The room page shows ``room_timeline(room_id)`` and opens the record a
line names through the window's opener for its ``kind``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Event:
    at: dt.datetime           # when it happened (a day without a time is taken as its start)
    what: str                 # translated: "收据 2026-000123", "租户迁入"
    detail: str               # translated: who, how much, why
    kind: str                 # the record kind that opens it ("receipt", "person"…)
    record_id: int | None


SOURCES: dict[str, Callable[[int], list[Event]]] = {}


def timeline_source(name: str):
    """Register a part's events for the room timeline."""
    def register(fn: Callable[[int], list[Event]]):
        SOURCES[name] = fn
        return fn
    return register


def as_moment(value) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, dt.time())


def room_timeline(room_id: int, limit: int = 500) -> list[Event]:
    """Every registered part's events for the room, newest first."""
    events = [event for source in SOURCES.values() for event in source(room_id)]
    events.sort(key=lambda e: e.at, reverse=True)
    return events[:limit]
