"""Reading a room or owner roster the office already keeps in Excel (.xlsx).

This side knows spreadsheets: which file is a workbook at all, where the header
is, what an office calls its columns (楼栋, 房号, 建筑面积(㎡), 身份证号...).
The rows it finds go to ``models.records.importing``, which checks and records them.
A file this module cannot read safely is refused whole, with a sentence the
clerk can act on, before anything is written.
"""
from __future__ import annotations

import itertools
import re
import unicodedata
import zipfile
import zlib
from xml.etree import ElementTree
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

from models.records import importing
from models.records.importing.fields import UncalculatedFormula
from models.errors import InvalidInput
from models.i18n import _
from models.listing import get_list

# What offices call each column (data: their own words, so not translated). A header is
# compared after ``normalise_header``: full-width → half-width, no spaces, no units or brackets.
_COMMON_ALIASES = {
    "room": ("房号", "房间号", "室号", "门牌号", "房屋编号", "房屋编码", "房号编码", "房屋", "房间", "户号"),
    "building": ("楼栋", "栋", "楼号", "栋号", "幢", "幢号", "楼宇", "楼栋号", "楼座", "座号"),
    "entrance": ("单元", "单元号", "门洞", "梯号"),
    "id_type": ("证件类型", "证件种类", "证件名称"),
    "id_number": ("证件号码", "身份证号", "身份证号码", "证件号", "身份证", "身份证件号码"),
    "phone": ("手机号码", "手机", "手机号", "联系电话", "电话", "电话号码", "联系方式", "移动电话", "固定电话",
              "座机", "备用电话"),
    "start_date": ("入住日期", "交房日期", "入住时间", "交房时间", "收楼日期", "迁入日期", "登记日期"),
    "deed_no": ("房产证号", "产权证号", "房产证编号", "不动产权证号", "不动产证号"),
}
# What offices call the column with the person's name, in every list that has one (rooms roster,
# people roster, opening deposits' payer).
PERSON_NAME_ALIASES = ("姓名", "业主姓名", "业主", "户主", "户主姓名", "业主名称", "业主名字", "住户", "住户姓名",
                       "客户名称", "客户姓名", "客户", "名字", "人员姓名", "产权人", "产权人姓名", "房主")
HEADER_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "rooms": {
        **_COMMON_ALIASES,
        "area": ("建筑面积", "面积", "房屋面积", "产权面积"),
        "use": ("用途", "房屋用途", "物业类型", "房屋类型", "类型"),
        "state": ("状态", "房屋状态"),
        "note": ("备注", "说明"),
        "owner_name": PERSON_NAME_ALIASES,
        "phone": _COMMON_ALIASES["phone"] + ("业主电话", "业主手机", "业主联系电话"),
        "id_number": _COMMON_ALIASES["id_number"] + ("业主身份证号", "业主证件号码"),
    },
    "people": {
        **_COMMON_ALIASES,
        "name": PERSON_NAME_ALIASES,
        "role": ("身份", "角色", "人员类型", "住户类型", "类别", "人员类别", "类型", "住户身份"),
        "gender": ("性别",),
        "employer": ("工作单位", "单位", "工作单位名称"),
        "emergency_name": ("紧急联系人", "紧急联系人姓名", "应急联系人"),
        "emergency_relation": ("紧急联系人关系", "与紧急联系人关系", "紧急联系人与本人关系"),
        "emergency_phone": ("紧急联系电话", "紧急联系人电话", "紧急联系人手机", "应急联系电话"),
        "plate": ("车牌", "车牌号", "车牌号码"),
        "parking_space": ("车位", "车位号"),
        "relation": ("关系", "与业主关系", "与户主关系"),
        "lease_start": ("租期开始", "起租日期", "租赁开始日期", "租赁起始日期", "租期起", "起租日"),
        "lease_end": ("租期结束", "到期日期", "租赁到期日", "租期止", "租赁结束日期", "租期至", "租约到期日",
                      "租赁截止日期"),
        "lease_no": ("合同号", "租赁合同号", "租约编号", "合同编号"),
        "notes": ("备注", "说明"),
    },
}
# The columns of our own exports, so that a list exported here reads back in (list column → field).
_EXPORT_COLUMNS = {
    "rooms": ("rooms", {"code": "room", "building": "building", "entrance": "entrance", "area": "area",
                        "use": "use", "state": "state", "note": "note"}),
    "people": ("people", {"name": "name", "gender": "gender", "id_number": "id_number", "phone": "phone",
                          "employer": "employer", "emergency": "emergency_name"}),
}

