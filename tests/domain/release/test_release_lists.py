"""The release registers as a clerk reads them and head office gets them: rows, filters, the expired state
computed in SQL, masked numbers, the xlsx read back, the command line's export with its filters."""
import datetime as dt
import tempfile

import openpyxl
import pytest

from models.errors import InvalidInput
from models.listing import format_cell, get_list
from models.release import approvals, calls, gate, issuing
from models.release.issuing import GoodsLine
from models.users import Actor, revealed
from reports.excel.writer import export_list
from reports.verbs import list_filter
from tests.cli_run import main_runner
from tests.domain.release.conftest import TENANT_ID, owner_slip, raise_months

TODAY = dt.date.today()
YEAR = TODAY.year
run = main_runner(tempfile.mkdtemp(prefix="pmdesk-release-lists-"))


def consent(estate, clerk, yes=True):
    return calls.record_owner_call(clerk, calls.CallInput(estate["rooms"][0].id, estate["tenant"].id, "13812345678",
                                                          dt.datetime.now(), "业主本人", owner_knows=True,
                                                          rent_owed=not yes, owner_goods=False, consent=yes))


@pytest.fixture
def slips(estate, clerk):
    """Four slips of 3-2-1201: urgent and unused, expired, a tenant's used at the gate, one cancelled."""
    urgent = issuing.issue_slip(clerk, owner_slip(estate, urgent=True, plate="粤B12345"))
    expired = issuing.issue_slip(clerk, owner_slip(estate, issued_on=TODAY - dt.timedelta(days=2),
                                                   goods=[GoodsLine("冰箱", 1)]))
    consent(estate, clerk)
    used = issuing.issue_slip(clerk, owner_slip(estate, person_id=estate["tenant"].id, id_shown=TENANT_ID,
                                                goods=[GoodsLine("床", 1)]))
    gate.use_slip(Actor("周卫东", "gate"), gate.qr_payload(used))
    cancelled = issuing.issue_slip(clerk, owner_slip(estate, goods=[GoodsLine("书柜", 2)]))
    issuing.cancel_slip(clerk, cancelled.id, "业主改期搬家")
    return dict(urgent=urgent, expired=expired, used=used, cancelled=cancelled)


def shown(spec, filters=None, text="", reveal=False):
    """Each row as the screen shows it, keyed by column, in the list's order."""
    ids = spec.ids(filters, text)
    rows = spec.fetch(ids, filters=filters)
    return [{c.key: format_cell(c, v, reveal) for c, v in zip(spec.columns, rows[i])} for i in ids]


def test_every_slip_reads_back_as_the_desk_wrote_it(slips):
    rows = {row["serial"]: row for row in shown(get_list("releases"))}
    assert list(rows) == [f"FX{YEAR}-00000{n}" for n in (4, 3, 2, 1)]       # newest first
    urgent = rows[slips["urgent"].serial]
    assert (urgent["urgent"], urgent["plate"], urgent["goods"], urgent["state"], urgent["role"]) == (
        "急件", "粤B12345", "沙发×1、纸箱×12（书籍）", "未使用", "业主")
    assert urgent["issued_on"] == urgent["valid_until"] == TODAY.isoformat() and urgent["clerk"] == "李静"
    assert rows[slips["expired"].serial]["state"] == "已过期"
    used = rows[slips["used"].serial]
    assert (used["state"], used["used_by"], used["role"], used["person"]) == ("已使用", "周卫东", "租户", "李娜")
    assert used["used_at"].startswith(TODAY.isoformat())
    cancelled = rows[slips["cancelled"].serial]
    assert (cancelled["state"], cancelled["cancel_reason"]) == ("已作废", "业主改期搬家")


def test_the_state_filter_and_the_state_shown_agree(slips):
    spec = get_list("releases")
    expected = {"unused": "未使用", "used": "已使用", "expired": "已过期", "cancelled": "已作废"}
    for key, label in expected.items():
        rows = shown(spec, {"state": key})
        assert len(rows) == 1 and rows[0]["state"] == label, key
    # Expired is computed against today: a slip valid until tomorrow, issued yesterday, is still unused.
    assert slips["expired"].valid_until < TODAY


