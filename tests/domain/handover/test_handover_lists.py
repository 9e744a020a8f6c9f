"""The handover registers as a clerk reads them and head office gets them: handovers, defects, the key
cabinet, key loans, appointments, vacant rooms and their inspections; what depends on the day computed in
SQL, phones masked for whoever may not see them, filters, the search box, the xlsx read back, the
command line's export."""
import datetime as dt
import io
import tempfile

import openpyxl
import pytest

from models.errors import InvalidInput
from models.listing import format_cell, get_list
from models.users import revealed
from reports.excel.writer import export_list
from reports.verbs import list_filter
from tests.cli_run import main_runner
from tests.domain.handover.conftest import TODAY

YEAR = TODAY.year
NOW = dt.datetime.now().replace(microsecond=0)
run = main_runner(tempfile.mkdtemp(prefix="pmdesk-handover-lists-"))


def jpeg() -> bytes:
    from PIL import Image
    out = io.BytesIO()
    Image.new("RGB", (120, 90), (200, 180, 160)).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def register(estate, handed, cabinet, clerk):
    """1301 handed over (two defects); A-001 out with a contractor, B-001 lent and back; 1202 booked for
    tomorrow and inspected with a leak and a photo."""
    from models.handover import handing, keys, vacant
    out = keys.lend(clerk, keys.LoanInput("A-001", "刘师傅", "维修水管", borrower_kind="contractor", unit="安居维修",
                                          phone="13711112222"))
    back = keys.lend(clerk, keys.LoanInput("B-001", "王工", "检查配电柜"))
    keys.take_back(clerk, "B-001", "王工")
    tomorrow = dt.datetime.combine(TODAY + dt.timedelta(days=1), dt.time(10, 0))
    booked = handing.book(clerk, estate["rooms"][1].id, tomorrow, "李先生", "13900002222")
    seen = vacant.inspect(clerk, estate["rooms"][1].id, False, "厨房水管渗水", photos=[("leak.jpg", jpeg())])
    return dict(handed=handed, out=out, back=back, booked=booked, seen=seen)


def shown(spec, filters=None, text="", reveal=False):
    """Each row as the screen shows it, keyed by column, in the list's order."""
    ids = spec.ids(filters, text)
    rows = spec.fetch(ids, filters=filters)
    return [{c.key: format_cell(c, v, reveal) for c, v in zip(spec.columns, rows[i])} for i in ids]


def _later(monkeypatch, **delta):
    import models.handover.lists as lists
    monkeypatch.setattr(lists, "today", lambda: TODAY + dt.timedelta(**delta))
    monkeypatch.setattr(lists, "moment", lambda: NOW + dt.timedelta(**delta))


def test_a_handover_reads_back_as_it_was_signed(register):
    spec = get_list("handovers")
    row, = shown(spec)
    assert row["serial"] == register["handed"].serial == f"JF{YEAR}-000001"
    assert (row["handed_on"], row["room"], row["owner"], row["clerk"]) == (TODAY.isoformat(), "3-2-1301", "张伟", "李静")
    assert row["documents"] == "购房合同；业主身份证" and row["keys"] == "入户门×3、信报箱×2"
    assert row["readings"] == "水 SB-1301：12.5；电 DB-1301：305；燃气 RQ-1301：0"
    assert row["open_defects"] == "2"
    for typed in (f"JF{YEAR}-000001", f"jf{YEAR}-1", "3-2-1301", "3栋2单元13", "张", "李静"):
        assert spec.ids(text=typed) == [register["handed"].id], typed
    assert spec.count(text=f"JY{YEAR}-1") == 0 and spec.count(text="1202") == 0 and spec.count(text="王") == 0
    assert spec.count({"open_defects": True}) == 1 and spec.count({"year": YEAR - 1}) == 0
    assert spec.count({"from": TODAY, "to": TODAY}) == 1 and spec.count({"to": TODAY - dt.timedelta(days=1)}) == 0


