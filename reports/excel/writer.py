"""The one xlsx writer: any register, or any rows, as a workbook head office can use.

Real numbers and dates (never text), a bold header row that stays frozen, an
auto filter over the data, sensible column widths, Chinese headers. Rows are
streamed (openpyxl write-only), so a register of 100,000 rows never sits in
memory, and the file appears whole or not at all: it is written beside its
destination under a temporary name and renamed at the end.

Several sheets in one workbook (the head-office pack)::

    with XlsxBook(path) as book:
        book.add_list(get_list("rooms"), actor)
        book.add_sheet(_("Deposits held"), headers, widths, rows, kinds=["text", "money", "date"])
"""
from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import secrets
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from models import validation as v
from models.errors import Conflict, InvalidInput
from models.i18n import _
from models.listing import MASKS, Column, ListSpec, shown_in_full

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MONEY_FORMAT = "#,##0.00"
AREA_FORMAT = "0.00"
PERCENT_FORMAT = "0.0%"
PROGRESS_EVERY = 1000

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
_SHEET_TITLE_BAD = re.compile(r"[\[\]:*?/\\]")

Converter = Callable[[Any], Any]


# --- cell converters: built once per column, called once per cell ----------------------------

def _text_converter(ws) -> Converter:
    def text(value):
        if not value:
            # An empty string would still be written as a cell; a blank cell is what Excel's
            # filter calls "(Blanks)", and skipping it saves a fifth of a register's XML.
            return None if value is None or value == "" else value
        if value.__class__ is not str:
            if isinstance(value, (int, float, Decimal, dt.date)):
                return value          # a number or date in a text column stays a number or date
            value = str(value)
        # isprintable() is a fast C check; only odd strings pay for the regex.
        if not value.isprintable():
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
        first = value[:1]
        if first == "=" or (first == "#" and value in ERROR_CODES):
            # A clerk's note "=SUM(...)" or "#N/A" is text: never let it become a formula or an error.
            cell = WriteOnlyCell(ws, value)
            cell.data_type = "s"
            return cell
        return value
    return text


def _styled_converter(ws, number_format: str, convert: Callable[[Any], Any]) -> Converter:
    # One styled cell per column, reused row after row: openpyxl writes a row out before the
    # next is appended, so the cell is free again, and the style is looked up only once.
    cell = WriteOnlyCell(ws)
    cell.number_format = number_format

    def styled(value):
        if value is None:
            return None
        cell.value = convert(value)
        return cell
    return styled


def _fen_to_yuan(fen) -> Decimal:
    # Money is integer fen; Decimal keeps it exact on its way to the file (never float).
    return Decimal(int(fen)).scaleb(-2)


def _as_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _as_datetime(value) -> dt.datetime | dt.date:
    if isinstance(value, dt.date):
        return value
    return dt.datetime.fromisoformat(str(value))


def _as_int(value):
    return value if value.__class__ is int else int(value)


def converter_for(ws, kind: str) -> Converter | None:
    """The converter of a column kind; ``None`` where the raw value goes as it is."""
    if kind == "money":
        return _styled_converter(ws, MONEY_FORMAT, _fen_to_yuan)
    if kind == "area":   # dm², i.e. 0.01 m²
        return _styled_converter(ws, AREA_FORMAT, _fen_to_yuan)
    if kind == "date":
        # openpyxl gives a plain date exactly this format ("yyyy-mm-dd"), so no styled cell is
        # needed, and passing a cell costs openpyxl an exception per value.
        return lambda value: None if value is None else _as_date(value)
    if kind == "datetime":
        return _styled_converter(ws, DATETIME_FORMAT, _as_datetime)
    if kind == "percent":
        return _styled_converter(ws, PERCENT_FORMAT, float)
    if kind == "int":
        return lambda value: None if value is None else _as_int(value)
    if kind == "number":
        return None
    return _text_converter(ws)


def _list_converter(ws, column: Column, reveal: bool) -> Converter | None:
    """A list column's converter: masking and enum labels first, then the kind's own."""
    mask = None
    if not shown_in_full(column, reveal):
        mask = MASKS[column.personal]
    if mask is None and column.display is None:
        return converter_for(ws, column.kind)
    display = column.display
    text = _text_converter(ws)

    def shown(value):
        if value is None:
            return None
        if mask is not None:
            value = mask(value)
        if display is not None:
            value = display(value)
        return text(value)
    return shown