_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"     # OLE compound file: .xls, or an encrypted .xlsx
_ZIP_MAGIC = b"PK\x03\x04"
_BRACKETED = re.compile(r"[(\[{<《【〔].*?[)\]}>》】〕]")
_UNIT = re.compile(r"(?:m2|平方米|平米|元)$")
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?\bref="([A-Za-z0-9:$]+)"')
# A cell's opening tag (not self-closing: a cell with no content holds no formula) and what it holds.
_CELL = re.compile(rb'<(?:\w+:)?c\b([^>]*?)(?<!/)>(.*?)</(?:\w+:)?c>', re.S)
_CELL_REF = re.compile(rb'\br="([A-Za-z]{1,3}[0-9]+)"')
_FORMULA = re.compile(rb'<(?:\w+:)?f[\s>/]')
_VALUE = re.compile(rb'<(?:\w+:)?v>(.*?)</(?:\w+:)?v>', re.S)
_TEXT_TYPE = re.compile(rb'\bt="str"')
PROGRESS_EVERY = 1000
# The header is looked for in this many rows from the first filled one (a title, a date line and
# blank rows often stand above it).
HEADER_SCAN_ROWS = 20
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


def normalise_header(text: Any) -> str:
    """建筑面积（㎡） → 建筑面积; " 手机号码* " → 手机号码; "Room number" → roomnumber."""
    t = unicodedata.normalize("NFKC", str(text)).lower()
    t = re.sub(r"\s+", "", t)
    t = _BRACKETED.sub("", t)
    t = t.strip("*:/\\-_.·#")
    t = _UNIT.sub("", t).rstrip("/")
    return re.sub(r"\d+$", "", t) or t     # 电话1, 电话2 are both phones


def header_lookup(kind: str) -> dict[str, str]:
    """Normalised header → field key, for one kind of roster."""
    lookup: dict[str, str] = {}
    list_key, columns = _EXPORT_COLUMNS[kind]
    spec = get_list(list_key)
    for column_key, field_key in columns.items():
        header = spec.column(column_key).header
        lookup[normalise_header(header)] = lookup[normalise_header(_(header))] = field_key
    for f in importing.FIELDS[kind]:
        lookup[normalise_header(f.label)] = lookup[normalise_header(_(f.label))] = f.key
    for key, aliases in HEADER_ALIASES[kind].items():   # the office's words win
        for alias in aliases:
            lookup[normalise_header(alias)] = key
    return lookup


# --- the file ----------------------------------------------------------------------------------

def _check_file(path: Path) -> None:
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


def _too_many_rows(name: str, rows: int) -> InvalidInput:
    return InvalidInput(_("{name} is too large to import: one of its sheets holds {rows} rows, and at most {limit} can "
                          "be read. If most of them are empty, delete the empty rows below the table, save and import "
                          "again; otherwise split the list into several files.").format(
        name=name, rows=f"{rows:,}", limit=f"{MAX_SHEET_ROWS:,}"))


def _check_size(path: Path, fh) -> None:
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
                    # (some programs write a wrong one); ``_records`` counts the rows it reads as well.
                    if rows > MAX_SHEET_ROWS and info.file_size > MAX_SHEET_ROWS * _MIN_ROW_BYTES:
                        raise _too_many_rows(name, rows)
            except (zipfile.BadZipFile, zlib.error, OSError, NotImplementedError, RuntimeError, EOFError):
                continue    # a damaged or encrypted part: openpyxl's refusal says the file is damaged
    finally:
        archive.close()
        fh.seek(0)


def _open(path: Path, fh):
    try:
        # A file object, not a name: openpyxl would refuse "名单.XLS" that is really an xlsx by its name.
        return load_workbook(fh, read_only=True, data_only=True)
    except Exception as exc:   # a zip that is not a workbook fails in many ways inside openpyxl
        raise InvalidInput(_("{name} is not an Excel workbook (.xlsx), or it is damaged.").format(
            name=path.name)) from exc


def _merged_ranges(wb, ws) -> list[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row) of merged cells; read-only sheets do not keep them."""
    return _scan_sheet(wb, ws)[0]


def _scan_sheet(wb, ws) -> tuple[list[tuple[int, int, int, int]], set[tuple[int, int]]]:
    """The merged ranges (as ``_merged_ranges``) and the (row, column) of every formula cell with no
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


