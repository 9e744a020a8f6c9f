"""上报: the rectifications still unresolved, reported to the owners' committee, the residents'
committee or the housing authority, the report kept as the file (seed 000 §4.3.6).

Choose the period and to whom; the notices issued in it and still not rectified after their
deadline are listed at once. 预览报告 shows the report's PDF (document "escalation", as ``main.py
print escalation --from --to`` makes it); 导出 Excel saves its workbook; 上报并存档 marks the open
ones escalated and keeps the PDF with the escalation. The reports made are listed beneath, each
one's file opened with a double-click.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (QComboBox, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSplitter,
                               QVBoxLayout, QWidget)
from PySide6.QtCore import Qt

from models import attachments as att
from models.errors import DomainError, InvalidInput
from models.i18n import _
from models.renovation import inspections
from models.renovation.lists import NOTICE_SHOWN
from ui.bus import bus
from ui.widgets.editors import DateEdit
from ui.widgets.files import save_file_name
from ui.widgets.forms import error_label
from ui.widgets.messages import confirm, inform, show_error
from ui.widgets.print_preview import preview
from ui.widgets.table_model import StaticTableModel
from ui.widgets.tables import read_only_table

NOTICE_HEADERS = ("Notice no.", "Room", "Found", "Rule broken", "Deadline", "Days overdue", "State", "Issued by")
PAST_HEADERS = ("Reported at", "Reported to", "Period", "Notices", "Made by", "File")


def first_of_last_month(today: dt.date | None = None) -> dt.date:
    today = today or dt.date.today()
    return (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def report_pdf(actor, start: dt.date, end: dt.date, to: str) -> tuple[bytes, str]:
    """The escalation report's PDF and its printed name (document "escalation")."""
    from reports.pdf.registry import get_document
    document = get_document("escalation")
    options = {"from": start.isoformat(), "to": end.isoformat(), "report_to": to}
    pdf = document.make(actor, None, options)
    return pdf, document.name(None) if document.name else _(document.title)


class EscalationsPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.notices: list = []
        self.past: list = []
        self.start = DateEdit(first_of_last_month())
        self.end = DateEdit(dt.date.today())
        self.to = QComboBox()
        self.to.setObjectName("escalation_to")
        self.to.setEditable(True)
        self.to.addItems(inspections.ESCALATE_TO)
        self.to.setMinimumContentsLength(10)
        for edit in (self.start, self.end):
            edit.dateChanged.connect(lambda _d: self.refresh())
        self.message = error_label()
        self.model = StaticTableModel([_(h) for h in NOTICE_HEADERS], parent=self, right=(5,))
        self.view = read_only_table(self.model)
        self.view.setObjectName("escalation_notices")
        self.view.setWordWrap(False)
        self.view.horizontalHeader().setStretchLastSection(False)
        self.view.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)       # the finding takes the room
        self.count = QLabel()
        self.preview_button = QPushButton(_("Preview the report…"))
        self.excel_button = QPushButton(_("Export to Excel…"))
        self.escalate_button = QPushButton(_("Report and keep the file…"))
        self.escalate_button.setObjectName("escalate")
        self.preview_button.clicked.connect(self.preview_report)
        self.excel_button.clicked.connect(self.export_excel)
        self.escalate_button.clicked.connect(self.escalate)
        self.past_model = StaticTableModel([_(h) for h in PAST_HEADERS], parent=self, right=(3,))
        self.past_view = read_only_table(self.past_model, single_selection=True)
        self.past_view.setObjectName("escalation_past")
        self.past_view.activated.connect(lambda index: self.open_file(index.row()))      # Enter or a double-click
        self.open_button = QPushButton(_("Open the file"))
        self.open_button.clicked.connect(lambda: self.open_file(self.past_view.currentIndex().row()))
        self._lay_out()
        self.escalate_button.setVisible(ctx.actor.can("renovation.escalate"))     # once in the page, not a window
        self._stale = True
        bus.data_changed.connect(self._data_changed)

    def _lay_out(self) -> None:
        choose = QHBoxLayout()
        for text, widget in ((_("Issued from"), self.start), (_("to"), self.end), (_("Report to"), self.to)):
            choose.addWidget(QLabel(text))
            choose.addWidget(widget)
        choose.addStretch(1)
        choose.addWidget(self.count)
        actions = QHBoxLayout()
        actions.addWidget(self.preview_button)
        actions.addWidget(self.excel_button)
        actions.addWidget(self.escalate_button)
        actions.addStretch(1)
        top = QWidget()
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(choose)
        column.addWidget(self.message)
        column.addWidget(self.view, 1)
        column.addLayout(actions)
        past = QGroupBox(_("Reports made"))
        past_column = QVBoxLayout(past)
        past_column.addWidget(self.past_view, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.open_button)
        past_column.addLayout(row)
        split = QSplitter(Qt.Vertical)
        split.addWidget(top)
        split.addWidget(past)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(split)

    # --- what is shown ------------------------------------------------------------------------
    def refresh(self) -> None:
        self._stale = False
        self.message.clear()
        try:
            self.notices = inspections.unresolved(self.start.value(), self.end.value())
        except DomainError as error:
            self.notices = []
            self.message.setText(str(error))
        self.message.setVisible(bool(self.message.text()))
        today = dt.date.today()
        self.model.set_rows([[n.serial, n.renovation.room.code, n.finding, n.rule, f"{n.deadline:%Y-%m-%d}",
                              str(max(0, (today - n.deadline).days)), _(NOTICE_SHOWN.get(n.shown_state(today), n.state)),
                              n.issued_by] for n in self.notices], [n.id for n in self.notices])
        still_open = sum(1 for n in self.notices if n.state == "open")
        self.count.setText(_("{n} unresolved, {open} not yet reported").format(n=len(self.notices), open=still_open))
        self.escalate_button.setEnabled(still_open > 0)
        for button in (self.preview_button, self.excel_button):
            button.setEnabled(bool(self.notices))
        self._show_past()

    def _show_past(self) -> None:
        self.past = inspections.escalations()
        rows = []
        for report in self.past:
            files = att.attachments_of("escalation", report.id)
            rows.append([f"{report.made_at:%Y-%m-%d %H:%M}", report.to,
                         f"{report.date_from:%Y-%m-%d} — {report.date_to:%Y-%m-%d}", str(report.notices),
                         report.made_by, files[0].filename if files else ""])
        self.past_model.set_rows(rows, [r.id for r in self.past])
        self.open_button.setEnabled(bool(self.past))

    def _data_changed(self, kind: str) -> None:
        if kind in ("renovation", "*"):
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # --- what the clerk does ------------------------------------------------------------------
    def _report(self) -> tuple[bytes, str] | None:
        try:
            return report_pdf(self.ctx.actor, self.start.value(), self.end.value(), self.to.currentText().strip())
        except DomainError as error:
            show_error(self, error, _("Escalation report"))
            return None

    def preview_report(self):
        made = self._report()
        return preview(self, *made) if made is not None else None

    def export_excel(self) -> str | None:
        """The report's workbook (the same rows as the PDF), saved where the clerk chooses."""
        from models.renovation.printed import escalation_for
        from reports.excel.renovation.escalation import write_escalation
        try:
            doc = escalation_for(self.ctx.actor, self.start.value(), self.end.value(), self.to.currentText().strip())
        except DomainError as error:
            show_error(self, error, _("Escalation report"))
            return None
        name = f"{_('Escalation report')} {self.start.value():%Y%m%d}-{self.end.value():%Y%m%d}.xlsx"
        path = save_file_name(self, _("Export to Excel"), "export", name, _("Excel workbook (*.xlsx)"), ".xlsx")
        if not path:
            return None
        try:
            rows = write_escalation(doc, path)
        except (DomainError, OSError) as error:
            show_error(self, error if isinstance(error, DomainError) else InvalidInput(
                _("The workbook could not be written ({error}).").format(error=error)), _("Export to Excel"))
            return None
        inform(self, _("Export to Excel"), _("{rows} rows written to {path}").format(rows=rows, path=path))
        return path

    def escalate(self) -> None:
        to = self.to.currentText().strip()
        still_open = [n for n in self.notices if n.state == "open"]
        if not to:
            show_error(self, InvalidInput(_("Say to whom the report goes (业主委员会, 居民委员会, 房地产主管部门).")))
            return
        if not confirm(self, _("Report to {to}").format(to=to),
                       _("Report {n} unresolved rectification notice(s) issued from {start} to {end} to {to}, and keep "
                         "the report as the file? They are marked escalated.").format(
                           n=len(still_open), start=f"{self.start.value():%Y-%m-%d}",
                           end=f"{self.end.value():%Y-%m-%d}", to=to), _("Report and keep"), safe=True):
            return
        made = self._report()
        if made is None:
            return
        try:
            report = inspections.escalate(self.ctx.actor, to, self.start.value(), self.end.value(), made[0])
        except DomainError as error:
            show_error(self, error, _("Escalation report"))
            return
        bus.changed("renovation")
        inform(self, _("Escalation report"), _("{n} notice(s) reported to {to}; the report is kept as the file.").format(
            n=report.notices, to=report.to))

    def open_file(self, row: int) -> None:
        if not 0 <= row < len(self.past):
            show_error(self, InvalidInput(_("Choose a report in the list first.")), _("Reports made"))
            return
        files = att.attachments_of("escalation", self.past[row].id)
        if not files:
            show_error(self, InvalidInput(_("This report has no file kept.")), _("Reports made"))
            return
        kept, data = att.content(files[0].id)
        preview(self, data, kept.filename.rsplit(".", 1)[0])
