"""The records' integrity checks: clean records pass, planted problems are found and named in Chinese."""
from __future__ import annotations

from models import check, demo
from models.check import ERROR, WARNING, format_report, run_checks
from models.db import database
from tests.domain.checking import one, problems, sql


def test_demo_estate_is_clean(db, admin):
    demo.generate(admin, 300, seed=3)
    findings = run_checks()
    assert problems(findings) == []
    summary = [f.message for f in findings if f.check == "summary"]
    assert summary and "房间 300 个" in summary[0] and "现任业主" in summary[0]
    report = format_report(findings)
    assert report.splitlines()[0].startswith("数据检查") and "0 个错误，0 个警告" in report
    assert "[正常] 证件号码：未发现问题。" in report


def test_records_made_by_the_domain_operations_are_clean(estate):
    assert problems(run_checks()) == []


def test_corrupt_check_digit_is_an_error_naming_the_person(estate):
    owner = estate["owner"]
    bad = owner.id_number[:17] + ("0" if owner.id_number[17] != "0" else "1")
    sql("UPDATE person SET id_number = ?, id_rev = ? WHERE id = ?", (bad, bad[::-1], owner.id))
    message = one(run_checks(), "people.id_numbers", ERROR)
    assert message.startswith("1 人的证件号码无效")
    assert "张伟" in message and f"编号 {owner.id}" in message and "校验位" in message


def test_stale_search_keys_and_initials_are_found(estate):
    tenant = estate["tenant"]
    sql("UPDATE person SET id_rev = '123', initials = 'xx' WHERE id = ?", (tenant.id,))
    sql("UPDATE phone SET number_rev = '0' WHERE person_id = ?", (estate["owner"].id,))
    findings = run_checks()
    assert "检索字段" in one(findings, "people.id_numbers", ERROR)
    assert "李娜" in one(findings, "people.initials", WARNING)
    phones = [f.message for f in findings if f.check == "people.phones"]
    assert any("电话号码的检索字段" in m and "张伟" in m for m in phones)


def test_phone_not_in_standard_form(estate):
    sql("UPDATE phone SET number = '138 1234 5678', number_rev = '8765 4321 831' WHERE person_id = ?",
         (estate["owner"].id,))
    message = one(run_checks(), "people.phones", ERROR)
    assert "未按标准格式" in message and "138 1234 5678" in message


def test_gender_that_contradicts_the_id_number(estate):
    sql("UPDATE person SET gender = 'F' WHERE id = ?", (estate["owner"].id,))
    assert "性别或出生日期" in one(run_checks(), "people.id_numbers", ERROR)


def test_tie_ending_before_it_starts(estate):
    sql("UPDATE room_party SET end_date = '2019-01-01', end_reason = 'move_out' WHERE person_id = ?",
         (estate["tenant"].id,))
    message = one(run_checks(), "ties.dates", ERROR)
    assert message.startswith("1 条房间关系的结束日期早于开始日期") and "3栋2单元1201 李娜" in message


def test_lease_ending_before_it_starts(estate):
    sql("UPDATE room_party SET lease_end = '2024-12-31' WHERE person_id = ?", (estate["tenant"].id,))
    assert "租期结束日期早于开始日期" in one(run_checks(), "ties.dates", ERROR)


def test_two_current_owners(estate):
    room = estate["rooms"][0]
    sql("INSERT INTO room_party (room_id, person_id, role, relation, start_date, document_no, end_reason, "
         "created_at) VALUES (?, ?, 'owner', '', '2021-01-01', '', '', '2021-01-01 09:00:00')",
         (room.id, estate["tenant"].id))
    message = one(run_checks(), "ties.owners", ERROR)
    assert "多位现任业主" in message and "3栋2单元1201" in message


def test_let_room_without_tenant_and_tenant_in_room_not_let(estate):
    sql("UPDATE room SET state = 'occupied' WHERE id = ?", (estate["rooms"][0].id,))
    sql("UPDATE room SET state = 'let' WHERE id = ?", (estate["rooms"][1].id,))
    messages = [f.message for f in run_checks() if f.check == "rooms.let"]
    assert all(f.level == WARNING for f in run_checks() if f.check == "rooms.let")
    assert any("没有现任租户" in m and "3栋2单元1202" in m for m in messages)
    assert any("状态不是“出租”" in m and "3栋2单元1201" in m for m in messages)


def test_record_missing_from_the_audit_log(estate):
    sql("DELETE FROM audit_log WHERE entity = 'room' AND entity_id = ?", (estate["rooms"][3].id,))
    message = one(run_checks(), "audit.coverage", WARNING)
    assert "操作日志中没有任何记录" in message and "3栋2单元101" in message


def test_many_problems_are_counted_and_a_few_named(db, admin):
    demo.generate(admin, 60, seed=1)
    sql("UPDATE person SET initials = 'q'")
    message = one(run_checks(), "people.initials", WARNING)
    count = database.obj.execute_sql("SELECT COUNT(*) FROM person").fetchone()[0]
    assert message.startswith(f"{count} 人") and f"另有 {count - check.EXAMPLES} 项" in message


def test_the_checks_and_their_order_are_those_of_before_the_split(db):
    """The report reads as it did when the records' checks lived in the core's module."""
    records = ["people.id_numbers", "people.initials", "people.phones", "ties.owners", "ties.dates", "rooms.let"]
    keys = [f.check for f in run_checks()]
    assert keys[:10] == ["sqlite.integrity", "sqlite.foreign_keys", "schema.version", *records, "audit.coverage"]
    # Then the core's attached files, and the later parts' checks, each part's together, in the manifest's order.
    assert keys[10] == "attachments.content"
    parts = [k.split(".")[0] for k in keys[11:-1]]
    from models.parts import names
    assert keys[-1] == "summary" and parts == sorted(parts, key=names().index)
    assert [check.CHECKS[k].title for k in records] == [
        "ID numbers", "Pinyin initials of names", "Phone numbers", "Current owner of each room",
        "Dates of ties and leases", "Rooms let and their tenants"]
