"""Per-PC preferences (window geometry, last folders) in QSettings.

Office-wide settings live in the database (models/settings.py) so every PC sees them.
"""
from __future__ import annotations

from PySide6.QtCore import QSettings

ORG, APP = "PropertyDesk", "PropertyDesk"


def qsettings() -> QSettings:
    return QSettings(ORG, APP)
