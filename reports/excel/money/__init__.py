"""Money's workbooks read in: opening arrears and deposits (registered as importers)."""
from __future__ import annotations

from reports.excel.importers import Importer, lazy_run, register_importer

_READER = "reports.excel.money.opening"

for _key, _title, _kind in (("opening-arrears", "Import opening arrears…", "arrears"),
                            ("opening-deposits", "Import opening deposits…", "deposits")):
    register_importer(Importer(_key, _title, "money.opening", lazy_run(_READER, "import_opening_file", _kind),
                               choose_title="Choose the list of opening balances", part="money"))