# --- the workbook -------------------------------------------------------------------------------

def _header_width(text: str) -> int:
    """Excel column width for a header: CJK characters take two units."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text) + 2


class XlsxBook:
    """A workbook being written: sheets streamed one after another, saved whole or not at all.

    Use as a context manager: leaving normally saves; an exception (``Cancelled`` included)
    discards everything and leaves no file behind.
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        check_destination(self.path, "export.xlsx")     # before any work, not after a long export
        self._wb = Workbook(write_only=True)
        self._titles: set[str] = set()
        self._done = False

    def __enter__(self) -> "XlsxBook":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.save()
        else:
            self.discard()

    def _sheet_title(self, title: str) -> str:
        # Excel refuses []:*?/\ in sheet names and names longer than 31 characters.
        base = _SHEET_TITLE_BAD.sub("_", v.clean(title))[:31] or "Sheet"
        name, n = base, 2
        while name.lower() in self._titles:
            suffix = f"({n})"
            name, n = base[:31 - len(suffix)] + suffix, n + 1
        self._titles.add(name.lower())
        return name

    def add_sheet(self, title: str, headers: Sequence[str], widths: Sequence[int], rows: Iterable[Sequence],
                  *, kinds: Sequence[str] | None = None, converters: Sequence[Converter | None] | None = None,
                  progress: Callable[[int, int], None] | None = None, total: int = 0) -> int:
        """Stream ``rows`` into a new sheet; returns how many rows were written.

        ``headers`` are shown as given (already translated). ``kinds`` says how each column's raw
        values are written: "text" (the default: strings kept as text, numbers and dates as they
        are), "int", "number", "money" (integer fen), "area" (integer dm²), "date", "datetime",
        "percent". ``converters`` (one per column, built with ``converter_for``
        against this sheet) replaces ``kinds`` where a caller needs its own.
        """
        ws = self._wb.create_sheet(self._sheet_title(title))
        if converters is None:
            kinds = list(kinds or ["text"] * len(headers))
            converters = [converter_for(ws, kind) for kind in kinds]
        return _fill_sheet(ws, headers, widths, rows, list(converters), progress, total)

    def add_list(self, spec: ListSpec, actor, *, filters: dict | None = None, text: str = "",
                 sort: str | None = None, descending: bool = False, reveal: bool = False,
                 progress: Callable[[int, int], None] | None = None, title: str | None = None) -> int:
        """A register as one sheet, exactly as the list on screen shows it (same columns, filter, order)."""
        actor.require(spec.permission)
        actor.require("records.export")
        if reveal:
            actor.require("personal.export")
        ws = self._wb.create_sheet(self._sheet_title(title or _(spec.title)))
        headers = [_(c.header) for c in spec.columns]
        widths = [c.width for c in spec.columns]
        converters = [_list_converter(ws, c, reveal) for c in spec.columns]
        total = spec.count(filters, text) if progress else 0
        rows = spec.iter_rows(filters, text, sort, descending)
        return _fill_sheet(ws, headers, widths, rows, converters, progress, total)

    def save(self) -> Path:
        """Write the workbook beside its destination, then rename it into place."""
        if self._done:
            return self.path
        self._done = True
        folder = self.path.parent
        try:
            tmp = _new_scratch_file(folder, "~" + self.path.stem[:40])
        except OSError as exc:
            self._close_sheets()
            raise InvalidInput(_("Cannot write in the folder {folder}: {reason}").format(
                folder=folder, reason=exc.strerror or exc)) from exc
        try:
            self._wb.save(tmp)
            os.replace(tmp, self.path)
        except PermissionError as exc:
            _remove(tmp)
            raise Conflict(_("{path} cannot be replaced; it may be open in Excel. Close it and export again.").format(
                path=self.path)) from exc
        except BaseException:
            _remove(tmp)
            raise
        return self.path

    def discard(self) -> None:
        """Give up: nothing is written and openpyxl's own scratch files are removed."""
        if not self._done:
            self._done = True
            self._close_sheets()

    def _close_sheets(self) -> None:
        for ws in self._wb.worksheets:
            writer = getattr(ws, "_writer", None)
            if writer is None:
                continue
            with contextlib.suppress(Exception):
                if ws._rows is not None:
                    ws._rows.close()
                writer.xf.close()      # closes the scratch file so it can be removed (Windows)
            _remove(writer.out)


def _remove(path) -> None:
    with contextlib.suppress(OSError):
        os.remove(path)


