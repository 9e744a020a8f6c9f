"""What an import did, or would do: counts and the refused rows, told to the clerk."""
from __future__ import annotations

from dataclasses import dataclass, field

from models.i18n import _


@dataclass
class ImportReport:
    kind: str
    source: str = ""
    rows_read: int = 0
    refused: list[tuple[int, str]] = field(default_factory=list)   # (row number, reason)
    rooms_created: int = 0
    people_created: int = 0
    people_matched: int = 0        # rows naming someone already recorded
    ties_created: int = 0          # ownerships, tenancies, residents
    dry_run: bool = False
    skip_invalid: bool = False
    written: bool = False
    header_row: int = 0            # the sheet row the header was found on (rows above: a title)

    @property
    def rows_accepted(self) -> int:
        return self.rows_read - len(self.refused)

    def recorded(self) -> str:
        """What the import records, in a phrase (each kind of import says it its own way)."""
        counts = dict(rooms=self.rooms_created, people=self.people_created, ties=self.ties_created)
        if self.kind == "rooms":
            return _("{rooms} rooms, {people} people and {ties} ownerships").format(**counts)
        return _("{people} people and {ties} ties to rooms (owners, tenants, residents)").format(**counts)

    def summary(self, limit: int = 20) -> str:
        counts = dict(read=self.rows_read, good=self.rows_accepted, bad=len(self.refused))
        what = self.recorded()
        if self.dry_run:
            lines = [_("Trial run: {read} rows read, {good} correct, {bad} refused; nothing was written.").format(
                **counts), _("Importing would record {what}.").format(what=what)]
        elif self.written:
            lines = [_("{read} rows read; recorded: {what}.").format(read=self.rows_read, what=what)]
            if self.refused:
                lines.append(_("{bad} rows were refused and left out:").format(**counts))
        else:
            lines = [_("{read} rows read, {bad} refused: nothing was imported. Correct the rows below and import "
                       "again, or import only the correct rows.").format(**counts)]
        if self.header_row > 1:
            lines.append(_("The header is on row {row}; the rows above it were taken for a title.").format(
                row=self.header_row))
        if self.people_matched:
            lines.append(_("{n} rows name people already recorded; they were linked, not changed.").format(
                n=self.people_matched))
        lines += [_("Row {row}: {reason}").format(row=row, reason=reason) for row, reason in self.refused[:limit]]
        if len(self.refused) > limit:
            lines.append(_("… and {n} more refused rows.").format(n=len(self.refused) - limit))
        return "\n".join(lines)
