"""Transfer (过户), move-in (迁入), residents, move-out (迁出) and ID copies for a room."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QPushButton, QVBoxLayout, QWidget)

from models.records import people
from models.errors import DomainError
from models.i18n import _
from ui.widgets.forms import dialog_buttons, error_label
from models.records.search import search
from ui.bus import bus
from ui.widgets.editors import DateEdit
from ui.widgets.operations import run_op


class PersonPicker(QWidget):
    """Find a recorded person by name, initials, phone or ID tail; or record a new one."""
    changed = Signal()

    def __init__(self, ctx, person_id: int | None = None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.person_id = person_id
        self.query = QLineEdit(placeholderText=_("Name, initials, phone or ID tail"))
        self.results = QListWidget()
        self.results.setMaximumHeight(110)
        self.results.hide()
        self.chosen = QLabel()
        self.chosen.setStyleSheet("font-weight: bold;")
        new = QPushButton(_("New person…"))
        new.clicked.connect(self._new)
        row = QHBoxLayout()
        row.addWidget(self.query, 1)
        row.addWidget(new)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.results)
        layout.addWidget(self.chosen)
        self.query.textEdited.connect(self._search)
        self.results.itemActivated.connect(self._pick)
        self.results.itemClicked.connect(self._pick)
        self.hits = []
        if person_id:
            self.set_person(person_id)

    def _search(self, text: str) -> None:
        self.hits = [h for h in search(text) if h.kind == "person"]
        self.results.clear()
        for hit in self.hits:
            self.results.addItem(f"{hit.title}    {hit.detail}")
        self.results.setVisible(bool(self.hits))

    def _pick(self, item) -> None:
        self.set_person(self.hits[self.results.row(item)].id)

    def set_person(self, person_id: int) -> None:
        person = people.get_person(person_id)
        self.person_id = person_id
        tail = (person.id_number or "")[-4:]
        self.chosen.setText(f"✔ {person.name}" + (f"（{_('ID')} …{tail}）" if tail else f"（{_('no ID on file')}）"))
        self.results.hide()
        self.changed.emit()

    def _new(self) -> None:
        from ui.records.person_dialog import edit_person
        edit_person(self, self.ctx, None, on_saved=self.set_person)


class _TieDialog(QDialog):
    """A form with a message line and Save/Cancel; subclasses fill ``form`` and ``apply``."""
    title = ""

    def __init__(self, parent, ctx, room):
        super().__init__(parent)
        self.ctx, self.room = ctx, room
        self.setWindowTitle(f"{_(self.title)} — {room.label}")
        self.setMinimumWidth(520)
        self.form = QFormLayout()
        self.message = error_label()
        buttons = dialog_buttons(self, self._save)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def apply(self) -> None:
        raise NotImplementedError

    def _save(self) -> None:
        run_op(self, self.apply, changed=("people", "rooms"), error=self.message, on_done=lambda _r: self.accept())


class TransferDialog(_TieDialog):
    title = "Transfer / register owner"

    def __init__(self, parent, ctx, room):
        super().__init__(parent, ctx, room)
        current = people.current_parties(room.id, (people.OWNER, people.CO_OWNER))
        self.form.addRow(_("Current owner"), QLabel("、".join(p.person.name for p in current) or _("none on record")))
        self.owner = PersonPicker(ctx)
        self.co_owner = PersonPicker(ctx)
        self.deed = QLineEdit(placeholderText=_("title deed (房产证) number"))
        self.date = DateEdit()
        self.note = QLineEdit()
        self.form.addRow(_("New owner") + " *", self.owner)
        self.form.addRow(_("Co-owner"), self.co_owner)
        self.form.addRow(_("Title deed no.") + " *", self.deed)
        self.form.addRow(_("Date"), self.date)
        self.form.addRow(_("Note"), self.note)
        hint = QLabel(_("Check the title deed and each new owner's ID; take copies and register them."))
        hint.setWordWrap(True)
        self.form.addRow("", hint)

    def apply(self) -> None:
        ids = [pid for pid in (self.owner.person_id, self.co_owner.person_id) if pid]
        if not self.owner.person_id:
            ids = []
        people.transfer_ownership(self.ctx.actor, self.room.id, ids, self.date.value(), self.deed.text(),
                                  self.note.text())


class MoveInDialog(_TieDialog):
    title = "Tenant moves in"

    def __init__(self, parent, ctx, room):
        super().__init__(parent, ctx, room)
        self.tenant = PersonPicker(ctx)
        self.start = DateEdit()
        import datetime as dt
        self.end = DateEdit(dt.date.today().replace(year=dt.date.today().year + 1))
        self.lease = QLineEdit(placeholderText=_("lease number"))
        self.form.addRow(_("Tenant") + " *", self.tenant)
        self.form.addRow(_("Lease from"), self.start)
        self.form.addRow(_("Lease until"), self.end)
        self.form.addRow(_("Lease no."), self.lease)

    def apply(self) -> None:
        if not self.tenant.person_id:
            raise DomainError(_("Choose the tenant."))
        people.move_in_tenant(self.ctx.actor, self.room.id, self.tenant.person_id, self.start.value(),
                              self.end.value(), self.lease.text())


class ResidentDialog(_TieDialog):
    title = "Add resident"

    def __init__(self, parent, ctx, room):
        super().__init__(parent, ctx, room)
        self.person = PersonPicker(ctx)
        self.relation = QComboBox()
        self.relation.setEditable(True)
        self.relation.addItems(["配偶", "子女", "父母", "亲属", "保姆", "其他"])
        self.start = DateEdit()
        self.household = QComboBox()
        self.household.addItem(_("The owner's household"), None)
        for tenancy in people.current_parties(room.id, (people.TENANT,)):
            self.household.addItem(_("Tenant {name}'s household (moves out with the tenant)").format(
                name=tenancy.person.name), tenancy.person_id)
        self.form.addRow(_("Resident") + " *", self.person)
        self.form.addRow(_("Household"), self.household)
        self.form.addRow(_("Relation"), self.relation)
        self.form.addRow(_("Since"), self.start)

    def apply(self) -> None:
        if not self.person.person_id:
            raise DomainError(_("Choose the resident."))
        people.add_resident(self.ctx.actor, self.room.id, self.person.person_id, self.relation.currentText(),
                            self.start.value(), tenant_id=self.household.currentData())


class MoveOutDialog(_TieDialog):
    title = "Move out"

    def __init__(self, parent, ctx, room, party_id: int | None):
        super().__init__(parent, ctx, room)
        self.party = QComboBox()
        for p in people.current_parties(room.id, (people.TENANT, people.RESIDENT)):
            self.party.addItem(f"{people.party_role_label(p.role)} {p.person.name}（{p.start_date}）", p.id)
        if party_id is not None and self.party.findData(party_id) >= 0:
            self.party.setCurrentIndex(self.party.findData(party_id))
        self.date = DateEdit()
        self.form.addRow(_("Who moves out"), self.party)
        self.form.addRow(_("Move-out date"), self.date)

    def apply(self) -> None:
        if self.party.currentData() is None:
            raise DomainError(_("Nobody to move out: no tenant or resident is recorded."))
        people.end_tie(self.ctx.actor, self.party.currentData(), self.date.value())


class IdCopyDialog(_TieDialog):
    title = "Register ID copy"

    def __init__(self, parent, ctx, room, person_id: int | None):
        super().__init__(parent, ctx, room)
        self.person = PersonPicker(ctx, person_id)
        self.purpose = QComboBox()
        self.purpose.setEditable(True)
        self.purpose.addItems(["办理过户", "办理迁入", "办理装修", "物品放行", "办理停车卡", "办理门禁卡"])
        self.stamp = QLabel()
        self.stamp.setStyleSheet("font-size: 15px; color: #b22222; border: 2px solid #b22222; padding: 4px;")
        self.purpose.currentTextChanged.connect(lambda t: self.stamp.setText(f"复件仅供{t.strip()}之用"))
        self.stamp.setText(f"复件仅供{self.purpose.currentText()}之用")
        self.form.addRow(_("Person") + " *", self.person)
        self.form.addRow(_("For what") + " *", self.purpose)
        self.form.addRow(_("Stamp on the copy"), self.stamp)

    def apply(self) -> None:
        if not self.person.person_id:
            raise DomainError(_("Choose whose document was copied."))
        people.record_id_copy(self.ctx.actor, self.person.person_id, self.purpose.currentText(), self.room.id)
        bus.changed("id_copies")
