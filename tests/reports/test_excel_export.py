"""The xlsx writer: registers exported as workbooks, read back with openpyxl."""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import openpyxl
import pytest
from peewee import fn

from models.audit import AuditLog
from models.errors import Cancelled, NotAllowed
from models.records.estate import Room
from models.i18n import _
from models.listing import Column, ListSpec, get_list
from reports.excel.writer import XlsxBook, export_list, write_rows

CJK = re.compile(r"[\u4e00-\u9fff]")


def _read(path):
    wb = openpyxl.load_workbook(path)
    return wb, wb.worksheets[0]


def _rows(ws):
    return list(ws.iter_rows(values_only=True))


def _column(ws, spec, key):
    """The cells of one list column below the header."""
    index = [c.key for c in spec.columns].index(key)
    return [row[index] for row in ws.iter_rows(min_row=2)]


def test_rooms_export_is_a_proper_workbook(estate, supervisor, tmp_path):
    spec = get_list("rooms")
    path = tmp_path / "rooms.xlsx"
    assert export_list(spec, path, supervisor) == 4
    wb, ws = _read(path)
    assert ws.title == _(spec.title)
    header = [c.value for c in ws[1]]
    assert header == [_(c.header) for c in spec.columns]
    assert all(CJK.search(h) for h in header), header
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:K5"
    assert ws.column_dimensions["A"].width >= 14
    rows = _rows(ws)[1:]
    assert [r[0] for r in rows] == ["3-2-101", "3-2-1201", "3-2-1202", "3-2-1301"]
    room_1201 = rows[1]
    area = _column(ws, spec, "area")[1]
    assert area.data_type == "n" and area.value == pytest.approx(89.5) and area.number_format == "0.00"
    floor = _column(ws, spec, "floor")[1]
    assert floor.data_type == "n" and floor.value == 12
    assert room_1201[[c.key for c in spec.columns].index("use")] == "住宅"
    assert room_1201[[c.key for c in spec.columns].index("state")] == "出租"
    assert room_1201[[c.key for c in spec.columns].index("owners")] == "张伟"
    # Personal data is masked unless asked for (and allowed).
    assert room_1201[[c.key for c in spec.columns].index("owner_phone")] == "138****5678"


def test_people_export_masks_and_writes_real_dates(estate, clerk, tmp_path):
    spec = get_list("people")
    path = tmp_path / "people.xlsx"
    assert export_list(spec, path, clerk) == 2
    _wb, ws = _read(path)
    text = " ".join(str(v) for row in _rows(ws) for v in row if v is not None)
    assert "110101199003077774" not in text and "13812345678" not in text
    ids = [c.value for c in _column(ws, spec, "id_number")]
    assert "1101**********7774" in ids
    birth = _column(ws, spec, "birth_date")
    assert all(c.is_date and c.number_format == "yyyy-mm-dd" for c in birth)
    assert {c.value.date() for c in birth} == {dt.date(1990, 3, 7), dt.date(1985, 12, 12)}
    created = _column(ws, spec, "created_at")
    assert all(c.is_date and c.number_format == "yyyy-mm-dd hh:mm" for c in created)
    assert {c.value for c in _column(ws, spec, "gender")} == {"男", "女"}


def test_reveal_needs_the_right_to_export_personal_data(estate, clerk, supervisor, director, tmp_path):
    spec = get_list("people")
    for actor in (clerk, supervisor):
        path = tmp_path / f"{actor.role}.xlsx"
        with pytest.raises(NotAllowed) as refused:
            export_list(spec, path, actor, reveal=True)
        assert CJK.search(str(refused.value))
        assert not path.exists()
    path = tmp_path / "director.xlsx"
    export_list(spec, path, director, reveal=True)
    _wb, ws = _read(path)
    assert "110101199003077774" in [c.value for c in _column(ws, spec, "id_number")]
    assert "13812345678" in [c.value for c in _column(ws, spec, "phone")]


def test_audit_export_needs_the_audit_right(estate, clerk, supervisor, tmp_path):
    spec = get_list("audit")
    with pytest.raises(NotAllowed):
        export_list(spec, tmp_path / "audit.xlsx", clerk)
    assert not (tmp_path / "audit.xlsx").exists()
    before = AuditLog.select().count()
    assert export_list(spec, tmp_path / "audit.xlsx", supervisor) == before
    assert AuditLog.select().count() == before          # an export is a read: no audit entry
    _wb, ws = _read(tmp_path / "audit.xlsx")
    assert ws.title == "操作日志"
    at = _column(ws, spec, "at")
    assert all(c.is_date for c in at)
    assert all(c.data_type == "n" for c in _column(ws, spec, "entity_id") if c.value is not None)
    assert "客服主任" in [c.value for c in _column(ws, spec, "role")]


