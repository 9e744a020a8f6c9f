"""验收: the engineering supervisor accepts the works, with what is kept from the renovation deposit and
why (damage to common parts, garbage left, a wall opened…), each deduction its own row. The dialog
shows the deposit held and what will come back at settlement; the operation refuses deductions past
the deposit, or one without its reason, and the dialog stays open with what was typed.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QDialog, QFormLayout, QHeaderView, QLabel, QLineEdit, QTableView

from models.amounts import parse_yuan, yuan
from models.errors import DomainError, InvalidInput
from models.i18n import _
from models.renovation import deciding
from ui.widgets.forms import form_dialog

ROWS = 3


class AcceptDialog(QDialog):
    def __init__(self, ctx, renovation, held_fen: int, parent=None):
        super().__init__(parent)
        self.ctx, self.renovation, self.held = ctx, renovation, held_fen
        self.setWindowTitle(_("Accept the works of {number}").format(number=renovation.serial))
        intro = QLabel(_("{room}: the works are accepted. Anything kept from the deposit ({held} held) goes on a row "
                         "of its own, with its reason; the rest comes back when the deposit is settled.").format(
            room=renovation.room.label, held=yuan(held_fen)))
        intro.setWordWrap(True)
        self.model = QStandardItemModel(ROWS, 2, self)
        self.model.setHorizontalHeaderLabels([_("Amount (yuan)"), _("Reason")])
        self.model.itemChanged.connect(self._changed)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.AllEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        self.table.setColumnWidth(0, 120)
        self.table.setMinimumHeight(130)
        self.back = QLabel()
        self.back.setStyleSheet("font-weight: bold;")
        self.note = QLineEdit()
        self.note.setMaxLength(300)
        form = QFormLayout()
        form.addRow(_("Deductions"), self.table)
        form.addRow("", self.back)
        form.addRow(_("Note"), self.note)
        self.message, _buttons = form_dialog(self, form, self.accept_works, _("Accept the works"), intro=intro)
        self.resize(620, 380)
        self._changed()

    def _changed(self, item: QStandardItem | None = None) -> None:
        if item is not None and item.row() == self.model.rowCount() - 1 and item.text().strip():
            self.model.insertRow(self.model.rowCount())
        kept = 0
        for amount, _reason in self.deductions():
            try:
                kept += parse_yuan(amount)
            except InvalidInput:
                pass
        self.back.setText(_("Held {held} − deducted {kept} = {back} to refund").format(
            held=yuan(self.held), kept=yuan(kept), back=yuan(self.held - kept)))
        self.back.setStyleSheet(f"font-weight: bold; color: {'#c9302c' if kept > self.held else '#1f4e79'};")
        if getattr(self, "message", None) is not None:
            self.message.clear()

    def deductions(self) -> list[tuple[str, str]]:
        rows = []
        for row in range(self.model.rowCount()):
            amount, reason = (self.model.item(row, c).text().strip() if self.model.item(row, c) else ""
                              for c in range(2))
            if amount or reason:
                rows.append((amount, reason))
        return rows

    def set_row(self, row: int, amount: str, reason: str) -> None:
        for column, text in enumerate((amount, reason)):
            item = QStandardItem(text)
            if column == 0:
                item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            self.model.setItem(row, column, item)

    def accept_works(self) -> None:
        try:
            deciding.accept(self.ctx.actor, self.renovation.id, self.note.text(), self.deductions())
        except DomainError as refusal:
            self.message.setText(str(refusal))
            return
        self.accept()
