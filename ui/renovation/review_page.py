"""待审批 and 我的首接跟进: the two work queues of an application before its works.

The engineering supervisor (or the director) reviews what waits, oldest first (seed 004 场景二): the row
read in the panel above the list, then 批准 (with conditions), 补资料 (which papers) or 不予批准 (the
reasons), from the row. Others read the queue with the buttons greyed, the machine's sentence saying
who decides. The clerk who took the papers sees, in their follow-up (首接责任制), the applications
whose owner is not told the decision yet, and records how the owner was told. The page looks again
every few seconds while shown, so an application taken at another desk appears by itself.
"""
from __future__ import annotations

import html

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from models.i18n import _
from models.renovation import deciding
from models.renovation.works import RENOVATION, WORKS
from ui.bus import bus
from ui.modules import open_record
from ui.renovation import record_actions as acts
from ui.widgets.table_model import StaticTableModel
from ui.widgets.tables import read_only_table

POLL_MS = 15_000
REVIEW, FOLLOW_UP = "review", "follow_up"


class ReviewPage(QWidget):
    def __init__(self, ctx, mode: str = REVIEW):
        super().__init__()
        self.ctx, self.mode = ctx, mode
        self.renovation = None              # the row looked at (record_actions works on page.renovation)
        self.rows: list = []
        self.chosen: int | None = None
        headers = [_("Application no."), _("Room"), _("Owner"), _("Contractor"), _("Works"), _("Start"),
                   _("Planned end"), _("Workers"), _("Papers taken by"), _("Papers taken at")]
        if mode == FOLLOW_UP:
            headers[8:9] = [_("State")]
        self.model = StaticTableModel(headers, right=(7,))
        self.view = read_only_table(self.model, single_selection=True)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._moved())
        self.view.doubleClicked.connect(lambda _i: self.open_chosen())
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setStyleSheet("QLabel { padding: 8px; font-size: 14px; border: 1px solid #c8c8c8; "
                                  "background: #fffbe6; }")
        self.count = QLabel()
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        verbs = ("approve", "ask_papers", "reject") if mode == REVIEW else ()
        for verb in verbs:
            button = QPushButton(_(RENOVATION.move_of(verb).label) + "…")
            button.clicked.connect(lambda _c=False, v=verb: self._act(lambda: acts.make_move(self, v)))
            row.addWidget(button)
            self.buttons[verb] = button
        if mode == FOLLOW_UP:
            told = QPushButton(_("Owner told…"))
            told.clicked.connect(lambda: self._act(lambda: acts.owner_told(self)))
            row.addWidget(told)
            self.buttons["told"] = told
        open_button = QPushButton(_("Open the renovation"))
        open_button.clicked.connect(self.open_chosen)
        row.addWidget(open_button)
        self.buttons["open"] = open_button
        row.addStretch(1)
        row.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addWidget(self.detail)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        bus.data_changed.connect(self._data_changed)
        self.poll = QTimer(self, interval=POLL_MS)
        self.poll.timeout.connect(lambda: self.refresh() if self.isVisible() else None)
        self.poll.start()
        self._stale = True

    # --- the rows ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._stale = False
        self.rows = deciding.waiting_review() if self.mode == REVIEW else deciding.follow_up(self.ctx.actor)
        table = []
        for r in self.rows:
            works = "、".join(_(WORKS[k]) for k in r.work_keys if k in WORKS) or r.works_note
            last = r.received_by if self.mode == REVIEW else RENOVATION.label(r.state)
            table.append([r.serial, r.room.code, r.owner.name, r.contractor.name, works, str(r.start_on),
                          str(r.end_on), str(r.workers.count()), last, f"{r.submitted_at:%Y-%m-%d %H:%M}"])
        self.model.set_rows(table, keys=[r.id for r in self.rows])
        self.count.setText(_("{n} rows").format(n=len(self.rows)))
        ids = [r.id for r in self.rows]
        if ids:
            self.view.selectRow(ids.index(self.chosen) if self.chosen in ids else 0)
        self._moved()

    def _moved(self) -> None:
        index = self.view.currentIndex()
        self.renovation = self.rows[index.row()] if index.isValid() and index.row() < len(self.rows) else None
        if self.renovation is not None:
            self.chosen = self.renovation.id
        self._show_detail()

    def _show_detail(self) -> None:
        r = self.renovation
        for key, button in self.buttons.items():
            why = None if r is not None else _("Choose an application in the list first.")
            if r is not None and key in ("approve", "ask_papers", "reject"):
                why = RENOVATION.why_not(self.ctx.actor, r, key)
            elif r is not None and key == "told" and not self.ctx.actor.can("renovation.apply"):
                why = _("Only the desk tells the owner.")
            elif r is not None and key == "told" and r.decided_at is None:
                why = _("Not decided yet: the owner is told once it is.")
            button.setEnabled(why is None)
            button.setToolTip(why or "")
        if r is None:
            self.detail.setText(_("No application waits for review.") if self.mode == REVIEW else
                                _("Every owner has been told the decision on the applications you took."))
            return
        esc = html.escape
        works = "、".join(_(WORKS[k]) for k in r.work_keys if k in WORKS)
        lines = [f"<b>{esc(r.serial)}</b> {esc(r.room.label)} · {esc(r.owner.name)}"
                 + (esc(_(" (agent {name})").format(name=r.agent_name)) if r.agent_name else ""),
                 esc(_("Contractor {name}, person in charge {person} {phone}").format(
                     name=r.contractor.name, person=r.contractor.person_in_charge, phone=r.contractor.phone)),
                 esc(_("Works: {works}").format(works="；".join(x for x in (works, r.works_note) if x))),
                 esc(_("From {start} to {end}, {n} workers; fees {fees}.").format(
                     start=r.start_on, end=r.end_on, n=r.workers.count(),
                     fees=r.receipt.serial if r.receipt_id else _("not taken yet")))]
        if r.decided_at is not None:
            lines.append(esc(_("{state} by {who} on {time}: {note}").format(
                state=RENOVATION.label(r.state), who=r.decided_by, time=f"{r.decided_at:%Y-%m-%d %H:%M}",
                note=r.decision_note or "—")))
        elif not self.ctx.actor.can("renovation.review"):
            lines.append(esc(_("Waiting for the engineering supervisor, who reviews it from their own desk.")))
        self.detail.setText("<br>".join(lines))

    def _act(self, act) -> None:
        if self.renovation is not None:
            act()

    def open_chosen(self) -> None:
        if self.renovation is not None:
            open_record(self.ctx, "renovation", self.renovation.id)

    def _data_changed(self, kind: str) -> None:
        if kind in ("*", "renovation"):
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    def showEvent(self, event):
        super().showEvent(event)
        if self._stale:
            self.refresh()
