"""Where things live on disk: bundled resources and the user's data folder.

One helper for both, so that a frozen (PyInstaller) build finds its resources
the same way a source checkout does.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "PropertyDesk"


def project_root() -> Path:
    """The folder holding main.py (or the unpacked bundle when frozen)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    return project_root().joinpath("resources", *parts)


def user_data_dir() -> Path:
    """%LOCALAPPDATA%\\PropertyDesk on Windows, XDG data home elsewhere."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    else:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / APP_DIR_NAME


def default_database_path() -> Path:
    return user_data_dir() / "property_desk.db"
