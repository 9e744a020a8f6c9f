"""The integrity check's runner: checks registered by the parts, run in order, a check that cannot run
is a finding, progress and cancel; the core's own checks (the file, its references, the schema
version) and the audit trail's coverage of what each part declared. The records' rules are tested
in tests/domain/records/test_records_check.py, money's in tests/domain/money."""
from __future__ import annotations

import pytest

from models import check, users
from models.check import ERROR, OK, WARNING, Finding, register_check, run_checks
from models.errors import Cancelled
from tests.domain.checking import one, problems, sql


def test_empty_database_is_clean(db):
    findings = run_checks()
    assert problems(findings) == [] and all(f.message for f in findings)


def test_dangling_reference_and_wrong_schema_version(estate):
    sql("PRAGMA foreign_keys = OFF")
    try:
        sql("INSERT INTO phone (person_id, number, number_rev, label, is_primary) "
             "VALUES (99999, '13800000000', '00000000831', 'mobile', 1)")
    finally:
        sql("PRAGMA foreign_keys = ON")
    sql("UPDATE schema_version SET version = 0")
    findings = run_checks()
    assert "phone 表中有 1 条记录引用了不存在的记录" in one(findings, "sqlite.foreign_keys", ERROR)
    assert "数据库结构版本为 0" in one(findings, "schema.version", ERROR)


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
    broken = one(findings, "test.broken", ERROR)
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


@pytest.fixture
def audited_users():
    check.must_be_audited(users.User, (users.User.username,), lambda row: row[0],
                          lambda: "{count} 个账户在操作日志中没有记录：{examples}")
    yield
    check.AUDITED.pop()


def test_the_audit_trail_covers_what_each_part_declared(db, admin, audited_users):
    users.create_user(admin, "li", "李静", users.CLERK, "secret1")
    ghost = users.create_user(admin, "wang", "王芳", users.CLERK, "secret1")
    assert [f for f in run_checks() if f.check == "audit.coverage" and f.level != OK] == []
    sql("DELETE FROM audit_log WHERE entity = 'app_user' AND entity_id = ?", (ghost.id,))
    assert one(run_checks(), "audit.coverage", WARNING) == "1 个账户在操作日志中没有记录：wang"


def test_the_core_checks_come_first_and_the_summary_last(db):
    keys = [f.check for f in run_checks()]
    assert keys[:3] == ["sqlite.integrity", "sqlite.foreign_keys", "schema.version"]
    orders = [check.CHECKS[key].order for key in keys]
    assert orders == sorted(orders) and check.CHECKS["audit.coverage"].order == 300
