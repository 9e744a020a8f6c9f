"""The records part's workbooks read in: room and people rosters (registered as importers)."""
from __future__ import annotations

from reports.excel.importers import Importer, register_importer


def _roster(kind: str):
    def run(actor, path, *, skip_invalid=False, dry_run=False, progress=None):
        from reports.excel.records.importer import import_file   # openpyxl only when a file is read
        return import_file(actor, kind, path, skip_invalid=skip_invalid, dry_run=dry_run, progress=progress)
    return run


register_importer(Importer("rooms", "Import room roster…", "records.import", _roster("rooms"),
                           choose_title="Choose the roster"))
register_importer(Importer("people", "Import people roster…", "records.import", _roster("people"),
                           choose_title="Choose the roster"))
