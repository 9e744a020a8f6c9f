"""Two errands on a renovation after its application: more workers joining the works (a pass each, their
pass fees and deposits on a receipt of their own), and the fees taken when the owner comes back to pay
(the application was taken with the fees left for later).
"""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel

from models.errors import DomainError
from models.i18n import _
from models.renovation import applying
from ui.renovation.fees_box import FeesBox
from ui.renovation.workers_table import WorkersEditor
from ui.widgets.forms import form_dialog


class AddWorkersDialog(QDialog):
    def __init__(self, ctx, renovation, parent=None):
        super().__init__(parent)
        self.ctx, self.renovation, self.made = ctx, renovation, []
        self.setWindowTitle(_("Add workers to {number}").format(number=renovation.serial))
        self.workers = WorkersEditor()
        self.fees = FeesBox(ctx, _("Their fees (a receipt of their own)"), deposit=False)
        self.fees.set_payers([renovation.owner.name, renovation.contractor.name])
        self.workers.changed.connect(lambda: self.fees.set_workers(len(self.workers.model.filled())))
        form = QFormLayout()
        form.addRow(self.workers)
        form.addRow(self.fees)
        intro = QLabel(_("The new workers of {contractor}, each with a pass of {number}.").format(
            contractor=renovation.contractor.name, number=renovation.serial))
        self.message, _buttons = form_dialog(self, form, self.add, _("Add the workers"), intro=intro)
        self.workers.changed.connect(self.message.clear)
        self.resize(720, 560)

    def add(self) -> None:
        try:
            self.made = applying.add_workers(self.ctx.actor, self.renovation.id, self.workers.workers(),
                                             self.fees.payment())
        except DomainError as refusal:
            self.message.setText(str(refusal))
            if (refusal.field or "").startswith("worker") or refusal.field in ("workers", "photo"):
                self.workers.show_problem(str(refusal), refusal.field)
            return
        self.accept()

    def receipt_id(self) -> int | None:
        """The receipt the new workers' fees went on (their pass deposit's), if taken: read again, since the
        fees were put on them after they were made."""
        made = {w.id for w in self.made}
        for worker in (w for w in applying.get_renovation(self.renovation.id).workers if w.id in made):
            if worker.deposit_id is not None:
                return worker.deposit.line.receipt_id if worker.deposit.line_id else None
        return None


class TakeFeesDialog(QDialog):
    def __init__(self, ctx, renovation, workers: int, parent=None):
        super().__init__(parent)
        self.ctx, self.renovation, self.receipt = ctx, renovation, None
        self.setWindowTitle(_("Take the fees of {number}").format(number=renovation.serial))
        self.fees = FeesBox(ctx)
        self.fees.take_now.setVisible(False)
        names = [renovation.agent_name] if renovation.agent_name else []
        self.fees.set_payers(names + [renovation.owner.name])
        self.fees.set_workers(workers)
        form = QFormLayout()
        form.addRow(self.fees)
        self.message, _buttons = form_dialog(self, form, self.take, _("Take the money and print the receipt"))
        self.resize(520, 360)

    def take(self) -> None:
        try:
            payment = applying.FeePayment(self.fees.payer.currentText(), self.fees.method.currentData())
            self.receipt = applying.take_fees(self.ctx.actor, self.renovation.id, payment)
        except DomainError as refusal:
            self.message.setText(str(refusal))
            return
        self.accept()
