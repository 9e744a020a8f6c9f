"""The integrity check: clean records pass, planted problems are found and named in Chinese."""
from __future__ import annotations

import pytest

from models import check, demo
from models.check import ERROR, OK, WARNING, Finding, format_report, register_check, run_checks
from models.db import database
from models.errors import Cancelled


def _problems(findings, level=None):
    return [f for f in findings if f.level != OK and (level is None or f.level == level)]


def _sql(statement, params=()):
    database.obj.execute_sql(statement, params)


def _one(findings, key, level):
    found = [f for f in findings if f.check == key and f.level == level]
    assert len(found) == 1, [f.message for f in findings if f.level != OK]
    return found[0].message


def test_demo_estate_is_clean(db, admin):
    demo.generate(admin, 300, seed=3)
    findings = run_checks()
    assert _problems(findings) == []
    summary = [f.message for f in findings if f.check == "summary"]
    assert summary and "房间 300 个" in summary[0] and "现任业主" in summary[0]
    report = format_report(findings)
    assert report.splitlines()[0].startswith("数据检查") and "0 个错误，0 个警告" in report
    assert "[正常] 证件号码：未发现问题。" in report


def test_records_made_by_the_domain_operations_are_clean(estate):
    assert _problems(run_checks()) == []


def test_empty_database_is_clean(db):
    findings = run_checks()
    assert _problems(findings) == [] and all(f.message for f in findings)


def test_corrupt_check_digit_is_an_error_naming_the_person(estate):
    owner = estate["owner"]
    bad = owner.id_number[:17] + ("0" if owner.id_number[17] != "0" else "1")
    _sql("UPDATE person SET id_number = ?, id_rev = ? WHERE id = ?", (bad, bad[::-1], owner.id))
    message = _one(run_checks(), "people.id_numbers", ERROR)
    assert message.startswith("1 人的证件号码无效")
    assert "张伟" in message and f"编号 {owner.id}" in message and "校验位" in message


def test_stale_search_keys_and_initials_are_found(estate):
    tenant = estate["tenant"]
    _sql("UPDATE person SET id_rev = '123', initials = 'xx' WHERE id = ?", (tenant.id,))
    _sql("UPDATE phone SET number_rev = '0' WHERE person_id = ?", (estate["owner"].id,))
    findings = run_checks()
    assert "检索字段" in _one(findings, "people.id_numbers", ERROR)
    assert "李娜" in _one(findings, "people.initials", WARNING)
    phones = [f.message for f in findings if f.check == "people.phones"]
    assert any("电话号码的检索字段" in m and "张伟" in m for m in phones)


def test_phone_not_in_standard_form(estate):
    _sql("UPDATE phone SET number = '138 1234 5678', number_rev = '8765 4321 831' WHERE person_id = ?",
         (estate["owner"].id,))
    message = _one(run_checks(), "people.phones", ERROR)
    assert "未按标准格式" in message and "138 1234 5678" in message


def test_gender_that_contradicts_the_id_number(estate):
    _sql("UPDATE person SET gender = 'F' WHERE id = ?", (estate["owner"].id,))
    assert "性别或出生日期" in _one(run_checks(), "people.id_numbers", ERROR)


def test_tie_ending_before_it_starts(estate):
    _sql("UPDATE room_party SET end_date = '2019-01-01', end_reason = 'move_out' WHERE person_id = ?",
         (estate["tenant"].id,))
    message = _one(run_checks(), "ties.dates", ERROR)
    assert message.startswith("1 条房间关系的结束日期早于开始日期") and "3栋2单元1201 李娜" in message


def test_lease_ending_before_it_starts(estate):
    _sql("UPDATE room_party SET lease_end = '2024-12-31' WHERE person_id = ?", (estate["tenant"].id,))
    assert "租期结束日期早于开始日期" in _one(run_checks(), "ties.dates", ERROR)


def test_two_current_owners(estate):
    room = estate["rooms"][0]
    _sql("INSERT INTO room_party (room_id, person_id, role, relation, start_date, document_no, end_reason, "
         "created_at) VALUES (?, ?, 'owner', '', '2021-01-01', '', '', '2021-01-01 09:00:00')",
         (room.id, estate["tenant"].id))
    message = _one(run_checks(), "ties.owners", ERROR)
    assert "多位现任业主" in message and "3栋2单元1201" in message


def test_let_room_without_tenant_and_tenant_in_room_not_let(estate):
    _sql("UPDATE room SET state = 'occupied' WHERE id = ?", (estate["rooms"][0].id,))
    _sql("UPDATE room SET state = 'let' WHERE id = ?", (estate["rooms"][1].id,))
    messages = [f.message for f in run_checks() if f.check == "rooms.let"]
    assert all(f.level == WARNING for f in run_checks() if f.check == "rooms.let")
    assert any("没有现任租户" in m and "3栋2单元1202" in m for m in messages)
    assert any("状态不是“出租”" in m and "3栋2单元1201" in m for m in messages)


def test_record_missing_from_the_audit_log(estate):
    _sql("DELETE FROM audit_log WHERE entity = 'room' AND entity_id = ?", (estate["rooms"][3].id,))
    message = _one(run_checks(), "audit.coverage", WARNING)
    assert "操作日志中没有任何记录" in message and "3栋2单元101" in message


def test_dangling_reference_and_wrong_schema_version(estate):
    _sql("PRAGMA foreign_keys = OFF")
    try:
        _sql("INSERT INTO phone (person_id, number, number_rev, label, is_primary) "
             "VALUES (99999, '13800000000', '00000000831', 'mobile', 1)")
    finally:
        _sql("PRAGMA foreign_keys = ON")
    _sql("UPDATE schema_version SET version = 0")
    findings = run_checks()
    assert "phone 表中有 1 条记录引用了不存在的记录" in _one(findings, "sqlite.foreign_keys", ERROR)
    assert "数据库结构版本为 0" in _one(findings, "schema.version", ERROR)


def test_many_problems_are_counted_and_a_few_named(db, admin):
    demo.generate(admin, 60, seed=1)
    _sql("UPDATE person SET initials = 'q'")
    message = _one(run_checks(), "people.initials", WARNING)
    count = database.obj.execute_sql("SELECT COUNT(*) FROM person").fetchone()[0]
    assert message.startswith(f"{count} 人") and f"另有 {count - check.EXAMPLES} 项" in message


@pytest.fixture
def extra_check():
    yield register_check
    for key in ("test.custom", "test.broken"):
        check.CHECKS.pop(key, None)


def test_modules_register_their_own_checks(db, extra_check):
    @extra_check("test.custom", "Deposits held", order=400)
    def _custom():
        return [Finding(WARNING, "押金台账有 1 笔未结清")]

    @extra_check("test.broken", "Keys", order=410)
    def _broken():
        raise RuntimeError("no such table: key_loan")

    findings = run_checks()
    assert [f.check for f in findings if f.level == WARNING] == ["test.custom"]
    broken = _one(findings, "test.broken", ERROR)
    assert "检查无法进行" in broken and "key_loan" in broken


def test_progress_and_cancel(db):
    seen = []
    run_checks(progress=lambda done, total: seen.append((done, total)))
    assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1] == len(check.CHECKS)

    def cancel(done, total):
        if done == 2:
            raise Cancelled("取消")

    with pytest.raises(Cancelled):
        run_checks(progress=cancel)
