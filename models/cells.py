"""Reading cells of a workbook an office keeps (rosters, opening balances): one set of parsers for
every importer of every part.

A cell holding a formula whose result was never saved is an ``UncalculatedFormula``: reading it
raises ``FormulaNotCalculated``, which says so, instead of calling the cell empty.
"""
from __future__ import annotations

import datetime as dt

from models import validation as v
from models.errors import InvalidInput
from models.i18n import _


class UncalculatedFormula(str):
    """A cell holding a formula whose result the workbook never saved.

    A program that writes workbooks without calculating them leaves formulas with no value;
    Excel fills the values in when it saves. The reader puts this in place of the missing
    value so that the row says why the cell cannot be read, instead of calling it empty. It
    is an empty string to code that does not ask (``str`` subclass), and
    ``models.records.importing.rows`` refuses it wherever a cell is read.
    """

    cell: str       # A1 reference, as Excel names the cell
    column: str     # the column's header, as the sheet names it

    def __new__(cls, cell: str, column: str = ""):
        obj = super().__new__(cls, "")
        obj.cell, obj.column = cell, column
        return obj

    def __repr__(self) -> str:
        return f"UncalculatedFormula({self.cell!r}, {self.column!r})"


class FormulaNotCalculated(InvalidInput):
    """A cell was read that holds a formula with no saved result (``UncalculatedFormula``)."""

    def __init__(self, cells: list[str]):
        self.cells = cells
        if len(cells) == 1:
            message = _("Cell {cell} holds a formula whose result was never saved in the file (the workbook was "
                        "written by a program that does not calculate formulas). Open the workbook in Excel, save "
                        "it once and import it again.").format(cell=cells[0])
        else:
            message = _("Cells {cells} hold formulas whose results were never saved in the file (the workbook was "
                        "written by a program that does not calculate formulas). Open the workbook in Excel, save "
                        "it once and import it again.").format(cells="、".join(cells))
        super().__init__(message)


def cell(value) -> str:
    if isinstance(value, UncalculatedFormula):
        # Read as empty it would be reported as "the room number is empty", which sends the
        # clerk looking at a cell that shows a value in Excel.
        raise FormulaNotCalculated([f"{value.cell}（{value.column}）" if value.column else value.cell])
    if value is None:
        return ""
    if isinstance(value, float):
        # 15 significant digits drop a float's binary noise (89.55000000000001 → 89.55, 3.0 → 3).
        return format(value, ".15g")
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    return str(value)


def cell_text(value) -> str:
    """Codes, numbers, words from a list: full-width folded to half-width (３栋 → 3栋)."""
    return v.clean(cell(value))


def cell_free(value) -> str:
    """Names and free text keep their Chinese punctuation, as the desk's own forms do."""
    return v.clean_text(cell(value))


def cell_date(value, field_name: str) -> dt.date | None:
    if value is None or (not isinstance(value, dt.date) and not cell_text(value)):
        return None
    return v.parse_date(value if isinstance(value, dt.date) else cell_text(value), field=field_name)
