"""What every import of every part shares: the fields a list may hold, the records a reader makes of
its rows, the report told to the clerk, and the start and the end of an import.

A reader (``reports/excel/sheets.py``) turns a sheet into records: the sheet's row number and a
dict of field key → raw cell value (read with ``models.cells``). A part's import checks them and
writes them: it begins with ``start_import`` (the permission, the kind, at least one row, a
report), checks every row, writes inside ``import_tx`` unless ``report.stops(good)``, and ends
with ``audit_import``. Nothing is written when a row is refused, unless ``skip_invalid``; a
``dry_run`` checks everything and writes nothing. No Qt, no openpyxl.
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, TypeVar

from models import audit
from models.db import write_tx
from models.errors import InvalidInput
from models.i18n import _

__all__ = ["ImportField", "Record", "Progress", "ImportReport", "start_import", "import_tx", "audit_import"]

Record = tuple[int, dict[str, Any]]
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ImportField:
    """A field a list may hold; the reader maps its column headers onto ``key``."""
    key: str
    label: str              # English source, shown through _() when a column is missing
    required: bool = False
    multiple: bool = False  # several columns may feed it (mobile + landline)


@dataclass
class ImportReport:
    """What an import did, or would do: the rows read and refused; a part's report adds its counts."""
    kind: str
    source: str = ""
    rows_read: int = 0
    refused: list[tuple[int, str]] = field(default_factory=list)   # (row number, reason)
    dry_run: bool = False
    skip_invalid: bool = False
    written: bool = False
    header_row: int = 0            # the sheet row the header was found on (rows above: a title)

    @property
    def rows_accepted(self) -> int:
        return self.rows_read - len(self.refused)

    def recorded(self) -> str:
        """What the import records, in a phrase (each kind of import says it its own way)."""
        raise NotImplementedError

    def notes(self) -> list[str]:
        """Lines a kind of import adds below the header's line, before the refused rows."""
        return []

    def stops(self, good: list) -> bool:
        """Whether nothing is to be written: a trial run, a refused row (unless skipped), or no good row."""
        return self.dry_run or (bool(self.refused) and not self.skip_invalid) or not good

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
        lines += self.notes()
        lines += [_("Row {row}: {reason}").format(row=row, reason=reason) for row, reason in self.refused[:limit]]
        if len(self.refused) > limit:
            lines.append(_("… and {n} more refused rows.").format(n=len(self.refused) - limit))
        return "\n".join(lines)


R = TypeVar("R", bound=ImportReport)


def start_import(actor, permission: str, kind: str, kinds, records: Iterable[Record], report_type: type[R], *,
                 unknown: str, skip_invalid: bool = False, dry_run: bool = False, source: str = ""
                 ) -> tuple[list[Record], R]:
    """What every import does before it reads a row: ``actor`` must have ``permission``, ``kind`` must be
    one of ``kinds`` (else ``unknown``, a translated sentence with {kind}, is the refusal), there must be
    a row; returns the records as a list and an empty report of ``report_type``."""
    actor.require(permission)
    if kind not in kinds:
        raise InvalidInput(unknown.format(kind=kind))
    records = list(records)
    if not records:
        raise InvalidInput(_("There are no rows to import under the header."))
    return records, report_type(kind=kind, source=source, rows_read=len(records), dry_run=dry_run,
                                skip_invalid=skip_invalid)


def import_tx(report: ImportReport):
    """The checks against the records and the writes share one transaction, so that nothing can slip in
    between; a trial run takes no write lock."""
    return contextlib.nullcontext() if report.dry_run else write_tx()


def audit_import(actor, action: str, report: ImportReport, after: dict | None = None) -> None:
    """The one audit entry of a whole import: its summary's first line and where the rows came from."""
    summary = report.summary(limit=0).split("\n")[0] + (f" ({report.source})" if report.source else "")
    audit.record(actor, action, entity="import", summary=summary, after=after)
