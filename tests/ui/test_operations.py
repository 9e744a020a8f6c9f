"""One way for a page to run an operation (issue 15): run, show the refusal, tell every page."""
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from models.errors import InvalidInput
from ui.bus import bus
from ui.widgets.operations import run_op


def test_a_refusal_is_said_in_the_form_and_its_field_focused_and_nothing_is_announced(qtbot):
    page = QWidget()
    qtbot.addWidget(page)
    line, amount = QLabel(page), QLineEdit(page)
    page.show()
    heard, done = [], []
    bus.data_changed.connect(heard.append)

    def refuse():
        raise InvalidInput("金额必须大于零。", field="amount")

    assert run_op(page, refuse, changed="money", error=line, fields={"amount": amount}, on_done=done.append) is False
    assert line.text() == "金额必须大于零。" and page.focusWidget() is amount and heard == [] and done == []
    assert run_op(page, lambda: 42, changed=("money", "rooms"), error=line, on_done=done.append) is True
    assert line.text() == "" and done == [42] and heard == ["money", "rooms"]
    bus.data_changed.disconnect(heard.append)
