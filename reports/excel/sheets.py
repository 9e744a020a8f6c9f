"""Any list an office keeps in Excel, read as a table: the first sheet with data, its header row found
by the column names below any title, the columns mapped onto a list's fields, and the rows under it
as records (row number, field key → raw value) for ``models.imports``.

Refuses what cannot be read (``reports.excel.workbook``: not xlsx, encrypted, too large, damaged;
here: empty, merged or blank header cells, a field given twice or missing) in words a clerk
understands. Every importer of every part reads its file through here; none of it knows a part.
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from openpyxl.utils import get_column_letter

from models.cells import UncalculatedFormula
from models.errors import InvalidInput
from models.i18n import _
from models.imports import ImportField, ImportReport, Record
from reports.excel import workbook

_BRACKETED = re.compile(r"[(\[{<《【〔].*?[)\]}>》】〕]")
_UNIT = re.compile(r"(?:m2|平方米|平米|元)$")
PROGRESS_EVERY = 1000
# The header is looked for in this many rows from the first filled one (a title, a date line and
# blank rows often stand above it).
HEADER_SCAN_ROWS = 20


def normalise_header(text: Any) -> str:
    """建筑面积（㎡） → 建筑面积; " 手机号码* " → 手机号码; "Room number" → roomnumber."""
    t = unicodedata.normalize("NFKC", str(text)).lower()
    t = re.sub(r"\s+", "", t)
    t = _BRACKETED.sub("", t)
    t = t.strip("*:/\\-_.·#")
    t = _UNIT.sub("", t).rstrip("/")
    return re.sub(r"\d+$", "", t) or t     # 电话1, 电话2 are both phones


def header_lookup(fields: Iterable[ImportField], aliases: dict[str, tuple[str, ...]],
                  lookup: dict[str, str] | None = None) -> dict[str, str]:
    """Normalised header → field key: ``lookup`` (e.g. the headers of our own exports), then each
    field's label in English and as shown, then what offices call the columns (``aliases``: their
    words win)."""
    lookup = dict(lookup or {})
    for f in fields:
        lookup[normalise_header(f.label)] = lookup[normalise_header(_(f.label))] = f.key
    for key, names in aliases.items():
        for alias in names:
            lookup[normalise_header(alias)] = key
    return lookup


def filled(value) -> bool:
    # A formula with no saved result is something the clerk wrote, not an empty cell.
    return value is not None and (isinstance(value, UncalculatedFormula)
                                  or not (isinstance(value, str) and not value.strip()))


def _header_row(ws, lookup: dict[str, str] | None):
    """(rows iterator after the header, header row number, header values), or None for an empty sheet.

    The header is the first row, among the first ``HEADER_SCAN_ROWS`` from the first filled one,
    naming at least two known columns: a title (often merged across the table), a date line or
    blank rows above it are passed over. With none such, the row naming one known column, or else
    the first filled row, is the header (and the mapping of its columns says what is missing).
    """
    ws.reset_dimensions()    # some programs write a wrong size; read what is there
    rows = ws.iter_rows(min_row=1, min_col=1, values_only=True)
    seen: list[tuple[int, tuple]] = []
    first = None
    best = (0, 0)       # (known columns, row number) of the likeliest header so far
    for number, values in enumerate(rows, 1):
        if first is None and not any(filled(x) for x in values):
            continue
        if first is None:
            first = number
        seen.append((number, values))
        if lookup is None:
            break
        known = len({lookup.get(normalise_header(x)) for x in values if filled(x)} - {None})
        if known > best[0]:
            best = (known, number)
        if known >= 2 or number - first + 1 >= HEADER_SCAN_ROWS:
            break
    if first is None:
        return None
    header_no = best[1] or first
    header = next(values for number, values in seen if number == header_no)
    after = [values for number, values in seen if number > header_no]
    return itertools.chain(after, rows), header_no, header


def map_columns(header_no: int, header: tuple, fields, lookup: dict[str, str],
                aliases: dict[str, list[str]]) -> dict[str, list[int]]:
    """Field key → the 0-based column indexes feeding it; refuses a header it cannot trust.

    Every importer's header rules: no unnamed column inside the table, no field given twice (unless
    it may be), every required field present — each refusal naming the columns as Excel does.
    """
    named = [i for i, x in enumerate(header) if filled(x)]
    first, last = named[0], named[-1]
    found: dict[str, list[int]] = {}
    for i in range(first, last + 1):
        if not filled(header[i]):
            raise InvalidInput(_("Column {column} has no name in the header (row {row}); every column from {first} "
                                 "to {last} needs one.").format(column=get_column_letter(i + 1), row=header_no,
                                                                first=get_column_letter(first + 1),
                                                                last=get_column_letter(last + 1)))
        key = lookup.get(normalise_header(header[i]))
        if key:
            found.setdefault(key, []).append(i)
    by_key = {f.key: f for f in fields}
    for key, indexes in found.items():
        if len(indexes) > 1 and not by_key[key].multiple:
            names = "、".join(f"{get_column_letter(i + 1)}（{str(header[i]).strip()}）" for i in indexes)
            raise InvalidInput(_("Columns {columns} all give the {field}; keep only one of them.").format(
                columns=names, field=_(by_key[key].label)))
    for f in fields:
        if f.required and f.key not in found:
            examples = "、".join(aliases[f.key][:4])
            raise InvalidInput(_("The sheet has no {field} column (a header such as {names}) in its header row "
                                 "(row {row}).").format(field=_(f.label), names=examples, row=header_no))
    return found


def _records(rows, header_no: int, columns: dict[str, list[int]], multiple: set[str],
             merged: list[tuple[int, int, int, int]], progress, estimate: int, name: str = "",
             formulas: set[tuple[int, int]] = frozenset(), header: tuple = ()):
    """(row number, {key: raw value}) for each non-empty row below the header.

    A value merged down over several rows (楼栋 written once for a block of rooms) counts
    for each of them, as the clerk reading the sheet sees it. A formula cell with no saved
    result (``formulas``: (row, column)) is an ``UncalculatedFormula``, not an empty cell.
    """
    fills: dict[tuple[int, int], tuple[int, int]] = {}      # (row, col) → the merge's top-left
    for min_col, min_row, max_col, max_row in merged:
        if min_row > header_no:
            for r in range(min_row, max_row + 1):
                for c in range(min_col, max_col + 1):
                    if (r, c) != (min_row, min_col):
                        fills[(r, c)] = (min_row, min_col)
    top_cells = set(fills.values())
    tops: dict[tuple[int, int], Any] = {}
    wanted = {c for indexes in columns.values() for c in indexes}
    for number, values in enumerate(rows, header_no + 1):
        if number > workbook.MAX_SHEET_ROWS:     # the sheet's dimension said less (or nothing)
            raise workbook.too_many_rows(name, number)
        if progress and number % PROGRESS_EVERY == 0:
            progress(number, estimate)
        values = list(values) + [None] * (max(wanted, default=0) + 1 - len(values))
        if formulas:
            for i in wanted:
                if values[i] is None and (number, i + 1) in formulas:
                    column = str(header[i]).strip() if i < len(header) and header[i] is not None else ""
                    values[i] = UncalculatedFormula(f"{get_column_letter(i + 1)}{number}", column)
        if fills:
            for i in wanted:
                if (number, i + 1) in fills:
                    values[i] = tops.get(fills[(number, i + 1)])
                elif (number, i + 1) in top_cells:
                    tops[(number, i + 1)] = values[i]
        if not any(filled(values[i]) for i in wanted):
            continue
        record = {}
        for key, indexes in columns.items():
            if key in multiple:
                record[key] = tuple(values[i] for i in indexes)
            else:
                record[key] = values[indexes[0]]
        yield number, record


@dataclass
class SheetRead:
    """What a sheet gave: its records, a name for where they came from, the row its header is on."""
    records: list[Record]
    source: str
    header_row: int


def read_sheet(path: str | Path, columns_of: Callable[[int, tuple], dict[str, list[int]]], multiple: set[str],
               progress: Callable[[int, int], None] | None = None, *, lookup: dict[str, str] | None = None
               ) -> tuple[list[Record], str]:
    """``read_table``'s records and source."""
    table = read_table(path, columns_of, multiple, progress, lookup=lookup)
    return table.records, table.source


