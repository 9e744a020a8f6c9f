"""File dialogs never touch the database's files (issue 14 item 1; sqlite.org "How To Corrupt", §2.2).

Qt's own dialog opens every file it lists to guess its type. Listing the
database's folder then closed descriptors of ``x.db``, ``x.db-wal`` and
``x.db-shm``, which on POSIX drops this process's locks; the next process to
open and close the database deleted the WAL under the live window, and what
the window wrote afterwards was lost.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileSystemModel

from models.money.cashier import Payment, take_payment
from models.money.charging import add_charge
from ui.widgets import files

ROOT = Path(__file__).resolve().parents[2]


def _in_other_process(db_path: Path, code: str) -> str:
    script = ("import sys; sys.path.insert(0, %r)\n" % str(ROOT) +
              "from models.db import open_database, close_database\n"
              f"open_database({str(db_path)!r})\n" + code + "\nclose_database()\n")
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                          timeout=60).stdout.strip()


def _list_folder(qtbot, dialog, name: str) -> None:
    dialog.show()
    model = dialog.findChild(QFileSystemModel)
    qtbot.waitUntil(lambda: model.index(str(Path(dialog.directory().absolutePath()) / name)).isValid(),
                    timeout=5000)
    root = model.index(dialog.directory().absolutePath())
    for row in range(model.rowCount(root)):      # what the list and detail views ask for each file
        index = model.index(row, 0, root)
        model.data(index, QFileSystemModel.FileIconRole)
        model.type(index)
    qtbot.wait(300)                              # the icon gatherer runs in its own thread
    dialog.reject()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX lock semantics")
def test_save_dialog_on_the_database_folder_loses_nothing(qtbot, db, db_path, estate, clerk, finance):
    room = estate["rooms"][0]
    add_charge(finance, room.id, "management_fee", "100.00")
    take_payment(clerk, room.id, Payment(payer="张伟", method="cash", amount="50.00"))
    wal = Path(f"{db_path}-wal")
    inode = wal.stat().st_ino

    files.remember_folder("pdf", str(db_path.parent))       # the clerk saved a PDF next to the database once
    dialog = files.file_dialog(None, "另存为 PDF", "pdf", "PDF (*.pdf)", save=True, suggested_name="收据.pdf")
    assert Path(dialog.directory().absolutePath()) == db_path.parent
    _list_folder(qtbot, dialog, db_path.name)

    _in_other_process(db_path, "pass")                       # another desk, or a scheduled check, comes and goes
    receipt = take_payment(clerk, room.id, Payment(payer="张伟", method="cash", amount="50.00"))
    seen = _in_other_process(db_path, "from models.money.ledger import Receipt\n"
                                      f"print(Receipt.get_or_none(Receipt.id == {receipt.id}) is not None)")
    assert seen == "True"
    assert wal.exists() and wal.stat().st_ino == inode       # the WAL was never deleted and made anew


def test_dialogs_start_in_documents_and_remember_per_kind(qtbot, tmp_path):
    files.remember_folder("export", "")
    files.remember_folder("pdf", "")
    dialog = files.file_dialog(None, "导出", "export", "*.xlsx", save=True)
    assert Path(dialog.directory().absolutePath()) == Path(files.documents_folder())
    files.remember_folder("export", str(tmp_path))
    assert Path(files.file_dialog(None, "导出", "export", "*.xlsx", save=True).directory().absolutePath()) == tmp_path
    assert files.last_folder("pdf") == files.documents_folder()          # each kind of file has its own


def test_icon_provider_names_types_without_reading(tmp_path):
    from PySide6.QtCore import QFileInfo
    target = tmp_path / "office.db-wal"
    target.write_bytes(b"SQLite format 3\0")
    provider = files.NameOnlyIconProvider()
    assert provider.type(QFileInfo(str(target))) == "DB-WAL 文件"
    assert provider.type(QFileInfo(str(tmp_path))) == "文件夹"
    assert not provider.icon(QFileInfo(str(target))).isNull()


def test_tests_keep_settings_and_documents_in_a_scratch_place():
    """Issue 14 item 9: running the tests leaves the real user's settings and folders alone."""
    import tempfile
    from ui.widgets.settings import qsettings
    scratch = tempfile.gettempdir()
    assert qsettings().fileName().startswith(scratch)
    assert files.documents_folder().startswith(scratch)
