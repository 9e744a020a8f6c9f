"""The renovation registers as a clerk reads them and head office gets them: applications, inspections and
rectification notices; the overdue state computed in SQL, masked phones, filters, the search box, the xlsx
read back, the command line's export; the room's timeline and the toolbar's search."""
import datetime as dt
import tempfile

import openpyxl
import pytest

from models.errors import InvalidInput
from models.listing import format_cell, get_list
from models.renovation import deciding, inspections
from models.renovation.applying import submit_application
from models.renovation.inspections import InspectionInput, NoticeInput
from models.renovation.lists import works_label
from models.users import revealed
from reports.excel.writer import export_list
from reports.verbs import list_filter
from tests.cli_run import main_runner
from tests.domain.renovation.conftest import TODAY, application

YEAR = TODAY.year
run = main_runner(tempfile.mkdtemp(prefix="pmdesk-renovation-lists-"))


@pytest.fixture
def register(estate, in_works, clerk, engineer):
    """1202 in works with a failed inspection, its notice and a quiet-hours check; 1201's application rejected."""
    failed = inspections.record_inspection(clerk, InspectionInput(in_works.id, passed=False,
                                                                  findings="楼道堆放水泥袋"))
    notice = inspections.issue_notice(clerk, NoticeInput(failed.id, "第十二条 不得占用公共通道堆放材料",
                                                         "当日清走楼道材料", TODAY + dt.timedelta(days=3)))
    quiet = inspections.record_inspection(clerk, InspectionInput(in_works.id, kind="quiet", quiet_ok=True))
    other = submit_application(clerk, application(estate, room_id=estate["rooms"][0].id, fees=None))
    deciding.reject(engineer, other.id, "图纸未盖章")
    return dict(works=in_works, failed=failed, notice=notice, quiet=quiet, rejected=other)


def shown(spec, filters=None, text="", reveal=False):
    """Each row as the screen shows it, keyed by column, in the list's order."""
    ids = spec.ids(filters, text)
    rows = spec.fetch(ids, filters=filters)
    return [{c.key: format_cell(c, v, reveal) for c, v in zip(spec.columns, rows[i])} for i in ids]


def test_every_application_reads_back_as_the_desk_wrote_it(register, clerk, finance):
    rows = shown(get_list("renovations"), reveal=revealed(clerk))
    assert [r["serial"] for r in rows] == [f"ZX{YEAR}-000002", f"ZX{YEAR}-000001"]        # newest first
    works = rows[1]
    assert (works["room"], works["owner"], works["owner_phone"]) == ("3-2-1202", "张伟", "13812345678")
    assert works["contractor"] == "深圳市安居装饰工程有限公司" and works["contractor_phone"] == "13612345678"
    assert works["works"] == works_label("walls,electrics") and "电气" in works["works"]
    assert (works["start_on"], works["end_on"]) == (TODAY.isoformat(), (TODAY + dt.timedelta(days=30)).isoformat())
    assert works["workers"] == "2" and works["deposit_held"] == "2,000.00"
    assert works["receipt"] == register["works"].receipt.serial
    assert (works["received_by"], works["decided_by"]) == ("李静", "赵工") and works["owner_told_at"]
    rejected = rows[0]
    assert (rejected["room"], rejected["receipt"], rejected["deposit_held"], rejected["decision_note"]) == (
        "3-2-1201", "", "", "图纸未盖章")
    assert shown(get_list("renovations"), reveal=revealed(finance))[1]["owner_phone"] == "138****5678"


def test_the_renovation_state_filter_and_the_state_shown_agree(register):
    from models.renovation.works import IN_WORKS, REJECTED, RENOVATION
    spec = get_list("renovations")
    for key in (IN_WORKS, REJECTED):
        rows = shown(spec, {"state": key})
        assert len(rows) == 1 and rows[0]["state"] == RENOVATION.label(key)
    assert spec.count({"state": "approved"}) == 0


