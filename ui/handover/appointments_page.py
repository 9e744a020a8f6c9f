"""交房预约: a day's handover appointments (today first; ← and → go a day back and on), booked, cancelled,
marked as not come, or handed over from here; the day's list printed for the desk.

The room's page books one too (预约交房…: ``book_for_room``). 办理交房 (or a double-click, or Enter on a
booked row) opens the handover form on the appointment, the owner and the room filled.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from models.handover import handing
from models.handover.tables import BOOKED, CANCELLED, DONE, MISSED
from models.i18n import _
from models.listing import get_list
from models.users import revealed
from ui.bus import bus
from ui.handover.handover_book import book_dialog
from ui.widgets.editors import DateEdit
from ui.widgets.forms import error_label
from ui.widgets.messages import ask_text, confirm
from ui.widgets.operations import run_op
from ui.widgets.table_model import ListModel
from ui.widgets.tables import read_only_table

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
GREY, GREEN = "#888888", "#2e7d32"


class DayModel(ListModel):
    """The list "appointments" on one day, in time order: the time alone (the day is the page's), those
    cancelled or not come greyed, those handed over in green."""

    def __init__(self, ctx, parent=None):
        super().__init__(get_list("appointments"), reveal=revealed(ctx.actor), parent=parent)
        self.keys = [c.key for c in self.columns]
        self.sort_key, self.descending = "at", False

    def value(self, row: int, key: str):
        values = self._row_values(row)
        return values[self.keys.index(key)] if values is not None else None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ForegroundRole:
            state = self.value(index.row(), "state")
            if state in (CANCELLED, MISSED):
                return QBrush(QColor(GREY))
            if state == DONE:
                return QBrush(QColor(GREEN))
        if role == Qt.DisplayRole and self.keys[index.column()] == "at":
            at = self.value(index.row(), "at")
            return f"{at:%H:%M}" if isinstance(at, dt.datetime) else super().data(index, role)
        return super().data(index, role)


class AppointmentsPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.day = dt.date.today()
        self.model = DayModel(ctx, self)
        self.view = read_only_table(self.model, single_selection=True)
        self.view.setColumnHidden(self.model.keys.index("made_at"), True)
        self.view.setStyleSheet("QTableView::item { padding: 0 8px; }")
        self.view.verticalHeader().setDefaultSectionSize(28)
        self.view.activated.connect(lambda _i: self.hand_over())
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._enable())
        self.message = error_label()
        layout = QVBoxLayout(self)
        layout.addLayout(self._day_bar())
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        layout.addLayout(self._buttons())
        QShortcut(QKeySequence("Alt+Left"), self, activated=lambda: self.move_day(-1))
        QShortcut(QKeySequence("Alt+Right"), self, activated=lambda: self.move_day(1))
        bus.data_changed.connect(self._on_data_changed)
        self._stale = True

    def _day_bar(self) -> QHBoxLayout:
        self.back = QPushButton("←")
        self.back.setToolTip(_("The day before (Alt+←)"))
        self.back.clicked.connect(lambda: self.move_day(-1))
        self.on = QPushButton("→")
        self.on.setToolTip(_("The day after (Alt+→)"))
        self.on.clicked.connect(lambda: self.move_day(1))
        for button in (self.back, self.on):
            button.setFixedWidth(40)
        self.date = DateEdit(self.day)
        self.date.dateChanged.connect(lambda _d: self.show_day(self.date.value()))
        self.today = QPushButton(_("Back to today"))
        self.today.clicked.connect(lambda: self.show_day(dt.date.today()))
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 16px; font-weight: bold;")
        bar = QHBoxLayout()
        for widget in (self.back, self.date, self.on, self.today):
            bar.addWidget(widget)
        bar.addSpacing(16)
        bar.addWidget(self.heading, 1)
        return bar

    def _buttons(self) -> QHBoxLayout:
        may = self.ctx.actor.can("handover.do")
        self.book_button = QPushButton(_("Book a handover…"))
        self.book_button.clicked.connect(lambda: self.book())
        self.cancel_button = QPushButton(_("Cancel the appointment…"))
        self.cancel_button.clicked.connect(self.cancel)
        self.missed_button = QPushButton(_("Did not come"))
        self.missed_button.clicked.connect(self.missed)
        self.do_button = QPushButton(_("Hand over a room"))
        self.do_button.setStyleSheet("font-weight: bold;")
        self.do_button.clicked.connect(self.hand_over)
        self.print_button = QPushButton(_("Print…"))
        self.print_button.clicked.connect(self.print_day)
        row = QHBoxLayout()
        for button in (self.book_button, self.cancel_button, self.missed_button, self.do_button):
            button.setVisible(may)
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.print_button)
        return row

    # --- the day ---------------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _on_data_changed(self, kind: str) -> None:
        if kind in ("*", "handover", "rooms"):
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    def move_day(self, days: int) -> None:
        self.show_day(self.day + dt.timedelta(days=days))

    def show_day(self, day: dt.date, appointment_id: int | None = None) -> None:
        self.day = day
        if self.date.value() != day:
            self.date.blockSignals(True)
            self.date.set_date(day)
            self.date.blockSignals(False)
        self.refresh(appointment_id)

    def refresh(self, appointment_id: int | None = None) -> None:
        self._stale = False
        chosen = appointment_id or self.current_id()
        self.model.filters["day"] = self.day
        self.model.reload()
        rows = self.model.rowCount()
        states = [self.model.value(row, "state") for row in range(rows)]
        when = _(WEEKDAYS[self.day.weekday()]) + (_("(today)") if self.day == dt.date.today() else "")
        self.heading.setText(_("{date} {weekday}: {n} appointments, {booked} still to come").format(
            date=f"{self.day:%Y-%m-%d}", weekday=when, n=rows, booked=states.count(BOOKED)))
        ids = self.model.ids()
        if chosen in ids:
            self.view.selectRow(ids.index(chosen))
        elif rows:
            self.view.selectRow(states.index(BOOKED) if BOOKED in states else 0)
        self._enable()

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def _current_state(self) -> str | None:
        index = self.view.currentIndex()
        return self.model.value(index.row(), "state") if index.isValid() else None

    def _enable(self) -> None:
        booked = self._current_state() == BOOKED
        for button in (self.cancel_button, self.missed_button, self.do_button):
            button.setEnabled(booked)

    # --- what the desk does ------------------------------------------------------------------------
    def book(self, room_id: int | None = None) -> None:
        book_dialog(self, self.ctx, room_id, self.day, on_booked=lambda made: self.show_day(made.at.date(), made.id))

    def _chosen(self) -> int | None:
        chosen = self.current_id()
        if chosen is None or self._current_state() != BOOKED:
            self.message.setText(_("Choose an appointment still booked first."))
            return None
        self.message.clear()
        return chosen

    def cancel(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        actor = self.ctx.actor
        _reason, ok = ask_text(self, _("Cancel the appointment"), _("Why is the appointment cancelled?"),
                               _("Cancel the appointment"), act=lambda reason: handing.cancel(actor, chosen, reason))
        if ok:
            bus.changed("handover")

    def missed(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        row = self.view.currentIndex().row()
        name, room, at = (self.model.value(row, key) for key in ("name", "room", "at"))
        if confirm(self, _("Did not come"), _("{name} did not come for {room} at {time}?").format(
                name=name, room=room, time=f"{at:%H:%M}"), _("Did not come"), safe=True):
            run_op(self, lambda: handing.missed(self.ctx.actor, chosen), changed="handover", error=self.message)

    def hand_over(self) -> None:
        chosen = self._chosen()
        if chosen is None or not self.ctx.actor.can("handover.do"):
            return
        from ui.handover import open_handover_of
        open_handover_of(self.ctx, handing.get_appointment(chosen).room_id, appointment_id=chosen)

    def print_day(self) -> None:
        from ui.handover.handover_printing import preview_day
        preview_day(self, self.day)


def book_for_room(ctx, room_id: int) -> None:
    """预约交房… from a vacant room's page: the day's appointments, and the booking form on that room."""
    page = ctx.window.open_page("handover_appointments", come_back=True)
    if page is not None:
        page.book(room_id)
