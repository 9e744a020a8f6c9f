"""Every file dialog of the program: save a PDF or a workbook, open a roster, later a backup.

Why not ``QFileDialog.getSaveFileName``: to show an icon and a type for each
file, Qt's own dialog (and the GTK one) opens the files it lists to sniff
their contents. If it lists the database's folder it opens and closes
``x.db``, ``x.db-wal`` and ``x.db-shm``, and on POSIX closing any descriptor
of a file drops every lock this process holds on it: the next process to
close the database then deletes the WAL under our live connection, and what
we write afterwards is lost (sqlite.org, "How To Corrupt An SQLite Database
File", §2.2). So the dialogs here use an icon provider that decides from the
name alone, never from the contents, and start in the Documents folder (or
the last folder used for that kind of file), not the database's.
"""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QFileInfo, QStandardPaths
from PySide6.QtGui import QAbstractFileIconProvider
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QWidget

from models.i18n import _
from ui.widgets.settings import qsettings


class NameOnlyIconProvider(QFileIconProvider):
    """Icons and type names from the file's name: nothing is opened or read."""

    def __init__(self):
        super().__init__()
        self.setOptions(QAbstractFileIconProvider.Option.DontUseCustomDirectoryIcons)

    def icon(self, what):  # noqa: D401 - Qt override
        if isinstance(what, QFileInfo):
            kind = QAbstractFileIconProvider.IconType.Folder if what.isDir() else \
                QAbstractFileIconProvider.IconType.File
            return super().icon(kind)
        return super().icon(what)

    def type(self, info: QFileInfo) -> str:  # noqa: A003 - Qt override
        if info.isDir():
            return _("Folder")
        suffix = info.suffix()
        return _("{suffix} file").format(suffix=suffix.upper()) if suffix else _("File")


def documents_folder() -> str:
    """The user's Documents folder (made if a fresh Linux account has none yet)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation)
    if not folder:
        return str(Path.home())
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except OSError:
        return str(Path.home())
    return folder


def last_folder(purpose: str) -> str:
    """The folder last used for this kind of file, else the user's Documents."""
    folder = qsettings().value(f"folders/{purpose}", "")
    return folder if folder and Path(folder).is_dir() else documents_folder()


def remember_folder(purpose: str, folder: str) -> None:
    qsettings().setValue(f"folders/{purpose}", folder)


def file_dialog(parent: QWidget | None, title: str, purpose: str, name_filter: str, *,
                save: bool, suggested_name: str = "") -> QFileDialog:
    """A file dialog that never reads the files it lists (see the module's docstring)."""
    dialog = QFileDialog(parent, title, last_folder(purpose), name_filter)
    dialog.setObjectName(f"file_dialog_{purpose}")
    dialog.setAcceptMode(QFileDialog.AcceptSave if save else QFileDialog.AcceptOpen)
    dialog.setFileMode(QFileDialog.AnyFile if save else QFileDialog.ExistingFile)
    if sys.platform != "win32":
        # The GTK and KDE dialogs run in this process and sniff contents too. Windows' own
        # dialog is out of reach of POSIX lock semantics, so it stays native there.
        dialog.setOption(QFileDialog.DontUseNativeDialog, True)
    dialog.setOption(QFileDialog.DontUseCustomDirectoryIcons, True)
    # Qt's Chinese catalogue leaves these two in English.
    dialog.setLabelText(QFileDialog.LookIn, _("Look in:"))
    dialog.setLabelText(QFileDialog.FileType, _("Files of type:"))
    provider = NameOnlyIconProvider()
    dialog.setIconProvider(provider)
    dialog._icon_provider = provider  # Qt does not own it: keep it alive as long as the dialog
    if suggested_name:
        dialog.selectFile(suggested_name)
    dialog.resize(820, 520)
    return dialog


def _run(dialog: QFileDialog, purpose: str) -> str | None:
    if dialog.exec() != QFileDialog.Accepted or not dialog.selectedFiles():
        return None
    path = dialog.selectedFiles()[0]
    remember_folder(purpose, str(Path(path).parent))
    return path


def save_file_name(parent: QWidget | None, title: str, purpose: str, suggested_name: str, name_filter: str,
                   suffix: str) -> str | None:
    """Ask where to save; the path ends in ``suffix``; None when cancelled."""
    dialog = file_dialog(parent, title, purpose, name_filter, save=True, suggested_name=suggested_name)
    dialog.setDefaultSuffix(suffix.lstrip("."))
    path = _run(dialog, purpose)
    if path and not path.lower().endswith(suffix.lower()):
        path += suffix
    return path


def open_file_name(parent: QWidget | None, title: str, purpose: str, name_filter: str) -> str | None:
    """Ask which existing file to open; None when cancelled."""
    return _run(file_dialog(parent, title, purpose, name_filter, save=False), purpose)