def test_works_past_their_planned_end_are_found_on_the_day_the_query_runs(register, monkeypatch):
    import models.renovation.lists as lists
    spec = get_list("renovations")
    assert spec.count({"overdue": True}) == 0 and spec.count({"overdue": False}) == 2
    monkeypatch.setattr(lists, "today", lambda: TODAY + dt.timedelta(days=31))
    assert spec.ids({"overdue": True}) == [register["works"].id]


def test_renovations_search_box(register):
    spec = get_list("renovations")
    works = register["works"]
    for typed in (works.serial, f"{YEAR}-{works.number}", f"zx{YEAR}-{works.number:06d}"):
        assert spec.ids(text=typed) == [works.id], typed
    assert spec.count(text=f"ZG{YEAR}-1") == 0 and spec.count(text=f"{YEAR}-999") == 0
    assert spec.ids(text="3-2-1202") == [works.id] and spec.count(text="3栋2单元12") == 2
    assert spec.count(text="安居装饰") == 2 and spec.count(text="陈建国") == 2 and spec.count(text="张") == 2
    assert spec.count(text="不存在的公司") == 0
    assert spec.count({"year": YEAR}) == 2 and spec.count({"year": YEAR - 1}) == 0
    assert spec.count({"from": TODAY, "to": TODAY}) == 2 and spec.count({"to": TODAY - dt.timedelta(days=1)}) == 0


def test_inspections_read_back_with_their_notices(register):
    spec = get_list("inspections")
    rows = {r["findings"]: r for r in shown(spec)}
    failed = rows["楼道堆放水泥袋"]
    assert (failed["room"], failed["renovation"], failed["inspector"]) == ("3-2-1202", register["works"].serial, "李静")
    assert (failed["passed"], failed["quiet_ok"], failed["notices"]) == ("否", "", "1")
    quiet = rows[""]
    assert (quiet["passed"], quiet["quiet_ok"], quiet["notices"]) == ("是", "是", "0")
    assert spec.count({"passed": False}) == 1 and spec.count({"quiet": True}) == 1
    assert spec.count({"kind": "quiet"}) == 1 and spec.count({"from": TODAY, "to": TODAY}) == 2
    assert spec.ids(text=register["notice"].serial) == [register["failed"].id]
    assert spec.count(text=register["works"].serial) == 2 and spec.count(text="1202") == 2
    assert spec.count(text="李") == 2 and spec.count(text="王") == 0


def test_notices_read_back_and_turn_overdue_after_their_deadline(register, monkeypatch):
    import models.renovation.lists as lists
    spec = get_list("notices")
    row = shown(spec)[0]
    notice = register["notice"]
    assert (row["serial"], row["room"], row["renovation"]) == (f"ZG{YEAR}-000001", "3-2-1202", register["works"].serial)
    assert (row["finding"], row["rule"], row["deadline"]) == ("楼道堆放水泥袋", notice.rule, notice.deadline.isoformat())
    assert row["issued_by"] == "李静" and row["signed_by"] == row["rectified_at"] == row["escalated_to"] == ""
    open_label = row["state"]
    assert spec.count({"state": "open"}) == 1 and spec.count({"overdue": True}) == 0
    monkeypatch.setattr(lists, "today", lambda: TODAY + dt.timedelta(days=4))
    late = shown(spec, {"state": "overdue"})
    assert len(late) == 1 and late[0]["state"] != open_label and spec.count({"state": "open"}) == 0
    assert spec.count({"overdue": True}) == 1


def test_a_rectified_notice_leaves_the_overdue_list(register, clerk, monkeypatch):
    import models.renovation.lists as lists
    inspections.signed_for(clerk, register["notice"].id, "陈建国")
    inspections.recheck(clerk, register["notice"].id, True)
    monkeypatch.setattr(lists, "today", lambda: TODAY + dt.timedelta(days=10))
    spec = get_list("notices")
    assert spec.count({"overdue": True}) == 0 and spec.count({"state": "rectified"}) == 1
    row = shown(spec)[0]
    assert row["signed_by"] == "陈建国" and row["rectified_at"].startswith(TODAY.isoformat())
    for typed in (register["notice"].serial, f"zg{YEAR}-1", register["works"].serial, "3-2-1202", "陈"):
        assert spec.count(text=typed) == 1, typed


