"""The records part's workbooks read in: room and people rosters (registered as importers)."""
from __future__ import annotations

from reports.excel.importers import Importer, lazy_run, register_importer

_READER = "reports.excel.records.importer"

register_importer(Importer("rooms", "Import room roster…", "records.import", lazy_run(_READER, "import_file", "rooms"),
                           choose_title="Choose the roster"))
register_importer(Importer("people", "Import people roster…", "records.import",
                           lazy_run(_READER, "import_file", "people"), choose_title="Choose the roster"))
