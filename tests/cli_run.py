"""main.py run as a scheduled job runs it, for the command-line tests: a subprocess with no terminal,
no password in the environment, and logs and settings kept out of the real user's home; the office those
tests set up (its users), the one Chinese line a refusal prints, and a paper printed to a PDF read back."""
import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main_runner(scratch: str):
    """``run(*args, env=None)``: main.py with ``args``, its data and config homes in ``scratch``."""
    def run(*args, env=None):
        environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=scratch, XDG_CONFIG_HOME=scratch)
        environment.pop("PMDESK_PASSWORD", None)
        environment.update(env or {})
        return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                              env=environment, stdin=subprocess.DEVNULL, timeout=120)
    return run


# The users a command-line test's office has: login → name, role, password (PMDESK_PASSWORD in ``env``).
USERS = {"zhouwd": ("周卫东", "gate", "gate123"), "lijing": ("李静", "clerk", "clerk123"),
         "qian": ("钱会计", "finance", "money123")}
GUARD, CLERK, FINANCE = ({"PMDESK_PASSWORD": USERS[login][2]} for login in ("zhouwd", "lijing", "qian"))


@contextmanager
def cli_office(path, *logins: str):
    """A new database at ``path`` as the office sets it up: its settings, an administrator (admin), and the
    users of ``logins`` (``USERS``); yields each one's actor by login (the administrator's as "admin"), and
    closes the database after."""
    from models import db as dbmod, settings, users
    from tests.conftest import TEST_OFFICE
    dbmod.open_database(path, create=True)
    try:
        with dbmod.write_tx():
            for key, value in TEST_OFFICE.items():
                settings.Setting.create(key=key, value=value)
        admin = users.Actor.for_user(users.create_first_administrator("admin", "管理员", "secret1"))
        actors = {"admin": admin}
        for login in logins:
            name, role, password = USERS[login]
            actors[login] = users.Actor.for_user(users.create_user(admin, login, name, role, password))
        yield actors
    finally:
        dbmod.close_database()


@contextmanager
def opened(path):
    """The database the commands ran on, opened in the test for a look (or a change), closed after."""
    from models import db as dbmod
    dbmod.open_database(path)
    try:
        yield
    finally:
        dbmod.close_database()


def one_chinese_line(result, code=1) -> str:
    """The refusal a command printed: exit ``code``, one line on stderr beginning 错误, no traceback."""
    lines = result.stderr.strip().splitlines()
    assert result.returncode == code, (result.stdout, result.stderr)
    assert len(lines) == 1 and lines[0].startswith("错误") and "Traceback" not in result.stderr, result.stderr
    return lines[0]


def printed(run, db, folder, *args) -> list[str]:
    """``main.py print ARGS`` to a PDF in ``folder``, read back: the text of each page."""
    from tests.reports.release.slip_pages import page_texts
    out = Path(folder) / f"{args[0]}.pdf"
    result = run("--db", str(db), "print", *args, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout
    return page_texts(out.read_bytes())