@pytest.mark.parametrize("key, typed, value", [
    ("renovations", "state=in_works", "in_works"), ("renovations", "overdue=是", True),
    ("renovations", "from=2026-01-31", dt.date(2026, 1, 31)), ("inspections", "passed=0", False),
    ("inspections", "kind=quiet", "quiet"), ("notices", "state=overdue", "overdue"), ("notices", "overdue=1", True),
    ("notices", "year=2026", 2026)])
def test_filters_typed_on_the_command_line_are_read(db, key, typed, value):
    assert list_filter(get_list(key), typed)[1] == value


@pytest.mark.parametrize("key, typed", [("renovations", "state=lost"), ("renovations", "overdue=maybe"),
                                        ("inspections", "kind=party"), ("notices", "state=gone"),
                                        ("notices", "from=yesterday"), ("notices", "colour=red")])
def test_a_filter_that_is_not_one_is_refused_in_chinese(db, key, typed):
    with pytest.raises(InvalidInput) as error:
        list_filter(get_list(key), typed)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(error.value))


def test_the_export_has_real_numbers_and_dates(register, supervisor, tmp_path):
    path = tmp_path / "renovations.xlsx"
    assert export_list(get_list("renovations"), path, supervisor) == 2
    ws = openpyxl.load_workbook(path).worksheets[0]
    header = [c.value for c in ws[1]]
    assert header[0] and all(any("\u4e00" <= ch <= "\u9fff" for ch in h) for h in header)
    rows = {r[0]: dict(zip(header, r)) for r in ws.iter_rows(min_row=2, values_only=True)}
    works = rows[register["works"].serial]
    values = list(works.values())
    assert dt.datetime.combine(TODAY, dt.time()) in values and 2000 in values and 2 in values


def test_export_from_the_command_line_with_filters(register, db_path, tmp_path):
    for key, filters, count in (("renovations", ["state=in_works"], 1), ("inspections", [], 2),
                                ("notices", ["state=open"], 1)):
        out = tmp_path / f"{key}.xlsx"
        args = [x for f in filters for x in ("--filter", f)]
        result = run("--db", str(db_path), "export", key, *args, "--out", str(out))
        assert result.returncode == 0, result.stderr
        assert openpyxl.load_workbook(out).worksheets[0].max_row == count + 1, key
    bad = run("--db", str(db_path), "export", "notices", "--filter", "state=gone", "--out", str(tmp_path / "x.xlsx"))
    assert bad.returncode != 0 and "Traceback" not in bad.stderr and "状态" in bad.stderr + bad.stdout


def test_every_column_sorts_both_ways(register):
    for key in ("renovations", "inspections", "notices"):
        spec = get_list(key)
        everything = sorted(spec.ids())
        for column in (c for c in spec.columns if c.sortable):
            for descending in (False, True):
                assert sorted(spec.ids(sort=column.key, descending=descending)) == everything, (key, column.key)


def test_the_room_timeline_shows_the_renovation_its_inspections_and_notices(register, clerk, engineer, finance,
                                                                            supervisor):
    from models.renovation import settling
    from models.timeline import room_timeline
    works, notice = register["works"], register["notice"]
    inspections.recheck(clerk, notice.id, True)
    deciding.request_completion(clerk, works.id)
    deciding.accept(engineer, works.id, "验收合格", [("300", "走廊墙面污损")])
    settling.settle(finance, works.id)
    lines = [(e.what, e.detail, e.kind, e.record_id) for e in room_timeline(works.room_id)]
    serial = works.serial
    assert (f"装修申请 {serial}", "深圳市安居装饰工程有限公司，施工人员 2 人，受理人 李静", "renovation", works.id) in lines
    assert (f"装修申请 {serial} 已批准", "赵工：按图施工", "renovation", works.id) in lines
    assert (f"装修 {serial} 开工", "深圳市安居装饰工程有限公司", "renovation", works.id) in lines
    assert (f"装修 {serial} 验收合格", "赵工 验收合格 保证金扣款 ¥300.00", "renovation", works.id) in lines
    assert (f"装修 {serial} 保证金已结算", "", "renovation", works.id) in lines
    assert any(what.startswith(f"装修 {serial} ") and (detail, kind, record) == ("李静 楼道堆放水泥袋", "renovation", works.id)
               for what, detail, kind, record in lines)
    assert any(detail == "李静 合格 遵守休息时间" for _w, detail, _k, _i in lines)
    assert (f"整改通知书 {notice.serial}", f"楼道堆放水泥袋；限 {notice.deadline:%Y-%m-%d} 前整改",
            "rectification_notice", notice.id) in lines
    assert (f"整改通知书 {notice.serial} 已整改", "", "rectification_notice", notice.id) in lines
    rejected = register["rejected"]
    other = [(e.what, e.detail) for e in room_timeline(rejected.room_id) if e.kind == "renovation"]
    assert (f"装修申请 {rejected.serial} 不予批准", "赵工：图纸未盖章") in other


