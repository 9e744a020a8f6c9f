"""Bare openpyxl write-only writing the same rows as ``main.py export LIST`` (the benchmark's yardstick).

    python tests/bench/bare_export.py DB people OUT.xlsx [KEY=VALUE ...]   (the list's filters, e.g. year=2026)

The rows come from the list's own SQL, run through plain sqlite3; they are
appended as they are, with no masking, labels, styles or widths.
"""
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main() -> int:
    db_path, list_key, out = sys.argv[1:4]
    filters = dict(arg.split("=", 1) for arg in sys.argv[4:])
    from openpyxl import Workbook
    from models.db import open_database
    from models.listing import get_list
    open_database(db_path)
    spec = get_list(list_key)
    query = spec._filtered(filters, "").select(*[c.expr for c in spec.columns]).order_by(*spec._order(None, False))
    sql, params = query.sql()
    con = sqlite3.connect(db_path)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(list_key)
    sheet.append([c.header for c in spec.columns])
    for row in con.execute(sql, params):
        sheet.append(row)
    book.save(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
