"""The command line, as a scheduled job runs it: no prompts, exit codes, one-line reasons."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args, env=None):
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    environment.pop("PMDESK_PASSWORD", None)
    environment.update(env or {})
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          env=environment, stdin=subprocess.DEVNULL, timeout=120)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "office.db"
    result = run("--db", str(path), "demo", "--rooms", "120")
    assert result.returncode == 0, result.stderr
    assert "演示小区已生成" in result.stdout and "demo123" in result.stdout
    return path


def test_check_reads_well_on_demo_data(demo_db):
    result = run("--db", str(demo_db), "check")
    assert result.returncode == 0
    assert "0 个错误" in result.stdout


def test_export_then_read_back(demo_db, tmp_path):
    from openpyxl import load_workbook
    out = tmp_path / "rooms.xlsx"
    result = run("--db", str(demo_db), "export", "rooms", "--out", str(out))
    assert result.returncode == 0, result.stderr
    sheet = load_workbook(out).active
    assert sheet["A1"].value == "房号" and sheet.max_row == 121
    assert isinstance(sheet["E2"].value, (int, float))          # area as a number


def test_print_card_to_pdf(demo_db, tmp_path):
    from pypdf import PdfReader
    out = tmp_path / "card.pdf"
    result = run("--db", str(demo_db), "print", "card", "1栋1单元101", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "业主资料卡" in PdfReader(out).pages[0].extract_text()


def test_writes_are_audited_as_the_command_line(demo_db):
    from models import db as dbmod
    from models.audit import AuditLog
    dbmod.open_database(demo_db)
    entry = AuditLog.select().order_by(AuditLog.id).first()
    assert entry.via == "cli" and "（命令行）" in entry.actor_name
    dbmod.close_database()


def test_user_needs_its_password_from_the_environment(demo_db):
    result = run("--db", str(demo_db), "--user", "clerk", "check")
    assert result.returncode == 1
    assert "PMDESK_PASSWORD" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    wrong = run("--db", str(demo_db), "--user", "clerk", "check", env={"PMDESK_PASSWORD": "nope"})
    assert wrong.returncode == 1 and "用户名或密码错误" in wrong.stderr
    right = run("--db", str(demo_db), "--user", "clerk", "check", env={"PMDESK_PASSWORD": "demo123"})
    assert right.returncode == 0


def test_a_clerk_may_not_import(demo_db, tmp_path):
    from openpyxl import Workbook
    book = Workbook()
    book.active.append(["楼栋", "单元", "房号", "建筑面积"])
    book.active.append(["9", "1", "101", "80"])
    book.save(tmp_path / "rooms.xlsx")
    result = run("--db", str(demo_db), "--user", "clerk", "import", "rooms", str(tmp_path / "rooms.xlsx"),
                 env={"PMDESK_PASSWORD": "demo123"})
    assert result.returncode == 1 and "无权导入名册" in result.stderr


def test_import_refusal_report_and_exit_code(tmp_path):
    from openpyxl import Workbook
    db = tmp_path / "new.db"
    book = Workbook()
    book.active.append(["楼栋", "单元", "房号", "建筑面积", "用途"])
    book.active.append(["1", "1", "101", "89.5", "住宅"])
    book.active.append(["1", "1", "102", "-3", "住宅"])
    book.save(tmp_path / "rooms.xlsx")
    refused = run("--db", str(db), "import", "rooms", str(tmp_path / "rooms.xlsx"))
    assert refused.returncode == 1
    assert "第 3 行" in refused.stdout
    skipped = run("--db", str(db), "import", "rooms", str(tmp_path / "rooms.xlsx"), "--skip-invalid")
    assert skipped.returncode == 0
    exported = run("--db", str(db), "export", "rooms", "--out", str(tmp_path / "out.xlsx"))
    assert exported.returncode == 0


def test_not_a_database_gets_one_line_and_is_untouched(tmp_path):
    bogus = tmp_path / "x.db"
    bogus.write_bytes(b"PK\x03\x04 this is a zip, not a database")
    result = run("--db", str(bogus), "check")
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "不是本程序的数据库" in result.stderr
    assert bogus.read_bytes() == b"PK\x03\x04 this is a zip, not a database"


def test_demo_refused_on_a_populated_database(demo_db):
    result = run("--db", str(demo_db), "demo", "--rooms", "50")
    assert result.returncode == 1 and "已有" in result.stderr
