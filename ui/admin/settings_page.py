"""Office settings from the one registry (models/settings.py), stored for every PC."""
from __future__ import annotations

from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QGroupBox, QLabel, QLineEdit, QPushButton, QSpinBox,
                               QVBoxLayout, QWidget)

from models import settings
from models.errors import DomainError
from models.i18n import _
from ui.bus import bus


def _editor(definition: settings.SettingDef):
    """The editor that fits the setting's kind: a tick for yes/no, a number box, or a line of text."""
    value = settings.get(definition.key)
    if definition.kind is bool:
        editor = QCheckBox()
        editor.setChecked(bool(value))
        return editor, editor.isChecked
    if definition.choices is not None:
        editor = QComboBox()
        for key, label in definition.choices.items():
            editor.addItem(_(label), key)
        editor.setCurrentIndex(max(0, editor.findData(value)))
        editor.setMaximumWidth(240)
        return editor, editor.currentData
    if definition.kind is int:
        editor = QSpinBox()
        editor.setMaximumWidth(120)
        editor.setRange(0, 1_000_000)
        editor.setValue(int(value))
        return editor, editor.value
    editor = QLineEdit(str(value))
    editor.setMaximumWidth(480)
    if definition.unset:
        editor.setPlaceholderText(_(definition.unset))
    return editor, editor.text


class SettingsPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.editors: dict[str, QWidget] = {}
        self._values = {}
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<h3>{_('Office settings')}</h3>"))
        groups: dict[str, QFormLayout] = {}
        for key, definition in settings.REGISTRY.items():
            if definition.hidden:
                continue
            if definition.group not in groups:
                box = QGroupBox(_(definition.group))
                groups[definition.group] = QFormLayout(box)
                layout.addWidget(box)
            editor, read = _editor(definition)
            editor.setToolTip(_(definition.description))
            self.editors[key], self._values[key] = editor, read
            label = QLabel(_(definition.label))
            label.setToolTip(_(definition.description))
            groups[definition.group].addRow(label, editor)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.save_button = QPushButton(_("Save"))
        self.save_button.clicked.connect(self.save)
        self.save_button.setEnabled(ctx.actor.can("settings.edit"))
        layout.addWidget(self.message)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)

    def save(self) -> None:
        changed = 0
        try:
            for key, read in self._values.items():
                if settings.get(key) != read():
                    settings.set_value(self.ctx.actor, key, read())
                    changed += 1
        except DomainError as error:
            self.message.setStyleSheet("color: #c9302c; font-weight: bold;")
            self.message.setText(str(error))
            return
        bus.changed("settings")
        self.message.setStyleSheet("color: #2d7a2d;")
        self.message.setText(_("Saved.") if changed else _("Nothing was changed."))