def test_the_state_shown_follows_the_day_the_query_runs(slips, monkeypatch):
    import models.release.lists as lists
    spec = get_list("releases")
    assert spec.count({"state": "unused"}) == 1
    monkeypatch.setattr(lists, "today", lambda: TODAY + dt.timedelta(days=1))
    assert spec.count({"state": "unused"}) == 0 and spec.count({"state": "expired"}) == 2
    assert shown(spec, text=slips["urgent"].serial)[0]["state"] == "已过期"


def test_filters_and_the_search_box(estate, slips, clerk):
    spec = get_list("releases")
    assert spec.count({"urgent": True}) == 1 and spec.count({"urgent": False}) == 3
    assert spec.count({"role": "tenant"}) == 1 and spec.count({"role": "owner"}) == 3
    assert spec.count({"from": TODAY - dt.timedelta(days=2), "to": TODAY - dt.timedelta(days=1)}) == 1
    assert spec.count({"year": YEAR}) == 4 and spec.count({"year": YEAR - 1}) == 0
    number = slips["used"].number
    for typed in (slips["used"].serial, f"{YEAR}-{number}", f"fx{YEAR}-{number:06d}", f"No.FX{YEAR}-{number}"):
        assert spec.ids(text=typed) == [slips["used"].id], typed
    assert spec.count(text=f"{YEAR}-999") == 0
    assert spec.count(text="3-2-12") == 4 and spec.count(text="3栋2单元1201") == 4 and spec.count(text="1202") == 0
    assert spec.count(text="李") == 1 and spec.count(text="粤B") == 1


@pytest.mark.parametrize("typed, value", [("state=unused", "unused"), ("state=未使用", "unused"),
                                          ("state=issued", "unused"), ("state=已过期", "expired"),
                                          ("state=cancelled", "cancelled"), ("urgent=是", True), ("urgent=0", False),
                                          ("role=租户", "tenant"), ("from=2026-01-31", dt.date(2026, 1, 31))])
def test_filters_typed_on_the_command_line_are_read(db, typed, value):
    assert list_filter(get_list("releases"), typed)[1] == value


@pytest.mark.parametrize("typed", ["state=lost", "urgent=maybe", "role=guest", "from=yesterday", "colour=red"])
def test_a_filter_that_is_not_one_is_refused_in_chinese(db, typed):
    with pytest.raises(InvalidInput) as error:
        list_filter(get_list("releases"), typed)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(error.value))


def test_calls_list_masks_the_number_unless_the_role_calls_owners(estate, clerk, finance):
    consent(estate, clerk, yes=False)
    spec = get_list("release_calls")
    desk = shown(spec, reveal=revealed(clerk))[0]
    assert desk["phone"] == "13812345678" and (desk["tenant"], desk["owner"]) == ("李娜", "张伟")
    assert (desk["consent"], desk["rent_owed"], desk["answered_by"]) == ("否", "是", "业主本人")
    assert shown(spec, reveal=revealed(finance))[0]["phone"] == "138****5678"
    assert spec.count({"consent": True}) == 0 and spec.count({"consent": False}) == 1
    assert spec.count(text="张") == 1 and spec.count(text="3-2") == 1


def test_approvals_list_shows_who_decided(estate, clerk, finance, director):
    raise_months(finance, 4)
    asked = approvals.request_approval(clerk, estate["rooms"][0].id, estate["owner"].id, "沙发×1", "业主急用")
    spec = get_list("release_approvals")
    row = shown(spec)[0]
    assert (row["state"], row["months"], row["person"], row["requested_by"]) == ("待主任审批", "4", "张伟", "李静")
    approvals.decide_approval(director, asked.id, True, "请尽快缴费")
    row = shown(spec, {"state": "approved"})[0]
    assert (row["state"], row["decided_by"], row["decision_note"]) == ("已批准", "孙主任", "请尽快缴费")
    assert spec.count({"state": "waiting"}) == 0
    slip = issuing.issue_slip(clerk, owner_slip(estate))
    assert shown(get_list("releases"), text=slip.serial)[0]["approval"] == "孙主任"


