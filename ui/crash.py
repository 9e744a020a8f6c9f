"""An error nobody foresaw, in the window: written to the error log with its traceback, and said to the
clerk in one Chinese sentence, instead of Qt carrying on half way through (or stopping) in silence.

Every write is one transaction, so what was saved stays saved; the operation that failed wrote nothing.
The log (``errors.log`` in the user's data folder) is what a support person asks for.
"""
from __future__ import annotations

import datetime as dt
import sys
import time
import traceback
from pathlib import Path

from models.i18n import _

QUIET_SECONDS = 10          # one message for a burst of errors (a paint event failing on every repaint)


def error_log() -> Path:
    from models.paths import user_data_dir
    return user_data_dir() / "errors.log"


def write_error(kind, value, tb) -> Path | None:
    """Append the error to the log; the log's path, or None when it cannot be written (a full disk)."""
    path = error_log()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {dt.datetime.now():%Y-%m-%d %H:%M:%S}\n")
            log.write("".join(traceback.format_exception(kind, value, tb)))
        return path
    except OSError:
        return None


def install(parent_of=lambda: None) -> None:
    """Route uncaught errors of the window's event loop here (``sys.excepthook``)."""
    last = [0.0]

    def hook(kind, value, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        path = write_error(kind, value, tb)
        traceback.print_exception(kind, value, tb)
        if time.monotonic() - last[0] < QUIET_SECONDS:
            return
        last[0] = time.monotonic()
        from PySide6.QtWidgets import QMessageBox
        where = _("The details are in {path}.").format(path=path) if path else ""
        QMessageBox.warning(parent_of(), _("Unexpected error"), " ".join(filter(None, (
            _("Something went wrong that the program did not expect; what you were doing may not have been "
              "finished. What was saved before is safe. Look at the record again before going on."), where))))

    sys.excepthook = hook
