"""The command line, as a scheduled job runs it: no prompts, exit codes, one-line reasons."""
import os
import subprocess
import sys
import tempfile

import pytest

from tests.cli_run import ROOT, main_runner


SCRATCH = tempfile.mkdtemp(prefix="pmdesk-cli-home-")   # logs and settings never go to the real user's


run = main_runner(SCRATCH)


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
    refused = run("--db", str(db), "--create", "import", "rooms", str(tmp_path / "rooms.xlsx"))
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
    result = run("--db", str(demo_db), "--user", "admin", "demo", "--rooms", "50", env={"PMDESK_PASSWORD": "demo123"})
    assert result.returncode == 1 and "已有" in result.stderr


# --- issue 14 item 4: every verb with bad arguments gets one line and a non-zero exit ------------

BAD_ARGUMENTS = [
    ("no such verb", ["frobnicate"]),
    ("unknown list", ["export", "nosuchlist", "--out", "x.xlsx"]),
    ("missing --out", ["export", "rooms"]),
    ("year that is not one", ["export", "receipts", "--year", "abc", "--out", "x.xlsx"]),
    ("date that is not one", ["export", "arrears", "--as-of", "2026-13-45", "--out", "x.xlsx"]),
    ("over-long receipt number", ["print", "receipt", "2026-" + "9" * 40, "--out", "x.pdf"]),
    ("receipt number of another kind", ["print", "receipt", "TK2026-1", "--out", "x.pdf"]),
    ("room that does not exist", ["print", "card", "99-9-9999", "--out", "x.pdf"]),
    ("months that are not a number", ["print", "reminders", "--min-months", "x", "--out", "x.pdf"]),
    ("month typo", ["charge", "month", "2026-13"]),
    ("unknown document", ["print", "poster", "--out", "x.pdf"]),
    ("import of a missing file", ["import", "rooms", "/nonexistent/rooms.xlsx"]),
    ("import of an unknown kind", ["import", "cars", "x.xlsx"]),
    ("demo too small", ["demo", "--rooms", "3"]),
    ("demo rooms not a number", ["demo", "--rooms", "many"]),
    ("user add without a role", ["user", "add", "wang"]),
    ("user with an unknown role", ["user", "add", "wang", "--role", "king"]),
    ("a NUL in the search", ["export", "rooms", "--search", "1\x002", "--out", "/nonexistent/dir/x.xlsx"]),
    ("unwritable output", ["print", "card", "1-1-101", "--out", "/nonexistent/dir/card.pdf"]),
    ("a date far in the future", ["print", "reminders", "--as-of", "9999-12-31", "--out", "x.pdf"]),
    ("a folder as the workbook", ["export", "rooms", "--out", "/tmp"]),
    ("a card without its room", ["print", "card", "--out", "x.pdf"]),
    ("a language that is not offered", ["--lang", "xx", "check"]),
    ("a database of a kind not offered", ["--db", "mysql://office/desk", "check"]),
    ("an empty database name", ["--db", "", "check"]),
    ("a refund slip named by a receipt's number", ["print", "refund", "2026-000001", "--out", "x.pdf"]),
    ("a close named by neither number nor day", ["print", "close", "yesterday", "--out", "x.pdf"]),
    ("a filter the list does not have", ["export", "rooms", "--filter", "colour=red", "--out", "x.xlsx"]),
    ("a filter value its parser refuses", ["export", "arrears", "--filter", "min_months=0", "--out", "x.xlsx"]),
    ("a filter without its value", ["export", "receipts", "--filter", "method", "--out", "x.xlsx"]),
    ("a verb group alone", ["user"]),
]


@pytest.mark.parametrize("why, args", BAD_ARGUMENTS, ids=[b[0] for b in BAD_ARGUMENTS])
def test_bad_arguments_get_one_line_and_a_non_zero_exit(demo_db, tmp_path, why, args):
    args = [a.replace("\\x00", "\x00") for a in args]
    args = [str(tmp_path / a) if a in ("x.xlsx", "x.pdf") else a for a in args]
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(demo_db), *[
        a for a in args if "\x00" not in a]], capture_output=True, text=True, stdin=subprocess.DEVNULL,
        timeout=120, env=dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=SCRATCH))
    lines = result.stderr.strip().splitlines()
    assert result.returncode != 0, why
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr and lines[0].startswith("错误")


