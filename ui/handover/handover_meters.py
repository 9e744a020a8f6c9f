"""The meters read and the keys counted out on the handover form.

Each meter (水表, 电表, 燃气表) is its number and its reading; the last reading of that meter on file is
shown beside it as soon as the number is typed, and a reading lower than it is marked at once (the
handover refuses it anyway, saying so). A meter left blank (a room without gas) is not read. Keys: a
count per kind the office hands over (the setting handover.key_kinds); 0 is a kind not handed.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QLineEdit, QSpinBox, QWidget

from models import validation as v
from models.handover import handing
from models.handover.printed import key_unit
from models.handover.tables import METERS
from models.i18n import _

_BAD = "QLineEdit { border: 1px solid #d9534f; background: #fff4f4; }"
TOO_LARGE = Decimal("1e10")         # the domain's bound (models/handover/meters.py): no meter reads that high
NAMES = {"water": "Water meter", "electricity": "Electricity meter", "gas": "Gas meter"}


class MetersBox(QGroupBox):
    def __init__(self, parent=None):
        super().__init__(_("Meter readings"), parent)
        self.room_id: int | None = None
        self.numbers: dict[str, QLineEdit] = {}
        self.readings: dict[str, QLineEdit] = {}
        self.last: dict[str, QLabel] = {}
        self.before: dict[str, Decimal | None] = {}
        grid = QGridLayout(self)
        for column, text in enumerate((_("Meter"), _("Meter no."), _("Reading"), _("Last reading"))):
            heading = QLabel(text)
            heading.setStyleSheet("color: #555;")
            grid.addWidget(heading, 0, column)
        for row, meter in enumerate(METERS, start=1):
            number = QLineEdit()
            number.setMaxLength(30)
            number.setPlaceholderText(_("meter no."))
            reading = QLineEdit()
            reading.setMaxLength(14)
            reading.setMinimumWidth(100)
            reading.setPlaceholderText(_("e.g. 1234.5"))
            last = QLabel()
            last.setStyleSheet("color: #555;")
            number.textChanged.connect(lambda _t, m=meter: self._look_up(m))
            reading.textChanged.connect(lambda _t, m=meter: self._check(m))
            self.numbers[meter], self.readings[meter], self.last[meter] = number, reading, last
            grid.addWidget(QLabel(_(NAMES[meter])), row, 0)
            grid.addWidget(number, row, 1)
            grid.addWidget(reading, row, 2)
            grid.addWidget(last, row, 3)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)
        grid.setColumnStretch(3, 2)

    def show_room(self, room_id: int | None) -> None:
        self.room_id = room_id
        for meter in METERS:
            self.numbers[meter].clear()
            self.readings[meter].clear()
            self._look_up(meter)

    def _look_up(self, meter: str) -> None:
        number = v.compact(self.numbers[meter].text()).upper()
        found = handing.last_reading(self.room_id, meter, number) if self.room_id and number else None
        self.before[meter] = found.reading if found is not None else None
        self.last[meter].setText(_("{reading} on {date}").format(
            reading=handing.shown_reading(found.reading), date=f"{found.read_on:%Y-%m-%d}") if found else
            (_("first reading") if number else ""))
        self._check(meter)

    def _check(self, meter: str) -> None:
        edit, before = self.readings[meter], self.before.get(meter)
        try:
            value = Decimal(v.compact(edit.text())) if v.compact(edit.text()) else None
        except InvalidOperation:
            value = None
        large = value is not None and (not value.is_finite() or value >= TOO_LARGE)
        low = value is not None and not large and before is not None and value < before
        bad = bool(v.compact(edit.text())) and (value is None or large or value < 0 or low)
        edit.setStyleSheet(_BAD if bad else "")
        edit.setToolTip(_("Lower than the last reading: read the meter again.") if low else
                        _("Too large for a meter reading: read the meter again.") if large else "")

    def marked(self) -> list[str]:
        """The meters whose reading is marked red (not a number, below 0 or the last, too large)."""
        return [meter for meter in METERS if self.readings[meter].styleSheet() == _BAD]

    def readings_given(self) -> list[handing.Reading]:
        return [handing.Reading(meter, self.numbers[meter].text(), self.readings[meter].text()) for meter in METERS
                if v.compact(self.numbers[meter].text()) or v.compact(self.readings[meter].text())]

    def fields(self) -> dict[str, QWidget]:
        first = next(iter(METERS))
        return {"meter": self.numbers[first], "meter_no": self.numbers[first], "reading": self.readings[first]}

    def field_for(self, refusal: str, field: str) -> QWidget | None:
        """The box a refusal is about: the meter whose number it names (or asks for); for a reading not named,
        the one marked red, else the one whose reading it quotes."""
        for meter, label in METERS.items():
            number = v.compact(self.numbers[meter].text()).upper()
            if (number and number in refusal) or refusal == _("Give the {meter} meter's number.").format(
                    meter=_(label)):
                return self.readings[meter] if field == "reading" else self.numbers[meter]
        if field == "reading":
            marked = self.marked()
            if marked:
                return self.readings[marked[0]]
            for meter in METERS:
                reading = v.compact(self.readings[meter].text())[:20]
                if reading and reading in refusal:
                    return self.readings[meter]
        return self.fields().get(field)

    def focus_chain(self) -> list[QWidget]:
        return [w for meter in METERS for w in (self.numbers[meter], self.readings[meter])]


class KeysBox(QGroupBox):
    def __init__(self, parent=None):
        super().__init__(_("Keys handed over"), parent)
        self.counts: dict[str, QSpinBox] = {}
        self.grid = QGridLayout(self)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(3, 1)
        self.grid.setHorizontalSpacing(12)

    def reset(self) -> None:
        """The office's kinds of key (the setting may have changed), each at 0."""
        kinds = handing.key_kinds()
        if list(self.counts) != kinds:
            for spin in self.counts.values():
                spin.deleteLater()
            while self.grid.count():
                item = self.grid.takeAt(0)
                if item.widget() is not None:
                    item.widget().deleteLater()
            self.counts = {}
            for i, kind in enumerate(kinds):
                spin = QSpinBox()
                spin.setRange(0, 50)
                spin.setSpecialValueText(_("none"))
                spin.setSuffix(f" {key_unit(kind)}")
                spin.setFixedWidth(96)
                label = QLabel(kind)
                self.grid.addWidget(label, i // 2, (i % 2) * 2)
                self.grid.addWidget(spin, i // 2, (i % 2) * 2 + 1)
                label.show()
                spin.show()
                self.counts[kind] = spin
        for spin in self.counts.values():
            spin.setValue(0)

    def keys(self) -> list[tuple[str, int]]:
        return [(kind, spin.value()) for kind, spin in self.counts.items() if spin.value() > 0]

    def focus_chain(self) -> list[QWidget]:
        return list(self.counts.values())
