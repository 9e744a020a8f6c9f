"""收银台: find the room, see what it owes, tick, take, print — in a few keystrokes.

Type the room (3-2-1201) and Enter: every open charge is ticked and the amount
is filled in; F9 takes the money and shows the receipt to print. The room box has the
keyboard whenever the page is opened, and every new payer (a room found, a payment taken)
starts on the office's default method, so a 微信 payment never carries over to the next
payer and the daily close by method agrees with the drawer. A refusal (请勾选预交) stays on the
page only until the clerk changes what it was about.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QGridLayout, QGroupBox,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QSpinBox, QTableView,
                               QVBoxLayout, QWidget)

from models.records import estate, people
from models.errors import DomainError
from models.i18n import _
from models.money import charging, rates
from models.amounts import capital, yuan
from models.money.cashier import DeskItem, Payment, take_payment
from models.money.documents import printed_room_label
from models.money.ledger import DEPOSIT, FIXED, METHODS, Deposit
from models.money.preferences import default_method
from models.records.search import search
from ui.bus import bus
from ui.widgets.editors import MoneyEdit
from ui.widgets.messages import clear_when_edited, show_error
from ui.widgets.forms import error_label


class ChargesModel(QAbstractTableModel):
    """A room's open charges, each with a tick box (all ticked when the room is opened)."""
    HEADERS = ("Item", "Month", "Due", "Charged", "Paid", "Owed")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.charges = []
        self.ticked: set[int] = set()

    def load(self, charges, ticked=None) -> None:
        """The room's open charges, all ticked, or only ``ticked`` (ids) when the caller knows what is due."""
        self.beginResetModel()
        self.charges = charges
        self.ticked = {c.id for c in charges} if ticked is None else {c.id for c in charges if c.id in set(ticked)}
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.charges)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return _(self.HEADERS[section])
        return None

    def flags(self, index):
        base = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        return base | Qt.ItemIsUserCheckable if index.column() == 0 else base

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        c = self.charges[index.row()]
        if role == Qt.CheckStateRole and index.column() == 0:
            return Qt.Checked if c.id in self.ticked else Qt.Unchecked
        if role == Qt.TextAlignmentRole and index.column() >= 3:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role != Qt.DisplayRole:
            return None
        return (c.item.name, f"{c.period.year}-{c.period.month:02d}" if c.period else "", str(c.due_date),
                yuan(c.amount_fen), yuan(c.settled_fen), yuan(c.owed_fen))[index.column()]

    def setData(self, index, value, role=Qt.EditRole):
        if role == Qt.CheckStateRole and index.column() == 0:
            cid = self.charges[index.row()].id
            if Qt.CheckState(value) == Qt.Checked:
                self.ticked.add(cid)
            else:
                self.ticked.discard(cid)
            self.dataChanged.emit(index, index)
            return True
        return False

    def set_all(self, ticked: bool) -> None:
        self.beginResetModel()
        self.ticked = {c.id for c in self.charges} if ticked else set()
        self.endResetModel()

    def ticked_owed(self) -> int:
        return sum(c.owed_fen for c in self.charges if c.id in self.ticked)


class CashierPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.room = None
        top = self._build_room_header()
        left = self._build_charges()
        form = self._build_payment_form()
        items_box = self._build_desk_items()
        self._build_total_and_take()
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(items_box)
        right.addWidget(self.total_label)
        right.addWidget(self.message)
        right.addWidget(self.take_button)
        right.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.room_title)
        layout.addWidget(self.room_facts)
        layout.addLayout(body, 1)
        self._set_enabled(False)
        self._reset_method()

    def _build_room_header(self) -> QHBoxLayout:
        """The room box (Enter finds the room), the room's title and facts; returns the box's row."""
        self.room_box = QLineEdit(placeholderText=_("Room, e.g. 3-2-1201 or 3栋2单元1201, then Enter"))
        self.room_box.setMinimumWidth(320)
        self.room_box.returnPressed.connect(self.find_room)
        self.room_title = QLabel(_("No room chosen"))
        self.room_title.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.room_facts = QLabel()
        self.room_facts.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Room")))
        top.addWidget(self.room_box)
        top.addStretch(1)
        return top

    def _build_charges(self) -> QVBoxLayout:
        """The open charges with their tick boxes, tick all / untick all and what the ticked owe."""
        self.charges = ChargesModel(self)
        self.charges.dataChanged.connect(lambda *_a: self._fill_amount())
        self.charges.modelReset.connect(self._fill_amount)
        view = QTableView()
        view.setModel(self.charges)
        view.setSelectionBehavior(QAbstractItemView.SelectRows)
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        view.setAlternatingRowColors(True)
        self.charges_view = view
        tick_all, tick_none = QPushButton(_("Tick all")), QPushButton(_("Untick all"))
        tick_all.clicked.connect(lambda: self.charges.set_all(True))
        tick_none.clicked.connect(lambda: self.charges.set_all(False))
        self.owed_label = QLabel()
        left = QVBoxLayout()
        left.addWidget(QLabel(_("Open charges (tick what is paid; a smaller amount pays the oldest ticked first)")))
        left.addWidget(view, 1)
        ticks = QHBoxLayout()
        ticks.addWidget(tick_all)
        ticks.addWidget(tick_none)
        ticks.addStretch(1)
        ticks.addWidget(self.owed_label)
        left.addLayout(ticks)
        return left

    def _build_payment_form(self) -> QFormLayout:
        """Payer, method, amount towards charges, prepayment and note."""
        self.payer = QComboBox()
        self.payer.setEditable(True)
        self.method = QComboBox()
        for key, label in METHODS.items():
            self.method.addItem(_(label), key)
        self.amount = MoneyEdit(optional=True)
        self.amount.textChanged.connect(self._update_total)
        self.prepayment = QCheckBox(_("Part of it is paid in advance (prepayment)"))
        self.note = QLineEdit()
        form = QFormLayout()
        form.addRow(_("Payer"), self.payer)
        form.addRow(_("Method"), self.method)
        form.addRow(_("Amount towards charges"), self.amount)
        form.addRow("", self.prepayment)
        form.addRow(_("Note"), self.note)
        return form

    def _build_desk_items(self) -> QGroupBox:
        """A quantity box for each fixed fee and deposit taken at the desk, two to a row."""
        self.item_boxes: dict[str, QSpinBox] = {}
        items_grid = QGridLayout()
        for i, it in enumerate(rates.items(FIXED) + rates.items(DEPOSIT)):
            box = QSpinBox()
            box.setRange(0, 200)
            box.valueChanged.connect(self._update_total)
            self.item_boxes[it.code] = box
            items_grid.addWidget(QLabel(f"{it.name}（{yuan(rates.standard_amount(it.code))}）"), i // 2, (i % 2) * 2)
            items_grid.addWidget(box, i // 2, (i % 2) * 2 + 1)
        items_box = QGroupBox(_("Fees and deposits taken at the desk (quantity)"))
        items_box.setLayout(items_grid)
        return items_box

    def _build_total_and_take(self) -> None:
        """The total, the refusal line (cleared by any change to the payment) and the take button (F9)."""
        self.total_label = QLabel()
        self.total_label.setStyleSheet("font-size: 18px; font-weight: bold; color: #1f4e79;")
        self.total_label.setWordWrap(True)
        self.message = error_label()
        # Any change to the payment answers the refusal shown: the line goes (the receipt just issued stays).
        clear_when_edited(self.message, self.room_box, self.payer, self.method, self.amount, self.prepayment,
                          self.note, *self.item_boxes.values(), clear=self._clear_refusal)
        self.charges.dataChanged.connect(lambda *_a: self._clear_refusal())
        self.charges.modelReset.connect(self._clear_refusal)
        self.take_button = QPushButton(_("Take the money and print the receipt (F9)"))
        self.take_button.setMinimumHeight(40)
        self.take_button.clicked.connect(self.take)
        QShortcut(QKeySequence(Qt.Key_F9), self, activated=self.take)

    def showEvent(self, event):
        """Opened from the navigation (or the start page), the page takes the keyboard for the room box:
        the clerk types the room number straight away. A page opened for a room (from the arrears
        list) moves the keyboard on to the amount in ``show_room``, which runs after this."""
        super().showEvent(event)
        if not event.spontaneous():
            self.room_box.setFocus(Qt.OtherFocusReason)
            self.room_box.selectAll()

    def _reset_method(self) -> None:
        self.method.setCurrentIndex(max(0, self.method.findData(default_method())))

    # --- choosing the room ----------------------------------------------------------------
    def find_room(self) -> None:
        hits = [h for h in search(self.room_box.text()) if h.kind == "room" or h.room_id]
        if not hits:
            self._say(_("No room matches {text}.").format(text=self.room_box.text()))
            return
        self.show_room(hits[0].room_id or hits[0].id)

    def show_room(self, room_id: int, ticked=None) -> None:
        """The cashier on a room, its open charges all ticked, or only ``ticked`` (charge ids: the release
        form sends the overdue management fee a tenant must pay, not next month's)."""
        self.room = estate.get_room(room_id)
        self.message.clear()
        self.room_box.setText(self.room.code)
        self.room_title.setText(printed_room_label(self.room))
        parties = people.current_parties(room_id)
        owners = [p.person.name for p in parties if p.role in (people.OWNER, people.CO_OWNER)]
        tenants = [p.person.name for p in parties if p.role == people.TENANT]
        held = sum(d.held_fen for d in Deposit.select().where((Deposit.room == room_id) & (Deposit.held_fen > 0)))
        credit = charging.credit_balance(room_id)
        self.room_facts.setText(
            f"{_('Owner')}: {'、'.join(owners) or _('none on record')}    "
            + (f"{_('Tenant')}: {'、'.join(tenants)}    " if tenants else "")
            + f"{_('Gross area')}: {self.room.area} m²    {_('Prepaid credit')}: {yuan(credit)}    "
            f"{_('Deposits held')}: {yuan(held)}")
        self.payer.clear()
        self.payer.addItems(tenants + owners if self.room.state == estate.LET else owners + tenants)
        self.charges.load(charging.open_charges(room_id), ticked)
        for box in self.item_boxes.values():
            box.setValue(0)
        self.prepayment.setChecked(False)
        self.note.clear()
        self._reset_method()            # a new payer: the method of the last one does not carry over
        self._set_enabled(True)
        self.amount.setFocus()
        self.amount.selectAll()

    def _set_enabled(self, on: bool) -> None:
        for widget in (self.payer, self.method, self.amount, self.prepayment, self.note, self.take_button,
                       self.charges_view):
            widget.setEnabled(on)

    # --- amounts ----------------------------------------------------------------------------
    def _fill_amount(self) -> None:
        owed = self.charges.ticked_owed()
        if self.room is not None and not self.charges.charges:
            self.owed_label.setText(_("This room owes nothing: take a prepayment or desk items, or choose another room."))
        else:
            self.owed_label.setText(_("Ticked: {owed}").format(owed=yuan(owed)))
        self.amount.set_fen(owed) if owed else self.amount.clear()

    def _desk_items(self) -> list[DeskItem]:
        return [DeskItem(code, box.value()) for code, box in self.item_boxes.items() if box.value()]

    def _update_total(self) -> None:
        towards = self.amount.fen() or 0
        desk = sum(rates.standard_amount(d.code) * d.quantity for d in self._desk_items())
        total = towards + desk
        self.total_label.setText(f"{_('Total')}: {yuan(total)}\n{capital(total)}" if total else "")

    # --- taking the money -------------------------------------------------------------------
    def take(self) -> None:
        if self.room is None or not self.take_button.isEnabled():
            return
        ticked = [c.id for c in self.charges.charges if c.id in self.charges.ticked]
        all_ticked = len(ticked) == len(self.charges.charges)
        payment = Payment(payer=self.payer.currentText(), method=self.method.currentData(),
                          amount=self.amount.text().strip() or 0,
                          charge_ids=None if all_ticked else ticked, prepayment=self.prepayment.isChecked(),
                          items=self._desk_items(), note=self.note.text())
        try:
            receipt = take_payment(self.ctx.actor, self.room.id, payment)
        except DomainError as error:
            self._say(str(error))
            return
        bus.changed("money")
        self.last_receipt = receipt
        self.show_room(self.room.id)
        self._say(_("Receipt {serial} issued: {total}.").format(serial=receipt.serial, total=yuan(receipt.total_fen)),
                  refusal=False)
        self.print_receipt(receipt.id)

    def _say(self, text: str, refusal: bool = True) -> None:
        """A refusal in red, cleared by the next change; the receipt just issued in green, kept until the next."""
        self.message.setStyleSheet("color: #c9302c; font-weight: bold;" if refusal else
                                   "color: #2e7d32; font-weight: bold;")
        self.message.setProperty("refusal", refusal)
        self.message.setText(text)

    def _clear_refusal(self) -> None:
        if self.message.property("refusal"):
            self.message.clear()

    def print_receipt(self, receipt_id: int) -> None:
        from ui.money.printing import preview_receipt
        try:
            self.preview = preview_receipt(self, receipt_id)
        except Exception as error:  # noqa: BLE001 - the money is taken; printing can be retried
            show_error(self, error)
