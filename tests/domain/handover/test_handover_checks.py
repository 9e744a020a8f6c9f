"""The handover part's integrity checks: a sound register says nothing; each rule, broken by raw SQL, is
named in one Chinese finding, and ``main.py check`` says so."""
import datetime as dt
import tempfile

import pytest

from models.check import ERROR, WARNING, run_checks
from tests.cli_run import main_runner
from tests.domain.checking import one, problems, sql
from tests.domain.handover.conftest import TODAY

YEAR = TODAY.year
run = main_runner(tempfile.mkdtemp(prefix="pmdesk-handover-checks-"))


def handover_findings():
    return [f for f in run_checks() if f.check.startswith("handover.") or f.check == "audit.coverage"]


@pytest.fixture
def register(estate, handed, cabinet, clerk, engineer):
    """1301 handed over (one defect repaired and confirmed), A-001 out, B-001 lent and back, C-001 lost and
    its loss recorded, 1202 inspected."""
    from models.handover import handing, keys, vacant
    from models.handover.tables import Defect
    defect = Defect.select().where(Defect.handover == handed.id).order_by(Defect.id).first()
    handing.repaired(engineer, defect.id, "已修补")
    handing.confirmed(engineer, defect.id, "张伟")
    out = keys.lend(clerk, keys.LoanInput("A-001", "刘师傅", "维修水管"))
    back = keys.lend(clerk, keys.LoanInput("B-001", "王工", "检查配电柜"))
    keys.take_back(clerk, "B-001")
    keys.report_lost(clerk, "C-001", "lock_changed", "钥匙丢失")
    seen = vacant.inspect(clerk, estate["rooms"][1].id, True)
    return dict(handed=handed, defect=defect, out=out, back=back, seen=seen)


def test_a_sound_register_has_no_findings(register):
    assert problems(handover_findings()) == []


def test_a_gap_in_the_loan_numbers_and_the_counter(register):
    sql("UPDATE key_loan SET number = 5 WHERE id = ?", (register["back"].id,))
    found = [f.message for f in handover_findings() if f.check == "handover.numbers" and f.level == ERROR]
    assert len(found) == 2
    assert "钥匙借用" in found[0] and f"JY{YEAR}-000002" in found[0]
    assert "计数器为 2" in found[1] and "5" in found[1]


def test_a_room_handed_over_is_not_vacant(register):
    sql("UPDATE room SET state = 'vacant' WHERE id = ?", (register["handed"].room_id,))
    said = one(handover_findings(), "handover.rooms", ERROR)
    assert "仍为空置" in said and register["handed"].serial in said


def test_a_confirmed_defect_was_repaired_and_confirmed(register):
    sql("UPDATE handover_defect SET repaired_at = NULL WHERE id = ?", (register["defect"].id,))
    said = one(handover_findings(), "handover.defects", ERROR)
    assert "业主已确认" in said and "3栋2单元1301" in said and register["defect"].location in said
    sql("UPDATE handover_defect SET state = 'open', repaired_at = confirmed_at WHERE id = ?", (register["defect"].id,))
    assert "待整改" in one(handover_findings(), "handover.defects", ERROR)


def test_a_meter_never_reads_lower_than_before(register, clerk):
    from models.handover.tables import MeterReading
    sql("INSERT INTO meter_reading (room_id, meter, meter_no, reading, read_on, read_by, recorded_at) "
        "VALUES (?, 'water', 'SB-1301', 3, ?, '李静', ?)",
        (register["handed"].room_id, TODAY + dt.timedelta(days=1), dt.datetime.now()))
    assert MeterReading.select().count() == 4
    said = one(handover_findings(), "handover.meters", ERROR)
    assert "低于" in said and "水表 SB-1301" in said and "读数 3，上次为 12.5" in said


def test_a_key_lent_has_exactly_one_open_loan_and_a_key_on_its_hook_none(register):
    sql("UPDATE key_loan SET returned_at = ?, returned_by = '刘师傅', received_by = '李静' WHERE id = ?",
        (dt.datetime.now(), register["out"].id))
    said = one(handover_findings(), "handover.keys", ERROR)
    assert "没有未归还的借用记录" in said and "A-001" in said
    sql("UPDATE key_loan SET returned_at = NULL WHERE id = ?", (register["out"].id,))
    sql("UPDATE cabinet_key SET state = 'in' WHERE hook = 'A-001'")
    assert "仍有未归还" in one(handover_findings(), "handover.keys", ERROR)


def test_a_lost_key_has_its_loss_and_an_entrusted_key_its_owner(register):
    sql("DELETE FROM key_loss")
    assert "遗失登记" in one(handover_findings(), "handover.keys", ERROR)
    sql("INSERT INTO key_loss (key_id, reported_at, reported_by, action, note) SELECT id, ?, '李静', 'none', '' "
        "FROM cabinet_key WHERE hook = 'C-001'", (dt.datetime.now(),))
    sql("UPDATE cabinet_key SET entrusted_until = NULL WHERE hook = 'C-001'")
    assert "委托期限" in one(handover_findings(), "handover.keys", ERROR)


def test_loans_say_who_brought_a_key_back(register):
    sql("UPDATE key_loan SET received_by = NULL WHERE id = ?", (register["back"].id,))
    said = one(handover_findings(), "handover.keys", ERROR)
    assert "收回经办人" in said and register["back"].serial in said


def test_files_belong_to_records_that_exist(register):
    sql("INSERT INTO attachment (owner_kind, owner_id, label, filename, mime, size, sha256, data, added_at, added_by) "
        "VALUES ('vacant_inspection', 999, '', 'ghost.jpg', 'image/jpeg', 1, "
        "'6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', x'00', ?, '李静')", (dt.datetime.now(),))
    said = one(handover_findings(), "handover.attachments", ERROR)
    assert "空置房巡查记录不存在" in said and "ghost.jpg" in said


def test_records_made_behind_the_log_are_named(register):
    sql("DELETE FROM audit_log WHERE entity = 'handover'")
    said = [f.message for f in handover_findings() if f.check == "audit.coverage" and f.level == WARNING]
    assert any(register["handed"].serial in s and "交房确认单" in s for s in said)


def test_the_command_line_check_names_the_problem(register, db_path):
    sql("UPDATE room SET state = 'vacant' WHERE id = ?", (register["handed"].room_id,))
    result = run("--db", str(db_path), "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert any("仍为空置" in line and line.startswith("[错误]") for line in result.stdout.splitlines())
