"""Roster files refused whole, before anything is written: not a workbook, an old .xls, a password,
an empty sheet, a header the reader cannot trust, a workbook too large to read, a damaged one."""
from __future__ import annotations

import re
import zipfile

import openpyxl
import pytest

from models.errors import NotAllowed
from models.records.estate import Room
from models.records.people import Person
from reports.excel.records.importer import import_file
from tests.reports.records.roster_files import ROOM_HEADER, counts, idn, refused_quickly, refused_whole
from tests.reports.sheet_files import MAIN, cfb, rewritten, xlsx


def test_empty_workbook_is_refused(before, supervisor, tmp_path):
    path = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(path)
    refused_whole(supervisor, path, "rooms", "empty.xlsx", "空")
    assert counts() == before


def test_header_without_rows_is_refused(before, supervisor, tmp_path):
    path = xlsx(tmp_path / "header.xlsx", [ROOM_HEADER])
    refused_whole(supervisor, path, "rooms", "名册", "只有表头")
    assert counts() == before


def test_password_protected_workbook_is_refused(before, supervisor, tmp_path):
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    plain = xlsx(tmp_path / "plain.xlsx", [ROOM_HEADER, ["1", "1", "101", 50, "住宅", "空置"]])
    locked = tmp_path / "locked.xlsx"
    with plain.open("rb") as src, locked.open("wb") as out:
        ooxml.OOXMLFile(src).encrypt("secret", out)
    refused_whole(supervisor, locked, "rooms", "locked.xlsx", "密码")
    assert counts() == before