def test_broken_pipe_is_quiet(demo_db):
    shell = subprocess.run(f"'{sys.executable}' '{ROOT / 'main.py'}' --db '{demo_db}' check | head -1",
                           shell=True, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in shell.stderr and "BrokenPipe" not in shell.stderr
    assert len(shell.stdout.splitlines()) == 1


def test_a_missing_database_is_not_made_without_create(tmp_path):
    missing = tmp_path / "typo.db"
    result = run("--db", str(missing), "check")
    assert result.returncode == 1 and "--create" in result.stderr and not missing.exists()


# --- issue 14 item 5: the computer's account reads and runs allowed jobs, nothing else -------

def test_the_computer_account_may_not_write(demo_db, tmp_path):
    added = run("--db", str(demo_db), "user", "add", "mallory", "--role", "admin", env={"PMDESK_NEW_PASSWORD": "x1x2x3x4"})
    assert added.returncode == 1 and "--user" in added.stderr
    charged = run("--db", str(demo_db), "charge", "month")
    assert charged.returncode == 1 and "--user" in charged.stderr
    exported = run("--db", str(demo_db), "export", "people", "--out", str(tmp_path / "p.xlsx"))
    assert exported.returncode == 0, exported.stderr
    unmasked = run("--db", str(demo_db), "export", "people", "--unmasked", "--out", str(tmp_path / "u.xlsx"))
    assert unmasked.returncode == 1 and not (tmp_path / "u.xlsx").exists()


def test_an_administrator_switches_a_job_off(demo_db, tmp_path):
    from models import db as dbmod, settings
    from models.users import ADMIN, Actor
    dbmod.open_database(demo_db)
    settings.set_value(Actor("管理员", ADMIN), "cli.allow.export", False)
    dbmod.close_database()
    try:
        refused = run("--db", str(demo_db), "export", "rooms", "--out", str(tmp_path / "r.xlsx"))
        assert refused.returncode == 1 and "导出" not in refused.stdout and "--user" in refused.stderr
        as_user = run("--db", str(demo_db), "--user", "clerk", "export", "rooms", "--out", str(tmp_path / "r.xlsx"),
                      env={"PMDESK_PASSWORD": "demo123"})
        assert as_user.returncode == 0, as_user.stderr
        assert oct((tmp_path / "r.xlsx").stat().st_mode & 0o777) == oct(0o666 & ~_umask())
    finally:
        dbmod.open_database(demo_db)
        settings.set_value(Actor("管理员", ADMIN), "cli.allow.export", True)
        dbmod.close_database()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_card_printed_by_the_computer_account_names_no_clerk(demo_db, tmp_path):
    from pypdf import PdfReader
    out = tmp_path / "card.pdf"
    result = run("--db", str(demo_db), "print", "card", "1栋1单元101", "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = PdfReader(out).pages[0].extract_text()
    assert "命令行" not in text and "*" in text                  # no "root（命令行）" as 经办人; the ID masked


def test_a_month_typed_ten_years_back_needs_backdate_and_says_what_it_raises(demo_db):
    """Issue 14 item 4: `charge month 2016-11` (for 2026-11) charged ten-year-old months without a word."""
    env = {"PMDESK_PASSWORD": "demo123"}
    refused = run("--db", str(demo_db), "--user", "finance", "charge", "month", "2016-11", env=env)
    assert refused.returncode == 1 and "--backdate" in refused.stderr and len(refused.stderr.splitlines()) == 1
    done = run("--db", str(demo_db), "--user", "finance", "charge", "month", "2016-11", "--backdate", env=env)
    assert done.returncode == 0, done.stderr
    first, second = done.stdout.splitlines()[:2]
    assert first.startswith("补记往月费用") and "2016年11月" in first and "户" in first
    assert second.startswith("2016-11")


def test_argparse_speaks_chinese_and_nothing_is_made_where_a_path_was_mistyped(demo_db, tmp_path):
    result = run("--db", str(demo_db), "frobnicate")
    assert "无效的选择" in result.stderr and "invalid choice" not in result.stderr
    missing = tmp_path / "typo" / "rooms.xlsx"
    result = run("--db", str(demo_db), "export", "rooms", "--out", str(missing))
    assert result.returncode == 1 and "不存在" in result.stderr and not missing.parent.exists()
    assert "用法" in run("--help").stdout


def test_an_empty_sqlite_file_of_another_tool_is_not_taken_over(tmp_path):
    import sqlite3
    path = tmp_path / "blank.db"
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 0")
    con.execute("CREATE TABLE t (x)")
    con.execute("DROP TABLE t")
    con.commit()
    con.close()
    before = path.read_bytes()
    result = run("--db", str(path), "check")
    assert result.returncode == 1 and "--create" in result.stderr and path.read_bytes() == before
    assert run("--db", str(path), "--create", "check").returncode == 0


def test_the_window_without_a_screen_says_so_in_one_chinese_line(tmp_path):
    """Cold trial: with no DISPLAY, Qt aborted with eight English lines (exit 134)."""
    import os
    import subprocess
    import sys
    from tests.cli_run import ROOT
    environment = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    environment.update(XDG_DATA_HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(tmp_path / "x.db"), "--create"],
                          capture_output=True, text=True, env=environment, timeout=60)
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 1 and len(lines) == 1 and lines[0].startswith("错误") and "DISPLAY" in lines[0]
    assert not (tmp_path / "x.db").exists()
