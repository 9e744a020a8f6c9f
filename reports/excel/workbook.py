"""An .xlsx file an office gives us, opened safely: refused whole, with a sentence the clerk can act on,
when it is not a workbook (an old .xls, a password, a CSV), too large to read (a zip bomb, millions
of texts or rows), or damaged; and what read-only openpyxl does not keep (merged ranges, formulas
with no saved result) read from the sheet's XML in one pass. ``reports.excel.sheets`` reads the
table inside; neither knows any part's lists.
"""
from __future__ import annotations

import re
import zipfile
import zlib
from contextlib import contextmanager
from pathlib import Path
from xml.etree import ElementTree

from openpyxl import load_workbook
from openpyxl.utils import range_boundaries
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

from models.errors import InvalidInput
from models.i18n import _

_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"     # OLE compound file: .xls, or an encrypted .xlsx
_ZIP_MAGIC = b"PK\x03\x04"
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?\bref="([A-Za-z0-9:$]+)"')
# A cell's opening tag (not self-closing: a cell with no content holds no formula) and what it holds.
_CELL = re.compile(rb'<(?:\w+:)?c\b([^>]*?)(?<!/)>(.*?)</(?:\w+:)?c>', re.S)
_CELL_REF = re.compile(rb'\br="([A-Za-z]{1,3}[0-9]+)"')
_FORMULA = re.compile(rb'<(?:\w+:)?f[\s>/]')
_VALUE = re.compile(rb'<(?:\w+:)?v>(.*?)</(?:\w+:)?v>', re.S)
_TEXT_TYPE = re.compile(rb'\bt="str"')
# A workbook beyond these is refused before it is read: openpyxl reads the shared strings and the
# styles whole (2,000,000 shared strings take about 800 MB), and a sheet's rows one by one.
MAX_SHEET_ROWS = 200_000
MAX_SHARED_STRINGS = 1_000_000
MAX_PART_BYTES = 200 * 1024 * 1024
_MIN_ROW_BYTES = 16      # <row r="200001"/>: no row of a sheet's XML is shorter
_SHEET_PART = re.compile(r"(?i)(?:^|/)worksheets/[^/]+\.xml$")
_STRINGS_PART = re.compile(r"(?i)(?:^|/)sharedstrings[^/]*\.xml$")
_UNIQUE_COUNT = re.compile(rb'<(?:\w+:)?sst\b[^>]*?\buniqueCount="(\d+)"')
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s[^>]*?\bref="([A-Za-z0-9:$]+)"')
_SHEET_DATA = re.compile(rb'<(?:\w+:)?sheetData\b')


def check_file(path: Path) -> None:
    """Refuse what openpyxl cannot read, saying what the file is instead."""
    name = path.name
    if not path.is_file():
        raise InvalidInput(_("{name} was not found.").format(name=path))
    with path.open("rb") as fh:
        head = fh.read(8)
        if head == _CFB_MAGIC:
            # Directory entries of a compound file name their streams in UTF-16LE.
            body = head + fh.read()
            if "EncryptionInfo".encode("utf-16-le") in body:
                raise InvalidInput(_("{name} is protected with a password. Open it in Excel, remove the password "
                                     "(文件 → 信息 → 保护工作簿 → 用密码进行加密, leave it empty), save it and "
                                     "import it again.").format(name=name))
            if "Workbook".encode("utf-16-le") in body or "Book".encode("utf-16-le") in body:
                raise InvalidInput(_("{name} is an old Excel 97-2003 workbook (.xls). Open it in Excel, save it as "
                                     "an Excel workbook (.xlsx) and import that.").format(name=name))
    if head[:4] != _ZIP_MAGIC:
        raise InvalidInput(_("{name} is not an Excel workbook (.xlsx).").format(name=name))


def _head(archive: zipfile.ZipFile, info: zipfile.ZipInfo, size: int = 1 << 16) -> bytes:
    """The first bytes of a part, unpacked (never more than ``size``)."""
    with archive.open(info) as src:
        return src.read(size)


def _dimension_rows(head: bytes) -> int:
    """The last row the sheet's <dimension ref="A1:F300"> names (0 when it names none)."""
    found = _SHEET_DATA.search(head)
    match = _DIMENSION.search(head, 0, found.start() if found else len(head))
    if not match:
        return 0
    digits = re.findall(rb"\d+", match.group(1).split(b":")[-1])
    return int(digits[-1]) if digits else 0


def too_many_rows(name: str, rows: int) -> InvalidInput:
    return InvalidInput(_("{name} is too large to import: one of its sheets holds {rows} rows, and at most {limit} can "
                          "be read. If most of them are empty, delete the empty rows below the table, save and import "
                          "again; otherwise split the list into several files.").format(
        name=name, rows=f"{rows:,}", limit=f"{MAX_SHEET_ROWS:,}"))