def read_table(path: str | Path, columns_of: Callable[[int, tuple], dict[str, list[int]]], multiple: set[str],
               progress: Callable[[int, int], None] | None = None, *, lookup: dict[str, str] | None = None
               ) -> SheetRead:
    """Any list an office keeps in Excel: the first sheet with data, its header mapped by ``columns_of``.

    The header is found by the column names in ``lookup`` (normalised header → field key): titles
    and blank rows above it are passed over. Refuses what cannot be read (not xlsx, encrypted, too
    large, empty, merged or blank header cells) in words a clerk understands; every importer
    (rosters, opening balances) reads its file through here.
    """
    path = Path(path)
    with workbook.open_workbook(path) as wb:
        return _read_sheets(path, wb, columns_of, multiple, progress, lookup)


def _read_sheets(path: Path, wb, columns_of, multiple: set[str], progress, lookup) -> SheetRead:
    # The sheet shown when the file was saved first, then the others: the first with data is the list.
    for ws in sorted(wb.worksheets, key=lambda sheet: sheet is not wb.active):
        estimate = ws.max_row or 0
        first = _header_row(ws, lookup)
        if first is None:
            continue
        rows, header_no, header = first
        recognised = lookup is not None and any(lookup.get(normalise_header(x)) for x in header if filled(x))
        merged, formulas = workbook.scan_sheet(wb, ws)
        for min_col, min_row, max_col, max_row in merged:
            if min_row <= header_no <= max_row:
                cells = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{max_row}"
                if recognised:
                    raise InvalidInput(_("The header row (row {row}) has merged cells ({cells}). Unmerge them so "
                                         "that each column has its own name.").format(row=header_no, cells=cells))
                raise InvalidInput(_("The header row (row {row}) has merged cells ({cells}). Unmerge them so "
                                     "that each column has its own name; if a title stands above the table, "
                                     "delete that row.").format(row=header_no, cells=cells))
        columns = columns_of(header_no, header)
        records = list(_records(rows, header_no, columns, multiple, merged, progress, estimate, path.name,
                                formulas, header))
        if not records:
            raise InvalidInput(_("The sheet {sheet} has a header but no rows under it.").format(sheet=ws.title))
        source = path.name if len(wb.worksheets) == 1 else f"{path.name} [{ws.title}]"
        return SheetRead(records, source, header_no)
    raise InvalidInput(_("{name} is empty: no sheet has any data.").format(name=path.name))


def read_fields(path: str | Path, fields: tuple[ImportField, ...], aliases: dict[str, tuple[str, ...]],
                lookup: dict[str, str], progress: Callable[[int, int], None] | None = None) -> SheetRead:
    """A list of ``fields``: its header found and mapped by ``lookup`` (see ``header_lookup``), a
    missing required column named with a few of its ``aliases``."""
    multiple = {f.key for f in fields if f.multiple}
    return read_table(path, lambda header_no, header: map_columns(header_no, header, fields, lookup, aliases),
                      multiple, progress, lookup=lookup)


def import_table(actor, permission: str, read: Callable[[], SheetRead],
                 write: Callable[..., ImportReport], *, skip_invalid: bool = False, dry_run: bool = False,
                 progress: Callable[[int, int], None] | None = None) -> ImportReport:
    """Import a file: ``actor`` must have ``permission`` before anything is opened; ``read()`` gives the
    table, ``write(records, skip_invalid=, dry_run=, progress=, source=)`` checks and records it."""
    actor.require(permission)     # before opening anything
    table = read()
    report = write(table.records, skip_invalid=skip_invalid, dry_run=dry_run, progress=progress,
                   source=table.source)
    report.header_row = table.header_row
    return report