def _fill_sheet(ws, headers, widths, rows, converters, progress, total) -> int:
    ncols = len(headers)
    # Widths, the frozen pane and print titles are written before the first row (streaming).
    for i, (header, width) in enumerate(zip(headers, widths), 1):
        ws.column_dimensions[get_column_letter(i)].width = max(int(width or 10), min(_header_width(header), 40))
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(ws, header)
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _HEADER_ALIGN
        header_cells.append(cell)
    ws.append(header_cells)

    if progress:
        progress(0, total)
    append = ws.append
    pairs = list(enumerate(converters))
    plain = [i for i, conv in pairs if conv is None]
    converting = [(i, conv) for i, conv in pairs if conv is not None]
    done = 0
    if not plain:
        convs = converters
        for values in rows:
            append([conv(value) for conv, value in zip(convs, values)])
            done += 1
            if progress and done % PROGRESS_EVERY == 0:
                progress(done, total)
    else:
        for values in rows:
            out = list(values)
            for i, conv in converting:
                out[i] = conv(out[i])
            append(out)
            done += 1
            if progress and done % PROGRESS_EVERY == 0:
                progress(done, total)
    # The filter covers the header and every data row; it is written after the rows.
    ws.auto_filter.ref = f"A1:{get_column_letter(max(ncols, 1))}{done + 1}"
    if progress:
        progress(done, max(total, done))
    return done


# --- one-sheet entry points -----------------------------------------------------------------------

def check_destination(path: Path, example: str) -> None:
    """A file the program is about to write: its folder must exist (a mistyped folder is said, not
    made), the name must not be a folder's, and it ends as ``example`` does (a workbook named
    .csv would not open as the name says)."""
    if path.is_dir():
        raise InvalidInput(_("{path} is a folder; give the file's name, e.g. {example}.").format(
            path=path, example=path / example))
    suffix = Path(example).suffix
    if path.suffix.lower() != suffix:
        raise InvalidInput(_("{path} should end in {suffix}: the file written is a {suffix} file.").format(
            path=path, suffix=suffix))
    if not path.parent.is_dir():
        raise InvalidInput(_("The folder {folder} does not exist.").format(folder=path.parent))


def _new_scratch_file(folder: Path, prefix: str) -> str:
    """A new empty file to write into before the rename.

    Created like any file the user makes (0666 less the umask): ``mkstemp`` would make
    it 0600, and the finished workbook would then be unreadable to the colleague or the
    scheduled job that collects it from a shared folder.
    """
    for _attempt in range(100):
        tmp = folder / f"{prefix}.{secrets.token_hex(4)}.tmp"
        try:
            os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
            return str(tmp)
        except FileExistsError:
            continue
    raise FileExistsError(tmp)


def export_list(spec: ListSpec, path: str | Path, actor, *, filters: dict | None = None, text: str = "",
                sort: str | None = None, descending: bool = False, reveal: bool = False,
                progress: Callable[[int, int], None] | None = None, title: str | None = None) -> int:
    """Export a register as the clerk sees it; returns the number of rows written.

    Personal columns are masked unless ``reveal`` (which needs the "personal.export"
    permission). An export is a read: it writes no audit record. ``progress(done, total)``
    may raise ``Cancelled``; then no file is left behind.
    """
    # Permissions first, so a refused export does not even create the workbook.
    actor.require(spec.permission)
    actor.require("records.export")
    if reveal:
        actor.require("personal.export")
    with XlsxBook(path) as book:
        rows = book.add_list(spec, actor, filters=filters, text=text, sort=sort, descending=descending,
                             reveal=reveal, progress=progress, title=title)
    if reveal:
        from models import audit
        audit.record_viewing(actor, "personal.export", entity="list", summary=_(
            "{list}: {rows} rows with full ID and phone numbers to {path}").format(
            list=_(spec.title), rows=rows, path=Path(path).name))
    return rows


def write_rows(path: str | Path, sheet_title: str, headers: Sequence[str], widths: Sequence[int],
               rows: Iterable[Sequence], *, kinds: Sequence[str] | None = None,
               progress: Callable[[int, int], None] | None = None, total: int = 0) -> int:
    """Write plain rows as a one-sheet workbook (see ``XlsxBook.add_sheet`` for ``kinds``)."""
    with XlsxBook(path) as book:
        return book.add_sheet(sheet_title, headers, widths, rows, kinds=kinds, progress=progress, total=total)
