"""Roster rows refused, each with every problem it has in one line, and what offices write in their
own way (aliases, full-width digits, merged cells, formulas) read as they mean it."""
from __future__ import annotations

import datetime as dt
import re
import zipfile

import openpyxl

from models.audit import AuditLog
from models.records.estate import Room
from models.records.people import Person, RoomParty
from reports.excel.records.importer import import_file
from reports.excel.sheets import normalise_header
from tests.reports.records.roster_files import PEOPLE_HEADER, ROOM_HEADER, counts, idn, wrong_check
from tests.reports.sheet_files import refused, rewritten, xlsx

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
    path = rewritten(plain, tmp_path / "saved.xlsx", {"xl/worksheets/sheet1.xml": sheet})
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

