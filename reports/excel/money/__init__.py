"""Money's workbooks read in: opening arrears and deposits (registered as importers)."""
from __future__ import annotations

from reports.excel.importers import Importer, register_importer


def _opening(kind: str):
    def run(actor, path, *, skip_invalid=False, dry_run=False, progress=None):
        from reports.excel.money.opening import import_opening_file   # openpyxl only when a file is read
        return import_opening_file(actor, kind, path, skip_invalid=skip_invalid, dry_run=dry_run, progress=progress)
    return run


register_importer(Importer("opening-arrears", "Import opening arrears…", "money.opening", _opening("arrears"),
                           choose_title="Choose the list of opening balances"))
register_importer(Importer("opening-deposits", "Import opening deposits…", "money.opening", _opening("deposits"),
                           choose_title="Choose the list of opening balances"))
