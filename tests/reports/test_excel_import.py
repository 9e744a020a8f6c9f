"""Importing room and owner rosters from xlsx: what is refused, what is recorded, and why."""
from __future__ import annotations

import datetime as dt
import re
import struct
import zipfile

import openpyxl
import pytest

from models import db as dbmod
from models import validation as v
from models.audit import AuditLog
from models.errors import InvalidInput, NotAllowed
from models.records.estate import Room
from models.listing import get_list
from models.records.people import Person, Phone, RoomParty, Vehicle
from reports.excel.records.importer import import_file, normalise_header
from reports.excel.writer import export_list

CJK = re.compile(r"[\u4e00-\u9fff]")
ROOM_HEADER = ["楼栋", "单元", "房号", "建筑面积（㎡）", "用途", "状态"]


def idn(first17: str) -> str:
    """A resident ID number with its right check digit."""
    return first17 + v.id_check_digit(first17)


def wrong_check(first17: str) -> str:
    good = v.id_check_digit(first17)
    return first17 + ("1" if good != "1" else "2")


def xlsx(path, rows, *, merge=None, before=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "名册"
    for row in before or []:
        ws.append(row)
    for row in rows:
        ws.append(row)
    for ref in merge or []:
        ws.merge_cells(ref)
    wb.save(path)
    return path


def counts():
    return (Room.select().count(), Person.select().count(), RoomParty.select().count(), Phone.select().count(),
            AuditLog.select().count())


def refused(report) -> dict[int, str]:
    return dict(report.refused)


# --- files that are refused whole ---------------------------------------------------------------------

def _cfb(stream_name: str, size: int = 4096) -> bytes:
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


@pytest.fixture
def before(estate):
    return counts()


def _refused_whole(supervisor, path, kind="rooms", *words):
    with pytest.raises(InvalidInput) as error:
        import_file(supervisor, kind, path)
    message = str(error.value)
    assert CJK.search(message), message
    for word in words:
        assert word in message, message
    return message


def test_empty_workbook_is_refused(before, supervisor, tmp_path):
    path = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(path)
    _refused_whole(supervisor, path, "rooms", "empty.xlsx", "空")
    assert counts() == before


def test_header_without_rows_is_refused(before, supervisor, tmp_path):
    path = xlsx(tmp_path / "header.xlsx", [ROOM_HEADER])
    _refused_whole(supervisor, path, "rooms", "名册", "只有表头")
    assert counts() == before


def test_password_protected_workbook_is_refused(before, supervisor, tmp_path):
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    plain = xlsx(tmp_path / "plain.xlsx", [ROOM_HEADER, ["1", "1", "101", 50, "住宅", "空置"]])
    locked = tmp_path / "locked.xlsx"
    with plain.open("rb") as src, locked.open("wb") as out:
        ooxml.OOXMLFile(src).encrypt("secret", out)
    _refused_whole(supervisor, locked, "rooms", "locked.xlsx", "密码")
    assert counts() == before


def test_old_xls_is_refused(before, supervisor, tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(_cfb("Workbook"))
    try:    # the test file is a real compound file, as Excel 97-2003 writes them
        import olefile
        assert olefile.OleFileIO(str(path)).exists("Workbook")
    except ImportError:
        pass
    _refused_whole(supervisor, path, "rooms", ".xls", "另存为")
    assert counts() == before


@pytest.mark.parametrize("content", [b"building,room\n3,1201\n", b"", "房号\t面积".encode("gbk")])
def test_a_file_that_is_not_a_workbook_is_refused(before, supervisor, tmp_path, content):
    path = tmp_path / "roster.xlsx"
    path.write_bytes(content)
    _refused_whole(supervisor, path, "rooms", "roster.xlsx", "不是 Excel")
    assert counts() == before


def test_a_zip_that_is_not_a_workbook_is_refused(before, supervisor, tmp_path):
    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("a.txt", "hello")
    _refused_whole(supervisor, path, "rooms", "不是 Excel")
    assert counts() == before


def test_merged_header_cells_are_refused(before, supervisor, tmp_path):
    path = xlsx(tmp_path / "m.xlsx", [["楼栋", "", "房号", "建筑面积"], ["1", "", "101", 50]], merge=["A1:B1"])
    _refused_whole(supervisor, path, "rooms", "合并单元格", "A1:B1")
    # Below a title too: the header found on row 2 has merged cells of its own.
    path = xlsx(tmp_path / "t.xlsx", [["楼栋", "", "房号", "建筑面积"], ["1", "", "101", 50]],
                before=[["阳光花园房屋名册"]], merge=["A1:D1", "A2:B2"])
    _refused_whole(supervisor, path, "rooms", "合并单元格", "第 2 行", "A2:B2")
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
    _refused_whole(supervisor, path, "rooms", "第 C 列", "列名")
    assert counts() == before


def test_missing_required_column_is_refused(before, supervisor, tmp_path):
    path = xlsx(tmp_path / "r.xlsx", [["楼栋", "单元", "房号", "用途"], ["1", "1", "101", "住宅"]])
    _refused_whole(supervisor, path, "rooms", "建筑面积")
    path = xlsx(tmp_path / "p.xlsx", [["房号", "证件号码"], ["3-2-1202", idn("11010119900307123")]])
    _refused_whole(supervisor, path, "people", "姓名")
    assert counts() == before


def test_duplicate_headers_are_refused(before, supervisor, tmp_path):
    path = xlsx(tmp_path / "d.xlsx", [["楼栋", "房号", "面积", "建筑面积(㎡)"], ["1", "101", 50, 50]])
    _refused_whole(supervisor, path, "rooms", "C（面积）", "D（建筑面积(㎡)）", "只保留")
    assert counts() == before


def test_only_supervisors_import(before, clerk, tmp_path):
    path = xlsx(tmp_path / "ok.xlsx", [ROOM_HEADER, ["1", "1", "101", 50, "住宅", "空置"]])
    with pytest.raises(NotAllowed):
        import_file(clerk, "rooms", path)
    assert counts() == before


# --- rows that are refused ---------------------------------------------------------------------------

BAD_ROOMS = [
    ROOM_HEADER + ["业主姓名", "身份证号", "手机号码"],
    ["5", "1", "101", 89.5, "住宅", "空置", "", "", ""],                                  # 2 good
    ["5", "1", "102", -3, "住宅", "空置", "", "", ""],                                    # 3 negative area
    ["5", "1", "103", 250000, "住宅", "空置", "", "", ""],                                # 4 absurd area
    ["5", "1", "101", 60, "住宅", "空置", "", "", ""],                                    # 5 same room as row 2
    ["3", "2", "1201", 89.5, "住宅", "空置", "", "", ""],                                 # 6 already recorded
    ["5", "1", "104", 70, "住宅", "空置", "王五", wrong_check("11010119800101123"), ""],  # 7 check digit
    ["5", "1", "105", 70, "住宅", "空置", "赵六", idn("11010119800101456"), "1381234"],   # 8 phone
    ["5", "1", "106", 70, "住宅", "空置", "", idn("11010119800101789"), ""],              # 9 no name
    ["5", "1", "107", 70, "别墅", "空置", "", "", ""],                                    # 10 use
    ["5", "", "", 70, "住宅", "空置", "", "", ""],                                        # 11 no room number
    ["5", "1", "108", 70, "住宅", "空置", "钱七", "", "13812340000"],                     # 12 owner, no ID
    ["5", "1", "109", 70.5, "商铺", "已入住", "孙八", idn("11010119800101234"), "0755-88886666"],  # 13 good
    ["5", "1", "110", 70, "住宅", "空置", "周一、吴二", idn("11010119800101345"), ""],     # 14 two owners
]


def test_every_bad_row_is_reported_and_nothing_written(before, supervisor, tmp_path):
    path = xlsx(tmp_path / "bad.xlsx", BAD_ROOMS)
    report = import_file(supervisor, "rooms", path)
    assert counts() == before
    assert not report.written and report.rows_read == 13
    reasons = refused(report)
    assert sorted(reasons) == [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14]
    assert "大于 0" in reasons[3]
    assert "250000" in reasons[4]
    assert "第 2 行" in reasons[5]
    assert "已存在" in reasons[6]
    assert "校验位" in reasons[7]
    assert "1381234" in reasons[8]
    assert "姓名" in reasons[9]
    assert "别墅" in reasons[10]
    assert "房号" in reasons[11]
    assert "证件号码为空" in reasons[12]
    assert "共有人" in reasons[14]
    summary = report.summary()
    assert "未导入任何数据" in summary and "第 3 行：" in summary and "第 12 行：" in summary


def test_skip_invalid_writes_only_the_good_rows(before, supervisor, tmp_path):
    path = xlsx(tmp_path / "bad.xlsx", BAD_ROOMS)
    rooms, people, ties, phones, audits = before
    report = import_file(supervisor, "rooms", path, skip_invalid=True)
    assert report.written and report.rooms_created == 2 and report.people_created == 1 and report.ties_created == 1
    assert len(report.refused) == 11
    assert counts()[:4] == (rooms + 2, people + 1, ties + 1, phones + 1)
    assert {r.code: (r.area_dm2, r.use, r.state) for r in Room.select().where(Room.code.startswith("5-"))} == {
        "5-1-101": (8950, "residential", "vacant"), "5-1-109": (7050, "shop", "occupied")}
    owner = Person.get(Person.name == "孙八")
    assert owner.phones.get().number == "0755-88886666"
    tie = RoomParty.get(RoomParty.person == owner)
    assert tie.role == "owner" and tie.document_no == "导入" and tie.start_date == dt.date.today()
    # One audit entry per record created, and one for the import itself.
    actions = [a.action for a in AuditLog.select().where(AuditLog.id > before[4])]
    assert sorted(actions) == ["import.rooms", "ownership.register", "person.create", "room.create", "room.create"]
    assert "房屋 2 间" in report.summary() and "第 12 行：" in report.summary()


def test_dry_run_writes_nothing(before, supervisor, tmp_path):
    path = xlsx(tmp_path / "bad.xlsx", BAD_ROOMS)
    report = import_file(supervisor, "rooms", path, dry_run=True, skip_invalid=True)
    assert counts() == before
    assert report.dry_run and not report.written
    assert (report.rooms_created, report.people_created, report.ties_created) == (2, 1, 1)
    assert "试导入" in report.summary() and "未写入" in report.summary()


def test_a_formula_with_no_saved_result_is_explained_not_called_empty(db, supervisor, tmp_path):
    """A workbook written by a program that does not calculate: the formulas carry no values."""
    path = xlsx(tmp_path / "f.xlsx", [["楼栋", "房号", "建筑面积"], ["6", '="10"&"1"', "=80+9.5"], ["6", "102", 60]])
    report = import_file(supervisor, "rooms", path)
    assert not report.written and Room.select().count() == 0
    reason = refused(report)[2]
    # Both cells in one sentence, said once.
    assert reason.startswith("单元格 B2（房号）、C2（建筑面积）是公式"), reason
    assert reason.count("用 Excel 打开") == 1 and "保存一次" in reason
    assert "房号为空" not in reason and "面积为空" not in reason
    assert list(refused(report)) == [2]                 # row 3 is fine


def test_formulas_with_saved_results_import_as_their_values(db, supervisor, tmp_path):
    """What Excel saves: each formula with its result (an empty text result is t="str" and <v></v>)."""
    plain = xlsx(tmp_path / "f.xlsx", [["楼栋", "房号", "建筑面积", "备注"], ["6", '="10"&"1"', "=80+9.5", '=""']])
    with zipfile.ZipFile(plain) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    sheet = sheet.replace(b'<c r="B2"><f>', b'<c r="B2" t="str"><f>').replace(b'</f><v></v></c><c r="C2">',
                                                                             b'</f><v>101</v></c><c r="C2">', 1)
    sheet = re.sub(rb'(<c r="C2"><f>[^<]*</f>)<v\s*/?>(?:</v>)?', rb'\1<v>89.5</v>', sheet)
    sheet = sheet.replace(b'<c r="D2"><f>', b'<c r="D2" t="str"><f>')
    path = _rewritten(plain, tmp_path / "saved.xlsx", {"xl/worksheets/sheet1.xml": sheet})
    report = import_file(supervisor, "rooms", path)
    assert report.refused == [] and report.written, report.summary()
    room = Room.get()
    assert (room.code, room.area_dm2, room.note) == ("6-101", 8950, "")


def test_every_problem_of_a_row_is_told_in_one_line(estate, supervisor, tmp_path):
    rows = [
        PEOPLE_HEADER,
        # 2: a tenant with no ID, a lease that ends before it starts, a short phone, at a room with no owner
        ["3-2-1301", "吴刚", "租户", "", "", "1380000", "", "", "", "", "", "2026-12-31", "2026-01-01"],
        # 3: a wrong emergency phone, and the owner's ID number under another name
        ["3-2-1202", "张三", "业主", "", estate["owner"].id_number, "", "", "", "张建国", "123", "", None, None],
        # 4: a wrong phone, and the same person as row 3 says nothing of row 3 (refused: not the first)
        ["3-2-1202", "郑强", "业主", "", idn("44030519700101003"), "12", "", "", "", "", "", None, None],
        ["3-2-1202", "郑强", "共有人", "", idn("44030519700101003"), "", "", "", "", "", "", None, None],
    ]
    before = counts()
    report = import_file(supervisor, "people", xlsx(tmp_path / "p.xlsx", rows))
    assert counts() == before
    reasons = refused(report)
    assert sorted(reasons) == [2, 3, 4, 5]
    told = reasons[2]
    # In the order the checks run, each once, the sentences' own full stops dropped but the last.
    where = [told.index(word) for word in ("1380000", "证件号码为空", "早于", "没有登记业主")]
    assert where == sorted(where), told
    assert "2026-01-01" in told and told.endswith("。") and told.count("。") == 1, told
    assert "123" in reasons[3] and "已登记在 张伟 名下" in reasons[3], reasons[3]
    assert "12 不是有效的电话号码" in reasons[4] and "第" not in reasons[4], reasons[4]
    # Row 5 alone is right, but a co-owner comes with an owner, and row 4's was refused.
    assert "共有人" in reasons[5] and "都没有业主" in reasons[5], reasons[5]
    summary = report.summary().splitlines()
    assert sum(line.startswith("第 2 行：") for line in summary) == 1      # one line per row


def test_an_unreadable_formula_is_told_beside_the_rows_other_problems(estate, supervisor):
    from models.records import importing
    from models.records.importing import UncalculatedFormula
    rec = {"room": "3-2-1202", "name": "吴刚", "role": "租户", "id_number": "", "phone": ("1380000",),
           "lease_start": "2026-01-01", "lease_end": UncalculatedFormula("M2", "租期至")}
    report = importing.import_records(supervisor, "people", [(2, rec)], dry_run=True)
    (row, reason), = report.refused
    assert row == 2 and "单元格 M2（租期至）是公式" in reason and "1380000" in reason and "证件号码为空" in reason
    assert "租期结束日期" not in reason, reason     # the end date is not called missing


def test_a_room_row_tells_its_area_use_and_duplicate_together(db, supervisor, tmp_path):
    rows = [ROOM_HEADER, ["5", "1", "101", 50, "住宅", "空置"], ["5", "1", "101", -3, "别墅", "空置"]]
    reason = refused(import_file(supervisor, "rooms", xlsx(tmp_path / "r.xlsx", rows)))[3]
    assert "大于 0" in reason and "别墅" in reason and "第 2 行" in reason, reason
    assert len(reason.split("；")) == 3


# --- what offices write --------------------------------------------------------------------------------

def test_header_aliases_full_width_digits_and_stray_spaces(db, supervisor, tmp_path):
    header = [" 栋号 ", "单元号", "房间号", "面积（平方米）", "物业类型", "房屋状态", "户主", "身份证号码", "联系电话",
              "交房日期", "房产证号", "序号"]
    rows = [
        header,
        [3, 2, 1201, 89.5, "住宅", "已入住", "张伟", idn("11010119900307777"), 13812345678,
         dt.datetime(2020, 5, 1), "粤房证2020-001", 1],
        ["３栋", "２单元", " １２０２ ", "１２０．００", " 住宅 ", "空置", "", "", "", None, None, 2],
        [None, None, "3栋2单元1301室", "89.5㎡", "商铺", "", " 李  娜 ", idn("44030419851212002"),
         "139 0000 1111", "2021/6/1", "", 3],
        [None, None, None, None, None, None, None, None, None, None, None, 4],            # a numbered blank row
        ["A座", "", "101", "45.25", "车位", "出租", "", "", "", None, None, 5],
    ]
    path = xlsx(tmp_path / "aliases.xlsx", rows)
    report = import_file(supervisor, "rooms", path)
    assert report.refused == [] and report.written, report.summary()
    assert report.rows_read == 4
    rooms = {r.code: r for r in Room.select()}
    assert set(rooms) == {"3-2-1201", "3-2-1202", "3-2-1301", "A-101"}
    assert (rooms["3-2-1202"].area_dm2, rooms["3-2-1202"].state, rooms["3-2-1202"].floor) == (12000, "vacant", 12)
    assert (rooms["3-2-1301"].use, rooms["3-2-1301"].state) == ("shop", "handed_over")   # an owner: handed over
    assert (rooms["A-101"].use, rooms["A-101"].state, rooms["A-101"].floor) == ("parking", "let", 1)
    zhang = Person.get(Person.name == "张伟")
    assert zhang.gender == "M" and zhang.birth_date == dt.date(1990, 3, 7)
    assert [p.number for p in zhang.phones] == ["13812345678"]
    tie = RoomParty.get(RoomParty.person == zhang)
    assert (tie.start_date, tie.document_no) == (dt.date(2020, 5, 1), "粤房证2020-001")
    li = Person.get(Person.id_number == idn("44030419851212002"))
    assert li.name == "李 娜" and [p.number for p in li.phones] == ["13900001111"]
    assert RoomParty.get(RoomParty.person == li).start_date == dt.date(2021, 6, 1)


def test_normalised_headers():
    assert normalise_header("建筑面积（㎡）") == "建筑面积"
    assert normalise_header(" 建筑面积 m² ") == "建筑面积"
    assert normalise_header("面积/平方米") == "面积"
    assert normalise_header("手机号码*") == "手机号码"
    assert normalise_header("电话2") == "电话"
    assert normalise_header("房号【必填】") == "房号"
    assert normalise_header("Gross area (m²)") == "grossarea"


def test_each_header_alias_names_one_field():
    from reports.excel.records.importer import HEADER_ALIASES, header_lookup
    for kind, table in HEADER_ALIASES.items():
        owner: dict[str, str] = {}
        for key, aliases in table.items():
            for alias in aliases:
                assert owner.setdefault(normalise_header(alias), key) == key, (kind, alias)
        lookup = header_lookup(kind)
        assert all(lookup[name] == key for name, key in owner.items())


def test_an_id_number_typed_as_a_number_is_explained(db, supervisor, tmp_path):
    path = xlsx(tmp_path / "n.xlsx", [["房号", "建筑面积", "业主", "身份证号"],
                                      ["1-101", 50, "张伟", 110101199003077774.0]])
    report = import_file(supervisor, "rooms", path)
    assert "15" in refused(report)[2] and "文本" in refused(report)[2]
    assert Room.select().count() == 0


def test_merged_building_cells_count_for_each_row(db, supervisor, tmp_path):
    path = xlsx(tmp_path / "m.xlsx", [["楼栋", "房号", "建筑面积"], ["7", "101", 50], [None, "102", 60],
                                      [None, "103", 70]], merge=["A2:A4"])
    report = import_file(supervisor, "rooms", path)
    assert report.refused == [], report.summary()
    assert sorted(r.code for r in Room.select()) == ["7-101", "7-102", "7-103"]


def test_the_roster_on_another_sheet_is_found(db, supervisor, tmp_path):
    path = tmp_path / "two.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    ws = wb.create_sheet("房屋")
    ws.append(["房号", "面积"])
    ws.append(["2-1-101", "66.6"])
    wb.save(path)
    report = import_file(supervisor, "rooms", path)
    assert report.written and Room.get().area_dm2 == 6660
    assert "[房屋]" in report.source


# --- the people roster --------------------------------------------------------------------------------

PEOPLE_HEADER = ["房号", "姓名", "身份", "证件类型", "证件号码", "手机", "备用电话", "与业主关系", "紧急联系人",
                 "紧急联系电话", "车牌号", "起租日期", "租期至"]


def _people_rows():
    owner, co, tenant = idn("44030519700101001"), idn("44030519720202002"), idn("43010219900303003")
    return [
        PEOPLE_HEADER,
        ["3-2-1202", "陈明", "业主", "身份证", owner, "13711112222", "0755-26661234", "", "陈红", "13622223333",
         "粤B12345", None, None],
        ["3-2-1202", "林芳", "共有人", "", co, "", "", "", "", "", "", None, None],
        ["3-2-1202", "周杰", "租户", "居民身份证", tenant, "18800001111", "", "", "", "", "", "2026-01-01",
         dt.datetime(2026, 12, 31)],
        ["3-2-1202", "陈小明", "家属", "", "", "", "", "儿子", "", "", "", None, None],
        ["3-2-1301", "陈明", "业主", "", owner, "13711112222", "", "", "", "", "", None, None],
    ]


def test_people_roster_records_people_ties_and_room_states(estate, supervisor, tmp_path):
    before = counts()
    path = xlsx(tmp_path / "people.xlsx", _people_rows())
    report = import_file(supervisor, "people", path)
    assert report.refused == [] and report.written, report.summary()
    assert (report.people_created, report.ties_created) == (4, 5)
    assert counts()[1:3] == (before[1] + 4, before[2] + 5)
    chen = Person.get(Person.name == "陈明")
    assert sorted(p.number for p in chen.phones) == ["0755-26661234", "13711112222"]
    assert [x.plate for x in Vehicle.select().where(Vehicle.person == chen)] == ["粤B12345"]
    assert (chen.emergency_name, chen.emergency_phone) == ("陈红", "13622223333")
    ties = {(t.room.code, t.person.name): t for t in RoomParty.select().where(RoomParty.created_at.is_null(False))}
    assert ties[("3-2-1202", "陈明")].role == "owner" and ties[("3-2-1301", "陈明")].role == "owner"
    assert ties[("3-2-1202", "林芳")].role == "co_owner"
    tenancy = ties[("3-2-1202", "周杰")]
    assert (tenancy.role, tenancy.start_date, tenancy.lease_end) == \
        ("tenant", dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert (ties[("3-2-1202", "陈小明")].role, ties[("3-2-1202", "陈小明")].relation) == ("resident", "儿子")
    # As the desk's operations would: a let room, an owned room handed over.
    assert Room.get(Room.code == "3-2-1202").state == "let"
    assert Room.get(Room.code == "3-2-1301").state == "handed_over"
    assert AuditLog.select().where(AuditLog.action == "room.let", AuditLog.summary.contains("空置 → 出租")).exists()
    assert AuditLog.select().where(AuditLog.action == "tenancy.start").count() == 2   # the fixture's and ours


def test_people_roster_refusals(estate, supervisor, tmp_path):
    before = counts()
    owner = estate["owner"]
    rows = [
        PEOPLE_HEADER,
        ["3-2-1202", "", "业主", "", idn("44030519700101001"), "", "", "", "", "", "", None, None],      # 2 no name
        ["3-2-1202", "吴刚", "租户", "", idn("44030519700101002"), "", "", "", "", "", "", "2026-12-31",
         "2026-01-01"],                                                                                   # 3 ends first
        ["3-2-1201", "郑强", "业主", "", idn("44030519700101003"), "", "", "", "", "", "", None, None],   # 4 has owner
        ["3-2-1301", "冯伟", "租户", "", idn("44030519700101004"), "", "", "", "", "", "", "2026-01-01",
         "2026-12-31"],                                                                                   # 5 no owner
        ["9-9-999", "何静", "业主", "", idn("44030519700101005"), "", "", "", "", "", "", None, None],    # 6 no room
        ["3-2-1202", "张三", "业主", "", owner.id_number, "", "", "", "", "", "", None, None],            # 7 name
        ["3-2-1201", "张伟", "住户", "", owner.id_number, "", "", "", "", "", "", None, None],            # 8 there
        ["3-2-101", "许晴", "房客", "", idn("44030519700101006"), "", "", "", "", "", "", None, None],    # 9 role
        ["3-2-101", "韩梅", "业主", "", idn("44030519700101007"), "1380000", "", "", "", "", "", None, None],  # 10
        ["3-2-101", "曹操", "业主", "", idn("44030519700101008"), "", "", "", "", "", "", None, None],    # 11 good
        ["3-2-101", "刘备", "业主", "", idn("44030519700101009"), "", "", "", "", "", "", None, None],    # 12 second
        ["3-2-101", "曹操", "共有人", "", idn("44030519700101008"), "", "", "", "", "", "", None, None],  # 13 twice
        ["3-2-101", "孙权", "业主", "", idn("44030519700101008"), "", "", "", "", "", "", None, None],    # 14 same ID
    ]
    report = import_file(supervisor, "people", xlsx(tmp_path / "bad.xlsx", rows))
    assert counts() == before
    reasons = refused(report)
    assert sorted(reasons) == [2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14]
    assert "姓名" in reasons[2]
    assert "2026-01-01" in reasons[3] and "早于" in reasons[3]
    assert "张伟" in reasons[4] and "过户" in reasons[4]
    assert "没有登记业主" in reasons[5]
    assert "尚未登记" in reasons[6]
    assert "张伟" in reasons[7]
    assert "已登记在" in reasons[8]
    assert "房客" in reasons[9]
    assert "1380000" in reasons[10]
    assert "第 11 行" in reasons[12] and "共有人" in reasons[12]
    assert "第 11 行" in reasons[13]
    assert "第 11 行" in reasons[14] and "曹操" in reasons[14]
    report = import_file(supervisor, "people", xlsx(tmp_path / "bad.xlsx", rows), skip_invalid=True)
    assert report.written and report.ties_created == 1
    assert RoomParty.select().join(Person).where(Person.name == "曹操").count() == 1


def test_people_already_recorded_are_linked_not_duplicated(estate, supervisor, tmp_path):
    owner = estate["owner"]
    path = xlsx(tmp_path / "p.xlsx", [["楼栋", "单元", "房号", "姓名", "证件号码"],
                                      ["3", "2", "1202", "张伟", owner.id_number]])
    before = Person.select().count()
    report = import_file(supervisor, "people", path)
    assert report.written and report.people_matched == 1 and report.people_created == 0
    assert Person.select().count() == before
    assert {t.room.code for t in RoomParty.select().where(RoomParty.person == owner)} == {"3-2-1201", "3-2-1202"}


# --- round trip ---------------------------------------------------------------------------------------

def test_500_rooms_export_then_import_into_a_fresh_database(db, supervisor, tmp_path):
    from models.records import importing
    uses = ["住宅", "商铺", "写字楼", "车位", "储藏室"]
    states = ["空置", "已交房", "装修中", "已入住", "出租"]
    records = []
    for i in range(500):
        building = "AB"[i % 2] if i % 50 == 0 else str(1 + i // 100)
        entrance = "" if i % 7 == 0 else str(1 + (i // 20) % 5)
        records.append((i + 2, {"building": building, "entrance": entrance, "room": f"{1 + i % 20}{1 + i % 4:02d}",
                                "area": f"{30 + (i * 37) % 20000 / 100:.2f}", "use": uses[i % 5],
                                "state": states[(i // 5) % 5], "note": f"备注{i}" if i % 3 else ""}))
    # Make the codes unique: one room per (building, entrance, number).
    seen, unique = set(), []
    for row, rec in records:
        key = (rec["building"], rec["entrance"], rec["room"])
        while key in seen:
            rec["room"] = str(int(rec["room"]) + 100)
            key = (rec["building"], rec["entrance"], rec["room"])
        seen.add(key)
        unique.append((row, rec))
    assert importing.import_records(supervisor, "rooms", unique).rooms_created == 500

    def rooms():
        return sorted(Room.select(Room.code, Room.number, Room.floor, Room.area_dm2, Room.use, Room.state, Room.note)
                      .tuples())

    original = rooms()
    path = tmp_path / "rooms.xlsx"
    assert export_list(get_list("rooms"), path, supervisor) == 500
    dbmod.close_database()
    dbmod.open_database(tmp_path / "fresh.db", create=True)
    report = import_file(supervisor, "rooms", path)
    assert report.refused == [] and report.rooms_created == 500, report.summary()
    assert rooms() == original


def test_a_cancelled_import_writes_nothing(db, supervisor, tmp_path):
    from models.errors import Cancelled
    rows = [["楼栋", "房号", "建筑面积"]] + [["8", str(100 + i), 50] for i in range(1499)]
    path = xlsx(tmp_path / "big.xlsx", rows)
    seen = []

    def progress(done, total):
        seen.append((done, total))
        if done == total == 1499:    # reported only once the rooms are inserted: cancel while writing
            raise Cancelled("取消")

    with pytest.raises(Cancelled):
        import_file(supervisor, "rooms", path, progress=progress)
    assert Room.select().count() == 0 and AuditLog.select().count() == 0
    assert (1000, 1499) in seen
    report = import_file(supervisor, "rooms", path, progress=lambda done, total: None)
    assert report.rooms_created == 1499 and Room.select().count() == 1499


# --- workbooks too large to read (issue 14, item 8) ----------------------------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _rewritten(source, target, parts):
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


def _refused_quickly(supervisor, path, *words):
    import time
    import tracemalloc
    tracemalloc.start()
    started = time.perf_counter()
    try:
        message = _refused_whole(supervisor, path, "rooms", *words)
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert elapsed < 3 and peak < 20 * 1024 * 1024, (elapsed, peak)
    return message


def test_two_million_shared_strings_are_refused_before_reading(before, supervisor, tmp_path):
    plain = xlsx(tmp_path / "plain.xlsx", [ROOM_HEADER, ["1", "1", "101", 50, "住宅", "空置"]])

    def strings():
        yield f'<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="{_MAIN}" count="2000000" ' \
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
    path = _rewritten(plain, tmp_path / "strings.xlsx", {"xl/sharedStrings.xml": strings(),
                                                         "[Content_Types].xml": types,
                                                         "xl/_rels/workbook.xml.rels": rels})
    assert path.stat().st_size < 30 * 1024 * 1024
    _refused_quickly(supervisor, path, "strings.xlsx", "2,000,000", "1,000,000", "拆")
    assert counts() == before


def test_a_sheet_of_300000_rows_is_refused_before_reading(before, supervisor, tmp_path):
    plain = xlsx(tmp_path / "plain.xlsx", [ROOM_HEADER, ["1", "1", "101", 50, "住宅", "空置"]])

    def sheet():
        yield (f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="{_MAIN}"><dimension ref="A1:B300000"/>'
               f'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>房号</t></is></c>'
               f'<c r="B1" t="inlineStr"><is><t>面积</t></is></c></row>').encode()
        for start in range(2, 300_001, 50_000):
            yield "".join(f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>1-{i}</t></is></c><c r="B{i}"><v>50</v></c>'
                          f'</row>' for i in range(start, min(start + 50_000, 300_001))).encode()
        yield b"</sheetData></worksheet>"

    path = _rewritten(plain, tmp_path / "rows.xlsx", {"xl/worksheets/sheet1.xml": sheet()})
    _refused_quickly(supervisor, path, "rows.xlsx", "300,000", "200,000", "空行")
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

    path = _rewritten(plain, tmp_path / "bomb.xlsx", {"xl/styles.xml": padded()})
    assert path.stat().st_size < 2 * 1024 * 1024
    _refused_quickly(supervisor, path, "bomb.xlsx", "xl/styles.xml", "210 MB", "200 MB")
    assert counts() == before


def test_a_wrong_dimension_alone_is_not_refused(db, supervisor, tmp_path):
    plain = xlsx(tmp_path / "plain.xlsx", [ROOM_HEADER, ["1", "1", "101", 50, "住宅", "空置"]])
    with zipfile.ZipFile(plain) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    sheet = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', sheet)
    report = import_file(supervisor, "rooms", _rewritten(plain, tmp_path / "dim.xlsx",
                                                         {"xl/worksheets/sheet1.xml": sheet}))
    assert report.written and Room.select().count() == 1


def test_rows_beyond_the_limit_are_refused_while_reading(before, supervisor, tmp_path, monkeypatch):
    from reports.excel import workbook
    monkeypatch.setattr(workbook, "MAX_SHEET_ROWS", 50)
    path = xlsx(tmp_path / "long.xlsx", [["楼栋", "房号", "建筑面积"]] + [["8", str(100 + i), 50] for i in range(60)])
    _refused_whole(supervisor, path, "rooms", "long.xlsx", "50")
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