def test_defects_turn_late_on_the_day_the_query_runs_and_a_late_repair_says_by_how_much(register, engineer,
                                                                                       monkeypatch):
    from models.handover.handing import confirmed, repaired
    from models.handover.tables import Defect
    spec = get_list("defects")
    rows = {r["location"]: r for r in shown(spec)}
    window = rows["主卧"]
    assert (window["room"], window["handover"], window["description"]) == ("3-2-1301", f"JF{YEAR}-000001", "窗框渗水")
    assert (window["department"], window["state"], window["days_late"]) == ("开发商", "待整改", "")
    assert window["due_on"] == (TODAY + dt.timedelta(days=10)).isoformat() and window["found_by"] == "李静"
    assert spec.count({"late": True}) == 0 and spec.count({"state": "open"}) == 2
    _later(monkeypatch, days=12)
    late = shown(spec, {"late": True})
    assert [(r["location"], r["days_late"]) for r in late] == [("主卧", "2")]
    wall = Defect.get(Defect.location == "客厅")
    Defect.update(due_on=TODAY - dt.timedelta(days=3)).where(Defect.id == wall.id).execute()
    repaired(engineer, wall.id, "已修补")
    confirmed(engineer, wall.id, "张伟")
    row = shown(spec, {"state": "confirmed"})[0]
    assert (row["days_late"], row["repaired_by"], row["confirmed_by"]) == ("3", "赵工", "张伟")
    assert row["repaired_at"].startswith(TODAY.isoformat()) and row["confirmed_at"]
    assert spec.count({"late": True}) == 1 and spec.count({"department": "developer"}) == 1
    for typed in ("主卧", "渗水", f"JF{YEAR}-1", "1301"):
        assert spec.count(text=typed) >= 1, typed
    assert spec.count(text="厨房") == 0 and get_list("handovers").count({"open_defects": True}) == 1


def test_the_cabinet_says_who_has_each_key_and_which_entrustment_expired(register, monkeypatch):
    spec = get_list("keys")
    rows = shown(spec)
    assert [r["hook"] for r in rows] == ["A-001", "B-001", "C-001"]
    lent, public, entrusted = rows
    assert (lent["tag"], lent["place"], lent["label"], lent["state"]) == ("K000001", "3-2-101", "入户门", "借出")
    assert lent["out_with"] == "刘师傅" and lent["out_due"] == f"{register['out'].due_at:%Y-%m-%d %H:%M}"
    assert (public["place"], public["copies"], public["state"], public["out_with"]) == ("3栋配电房", "2", "在柜", "")
    assert (entrusted["kind"], entrusted["entrusted_by"], entrusted["entrusted_scope"]) == (
        "业主委托", "张伟", "维修水管时使用")
    assert entrusted["expired"] == "" and spec.count({"expired": True}) == 0
    assert spec.count({"overdue": True}) == 0 and spec.count({"state": "out"}) == 1
    assert spec.count({"kind": "public"}) == 1
    _later(monkeypatch, days=8)
    assert spec.ids({"expired": True}) == [entrusted_id()]
    assert shown(spec, {"expired": True})[0]["expired"] == "是"
    assert [r["hook"] for r in shown(spec, {"overdue": True})] == ["A-001"]
    for typed, hooks in (("K000002", ["B-001"]), ("k2", ["B-001"]), ("A-0", ["A-001"]), ("3-2-101", ["A-001"]),
                         ("配电", ["B-001"]), ("张", ["C-001"])):
        assert [r["hook"] for r in shown(spec, text=typed)] == hooks, typed


def entrusted_id():
    from models.handover.tables import Key
    return Key.get(Key.hook == "C-001").id


def test_key_loans_show_their_state_and_mask_the_phone_for_whoever_may_not_see_it(register, clerk, finance,
                                                                                monkeypatch):
    spec = get_list("keyloans")
    rows = shown(spec, reveal=revealed(clerk))
    assert [r["serial"] for r in rows] == [f"JY{YEAR}-000002", f"JY{YEAR}-000001"]        # newest first
    back, out = rows
    assert (out["tag"], out["hook"], out["opens"], out["borrower"]) == ("K000001", "A-001", "入户门 3-2-101", "刘师傅")
    assert (out["borrower_kind"], out["unit"], out["phone"], out["purpose"]) == ("施工单位", "安居维修", "13711112222",
                                                                                "维修水管")
    assert (out["state"], out["late"], out["returned_at"]) == ("借出中", "", "")
    assert (back["state"], back["returned_by"], back["received_by"]) == ("已归还", "王工", "李静")
    assert shown(spec, reveal=revealed(finance))[1]["phone"] == "137****2222"
    assert spec.count({"state": "out"}) == 1 and spec.count({"state": "returned"}) == 1
    assert spec.count({"open": True}) == 1 and spec.count({"key": register["out"].key_id}) == 1
    _later(monkeypatch, days=1)
    late = shown(spec, {"state": "overdue"})
    assert len(late) == 1 and late[0]["state"] == "逾期未还" and late[0]["late"] == "是"
    assert spec.count({"state": "out"}) == 0 and spec.count({"open": True}) == 1
    for typed, count in ((f"JY{YEAR}-000001", 1), (f"jy{YEAR}-2", 1), ("K000001", 1), ("B-001", 1), ("3-2-101", 1),
                         ("刘", 1), ("安居", 1), ("李静", 2), (f"JF{YEAR}-1", 0)):
        assert spec.count(text=typed) == count, typed