def test_filters_text_and_order_match_the_screen(estate, supervisor, tmp_path):
    spec = get_list("rooms")
    path = tmp_path / "vacant.xlsx"
    assert export_list(spec, path, supervisor, filters={"state": "vacant"}, sort="area", descending=True) == 3
    _wb, ws = _read(path)
    assert [r[0] for r in _rows(ws)[1:]] == ["3-2-1202", "3-2-1301", "3-2-101"]
    assert ws.auto_filter.ref == "A1:K4"
    assert export_list(spec, tmp_path / "t.xlsx", supervisor, text="3-2-12", title="十二楼") == 2
    _wb, ws = _read(tmp_path / "t.xlsx")
    assert ws.title == "十二楼"


def test_money_goes_out_as_exact_yuan(db, supervisor, tmp_path):
    """A money column (integer fen) is a number in yuan with two decimals, never text."""
    from models.records.estate import RoomInput, create_room
    create_room(supervisor, RoomInput("1", "", "101", "123.45"))
    spec = ListSpec(key="fees", title="Rooms", base=lambda: Room.select(), id_expr=Room.id, default_sort="code",
                    columns=[Column("code", "Room", Room.code),
                             Column("fee", "Amount", Room.area_dm2 * 100 + 1, kind="money", width=14)])
    export_list(spec, tmp_path / "fees.xlsx", supervisor)
    _wb, ws = _read(tmp_path / "fees.xlsx")
    cell = ws["B2"]
    assert cell.data_type == "n" and cell.number_format == "#,##0.00"
    assert Decimal(str(cell.value)) == Decimal("12345.01")


def test_text_that_looks_like_a_formula_stays_text(db, supervisor, tmp_path):
    from models.records.estate import RoomInput, create_room
    create_room(supervisor, RoomInput("1", "", "101", "50", note='=HYPERLINK("http://x","点我")'))
    create_room(supervisor, RoomInput("1", "", "102", "50", note="#N/A"))
    create_room(supervisor, RoomInput("1", "", "103", "50", note="坏\x07字符"))
    spec = get_list("rooms")
    export_list(spec, tmp_path / "notes.xlsx", supervisor)
    _wb, ws = _read(tmp_path / "notes.xlsx")
    notes = _column(ws, spec, "note")
    assert [c.data_type for c in notes] == ["s", "s", "s"]
    assert notes[0].value.startswith("=HYPERLINK")
    assert notes[1].value == "#N/A"
    assert notes[2].value == "坏字符"


def test_write_rows_kinds_and_progress(tmp_path):
    calls = []
    rows = [(f"R{i}", i, i * 100 + 5, i * 10, dt.date(2026, 1, 1) + dt.timedelta(days=i % 300),
             dt.datetime(2026, 1, 1, 8, 30)) for i in range(2500)]
    n = write_rows(tmp_path / "plain.xlsx", "明细", ["编号", "数量", "金额", "面积", "日期", "时间"],
                   [8, 8, 12, 10, 12, 17], iter(rows),
                   kinds=["text", "int", "money", "area", "date", "datetime"],
                   progress=lambda done, total: calls.append((done, total)), total=2500)
    assert n == 2500
    assert calls[0] == (0, 2500) and (1000, 2500) in calls and (2000, 2500) in calls and calls[-1] == (2500, 2500)
    _wb, ws = _read(tmp_path / "plain.xlsx")
    assert [c.value for c in ws[3]] == ["R1", 1, 1.05, 0.1, dt.datetime(2026, 1, 2), dt.datetime(2026, 1, 1, 8, 30)]
    assert [c.number_format for c in ws[3]][2:] == ["#,##0.00", "0.00", "yyyy-mm-dd", "yyyy-mm-dd hh:mm"]
    assert ws.auto_filter.ref == "A1:F2501"


def test_cancelled_export_leaves_no_file(estate, supervisor, tmp_path):
    out = tmp_path / "out"
    out.mkdir()

    def cancel_at_2000(done, total):
        if done >= 2000:
            raise Cancelled("取消")

    rows = ((i, f"第{i}行") for i in range(5000))
    with pytest.raises(Cancelled):
        write_rows(out / "big.xlsx", "x", ["a", "b"], [8, 8], rows, kinds=["int", "text"], progress=cancel_at_2000)
    assert list(out.iterdir()) == []

    def cancel_now(done, total):
        raise Cancelled("取消")

    with pytest.raises(Cancelled):
        export_list(get_list("rooms"), out / "rooms.xlsx", supervisor, progress=cancel_now)
    assert list(out.iterdir()) == []