def test_old_xls_is_refused(before, supervisor, tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(cfb("Workbook"))
    try:    # the test file is a real compound file, as Excel 97-2003 writes them
        import olefile
        assert olefile.OleFileIO(str(path)).exists("Workbook")
    except ImportError:
        pass
    refused_whole(supervisor, path, "rooms", ".xls", "另存为")
    assert counts() == before


@pytest.mark.parametrize("content", [b"building,room\n3,1201\n", b"", "房号\t面积".encode("gbk")])
def test_a_file_that_is_not_a_workbook_is_refused(before, supervisor, tmp_path, content):
    path = tmp_path / "roster.xlsx"
    path.write_bytes(content)
    refused_whole(supervisor, path, "rooms", "roster.xlsx", "不是 Excel")
    assert counts() == before


def test_a_zip_that_is_not_a_workbook_is_refused(before, supervisor, tmp_path):
    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("a.txt", "hello")
    refused_whole(supervisor, path, "rooms", "不是 Excel")
    assert counts() == before


def test_merged_header_cells_are_refused(before, supervisor, tmp_path):
    path = xlsx(tmp_path / "m.xlsx", [["楼栋", "", "房号", "建筑面积"], ["1", "", "101", 50]], merge=["A1:B1"])
    refused_whole(supervisor, path, "rooms", "合并单元格", "A1:B1")
    # Below a title too: the header found on row 2 has merged cells of its own.
    path = xlsx(tmp_path / "t.xlsx", [["楼栋", "", "房号", "建筑面积"], ["1", "", "101", 50]],
                before=[["阳光花园房屋名册"]], merge=["A1:D1", "A2:B2"])
    refused_whole(supervisor, path, "rooms", "合并单元格", "第 2 行", "A2:B2")
    assert counts() == before


def test_a_title_and_blank_rows_above_the_header_are_passed_over(db, supervisor, tmp_path):
    path = xlsx(tmp_path / "title.xlsx", [ROOM_HEADER + ["业主", "身份证号"],
                                          ["1", "1", "101", 50, "住宅", "空置", "", ""],
                                          ["1", "1", "102", 60, "住宅", "空置", "张伟", idn("11010119900307777")]],
                before=[["阳光花园业主花名册"], [None], ["制表：客服中心", None, None, "2026年1月5日"]],
                merge=["A1:H1"])
    report = import_file(supervisor, "rooms", path)
    assert report.refused == [] and report.written, report.summary()
    assert report.header_row == 4 and report.rows_read == 2
    assert "表头在第 4 行" in report.summary()
    assert sorted(r.code for r in Room.select()) == ["1-1-101", "1-1-102"]
    assert Person.get().name == "张伟"
    # A header on the first row says nothing about where it is.
    plain = import_file(supervisor, "rooms", xlsx(tmp_path / "plain.xlsx", [ROOM_HEADER, ["1", "1", "103", 50]]))
    assert plain.header_row == 1 and "表头" not in plain.summary()


def test_a_merged_title_above_a_people_roster(estate, supervisor, tmp_path):
    path = xlsx(tmp_path / "people.xlsx", [["房号", "业主", "证件号码"], ["3-2-1202", "陈明", idn("44030519700101001")]],
                before=[["阳光花园业主花名册", None, None], [None, None, None]], merge=["A1:C2"])
    report = import_file(supervisor, "people", path, dry_run=True)
    assert report.refused == [] and report.header_row == 3, report.summary()
    assert "表头在第 3 行" in report.summary()


@pytest.mark.parametrize("header", ["业主", "户主", "业主姓名", "住户", "姓名", "客户名称", "业主名称", "客户姓名"])
def test_the_name_column_as_offices_head_it(estate, supervisor, tmp_path, header):
    person = idn("44030519700101001")
    people = import_file(supervisor, "people", xlsx(tmp_path / "p.xlsx", [["房号", header, "证件号码"],
                                                                         ["3-2-1202", "陈明", person]]),
                         dry_run=True)
    assert people.refused == [] and people.people_created == 1, people.summary()
    rooms = import_file(supervisor, "rooms", xlsx(tmp_path / "r.xlsx", [["房号", "建筑面积", header, "证件号码"],
                                                                       ["9-1-101", 50, "陈明", person]]))
    assert rooms.refused == [] and rooms.people_created == 1, rooms.summary()
    assert Person.get(Person.id_number == person).name == "陈明"


def test_blank_header_cell_in_the_middle_is_refused(before, supervisor, tmp_path):
    path = xlsx(tmp_path / "b.xlsx", [["楼栋", "房号", None, "建筑面积"], ["1", "101", "x", 50]])
    refused_whole(supervisor, path, "rooms", "第 C 列", "列名")
    assert counts() == before


def test_missing_required_column_is_refused(before, supervisor, tmp_path):
    path = xlsx(tmp_path / "r.xlsx", [["楼栋", "单元", "房号", "用途"], ["1", "1", "101", "住宅"]])
    refused_whole(supervisor, path, "rooms", "建筑面积")
    path = xlsx(tmp_path / "p.xlsx", [["房号", "证件号码"], ["3-2-1202", idn("11010119900307123")]])
    refused_whole(supervisor, path, "people", "姓名")
    assert counts() == before


def test_duplicate_headers_are_refused(before, supervisor, tmp_path):
    path = xlsx(tmp_path / "d.xlsx", [["楼栋", "房号", "面积", "建筑面积(㎡)"], ["1", "101", 50, 50]])
    refused_whole(supervisor, path, "rooms", "C（面积）", "D（建筑面积(㎡)）", "只保留")
    assert counts() == before


def test_only_supervisors_import(before, clerk, tmp_path):
    path = xlsx(tmp_path / "ok.xlsx", [ROOM_HEADER, ["1", "1", "101", 50, "住宅", "空置"]])
    with pytest.raises(NotAllowed):
        import_file(clerk, "rooms", path)
    assert counts() == before



# --- workbooks too large to read (issue 14, item 8) ----------------------------------------------------

def test_two_million_shared_strings_are_refused_before_reading(before, supervisor, tmp_path):
    plain = xlsx(tmp_path / "plain.xlsx", [ROOM_HEADER, ["1", "1", "101", 50, "住宅", "空置"]])

    def strings():
        yield f'<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="{MAIN}" count="2000000" ' \
              f'uniqueCount="2000000">'.encode()
        for start in range(0, 2_000_000, 100_000):
            yield "".join(f"<si><t>{i}</t></si>" for i in range(start, start + 100_000)).encode()
        yield b"</sst>"

    with zipfile.ZipFile(plain) as z:      # openpyxl writes none: add the part and point the workbook at it
        types = z.read("[Content_Types].xml").replace(b"</Types>", (
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            b'spreadsheetml.sharedStrings+xml"/></Types>'))
        rels = z.read("xl/_rels/workbook.xml.rels").replace(b"</Relationships>", (
            b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'sharedStrings" Target="sharedStrings.xml"/></Relationships>'))
    path = rewritten(plain, tmp_path / "strings.xlsx", {"xl/sharedStrings.xml": strings(),
                                                         "[Content_Types].xml": types,
                                                         "xl/_rels/workbook.xml.rels": rels})
    assert path.stat().st_size < 30 * 1024 * 1024
    refused_quickly(supervisor, path, "strings.xlsx", "2,000,000", "1,000,000", "拆")
    assert counts() == before


def test_a_sheet_of_300000_rows_is_refused_before_reading(before, supervisor, tmp_path):
    plain = xlsx(tmp_path / "plain.xlsx", [ROOM_HEADER, ["1", "1", "101", 50, "住宅", "空置"]])

    def sheet():
        yield (f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="{MAIN}"><dimension ref="A1:B300000"/>'
               f'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>房号</t></is></c>'
               f'<c r="B1" t="inlineStr"><is><t>面积</t></is></c></row>').encode()
        for start in range(2, 300_001, 50_000):
            yield "".join(f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>1-{i}</t></is></c><c r="B{i}"><v>50</v></c>'
                          f'</row>' for i in range(start, min(start + 50_000, 300_001))).encode()
        yield b"</sheetData></worksheet>"

    path = rewritten(plain, tmp_path / "rows.xlsx", {"xl/worksheets/sheet1.xml": sheet()})
    refused_quickly(supervisor, path, "rows.xlsx", "300,000", "200,000", "空行")
    assert counts() == before


def test_a_part_unpacking_to_hundreds_of_megabytes_is_refused(before, supervisor, tmp_path):
    plain = xlsx(tmp_path / "plain.xlsx", [ROOM_HEADER, ["1", "1", "101", 50, "住宅", "空置"]])
    with zipfile.ZipFile(plain) as z:
        styles = z.read("xl/styles.xml")
    head, tail = styles.split(b">", 1)

    def padded():
        yield head + b"><!--"
        for _ in range(210):
            yield b" " * (1024 * 1024)
        yield b"-->" + tail

    path = rewritten(plain, tmp_path / "bomb.xlsx", {"xl/styles.xml": padded()})
    assert path.stat().st_size < 2 * 1024 * 1024
    refused_quickly(supervisor, path, "bomb.xlsx", "xl/styles.xml", "210 MB", "200 MB")
    assert counts() == before


def test_a_wrong_dimension_alone_is_not_refused(db, supervisor, tmp_path):
    plain = xlsx(tmp_path / "plain.xlsx", [ROOM_HEADER, ["1", "1", "101", 50, "住宅", "空置"]])
    with zipfile.ZipFile(plain) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    sheet = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', sheet)
    report = import_file(supervisor, "rooms", rewritten(plain, tmp_path / "dim.xlsx",
                                                         {"xl/worksheets/sheet1.xml": sheet}))
    assert report.written and Room.select().count() == 1


def test_rows_beyond_the_limit_are_refused_while_reading(before, supervisor, tmp_path, monkeypatch):
    from reports.excel import workbook
    monkeypatch.setattr(workbook, "MAX_SHEET_ROWS", 50)
    path = xlsx(tmp_path / "long.xlsx", [["楼栋", "房号", "建筑面积"]] + [["8", str(100 + i), 50] for i in range(60)])
    refused_whole(supervisor, path, "rooms", "long.xlsx", "50")
    assert counts() == before


def test_a_sheet_cut_short_is_called_damaged_not_a_fault(db, supervisor, tmp_path):
    """The cold trial: broken sheet XML ended in "程序遇到意外故障（ParseError）"."""
    import zipfile
    from openpyxl import Workbook
    from models.errors import InvalidInput
    from reports.excel.records.importer import import_file
    book = Workbook()
    book.active.append(["楼栋", "单元", "房号", "建筑面积"])
    for i in range(50):
        book.active.append(["1", "1", str(100 + i), "80"])
    book.save(tmp_path / "ok.xlsx")
    with zipfile.ZipFile(tmp_path / "ok.xlsx") as src, zipfile.ZipFile(tmp_path / "cut.xlsx", "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            out.writestr(item, data[:len(data) // 2] if item.filename == "xl/worksheets/sheet1.xml" else data)
    with pytest.raises(InvalidInput, match="已损坏"):
        import_file(supervisor, "rooms", tmp_path / "cut.xlsx")
