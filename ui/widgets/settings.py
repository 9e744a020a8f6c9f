"""Per-PC preferences (window geometry, last folders) in QSettings.

Office-wide settings live in the database (models/settings.py) so every PC sees them.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

ORG, APP = "PropertyDesk", "PropertyDesk"


def qsettings() -> QSettings:
    return QSettings(ORG, APP)


def last_folder(purpose: str) -> str:
    folder = qsettings().value(f"folders/{purpose}", "")
    return folder if folder and Path(folder).is_dir() else str(Path.home())


def remember_folder(purpose: str, folder: str) -> None:
    qsettings().setValue(f"folders/{purpose}", folder)
