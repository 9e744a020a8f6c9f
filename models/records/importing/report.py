"""What a roster's import did, or would do: rooms, people and ties recorded, told to the clerk."""
from __future__ import annotations

from dataclasses import dataclass

from models.i18n import _
from models.imports import ImportReport


@dataclass
class RosterReport(ImportReport):
    rooms_created: int = 0
    people_created: int = 0
    people_matched: int = 0        # rows naming someone already recorded
    ties_created: int = 0          # ownerships, tenancies, residents

    def recorded(self) -> str:
        counts = dict(rooms=self.rooms_created, people=self.people_created, ties=self.ties_created)
        if self.kind == "rooms":
            return _("{rooms} rooms, {people} people and {ties} ownerships").format(**counts)
        return _("{people} people and {ties} ties to rooms (owners, tenants, residents)").format(**counts)

    def notes(self) -> list[str]:
        if not self.people_matched:
            return []
        return [_("{n} rows name people already recorded; they were linked, not changed.").format(
            n=self.people_matched)]
