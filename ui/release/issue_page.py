"""The release form (放行): the room's person, the ID shown, the goods, and what the rules still want.

Seed 004 场景五 as the desk lives it: pick who came (the owner is chosen first), type or read the
ID number shown, list the goods (quick picks), and the right-hand side says what stands in the way,
each with its button: ask the director (more than three months owed), take the payment (a tenant
who owes: F8 opens the cashier on this room, Alt+← comes back), call the owner (a tenant). The
slip issues with Ctrl+Enter and opens in the print preview.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QFrame, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from models import validation as v
from models.errors import DomainError
from models.i18n import _
from models.records.estate import get_room
from models.records.people import CO_OWNER, OWNER, TENANT, party_role_label
from models.records.ties import current_parties
from models.release import approvals, issuing
from ui.bus import bus
from ui.release.goods_table import GoodsEditor
from ui.widgets.editors import DateEdit, PlateEdit
from ui.records.room_line import room_line, typed_room
from ui.widgets.forms import error_label
from ui.widgets.messages import clear_when_edited
from ui.widgets.operations import run_op, show_refusal

POLL_MS = 3000          # how often a form waiting for the director looks again


class IssuePage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.room_id: int | None = None
        self.ready: issuing.Readiness | None = None
        self.replaces: int | None = None
        self._build()
        self.poll = QTimer(self)
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(self.refresh_rules)
        bus.data_changed.connect(self._data_changed)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.issue)
        QShortcut(QKeySequence("Ctrl+Enter"), self, activated=self.issue)
        QShortcut(QKeySequence("F8"), self, activated=self.take_payment)
        self._set_room(None)

    # --- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        top = room_line(self, _("Room, e.g. 3-2-1201; or find it with the search box above"), self.find_room)
        body = QHBoxLayout()
        body.addLayout(self._build_form(), 3)
        body.addWidget(self._build_rules(), 2)
        self.message = error_label()
        # A refusal is about what was on the form: it goes once the clerk changes that.
        clear_when_edited(self.message, self.person, self.id_shown, self.plate, self.note, self.valid_until)
        self.goods.changed.connect(self.message.clear)
        self.issue_button = QPushButton(_("Issue and print (Ctrl+Enter)"))
        self.issue_button.setMinimumHeight(40)
        self.issue_button.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.issue_button.clicked.connect(self.issue)
        self.done = QLabel()
        self.done.setStyleSheet("color: #2e7d32; font-weight: bold;")
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.done)
        bottom.addWidget(self.issue_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 12)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        layout.addLayout(bottom)

    def _build_form(self) -> QVBoxLayout:
        self.person = QComboBox()
        self.person.currentIndexChanged.connect(self._person_changed)
        self.id_shown = QLineEdit()
        self.id_shown.setMaxLength(30)
        self.id_shown.setPlaceholderText(_("Type or read the number on the ID document shown"))
        self.id_shown.textChanged.connect(self._check_id)
        self.id_state = QLabel()
        id_row = QHBoxLayout()
        id_row.addWidget(self.id_shown, 1)
        id_row.addWidget(self.id_state)
        self.goods = GoodsEditor()
        self.plate = PlateEdit()
        self.valid_until = DateEdit(issuing.default_valid_until())
        self.urgent = QCheckBox(_("Urgent (急): the gate sees it at once"))
        self.note = QLineEdit()
        self.note.setMaxLength(200)
        form = QFormLayout()
        form.addRow(_("Released by"), self.person)
        form.addRow(_("ID shown"), id_row)
        extra = QHBoxLayout()
        extra.addWidget(QLabel(_("Vehicle plate")))
        extra.addWidget(self.plate)
        extra.addWidget(QLabel(_("Valid until")))
        extra.addWidget(self.valid_until)
        extra.addWidget(self.urgent)
        extra.addStretch(1)
        column = QVBoxLayout()
        column.addLayout(form)
        column.addWidget(QLabel(_("Goods leaving")))
        column.addWidget(self.goods, 1)
        column.addLayout(extra)
        note_row = QFormLayout()
        note_row.addRow(_("Note"), self.note)
        column.addLayout(note_row)
        self.fields = {"id_shown": self.id_shown, "plate": self.plate, "valid_until": self.valid_until,
                       "goods": self.goods.table, "note": self.note, "person": self.person}
        return column

    def _build_rules(self) -> QWidget:
        box = QGroupBox(_("Before the slip"))
        self.arrears = QLabel()
        self.arrears.setWordWrap(True)
        self.arrears.setStyleSheet("font-size: 15px;")
        self.rules = QLabel()
        self.rules.setWordWrap(True)
        self.rules.setTextFormat(Qt.PlainText)
        self.ask_button = QPushButton(_("Ask the director to approve…"))
        self.ask_button.clicked.connect(self.ask_director)
        self.pay_button = QPushButton(_("Take the payment (F8)"))
        self.pay_button.clicked.connect(self.take_payment)
        self.call_button = QPushButton(_("Record the call to the owner…"))
        self.call_button.clicked.connect(self.call_owner)
        line = QFrame()
        line.setFrameShape(QFrame.HLine)
        layout = QVBoxLayout(box)
        layout.addWidget(self.arrears)
        layout.addWidget(line)
        layout.addWidget(self.rules)
        for button in (self.ask_button, self.pay_button, self.call_button):
            layout.addWidget(button)
        layout.addStretch(1)
        return box

    # --- the room and the person ---------------------------------------------------------------
    def find_room(self) -> None:
        room = typed_room(self.room_code, self.message)
        if room is None:
            return
        self.show_room(room.id)

    def show_room(self, room_id: int, replaces: int | None = None, person_id: int | None = None) -> None:
        """The form on this room, cleared; ``replaces`` is a slip the new one corrects (its goods, plate and
        note filled in to be put right), ``person_id`` who is chosen first."""
        self.replaces = replaces
        self._set_room(room_id)
        if person_id is not None and self.person.findData(person_id) >= 0:
            self.person.setCurrentIndex(self.person.findData(person_id))
        self.goods.clear()
        for edit in (self.id_shown, self.plate, self.note):
            edit.clear()
        self.urgent.setChecked(False)
        self.valid_until.set_date(issuing.default_valid_until())
        self.message.clear()
        self.done.clear()
        if replaces is not None:
            self._fill_from(replaces)
        self.id_shown.setFocus()

    def _fill_from(self, slip_id: int) -> None:
        """A correction starts from what the old slip said."""
        from models.release.slips import ReleaseItem, ReleaseSlip
        old = ReleaseSlip.get_by_id(slip_id)
        for item in old.items.order_by(ReleaseItem.line):
            self.goods.put(item.name, item.quantity, item.note)
        self.goods.whole.blockSignals(True)
        self.goods.whole.setChecked(old.whole_household)
        self.goods.whole.blockSignals(False)
        self.plate.setText(old.plate)
        self.note.setText(old.note)
        self.urgent.setChecked(old.urgent)
        self.valid_until.set_date(max(old.valid_until, issuing.default_valid_until()))

    def _set_room(self, room_id: int | None) -> None:
        self.room_id = room_id
        self.person.blockSignals(True)
        self.person.clear()
        if room_id is not None:
            room = get_room(room_id)
            self.room_code.setText(room.code)
            correcting = ""
            if self.replaces:
                from models.release.slips import ReleaseSlip
                correcting = _("  (corrects slip {number}, which it cancels)").format(
                    number=ReleaseSlip.get_by_id(self.replaces).serial)
            self.heading.setText(f"{room.label}{correcting}")
            order = {OWNER: 0, CO_OWNER: 1, TENANT: 2}
            for party in sorted(current_parties(room_id, (OWNER, CO_OWNER, TENANT)), key=lambda p: order[p.role]):
                self.person.addItem(f"{party.person.name}（{party_role_label(party.role)}）", party.person_id)
        else:
            self.heading.setText(_("Choose the room first"))
        self.person.blockSignals(False)
        self._person_changed()

    def _person_changed(self, _index: int = 0) -> None:
        self.id_shown.clear()
        self.refresh_rules()

    def _check_id(self, text: str) -> None:
        person_id = self.person.currentData()
        if person_id is None or not v.compact(text):
            self.id_state.setText("")
            return
        problem = issuing.id_shown_problem(person_id, text)
        self.id_state.setText(_("✗ not the number on record") if problem else _("✓ matches the record"))
        self.id_state.setStyleSheet(f"color: {'#c9302c' if problem else '#2e7d32'}; font-weight: bold;")

    # --- what the rules still want -----------------------------------------------------------
    def _data_changed(self, kind: str) -> None:
        if self.isVisible() and kind in ("*", "money", "release", "records"):
            self.refresh_rules()

    def showEvent(self, event):
        super().showEvent(event)
        self.refresh_rules()            # back from the cashier: the arrears may be paid now

    def hideEvent(self, event):
        self.poll.stop()
        super().hideEvent(event)

    def refresh_rules(self) -> None:
        person_id = self.person.currentData()
        self.ready = None
        if self.room_id is None or person_id is None:
            self.arrears.setText(_("No owner or tenant on record for this room.") if self.room_id else "")
            self._show_rules([], False)
            return
        try:
            self.ready = issuing.readiness(self.room_id, person_id)
        except DomainError as refusal:
            self._show_rules([str(refusal)], False)
            return
        owed = self.ready.arrears
        self.arrears.setText(_("Management fee owed: {months} months, {amount} in all (printed on the slip as a "
                               "reminder).").format(months=owed.months, amount=_yuan(owed.fen))
                             if owed.owes else _("No management fee owed."))
        self.arrears.setStyleSheet(f"font-size: 15px; color: {'#c9302c' if owed.owes else '#2e7d32'};")
        self._show_rules(self.ready.refusals, True)

    def _show_rules(self, refusals: list[str], known: bool) -> None:
        ready = self.ready
        lines = list(refusals)
        if ready is not None and ready.approval is not None:
            a = ready.approval
            lines.append(_("Approved by {who} at {time}: {note}").format(
                who=a.decided_by, time=a.decided_at.strftime("%H:%M"), note=a.decision_note or "—"))
        if ready is not None and ready.declined is not None:
            lines.append(_("The director declined earlier: {note}").format(note=ready.declined.decision_note))
        if ready is not None and ready.call is not None and ready.call.consent:
            lines.append(_("Owner called at {time}: consents.").format(time=ready.call.called_at.strftime("%H:%M")))
        if known and not refusals:
            lines.insert(0, _("No rule stands in the way: check the ID shown, list the goods, then issue the slip."))
        self.rules.setText("\n\n".join(lines))
        self.rules.setStyleSheet(f"color: {'#c9302c' if refusals else '#2e7d32'}; font-size: 14px;")
        tenant = ready is not None and ready.person_role == "tenant"
        self.ask_button.setVisible(bool(ready and ready.needs_approval and ready.approval is None
                                        and ready.pending is None))
        self.pay_button.setVisible(bool(tenant and ready.arrears.owes))
        self.call_button.setVisible(tenant)
        self.issue_button.setEnabled(known and not refusals)
        if ready is not None and ready.pending is not None and self.isVisible():
            self.poll.start()
        else:
            self.poll.stop()

    # --- the buttons ------------------------------------------------------------------------
    def ask_director(self) -> None:
        person_id = self.person.currentData()
        run_op(self, lambda: approvals.request_approval(self.ctx.actor, self.room_id, person_id,
                                                        self.goods.summary(), self.note.text()),
               error=self.message, changed="release", on_done=lambda _a: self.refresh_rules())

    def take_payment(self) -> None:
        """F8: the cashier on this room; Alt+← (or 返回) comes back to the form as it was. Not F9: that
        is the cashier's own key to take the payment, and pressed twice it would take it."""
        if self.room_id is None or not self.ctx.actor.can("money.take"):
            return
        page = self.ctx.window.open_page("cashier", come_back=True)
        if page is not None:       # what the release needs paid ticked: the overdue fee, not next month's
            owed = self.ready.arrears.charge_ids if self.ready is not None else None
            page.show_room(self.room_id, ticked=owed or None)

    def call_owner(self) -> None:
        from ui.release.call_dialog import CallDialog
        if self.room_id is None or self.person.currentData() is None:
            return
        dialog = CallDialog(self.ctx, self.room_id, self.person.currentData(), self)
        dialog.exec()
        self.refresh_rules()

    def slip_input(self) -> issuing.SlipInput:
        return issuing.SlipInput(room_id=self.room_id, person_id=self.person.currentData(),
                                 id_shown=self.id_shown.text(), goods=self.goods.lines(),
                                 whole_household=self.goods.whole_household, plate=self.plate.text(),
                                 valid_until=self.valid_until.value(), urgent=self.urgent.isChecked(),
                                 note=self.note.text(), replaces=self.replaces)

    def issue(self) -> None:
        if self.room_id is None or self.person.currentData() is None:
            self.message.setText(_("Choose the room and the person first."))
            return
        data = self.slip_input()
        try:
            slip = issuing.issue_slip(self.ctx.actor, data)
        except DomainError as refusal:
            show_refusal(self, refusal, self.message, self.fields)
            self.refresh_rules()
            return
        bus.changed("release")
        self.last_slip = slip
        self.show_room(self.room_id)          # a correction done: the form is a plain one again
        self.done.setText(_("Slip {number} issued.").format(number=slip.serial))
        from ui.release.printing import preview_slip
        preview_slip(self.ctx.window, slip.id)


def _yuan(fen: int) -> str:
    from models.amounts import yuan
    return yuan(fen)