def test_an_escalated_notice_says_to_whom_on_the_timeline(register, clerk, supervisor, monkeypatch):
    from models.renovation.works import Escalation, RectificationNotice
    from models.timeline import room_timeline
    from tests.domain.checking import sql
    notice = register["notice"]
    sql("UPDATE rectification_notice SET deadline = ? WHERE id = ?", (TODAY - dt.timedelta(days=1), notice.id))
    from tests.domain.renovation.conftest import pdf
    inspections.escalate(supervisor, "居民委员会", TODAY, TODAY, pdf())
    assert RectificationNotice.get_by_id(notice.id).escalation_id == Escalation.select().first().id
    lines = [(e.what, e.detail) for e in room_timeline(register["works"].room_id)]
    assert (f"整改通知书 {notice.serial} 已上报", "居民委员会") in lines
    row = shown(get_list("notices"))[0]
    assert row["escalated_to"] == "居民委员会" and get_list("notices").count({"state": "escalated"}) == 1


def test_the_search_box_finds_an_application_by_number_pass_or_contractor_and_a_notice_by_number(register):
    from models.renovation.passes import qr_payload
    from models.searching import search
    works, notice = register["works"], register["notice"]

    def found(text, kind):
        return [(h.id, h.room_id, h.title) for h in search(text) if h.kind == kind]
    for typed in (works.serial, f"{YEAR}-{works.number}", f"zx{YEAR}-{works.number:06d}",
                  qr_payload(works.workers.first())):
        assert found(typed, "renovation") == [(works.id, works.room_id, works.serial)], typed
    hit = [h for h in search(works.serial) if h.kind == "renovation"][0]
    assert "3栋2单元1202" in hit.detail and "安居" in hit.detail
    by_name = found("安居装饰", "renovation")
    assert [i for i, _r, _t in by_name] == [register["rejected"].id, works.id]        # newest first
    assert found("91440300MA5F8", "renovation") and not found("张伟", "renovation")
    for typed in (notice.serial, f"zg{YEAR}-{notice.number}"):
        assert found(typed, "rectification_notice") == [(notice.id, works.room_id, notice.serial)], typed
    for typed in (f"ZG{YEAR}-999", "1202", "3-2-1202", f"{YEAR}{works.number:06d}", "安"):
        assert not found(typed, "rectification_notice") and (typed == "1202" or not found(typed, "renovation")
                                                              or typed == "3-2-1202"), typed
    assert not found(f"ZG{YEAR}-{notice.number}", "renovation")


def test_an_application_is_found_by_its_number_as_typed(register):
    from models.errors import InvalidInput, NotFound
    from models.renovation.applying import find_renovation
    works = register["works"]
    for typed in (works.serial, f"{YEAR}-{works.number}", f" zx{YEAR}-{works.number:06d} ", f"No.ZX{YEAR}-{works.number}"):
        assert find_renovation(typed).id == works.id, typed
    with pytest.raises(NotFound, match=f"ZX{YEAR}-000999"):
        find_renovation(f"{YEAR}-999")
    for typed in (f"FX{YEAR}-1", f"ZG{YEAR}-1", "hello", "", f"{YEAR}{works.number:06d}"):
        with pytest.raises(InvalidInput, match="ZX2026-000012"):
            find_renovation(typed)
