"""The papers brought with an application (seed 004 场景二): the contractor's business licence (营业执照)
and qualification certificate (资质证书), the construction drawings (施工图纸), and the owner's written
authorisation (委托书) when an agent applies. Each is chosen from a file (a scan or a photo), shown by
its name, and ticked as submitted; the application keeps the ticked ones as its attachments.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout

from models.errors import DomainError
from models.i18n import _
from models.renovation.applying import Paper
from ui.renovation.files import ChosenFile, choose_file
from ui.widgets.forms import error_label

# key, what the clerk reads (English source), the label kept with the file (printed: Chinese)
PAPERS = (("licence", "Business licence", "营业执照"), ("qualification", "Qualification certificate", "资质证书"),
          ("drawings", "Construction drawings", "施工图纸"), ("authorisation", "Owner's authorisation", "委托书"))


class PapersBox(QGroupBox):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(_("Papers"), parent)
        self.files: dict[str, ChosenFile | None] = {key: None for key, *_rest in PAPERS}
        self.ticks: dict[str, QCheckBox] = {}
        self.names: dict[str, QLabel] = {}
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        for row, (key, label, _kept) in enumerate(PAPERS):
            tick = QCheckBox(_(label))
            tick.setEnabled(False)
            tick.setToolTip(_("Ticked when the file is chosen: the paper is submitted"))
            tick.toggled.connect(lambda _on: self.changed.emit())
            name = QLabel(_("not chosen"))
            name.setStyleSheet("color: #888;")
            button = QPushButton(_("Choose file…"))
            button.clicked.connect(lambda _c=False, k=key: self.choose(k))
            grid.addWidget(tick, row, 0)
            grid.addWidget(name, row, 1)
            grid.addWidget(button, row, 2)
            self.ticks[key], self.names[key], self.buttons[key] = tick, name, button
        self.message = error_label()
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.message)

    def choose(self, key: str) -> None:
        label = dict((k, lbl) for k, lbl, _kept in PAPERS)[key]
        try:
            chosen = choose_file(self, _("Choose the file of the paper: {paper}").format(paper=_(label)))
        except DomainError as refusal:
            self.message.setText(str(refusal))
            return
        if chosen is not None:
            self.put(key, chosen)

    def put(self, key: str, chosen: ChosenFile | None) -> None:
        self.message.clear()
        self.files[key] = chosen
        self.names[key].setText(chosen.name if chosen else _("not chosen"))
        self.names[key].setToolTip(chosen.name if chosen else "")
        self.names[key].setStyleSheet("" if chosen else "color: #888;")
        self.ticks[key].setEnabled(chosen is not None)
        self.ticks[key].setChecked(chosen is not None)
        self.changed.emit()

    def papers(self) -> list[Paper]:
        kept = {k: lbl for k, _label, lbl in PAPERS}
        return [Paper(kept[key], chosen.name, chosen.data) for key, chosen in self.files.items()
                if chosen is not None and self.ticks[key].isChecked()]

    def clear(self) -> None:
        for key in self.files:
            self.put(key, None)