def test_the_export_has_real_numbers_and_dates(estate, slips, supervisor, finance, tmp_path):
    raise_months(finance, 2)
    owing = issuing.issue_slip(supervisor, owner_slip(estate, goods=[GoodsLine("空调", 2)]))
    path = tmp_path / "releases.xlsx"
    assert export_list(get_list("releases"), path, supervisor, filters={"state": "unused"}) == 2
    ws = openpyxl.load_workbook(path).worksheets[0]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["放行条号", "急件", "开单日期", "有效期至"] and "欠费金额" in header
    rows = {r[0]: dict(zip(header, r)) for r in ws.iter_rows(min_row=2, values_only=True)}
    row = rows[owing.serial]
    assert row["开单日期"] == dt.datetime.combine(TODAY, dt.time()) and row["状态"] == "未使用"
    assert row["欠费月数"] == 2 and isinstance(row["欠费月数"], int)
    assert row["欠费金额"] == pytest.approx(owing.arrears_fen / 100) and row["欠费金额"] > 0
    assert row["物品"] == "空调×2" and rows[slips["urgent"].serial]["急件"] == "急件"


def test_export_from_the_command_line_with_filters(estate, slips, db_path, tmp_path):
    out = tmp_path / "unused.xlsx"
    result = run("--db", str(db_path), "export", "releases", "--filter", "state=unused", "--out", str(out))
    assert result.returncode == 0, result.stderr
    ws = openpyxl.load_workbook(out).worksheets[0]
    assert [r[0] for r in ws.iter_rows(min_row=2, values_only=True)] == [slips["urgent"].serial]
    for key in ("release_calls", "release_approvals"):
        made = run("--db", str(db_path), "export", key, "--out", str(tmp_path / f"{key}.xlsx"))
        assert made.returncode == 0, made.stderr
    bad = run("--db", str(db_path), "export", "releases", "--filter", "state=lost", "--out", str(tmp_path / "x.xlsx"))
    assert bad.returncode != 0 and "Traceback" not in bad.stderr and "状态" in bad.stderr + bad.stdout


def test_a_slip_number_typed_in_the_search_box_finds_the_slip(slips):
    from models.searching import search
    slip = slips["used"]
    for typed in (slip.serial, f"{YEAR}-{slip.number}", gate.qr_payload(slip), f"fx{YEAR}-{slip.number:06d}"):
        hits = [h for h in search(typed) if h.kind == "release_slip"]
        assert [(h.id, h.room_id, h.title) for h in hits] == [(slip.id, slip.room_id, slip.serial)], typed
        assert "李娜" in hits[0].detail and "已使用" in hits[0].detail
    for typed in ("1201", "3-2-1201", "张伟", f"{YEAR}-999", f"{YEAR}{slip.number:06d}"):
        assert not [h for h in search(typed) if h.kind == "release_slip"], typed


def test_the_room_timeline_shows_slips_calls_and_approvals(estate, slips, clerk, finance, director):
    from models.timeline import room_timeline
    raise_months(finance, 4)
    asked = approvals.request_approval(clerk, estate["rooms"][0].id, estate["owner"].id, "沙发")
    approvals.decide_approval(director, asked.id, False, "请先缴费")
    lines = [(e.what, e.detail, e.kind, e.record_id) for e in room_timeline(estate["rooms"][0].id)]
    assert (f"放行条 {slips['urgent'].serial}（急）", "张伟（业主） 沙发×1、纸箱×12", "release_slip",
            slips["urgent"].id) in lines
    assert (f"凭放行条 {slips['used'].serial} 放行", "周卫东 门岗放行", "release_slip", slips["used"].id) in lines
    assert (f"放行条 {slips['cancelled'].serial} 作废", "李静：业主改期搬家", "release_slip",
            slips["cancelled"].id) in lines
    assert ("已致电业主（放行）", "业主本人：业主同意放行", "release_slip", slips["used"].id) in lines
    assert ("主任审批：不批准", "孙主任：请先缴费", "person", estate["owner"].id) in lines
    assert any(what == "已请示主任审批" and "欠费 4 个月" in detail for what, detail, _k, _i in lines)


def test_every_column_sorts_both_ways(estate, slips, clerk, finance):
    consent(estate, clerk, yes=False)
    raise_months(finance, 4)
    approvals.request_approval(clerk, estate["rooms"][0].id, estate["owner"].id, "沙发")
    for key in ("releases", "release_calls", "release_approvals"):
        spec = get_list(key)
        everything = sorted(spec.ids())
        for column in (c for c in spec.columns if c.sortable):
            for descending in (False, True):
                assert sorted(spec.ids(sort=column.key, descending=descending)) == everything, (key, column.key)
