"""The records part's workbooks read in: room and people rosters (registered as importers)."""
from __future__ import annotations

from reports.excel.importers import Importer, lazy_run, register_importer

_READER = "reports.excel.records.importer"

for _key, _title in (("rooms", "Import room roster…"), ("people", "Import people roster…")):
    register_importer(Importer(_key, _title, "records.import", lazy_run(_READER, "import_file", _key),
                               choose_title="Choose the roster", part="records"))
