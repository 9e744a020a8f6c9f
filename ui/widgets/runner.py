"""Long work off the GUI thread, with a progress dialog that can cancel it.

    run_in_background(parent, _("Exporting"), lambda progress: export(..., progress=progress),
                      on_done=lambda result: ...)

The work function receives ``progress(done, total)``; when the clerk presses
Cancel, the next call to it raises ``Cancelled``, the work's transaction rolls
back, and nothing half-written is kept. Domain errors come back as a message
box with the error's own sentence.
"""
from __future__ import annotations

import threading
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from models.db import database
from models.errors import Cancelled, DomainError
from models.i18n import _


class _Worker(QObject):
    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: Callable[[Callable[[int, int], None]], Any]):
        super().__init__()
        self.fn = fn
        self.cancel_requested = threading.Event()

    def progress(self, done: int, total: int | None) -> None:
        if self.cancel_requested.is_set():
            raise Cancelled(_("Cancelled; nothing was changed."))
        self.progressed.emit(int(done), int(total or 0))

    def run(self) -> None:
        try:
            result = self.fn(self.progress)
        except BaseException as error:  # noqa: BLE001 - reported to the GUI thread
            if not isinstance(error, DomainError):
                traceback.print_exc()
            self.failed.emit(error)
        else:
            self.finished.emit(result)
        finally:
            # The worker thread's own database connection (peewee keeps one per thread).
            if database.obj is not None and not database.obj.is_closed():
                database.obj.close()


class _Bridge(QObject):
    """Lives on the GUI thread: the worker's signals reach the dialog and callbacks through its slots."""

    def __init__(self, on_progress, on_done, on_failed):
        super().__init__()
        self._progress, self._done, self._failed = on_progress, on_done, on_failed

    @Slot(int, int)
    def progress(self, done: int, total: int) -> None:
        self._progress(done, total)

    @Slot(object)
    def done(self, result) -> None:
        self._done(result)

    @Slot(object)
    def failed(self, error) -> None:
        self._failed(error)


_running: set = set()


def run_in_background(parent: QWidget | None, title: str, fn: Callable, on_done: Callable[[Any], None] | None = None,
                      on_error: Callable[[BaseException], None] | None = None, *, show_progress: bool = True):
    """Run ``fn(progress)`` in a thread; ``on_done(result)`` back on the GUI thread."""
    thread = QThread(parent)
    worker = _Worker(fn)
    worker.moveToThread(thread)
    dialog = None
    if show_progress:
        dialog = QProgressDialog(title, _("Cancel"), 0, 0, parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.canceled.connect(worker.cancel_requested.set)


    def update(done: int, total: int) -> None:
        if dialog is not None and total:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

    def finish():
        if dialog is not None:
            dialog.reset()
            dialog.deleteLater()
        thread.quit()
        thread.wait()
        _running.discard(job)

    def done(result):
        finish()
        if on_done:
            on_done(result)

    def failed(error):
        finish()
        if on_error:
            on_error(error)
        elif isinstance(error, Cancelled):
            pass
        elif isinstance(error, DomainError):
            QMessageBox.warning(parent, title, str(error))
        else:
            QMessageBox.critical(parent, title, _("Unexpected error: {error}").format(error=error))

    bridge = _Bridge(update, done, failed)
    worker.progressed.connect(bridge.progress, Qt.QueuedConnection)
    worker.finished.connect(bridge.done, Qt.QueuedConnection)
    worker.failed.connect(bridge.failed, Qt.QueuedConnection)
    thread.started.connect(worker.run)
    job = (thread, worker, dialog, bridge)
    _running.add(job)
    thread.start()
    return thread, worker, dialog


def show_error(parent: QWidget | None, error: BaseException, title: str | None = None) -> None:
    """A domain error is the clerk's sentence; anything else is a bug, said plainly."""
    if isinstance(error, DomainError):
        QMessageBox.warning(parent, title or _("Cannot do that"), str(error))
    else:
        traceback.print_exception(error)
        QMessageBox.critical(parent, title or _("Error"), _("Unexpected error: {error}").format(error=error))