def test_an_existing_file_is_replaced_whole(estate, supervisor, tmp_path):
    path = tmp_path / "rooms.xlsx"
    path.write_bytes(b"old contents")
    export_list(get_list("rooms"), path, supervisor)
    _wb, ws = _read(path)
    assert ws.max_row == 5
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".db" and "office.db" not in p.name) \
        == ["rooms.xlsx"]


def test_several_sheets_in_one_workbook(estate, supervisor, tmp_path):
    path = tmp_path / "pack.xlsx"
    with XlsxBook(path) as book:
        assert book.add_list(get_list("rooms"), supervisor) == 4
        assert book.add_list(get_list("rooms"), supervisor, filters={"state": "let"}) == 1
        assert book.add_sheet("押金/余额", ["房号", "金额"], [12, 12], [("3-2-1201", 200000)],
                              kinds=["text", "money"]) == 1
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["房屋", "房屋(2)", "押金_余额"]
    assert all(ws.freeze_panes == "A2" for ws in wb.worksheets)
    assert wb["押金_余额"]["B2"].value == 2000


def test_areas_are_exact(db, supervisor, tmp_path):
    from models.records.estate import RoomInput, create_room
    for number, area in (("101", "0.01"), ("102", "9999.99"), ("103", "89.55")):
        create_room(supervisor, RoomInput("1", "", number, area))
    spec = get_list("rooms")
    export_list(spec, tmp_path / "a.xlsx", supervisor)
    _wb, ws = _read(tmp_path / "a.xlsx")
    assert [Decimal(str(c.value)) for c in _column(ws, spec, "area")] == \
        [Decimal("0.01"), Decimal("9999.99"), Decimal("89.55")]
    assert Room.select(fn.SUM(Room.area_dm2)).scalar() == 1 + 999999 + 8955


def test_write_rows_without_kinds_keeps_numbers_numbers(tmp_path):
    write_rows(tmp_path / "k.xlsx", "x", ["a", "b", "c"], [8, 8, 8], [("文字", 12, dt.date(2026, 5, 1))])
    _wb, ws = _read(tmp_path / "k.xlsx")
    assert [c.data_type for c in ws[2]] == ["s", "n", "d"]


def test_audit_export_masks_personal_data_in_before_and_after(estate, supervisor, director, tmp_path):
    """The audit log's records hold ID and phone numbers: masked unless the role may export them."""
    from openpyxl import load_workbook
    from models.listing import get_list
    from reports.excel.writer import export_list
    path = tmp_path / "audit.xlsx"
    export_list(get_list("audit"), path, supervisor)
    text = " ".join(str(c.value) for row in load_workbook(path).active.iter_rows() for c in row if c.value)
    assert "110101199003077774" not in text and "13812345678" not in text
    assert "1101**********7774" in text and "138****5678" in text
    export_list(get_list("audit"), path, director, reveal=True)
    text = " ".join(str(c.value) for row in load_workbook(path).active.iter_rows() for c in row if c.value)
    assert "110101199003077774" in text


def test_audit_export_shows_before_and_after_as_the_screen_does(estate, clerk, supervisor, tmp_path):
    """修改前/修改后 read 字段名：值；… in the workbook, cell for cell what the list shows (masked alike)."""
    from models.records import people as p
    from models.listing import format_cell
    p.end_tie(clerk, p.current_parties(estate["rooms"][0].id, (p.TENANT,))[0].id, "2026-11-29")
    spec = get_list("audit")
    path = tmp_path / "audit.xlsx"
    export_list(spec, path, supervisor, sort="at")
    _wb, ws = _read(path)
    ids = spec.ids(sort="at")
    raw = spec.fetch(ids, ["before", "after"])
    for key, position in (("before", 0), ("after", 1)):
        cells = [c.value for c in _column(ws, spec, key)]
        # An export is masked unless asked for: the same text the list shows a role that may not see it.
        assert cells == [format_cell(spec.column(key), raw[i][position], False) or None for i in ids]
        assert not any(value and ("{" in value or '"' in value) for value in cells), cells
    after = [c.value for c in _column(ws, spec, "after")]
    assert "结束日期：2026-11-29；结束原因：迁出" in after
    assert any(value and "姓名：张伟" in value and "证件号码：1101**********7774" in value for value in after)
    assert "结束日期：空" in [c.value for c in _column(ws, spec, "before")]