def _filled(value) -> bool:
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
        if first is None and not any(_filled(x) for x in values):
            continue
        if first is None:
            first = number
        seen.append((number, values))
        if lookup is None:
            break
        known = len({lookup.get(normalise_header(x)) for x in values if _filled(x)} - {None})
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


def _columns(kind: str, header_no: int, header: tuple) -> dict[str, list[int]]:
    return map_columns(header_no, header, importing.FIELDS[kind], header_lookup(kind), HEADER_ALIASES[kind])


def map_columns(header_no: int, header: tuple, fields, lookup: dict[str, str],
                aliases: dict[str, list[str]]) -> dict[str, list[int]]:
    """Field key → the 0-based column indexes feeding it; refuses a header it cannot trust.

    Every importer's header rules: no unnamed column inside the table, no field given twice (unless
    it may be), every required field present — each refusal naming the columns as Excel does.
    """
    filled = [i for i, x in enumerate(header) if _filled(x)]
    first, last = filled[0], filled[-1]
    found: dict[str, list[int]] = {}
    for i in range(first, last + 1):
        if not _filled(header[i]):
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
        if number > MAX_SHEET_ROWS:     # the sheet's dimension said less (or nothing)
            raise _too_many_rows(name, number)
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
        if not any(_filled(values[i]) for i in wanted):
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
    records: list[importing.Record]
    source: str
    header_row: int


def read_roster(kind: str, path: str | Path, progress: Callable[[int, int], None] | None = None) -> SheetRead:
    """The rows of a roster, where they came from and the header's row; refuses an unreadable file."""
    if kind not in importing.FIELDS:
        raise InvalidInput(_("Unknown kind of roster: {kind}").format(kind=kind))
    multiple = {f.key for f in importing.FIELDS[kind] if f.multiple}
    return read_table(path, lambda header_no, header: _columns(kind, header_no, header), multiple, progress,
                      lookup=header_lookup(kind))


def read_records(kind: str, path: str | Path, progress: Callable[[int, int], None] | None = None
                 ) -> tuple[list[importing.Record], str]:
    """The rows of a roster and a name for where they came from; refuses an unreadable file."""
    table = read_roster(kind, path, progress)
    return table.records, table.source


def read_sheet(path: str | Path, columns_of: Callable[[int, tuple], dict[str, list[int]]], multiple: set[str],
               progress: Callable[[int, int], None] | None = None, *, lookup: dict[str, str] | None = None
               ) -> tuple[list[importing.Record], str]:
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
    _check_file(path)
    # We open the file ourselves and close it ourselves: openpyxl leaves a file object it was
    # given open, and Windows keeps an open file locked.
    with path.open("rb") as fh:
        _check_size(path, fh)
        wb = _open(path, fh)
        try:
            return _read_sheets(path, wb, columns_of, multiple, progress, lookup)
        except (ElementTree.ParseError, zipfile.BadZipFile, zlib.error, KeyError, EOFError) as exc:
            # The sheet's XML is broken part-way (a file cut short, written by a faulty tool).
            raise InvalidInput(_("{name} is damaged: a sheet cannot be read to its end. Open it in Excel, "
                                 "save it again, and import the saved copy.").format(name=path.name)) from exc
        finally:
            wb.close()


def _read_sheets(path: Path, wb, columns_of, multiple: set[str], progress, lookup) -> SheetRead:
    # The sheet shown when the file was saved first, then the others: the first with data is the list.
    for ws in sorted(wb.worksheets, key=lambda sheet: sheet is not wb.active):
        estimate = ws.max_row or 0
        first = _header_row(ws, lookup)
        if first is None:
            continue
        rows, header_no, header = first
        recognised = lookup is not None and any(lookup.get(normalise_header(x)) for x in header if _filled(x))
        merged, formulas = _scan_sheet(wb, ws)
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


def import_file(actor, kind: str, path: str | Path, *, skip_invalid: bool = False, dry_run: bool = False,
                progress: Callable[[int, int], None] | None = None) -> importing.ImportReport:
    """Import a roster: ``kind`` is "rooms" or "people". See ``models.records.importing.import_records``."""
    actor.require("records.import")     # before opening anything
    table = read_roster(kind, path, progress)
    report = importing.import_records(actor, kind, table.records, skip_invalid=skip_invalid, dry_run=dry_run,
                                      progress=progress, source=table.source)
    report.header_row = table.header_row
    return report