def test_appointments_by_day(register):
    spec = get_list("appointments")
    tomorrow = TODAY + dt.timedelta(days=1)
    row, = shown(spec, {"day": tomorrow})
    assert (row["at"], row["room"], row["name"], row["phone"]) == (f"{tomorrow} 10:00", "3-2-1202", "李先生",
                                                                   "139****2222")
    assert (row["state"], row["made_by"]) == ("已预约", "李静")
    assert spec.count({"day": TODAY}) == 0 and spec.count({"state": "booked"}) == 1
    assert spec.count(text="1202") == 1 and spec.count(text="李先") == 1 and spec.count(text="1301") == 0


def test_vacant_rooms_say_when_each_was_last_seen_and_when_it_is_due(register, estate, monkeypatch):
    from models.handover import vacant
    from models.records.estate import VACANT, Room
    spec = get_list("vacant_rooms")
    vacant_codes = sorted(r.code for r in Room.select().where(Room.state == VACANT))
    assert sorted(r["room"] for r in shown(spec)) == vacant_codes and "3-2-1301" not in vacant_codes
    rows = {r["room"]: r for r in shown(spec)}
    seen = rows["3-2-1202"]
    assert seen["last_by"] == "李静" and seen["last_passed"] == "否" and seen["last_findings"] == "厨房水管渗水"
    assert (seen["days_since"], seen["due"]) == ("0", "未到期")
    assert seen["next_due"] == (TODAY + dt.timedelta(days=30)).isoformat()
    never = rows["3-2-101"]
    assert (never["last_at"], never["days_since"], never["next_due"], never["due"]) == ("", "", "", "从未巡查")

    def due_here():
        return sorted(spec.ids({"due": True}))

    def due_there(day):
        return sorted(room_id for room_id, *_rest in vacant.due_rooms(day))
    assert due_here() == due_there(TODAY) and register["seen"].room_id not in due_here()
    _later(monkeypatch, days=30)
    assert shown(spec, text="3-2-1202")[0]["due"] == "今日到期" and shown(spec, text="1202")[0]["days_since"] == "30"
    assert due_here() == due_there(TODAY + dt.timedelta(days=30)) and register["seen"].room_id in due_here()
    _later(monkeypatch, days=31)
    assert shown(spec, {"state": "overdue"})[0]["room"] == "3-2-1202"
    assert due_here() == due_there(TODAY + dt.timedelta(days=31))


def test_the_schedule_follows_the_setting(register, admin):
    from models import settings
    spec = get_list("vacant_rooms")
    settings.set_value(admin, "vacant.inspect_days", 7)
    row = shown(spec, text="3-2-1202")[0]
    assert row["next_due"] == (TODAY + dt.timedelta(days=7)).isoformat()


def test_inspections_count_their_photos(register):
    spec = get_list("vacant_inspections")
    row, = shown(spec)
    assert (row["room"], row["inspector"], row["passed"], row["findings"], row["photos"]) == (
        "3-2-1202", "李静", "否", "厨房水管渗水", "1")
    assert spec.count({"passed": False}) == 1 and spec.count(text="渗水") == 1 and spec.count(text="101") == 0


@pytest.mark.parametrize("key, typed, value", [
    ("defects", "state=待整改", "open"), ("defects", "late=是", True), ("keys", "kind=公共区域", "public"),
    ("keys", "overdue=0", False), ("keyloans", "state=overdue", "overdue"), ("keyloans", "key=A-001", 1),
    ("appointments", "day=2026-12-01", dt.date(2026, 12, 1)), ("vacant_rooms", "state=never", "never"),
])
def test_filters_are_read_from_what_is_typed(register, key, typed, value):
    assert list_filter(get_list(key), typed) == (typed.split("=")[0], value)


@pytest.mark.parametrize("key, typed, says", [
    ("keys", "state=gone", "状态"), ("keyloans", "key=Z-404", "Z-404"), ("defects", "late=maybe", "是或否"),
])
def test_a_filter_typed_wrong_is_one_chinese_sentence(register, key, typed, says):
    with pytest.raises(InvalidInput, match=says):
        list_filter(get_list(key), typed)


def test_every_column_sorts_both_ways(register):
    for key in ("handovers", "defects", "keys", "keyloans", "appointments", "vacant_rooms", "vacant_inspections"):
        spec = get_list(key)
        everything = sorted(spec.ids())
        assert everything, key
        for column in (c for c in spec.columns if c.sortable):
            for descending in (False, True):
                assert sorted(spec.ids(sort=column.key, descending=descending)) == everything, (key, column.key)


