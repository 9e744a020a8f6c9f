"""Office settings from the one registry (models/settings.py), stored for every PC."""
from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QMessageBox, QPushButton, QVBoxLayout, QWidget

from models import settings
from models.errors import DomainError
from models.i18n import _
from ui.bus import bus


class SettingsPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.editors: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for key, definition in settings.REGISTRY.items():
            editor = QLineEdit(str(settings.get(key)))
            editor.setToolTip(_(definition.description))
            self.editors[key] = editor
            form.addRow(_(definition.label), editor)
        save = QPushButton(_("Save"))
        save.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<h3>{_('Office settings')}</h3>"))
        layout.addLayout(form)
        layout.addWidget(save)
        layout.addStretch(1)

    def save(self) -> None:
        try:
            for key, editor in self.editors.items():
                if str(settings.get(key)) != editor.text():
                    settings.set_value(self.ctx.actor, key, editor.text())
        except DomainError as error:
            QMessageBox.warning(self, _("Office settings"), str(error))
            return
        bus.changed("settings")
        QMessageBox.information(self, _("Office settings"), _("Saved."))
