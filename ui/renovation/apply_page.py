"""装修申请: the renovation application as the front desk takes it (seed 004 场景二).

The room first (typed here, or the page opened from the room's 装修申请… button), then its owner and,
when someone applies for the owner, the agent with the owner's written authorisation. The contractor
seen before is found as it is typed; a new one is given in full. The works are ticked from the
checklist, the dates set, the workers typed (each ID number's check digit seen as it is typed, each
photo a thumbnail), the papers chosen from files. The fees show at the office's rates as the workers
are added and are taken on one receipt (or left for later). Ctrl+Enter submits; whatever a rule
refuses is said at its field, in Chinese, and nothing is written. After it: the receipt's preview,
and the application's own page, where the application form prints.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QScrollArea, QVBoxLayout, QWidget)

from models.errors import DomainError
from models.i18n import _
from models.records.estate import get_room
from models.records.people import OWNER
from models.records.ties import current_parties
from models.renovation.applying import ApplicationInput, submit_application
from models.renovation.works import WORKS
from ui.bus import bus
from ui.renovation.contractor_picker import ContractorPicker
from ui.renovation.fees_box import FeesBox
from ui.renovation.papers_box import PapersBox
from ui.renovation.workers_table import WorkersEditor
from ui.widgets.editors import DateEdit, IdNumberEdit, PhoneEdit
from ui.records.room_line import room_line, typed_room
from ui.widgets.forms import error_label
from ui.widgets.messages import clear_when_edited

PLANNED_DAYS = 30          # the planned end first offered: a month of works
WORKS_COLUMNS = 3


class ApplyPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.room_id: int | None = None
        self.errors: dict[str, QLabel] = {}       # a group's own error line, by group
        self._build()
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.submit)
        QShortcut(QKeySequence("Ctrl+Enter"), self, activated=self.submit)
        self._clear_form()
        self._set_room(None)

    # --- building ---------------------------------------------------------------------------------
    def _build(self) -> None:
        top = room_line(self, _("Room, e.g. 3-2-1201, then Enter"), self.find_room)
        self.room_code.setFixedWidth(280)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(self._applicant_box())
        left.addWidget(self._contractor_box())
        left.addWidget(self._works_box())
        self.papers = PapersBox()
        left.addWidget(self.papers)
        left.addStretch(1)
        right.addWidget(self._workers_box(), 1)
        self.fees = FeesBox(self.ctx)
        right.addWidget(self.fees)
        self.workers.changed.connect(lambda: self.fees.set_workers(len(self.workers.model.filled())))
        body = QWidget()
        columns = QHBoxLayout(body)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.scroll = scroll
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 10, 18, 10)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addLayout(self._bottom())
        self._clear_errors_when_edited()

    def _group(self, key: str, title: str) -> tuple[QGroupBox, QVBoxLayout]:
        box = QGroupBox(title)
        column = QVBoxLayout(box)
        self.errors[key] = error_label()
        return box, column

    def _applicant_box(self) -> QGroupBox:
        box, column = self._group("applicant", _("Owner and applicant"))
        self.owner = QComboBox()
        self.owner.currentIndexChanged.connect(lambda _i: self._payers())
        self.by_agent = QCheckBox(_("An agent applies for the owner"))
        self.by_agent.toggled.connect(self._agent_toggled)
        self.agent_name = QLineEdit()
        self.agent_name.setMaxLength(50)
        self.agent_name.textEdited.connect(lambda _t: self._payers())
        self.agent_id = IdNumberEdit()
        self.agent_phone = PhoneEdit()
        self.authorisation = QCheckBox(_("The owner's written authorisation (委托书) is brought"))
        form = QFormLayout()
        form.addRow(_("Owner"), self.owner)
        form.addRow("", self.by_agent)
        self.agent_box = QWidget()
        agent = QGridLayout(self.agent_box)
        agent.setContentsMargins(0, 0, 0, 0)
        agent.addWidget(QLabel(_("Agent")), 0, 0)
        agent.addWidget(self.agent_name, 0, 1)
        agent.addWidget(QLabel(_("Phone")), 0, 2)
        agent.addWidget(self.agent_phone, 0, 3)
        agent.addWidget(QLabel(_("ID number")), 1, 0)
        agent.addWidget(self.agent_id, 1, 1, 1, 3)
        agent.addWidget(self.authorisation, 2, 0, 1, 4)
        column.addLayout(form)
        column.addWidget(self.agent_box)
        column.addWidget(self.errors["applicant"])
        self.agent_box.setVisible(False)
        return box

    def _contractor_box(self) -> QGroupBox:
        box, column = self._group("contractor", _("Contractor (施工单位)"))
        self.contractor = ContractorPicker()
        column.addWidget(self.contractor)
        column.addWidget(self.errors["contractor"])
        return box

    def _works_box(self) -> QGroupBox:
        box, column = self._group("works", _("Works planned"))
        grid = QGridLayout()
        self.work_ticks: dict[str, QCheckBox] = {}
        for i, (key, label) in enumerate(WORKS.items()):
            tick = QCheckBox(_(label))
            grid.addWidget(tick, i // WORKS_COLUMNS, i % WORKS_COLUMNS)
            self.work_ticks[key] = tick
        self.works_note = QLineEdit()
        self.works_note.setMaxLength(200)
        self.works_note.setPlaceholderText(_("What the checklist does not say"))
        self.start_on = DateEdit()
        self.end_on = DateEdit()
        self.days = QLabel()
        for edit in (self.start_on, self.end_on):
            edit.dateChanged.connect(lambda _d: self._show_days())
        dates = QHBoxLayout()
        dates.addWidget(self.start_on)
        dates.addWidget(QLabel(_("to")))
        dates.addWidget(self.end_on)
        dates.addWidget(self.days, 1)
        self.note = QLineEdit()
        self.note.setMaxLength(200)
        form = QFormLayout()
        form.addRow(_("Other works"), self.works_note)
        form.addRow(_("Start and planned end"), dates)
        form.addRow(_("Note"), self.note)
        column.addLayout(grid)
        column.addLayout(form)
        column.addWidget(self.errors["works"])
        return box

    def _workers_box(self) -> QGroupBox:
        box, column = self._group("workers", _("Workers (a pass each)"))
        self.workers = WorkersEditor()
        column.addWidget(self.workers, 1)
        return box

    def _bottom(self) -> QHBoxLayout:
        self.message = error_label()
        self.done = QLabel()
        self.done.setStyleSheet("color: #2e7d32; font-weight: bold;")
        self.done.setWordWrap(True)
        clear = QPushButton(_("Clear the form"))
        clear.clicked.connect(lambda: self.show_room(self.room_id) if self.room_id else self._set_room(None))
        self.submit_button = QPushButton(_("Submit the application (Ctrl+Enter)"))
        self.submit_button.setMinimumHeight(40)
        self.submit_button.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.submit_button.clicked.connect(self.submit)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.done, 1)
        bottom.addWidget(clear)
        bottom.addWidget(self.submit_button)
        return bottom

    def _clear_errors_when_edited(self) -> None:
        """A refusal goes once the clerk changes what it was about."""
        for key, widgets in (("applicant", (self.owner, self.by_agent, self.agent_name, self.agent_id,
                                            self.agent_phone, self.authorisation)),
                             ("works", (self.works_note, self.start_on, self.end_on, self.note,
                                        *self.work_ticks.values()))):
            clear_when_edited(self.errors[key], *widgets)
            clear_when_edited(self.message, *widgets)
        self.contractor.changed.connect(self.errors["contractor"].clear)
        self.contractor.changed.connect(self.message.clear)
        self.workers.changed.connect(self.message.clear)
        self.papers.changed.connect(self.message.clear)
        clear_when_edited(self.message, self.fees.payer, self.fees.method, self.fees.take_now)

    # --- the room and its owner ---------------------------------------------------------------
    def find_room(self) -> None:
        room = typed_room(self.room_code, self.message)
        if room is None:
            return
        self.show_room(room.id)

    def show_room(self, room_id: int) -> None:
        """The form on this room, cleared, its owner chosen first."""
        self._clear_form()
        self._set_room(room_id)
        self.contractor.find.setFocus()

    def _set_room(self, room_id: int | None) -> None:
        self.room_id = room_id
        self.owner.clear()
        if room_id is None:
            self.heading.setText(_("Choose the room first"))
            self._payers()
            return
        room = get_room(room_id)
        self.room_code.setText(room.code)
        self.heading.setText(room.label)
        for party in current_parties(room_id, (OWNER,)):
            self.owner.addItem(party.person.name, party.person_id)
        if not self.owner.count():
            self.errors["applicant"].setText(_("No owner on record for this room: only its owner (or the owner's "
                                               "agent) applies."))
        self._payers()

    def _agent_toggled(self, on: bool) -> None:
        self.agent_box.setVisible(on)
        self._payers()
        if on:
            self.agent_name.setFocus()

    def _payers(self) -> None:
        names = [self.owner.currentText()]
        if self.by_agent.isChecked() and self.agent_name.text().strip():
            names.insert(0, self.agent_name.text().strip())
        self.fees.set_payers(names)

    def _show_days(self) -> None:
        days = (self.end_on.value() - self.start_on.value()).days + 1
        self.days.setText(_("{n} days").format(n=days) if days > 0 else _("the end is before the start"))
        self.days.setStyleSheet("" if days > 0 else "color: #c9302c;")

    def _clear_form(self) -> None:
        self.by_agent.setChecked(False)
        for edit in (self.agent_name, self.agent_id, self.agent_phone, self.works_note, self.note):
            edit.clear()
        self.authorisation.setChecked(False)
        for tick in self.work_ticks.values():
            tick.setChecked(False)
        self.start_on.set_date(dt.date.today())
        self.end_on.set_date(dt.date.today() + dt.timedelta(days=PLANNED_DAYS))
        self.contractor.clear()
        self.workers.clear()
        self.papers.clear()
        self.fees.reset()
        for label in (*self.errors.values(), self.message, self.done):
            label.clear()

    # --- submitting -------------------------------------------------------------------------------
    def application(self) -> ApplicationInput:
        agent = self.by_agent.isChecked()
        return ApplicationInput(
            room_id=self.room_id, owner_id=self.owner.currentData(), start_on=self.start_on.value(),
            end_on=self.end_on.value(), works=[k for k, tick in self.work_ticks.items() if tick.isChecked()],
            works_note=self.works_note.text(), contractor_id=self.contractor.contractor_id(),
            contractor=self.contractor.contractor_input(), workers=self.workers.workers(),
            papers=self.papers.papers(), agent_name=self.agent_name.text() if agent else "",
            agent_id_number=self.agent_id.text() if agent else "", agent_phone=self.agent_phone.text() if agent else "",
            authorisation=agent and self.authorisation.isChecked(), fees=self.fees.payment(), note=self.note.text())

    def submit(self) -> None:
        if self.room_id is None or self.owner.currentData() is None:
            self.message.setText(_("Choose the room and its owner first."))
            self.room_code.setFocus()
            return
        try:
            renovation = submit_application(self.ctx.actor, self.application())
        except DomainError as refusal:
            self.show_refusal(refusal)
            return
        bus.changed("renovation")
        if renovation.receipt_id is not None:
            bus.changed("money")
        self.show_room(self.room_id)
        self.done.setText(_("Application {number} taken: it waits for the engineering supervisor's review.").format(
            number=renovation.serial))
        self.last = renovation
        from ui.renovation import open_renovation
        open_renovation(self.ctx, renovation.id, just_taken=True)
        if renovation.receipt_id is not None:       # the fees' receipt, for the payer; the form waits on the page
            from ui.renovation.printing import preview_receipt
            preview_receipt(self.ctx.window, renovation.receipt_id)

    def show_refusal(self, refusal: DomainError) -> None:
        """The sentence at the field it is about (its group's red line, the field focused), and beside the
        submit button."""
        text, field = str(refusal), refusal.field or ""
        self.message.setText(text)
        if field.startswith("worker") or field in ("workers", "photo"):
            self.workers.show_problem(text, field)
            return
        if field in ("file", "label"):
            self.papers.message.setText(text)
            return
        if field in ("payer", "method", "amount", "quantity"):
            self.fees.payer.setFocus()
            return
        widget, group = self._field_widget(field)
        if group:
            self.errors[group].setText(text)
        if widget is not None:
            widget.setFocus()

    def _field_widget(self, field: str) -> tuple[QWidget | None, str]:
        contractor = self.contractor.fields()
        if field in contractor:
            return contractor[field], "contractor"
        applicant = {"owner": self.owner, "agent_name": self.agent_name, "agent_id": self.agent_id,
                     "agent_phone": self.agent_phone, "authorisation": self.authorisation}
        if field in applicant:
            return applicant[field], "applicant"
        works = {"works": next(iter(self.work_ticks.values())), "works_note": self.works_note,
                 "start_on": self.start_on, "end_on": self.end_on, "note": self.note}
        if field in works:
            return works[field], "works"
        return (self.room_code, "") if field == "room" else (None, "")
