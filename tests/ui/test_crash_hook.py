"""An unforeseen error in the window is logged with its traceback and said once in Chinese."""
import sys

from PySide6.QtWidgets import QApplication, QMessageBox


def test_an_uncaught_error_is_logged_and_said_once(qtbot, tmp_path, monkeypatch):
    from ui import crash
    monkeypatch.setattr(crash, "error_log", lambda: tmp_path / "logs" / "errors.log")
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append((title, text)))
    old = sys.excepthook
    try:
        crash.install()
        for _ in range(3):
            try:
                raise ValueError("boom")
            except ValueError:
                sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = old
    log = (tmp_path / "logs" / "errors.log").read_text(encoding="utf-8")
    assert log.count("ValueError: boom") == 3 and "Traceback" in log
    assert len(said) == 1 and said[0][0] == "意外错误" and "errors.log" in said[0][1]
    assert QApplication.instance() is not None
