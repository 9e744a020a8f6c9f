"""Editors that validate as you type and say what is wrong.

Each wraps one rule of models/validation.py, so the form and the domain never
disagree: the form only shows early what the operation would refuse anyway.
"""
from __future__ import annotations

import datetime as dt
from typing import Callable

from PySide6.QtCore import QDate, QDateTime, Signal
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QDateEdit, QDateTimeEdit, QHBoxLayout, QLineEdit, QRadioButton,
                               QWidget)

from models import validation as v
from models.errors import InvalidInput
from models.i18n import _

_BAD_STYLE = "QLineEdit { border: 1px solid #d9534f; background: #fff4f4; }"


class CheckedLineEdit(QLineEdit):
    """A line edit with a check: red border and a tooltip saying why when wrong."""
    validity_changed = Signal(bool, str)

    def __init__(self, check: Callable[[str], object], placeholder: str = "", optional: bool = True, parent=None):
        super().__init__(parent)
        self._check = check
        self.optional = optional
        self.problem = ""
        self.setPlaceholderText(placeholder)
        self.textChanged.connect(self._revalidate)

    def _revalidate(self, _text=None) -> None:
        text = self.text()
        problem = ""
        if v.compact(text) or not self.optional:
            try:
                self._check(text)
            except InvalidInput as error:
                problem = str(error)
        if problem != self.problem:
            self.problem = problem
            self.setStyleSheet(_BAD_STYLE if problem else "")
            self.setToolTip(problem)
            self.validity_changed.emit(not problem, problem)

    def is_valid(self) -> bool:
        self._revalidate()
        return not self.problem


class IdNumberEdit(CheckedLineEdit):
    """An ID number checked for its document type (check digit for resident IDs)."""

    def __init__(self, type_box: QComboBox | None = None, parent=None):
        self.type_box = type_box
        super().__init__(lambda text: v.id_document(self._type(), text), _("18-digit ID number"), parent=parent)
        self.setMaxLength(30)
        if type_box is not None:
            type_box.currentIndexChanged.connect(lambda _i: self._revalidate())

    def _type(self) -> str:
        return self.type_box.currentData() if self.type_box is not None else v.ID_MAINLAND


class PhoneEdit(CheckedLineEdit):
    def __init__(self, parent=None):
        super().__init__(v.phone, _("mobile or 0755-88886666"), parent=parent)
        self.setMaxLength(24)


class AreaEdit(CheckedLineEdit):
    def __init__(self, parent=None):
        super().__init__(v.area_dm2, _("e.g. 89.50"), optional=False, parent=parent)
        self.setMaxLength(12)


class PlateEdit(CheckedLineEdit):
    def __init__(self, parent=None):
        super().__init__(v.plate, _("e.g. 粤B12345"), parent=parent)
        self.setMaxLength(12)


class DateEdit(QDateEdit):
    """A date with a calendar pop-up, shown as 2026-11-24."""

    def __init__(self, value: dt.date | None = None, parent=None):
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.set_date(value or dt.date.today())

    def set_date(self, value: dt.date) -> None:
        self.setDate(QDate(value.year, value.month, value.day))

    def value(self) -> dt.date:
        d = self.date()
        return dt.date(d.year(), d.month(), d.day())


class MomentEdit(QDateTimeEdit):
    """A moment to the minute with a calendar pop-up, opened at ``start`` (now): ``moment()`` is None while it
    still shows what it opened at (the domain then takes its own "now", or its own default), else the moment."""

    def __init__(self, start: QDateTime | None = None, parent=None):
        self.opened = start or QDateTime.currentDateTime()
        super().__init__(self.opened, parent)
        self.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.setCalendarPopup(True)

    def moment(self) -> dt.datetime | None:
        shown = self.dateTime()
        if shown.toString("yyyyMMddHHmm") == self.opened.toString("yyyyMMddHHmm"):
            return None
        return shown.toPython().replace(second=0, microsecond=0)


def radio_group(parent: QWidget, choices: list[tuple[object, str]], checked=None) -> tuple[QButtonGroup, QHBoxLayout]:
    """Radio buttons in a row, each carrying its value (``radio_value`` gives the one checked)."""
    group, row = QButtonGroup(parent), QHBoxLayout()
    for index, (value, text) in enumerate(choices):
        button = QRadioButton(text)
        button.setProperty("value", value)
        button.setChecked(value == checked)
        group.addButton(button, index)
        row.addWidget(button)
    row.addStretch(1)
    return group, row


def radio_value(group: QButtonGroup, default=None):
    button = group.checkedButton()
    return button.property("value") if button is not None else default


def result_follows(group: QButtonGroup, findings: QLineEdit) -> None:
    """A finding typed is a finding: ``group``'s second button (something found) checked while ``findings``
    has text, its first (all in order) when it is emptied; no longer once the clerk clicked one of them."""
    clicked: list[bool] = []
    group.buttonClicked.connect(lambda _b: clicked.append(True))
    findings.textEdited.connect(lambda text: clicked or group.buttons()[1 if text.strip() else 0].setChecked(True))


def choice_box(choices: dict[str, str], current: str | None = None) -> QComboBox:
    """A drop-down of (key → English label) choices, shown translated."""
    box = QComboBox()
    for key, label in choices.items():
        box.addItem(_(label), key)
    if current is not None:
        index = box.findData(current)
        if index >= 0:
            box.setCurrentIndex(index)
    return box


class MoneyEdit(CheckedLineEdit):
    """An amount in yuan (¥1,500.00), checked as typed; ``fen()`` gives the integer."""

    def __init__(self, optional: bool = False, parent=None):
        from models.amounts import parse_yuan
        self._parse = parse_yuan
        super().__init__(parse_yuan, _("e.g. 1500.00"), optional=optional, parent=parent)
        self.setMaxLength(16)

    def fen(self) -> int | None:
        try:
            return self._parse(self.text())
        except InvalidInput:
            return None

    def set_fen(self, fen: int) -> None:
        self.setText(f"{fen // 100}.{fen % 100:02d}")
