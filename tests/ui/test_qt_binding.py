"""The Qt binding keeps Python's books straight: a window used all day must not abort.

PySide6 6.12.0 dropped one reference to ``None`` on every Qt call returning nothing (``setText``,
``setEnabled``…); on Python 3.11, where ``None`` is counted, the gate's window aborted with
"deallocating None" after a few hours of scans. pyproject.toml keeps that release out; this test
catches any binding that does it again.
"""
import sys

from PySide6.QtWidgets import QLabel


def test_qt_calls_returning_nothing_leave_none_s_count_alone(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("放行")
        label.setEnabled(True)
        label.setVisible(False)
    assert abs(sys.getrefcount(None) - before) < 50
