"""Everything about one room: its facts, who owns and lives there, its history, ID copies."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from models.records import estate, people
from models import validation as v
from models.errors import NotFound
from models.i18n import _
from models.records.people import IdCopy
from models.users import revealed
from ui.bus import bus
from ui.modules import room_actions, room_tabs
from ui.widgets.runner import show_error
from ui.widgets.table_model import StaticTableModel
from ui.widgets.tables import read_only_table


class RoomPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.room_id: int | None = None
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 22px; font-weight: bold;")
        self.facts = QLabel()
        self.facts.setStyleSheet("font-size: 14px; color: #333;")
        self.facts.setTextInteractionFlags(Qt.TextSelectableByMouse)

        buttons = QGridLayout()
        self.actions: dict[str, QPushButton] = {}
        self._actions = room_actions()        # every part's, records' own among them
        for i, action in enumerate(self._actions):
            button = QPushButton(_(action.title))
            button.clicked.connect(lambda _checked=False, a=action: a.run(self))
            button.setEnabled(ctx.actor.can(action.permission))
            self.actions[action.key] = button
            buttons.addWidget(button, i // 4, i % 4)

        self.current_model = StaticTableModel([_("Role"), _("Name"), _("Phone"), _("ID number"), _("Since"),
                                               _("Lease until"), _("Relation"), _("Document no.")])
        self.history_model = StaticTableModel([_("Role"), _("Name"), _("From"), _("To"), _("Ended by"),
                                               _("Document no.")])
        self.copies_model = StaticTableModel([_("Taken at"), _("Name"), _("Stamp"), _("Taken by")])
        # Everything that happened to the room, from every part, newest first; a line opens its record.
        self.timeline_model = StaticTableModel([_("When"), _("What"), _("Details")])
        self.timeline_view = read_only_table(self.timeline_model, single_selection=True)
        self.timeline_view.doubleClicked.connect(lambda index: self._open_event_at(index.row()))
        self.current_view = read_only_table(self.current_model, single_selection=True)
        self.current_view.doubleClicked.connect(lambda index: self._open_person_at(index.row()))
        tabs = QTabWidget()
        self.tabs = tabs
        tabs.addTab(self.current_view, _("Owners, tenants and residents"))
        tabs.addTab(self.timeline_view, _("Timeline"))
        tabs.addTab(read_only_table(self.history_model, single_selection=True), _("History"))
        tabs.addTab(read_only_table(self.copies_model, single_selection=True), _("ID copies"))
        self.part_tabs = {}                   # the other parts' tabs on a room (money's account...)
        for tab in room_tabs(ctx.actor):
            widget = tab.factory(ctx)
            self.part_tabs[tab.key] = widget
            tabs.addTab(widget, _(tab.title))

        header = QVBoxLayout()
        header.addWidget(self.title)
        header.addWidget(self.facts)
        box = QGroupBox(_("Actions"))
        box.setLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        top = QHBoxLayout()
        top.addLayout(header, 1)
        layout.addLayout(top)
        layout.addWidget(box)
        layout.addWidget(tabs, 1)
        bus.data_changed.connect(self._on_data_changed)

    # --- showing -----------------------------------------------------------------------
    def _on_data_changed(self, _kind: str) -> None:
        if self.room_id and self.isVisible():
            self.reload()

    def show_room(self, room_id: int) -> None:
        self.room_id = room_id
        self.reload()

    def reload(self) -> None:
        room = estate.get_room(self.room_id)
        self.room = room
        self.title.setText(room.label)
        owners = people.current_parties(room.id, (people.OWNER, people.CO_OWNER))
        self.facts.setText(
            f"{_('Gross area')}: {room.area} m²    {_('Use')}: {estate.use_label(room.use)}    "
            f"{_('State')}: {estate.state_label(room.state)}    "
            f"{_('Owner')}: {'、'.join(p.person.name for p in owners) or _('none on record')}"
            + (f"\n{_('Note')}: {room.note}" if room.note else ""))
        # The same rule as the lists (ID register, owners and residents): full numbers for a
        # role that may see them (users.revealed), masked for everyone else.
        reveal = revealed(self.ctx.actor)
        show_phone = (lambda n: n) if "phone" in reveal else v.mask_phone
        show_id = (lambda n: n or "") if "id" in reveal else v.mask_id
        current = people.current_parties(room.id)
        order = {people.OWNER: 0, people.CO_OWNER: 1, people.TENANT: 2, people.RESIDENT: 3}
        current.sort(key=lambda p: (order.get(p.role, 9), p.start_date))
        rows = []
        for p in current:
            phone = p.person.primary_phone
            rows.append([people.party_role_label(p.role), p.person.name, show_phone(phone),
                         show_id(p.person.id_number), str(p.start_date), str(p.lease_end or ""), p.relation,
                         p.document_no])
        self.current_model.set_rows(rows, keys=[(p.id, p.person_id, p.role) for p in current])
        reasons = {"transfer": _("transfer"), "move_out": _("move-out"), "": ""}
        self.history_model.set_rows([[people.party_role_label(p.role), p.person.name, str(p.start_date),
                                      str(p.end_date or _("current")), reasons.get(p.end_reason, p.end_reason),
                                      p.document_no] for p in people.party_history(room.id)])
        copies = IdCopy.select().where(IdCopy.room == room.id).order_by(IdCopy.taken_at.desc())
        self.copies_model.set_rows([[c.taken_at.strftime("%Y-%m-%d %H:%M"), c.person.name, c.stamp, c.taken_by]
                                    for c in copies])
        self.current = current
        self._load_timeline()
        for widget in self.part_tabs.values():
            widget.show_room(room.id)
        for action in self._actions:
            self.actions[action.key].setEnabled(self.ctx.actor.can(action.permission)
                                                and (action.applies is None or action.applies(self)))

    def _load_timeline(self) -> None:
        from models.timeline import room_timeline
        events = room_timeline(self.room_id)
        self.timeline_model.set_rows([[f"{e.at:%Y-%m-%d %H:%M}" if e.at.time() != dt.time() else f"{e.at:%Y-%m-%d}",
                                       e.what, e.detail] for e in events], keys=[(e.kind, e.record_id) for e in events])

    def _open_event_at(self, row: int) -> None:
        from ui.modules import open_record
        key = self.timeline_model.key_at(row)
        if key is not None:
            open_record(self.ctx, *key)

    def _selected_party(self):
        index = self.current_view.currentIndex()
        return self.current_model.key_at(index.row()) if index.isValid() else None

    def _owner_id(self) -> int | None:
        owners = people.current_parties(self.room_id, (people.OWNER,))
        return owners[0].person_id if owners else None

    def _open_person_at(self, row: int) -> None:
        key = self.current_model.key_at(row)
        if key:
            from ui.records.person_dialog import edit_person
            edit_person(self, self.ctx, key[1])

    # --- actions -----------------------------------------------------------------------
    def print_card(self) -> None:
        """The owner record card, made as ``main.py print card`` makes it (the document registry)."""
        from ui.widgets.print_preview import preview_document
        try:
            self.preview = preview_document(self, "card", self.room_id, self.ctx.actor)
        except Exception as error:  # noqa: BLE001 - shown to the clerk
            show_error(self, error)

    def edit_owner(self) -> None:
        from ui.records.person_dialog import edit_person
        key = self._selected_party()
        person_id = key[1] if key else self._owner_id()
        if person_id is None:
            show_error(self, NotFound(_("This room has no owner on record yet.")))
            return
        edit_person(self, self.ctx, person_id)

    def transfer(self) -> None:
        from ui.records.tie_dialogs import TransferDialog
        TransferDialog(self, self.ctx, self.room).open()

    def move_in(self) -> None:
        from ui.records.tie_dialogs import MoveInDialog
        MoveInDialog(self, self.ctx, self.room).open()

    def add_resident(self) -> None:
        from ui.records.tie_dialogs import ResidentDialog
        ResidentDialog(self, self.ctx, self.room).open()

    def move_out(self) -> None:
        from ui.records.tie_dialogs import MoveOutDialog
        key = self._selected_party()
        MoveOutDialog(self, self.ctx, self.room, key[0] if key else None).open()

    def id_copy(self) -> None:
        from ui.records.tie_dialogs import IdCopyDialog
        key = self._selected_party()
        IdCopyDialog(self, self.ctx, self.room, key[1] if key else self._owner_id()).open()

    def edit_room(self) -> None:
        from ui.records.room_dialog import edit_room
        edit_room(self, self.ctx, self.room_id)

