"""The audit log's 修改前/修改后 read as a clerk reads them: 字段名：值；字段名：值, never raw JSON."""
from __future__ import annotations

import json

import pytest

from models import audit
from models.records import people as p
from models.audit import AuditLog
from models.i18n import load_catalogue
from models.listing import format_cell, get_list


def _cells(action: str, reveal, entity_id: int | None = None) -> tuple[str, str]:
    """The 修改前 and 修改后 of the newest entry of ``action``, as the audit list shows them."""
    spec = get_list("audit")
    query = AuditLog.select().where(AuditLog.action == action)
    if entity_id is not None:
        query = query.where(AuditLog.entity_id == entity_id)
    entry = query.order_by(AuditLog.id.desc()).get()
    return (format_cell(spec.column("before"), entry.before, reveal),
            format_cell(spec.column("after"), entry.after, reveal))


def test_a_person_change_reads_as_chinese_field_names_and_values(estate, clerk):
    owner = estate["owner"]
    p.update_person(clerk, owner.id, p.PersonInput("张伟", id_number="110101199003077774", employer="华为",
                                                   phones=[("13812345679", "mobile")], vehicles=[("粤B12345", "")]))
    before, after = _cells("person.update", reveal=True)
    assert "{" not in before + after and '"' not in before + after
    assert before.startswith("记录号：")
    for shown in ("姓名：张伟", "性别：男", "证件类型：居民身份证", "证件号码：110101199003077774",
                  "出生日期：1990-03-07", "工作单位：空", "联系电话：13812345678", "车辆：空"):
        assert shown in before.split("；"), (shown, before)
    for shown in ("工作单位：华为", "联系电话：13812345679", "车辆：粤B12345"):
        assert shown in after.split("；"), (shown, after)
    assert any(part.startswith("最后修改时间：") and len(part) == len("最后修改时间：2026-11-29 14:45")
               for part in after.split("；")), after


def test_id_and_phone_numbers_stay_masked_in_the_readable_record(estate, clerk):
    # A role that sees IDs and phones on screen but not "record" (users.revealed), or an export.
    for reveal in (frozenset({"id", "phone"}), False):
        _before, after = _cells("person.create", reveal, entity_id=estate["owner"].id)
        assert "110101199003077774" not in after and "13812345678" not in after
        assert "证件号码：1101**********7774" in after and "联系电话：138****5678" in after


def test_null_booleans_dates_and_codes_read_as_words(estate, clerk, admin):
    from models import users
    p.end_tie(clerk, p.current_parties(estate["rooms"][0].id, (p.TENANT,))[0].id, "2026-11-29")
    assert _cells("tie.end", True) == ("结束日期：空", "结束日期：2026-11-29；结束原因：迁出")
    _before, after = _cells("tenancy.start", True)
    assert "角色：租户" in after and "租期结束：2026-12-31" in after and "房屋记录号：" in after
    users.create_user(admin, "xiaoli", "小李", users.CLERK, "secret123")
    _before, after = _cells("user.create", True)
    assert "用户名：xiaoli" in after and "角色：客服专员" in after and "启用：是" in after


def test_a_field_nobody_described_shows_its_key_and_money_in_yuan():
    assert audit.describe_record(json.dumps({"tip_fen": 150000, "some_new_field": None, "voided_at":
                                             "2026-11-29T14:45:43.123456"})) == \
        "tip_fen：1,500.00；some_new_field：空；作废时间：2026-11-29 14:45"
    assert audit.describe_record("not a record") == "not a record"
    assert audit.describe_record(None) == ""


def test_a_part_adds_its_fields_labels_and_values(monkeypatch):
    monkeypatch.setattr(audit, "FIELDS", dict(audit.FIELDS))
    monkeypatch.setattr(audit, "VALUES", dict(audit.VALUES))
    audit.describe_fields({"confirmed_by": "Taken by"})
    audit.describe_values({"colour": {"red": "红色"}.__getitem__})
    assert audit.describe_record('{"confirmed_by": "钱丽", "colour": "red"}') == "经办人：钱丽；colour：红色"


def test_a_setting_change_names_the_setting(db, director):
    from models import settings
    settings.set_value(director, "office.phone", "0755-1234 5678")
    assert _cells("setting.change", True) == ("管理处电话：0755-8888 6666", "管理处电话：0755-1234 5678")


def test_every_field_label_has_a_chinese_name(db):
    get_list("audit")
    catalogue = load_catalogue("zh_CN")
    missing = sorted(key for key, label in audit.FIELDS.items() if not catalogue.get(label))
    assert not missing, f"fields the audit log would show in English: {missing}"
    for word in ("(empty)", "Yes", "No"):
        assert catalogue.get(word), word