def check_size(path: Path, fh) -> None:
    """Refuse a workbook too large to read, from its zip directory and the first bytes of its parts.

    The sizes in a zip's directory bound what is unpacked (Python's zip reader stops there), so
    a part that claims to be small cannot unpack into more. Nothing is read whole here.
    """
    name = path.name
    try:
        archive = zipfile.ZipFile(fh)
    except (zipfile.BadZipFile, OSError, ValueError):
        return      # not a zip after all: openpyxl's refusal says so
    try:
        for info in archive.infolist():
            if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
                continue        # pictures and other media are not read
            if info.file_size > MAX_PART_BYTES:
                raise InvalidInput(_("{name} is too large to import: one part of the workbook ({part}) unpacks to "
                                     "{size} MB, more than the {limit} MB that can be read. Delete what the list does "
                                     "not need (empty rows, pictures, other sheets), save and import again, or split "
                                     "the list into several files.").format(
                    name=name, part=info.filename, size=f"{info.file_size // (1024 * 1024):,}",
                    limit=MAX_PART_BYTES // (1024 * 1024)))
            try:
                if _STRINGS_PART.search(info.filename):
                    match = _UNIQUE_COUNT.search(_head(archive, info, 4096))
                    if match and int(match.group(1)) > MAX_SHARED_STRINGS:
                        raise InvalidInput(_("{name} is too large to import: it holds {count} different texts, and "
                                             "at most {limit} can be read. Split the list into several files.").format(
                            name=name, count=f"{int(match.group(1)):,}", limit=f"{MAX_SHARED_STRINGS:,}"))
                elif _SHEET_PART.search(info.filename):
                    rows = _dimension_rows(_head(archive, info))
                    # A dimension is believed when the part is large enough to hold that many rows
                    # (some programs write a wrong one); ``reports.excel.sheets`` counts the rows it reads as well.
                    if rows > MAX_SHEET_ROWS and info.file_size > MAX_SHEET_ROWS * _MIN_ROW_BYTES:
                        raise too_many_rows(name, rows)
            except (zipfile.BadZipFile, zlib.error, OSError, NotImplementedError, RuntimeError, EOFError):
                continue    # a damaged or encrypted part: openpyxl's refusal says the file is damaged
    finally:
        archive.close()
        fh.seek(0)


def _load(path: Path, fh):
    try:
        # A file object, not a name: openpyxl would refuse "名单.XLS" that is really an xlsx by its name.
        return load_workbook(fh, read_only=True, data_only=True)
    except Exception as exc:   # a zip that is not a workbook fails in many ways inside openpyxl
        raise InvalidInput(_("{name} is not an Excel workbook (.xlsx), or it is damaged.").format(
            name=path.name)) from exc


@contextmanager
def open_workbook(path: Path):
    """The workbook at ``path``, read-only, after the checks above; closed after. A sheet whose XML
    breaks part-way while it is read is refused as damaged."""
    check_file(path)
    # We open the file ourselves and close it ourselves: openpyxl leaves a file object it was
    # given open, and Windows keeps an open file locked.
    with path.open("rb") as fh:
        check_size(path, fh)
        wb = _load(path, fh)
        try:
            yield wb
        except (ElementTree.ParseError, zipfile.BadZipFile, zlib.error, KeyError, EOFError) as exc:
            # The sheet's XML is broken part-way (a file cut short, written by a faulty tool).
            raise InvalidInput(_("{name} is damaged: a sheet cannot be read to its end. Open it in Excel, "
                                 "save it again, and import the saved copy.").format(name=path.name)) from exc
        finally:
            wb.close()


def scan_sheet(wb, ws) -> tuple[list[tuple[int, int, int, int]], set[tuple[int, int]]]:
    """The merged ranges ((min_col, min_row, max_col, max_row)) and the (row, column) of every formula cell with no
    saved result, from one pass over the sheet's XML; read-only sheets keep neither.

    The XML is scanned in pieces cut after a ``row>`` (the end or start of a row), else before
    the last "<": a cell never spans rows, and a tag never contains "<", so what is scanned
    holds whole cells and whole merge tags.
    """
    archive, member = getattr(wb, "_archive", None), getattr(ws, "_worksheet_path", None)
    if archive is None or member is None:
        return [], set()
    refs: list[bytes] = []
    formulas: set[tuple[int, int]] = set()
    pending = b""

    def scan(data: bytes) -> None:
        refs.extend(_MERGE.findall(data))
        if _FORMULA.search(data):
            for attrs, inner in _CELL.findall(data):
                if _FORMULA.search(inner) and not _saved_value(attrs, inner):
                    ref = _CELL_REF.search(attrs)
                    if ref:
                        column, row = coordinate_from_string(ref.group(1).decode("ascii"))
                        formulas.add((row, column_index_from_string(column)))

    with archive.open(member) as src:
        while chunk := src.read(1 << 20):
            data = pending + chunk
            cut = data.rfind(b"row>")
            # No row boundary in a whole piece (the merges after the rows): cut before the last tag.
            cut = cut + 4 if cut >= 0 else max(data.rfind(b"<"), 0)
            scan(data[:cut])
            pending = data[cut:]
    scan(pending)
    return [range_boundaries(ref.decode("ascii").replace("$", "")) for ref in refs], formulas


def _saved_value(attrs: bytes, inner: bytes) -> bool:
    """Whether a formula cell carries its result: a <v> with something in it, or an empty text result."""
    value = _VALUE.search(inner)
    if value is None:
        return False
    # Excel saves a formula whose result is the empty text as t="str" with an empty <v></v>; a
    # program that never calculated leaves <v></v> (or no <v>) with no text type.
    return bool(value.group(1).strip()) or _TEXT_TYPE.search(attrs) is not None
