"""Workbooks for the importers' tests, made on the fly: a sheet of rows, an old .xls, a workbook with a
part rewritten. Shared by every part's import tests (rosters, opening balances) and the core reader's."""
from __future__ import annotations

import re
import struct
import zipfile

import openpyxl
import pytest

from models.errors import InvalidInput

CJK = re.compile(r"[\u4e00-\u9fff]")
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def xlsx(path, rows, *, merge=None, before=None, title="名册"):
    """A workbook of one sheet (``title``): the rows ``before`` (a title above the table), then ``rows``."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in (before or []) + list(rows):
        ws.append(row)
    for ref in merge or []:
        ws.merge_cells(ref)
    wb.save(path)
    return path


def refused(report) -> dict[int, str]:
    return dict(report.refused)


def refused_in_chinese(call, *words) -> str:
    """The sentence ``call()`` refuses the file with: Chinese, and naming each of ``words``."""
    with pytest.raises(InvalidInput) as error:
        call()
    message = str(error.value)
    assert CJK.search(message), message
    for word in words:
        assert word in message, message
    return message


def cfb(stream_name: str, size: int = 4096) -> bytes:
    """A minimal OLE compound file (what .xls and encrypted .xlsx are) holding one stream."""
    end, free, nostream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFF
    data_sectors = size // 512
    header = struct.pack("<8s16sHHHHH6sIIIIIIIII", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\0" * 16, 0x3E, 3, 0xFFFE,
                         9, 6, b"\0" * 6, 0, 1, 1, 0, 4096, end, 0, end, 0)
    header += struct.pack("<109I", 0, *([free] * 108))
    fat = [0xFFFFFFFD, end] + [3 + i for i in range(data_sectors - 1)] + [end]
    fat_sector = struct.pack("<128I", *(fat + [free] * (128 - len(fat))))

    def entry(name, kind, child, start, length):
        raw = name.encode("utf-16-le") + b"\0\0" if name else b""
        return struct.pack("<64sHBBIII16sIQQIQ", raw.ljust(64, b"\0"), len(raw), kind, 1 if name else 0,
                           nostream, nostream, child, b"\0" * 16, 0, 0, 0, start, length)

    directory = (entry("Root Entry", 5, 1, end, 0) + entry(stream_name, 2, nostream, 2, size)
                 + entry("", 0, nostream, 0, 0) * 2)
    body = b"\x09\x08\x10\x00\x00\x06\x05\x00".ljust(size, b"\0")
    return header + fat_sector + directory + body


def rewritten(source, target, parts):
    """A copy of the workbook ``source`` with ``parts`` (name → bytes, or an iterable of byte chunks) replaced,
    written streaming so that a part of hundreds of MB costs little memory or disk."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        names = src.namelist() + [name for name in parts if name not in src.namelist()]
        for name in names:
            content = parts[name] if name in parts else src.read(name)
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            with out.open(info, "w", force_zip64=True) as dst:
                for chunk in ([content] if isinstance(content, bytes) else content):
                    dst.write(chunk)
    return target