def test_the_export_has_real_numbers_dates_and_masked_phones(register, supervisor, tmp_path):
    path = tmp_path / "keyloans.xlsx"
    assert export_list(get_list("keyloans"), path, supervisor) == 2
    ws = openpyxl.load_workbook(path).worksheets[0]
    header = [c.value for c in ws[1]]
    rows = {r[0]: dict(zip(header, r)) for r in ws.iter_rows(min_row=2, values_only=True)}
    out = rows[f"JY{YEAR}-000001"]
    assert out["电话"] == "137****2222" and isinstance(out["借出时间"], dt.datetime)
    path = tmp_path / "handovers.xlsx"
    export_list(get_list("handovers"), path, supervisor)
    ws = openpyxl.load_workbook(path).worksheets[0]
    values = [c.value for c in ws[2]]
    assert 2 in values and dt.datetime.combine(TODAY, dt.time()) in values


def test_export_from_the_command_line(register, db_path, tmp_path):
    for key, filters, count in (("handovers", [], 1), ("defects", ["state=open"], 2), ("keys", ["state=out"], 1),
                                ("keyloans", ["state=returned"], 1), ("vacant_rooms", ["due=1"], None)):
        out = tmp_path / f"{key}.xlsx"
        args = [x for f in filters for x in ("--filter", f)]
        result = run("--db", str(db_path), "export", key, *args, "--out", str(out))
        assert result.returncode == 0, result.stderr
        if count is not None:
            assert openpyxl.load_workbook(out).worksheets[0].max_row == count + 1, key
    bad = run("--db", str(db_path), "export", "keys", "--filter", "kind=car", "--out", str(tmp_path / "x.xlsx"))
    assert bad.returncode != 0 and "Traceback" not in bad.stderr and "类" in bad.stderr + bad.stdout


@pytest.mark.postgres
def test_the_lists_checks_timeline_and_search_run_on_postgres(empty_pg_url, monkeypatch):
    """The same registers on the shared PostgreSQL database: days computed in SQL, the schedule, the checks."""
    from models import db as dbmod, searching
    from models.check import run_checks
    from models.handover import handing, keys, vacant
    from models.handover.tables import ENTRUSTED, VACANT_ROOM
    from models.records import estate as e, people as p
    from models.timeline import room_timeline
    from models.users import CLERK, CS_SUPERVISOR, ENG_SUPERVISOR, Actor
    from tests.domain.checking import problems
    dbmod.open_database(empty_pg_url, create=True)
    clerk, boss, engineer = Actor("李静", CLERK), Actor("王芳", CS_SUPERVISOR), Actor("赵工", ENG_SUPERVISOR)
    rooms = [e.create_room(boss, e.RoomInput("3", "2", n, "89.50")) for n in ("1301", "1202", "101")]
    owner = p.create_person(clerk, p.PersonInput("张伟", id_number="110101199003077774"))
    handed = handing.hand_over(clerk, handing.HandoverInput(
        rooms[0].id, owner.id, documents=["购房合同"], readings=[handing.Reading("water", "SB-1", "12.5")],
        keys=[("入户门", 3)], defects=[handing.DefectInput("主卧", "窗框渗水", "developer", TODAY)], deed_no="D-1"))
    keys.add_key(boss, keys.KeyInput("A-001", VACANT_ROOM, "入户门", room_id=rooms[1].id))
    keys.add_key(boss, keys.KeyInput("C-001", ENTRUSTED, "入户门", room_id=rooms[0].id, entrusted_by=owner.id,
                                     entrusted_until=TODAY + dt.timedelta(days=3)))
    loan = keys.lend(clerk, keys.LoanInput("A-001", "刘师傅", "维修", phone="13711112222"))
    vacant.inspect(clerk, rooms[1].id, True, at=NOW - dt.timedelta(days=2))
    defect = handed.defects.first()
    handing.repaired(engineer, defect.id)
    for key in ("handovers", "defects", "keys", "keyloans", "appointments", "vacant_rooms", "vacant_inspections"):
        spec = get_list(key)
        for column in (c for c in spec.columns if c.sortable):
            assert len(spec.ids(sort=column.key, descending=True)) == spec.count(), (key, column.key)
        assert len(list(spec.iter_rows())) == spec.count()
    _later(monkeypatch, days=5)
    assert shown(get_list("keys"), {"expired": True})[0]["hook"] == "C-001"
    assert shown(get_list("keyloans"), {"state": "overdue"})[0]["serial"] == loan.serial
    seen = {r["room"]: r for r in shown(get_list("vacant_rooms"))}
    assert seen["3-2-1202"]["days_since"] == "7" and seen["3-2-101"]["due"] == "从未巡查"
    assert seen["3-2-1202"]["next_due"] == (TODAY + dt.timedelta(days=28)).isoformat()
    monkeypatch.undo()
    defects = shown(get_list("defects"))
    assert defects[0]["days_late"] == "" and get_list("defects").count({"late": True}) == 0
    assert problems([f for f in run_checks() if f.check.startswith("handover.")]) == []
    assert any(ev.kind == "handover" for ev in room_timeline(rooms[0].id))
    assert [h.id for h in searching.search(handed.serial) if h.kind == "handover"] == [handed.id]
